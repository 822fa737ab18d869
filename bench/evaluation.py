"""Score what the importer extracts against gold files (the format of
``shared/seeds/gold/``): precision, recall and F1 over (kind, dates[, origin]).

A gold event matches an extracted one of the same kind (the campaign period counts as a
"phase") with the same dates — ``date`` for a day, ``start``/``end`` for a range — and, when
the gold gives one, the same ``origin`` (a commemoration's founding day). A recurring
deadline matches each gold day it produces; a gold recurring deadline written as one item
(``rule: recurring`` with the ``dates`` its rule gives in the period) matches one extracted
deadline that gives exactly those days, and counts once. ``optional`` gold items are neither
required nor counted wrong; they may give only some fields (``origin_year``, say). The
header is compared too (issuer, number, date, signer, period), reported apart from the score;
an issuer matches in any of the spellings of one name that `same_body` equates.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from config.dates import last_day_of_month, parse_date, parse_month
from importer.extract import extract
from importer.model import Commemoration, Event, Extraction
from importer.source import read_document

# The gold kind each extracted kind may stand for. The campaign period counts as a phase. Days
# off ("Nghỉ Tết Nguyên đán từ … đến hết …") are a `holiday` in gold written by readers, who
# accept a phase over the same days (tests/data/importer/README.md): a campaign file has no
# holiday kind (days off live in the working-day rules), so a phase is how a draft carries them.
GOLD_KINDS: dict[str, frozenset[str]] = {
    "period": frozenset({"phase", "holiday"}),
    "phase": frozenset({"phase", "holiday"}),
}


@dataclass(frozen=True)
class GoldItem:
    kind: str
    dates: tuple[date, ...] | None
    origin: date | None = None
    origin_year: int | None = None
    what: str = ""
    recurring: bool = False  # ``dates`` are the days of one rule, not a range's ends

    def label(self) -> str:
        if self.recurring and self.dates:
            when = f"{self.dates[0]:%d/%m/%Y} … {self.dates[-1]:%d/%m/%Y} ({len(self.dates)} days)"
        else:
            when = " – ".join(f"{d:%d/%m/%Y}" for d in self.dates) if self.dates else "?"
        return f"{self.kind} {when} {self.what}".strip()


@dataclass
class Gold:
    path: Path
    source: str
    required: list[GoldItem]
    optional: list[GoldItem]
    campaign: dict[str, Any]


@dataclass
class FileScore:
    name: str
    gold: int
    extracted: int
    true_positives: int
    false_positives: int
    missed: list[GoldItem] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    header: dict[str, bool] = field(default_factory=dict)

    @property
    def false_negatives(self) -> int:
        return len(self.missed)

    @property
    def precision(self) -> float:
        return ratio(self.true_positives, self.true_positives + self.false_positives)

    @property
    def recall(self) -> float:
        return ratio(self.true_positives, self.true_positives + self.false_negatives)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _day(value: Any) -> date:
    return value if isinstance(value, date) else parse_date(value)


def gold_item(raw: dict[str, Any]) -> GoldItem:
    """A gold event: ``date`` (or a deadline's ``month``), ``start``/``end``, or a recurring
    deadline's ``dates``."""
    dates: tuple[date, ...] | None = None
    recurring = "dates" in raw
    if recurring:
        dates = tuple(sorted(_day(d) for d in raw["dates"]))
    elif "date" in raw:
        dates = (_day(raw["date"]),)
    elif "start" in raw and "end" in raw:
        dates = (_day(raw["start"]), _day(raw["end"]))
    elif "month" in raw:
        year, month = parse_month(raw["month"])
        dates = (last_day_of_month(year, month),)
    origin = _day(raw["origin"]) if raw.get("origin") else None
    return GoldItem(
        kind=str(raw["kind"]),
        dates=dates,
        origin=origin,
        origin_year=raw.get("origin_year") or (origin.year if origin else None),
        what=str(raw.get("what", "")),
        recurring=recurring,
    )


def load_gold(path: Path) -> Gold:
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    return Gold(
        path=path,
        source=str(data.get("source") or path.stem + ".txt"),
        required=[gold_item(e) for e in data.get("events") or []],
        optional=[gold_item(e) for e in data.get("optional") or []],
        campaign=dict(data.get("campaign") or {}),
    )


def _matches(item: GoldItem, event: Event, *, partial: bool = False) -> bool:
    if item.kind not in GOLD_KINDS.get(event.kind, frozenset({event.kind})):
        return False
    if item.dates is None:
        if not partial:
            return False
    elif item.recurring:
        if tuple(sorted(d for days in event.key_dates() for d in days)) != item.dates:
            return False
    elif item.dates not in event.key_dates() and not _one_day_off(item, event):
        return False
    origin = event.origin if isinstance(event, Commemoration) else None
    if item.origin is not None and origin != item.origin:
        return False
    return item.origin_year is None or (origin is not None and origin.year == item.origin_year)


def _one_day_off(item: GoldItem, event: Event) -> bool:
    """A holiday of one day ("date: 2036-01-01") and a phase over that day alone (start and
    end the same) are the same day off."""
    return (
        item.kind == "holiday"
        and item.dates is not None
        and len(item.dates) == 1
        and (item.dates[0], item.dates[0]) in event.key_dates()
    )


def score(gold: Gold, extraction: Extraction) -> FileScore:
    matched: set[int] = set()
    true_positives = false_positives = 0
    spurious = []
    for event in extraction.events:
        hits = [i for i, g in enumerate(gold.required) if i not in matched and _matches(g, event)]
        if hits:
            matched.update(hits if len(event.key_dates()) > 1 else hits[:1])
            true_positives += len(hits) if len(event.key_dates()) > 1 else 1
        elif any(_matches(g, event, partial=True) for g in gold.optional):
            continue
        else:
            false_positives += 1
            spurious.append(f"{event.kind} {event.when()} {event.title}")
    missed = [g for i, g in enumerate(gold.required) if i not in matched]
    return FileScore(
        name=gold.source,
        gold=len(gold.required),
        extracted=len(extraction.events),
        true_positives=true_positives,
        false_positives=false_positives,
        missed=missed,
        spurious=spurious,
        header=_header(gold.campaign, extraction),
    )


def _header(campaign: dict[str, Any], extraction: Extraction) -> dict[str, bool]:
    info = extraction.document
    found: dict[str, Any] = {
        "issuer": info.issuer,
        "number": info.number,
        "issued": info.date,
        "signed_by": info.signer,
        "year": info.year,
        "start": info.period[0] if info.period else None,
        "end": info.period[1] if info.period else None,
    }
    result = {}
    for key, written in campaign.items():
        if key == "issuer":
            result[key] = found[key] is not None and same_body(found[key], str(written))
        elif key in found:
            expected = parse_date(written) if key in {"issued", "start", "end"} else written
            result[key] = found[key] == expected
    return result


# Spellings of one body's name that differ only in form: the committee's abbreviation
# ("UBND" for "Ủy ban nhân dân", as Decree 30/2020/NĐ-CP's appendix writes it), "TP" for
# "thành phố", the old and new place of the tone mark ("Uỷ"/"Ủy"), and capitals ("Thành phố
# Hà Nội" / "thành phố Hà Nội", "Trung ương" / "trung ương"). Nothing else is equated.
_SAME_SPELLING = (
    (r"\b(?:ủy|uỷ)\s+ban\s+nhân\s+dân\b", "ubnd"),
    (r"\btp\.?(?=\s)", "thành phố"),
    ("uỷ", "ủy"),
)


def same_body(found: str, gold: str) -> bool:
    """Whether two spellings name the same body (see ``_SAME_SPELLING``)."""
    return _body_key(found) == _body_key(gold)


def _body_key(name: str) -> str:
    key = unicodedata.normalize("NFC", " ".join(name.split())).casefold()
    for pattern, replacement in _SAME_SPELLING:
        key = re.sub(pattern, replacement, key)
    return key


def documents(gold_dir: Path, text_dir: Path) -> Iterator[tuple[Gold, str]]:
    """Each gold file in ``gold_dir`` with the text of its document in ``text_dir``."""
    for path in sorted(gold_dir.glob("*.y*ml")):
        gold = load_gold(path)
        yield gold, read_document(_text_path(text_dir, gold))


def evaluate(gold_dir: Path, text_dir: Path) -> list[FileScore]:
    """Score every gold file in ``gold_dir`` against its text in ``text_dir``."""
    return [score(gold, extract(text)) for gold, text in documents(gold_dir, text_dir)]


DOCUMENT_SUFFIXES = (".txt", ".docx", ".pdf", ".md", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


def timed_extractions(text_dir: Path) -> Iterator[tuple[str, float]]:
    """Each document of a folder read, and the seconds its extraction took (reading the
    file apart, so OCR does not count as text)."""
    for path in sorted(text_dir.iterdir()):
        if path.suffix.casefold() not in DOCUMENT_SUFFIXES or path.name == "README.md":
            continue
        text = read_document(path)
        started = time.perf_counter()
        extract(text)
        yield text, time.perf_counter() - started


def _text_path(text_dir: Path, gold: Gold) -> Path:
    named = text_dir / gold.source
    if named.exists():
        return named
    for suffix in DOCUMENT_SUFFIXES:
        candidate = text_dir / (Path(gold.source).stem + suffix)
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"{gold.path}: its text {gold.source} is not in {text_dir}")


def overall(scores: Iterable[FileScore]) -> FileScore:
    scores = list(scores)
    total = FileScore(
        name="overall",
        gold=sum(s.gold for s in scores),
        extracted=sum(s.extracted for s in scores),
        true_positives=sum(s.true_positives for s in scores),
        false_positives=sum(s.false_positives for s in scores),
        missed=[m for s in scores for m in s.missed],
        spurious=[x for s in scores for x in s.spurious],
    )
    for s in scores:
        for key, ok in s.header.items():
            total.header[f"{s.name}:{key}"] = ok
    return total
