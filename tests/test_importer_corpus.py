"""The importer's evaluation corpus keeps its test split unseen (issue 11).

A score on the test split means something only while no rule was written from it: no
sentence of a test document may turn up in the importer's source or in its tests (rules are
tested with invented sentences), and no test document may also sit in another split. These
checks read the corpus as data; they never run the importer on the test split.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "importer"
TEST_SPLIT = CORPUS / "test"
# Shorter pieces are formulas every document shares ("Cộng hòa xã hội chủ nghĩa Việt Nam").
SHORTEST_SENTENCE = 40


def normalised(text: str) -> str:
    """NFC, lower case, runs of white space as one space: how two copies are compared."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().lower()


def sentences(text: str) -> set[str]:
    """The document's pieces between punctuation, table bars and line ends, long enough to
    be its own words rather than a formula."""
    pieces = (normalised(piece) for piece in re.split(r"[.!?;:|\n]", text))
    return {piece for piece in pieces if len(piece) >= SHORTEST_SENTENCE}


def source_of_the_importer_and_its_tests() -> str:
    files = [*(ROOT / "importer").rglob("*.py"), *(ROOT / "tests").glob("*.py")]
    return " ".join(normalised(path.read_text("utf-8")) for path in files)


def gold_files(split: Path) -> list[Path]:
    return sorted((split / "gold").glob("*.y*ml"))


def other_splits() -> list[Path]:
    return [
        folder for folder in sorted(CORPUS.iterdir()) if folder.is_dir() and folder != TEST_SPLIT
    ]


def documents_of_the_test_split() -> list[Path]:
    return sorted(TEST_SPLIT.glob("*.txt"))


requires_a_test_split = pytest.mark.skipif(
    not any(TEST_SPLIT.glob("*.txt")), reason="no test split in this checkout"
)


@requires_a_test_split
def test_no_sentence_of_a_test_document_is_in_the_importer_or_its_tests() -> None:
    source = source_of_the_importer_and_its_tests()
    copied = {
        (document.name, sentence)
        for document in documents_of_the_test_split()
        for sentence in sentences(document.read_text("utf-8"))
        if sentence in source
    }
    assert not copied, f"test-split sentences found in importer/ or tests/: {sorted(copied)}"


@requires_a_test_split
def test_no_test_document_is_also_in_another_split() -> None:
    def addresses(split: Path) -> set[str]:
        found = (yaml.safe_load(path.read_text("utf-8")).get("url") for path in gold_files(split))
        return {address for address in found if address}

    def texts(split: Path) -> set[str]:
        return {normalised(path.read_text("utf-8")) for path in split.glob("*.txt")}

    elsewhere_addresses = set().union(*(addresses(split) for split in other_splits()))
    elsewhere_texts = set().union(*(texts(split) for split in other_splits()))
    assert addresses(TEST_SPLIT) & elsewhere_addresses == set()
    assert texts(TEST_SPLIT) & elsewhere_texts == set()


@pytest.mark.parametrize("split", ["dev", "test", "tuning"])
def test_every_gold_file_names_a_document_beside_it(split: str) -> None:
    folder = CORPUS / split
    missing = [
        path.name
        for path in gold_files(folder)
        if not (folder / yaml.safe_load(path.read_text("utf-8"))["source"]).is_file()
    ]
    assert not missing, f"gold files in {split}/ whose source: is not there: {missing}"
