"""The history a clerk reads on a campaign's and a unit's page: each recorded change
(`thidua.history`) as a sentence of the page's language — "Nguyễn Thị Lan đổi địa chỉ
e-mail của Sở Y tế từ … thành … lúc 10:32 ngày 04/12/2026".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from starlette.requests import HTTPConnection

from thidua.history import Author
from thidua.models import Change
from thidua.web.office.render import user_of
from translations import N_
from translations import gettext as _

# The files' field paths in words; a field not named here is shown by its path.
FIELD_LABELS = {
    "name": N_("the name"),
    "emails": N_("the e-mail addresses"),
    "parent": N_("the parent unit"),
    "note": N_("the note"),
    "kind": N_("the kind"),
    "members": N_("the members"),
    "title": N_("the title"),
    "theme": N_("the theme"),
    "issuer": N_("the issuer"),
    "document.kind": N_("the kind of document"),
    "document.number": N_("the document's number"),
    "document.date": N_("the document's date"),
    "document.signer": N_("the signer"),
    "period.start": N_("the start of the period"),
    "period.end": N_("the end of the period"),
    "non_working_day": N_("the rule for days off"),
    "receiver": N_("where reports go"),
    "receiver_unit": N_("the unit that gets the list of late units"),
    "reporting.mailbox": N_("the mailbox reports go to"),
    "reporting.channel": N_("how reports are sent"),
    "reporting.address": N_("the address for reports on paper"),
    "reporting.contact": N_("the contact person"),
    "reporting.phone": N_("the contact's phone"),
    "start": N_("the first day"),
    "end": N_("the last day"),
    "date": N_("the day"),
    "what": N_("what is due"),
    "wording": N_("the wording"),
    "units": N_("the units responsible"),
    "due.rule": N_("the deadline rule"),
    "due.date": N_("the day of the deadline"),
    "due.month": N_("the month of the deadline"),
    "origin": N_("the founding day"),
    "years": N_("the count of years"),
    "location": N_("the place"),
    "start_time": N_("the starting time"),
    "end_time": N_("the ending time"),
}
EVENT_SENTENCES = {
    "added": N_("%(who)s added the event %(event)s (%(title)s) at %(time)s on %(date)s"),
    "removed": N_("%(who)s removed the event %(event)s (%(title)s) at %(time)s on %(date)s"),
}
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class Line:
    at: datetime
    text: str


def author_of(connection: HTTPConnection) -> Author:
    """The signed-in user, as the history names them."""
    user = user_of(connection)
    return Author(user.display_name, user.id) if user else Author("?")


def shown(value: Any, language: str) -> str:
    """A file's value as a clerk reads it: days as dd/mm/yyyy, lists joined."""
    if value is None or value == []:
        return "—"
    if isinstance(value, bool):
        return _("yes", language=language) if value else _("no", language=language)
    if isinstance(value, list):
        return ", ".join(shown(v, language) for v in value)
    match = _ISO_DAY.match(str(value))
    return f"{match[3]}/{match[2]}/{match[1]}" if match else str(value)


def lines(changes: list[Change], subject: str, language: str, tz: tzinfo) -> list[Line]:
    """Every change's sentences, newest first; ``subject`` names what the page is about
    (a group's changes on a unit's page name the group by its code)."""
    result = []
    for change in changes:
        moment = change.at.astimezone(tz)
        when = {"time": f"{moment:%H:%M}", "date": f"{moment:%d/%m/%Y}"}
        name = subject if change.subject != "group" else change.code
        params = {"who": change.author, "subject": name, **when}
        if change.action == "created":
            text = _("%(who)s created %(subject)s at %(time)s on %(date)s", language, **params)
            result.append(Line(change.at, text))
            continue
        for item in change.items:
            result.append(Line(change.at, _sentence(item, params, language)))
    return result


def _sentence(item: dict[str, Any], params: dict[str, str], language: str) -> str:
    event = item.get("event")
    if item.get("change") in EVENT_SENTENCES:
        title = item.get("new") if item.get("change") == "added" else item.get("old")
        sentence = EVENT_SENTENCES[item["change"]]
        return _(sentence, language, event=event, title=shown(title, language), **params)
    field = str(item.get("field"))
    if field == "active" and event is None:
        if item.get("new"):
            return _("%(who)s made %(subject)s active at %(time)s on %(date)s", language, **params)
        return _("%(who)s made %(subject)s inactive at %(time)s on %(date)s", language, **params)
    label = _(FIELD_LABELS[field], language) if field in FIELD_LABELS else field
    values = {
        "field": label,
        "old": shown(item.get("old"), language),
        "new": shown(item.get("new"), language),
    }
    if event:
        return _(
            "%(who)s changed %(field)s of the event %(event)s from %(old)s to %(new)s "
            "at %(time)s on %(date)s",
            language,
            event=event,
            **values,
            **params,
        )
    return _(
        "%(who)s changed %(field)s of %(subject)s from %(old)s to %(new)s at %(time)s on %(date)s",
        language,
        **values,
        **params,
    )
