"""Write an `Extraction` as a draft campaign file: valid for `config.schema`, close to the
hand-written examples, with every event preceded by a comment that quotes the sentence it
came from, and ``# REVIEW:`` comments on whatever a person must check before loading.

Deadlines name the units that answer for them with the codes of a `Directory` (a units
file, the stored groups, or the built-in categories): each addressee phrase is matched; when
none matches, the broadest group is named and marked for review.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

from config.catalog import anniversaries
from config.dates import vn_date
from config.schema import CampaignFile
from config.yamlfile import parse_yaml
from importer.addressees import Directory
from importer.commemorations import own_code
from importer.model import (
    Commemoration,
    Deadline,
    Event,
    Extraction,
    Meeting,
    Phase,
    Review,
    covering,
)
from importer.text import ascii_words, shorten, slug
from translations import N_
from translations import gettext as _

REVIEW = "REVIEW"
# Where a deadline's senders were found when its own sentence names none.
ADDRESSEES_FROM = {
    "document": N_("the document"),
    "previous paragraph": N_("the previous paragraph"),
}


@dataclass
class Row:
    """One line of the terminal summary."""

    kind: str
    when: str
    title: str
    detail: str
    review: bool


@dataclass
class Draft:
    text: str
    model: CampaignFile
    rows: list[Row] = field(default_factory=list)
    reviews: int = 0


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.reviews = 0

    def comment(self, text: str, indent: int = 0) -> None:
        for line in _wrap(text, 96 - indent):
            self.lines.append(" " * indent + "# " + line)

    def review(self, reasons: list[str], indent: int = 0) -> None:
        for reason in dict.fromkeys(reasons):
            self.reviews += 1
            self.comment(f"{REVIEW}: {reason}", indent)

    def quote(self, event: Event, indent: int = 2) -> None:
        self.comment(f"« {event.source.quote} » (line {event.source.line})", indent)

    def item(
        self, values: dict[str, Any], indent: int = 2, notes: dict[str, str] | None = None
    ) -> None:
        """A list item: ``- key: value`` lines, with a comment after some values."""
        notes = notes or {}
        first = True
        for key, value in values.items():
            if value is None or value == []:
                continue
            prefix = " " * indent + ("- " if first else "  ")
            note = f"  # {notes[key]}" if key in notes else ""
            self.lines.append(f"{prefix}{key}: {_inline(value)}{note}")
            first = False

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")


def build_draft(
    extraction: Extraction, directory: Directory, *, source_name: str, code: str | None = None
) -> Draft:
    """The draft campaign file of an extraction, validated against `config.schema`."""
    out = _Writer()
    out.comment(
        _("Draft campaign file read by `thidua import-text` from %(source)s.", source=source_name)
    )
    out.comment(
        _(
            "Every event quotes the sentence it was read from; check each %(review)s note, then "
            "`thidua check` and `thidua load` this file with the units file.",
            review=REVIEW,
        )
    )
    out.comment(_("Units are matched against %(origin)s.", origin=directory.origin))
    out.review(extraction.reading)
    out.blank()
    period = _campaign(out, extraction, directory, code)
    codes = _Codes()
    memorials = extraction.of(Commemoration)
    codes.by_event.update({id(c): codes.take(own_code(c)) for c in memorials})
    rows = [_row(e, e.title, "") for e in extraction.events if e.kind == "period"]
    rows += _phases(out, extraction.of(Phase), memorials, codes)
    rows += _reviews(out, extraction.of(Review), codes)
    rows += _commemorations(out, memorials, codes, period)
    rows += _meetings(out, extraction.of(Meeting), codes)
    rows += _deadlines(out, extraction, directory, codes)
    if extraction.notes:
        out.blank()
        out.comment(_("Read but not taken as events:"))
        for note in extraction.notes:
            where = " " + _("(line %(line)d)", line=note.line) if note.line else ""
            out.comment(f"- {note.message}{where}")
    text = "\n".join(out.lines).rstrip() + "\n"
    model = CampaignFile.model_validate(parse_yaml(text).data)
    return Draft(text, model, rows, out.reviews)


def _section(out: _Writer, name: str, items: list[Any]) -> bool:
    if items:
        out.blank()
        out.lines.append(f"{name}:")
    return bool(items)


def _phases(
    out: _Writer, phases: list[Phase], memorials: list[Commemoration], codes: _Codes
) -> list[Row]:
    rows = []
    if _section(out, "phases", phases):
        for i, phase in enumerate(phases, start=1):
            code = codes.by_event[id(phase)] = codes.take(f"dot-{i}")
            celebrated = [
                codes.by_event[id(c)] for c in memorials if own_code(c) in phase.commemorations
            ]
            out.quote(phase)
            out.review(phase.review, 2)
            out.item(
                {
                    "code": code,
                    "title": phase.title,
                    "start": vn_date(phase.start),
                    "end": vn_date(phase.end),
                    "commemorations": celebrated,
                }
            )
            rows.append(_row(phase, phase.title, ""))
    return rows


def _reviews(out: _Writer, reviews: list[Review], codes: _Codes) -> list[Row]:
    rows = []
    if _section(out, "reviews", reviews):
        for review in reviews:
            code = codes.by_event[id(review)] = codes.take(review.review_kind.replace("_", "-"))
            out.quote(review)
            out.review(review.review, 2)
            out.item(
                {
                    "code": code,
                    "kind": review.review_kind,
                    "title": review.title,
                    "start": vn_date(review.start),
                    "end": vn_date(review.end),
                }
            )
            word = "sơ kết" if review.review_kind == "so_ket" else "tổng kết"
            rows.append(_row(review, review.title, word))
    return rows


def _commemorations(
    out: _Writer,
    memorials: list[Commemoration],
    codes: _Codes,
    period: tuple[date, date] | None,
) -> list[Row]:
    rows = []
    if _section(out, "commemorations", memorials):
        for memorial in memorials:
            reasons = list(memorial.review)
            if period and not period[0] <= memorial.day <= period[1]:
                reasons.append(f"{vn_date(memorial.day)} is outside the campaign period")
            out.quote(memorial)
            out.review(reasons, 2)
            out.item(_memorial_values(memorial, codes.by_event[id(memorial)]))
            detail = f"{memorial.years} năm" if memorial.years is not None else ""
            if memorial.lunar:
                detail = (detail + " (âm lịch)").strip()
            rows.append(_row(memorial, memorial.title, detail, bool(reasons)))
    return rows


def _meetings(out: _Writer, meetings: list[Meeting], codes: _Codes) -> list[Row]:
    rows = []
    if _section(out, "meetings", meetings):
        for meeting in meetings:
            code = codes.by_event[id(meeting)] = codes.take(slug(meeting.title, 5))
            out.quote(meeting)
            out.review(meeting.review, 2)
            if meeting.rrule:
                out.comment(
                    _(
                        "a session held by a rule (%(rule)s): each day the text lists is a "
                        "meeting of its own",
                        rule=meeting.rrule,
                    ),
                    2,
                )
            for n, day in enumerate(meeting.days or [meeting.day]):
                _meeting_item(out, meeting, code if n == 0 else codes.take(code), day)
            rows.append(_row(meeting, meeting.title, meeting.location or ""))
    return rows


def _meeting_item(out: _Writer, meeting: Meeting, code: str, day: date) -> None:
    start = meeting.start_time.strftime("%H:%M") if meeting.start_time else None
    out.item(
        {
            "code": code,
            "title": meeting.title,
            "date": vn_date(day),
            "end_date": vn_date(meeting.end) if meeting.end and not meeting.days else None,
            "start_time": start,
            "location": meeting.location,
        }
    )


def _deadlines(
    out: _Writer, extraction: Extraction, directory: Directory, codes: _Codes
) -> list[Row]:
    rows = []
    deadlines = extraction.of(Deadline)
    campaign_receiver = _campaign_receiver(extraction)
    if _section(out, "deadlines", deadlines):
        for deadline in deadlines:
            units, reasons = _units(deadline, directory)
            reasons = [*deadline.review, *reasons]
            out.quote(deadline)
            out.review(reasons, 2)
            receiver = deadline.receiver if deadline.receiver != campaign_receiver else None
            out.item(
                {
                    "code": codes.take(slug(deadline.what, 5)),
                    "title": deadline.title,
                    "what": deadline.what,
                    "wording": deadline.wording,
                    "due": _due(deadline, codes),
                    "units": units,
                    "receiver": receiver,
                },
                notes={"units": shorten("; ".join(deadline.addressees), 120)}
                if deadline.addressees
                else None,
            )
            rows.append(_row(deadline, deadline.what, deadline.wording, bool(reasons)))
    return rows


# --- campaign ----------------------------------------------------------------------------


def _campaign(
    out: _Writer, extraction: Extraction, directory: Directory, code: str | None
) -> tuple[date, date]:
    """The campaign section; returns the period it writes."""
    info = extraction.document
    period = info.period
    year = info.year or (period[0].year if period else 2000)
    issuer = info.issuer
    if info.year_unknown:
        out.review(
            [
                _(
                    "nothing in the text dates the document (no year is written): the year "
                    "%(year)d stands in and no event is dated; import it again with --year",
                    year=year,
                )
            ]
        )
    out.lines.append("campaign:")
    values: dict[str, Any] = {
        "code": code or campaign_code(issuer, year),
        "title": info.title or f"Phong trào thi đua năm {year}",
        "theme": info.theme,
        "issuer": issuer or "Chưa rõ cơ quan ban hành",
    }
    for key, value in values.items():
        if value is not None:
            if key == "issuer" and issuer is None:
                out.review([_("the text does not say who issued it")], 2)
            if key == "title" and info.title is None:  # no headline: a stand-in, to be named
                out.review([_("the text gives no title of its own: a stand-in is written")], 2)
            out.lines.append(f"  {key}: {_inline(value)}")
    out.lines.append("  document:")
    out.lines.append(f"    kind: {_inline(info.kind or 'Văn bản')}")
    if info.kind is None:
        out.review([_("the kind of document is not written")], 4)
    number_note = "  # " + _("left blank in the text") if info.number_blank else ""
    out.lines.append(f"    number: {_inline(info.number)}{number_note}")
    date_note = (
        "  # " + _("“%(text)s”: the day is left blank", text=info.date_written)
        if info.date_written
        else ""
    )
    out.lines.append(f"    date: {_inline(vn_date(info.date) if info.date else None)}{date_note}")
    if info.signer:
        out.lines.append(f"    signer: {_inline(info.signer)}")
    period = period or (date(year, 1, 1), date(year, 12, 31))
    period = _holding_dated_days(out, period, extraction)
    explicit = next((e for e in extraction.events if e.kind == "period"), None)
    if explicit is not None:
        out.quote(explicit)
        held = covering(period, extraction.events)
        if held != period:
            # events outside the period would be dropped or warned about: the file's
            # period holds them, and says so
            out.review(
                [
                    _(
                        "the text's period is %(start)s – %(end)s; it is widened to hold the "
                        "events the text dates outside it",
                        start=vn_date(period[0]),
                        end=vn_date(period[1]),
                    )
                ],
                2,
            )
            period = held
    else:
        out.review(
            [
                _(
                    "the text dates no campaign period: %(period)s is assumed",
                    period=info.period_inferred or year,
                )
            ],
            2,
        )
    out.lines.append(f"  period: {{start: {vn_date(period[0])}, end: {vn_date(period[1])}}}")
    receiver = _campaign_receiver(extraction)
    if receiver:
        out.lines.append(f"  receiver: {_inline(receiver)}")
        unit = _receiver_unit(receiver, directory)
        if unit:
            out.lines.append(f"  receiver_unit: {unit}")
    return period


def _holding_dated_days(
    out: _Writer, period: tuple[date, date], extraction: Extraction
) -> tuple[date, date]:
    """The period grown to hold the commemorations the text dates in another year ("(03/02/1930
    - 03/02/2026)" in a 2025 plan): each keeps its written year, said for review."""
    dated = [c for c in extraction.of(Commemoration) if c.year_written and not c.lunar]
    outside = [c for c in dated if not period[0] <= c.day <= period[1]]
    if not outside:
        return period
    start = min([period[0], *(c.day for c in outside)])
    end = max([period[1], *(c.day for c in outside)])
    out.review(
        [
            _(
                "the period is widened to %(start)s – %(end)s to hold the commemorations the "
                "text dates outside it (%(days)s)",
                start=vn_date(start),
                end=vn_date(end),
                days=", ".join(vn_date(c.day) for c in outside),
            )
        ],
        2,
    )
    return start, end


def campaign_code(issuer: str | None, year: int) -> str:
    words = ascii_words(issuer or "")
    words = [
        w
        for w in words
        if w
        not in {
            "ubnd",
            "uy",
            "ban",
            "nhan",
            "dan",
            "tinh",
            "huyen",
            "thanh",
            "pho",
            "thi",
            "xa",
            "quan",
            "phuong",
        }
    ] or words
    return "-".join([*words[:4], str(year)]) if words else f"phong-trao-{year}"


def _campaign_receiver(extraction: Extraction) -> str | None:
    info = extraction.document
    found = Counter(d.receiver for d in extraction.of(Deadline) if d.receiver)
    if found:
        return found.most_common(1)[0][0]
    return info.receiver


def _receiver_unit(receiver: str, directory: Directory) -> str | None:
    """The unit that receives reports: the office in brackets first ("Sở Nội vụ (Ban Thi đua -
    Khen thưởng)" → the board), then the whole name."""
    units = Directory([e for e in directory.entries if not e.is_group], directory.origin)
    inner = re.findall(r"\(([^()]+)\)", receiver)
    for written in [*inner, re.sub(r"\([^()]*\)", "", receiver)]:
        match = units.match(re.sub(r"^\s*qua\s+", "", written), threshold=0.75)
        if match:
            return match.entry.code
    return None


# --- items -------------------------------------------------------------------------------


def _memorial_values(memorial: Commemoration, code: str) -> dict[str, Any]:
    if memorial.catalog:
        entry = anniversaries()[memorial.catalog]
        title = memorial.title if memorial.title != entry.name else None
        origin = memorial.origin if memorial.origin != entry.origin else None
        return {
            "catalog": memorial.catalog,
            "code": code if code != memorial.catalog else None,
            "title": title,
            "origin": vn_date(origin) if origin else None,
            "years": memorial.years,
            "year": memorial.day.year if memorial.year_written else None,
        }
    return {
        "code": code,
        "title": memorial.title,
        "origin": vn_date(memorial.origin) if memorial.origin else None,
        "years": memorial.years,
        "year": memorial.day.year if memorial.year_written else None,
    }


def _due(deadline: Deadline, codes: _Codes) -> dict[str, Any]:
    due = dict(deadline.due)
    if due["rule"] == "relative":
        if deadline.anchor is not None and id(deadline.anchor) in codes.by_event:
            due["after"] = codes.by_event[id(deadline.anchor)]
        elif due["after"] not in {"document", "period"} and not re.match(r"\d", due["after"]):
            due["after"] = "period"
    if due.get("before") is False:
        del due["before"]
    return due


def _units(deadline: Deadline, directory: Directory) -> tuple[list[str], list[str]]:
    codes: list[str] = []
    reasons: list[str] = []
    for phrase in deadline.addressees:
        blocs = directory.blocs(phrase)
        if blocs:
            codes += [e.code for e in blocs if e.code not in codes]
            reasons.append(
                _("“%(phrase)s”: every bloc is named; check who acts for each", phrase=phrase)
            )
            continue
        if blocs is not None:  # not "các doanh nghiệp trong các khối thi đua" either
            reasons.append(_("no bloc or cluster group for “%(phrase)s”", phrase=phrase))
            continue
        match = directory.match(phrase)
        if match is None:
            near = ", ".join(f"{e.code} ({e.name})" for e in directory.closest(phrase))
            reasons.append(
                _(
                    "no group or unit of %(origin)s matches “%(phrase)s”; the closest: %(near)s",
                    origin=directory.origin,
                    phrase=phrase,
                    near=near,
                )
            )
        elif match.entry.code not in codes:
            codes.append(match.entry.code)
    if deadline.addressees_from in {"document", "previous paragraph"} and codes:
        taken_from = _(ADDRESSEES_FROM[deadline.addressees_from])
        reasons.append(_("who must send it is taken from %(where)s", where=taken_from))
    if not codes:
        broadest = directory.broadest()
        if broadest is None:
            raise ValueError(_("%(origin)s has no group or unit to name", origin=directory.origin))
        codes = [broadest.code]
        reasons.append(
            _(
                "the text does not say who must send it: the broadest group (%(name)s) is named",
                name=broadest.name,
            )
        )
    return codes, reasons


class _Codes:
    """Event codes, unique within the file ("period" is the campaign's own)."""

    def __init__(self) -> None:
        self.used = {"period"}
        self.by_event: dict[int, str] = {}

    def take(self, wanted: str) -> str:
        base = wanted[:60].strip("-") or "su-kien"
        code, n = base, 2
        while code in self.used:
            code, n = f"{base}-{n}", n + 1
        self.used.add(code)
        return code


# --- YAML --------------------------------------------------------------------------------


def _inline(value: Any) -> str:
    """A value on one line, quoted when YAML needs it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_inline(v)}" for k, v in value.items()) + "}"
    text = yaml.safe_dump(str(value), allow_unicode=True, width=1_000_000, default_flow_style=True)
    text = text.strip()
    if text.endswith("\n..."):
        text = text[:-4]
    text = text.removesuffix("...").strip()
    if re.search(r"[{}\[\],]", text) and not text.startswith(("'", '"')):
        text = "'" + text.replace("'", "''") + "'"
    return text


def _wrap(text: str, width: int) -> list[str]:
    words, lines, current = text.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return lines or [""]


def _row(event: Event, title: str, detail: str, review: bool | None = None) -> Row:
    return Row(
        kind=event.kind,
        when=event.when(),
        title=shorten(title, 80),
        detail=shorten(detail, 60),
        review=bool(event.review) if review is None else review,
    )
