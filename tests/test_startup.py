"""What a command pays before it starts: the compiled catalog is kept, so a command that
prints a translated message reads it with the standard library instead of Babel."""

from __future__ import annotations

import gettext as gettext_module
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

import translations as room
from translations import KeptCatalog, compile_po, gettext, kept_form, po_path, translations


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


def _fresh(language: str) -> gettext_module.GNUTranslations:
    """The catalog as gettext reads it from the ``.mo`` compiled now."""
    return gettext_module.GNUTranslations(
        io.BytesIO(compile_po(po_path(language).read_bytes(), language))
    )


def test_the_compiled_catalog_is_kept_and_a_torn_one_compiled_again(catalogs: Path) -> None:
    assert gettext("Monday", "vi") == "Thứ Hai"
    [kept] = catalogs.glob("thidua.vi.*.marshal")
    assert kept.read_bytes() == kept_form(_fresh("vi"))

    kept.write_bytes(kept.read_bytes()[:100])  # a torn file
    translations.cache_clear()
    assert gettext("Monday", "vi") == "Thứ Hai"
    assert kept.read_bytes() == kept_form(_fresh("vi"))


def test_the_kept_catalog_reads_as_the_compiled_one(catalogs: Path) -> None:
    translations("vi")  # compiles and keeps it
    translations.cache_clear()
    kept = translations("vi")
    assert isinstance(kept, KeptCatalog)  # read back, not compiled again
    fresh = _fresh("vi")
    assert kept.info() == fresh.info() and kept.charset() == fresh.charset()
    for singular, plural in [("%(n)d deadline", "%(n)d deadlines"), ("%(n)d unit", "%(n)d units")]:
        for n in (0, 1, 2, 5):
            assert kept.ngettext(singular, plural, n) == fresh.ngettext(singular, plural, n)
    assert kept.pgettext("reminder kind", "due") == fresh.pgettext("reminder kind", "due")
    assert kept.gettext("Deadline") == fresh.gettext("Deadline") != "Deadline"


def test_a_changed_catalog_replaces_the_compiled_one(catalogs: Path) -> None:
    assert gettext("Monday", "vi") == "Thứ Hai"
    [before] = catalogs.glob("thidua.vi.*.marshal")
    text = po_path("vi").read_text("utf-8")
    po_path("vi").write_text(text.replace('msgstr "Thứ Hai"', 'msgstr "Thứ hai"', 1), "utf-8")
    translations.cache_clear()
    assert gettext("Monday", "vi") == "Thứ hai"
    [after] = catalogs.glob("thidua.vi.*.marshal")
    assert after != before
    assert not before.exists()


def test_a_catalog_kept_as_mo_by_an_earlier_version_is_dropped(catalogs: Path) -> None:
    catalogs.mkdir()
    earlier = catalogs / "thidua.vi.0123456789abcdef.mo"
    earlier.write_bytes(compile_po(po_path("vi").read_bytes(), "vi"))
    assert gettext("Monday", "vi") == "Thứ Hai"
    assert not earlier.exists()
