"""The config room: YAML as these files need it, dates in plain words, settings sources,
the anniversary catalog."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest
from pydantic import ValidationError

from config.catalog import anniversaries, find_anniversary
from config.dates import parse_date, parse_day_month, parse_month, parse_time
from config.settings import Settings, iso_duration
from config.yamlfile import YamlError, parse_yaml
from translations import using


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    """The room's messages are checked here in English, their msgids' words; in
    Vietnamese, the default, by `tests/test_messages_translated.py`."""
    with using("en"):
        yield


REQUIRED_DAYS = {  # day/month/origin year of the national days the brief names
    (3, 2, 1930),
    (30, 4, 1975),
    (7, 5, 1954),
    (19, 5, 1890),
    (11, 6, 1948),
    (27, 7, 1947),
    (19, 8, 1945),
    (2, 9, 1945),
    (19, 9, 1954),
    (10, 10, 1954),
    (18, 11, 1930),
    (20, 11, 1982),
    (19, 12, 1946),
    (22, 12, 1944),
    (22, 12, 1989),
    (26, 3, 1931),
}


def test_yaml_keeps_times_dates_and_codes_as_text() -> None:
    doc = parse_yaml("a: 14:30\nb: 2024-02-31\nc: 07\nd: yes\ne: 12\nf: true\ng: 1.5\nh: ~\n")
    assert doc.data == {
        "a": "14:30",
        "b": "2024-02-31",
        "c": "07",
        "d": "yes",
        "e": 12,
        "f": True,
        "g": 1.5,
        "h": None,
    }


def test_yaml_lines_of_keys_and_items() -> None:
    doc = parse_yaml("x:\n  - a: 1\n  - b:\n      c: 2\n")
    assert doc.line_of(("x", 1, "b", "c")) == 4
    assert doc.line_of(("x", 0)) == 2
    assert doc.line_of(("x", 1, "missing", "deeper")) == 3  # the nearest key the file has


def test_yaml_refuses_duplicate_keys_and_tags() -> None:
    with pytest.raises(YamlError, match="duplicate key 'a'") as info:
        parse_yaml("a: 1\nb: 2\na: 3\n")
    assert info.value.line == 3
    with pytest.raises(YamlError, match="unsupported YAML tag"):
        parse_yaml("a: !!python/object:os.system ls\n")


def test_yaml_text_is_nfc_and_a_bom_is_ignored() -> None:
    decomposed = unicodedata.normalize("NFD", "tên: Sở Nội vụ\n")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    doc = parse_yaml("\ufeff" + decomposed)
    assert doc.data == {"tên": "Sở Nội vụ"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-02-15", date(2024, 2, 15)),
        ("15/02/2024", date(2024, 2, 15)),
        ("5/2/2024", date(2024, 2, 5)),
        ("05.02.2024", date(2024, 2, 5)),
    ],
)
def test_dates_in_both_styles(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2024", "February 2024 has 29 days"),
        ("29/02/2023", "February 2023 has 28 days"),
        ("31/04/2024", "April 2024 has 30 days"),
        ("01/13/2024", "there is no month 13"),
        ("mai", "'mai' is not a date"),
    ],
)
def test_impossible_dates_say_why(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(text)


def test_months_days_of_year_and_times() -> None:
    assert parse_month("7/2024") == parse_month("2024-07") == (2024, 7)
    assert parse_day_month("29/02") == (29, 2)
    assert parse_time("8h30") == time(8, 30) and parse_time("14:00") == time(14, 0)
    with pytest.raises(ValueError, match="not a time of day"):
        parse_time("25:00")


def test_settings_keywords_then_variables_in_any_case_then_file_then_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "thidua.toml"
    config.write_text(
        'base_url = "https://thidua.phutho.example"\nreminder_offsets = [3, 7, 7]\n'
        'digest_time = "08:15"\nsmtp_port = 2525\nsetting_of_another_version = 1\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("THIDUA_CONFIG", str(config))
    monkeypatch.setenv("thidua_digest_time", "06:45")  # a variable named in any case
    monkeypatch.setenv("Thidua_Smtp_Port", "587")
    settings = Settings(smtp_port=465)
    assert settings.base_url == "https://thidua.phutho.example"  # the file over the default
    assert settings.reminder_offsets == [7, 3]  # a list in the file, as TOML writes it
    assert settings.digest_time == time(6, 45)  # the environment wins over the file
    assert settings.smtp_port == 465  # a keyword argument wins over the environment
    assert settings.language == "vi"  # the default
    monkeypatch.setenv("THIDUA_REMINDER_OFFSETS", "[1, 3]")  # a list variable is JSON
    assert Settings().reminder_offsets == [3, 1]
    monkeypatch.setenv("THIDUA_REMINDER_OFFSETS", "3, 1")
    with pytest.raises(ValidationError, match=r"'3, 1' is not a list as JSON writes it"):
        Settings()
    monkeypatch.setenv("THIDUA_REMINDER_OFFSETS", "[1]")
    monkeypatch.setenv("THIDUA_TIMEZONE", "Asia/Hanoi")
    with pytest.raises(ValueError, match="unknown time zone 'Asia/Hanoi'"):
        Settings()


def test_the_secret_key_is_generated_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("THIDUA_SECRET_KEY", raising=False)
    settings = Settings(var_dir=tmp_path)
    key = settings.effective_secret_key()
    assert len(key) >= 48 and Settings(var_dir=tmp_path).effective_secret_key() == key
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    "text",
    [
        "PT12H",
        "P1D",
        "P2W",
        "-PT1H",
        "+P1DT2H3M4S",
        "P",
        "PT",
        "P1DT",
        "PT0S",
        "P1Y",
        "12H",
        "pt12h",
        "P1.5D",
        " PT1H",
        "P99999999999D",
        "",
    ],
)
def test_a_duration_reads_as_icalendar_reads_it(text: str) -> None:
    """`feed_refresh` is checked without icalendar (every command reads the settings), the
    way icalendar will read it in the feeds."""
    from icalendar import vDuration  # noqa: PLC0415 (the reference, for this test only)

    try:
        expected = vDuration.from_ical(text)
    except ValueError:
        expected = None
    assert iso_duration(text) == expected


def test_the_catalog_has_every_national_day_with_names_and_aliases() -> None:
    have = {
        (a.origin.day, a.origin.month, a.origin.year) for a in anniversaries().values() if a.origin
    }
    assert have >= REQUIRED_DAYS
    assert find_anniversary("Ngày Thương binh Liệt sỹ").code == "thuong-binh-liet-si"
    assert find_anniversary("ngày hội quốc phòng toàn dân").code == "quoc-phong-toan-dan"
    assert find_anniversary("Ngày Bác Hồ ra lời kêu gọi thi đua ái quốc").code == (
        "loi-keu-goi-thi-dua-ai-quoc"
    )
    assert find_anniversary("Ngày hội làng") is None
    assert anniversaries()["gio-to-hung-vuong"].lunar == (10, 3)
