"""The same document as offices have it — UTF-8 text, a .docx whose schedule is a table, a PDF
with a text layer, the same PDF scanned (rendered with pdftoppm, speckled, tilted, read back
through Tesseract) — gives the same events, through ``thidua import-text`` → ``thidua
load`` → ``thidua events``. Legacy encodings are read and said in the draft."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from importer import extract, load_document
from importer.scans import ocr_missing
from tests.conftest import EXAMPLES, Cli
from tests.documents import scanned_pdf, schedule_docx, text_pdf

HEAD = [
    "ỦY BAN NHÂN DÂN TỈNH AN GIANG",
    "Số: 15/KH-UBND",
    "An Giang, ngày 10 tháng 01 năm 2031",
    "KẾ HOẠCH",
    "Phát động phong trào thi đua năm 2031",
    "1. Đợt thi đua thứ nhất từ ngày 01/02/2031 đến ngày 30/6/2031, lập thành tích chào mừng "
    "kỷ niệm 101 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2031).",
    "2. Tổ chức Lễ phát động vào ngày 20/01/2031 tại Hội trường tỉnh.",
    "3. Các mốc thời gian:",
]
SCHEDULE = [
    ["Báo cáo sơ kết 6 tháng đầu năm", "Các sở, ban, ngành", "Trước ngày 15/6/2031"],
    ["Hồ sơ đề nghị khen thưởng tổng kết", "UBND các huyện", "Chậm nhất ngày 20/11/2031"],
]
TAIL = ["Giao Sở Nội vụ (Ban Thi đua - Khen thưởng) theo dõi, đôn đốc thực hiện Kế hoạch này."]


def _as_text() -> str:
    rows = [f"- {who}: {what}, {when.lower()}." for what, who, when in SCHEDULE]
    return "\n".join([*HEAD, *rows, *TAIL]) + "\n"


def _events(cli: Cli, document: Path, tmp_path: Path) -> list[tuple[str, str, str]]:
    draft = tmp_path / f"{document.stem}.yaml"
    result = cli("import-text", document, "-o", draft, "--units", EXAMPLES / "units.yaml")
    assert result.exit_code == 0, result.output
    assert cli("load", EXAMPLES / "units.yaml", draft).exit_code == 0
    result = cli("events", "--from", "2000-01-01", "--to", "2030-12-31", "--format", "json")
    later = cli("events", "--from", "2031-01-01", "--to", "2031-12-31", "--format", "json")
    assert result.exit_code == 0 and later.exit_code == 0, result.output
    records = json.loads(result.stdout) + json.loads(later.stdout)
    return sorted((r["kind"], r["start"], r["end"]) for r in records if r["kind"] != "period")


@pytest.fixture
def documents(tmp_path: Path) -> dict[str, Path]:
    text = tmp_path / "ke-hoach.txt"
    text.write_text(_as_text(), encoding="utf-8")
    word = tmp_path / "ke-hoach.docx"
    schedule_docx(word, HEAD, ["Nội dung", "Đơn vị thực hiện", "Mốc thời gian"], SCHEDULE, TAIL)
    pdf = tmp_path / "ke-hoach-text.pdf"
    text_pdf("\n".join([*HEAD, *(" – ".join(r) for r in SCHEDULE), *TAIL]), pdf)
    return {"text": text, "docx": word, "pdf": pdf}


def test_text_docx_and_pdf_give_the_same_events(
    documents: dict[str, Path], tmp_path: Path, sqlite_settings: object, cli: Cli
) -> None:
    expected = _events(cli, documents["text"], tmp_path)
    kinds = [k for k, _, _ in expected]
    assert kinds.count("deadline") == 2 and "meeting" in kinds and "phase" in kinds
    assert ("commemoration", "2031-02-03", "2031-02-03") in expected  # the year written
    for name in ("docx", "pdf"):
        assert _extracted(documents[name]) == _extracted(documents["text"]), name


def _extracted(path: Path) -> list[tuple[str, str]]:
    return sorted((e.kind, e.when()) for e in extract(load_document(path).text).events)


@pytest.mark.slow
def test_a_scanned_pdf_reads_like_its_text(documents: dict[str, Path], tmp_path: Path) -> None:
    if ocr_missing():
        pytest.fail(f"OCR is needed for this test: {ocr_missing()} (make install-test)")
    scan = tmp_path / "ke-hoach-scan.pdf"
    pages = scanned_pdf(documents["pdf"], scan)
    assert pages >= 1
    read = load_document(scan)
    assert "OCR" in " ".join(read.notes)
    assert sorted((e.kind, e.when()) for e in extract(read.text).events) == _extracted(
        documents["text"]
    )


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _to_cp1258(text: str) -> bytes:
    """Windows-1258 writes â, ê, ơ … whole and the five tones as combining marks."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def test_windows_1258_and_tcvn3_are_detected_and_said(tmp_path: Path) -> None:
    text = _as_text()
    cp = tmp_path / "cp1258.txt"
    cp.write_bytes(_to_cp1258(text))
    read = load_document(cp)
    assert read.text.replace("\n", "") == text.replace("\n", "")
    assert "Windows-1258" in " ".join(read.notes)
    from importer.legacy import TCVN3  # noqa: PLC0415

    back = {v: chr(k) for k, v in TCVN3.items()}
    legacy = "".join(back.get(c, c) for c in text).encode("latin-1", errors="replace")
    tcvn = tmp_path / "tcvn3.txt"
    tcvn.write_bytes(legacy)
    read = load_document(tcvn)
    assert "TCVN3" in " ".join(read.notes)
    assert "Đợt thi đua thứ nhất" in read.text
