"""Metamorphic bench for the directive importer: the same document, written a little
differently, should give the same events.

    python bench/importer_variants.py                     # dev and tuning, every transform
    python bench/importer_variants.py -t wrap -t nfd -v   # some transforms, with the changes

For each document of the dev and tuning splits, one surface transform at a time is applied
to its text (each a small pure function, seeded, that keeps every word and diacritic): the
text hard-wrapped at 60–80 columns as if copied out of a PDF (and with a page's number
between two lines every 45, as a PDF's text layer gives it), the separators of numeric
dates changed ("/" ↔ "-" ↔ "."), leading zeros added or dropped ("05/8" ↔ "5/8"), a date in
words made numeric and back ("ngày 5 tháng 8 năm 2023" ↔ "ngày 05/8/2023"), "hằng" ↔
"hàng", NFD instead of NFC, doubled spaces and a tab, Windows line ends. The transformed
text is scored against the SAME gold (bench/evaluation.py's scoring). Printed per
transform: F1, and how many documents' events (kind and dates) differ from the plain
text's; ``-v`` lists the events lost and gained, document by document.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import textwrap
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.evaluation import documents, overall, score  # noqa: E402
from importer.extract import extract  # noqa: E402
from importer.model import Commemoration, Extraction  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "importer"
SPLITS = ("dev", "tuning")

Transform = Callable[[str, random.Random], str]

# A numeric day and month, with an optional year, standing alone: not a part of a longer
# run of numbers ("1-5/11" is a range, "12/2023/NĐ-CP" a number), so changing its
# separator or its zeros keeps its meaning.
_EDGE_BEFORE = r"(?<![\d/.\-])"
_EDGE_AFTER = r"(?![\d/\-]|\.\d)"


def _numeric_date(separator: str) -> re.Pattern[str]:
    sep = re.escape(separator)
    return re.compile(
        _EDGE_BEFORE + rf"(\d{{1,2}}){sep}(\d{{1,2}})(?:{sep}(\d{{4}}))?" + _EDGE_AFTER
    )


def _valid(day: str, month: str) -> bool:
    return 1 <= int(day) <= 31 and 1 <= int(month) <= 12


def _resep(old: str, new: str) -> Transform:
    pattern = _numeric_date(old)

    def apply(text: str, _rng: random.Random) -> str:
        def one(match: re.Match[str]) -> str:
            day, month, year = match.groups()
            if not _valid(day, month):
                return match.group(0)
            return new.join(p for p in (day, month, year) if p)

        return pattern.sub(one, text)

    return apply


def _zeros(add: bool) -> Transform:
    pattern = _numeric_date("/")

    def apply(text: str, _rng: random.Random) -> str:
        def one(match: re.Match[str]) -> str:
            day, month, year = match.groups()
            if not _valid(day, month):
                return match.group(0)
            width = 2 if add else 1
            parts = [f"{int(day):0{width}d}", f"{int(month):0{width}d}"]
            return "/".join(parts + ([year] if year else []))

        return pattern.sub(one, text)

    return apply


_IN_WORDS = re.compile(r"\b([Nn]gày) (\d{1,2}) tháng (\d{1,2}) năm (\d{4})\b")
_NUMERIC = re.compile(r"\b([Nn]gày) (\d{1,2})/(\d{1,2})/(\d{4})" + _EDGE_AFTER)


def words_to_numeric(text: str, _rng: random.Random) -> str:
    """A date in words made numeric: "ngày 5 tháng 8 năm 2023" → "ngày 05/8/2023"."""

    def one(match: re.Match[str]) -> str:
        word, day, month, year = match.groups()
        return f"{word} {int(day):02d}/{int(month)}/{year}" if _valid(day, month) else match[0]

    return _IN_WORDS.sub(one, text)


def numeric_to_words(text: str, _rng: random.Random) -> str:
    """A numeric date said in words: "ngày 05/8/2023" → "ngày 5 tháng 8 năm 2023"."""

    def one(match: re.Match[str]) -> str:
        word, day, month, year = match.groups()
        if not _valid(day, month):
            return match[0]
        return f"{word} {int(day)} tháng {int(month)} năm {year}"

    return _NUMERIC.sub(one, text)


def _swap(old: str, new: str) -> Transform:
    """Every year in its other spelling ("hằng năm" ↔ "hàng năm"); "hàng hóa" is left."""
    pattern = re.compile(rf"\b{old}(?= (?:năm|tháng|tuần|ngày|quý)\b)", re.IGNORECASE)

    def apply(text: str, _rng: random.Random) -> str:
        text = unicodedata.normalize("NFC", text)
        return pattern.sub(lambda m: new.capitalize() if m[0][0].isupper() else new, text)

    return apply


def wrap(text: str, rng: random.Random) -> str:
    """Each long line broken at a word boundary, 60–80 columns (one width per document); a
    table's row ("a | b | c") is left whole: it is a converter's, and a copy out of a PDF has
    no such rows to wrap."""
    width = rng.randint(60, 80)
    lines = []
    for line in text.split("\n"):
        if line.count(" | ") >= 2:
            lines.append(line)
            continue
        broken = textwrap.wrap(
            line, width, break_long_words=False, break_on_hyphens=False, drop_whitespace=True
        )
        lines.extend(broken or [line])
    return "\n".join(lines)


def pdf_pages(text: str, rng: random.Random) -> str:
    """The text as a PDF's text layer gives it: hard-wrapped as by `wrap`, and a page's
    number ("Trang 2/5") set between two lines every 45 (a page's length), wherever that
    falls, inside a sentence too."""
    lines = wrap(text, rng).split("\n")
    pages = [lines[i : i + 45] for i in range(0, len(lines), 45)]
    stamped = []
    for number, page in enumerate(pages, start=1):
        stamped.extend(page)
        if number < len(pages):
            stamped.append(f"Trang {number}/{len(pages)}")
    return "\n".join(stamped)


def nfd(text: str, _rng: random.Random) -> str:
    return unicodedata.normalize("NFD", text)


def spaces(text: str, rng: random.Random) -> str:
    """About one space in eight doubled, and one space of a line in twenty made a tab
    (never two tabs on a line: three tabbed cells are a table's row)."""
    lines = []
    for line in text.split("\n"):
        words = line.split(" ")
        tab = rng.randrange(len(words) - 1) if len(words) > 2 and rng.random() < 0.05 else -1
        out = [words[0]]
        for i, word in enumerate(words[1:]):
            gap = "\t" if i == tab else ("  " if rng.random() < 0.125 else " ")
            out.append(gap + word)
        lines.append("".join(out))
    return "\n".join(lines)


def crlf(text: str, _rng: random.Random) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


TRANSFORMS: dict[str, Transform] = {
    "wrap": wrap,
    "pdf-pages": pdf_pages,
    "slash-dash": _resep("/", "-"),
    "slash-dot": _resep("/", "."),
    "dash-slash": _resep("-", "/"),
    "zeros-add": _zeros(add=True),
    "zeros-drop": _zeros(add=False),
    "words-numeric": words_to_numeric,
    "numeric-words": numeric_to_words,
    "hang-hang": _swap("hằng", "hàng"),
    "hang-hang-back": _swap("hàng", "hằng"),
    "nfd": nfd,
    "spaces": spaces,
    "crlf": crlf,
}


def signature(extraction: Extraction) -> Counter[str]:
    """The events as the scorer sees them: kind, dates and a commemoration's origin."""
    found: Counter[str] = Counter()
    for event in extraction.events:
        origin = event.origin if isinstance(event, Commemoration) else None
        found[f"{event.kind} {event.key_dates()} {origin or ''}".strip()] += 1
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--transform", "-t", action="append", choices=sorted(TRANSFORMS))
    parser.add_argument("--split", action="append", choices=SPLITS)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    texts = [
        (gold, text)
        for split in args.split or SPLITS
        for gold, text in documents(CORPUS / split / "gold", CORPUS / split)
    ]
    plain = [extract(text) for _, text in texts]
    base = overall(score(gold, found) for (gold, _), found in zip(texts, plain, strict=True))
    print(f"{'transform':<16} {'F1':>6} {'changed':>8}", end="   ")
    print(f"(plain F1 {base.f1:.3f}, {len(texts)} docs)")
    for name in args.transform or TRANSFORMS:
        scores, changed = [], []
        for (gold, text), before in zip(texts, plain, strict=True):
            rng = random.Random(args.seed * 1_000_003 + zlib.crc32(gold.source.encode()))
            after = extract(TRANSFORMS[name](text, rng))
            scores.append(score(gold, after))
            was, now = signature(before), signature(after)
            lost, gained = was - now, now - was
            if lost or gained:
                changed.append((gold.source, lost, gained))
        print(f"{name:<16} {overall(scores).f1:>6.3f} {len(changed):>8}")
        if args.verbose:
            for source, lost, gained in changed:
                print(f"    {source}")
                for event in lost.elements():
                    print(f"      - {event}")
                for event in gained.elements():
                    print(f"      + {event}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
