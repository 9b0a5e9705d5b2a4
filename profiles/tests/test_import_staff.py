import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from notifications.models import Notification

from forums.tests.factories import ForumFactory
from profiles.models import OwnerlessChannel, Profile
from profiles.selectors import find_people
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()

HEADER = ("username,first_name,last_name,email,title,department,manager_username,phone,mobile,"
          "workplace,employee_number")
CHEF = ("chef,Cecilia,Holm,chef@kommun.example,Enhetschef,Kommunledningskontoret,,018-1,,"
        "Stadshuset,1")
ANNA = ("anna,Anna,Lindqvist,anna@kommun.example,Handläggare,Kommunledningskontoret,chef,018-2,,"
        "Stadshuset,2")
ORJAN = ("orjan,Örjan,Åström,orjan@kommun.example,Brandman,Räddningstjänsten,chef,018-3,,"
         "Brandstationen,3")


def write(tmp_path, lines, encoding="utf-8", name="personal.csv"):
    path = tmp_path / name
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return str(path)


def run(path, *args):
    call_command("import_staff", path, *args)


def test_utf8_import_resolves_managers_listed_later(tmp_path):
    run(write(tmp_path, [HEADER, ANNA, ORJAN, CHEF]))
    anna = Profile.objects.select_related("manager", "department").get(user__username="anna")
    assert anna.manager.username == "chef"
    assert anna.department.name == "Kommunledningskontoret"
    assert User.objects.get(username="orjan").get_full_name() == "Örjan Åström"


def test_windows_1252_with_semicolons(tmp_path):
    lines = [line.replace(",", ";") for line in [HEADER, CHEF, ORJAN]]
    run(write(tmp_path, lines, encoding="cp1252"))
    assert User.objects.get(username="orjan").last_name == "Åström"


def test_utf8_with_byte_order_mark(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join([HEADER, CHEF]).encode())
    run(str(path))
    assert User.objects.filter(username="chef").exists()


def test_rerun_updates_and_never_duplicates(tmp_path):
    run(write(tmp_path, [HEADER, CHEF, ANNA]))
    run(write(tmp_path, [HEADER, CHEF, ANNA.replace("Handläggare", "Utredare")]))
    assert User.objects.filter(username="anna").count() == 1
    assert Profile.objects.filter(user__username="anna").count() == 1
    assert Profile.objects.get(user__username="anna").title == "Utredare"


def test_missing_person_is_deactivated_not_deleted_and_channels_flagged(
        tmp_path, webbred, django_capture_on_commit_callbacks):
    wilma = "webbred,Wilma,Eriksson,w@kommun.example,Webbredaktör,Kommunledningskontoret,,,,,"
    run(write(tmp_path, [HEADER, CHEF, ANNA, ORJAN, wilma]))
    orjan = User.objects.get(username="orjan")
    deputy = User.objects.get(username="anna")
    forum = ForumFactory(owner=orjan)
    forum.deputies.add(deputy)
    with django_capture_on_commit_callbacks(execute=True):
        run(write(tmp_path, [HEADER, CHEF, ANNA, wilma]))
    orjan.refresh_from_db()
    assert not orjan.is_active and Profile.objects.filter(user=orjan).exists()
    assert list(find_people(deputy, query="Åström")) == []
    flag = OwnerlessChannel.objects.get()
    assert flag.channel == forum and flag.resolved_at is None
    recipients = set(Notification.objects.filter(verb="channel_ownerless")
                     .values_list("recipient__username", flat=True))
    assert recipients == {"anna", "webbred"}


def test_missing_columns_refuse_the_whole_file(tmp_path):
    with pytest.raises(CommandError, match="saknar kolumnerna: phone"):
        run(write(tmp_path, [HEADER.replace(",phone", ""), CHEF]))
    assert not User.objects.filter(username="chef").exists()


def test_bad_rows_are_listed_with_line_numbers_and_nothing_is_imported(tmp_path, capsys):
    bad = [HEADER, CHEF, ANNA, ANNA, ORJAN.replace(",chef,", ",nobody,"), "kalle,Kalle",
           ",Utan,Namn,x@kommun.example,,,,,,,"]
    with pytest.raises(CommandError, match="Inget är importerat"):
        run(write(tmp_path, bad))
    err = capsys.readouterr().err
    assert "Rad 3: " in err and "Rad 4: användarnamnet anna finns redan på rad 3" in err
    assert "Rad 5: okänd chef nobody" in err
    assert "Rad 6: fel antal kolumner" in err
    assert "Rad 7: saknar värde i username" in err
    assert not User.objects.filter(username__in=["chef", "anna", "orjan"]).exists()


def test_skip_invalid_imports_the_good_rows_and_leaves_rejected_people_alone(tmp_path):
    run(write(tmp_path, [HEADER, CHEF, ANNA, ORJAN]))
    run(write(tmp_path, [HEADER, CHEF, ANNA, ORJAN.replace(",chef,", ",nobody,")]),
        "--skip-invalid")
    assert User.objects.get(username="orjan").is_active  # rejected, so not deactivated


def test_undecodable_file_is_refused(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(HEADER.encode() + b"\n\x81\x8d\x8f,x,y")
    with pytest.raises(CommandError, match="varken UTF-8 eller Windows-1252"):
        run(str(path))


def test_reappearing_person_is_reactivated(tmp_path):
    run(write(tmp_path, [HEADER, CHEF, ANNA]))
    run(write(tmp_path, [HEADER, CHEF]))
    assert not User.objects.get(username="anna").is_active
    run(write(tmp_path, [HEADER, CHEF, ANNA]))
    assert User.objects.get(username="anna").is_active


def test_superusers_are_not_deactivated(tmp_path):
    UserFactory(username="admin", is_superuser=True)
    run(write(tmp_path, [HEADER, CHEF]))
    assert User.objects.get(username="admin").is_active
