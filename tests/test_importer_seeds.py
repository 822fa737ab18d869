"""The importer on whole documents: the five seeds and the test documents scored against
their gold files, and ``thidua import-text`` drafts that ``thidua check`` and ``thidua load``
accept, from text and from .docx."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import docx
import pytest

from bench.evaluation import evaluate, overall
from importer import extract, read_document
from tests.conftest import EXAMPLES, ROOT, Cli, seeds_dir

TEXTS = EXAMPLES / "texts"


def test_seeds_score_at_least_095_and_date_nothing_where_nothing_is_dated() -> None:
    scores = evaluate(seeds_dir() / "gold", TEXTS)
    assert len(scores) == 5
    assert overall(scores).f1 >= 0.95
    by_name = {s.name[:3]: s for s in scores}
    assert by_name["001"].extracted == 0 and by_name["003"].extracted == 0


def test_the_bench_prints_per_file_and_per_split_scores() -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "importer.py"),
            "--split",
            "seeds",
            "--split",
            "tuning",
            "--no-timing",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert lines[0].startswith("== seeds") and lines[1].split()[-4:] == ["P", "R", "F1", "header"]
    assert lines[7].startswith("overall")
    summary = lines[lines.index(next(x for x in lines if x.startswith("split "))) :]
    assert [row.split()[0] for row in summary[1:]] == ["seeds", "tuning"]
    seeds = summary[1].split()
    assert seeds[-1] == "5" and 0.0 < float(seeds[-2]) <= 1.0  # files, F1


@pytest.mark.parametrize("text", sorted(TEXTS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_seed_draft_checks_and_loads(
    text: Path, tmp_path: Path, sqlite_settings: object, cli: Cli
) -> None:
    draft = tmp_path / "draft.yaml"
    result = cli("import-text", text, "-o", draft)
    assert result.exit_code == 0, result.output
    assert "« " in draft.read_text("utf-8") or text.name[:3] in {"001", "003"}
    result = cli("check", draft, EXAMPLES / "units.yaml", "--no-store")
    assert result.exit_code == 0, result.output
    result = cli("load", draft, EXAMPLES / "units.yaml")
    assert result.exit_code == 0, result.output


def test_every_event_quotes_its_source_and_reviews_are_marked(
    tmp_path: Path, sqlite_settings: object, cli: Cli
) -> None:
    result = cli("import-text", TEXTS / "002_a25be4fb0705ebd4.txt")
    assert result.exit_code == 0
    text = result.stdout
    assert text.count("- catalog:") == 12
    assert "# « 4.1. Đợt thi đua thứ nhất (từ tháng 01/2024 đến 30/6/2024)" in text
    # the text names no one for its deadline: the broadest group, marked for review
    assert "# REVIEW: văn bản không ghi ai phải gửi" in text
    assert "Đợt thi đua" in result.stderr and "XEM LẠI" in result.stderr  # the summary table


def test_units_file_matches_the_documents_addressees(
    tmp_path: Path, sqlite_settings: object, cli: Cli
) -> None:
    result = cli(
        "import-text", TEXTS / "000_f11181bde7d53a3d.txt", "--units", EXAMPLES / "units.yaml"
    )
    assert (
        "units: [so-ban-nganh-doan-the, ubnd-huyen, co-quan-trung-uong, doanh-nghiep]"
        in result.stdout
    )
    assert "receiver_unit: ban-tdkt" in result.stdout


def test_stored_groups_are_used_when_no_units_file_is_given(
    tmp_path: Path, sqlite_settings: object, cli: Cli
) -> None:
    assert cli("load", EXAMPLES / "units.yaml").exit_code == 0
    result = cli("import-text", TEXTS / "002_a25be4fb0705ebd4.txt")
    assert "the groups and units in the database" in result.stdout
    assert "units: [" in result.stdout


def test_docx_reads_like_text(tmp_path: Path, sqlite_settings: object, cli: Cli) -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    for line in (TEXTS / "004_c16090252e2c5fc3.txt").read_text("utf-8").splitlines():
        document.add_paragraph(line)
    path = tmp_path / "chuong-trinh.docx"
    document.save(str(path))
    from_docx = extract(read_document(path))
    from_text = extract((TEXTS / "004_c16090252e2c5fc3.txt").read_text("utf-8"))
    assert [e.key_dates() for e in from_docx.events] == [e.key_dates() for e in from_text.events]
    assert from_docx.document.issuer == "UBND tỉnh Hà Giang"
    result = cli("import-text", path, "-o", tmp_path / "draft.yaml")
    assert result.exit_code == 0, result.output


def test_windows_line_ends_nfd_and_nbsp_read_the_same(tmp_path: Path) -> None:
    text = (TEXTS / "004_c16090252e2c5fc3.txt").read_text("utf-8")
    odd = (
        unicodedata.normalize("NFD", text)
        .replace("\n", "\r\n")
        .replace(" ngày ", "\u00a0ngày\u00a0")
    )
    assert [e.key_dates() for e in extract(odd).events] == [
        e.key_dates() for e in extract(text).events
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("absent.txt", None, "không có tệp này"),
        ("old.doc", b"\xd0\xcf\x11\xe0", "hãy lưu văn bản dưới dạng .docx"),
        ("latin.txt", b"K\xea\xd2 ho\xb9ch", "không phải văn bản UTF-8"),
        ("empty.txt", b"  \n", "không có chữ nào"),
        ("broken.docx", b"not a zip", "không đọc được tệp .docx"),
    ],
)
def test_bad_input_says_what_is_wrong(
    tmp_path: Path,
    sqlite_settings: object,
    cli: Cli,
    name: str,
    content: bytes | None,
    message: str,
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = cli("import-text", path)
    assert result.exit_code == 2
    assert message in result.output


def test_an_existing_draft_is_not_overwritten(
    tmp_path: Path, sqlite_settings: object, cli: Cli
) -> None:
    draft = tmp_path / "draft.yaml"
    draft.write_text("kept", encoding="utf-8")
    result = cli("import-text", TEXTS / "000_f11181bde7d53a3d.txt", "-o", draft)
    assert result.exit_code == 2 and draft.read_text("utf-8") == "kept"
    assert (
        cli("import-text", TEXTS / "000_f11181bde7d53a3d.txt", "-o", draft, "--force").exit_code
        == 0
    )
