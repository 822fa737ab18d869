"""A directive's text to a draft campaign file.

`read_document` reads a .txt or .docx file; `extract` reads the text into an `Extraction`
(the document's header and its dated events, each with the sentence it came from);
`build_draft` writes that as a campaign file for `config.schema`, naming units through a
`Directory` of groups and units. `evaluation` scores extractions against gold files.

One module per concern: `text` (normalising, paragraphs, sentences, folding), `noise` (page
dates, teasers, distribution list), `header`, `dates`, `commemorations`, `deadlines` (with
`addressees`), `periods` (period, phases, reviews), `meetings`, `extract` (the order they
run in), `draft`.
"""

from calendars.importer.addressees import (
    Directory,
    builtin_directory,
    directory_from_store,
    directory_from_units_file,
)
from calendars.importer.draft import Draft, build_draft
from calendars.importer.extract import extract
from calendars.importer.model import Extraction
from calendars.importer.source import UnreadableDocument, read_document

__all__ = [
    "Directory",
    "Draft",
    "Extraction",
    "UnreadableDocument",
    "build_draft",
    "builtin_directory",
    "directory_from_store",
    "directory_from_units_file",
    "extract",
    "read_document",
]
