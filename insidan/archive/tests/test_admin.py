"""The archive browser in the Wagtail admin: Webbredaktionen and the Arkivarie group search,
read and download archive records, archive packages and registrations; nobody changes them."""

import json

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from wagtail.models import ModelLogEntry

from forums.actions import reply
from insidan.archive.actions import archive_then_remove, register_item, take_snapshot
from insidan.archive.models import ArchiveRecord, Registration, Snapshot
from profiles.tests.factories import UserFactory

from .conftest import DOCUMENT_BYTES


@pytest.fixture
def archivist(db):
    user = UserFactory(username="arkivarie", first_name="Arvid", last_name="Arkiv")
    user.groups.add(Group.objects.get(name="Arkivarie"))
    return user


@pytest.fixture
def other_admin_user(db):
    """Someone with access to the admin but in neither group (e.g. a page editor)."""
    user = UserFactory(username="redaktor")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def record(media, webbred, document):
    return archive_then_remove(actor=webbred, item=document, reason="Upphovsrättsintrång",
                               notify_author=False)


@pytest.fixture
def snapshot(media, webbred, post):
    return take_snapshot(actor=webbred, reason="Före omorganisationen")


@pytest.fixture
def registration(webbred, post):
    return register_item(actor=webbred, item=post, description="Fråga om öppettider")


def url(name: str, *args) -> str:
    return reverse(name, args=args)


def test_arkivarie_group_may_use_the_admin(db):
    codenames = set(Group.objects.get(name="Arkivarie").permissions.values_list("codename",
                                                                                 flat=True))
    assert "access_admin" in codenames
    assert not {c for c in codenames if c.endswith(("archiverecord", "snapshot", "registration"))}


@pytest.mark.parametrize("reader", ["webbred", "archivist"])
def test_readers_search_and_read_archive_records(client, request, reader, record):
    client.force_login(request.getfixturevalue(reader))
    listing = client.get(url("archive_records:index"))
    assert listing.status_code == 200 and record.object_label in listing.text
    found = client.get(url("archive_records:index"), {"q": "Protokoll"})
    assert record.object_label in found.text
    missing = client.get(url("archive_records:index"), {"q": "inget-sådant"})
    assert record.object_label not in missing.text
    page = client.get(url("archive_records:inspect", record.pk))
    assert page.status_code == 200
    assert "Upphovsrättsintrång" in page.text and "Protokoll 3 mars.txt" in page.text
    assert record.attachments.get().sha256 in page.text


@pytest.mark.parametrize("reader", ["webbred", "archivist"])
def test_readers_download_records_attachments_packages_and_registrations(
    client, request, reader, record, snapshot, registration
):
    client.force_login(request.getfixturevalue(reader))
    data = client.get(url("archive_records:download", record.pk, "json"))
    assert data.status_code == 200 and data["X-Content-Type-Options"] == "nosniff"
    assert json.loads(data.content)["archive_record"] == str(record.uuid)
    html = client.get(url("archive_records:download", record.pk, "html"))
    assert html["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in html["Content-Security-Policy"]
    attachment = client.get(url("archive_records:attachment", record.attachments.get().pk))
    assert b"".join(attachment.streaming_content) == DOCUMENT_BYTES
    package = client.get(url("archive_packages:download", snapshot.pk))
    assert package["Content-Type"] == "application/x-tar"
    assert len(b"".join(package.streaming_content)) == snapshot.size
    export = client.get(url("archive_registrations:download", registration.pk, "json"))
    assert json.loads(export.content)["diarienummer"] == registration.diarienummer
    assert ModelLogEntry.objects.filter(action="insidan.archive.download").count() == 5
    for name in ("archive_packages", "archive_registrations"):
        assert client.get(url(f"{name}:index")).status_code == 200
    assert client.get(url("archive_packages:inspect", snapshot.pk)).status_code == 200
    assert client.get(url("archive_registrations:inspect", registration.pk)).status_code == 200


@pytest.mark.parametrize("who", ["other_admin_user", "employee"])
def test_nobody_else_reads_the_archive(client, request, who, record, snapshot, registration):
    client.force_login(request.getfixturevalue(who))
    for address in [
        url("archive_records:index"), url("archive_records:inspect", record.pk),
        url("archive_records:download", record.pk, "json"),
        url("archive_records:attachment", record.attachments.get().pk),
        url("archive_packages:index"), url("archive_packages:download", snapshot.pk),
        url("archive_packages:add"),
        url("archive_registrations:index"),
        url("archive_registrations:download", registration.pk, "html"),
    ]:
        assert client.get(address).status_code in (302, 403), address
    assert not ModelLogEntry.objects.filter(action="insidan.archive.download").exists()


def test_the_archive_menu_is_shown_to_readers_only(client, archivist, other_admin_user):
    client.force_login(archivist)
    assert url("archive_records:index") in client.get("/admin/").text
    client.force_login(other_admin_user)
    assert url("archive_records:index") not in client.get("/admin/").text


def test_the_browser_is_read_only(client, webbred, record, registration):
    for name in ("archive_records", "archive_registrations", "archive_packages"):
        for view in ("edit", "delete", "copy"):
            with pytest.raises(NoReverseMatch):
                reverse(f"{name}:{view}", args=[1])
    for name in ("archive_records", "archive_registrations"):
        with pytest.raises(NoReverseMatch):
            reverse(f"{name}:add")
    webbred.is_superuser = True
    webbred.save()
    client.force_login(webbred)
    page = client.get(url("archive_records:inspect", record.pk))
    assert "/edit/" not in page.text and "/delete/" not in page.text
    for address in (f"/admin/arkiv/poster/edit/{record.pk}/",
                    f"/admin/arkiv/poster/delete/{record.pk}/"):
        assert client.post(address, {"reason": "ändrat"}).status_code == 404
    record.refresh_from_db()
    assert record.reason == "Upphovsrättsintrång" and Registration.objects.count() == 1


def test_record_list_runs_the_same_queries_however_many_records(
    client, media, webbred, discussion, other_employee
):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("archive_records:index")).status_code == 200
        return len(queries)

    client.force_login(webbred)
    archive_then_remove(actor=webbred, item=discussion.posts.first(), reason="Reklam")
    few = count()
    for number in range(4):
        post = reply(actor=other_employee, discussion=discussion, body=f"Inlägg {number}")
        archive_then_remove(actor=webbred, item=post, reason="Reklam")
    assert ArchiveRecord.objects.count() == 5
    assert count() == few


# --- the extra snapshot ---------------------------------------------------------------------


def test_webbredaktionen_starts_an_extra_snapshot_with_a_note(client, media, webbred, post):
    client.force_login(webbred)
    index = client.get(url("archive_packages:index"))
    assert "Ta en extra ögonblicksbild" in index.text
    assert client.get(url("archive_packages:add")).status_code == 200
    response = client.post(url("archive_packages:add"), {"reason": "Ny nämndorganisation"})
    snapshot = Snapshot.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("archive_packages:inspect", snapshot.pk)
    assert snapshot.reason == "Ny nämndorganisation"
    assert snapshot.created_by_username == "webbred"


def test_the_note_is_required_and_the_archivist_cannot_start_one(client, media, webbred,
                                                                 archivist):
    client.force_login(webbred)
    response = client.post(url("archive_packages:add"), {"reason": ""})
    assert response.status_code == 200 and not Snapshot.objects.exists()
    client.force_login(archivist)
    assert "Ta en extra ögonblicksbild" not in client.get(url("archive_packages:index")).text
    assert client.post(url("archive_packages:add"), {"reason": "x"}).status_code in (302, 403)
    assert not Snapshot.objects.exists()


def test_a_bad_archive_folder_is_shown_in_the_form(client, media, settings_, webbred, post,
                                                   tmp_path):
    blocker = tmp_path / "fil"
    blocker.write_text("x")
    settings_.ARCHIVE_ROOT = blocker
    client.force_login(webbred)
    response = client.post(url("archive_packages:add"), {"reason": "Test"})
    assert response.status_code == 200
    assert "kunde inte skrivas" in response.text and "Inget paket sparades" in response.text
    assert not Snapshot.objects.exists()


@pytest.fixture
def settings_(settings):
    return settings


def test_webbredaktionen_group_name_comes_from_settings():
    assert settings.WEBBREDAKTIONEN_GROUP == "Webbredaktionen"


def _clock(value) -> tuple[str, str]:
    """(Stockholm's HH:MM, UTC's HH:MM) of a moment: they always differ (UTC+1 or +2)."""
    from datetime import UTC

    from django.utils import timezone

    return (timezone.localtime(value).strftime("%H:%M"),
            value.astimezone(UTC).strftime("%H:%M"))


def test_the_archive_shows_stockholm_time_everywhere_a_person_reads_one(
    client, webbred, record, snapshot, registration
):
    """"Borttaget 14:22" beside the case's "15:22": every time a person reads is
    Europe/Stockholm; the packages themselves keep UTC with its offset."""
    client.force_login(webbred)
    pages = {
        "record": (client.get(url("archive_records:inspect", record.pk)).text,
                   record.removed_at),
        "records": (client.get(url("archive_records:index")).text, record.removed_at),
        "package": (client.get(url("archive_packages:inspect", snapshot.pk)).text,
                    snapshot.created_at),
        "packages": (client.get(url("archive_packages:index")).text, snapshot.created_at),
        "registration": (client.get(url("archive_registrations:inspect",
                                        registration.pk)).text, registration.registered_at),
        "package title": (str(snapshot), snapshot.created_at),
    }
    import re

    for where, (text, moment) in pages.items():
        local, utc = _clock(moment)
        assert local in text, (where, local)
        # UTC only where the stored metadata is shown as it is, with its offset.
        assert not re.search(re.escape(utc) + r"(?!:\d\d(\.\d+)?\+00:00)", text), (where, utc)
