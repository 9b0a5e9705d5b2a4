from django.urls import path

from . import views

app_name = "collab"

urlpatterns = [
    path("", views.room_list, name="room_list"),
    path("ny/", views.room_create, name="room_create"),
    path("bevakning/", views.watch_list, name="watch_list"),
    path("<slug:slug>/arkivera/", views.archive_and_decommission, name="archive"),
    path("<slug:slug>/", views.room_detail, name="room"),
    path("<slug:slug>/bild/<int:image_id>/<str:size>/", views.room_image, name="image"),
    path("<slug:slug>/ga-med/", views.room_join, name="join"),
    path("<slug:slug>/ansok/", views.room_apply, name="apply"),
    path("<slug:slug>/ansok/aterkalla/", views.application_withdraw, name="withdraw"),
    path("<slug:slug>/lamna/", views.room_leave, name="leave"),
    path("<slug:slug>/inbjudan/", views.invitation_answer, name="invitation_answer"),
    path("<slug:slug>/dokument/", views.document_list, name="documents"),
    path("<slug:slug>/dokument/<int:pk>/hamta/", views.document_download,
         name="document_download"),
    path("<slug:slug>/dokument/<int:pk>/ta-bort/", views.document_remove,
         name="document_remove"),
    path("<slug:slug>/dokument/<int:pk>/behall/", views.document_keep, name="document_keep"),
    path("<slug:slug>/hantera/", views.room_manage, name="manage"),
    path("<slug:slug>/hantera/andra/", views.room_edit, name="edit"),
    path("<slug:slug>/hantera/bild/", views.room_image_edit, name="image_edit"),
    path("<slug:slug>/hantera/bjud-in/", views.member_invite, name="invite"),
    path("<slug:slug>/hantera/ansokan/<int:pk>/", views.application_decide, name="decide"),
    path("<slug:slug>/hantera/medlem/<int:user_id>/<str:operation>/", views.member_operation,
         name="member_operation"),
    path("<slug:slug>/hantera/overlamna/", views.room_hand_over, name="hand_over"),
    path("<slug:slug>/hantera/avveckla/", views.room_decommission, name="decommission"),
]
