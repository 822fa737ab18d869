"""The command line speaks the setting's language, Vietnamese by default: every command's,
option's and argument's help has its Vietnamese in the catalog, ``--help`` and errors
(ours and Click's own words) read Vietnamese unless the setting says English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from thidua.cli import main
from thidua.cli.i18n import CLICK_MESSAGES, CLICK_PLURALS, METAVARS, TranslatedCommand
from translations import po_path, translations, using

FIELD = re.compile(r"\{(\w+)[!:]?[^}]*\}")


def commands(
    command: click.Command = main, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command of the tree with the words that run it, groups included."""
    yield path, command
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None, name
            yield from commands(sub, (*path, name))


def help_texts(command: click.Command) -> list[str]:
    """The texts a person reads in the command's help: its own and its parameters'."""
    texts = [command.help, command.short_help, command.epilog]
    texts += [getattr(param, "help", None) for param in command.params]
    return [text for text in texts if text]


def has_vietnamese(msgid: str) -> bool:
    return translations("vi").gettext(msgid) != msgid


def test_every_help_of_the_command_tree_has_its_vietnamese() -> None:
    missing = [
        f"{' '.join(path) or 'thidua'}: {text!r}"
        for path, command in commands()
        for text in help_texts(command)
        if not has_vietnamese(text)
    ]
    assert missing == []


def test_every_command_translates_its_help_when_shown() -> None:
    plain = [
        " ".join(path) for path, command in commands() if not isinstance(command, TranslatedCommand)
    ]
    assert plain == []
    assert len(list(commands())) > 30


def run(*args: str, env: dict[str, str] | None = None) -> click.testing.Result:
    return CliRunner().invoke(main, list(args), env=env)


@pytest.mark.parametrize("path", [path for path, _command in commands()], ids=" ".join)
def test_each_help_page_is_vietnamese(path: tuple[str, ...]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Cách dùng:")
    assert "Hiện hướng dẫn này rồi thoát." in result.output
    flat = " ".join(result.output.split())
    command = dict(commands())[path]
    for text in help_texts(command):
        assert " ".join(text.split())[:40] not in flat, text  # the English msgid is not shown


def test_root_and_load_help_are_vietnamese_by_default_and_english_when_set() -> None:
    root = run("--help").output
    assert "Cách dùng:" in root and "Tùy chọn:" in root and "Các lệnh:" in root
    assert "Kiểm tra các TỆP và lưu tất cả" in root  # load's short help, not imported
    load = run("load", "--help").output
    assert "Kiểm tra các TỆP và lưu tất cả trong một giao dịch." in load
    assert "Ngừng hoạt động các đơn vị" in load and "Usage" not in load

    english = {"THIDUA_LANGUAGE": "en"}
    root = run("--help", env=english).output
    assert "Usage:" in root and "Options:" in root and "Commands:" in root
    assert "Validate FILES and store them in one transaction." in root
    load = run("load", "--help", env=english).output
    assert "Deactivate the stored units and groups" in load
    assert "Show this message and exit." in load and "Cách dùng" not in load


def test_the_settings_file_chooses_the_language_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "thidua.toml"
    config.write_text('language = "en"\n', encoding="utf-8")
    monkeypatch.setenv("THIDUA_CONFIG", str(config))
    assert run("--help").output.startswith("Usage:")
    config.write_text('language = "vi"\n', encoding="utf-8")
    assert run("--help").output.startswith("Cách dùng:")


def test_errors_are_vietnamese_by_default(sqlite_settings: object, tmp_path: Path) -> None:
    missing = tmp_path / "khong-co.yaml"
    result = run("load", str(missing))
    assert result.exit_code == 2
    assert f"{missing}: không có tệp này" in result.output
    assert "đã đọc 0 tệp: 1 lỗi, 0 cảnh báo; không lưu gì" in result.output

    result = run("load")  # Click's own message
    assert result.exit_code == 2
    assert "Lỗi: Thiếu đối số 'TỆP...'." in result.output
    assert "Xem hướng dẫn: 'main load --help'." in result.output
    result = run("events", "--format", "xml")
    assert "Giá trị không hợp lệ cho '--format': 'xml' không thuộc các giá trị" in result.output

    result = run("load", str(missing), env={"THIDUA_LANGUAGE": "en"})
    assert f"{missing}: no such file" in result.output
    assert "0 file(s) read: 1 error(s), 0 warning(s); nothing was stored" in result.output
    assert (
        "Error: Missing argument 'FILES...'." in run("load", env={"THIDUA_LANGUAGE": "en"}).output
    )


def test_usage_placeholders_are_in_the_language_of_the_help() -> None:
    """The usage line, the options and the help texts name a placeholder alike: "MÃ" in
    Vietnamese, "CODE" in English, and every placeholder of the tree has its Vietnamese."""
    vietnamese = run("export-yaml", "--help").output
    assert "Cách dùng: main export-yaml [TÙY_CHỌN]" in vietnamese
    assert "--campaign MÃ" in vietnamese and "CODE" not in vietnamese
    english = run("export-yaml", "--help", env={"THIDUA_LANGUAGE": "en"}).output
    assert "Usage: main export-yaml [OPTIONS]" in english and "--campaign CODE" in english
    assert run("submit", "x").output.endswith("Lỗi: Thiếu đối số 'ĐƠN_VỊ'.\n")
    untranslated = sorted(
        {
            word
            for path, command in commands()
            for param in command.params
            for word in re.findall(r"\b[A-Z][A-Z_-]*[A-Z]\b", unmarked(param, command, path))
            if word not in metavar_words()
        }
    )
    assert untranslated == []


def unmarked(param: click.Parameter, command: click.Command, path: tuple[str, ...]) -> str:
    """The placeholder Click makes for ``param``, in English (the msgid's words)."""
    with using("en"):
        return param.make_metavar(click.Context(command, info_name=" ".join(path)))


def metavar_words() -> set[str]:
    """The placeholders that have a Vietnamese of their own."""
    vi = translations("vi")
    return {msgid for msgid in METAVARS if vi.pgettext("metavar", msgid) != msgid}


def test_the_version_is_said_in_the_language() -> None:
    assert "thidua, phiên bản" in run("--version").output
    assert "thidua, version" in run("--version", env={"THIDUA_LANGUAGE": "en"}).output


def click_source() -> str:
    folder = Path(click.__file__).parent
    return "\n".join(path.read_text("utf-8") for path in sorted(folder.glob("*.py")))


def test_the_click_messages_translated_are_still_clicks() -> None:
    source = click_source()
    listed = [*CLICK_MESSAGES, *(text for pair in CLICK_PLURALS for text in pair)]
    gone = [text for text in listed if f'"{text}"' not in source]
    assert gone == []


def test_vietnamese_of_click_messages_keeps_their_fields() -> None:
    vi = translations("vi")
    for msgid in CLICK_MESSAGES:
        text = vi.gettext(msgid)
        assert text != msgid or msgid in po_path("vi").read_text("utf-8"), msgid
        assert set(FIELD.findall(text)) == set(FIELD.findall(msgid)), msgid
    for singular, plural in CLICK_PLURALS:
        text = vi.ngettext(singular, plural, 2)
        assert text != plural, singular
        assert set(FIELD.findall(text)) <= set(FIELD.findall(singular + plural)), singular
