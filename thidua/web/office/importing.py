"""A directive's text (pasted, or a file the importer reads) → a draft campaign, through the
importer, for the office to review before anything is stored.

The same reading as ``thidua import-text``: the document read as text (or Word, PDF…:
whatever `read_document` reads), its events extracted, the draft written with a comment
quoting each event's source sentence and ``# REVIEW:`` on what a person must check;
deadlines name the stored groups and units (the built-in categories when none is stored).
`draft_from_directive` is the one call into the importer; the draft review page shows the
draft as fields (`campaign_form`), each event beside its sentence and its notes, read back
here from the draft's comments (`item_sources`), the form the README documents.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import importer
from thidua.context import AppContext
from thidua.exchange import SECTIONS
from translations import gettext as _

DIRECTIVE_SUFFIXES = (".txt", ".docx", ".pdf")  # what `importer.load_document` reads
REVIEW_PREFIX = "REVIEW:"
_QUOTE = re.compile(r"^«\s*(?P<quote>.*?)\s*»\s*\(line (?P<line>\d+)\)$", re.DOTALL)
_TOP_KEY = re.compile(r"^(?P<key>[a-z_]+):")
_ITEM = re.compile(r"^\s+- ")


class UnreadableDirective(ValueError):
    """The document cannot be read (not UTF-8 text, not a Word or PDF file, empty); says why."""


@dataclass(frozen=True)
class Source:
    """Where an event of the draft came from, and what to check about it."""

    quote: str = ""
    line: int | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class DirectiveDraft:
    name: str  # a file name for the draft: the campaign code and .yaml
    text: str  # the draft campaign file (YAML), source sentences quoted in comments
    document: dict[str, Any] = field(default_factory=dict)  # the draft as a campaign file
    sources: dict[tuple[str, int], Source] = field(default_factory=dict)  # by (section, i)
    header_notes: tuple[str, ...] = ()  # what to check in the campaign's header


def draft_from_directive(context: AppContext, name: str, data: bytes) -> DirectiveDraft:
    """The importer's draft of the document ``name`` (its bytes in ``data``)."""
    with tempfile.TemporaryDirectory(prefix="thidua-directive-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            document = importer.load_document(path)
        except importer.UnreadableDocument as exc:
            raise UnreadableDirective(str(exc).replace(str(path), name)) from exc
    text = document.text
    if not text.strip():
        raise UnreadableDirective(_("%(name)s: the document has no text", name=name))
    with context.database.session() as session:
        directory = importer.directory_from_store(session) or importer.builtin_directory()
    extraction = importer.extract(text, calendar=context.calendar)
    extraction.reading = document.notes
    try:
        draft = importer.build_draft(extraction, directory, source_name=name)
    except ValueError as exc:
        raise UnreadableDirective(f"{name}: {exc}") from exc
    header_notes, sources = item_sources(draft.text)
    return DirectiveDraft(
        name=f"{draft.model.campaign.code}.yaml",
        text=draft.text,
        document=draft.model.model_dump(mode="json", exclude_none=True),
        sources=sources,
        header_notes=header_notes,
    )


def item_sources(text: str) -> tuple[tuple[str, ...], dict[tuple[str, int], Source]]:
    """The notes on the draft's header, and each item's sentence and notes, from the
    comments the importer writes before them."""
    header: list[str] = []
    sources: dict[tuple[str, int], Source] = {}
    counts: dict[str, int] = {}
    section = ""
    comments: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            comments.append(stripped[1:].strip())
            continue
        top = _TOP_KEY.match(line)
        if top:
            section, comments = top.group("key"), []
            continue
        if section in SECTIONS and _ITEM.match(line):
            index = counts.get(section, 0)
            counts[section] = index + 1
            sources[(section, index)] = _source(comments)
            comments = []
        elif section == "campaign" and comments:
            header += _source(comments).notes
            comments = []
    return tuple(dict.fromkeys(header)), sources


def _source(comments: list[str]) -> Source:
    """A comment block: the quoted sentence and REVIEW notes, each possibly wrapped over
    several lines."""
    blocks: list[str] = []
    for comment in comments:
        if comment.startswith(("«", REVIEW_PREFIX)) or not blocks:
            blocks.append(comment)
        else:
            blocks[-1] += " " + comment
    quote, line, notes = "", None, []
    for block in blocks:
        match = _QUOTE.match(block)
        if match:
            quote, line = match.group("quote"), int(match.group("line"))
        elif block.startswith(REVIEW_PREFIX):
            notes.append(block.removeprefix(REVIEW_PREFIX).strip())
    return Source(quote, line, tuple(notes))
