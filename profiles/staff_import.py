"""Reading the staff directory's CSV export for `import_staff`.

Columns (header row, in any order; extra columns are ignored):

    username, first_name, last_name, email, title, department, manager_username,
    phone, mobile, workplace, employee_number

username, first_name and last_name must have a value. The file may be UTF-8 (with or without a
byte order mark) or Windows-1252, separated by commas or semicolons (Excel's Swedish export).
"""

import csv
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .actions import StaffRecord

COLUMNS = ["username", "first_name", "last_name", "email", "title", "department",
           "manager_username", "phone", "mobile", "workplace", "employee_number"]
REQUIRED_VALUES = ["username", "first_name", "last_name"]


class ImportRefused(Exception):
    """The whole file is refused (wrong header, unreadable encoding, no rows)."""


@dataclass
class ParsedFile:
    records: list[StaffRecord] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)
    mentioned: set[str] = field(default_factory=set)  # every username in the file


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportRefused(_("Filen är varken UTF-8 eller Windows-1252.")) from None


def parse(data: bytes) -> ParsedFile:
    """Check every row before anything is written; managers are checked after all rows are
    read (a manager may come later in the file than the people who report to them)."""
    text = decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise ImportRefused(_("Rubrikraden saknar kolumnerna: %(columns)s. Inget är importerat.")
                            % {"columns": ", ".join(missing)})
    reader.fieldnames = header
    parsed, by_username, lines = ParsedFile(), {}, {}
    for row in reader:
        line = reader.line_num
        if None in row or any(value is None for value in row.values()):
            parsed.rejected.append((line, _("fel antal kolumner")))
            continue
        values = {name: (row.get(name) or "").strip() for name in COLUMNS}
        username = values["username"]
        if username:
            parsed.mentioned.add(username)
        empty = [name for name in REQUIRED_VALUES if not values[name]]
        if empty:
            parsed.rejected.append((line, _("saknar värde i %(columns)s") % {
                "columns": ", ".join(empty)}))
        elif username in by_username:
            parsed.rejected.append((line, _("användarnamnet %(username)s finns redan på rad "
                                            "%(line)s") % {"username": username,
                                                          "line": lines[username]}))
            by_username[username] = None  # both rows are doubtful: import neither
        else:
            by_username[username], lines[username] = StaffRecord(**values), line
    for username, record in list(by_username.items()):
        if record is None:
            parsed.rejected.append((lines[username], _("användarnamnet %(username)s förekommer "
                                                       "flera gånger") % {"username": username}))
            del by_username[username]
    _reject_unknown_managers(by_username, lines, parsed)
    parsed.records = list(by_username.values())
    parsed.rejected.sort()
    if not parsed.records and not parsed.rejected:
        raise ImportRefused(_("Filen har inga rader med medarbetare. Inget är importerat."))
    return parsed


def _reject_unknown_managers(by_username: dict, lines: dict, parsed: ParsedFile) -> None:
    """A manager must be a person in the file; rejecting one may orphan others, so repeat."""
    changed = True
    while changed:
        changed = False
        for username, record in list(by_username.items()):
            manager = record.manager_username
            if manager and (manager == username or manager not in by_username):
                parsed.rejected.append((lines[username], _("okänd chef %(manager)s") % {
                    "manager": manager}))
                del by_username[username]
                changed = True
