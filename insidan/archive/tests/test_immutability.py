"""Archive records are public records (allmän handling): the application never changes or
deletes them. The models and querysets refuse on every database; on PostgreSQL a trigger
refuses raw SQL too. The legal hold is set in its own table, without touching the record."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from wagtail.models import ModelLogEntry

from insidan.archive.actions import archive_then_remove, register_item, set_legal_hold
from insidan.archive.models import (
    ArchiveAttachment,
    ArchiveRecord,
    ImmutableError,
    LegalHold,
    Registration,
    Snapshot,
    SnapshotKind,
)


@pytest.fixture
def record(media, webbred, document):
    return archive_then_remove(actor=webbred, item=document, reason="Upphovsrättsintrång")


@pytest.fixture
def snapshot(db):
    return Snapshot.objects.create(
        package_id="insidan-test", kind=SnapshotKind.EXTRA, reason="Test", path="/x.tar",
        folder="/x", size=1, sha256="0" * 64, item_count=0,
    )


@pytest.fixture
def registration(webbred, post):
    return register_item(actor=webbred, item=post, description="Fråga om öppettider")


def _values(obj) -> dict:
    type(obj).objects.get(pk=obj.pk)  # still there
    return {f.attname: getattr(type(obj).objects.get(pk=obj.pk), f.attname)
            for f in obj._meta.concrete_fields}


# --- the models and querysets, on every database ----------------------------------------------


@pytest.mark.parametrize("name", ["record", "attachment", "snapshot", "registration"])
def test_model_and_queryset_methods_refuse_changes_and_deletion(db, request, name):
    if name == "attachment":
        obj = request.getfixturevalue("record").attachments.get()
    else:
        obj = request.getfixturevalue(name)
    model = type(obj)
    before = _values(obj)
    text_field = {"record": "reason", "attachment": "name", "snapshot": "reason",
                  "registration": "description"}[name]

    setattr(obj, text_field, "ändrat")
    with pytest.raises(ImmutableError, match="kan inte ändras"):
        obj.save()
    with pytest.raises(ImmutableError, match="kan inte ändras"):
        obj.save(update_fields=[text_field])
    with pytest.raises(ImmutableError, match="kan inte tas bort"):
        obj.delete()
    with pytest.raises(ImmutableError, match="kan inte ändras"):
        model.objects.filter(pk=obj.pk).update(**{text_field: "ändrat"})
    with pytest.raises(ImmutableError, match="kan inte ändras"):
        model.objects.bulk_update([obj], [text_field])
    with pytest.raises(ImmutableError, match="kan inte ändras"):
        model._base_manager.filter(pk=obj.pk).update(**{text_field: "ändrat"})
    with pytest.raises(ImmutableError, match="kan inte ändras"):
        model.objects.update_or_create(pk=obj.pk, defaults={text_field: "ändrat"})
    with pytest.raises(ImmutableError, match="kan inte tas bort"):
        model.objects.filter(pk=obj.pk).delete()
    with pytest.raises(ImmutableError, match="kan inte tas bort"):
        model.objects.all().delete()
    assert _values(obj) == before


def test_related_managers_refuse_too(record):
    with pytest.raises(ImmutableError):
        record.attachments.update(name="x")
    with pytest.raises(ImmutableError):
        record.attachments.all().delete()
    assert record.attachments.get().name == "Protokoll 3 mars.txt"


# --- the database itself (PostgreSQL) -----------------------------------------------------------

TABLES = {
    "record": ("archive_archiverecord", "reason"),
    "attachment": ("archive_archiveattachment", "name"),
    "snapshot": ("archive_snapshot", "reason"),
    "registration": ("archive_registration", "description"),
}


@pytest.mark.parametrize("name", list(TABLES))
@pytest.mark.parametrize("statement", ["UPDATE", "DELETE"])
def test_trigger_refuses_raw_update_and_delete(db, request, name, statement):
    if name == "attachment":
        pk = request.getfixturevalue("record").attachments.get().pk
    else:
        pk = request.getfixturevalue(name).pk
    table, column = TABLES[name]
    sql = (f"UPDATE {table} SET {column} = 'ändrat' WHERE id = %s" if statement == "UPDATE"
           else f"DELETE FROM {table} WHERE id = %s")
    with pytest.raises(IntegrityError, match="allmänna handlingar"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(sql, [pk])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        assert cursor.fetchone()[0] != "ändrat"


def test_trigger_lets_new_records_in(record):
    """The trigger refuses changes, not inserts: archiving goes on working."""
    assert ArchiveRecord.objects.filter(pk=record.pk).exists()
    assert ArchiveAttachment.objects.filter(record=record).count() == 1


# --- the legal hold ------------------------------------------------------------------------


def test_legal_hold_is_set_without_touching_the_record(record, webbred):
    before = _values(record)
    hold = set_legal_hold(actor=webbred, record=record, lawyer="Stina Jurist",
                          reason="Möjlig polisanmälan: hets mot folkgrupp")
    assert _values(record) == before  # on PostgreSQL the trigger would have refused otherwise
    assert record.legal_hold == hold
    assert (hold.lawyer, hold.set_by) == ("Stina Jurist", "Wilma Eriksson")
    entry = ModelLogEntry.objects.get(action="insidan.archive.legal_hold")
    assert entry.object_id == str(record.pk) and entry.data == {"lawyer": "Stina Jurist"}


def test_legal_hold_is_for_webbredaktionen_with_a_lawyer_and_a_reason(record, employee, webbred):
    with pytest.raises(PermissionDenied):
        set_legal_hold(actor=employee, record=record, lawyer="Stina", reason="x")
    with pytest.raises(ValidationError, match="stadsjuristens namn"):
        set_legal_hold(actor=webbred, record=record, lawyer=" ", reason="x")
    assert not LegalHold.objects.exists()


def test_a_record_cannot_be_deleted_by_deleting_what_refers_to_it(record, webbred):
    """PROTECT everywhere: a legal hold or a child record keeps its record in place."""
    set_legal_hold(actor=webbred, record=record, lawyer="Stina", reason="x")
    with pytest.raises(ImmutableError):
        record.delete()
    assert ArchiveRecord.objects.filter(pk=record.pk).exists()
    assert Registration.objects.count() == 0
