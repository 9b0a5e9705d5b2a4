"""The intranet shell: login, navigation, the rules page, error pages."""

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/personer/", "/profil/anna/", "/regler/", "/admin/"])
def test_every_page_requires_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logga-in/")


def test_wrong_password_gives_one_swedish_message_whether_or_not_the_user_exists(
    client, employee
):
    wrong_password = client.post("/konto/logga-in/", {"username": "anna", "password": "fel"})
    no_such_user = client.post("/konto/logga-in/", {"username": "ingen", "password": "fel"})
    message = "Fel användarnamn eller lösenord."
    assert message in wrong_password.content.decode()
    assert message in no_such_user.content.decode()
    assert wrong_password.content.decode().count(message) == 1
    assert "_auth_user_id" not in client.session


def test_login_then_start_page_in_swedish_with_navigation(client, employee):
    response = client.post(
        "/konto/logga-in/", {"username": "anna", "password": "demo"}, follow=True
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in html
    assert "Välkommen, Anna" in html
    assert 'href="/personer/"' in html
    assert 'href="/profil/anna/"' in html
    assert 'href="/regler/"' in html


def test_logout_needs_post(client, employee):
    client.force_login(employee)
    assert client.get("/konto/logga-ut/").status_code == 405
    assert client.post("/konto/logga-ut/").status_code == 302
    assert client.get("/").status_code == 302


def test_rules_page_lists_the_guidelines_samtalston(client, employee):
    client.force_login(employee)
    html = client.get("/regler/").content.decode()
    assert "Regler för sociala funktioner" in html
    assert "hets mot folkgrupp" in html
    assert "Personnummer" in html


def test_not_found_is_swedish(client, employee):
    client.force_login(employee)
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_english_is_available(client, employee):
    client.force_login(employee)
    client.post("/sprak/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html


def test_wagtail_admin_for_webbredaktionen_but_not_ordinary_employees(client, employee, webbred):
    client.force_login(employee)
    assert client.get("/admin/").status_code == 302
    client.force_login(webbred)
    assert client.get("/admin/").status_code == 200


def test_django_admin_is_for_superusers_only(client, employee):
    employee.is_staff = True
    employee.save()
    employee.groups.add(Group.objects.get(name="Webbredaktionen"))
    client.force_login(employee)
    assert client.get("/django-admin/").status_code == 302


def test_server_error_page_is_swedish(client, employee, monkeypatch):
    def broken(user):
        raise RuntimeError("databasen svarar inte")

    monkeypatch.setattr("profiles.views.profiles_visible_to", broken)
    client.raise_request_exception = False
    client.force_login(employee)
    response = client.get("/personer/")
    assert response.status_code == 500
    assert "Ett fel uppstod" in response.content.decode()
    assert "databasen svarar inte" not in response.content.decode()
