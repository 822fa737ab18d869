"""What the submissions room raises when a reference names nothing it knows; kept apart
from `submissions.records` so that a reader (``thidua status``) can catch it without
loading the store's writers."""

from __future__ import annotations


class SubmissionError(ValueError):
    """A reference that names no deadline or unit, or a unit that does not answer for it;
    ``field`` says which of the two is wrong, ``missing`` whether it names nothing (the
    message is in the reader's language, so a caller cannot tell from its words)."""

    def __init__(self, message: str, field: str, *, missing: bool = False) -> None:
        super().__init__(message)
        self.field = field
        self.missing = missing
