"""The importer on the tuning set (tests/data/importer/tuning, once called "unseen"):
every draft made from its documents passes ``thidua check`` and loads. Its score is printed
by ``bench/importer.py`` and held to no floor: the set was tuned on, so a score on it says
little about the next document (the dev and test splits do)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from importer import read_document
from tests.conftest import EXAMPLES, Cli

TUNING = Path(__file__).resolve().parent / "data" / "importer" / "tuning"
DOCUMENTS = sorted(p for p in TUNING.iterdir() if p.suffix in {".txt", ".docx"})


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name[:3])
def test_every_tuning_draft_checks_and_loads(
    document: Path, tmp_path: Path, sqlite_settings: object, cli: Cli
) -> None:
    draft = tmp_path / "draft.yaml"
    result = cli("import-text", document, "-o", draft, "--units", EXAMPLES / "units.yaml")
    assert result.exit_code == 0, result.output
    result = cli("check", draft, EXAMPLES / "units.yaml", "--no-store")
    assert result.exit_code == 0, result.output
    assert "0 lỗi" in result.output
    result = cli("load", draft, EXAMPLES / "units.yaml")
    assert result.exit_code == 0, result.output


def test_the_committed_docx_is_what_its_script_builds(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("build_u13", TUNING / "build_u13_docx.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = tmp_path / "u13.docx"
    module.build(built)
    committed = TUNING / "u13_tuyen_quang_hdtdkt_2026.docx"
    assert read_document(built) == read_document(committed)


def test_the_odd_encodings_of_the_set_are_really_there() -> None:
    """u03 has Windows line ends and u10 is NFD with non-breaking spaces: the set tests what
    it says it tests (git must not normalise them)."""
    crlf = (TUNING / "u03_can_tho_cong_van_2025.txt").read_bytes()
    assert crlf.count(b"\r\n") > 30
    nfd = (TUNING / "u10_long_an_so_y_te_2025.txt").read_text("utf-8")
    assert "\u0301" in nfd and "\u00a0" in nfd
