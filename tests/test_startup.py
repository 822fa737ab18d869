"""What a command pays before it starts: the compiled catalog is kept, so a command that
prints a translated message reads it with the standard library instead of Babel."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import translations as room
from translations import compile_po, gettext, po_path, translations


@pytest.fixture
def catalogs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the Vietnamese catalog, read from ``tmp_path`` for this test alone."""
    source = po_path("vi").read_bytes()
    monkeypatch.setattr(room, "CATALOG_DIR", tmp_path)
    po_path("vi").parent.mkdir(parents=True)
    po_path("vi").write_bytes(source)
    translations.cache_clear()
    yield tmp_path / "__pycache__"
    translations.cache_clear()


def test_the_compiled_catalog_is_kept_and_a_torn_one_compiled_again(catalogs: Path) -> None:
    assert gettext("Monday", "vi") == "Thứ Hai"
    [kept] = catalogs.glob("thidua.vi.*.mo")
    assert kept.read_bytes() == compile_po(po_path("vi").read_bytes(), "vi")

    kept.write_bytes(kept.read_bytes()[:100])  # a torn file
    translations.cache_clear()
    assert gettext("Monday", "vi") == "Thứ Hai"
    assert kept.read_bytes() == compile_po(po_path("vi").read_bytes(), "vi")


def test_a_changed_catalog_replaces_the_compiled_one(catalogs: Path) -> None:
    assert gettext("Monday", "vi") == "Thứ Hai"
    [before] = catalogs.glob("thidua.vi.*.mo")
    text = po_path("vi").read_text("utf-8")
    po_path("vi").write_text(text.replace('msgstr "Thứ Hai"', 'msgstr "Thứ hai"', 1), "utf-8")
    translations.cache_clear()
    assert gettext("Monday", "vi") == "Thứ hai"
    [after] = catalogs.glob("thidua.vi.*.mo")
    assert after != before
