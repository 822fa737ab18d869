"""A directive's text (pasted, or a .txt/.docx file) → a draft campaign file, for the
campaign page to show for review before it is checked and loaded like any uploaded file.

The importer itself is issue 5 (``calendars.importer``, branch ``importer``), not merged
when this page was built. LEAD: after merging it, make `draft_from_directive` call it —
read the document from ``data`` (``read_document`` takes a path: write ``data`` to a
temporary file named ``name``), ``extract`` it, ``build_draft`` with a ``Directory`` of the
stored groups and units, and return the draft's YAML text (its comments quote each event's
source sentence and mark items to review). Until then it raises `ImporterUnavailable`,
and the page says so and keeps the text the user pasted.
"""

from __future__ import annotations

from dataclasses import dataclass

from thidua.context import AppContext


class ImporterUnavailable(RuntimeError):
    """The importer is not part of this installation yet."""


class UnreadableDirective(ValueError):
    """The document cannot be read (not UTF-8 text, not a .docx file); says why."""


@dataclass(frozen=True)
class DirectiveDraft:
    name: str  # a file name for the draft, e.g. "ke-hoach-15.yaml"
    text: str  # the draft campaign file (YAML), source sentences quoted in comments


def draft_from_directive(context: AppContext, name: str, data: bytes) -> DirectiveDraft:
    """The importer's draft of the document ``name`` (its bytes in ``data``)."""
    raise ImporterUnavailable("the directive importer (calendars.importer) is not connected")
