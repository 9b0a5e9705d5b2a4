app_name = "collab"

urlpatterns: list = []
