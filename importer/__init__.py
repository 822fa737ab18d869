"""A directive's text to a draft campaign file: the importer's own room. It depends on
`config` (the catalog, the file schema) and `calendars` (working days) only, and only the
face (`thidua`) and `bench/` import it.

`load_document` reads a .txt, .docx, .pdf or image file (`source`, `wordfile`, `scans`,
`legacy`); `extract` reads the text into an `Extraction`
(the document's header and its dated events, each with the sentence it came from);
`build_draft` writes that as a campaign file for `config.schema`, naming units through a
`Directory` of groups and units. `bench/evaluation.py` scores extractions against gold
files.

One module per concern: `text` (normalising, paragraphs, sentences, folding; `unmarked` gives
a text that lost its diacritics back the marks of its administrative words), `tables`
(schedule tables as sentences), `noise` (page dates and stamps, teasers, distribution list),
`header`, `dates`, `commemorations`, `deadlines` (with
`addressees`), `periods` (period, phases, reviews), `meetings`, `agenda` (a week's schedule),
`programme` (a programme's table copied one cell a line), `extract` (the order they run in),
`draft`.
"""

from importer.addressees import (
    Directory,
    builtin_directory,
    directory_from_store,
    directory_from_units_file,
)
from importer.draft import Draft, build_draft
from importer.extract import extract
from importer.model import Extraction
from importer.source import Document, UnreadableDocument, load_document, read_document

__all__ = [
    "Directory",
    "Document",
    "Draft",
    "Extraction",
    "UnreadableDocument",
    "build_draft",
    "builtin_directory",
    "directory_from_store",
    "directory_from_units_file",
    "extract",
    "load_document",
    "read_document",
]
