import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from insidan.comments.actions import post_comment
from profiles import actions
from profiles.models import StatusUpdate
from profiles.tests.factories import DepartmentFactory, UserFactory
from profiles.tests.images import image_upload

pytestmark = pytest.mark.django_db


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def with_skills(user, *skills, description="Jag arbetar här"):
    actions.update_own_profile(actor=user, profile=user.profile, work_description=description,
                               experience="", languages="", skills=list(skills))


def test_profile_page_shows_texts_report_link_and_own_prompts(client, employee):
    client.force_login(employee)
    html = client.get("/profil/anna/").content.decode()
    assert "Anmäl" in html and "profilsidan av Anna Lindqvist" in html
    assert "Din profil är 0 % komplett." in html
    assert "Min profil stämmer" in html
    with_skills(employee, "GIS")
    html = client.get("/profil/anna/").content.decode()
    assert "Din profil är 67 % komplett." in html and "Min profil stämmer" not in html
    assert "Ett foto på dig" in html


def test_review_reminder_after_twelve_months(client, employee):
    from datetime import timedelta

    from django.utils import timezone

    client.force_login(employee)
    client.post("/min-profil/granskad/")
    employee.profile.refresh_from_db()
    assert not employee.profile.needs_review()
    assert employee.profile.needs_review(now=timezone.now() + timedelta(days=366))


def test_other_people_do_not_see_prompts_or_edit(client, employee, other_employee):
    client.force_login(other_employee)
    html = client.get("/profil/anna/").content.decode()
    assert "komplett" not in html and "Följ" in html


def test_edit_page_changes_only_the_employees_own_fields(client, employee):
    client.force_login(employee)
    response = client.post("/min-profil/andra/", {
        "work_description": "Utredningar", "experience": "", "languages": "svenska",
        "skills": "GIS, Python", "title": "Kommundirektör", "phone": "000",
    })
    assert response.status_code == 302
    employee.profile.refresh_from_db()
    assert employee.profile.work_description == "Utredningar"
    assert employee.profile.title == "Handläggare" and employee.profile.phone != "000"


def test_edit_page_refuses_personnummer_and_keeps_the_text(client, employee):
    client.force_login(employee)
    response = client.post("/min-profil/andra/", {"work_description": "Nr 811218-9876",
                                                  "skills": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "personnummer" in html and "Nr 811218-9876" in html


def test_post_status_through_the_page(client, employee, other_employee):
    client.force_login(employee)
    response = client.post("/min-profil/status/", {"body": "Jobbar med *GIS*"})
    update = StatusUpdate.objects.get()
    assert response["Location"] == update.get_absolute_url()
    client.force_login(other_employee)
    html = client.get(update.get_absolute_url()).content.decode()
    assert "<em>GIS</em>" in html and "statusuppdateringen av Anna Lindqvist" in html
    assert "Kommentera" in html


def test_status_update_over_the_limit_is_refused_with_a_message(client, employee):
    client.force_login(employee)
    response = client.post("/min-profil/status/", {"body": "x" * 1001})
    assert response.status_code == 400
    assert "1000 tecken" in response.content.decode() or "1 000" in response.content.decode()
    assert not StatusUpdate.objects.exists()


def test_removed_status_update_shows_a_tombstone(client, employee, other_employee):
    update = actions.post_status_update(actor=employee, body="Olämpligt")
    update.apply_tombstone(reason="Kränkande", at=None)
    client.force_login(other_employee)
    html = client.get("/profil/anna/").content.decode()
    assert "Borttaget av webbredaktionen: Kränkande." in html and "Olämpligt" not in html
    assert client.get(update.get_absolute_url()).status_code == 404


def test_deactivated_profile_is_404_and_not_found(client, employee, other_employee):
    with_skills(other_employee, "GIS")
    actions.post_status_update(actor=other_employee, body="Sista dagen")
    actions.deactivate_employee(actor=None, user=other_employee)
    client.force_login(employee)
    assert client.get("/profil/erik/").status_code == 404
    assert 'href="/profil/erik/"' not in client.get("/personer/?q=Erik").content.decode()
    assert client.get("/personer/autocomplete/?q=Er").json() == {"results": []}
    update = StatusUpdate.objects.get()
    html = client.get(update.get_absolute_url()).content.decode()
    assert "Sista dagen" in html and "Erik Bergström" in html  # posts stay, with the name


def test_people_search_by_name_title_department_and_skill(client, employee, other_employee):
    with_skills(other_employee, "Upphandling")
    other_employee.profile.department = DepartmentFactory(name="Räddningstjänsten")
    other_employee.profile.title = "Brandman"
    other_employee.profile.save()
    from wagtail.search import index
    index.insert_or_update_object(other_employee.profile)
    client.force_login(UserFactory(username="viewer"))
    erik, anna = 'href="/profil/erik/"', 'href="/profil/anna/"'
    for query in ["Bergström", "Brandman", "Räddningstjänsten", "upphandling"]:
        html = client.get("/personer/", {"q": query}).content.decode()
        assert erik in html and anna not in html, query
    skill = other_employee.profile.skills.get()
    html = client.get("/personer/", {"skill": skill.slug}).content.decode()
    assert erik in html and anna not in html
    department = other_employee.profile.department_id
    html = client.get("/personer/", {"department": department}).content.decode()
    assert erik in html and anna not in html


def test_autocomplete_is_json_for_logged_in_users_only(client, employee, other_employee):
    response = client.get("/personer/autocomplete/?q=Er")
    assert response.status_code == 302  # to the login page
    client.force_login(employee)
    data = client.get("/personer/autocomplete/?q=Er").json()
    assert [r["username"] for r in data["results"]] == ["erik"]


def test_photo_is_served_as_a_rendition_to_logged_in_users(client, employee, other_employee):
    actions.set_photo(actor=employee, profile=employee.profile, upload=image_upload())
    assert client.get("/profil/anna/foto/large/").status_code == 302
    client.force_login(other_employee)
    response = client.get("/profil/anna/foto/large/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get("/profil/anna/foto/original/").status_code == 404
    assert client.get("/profil/erik/foto/large/").status_code == 404  # no photo
    actions.deactivate_employee(actor=None, user=employee)
    assert client.get("/profil/anna/foto/large/").status_code == 404


def test_photo_upload_errors_are_shown(client, employee):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(employee)
    response = client.post("/min-profil/foto/",
                           {"photo": SimpleUploadedFile("x.jpg", b"not an image")})
    assert response.status_code == 400
    assert "ingen bild som går att läsa" in response.content.decode()


def test_follow_through_the_page(client, employee, other_employee):
    client.force_login(employee)
    client.post("/profil/erik/folj/", {"follow": "1"})
    assert other_employee.followers.count() == 1
    client.post("/profil/erik/folj/", {"follow": "0"})
    assert other_employee.followers.count() == 0


def fill_people(n: int) -> None:
    for i in range(n):
        user = UserFactory()
        with_skills(user, f"Kunskap {i}")
        actions.set_photo(actor=user, profile=user.profile, upload=image_upload())


def test_people_page_runs_a_fixed_number_of_queries(client, employee):
    client.force_login(employee)
    fill_people(2)
    actions.post_status_update(actor=employee, body="Hej")
    small = [count_queries(client, url) for url in
             ["/personer/", "/personer/?q=Kunskap", "/personer/?skill=kunskap-0"]]
    fill_people(8)
    for _ in range(4):
        actions.post_status_update(actor=employee, body="Hej igen")
    large = [count_queries(client, url) for url in
             ["/personer/", "/personer/?q=Kunskap", "/personer/?skill=kunskap-0"]]
    assert small == large


def fill_status(author, commenters, updates: int, comments: int) -> None:
    for _ in range(updates):
        update = actions.post_status_update(actor=author, body="Status")
        for c in range(comments):
            comment = post_comment(actor=commenters[c % 2], target=update, text="Kommentar")
            post_comment(actor=author, target=update, text="Svar", parent=comment)


def test_profile_page_with_20_updates_runs_a_fixed_number_of_queries(client, employee):
    client.force_login(UserFactory())
    fill_status(employee, [], updates=3, comments=0)
    small = count_queries(client, "/profil/anna/")
    fill_status(employee, [], updates=25, comments=0)
    assert count_queries(client, "/profil/anna/") == small


def test_profile_page_with_20_updates_and_comments_runs_a_fixed_number_of_queries(
        client, employee, other_employee):
    commenters = [other_employee, UserFactory()]
    client.force_login(UserFactory())
    fill_status(employee, commenters, updates=20, comments=1)
    small = count_queries(client, "/profil/anna/")
    fill_status(employee, commenters, updates=20, comments=3)
    assert count_queries(client, "/profil/anna/") == small


def test_the_people_finder_matches_the_beginning_of_names_titles_departments_and_skills(
        client, employee):
    employee.profile.work_description = "Jag arbetar med budgeten och lönerna."
    employee.profile.save()
    """"Pet", "hol", "kultur", "arkiv" found nobody while the suggestions named five people."""
    petra = UserFactory(username="petra", first_name="Petra", last_name="Holm")
    petra.profile.title = "Arkivarie"
    petra.profile.department = DepartmentFactory(name="Kultur- och fritidsförvaltningen")
    petra.profile.save()
    with_skills(petra, "Informationssäkerhet")
    aberg = UserFactory(username="aberg", first_name="Örjan", last_name="Åberg")
    from wagtail.search import index

    index.insert_or_update_object(employee.profile)
    client.force_login(UserFactory(username="viewer", first_name="Vera", last_name="Vy"))

    def found(query: str) -> set[str]:
        response = client.get("/personer/", {"q": query})
        assert response.status_code == 200
        html = response.content.decode()
        return {name for name in ("petra", "aberg", "anna") if f'href="/profil/{name}/"' in html}

    for query in ["Pet", "pet", "hol", "HOLM", "kultur", "fritid", "arkiv", "informations",
                  "Petra Holm", "pet arkiv"]:
        assert found(query) == {"petra"}, query
    assert found("åb") == {"aberg"} and found("Åberg") == {"aberg"} and found("ör") == {"aberg"}
    assert found("ab") == set()  # å is a letter of its own
    assert found("etra") == set()  # the beginning of a word, not any part
    assert found("pet holmgren") == set()  # every word must match
    assert aberg.is_active
    assert found("budget") == {"anna"}  # the own texts, in full-text search (budgeten)


@pytest.mark.parametrize("query", ['"', '"Pet', "Pet*", "(hol", "\\", "a|b", ".*", "[", "Pet'",
                                   "-", "OR", "&&", "%", "_"])
def test_query_syntax_in_the_people_finder_is_harmless(client, query):
    UserFactory(username="petra", first_name="Petra", last_name="Holm")
    client.force_login(UserFactory(username="viewer", first_name="Vera", last_name="Vy"))
    response = client.get("/personer/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert ('href="/profil/petra/"' in html) == (query in ('"Pet', "Pet*", "(hol", "Pet'"))


def test_webbredaktionen_opens_the_list_of_ownerless_channels(client, webbred):
    """The admin home's panel links to "Kanaler utan ägare"; the group could not open it."""
    client.force_login(webbred)

    response = client.get("/admin/ownerless-channels/")

    assert response.status_code == 200
    assert "Kanaler utan ägare" in response.content.decode()
