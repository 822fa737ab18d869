"""A directive's text (pasted, or a .txt/.docx file) → a draft campaign file, through the
importer (`importer`), for the campaign page to show for review before it is
checked and loaded like any uploaded file.

The same reading as ``thidua import-text``: the document read as text or Word, its events
extracted, the draft written with a comment quoting each event's source sentence and
``# REVIEW:`` on what a person must check; deadlines name the stored groups and units
(the built-in categories when none is stored).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import importer
from thidua.context import AppContext


class UnreadableDirective(ValueError):
    """The document cannot be read (not UTF-8 text, not a .docx file, empty); says why."""


@dataclass(frozen=True)
class DirectiveDraft:
    name: str  # a file name for the draft: the campaign code and .yaml
    text: str  # the draft campaign file (YAML), source sentences quoted in comments
    rows: list[importer.draft.Row] = field(default_factory=list)  # what was read, to review
    reviews: int = 0  # items marked REVIEW


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
        raise UnreadableDirective(f"{name}: the document has no text")
    with context.database.session() as session:
        directory = importer.directory_from_store(session) or importer.builtin_directory()
    extraction = importer.extract(text, calendar=context.calendar)
    extraction.reading = document.notes
    try:
        draft = importer.build_draft(extraction, directory, source_name=name)
    except ValueError as exc:
        raise UnreadableDirective(f"{name}: {exc}") from exc
    return DirectiveDraft(
        name=f"{draft.model.campaign.code}.yaml",
        text=draft.text,
        rows=list(draft.rows),
        reviews=draft.reviews,
    )
