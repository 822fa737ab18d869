"""The campaign form shared by the draft review and the campaign editor: a campaign file
shown as fields (its header, then one row per event), and the fields read back into a
campaign file.

Every field is named after the file's own path, so that a validation issue finds its
field: the header's ``campaign.document.date`` is the file's ``campaign.document.date``,
and row N's ``eN.due.date`` is ``deadlines[i].due.date`` of the deadline that row became
(`Form.place` maps the file's rows back to the form's: rows dropped or moved to another
section do not shift the others). Values the form does not show (a note, a phase's
commemorations, a deadline's reminder offsets) travel in the row's ``eN.carry`` (JSON) and
are kept as they were. A row's kind can be changed: its fields are those of its new
section, the carried values that section does not know are left out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from config.files import Issue
from thidua.exchange import SECTIONS

KIND_OF = {
    "phases": "phase",
    "reviews": "review",
    "commemorations": "commemoration",
    "meetings": "meeting",
    "deadlines": "deadline",
}
SECTION_OF = {kind: section for section, kind in KIND_OF.items()}

# The fields a row shows, by section (the file's keys; "due" stands for the rule's fields).
FIELDS: dict[str, tuple[str, ...]] = {
    "phases": ("code", "title", "start", "end"),
    "reviews": ("code", "kind", "title", "start", "end"),
    "commemorations": ("code", "title", "origin", "years"),
    "meetings": ("code", "title", "date", "start_time", "end_time", "location"),
    "deadlines": ("code", "title", "what", "wording", "due", "units", "receiver"),
}
# The keys each section's items may have (what a carried value may keep).
ALLOWED: dict[str, frozenset[str]] = {
    "phases": frozenset({"code", "title", "start", "end", "note", "commemorations"}),
    "reviews": frozenset({"code", "kind", "title", "start", "end", "note"}),
    "commemorations": frozenset({"catalog", "code", "title", "origin", "years", "note"}),
    "meetings": frozenset({"code", "title", "date", "start_time", "end_time", "location", "note"}),
    "deadlines": frozenset(
        {
            "code",
            "title",
            "what",
            "wording",
            "due",
            "units",
            "receiver",
            "receiver_unit",
            "reminders",
            "reporting",
            "note",
        }
    ),
}
RULES = ("before", "by", "within_month", "fuzzy", "recurring", "relative")
RULE_FIELDS: dict[str, tuple[str, ...]] = {
    "before": ("date",),
    "by": ("date",),
    "within_month": ("month",),
    "fuzzy": ("term", "month", "year"),
    "recurring": ("rrule", "before", "start", "until"),
    "relative": ("after", "days", "working_days"),
}
FLAGS = frozenset({"before", "working_days"})  # check boxes
NUMBERS = frozenset({"years", "days", "year"})
HEADER_FIELDS = (
    "code",
    "title",
    "theme",
    "issuer",
    "document.kind",
    "document.number",
    "document.date",
    "document.signer",
    "period.start",
    "period.end",
    "non_working_day",
    "receiver",
    "receiver_unit",
    "reporting.mailbox",
    "reporting.channel",
    "reporting.address",
    "reporting.contact",
    "reporting.phone",
)
HEADER_GROUPS = ("campaign", "campaign.document", "campaign.period", "campaign.reporting")
OPTIONAL_GROUPS = frozenset({"reporting"})  # left out of the file when all its fields are empty
_LABEL = re.compile(r"^(\w+)\[(\d+)\](?:\.(.+))?$")
_INDEX = re.compile(r"\[\d+\]")


@dataclass
class Row:
    """One event of the form."""

    number: int  # N of the field names eN.…
    section: str
    item: dict[str, Any]  # the event as the file writes it
    keep: bool = True
    source: str = ""  # the sentence it was read from (a draft)
    line: int | None = None
    notes: list[str] = field(default_factory=list)  # what to review (a draft)

    @property
    def kind(self) -> str:
        return KIND_OF[self.section]

    @property
    def prefix(self) -> str:
        return f"e{self.number}"

    @property
    def rule(self) -> str:
        due = self.item.get("due")
        return str(due.get("rule")) if isinstance(due, dict) else "by"

    def due(self, key: str) -> Any:
        due = self.item.get("due")
        return due.get(key) if isinstance(due, dict) else None

    def field_names(self) -> list[str]:
        """The form names this row shows (for placing issues)."""
        names = [self.prefix]
        for name in FIELDS[self.section]:
            if name == "due":
                names.append(f"{self.prefix}.due")
                names += [f"{self.prefix}.due.{k}" for k in ("rule", *RULE_FIELDS[self.rule])]
            else:
                names.append(f"{self.prefix}.{name}")
        return names


@dataclass
class Form:
    """The whole form: the campaign's header and its rows, and where each issue goes."""

    header: dict[str, Any]
    rows: list[Row]
    errors: dict[str, list[str]] = field(default_factory=dict)  # form name → messages
    warnings: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)  # issues with no field of the form
    positions: dict[tuple[str, int], int] = field(default_factory=dict)

    def value(self, path: str) -> Any:
        """A header value by its dotted path (``document.date``)."""
        value: Any = self.header
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return value

    def document(self) -> dict[str, Any]:
        """The campaign file of the kept rows; remembers which row each item came from."""
        document: dict[str, Any] = {"campaign": self.header}
        self.positions = {}
        for row in self.rows:
            if not row.keep:
                continue
            items = document.setdefault(row.section, [])
            self.positions[(row.section, len(items))] = row.number
            items.append(row.item)
        return document

    def place(self, issues: list[Issue]) -> None:
        """Put each issue beside its field: the deepest form name its path reaches."""
        known = {f"campaign.{f}" for f in HEADER_FIELDS} | set(HEADER_GROUPS)
        for row in self.rows:
            known.update(row.field_names())
        for issue in issues:
            target = self._form_name(issue.field)
            while target and target not in known and "." in target:
                target = target.rsplit(".", 1)[0]
            bucket = self.errors if issue.severity == "error" else self.warnings
            if target in known:
                bucket.setdefault(target, []).append(issue.message)
            elif issue.severity == "error":
                self.general.append(issue.message)

    def _form_name(self, label: str) -> str:
        match = _LABEL.match(label)
        if match is None:
            return _INDEX.sub("", label)
        section, index, rest = match.group(1), int(match.group(2)), match.group(3)
        number = self.positions.get((section, index))
        if number is None:
            return label
        return f"e{number}" + (f".{_INDEX.sub('', rest)}" if rest else "")

    def row_errors(self, row: Row) -> int:
        return sum(len(self.errors.get(name, [])) for name in row.field_names())


# --- from a campaign file --------------------------------------------------------------


def from_document(document: dict[str, Any]) -> Form:
    """The form of a campaign file (a stored campaign, or the importer's draft)."""
    rows = [
        Row(number, section, dict(item))
        for number, (section, item) in enumerate(
            (section, item) for section in SECTIONS for item in document.get(section) or []
        )
    ]
    return Form(dict(document["campaign"]), rows)


def blank_row(number: int, section: str) -> Row:
    item: dict[str, Any] = {}
    if section == "deadlines":
        item["due"] = {"rule": "by"}
    if section == "reviews":
        item["kind"] = "so_ket"
    return Row(number, section, item)


# --- from the posted fields ------------------------------------------------------------


def from_fields(form: Any) -> Form:
    """The form as posted (a Starlette ``FormData``); nothing is checked here but shapes:
    values go into the file as typed, for the file's checks to judge."""
    numbers = sorted(
        int(key[1:].split(".", 1)[0])
        for key in form
        if re.fullmatch(r"e\d{1,4}\.section", key) and form.get(key) in KIND_OF
    )
    rows = [_row(form, n) for n in numbers]
    return Form(_header(form), rows)


def _text(form: Any, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def _json(form: Any, name: str, default: Any) -> Any:
    try:
        value = json.loads(_text(form, name) or "null")
    except ValueError:
        return default
    return value if isinstance(value, type(default)) else default


def _set(target: dict[str, Any], key: str, value: Any) -> None:
    if value in ("", None, []):
        target.pop(key, None)
    else:
        target[key] = value


def _typed(key: str, text: str) -> Any:
    """Whole numbers as numbers (the file's reader would type them so); the rest as text."""
    if key in NUMBERS and re.fullmatch(r"[0-9]{1,6}", text):
        return int(text)
    return text


def _header(form: Any) -> dict[str, Any]:
    header = _json(form, "campaign.carry", {})
    groups: dict[str, dict[str, Any]] = {}
    for name in HEADER_FIELDS:
        value = _text(form, f"campaign.{name}")
        group, _, key = name.rpartition(".")
        if group:
            _set(groups.setdefault(group, dict(header.get(group) or {})), key, value)
        else:
            _set(header, name, value)
    for group, values in groups.items():
        if values or group not in OPTIONAL_GROUPS:
            header[group] = values
        else:
            header.pop(group, None)
    return header


def _row(form: Any, number: int) -> Row:
    prefix = f"e{number}"
    section = _text(form, f"{prefix}.section")  # one of SECTIONS (`from_fields` checked)
    carried = _json(form, f"{prefix}.carry", {})
    item = {k: v for k, v in carried.items() if k in ALLOWED[section]}
    for name in FIELDS[section]:
        if name == "due":
            item["due"] = _due(form, prefix, carried.get("due"))
        elif name == "units":
            _set(item, "units", _in_carried_order(form.getlist(f"{prefix}.units"), carried))
        else:
            _set(item, name, _typed(name, _text(form, f"{prefix}.{name}")))
    line = _text(form, f"{prefix}.line")
    return Row(
        number,
        section,
        item,
        keep=form.get(f"{prefix}.keep") == "1",
        source=_text(form, f"{prefix}.source"),
        line=int(line) if line.isdigit() else None,
        notes=[str(n) for n in _json(form, f"{prefix}.notes", [])],
    )


def _in_carried_order(values: list[Any], carried: dict[str, Any]) -> list[str]:
    """The picked codes in the order the file had them (the picker lists groups then
    units), codes picked anew after them: an unchanged pick is an unchanged file."""
    picked = [str(v) for v in values if str(v)]
    before = [c for c in carried.get("units") or [] if c in picked]
    return before + [c for c in picked if c not in before]


def _due(form: Any, prefix: str, carried: Any) -> dict[str, Any]:
    rule = _text(form, f"{prefix}.due.rule")
    due: dict[str, Any] = {"rule": rule}
    if isinstance(carried, dict) and carried.get("rule") == rule:
        due.update({k: v for k, v in carried.items() if k in RULE_FIELDS.get(rule, ())})
    for key in RULE_FIELDS.get(rule, ()):
        if key in FLAGS:
            _set(due, key, form.get(f"{prefix}.due.{key}") == "1" or None)
        else:
            _set(due, key, _typed(key, _text(form, f"{prefix}.due.{key}")))
    return due


def carry(value: dict[str, Any]) -> str:
    """A row's (or the header's) values as the hidden field that keeps them."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
