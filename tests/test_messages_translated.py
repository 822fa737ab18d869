"""What a person reads about bad input is in their language: Vietnamese by default, English
when the setting says so, and it still names what is wrong and where (file, line, field;
the setting; the code).

Each case runs ``thidua`` on a bad input twice and looks for the message as the catalog
words it: the Vietnamese ``msgstr`` by default, the English ``msgid`` with
``THIDUA_LANGUAGE=en``; never a copy typed here. The expectation is built from the msgid,
so a message that is changed back to a bare English string fails in Vietnamese.

A static check keeps the rooms honest where no case reaches: an exception of ours (and
Click's usage errors, and the validators' ``ValueError`` of ``config/``) is never raised
with a bare string literal that holds words; its message goes through the catalog.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tests.conftest import EXAMPLES, ROOT
from thidua.cli import main
from translations import gettext

HA_GIANG = EXAMPLES / "004-ha-giang-2023.yaml"
USERNAME_RULE = (
    "username %(name)s: use 1 to 64 letters a-z, digits and . _ @ + - "
    "(starting with a letter or digit)"
)

Value = str | int | Callable[[str], str]  # a callable: a value that is translated too


@dataclass
class Case:
    """``thidua ARGS`` on a bad input, and the message it must print: ``where`` (the file,
    line and field, or the setting) followed by ``msgid`` filled with ``params``."""

    args: list[str]
    msgid: str
    params: dict[str, Value] = field(default_factory=dict)
    where: str = ""
    env: dict[str, str] = field(default_factory=dict)  # FILE: the settings file's text
    input: str | None = None
    exit_code: int = 2  # bad input; a warning alone exits with 0

    def expected(self, language: str) -> str:
        values = {k: v(language) if callable(v) else v for k, v in self.params.items()}
        return self.where + gettext(self.msgid, language, **values)


def said(msgid: str, **params: Value) -> Callable[[str], str]:
    """A value that is itself a message, in the language of the case's run."""

    def in_language(language: str) -> str:
        values = {k: v(language) if callable(v) else v for k, v in params.items()}
        return gettext(msgid, language, **values)

    return in_language


def campaign_file(folder: Path, name: str, *changes: tuple[str, str]) -> Path:
    """The Hà Giang example with ``changes`` (old, new) made to its text."""
    text = HA_GIANG.read_text("utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def cases(folder: Path) -> dict[str, Case]:
    units = str(EXAMPLES / "units.yaml")
    broken = folder / "hong.yaml"
    broken.write_text("campaign:\n  code: x\n  title: [\n", encoding="utf-8")
    bad_date = campaign_file(
        folder, "ngay.yaml", ("period: {start: 01/01/2023", "period: {start: 31/02/2023")
    )
    missing = campaign_file(folder, "thieu.yaml", ("  issuer: UBND tỉnh Hà Giang\n", ""))
    typo = campaign_file(folder, "sai-ten.yaml", ("  issuer: UBND", "  isuer: UBND"))
    late = campaign_file(
        folder,
        "tre.yaml",
        ("due: {rule: before, date: 30/11/2023}", "due: {rule: before, date: 15/01/2024}"),
    )
    toml = folder / "var" / "absent.toml"  # the settings file the tests point at
    return {
        "yaml-syntax": Case(
            ["check", "--no-store", str(broken)],
            "not valid YAML: %(problem)s",
            {"problem": ""},  # PyYAML's own words follow
            where=f"{broken}:4: ",
        ),
        "not-a-date": Case(
            ["check", "--no-store", units, str(bad_date)],
            "%(text)s is not a date: %(month)s %(year)d has %(last)d days",
            {"text": "31/02/2023", "month": said("February"), "year": 2023, "last": 28},
            where=f"{bad_date}:11: campaign.period.start: ",
        ),
        "required": Case(
            ["check", "--no-store", units, str(missing)],
            "required, but missing",
            where=f"{missing}:3: campaign.issuer: ",
        ),
        "unknown-field": Case(
            ["check", "--no-store", units, str(typo)],
            "unknown field %(name)s (did you mean %(hint)s?)",
            {"name": "'isuer'", "hint": "'issuer'"},
            where=f"{typo}:7: campaign.isuer: ",
        ),
        "warning": Case(
            ["check", "--no-store", units, str(late)],
            "%(where)s: warning: %(what)s",
            {
                "where": f"{late}:52",
                "what": lambda language: (
                    "deadlines[2].due: "
                    + gettext(
                        "the last day %(day)s is outside the campaign period (%(s)s – %(e)s)",
                        language,
                        day="14/01/2024",
                        s="01/01/2023",
                        e="31/12/2023",
                    )
                ),
            },
            exit_code=0,
        ),
        "unknown-feed": Case(
            ["export", "--campaign", "nope", "-o", str(folder / "x.ics")],
            "no campaign %(code)s",
            {"code": "'nope'"},
        ),
        "bad-setting": Case(
            ["campaigns"],
            "the settings are wrong: %(errors)s",
            {
                "errors": lambda language: (
                    "THIDUA_SMTP_PORT: "
                    + said("%(value)s is not a whole number", value="'abc'")(language)
                )
            },
            env={"THIDUA_SMTP_PORT": "abc"},
        ),
        "bad-time-zone": Case(
            ["campaigns"],
            "unknown time zone %(value)s",
            {"value": "'Mars/Olympus'"},
            where="THIDUA_TIMEZONE: ",
            env={"THIDUA_TIMEZONE": "Mars/Olympus"},
        ),
        "list-setting": Case(
            ["campaigns"],
            "%(value)s is not a list as JSON writes it (e.g. [7, 3, 1])",
            {"value": "'7, 3, 1'"},
            where="THIDUA_REMINDER_OFFSETS: ",
            env={"THIDUA_REMINDER_OFFSETS": "7, 3, 1"},
        ),
        "settings-file": Case(
            ["campaigns"],
            "%(value)s is too small: it must be at least %(ge)s",
            {"value": "0", "ge": "1"},
            where=f"{toml}: smtp_port: ",
            env={"FILE": "smtp_port = 0\n"},
        ),
        "bad-username": Case(
            ["users", "add", "Bad Name", "--password-stdin"],
            USERNAME_RULE,
            {"name": "'Bad Name'"},
            input="long enough 1\n",
        ),
        "no-user": Case(["users", "disable", "nobody"], "no user %(user)s", {"user": "'nobody'"}),
    }


NAMES = [
    "yaml-syntax",
    "not-a-date",
    "required",
    "unknown-field",
    "warning",
    "unknown-feed",
    "bad-setting",
    "bad-time-zone",
    "list-setting",
    "settings-file",
    "bad-username",
    "no-user",
]


def run(case: Case, monkeypatch: pytest.MonkeyPatch, toml: Path, language: str | None) -> Result:
    with monkeypatch.context() as patched:
        for name, value in case.env.items():
            if name == "FILE":
                toml.parent.mkdir(parents=True, exist_ok=True)
                toml.write_text(value, encoding="utf-8")
            else:
                patched.setenv(name, value)
        if language:
            patched.setenv("THIDUA_LANGUAGE", language)
        try:
            return CliRunner().invoke(main, case.args, input=case.input)
        finally:
            toml.unlink(missing_ok=True)


@pytest.mark.parametrize("name", NAMES)
def test_bad_input_is_told_in_vietnamese_by_default_and_in_english_when_set(
    name: str, sqlite_settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = cases(tmp_path)[name]
    toml = tmp_path / "var" / "absent.toml"
    vietnamese, english = case.expected("vi"), case.expected("en")
    assert vietnamese != english, f"{case.msgid!r} has no Vietnamese"

    result = run(case, monkeypatch, toml, None)
    assert result.exit_code == case.exit_code, result.output
    assert vietnamese in result.output, result.output
    assert "Traceback" not in result.output

    result = run(case, monkeypatch, toml, "en")
    assert result.exit_code == case.exit_code, result.output
    assert english in result.output, result.output


def test_every_case_is_run(tmp_path: Path) -> None:
    assert sorted(NAMES) == sorted(cases(tmp_path))


# --- no bare words in what is raised ---------------------------------------------------------

ROOMS = ("calendars", "config", "importer", "notifiers", "scheduler", "submissions", "thidua")
# Raised for a person to read, though not defined here: Click's usage errors.
CLICK_ERRORS = frozenset({"ClickException", "BadParameter", "UsageError"})
# Standard exceptions whose classes of ours derive from them.
BASES = frozenset({"Exception", "ValueError", "LookupError", "RuntimeError", "OSError"})


def sources() -> dict[Path, ast.Module]:
    return {
        path: ast.parse(path.read_text("utf-8"), str(path))
        for room in ROOMS
        for path in sorted((ROOT / room).rglob("*.py"))
        if "migrations" not in path.parts
    }


def our_exceptions(trees: dict[Path, ast.Module]) -> set[str]:
    """The exception classes defined in the rooms (by name), through their bases."""
    bases = {
        node.name: {ast.unparse(base).rsplit(".", 1)[-1] for base in node.bases}
        for tree in trees.values()
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    }
    ours: set[str] = set()
    while True:
        found = {name for name, of in bases.items() if of & (BASES | CLICK_ERRORS | ours)}
        if found <= ours:
            return ours
        ours |= found


def has_words(node: ast.expr) -> bool:
    """A string literal (or f-string, or a sum of them) whose own text holds a letter."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and any(c.isalpha() for c in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(has_words(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp):
        return has_words(node.left) or has_words(node.right)
    return False


# Exceptions whose first argument is a token, not a message: (file, class) and why.
TOKENS = {
    ("thidua/editing.py", "NoSuchEvent"): "the kind that is missing; the class words it",
    ("thidua/web/upload.py", "SubmissionError"): "a signal to the upload page, which words it",
}


def bare_raises(path: Path, tree: ast.Module, checked: set[str]) -> list[str]:
    found = []
    where = path.relative_to(ROOT).as_posix()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
            continue
        name = ast.unparse(node.exc.func).rsplit(".", 1)[-1]
        validator = name == "ValueError" and where.startswith("config/")
        if (where, name) in TOKENS or not (name in checked or validator):
            continue
        if node.exc.args and has_words(node.exc.args[0]):
            found.append(f"{where}:{node.lineno}: {ast.unparse(node.exc)[:90]}")
    return found


def test_no_exception_of_ours_is_raised_with_bare_words() -> None:
    trees = sources()
    checked = our_exceptions(trees) | CLICK_ERRORS
    assert {"YamlError", "UserError", "FeedNotFound", "BadInput"} <= checked
    bare = [line for path, tree in trees.items() for line in bare_raises(path, tree, checked)]
    assert bare == []


def test_the_static_check_finds_bare_words() -> None:
    tree = ast.parse(
        'raise UserError(f"no user {name!r}")\n'
        'raise UserError(_("no user %(user)s", user=name))\n'
        'raise UserError(f"{name}: {exc}")\n'
    )
    found = bare_raises(ROOT / "thidua" / "x.py", tree, {"UserError"})
    assert found == ["thidua/x.py:1: UserError(f'no user {name!r}')"]
