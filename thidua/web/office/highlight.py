"""The dated words of a sentence, for the draft review to mark: "trước ngày 15/02/2024",
"tháng 7/2024", "quý I/2025", "ngày 15 tháng 3 năm 2024", "3.2.1930", "năm 2025", "cuối
tháng". The importer has read the sentence; these are the words a clerk checks the
proposed dates against, so they stand out on the page (``<mark>``).
"""

from __future__ import annotations

import re

_DAY = r"\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?(?![\d/.-]*\d)"
DATED = re.compile(
    r"(?:(?:ngày|mùng|mồng)\s+)?"
    + r"(?:"
    + _DAY
    + r"|\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?"
    + r")"
    + r"|(?:ngày|mùng|mồng)\s+\d{1,2}\b"
    + r"|(?:tháng|quý)\s+(?:\d{1,2}|[IV]{1,3})\b(?:\s*[/-]\s*\d{4}|\s+năm\s+\d{4})?"
    + r"|năm\s+\d{4}\b"
    + r"|(?:đầu|giữa|cuối)\s+(?:tháng|năm|quý)\b(?:\s+\d{1,2}/\d{4}|\s+\d{4})?"
    + r"|hằng\s+(?:tháng|quý|năm)\b",
    re.IGNORECASE,
)


def parts(sentence: str) -> list[tuple[str, bool]]:
    """The sentence cut into (text, dated) pieces, in order; joined they give it back."""
    pieces: list[tuple[str, bool]] = []
    last = 0
    for match in DATED.finditer(sentence):
        if match.start() > last:
            pieces.append((sentence[last : match.start()], False))
        pieces.append((match.group(0), True))
        last = match.end()
    if last < len(sentence):
        pieces.append((sentence[last:], False))
    return pieces
