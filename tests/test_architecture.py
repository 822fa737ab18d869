"""Imports run one way (the design's arrows), so no room can reach back into one above it:

    thidua ──► scheduler ──► submissions ──► calendars ──► config
       │           └───────► notifiers ───────────────────► config
       └──► importer ──► calendars

``translations`` (the one catalog) imports nothing of ours and every room may use it. Every
``import`` of every module is read — also those inside functions, which the CLI defers — so
a lazy import cannot hide a wrong arrow.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOG = "translations"
# What each room may import of ours (besides itself and the catalog).
ALLOWED: dict[str, set[str]] = {
    "thidua": {"scheduler", "submissions", "calendars", "notifiers", "importer", "config"},
    "scheduler": {"submissions", "calendars", "notifiers", "config"},
    "submissions": {"calendars", "config"},
    "importer": {"calendars", "config"},
    "notifiers": {"config"},
    "calendars": {"config"},
    "config": set(),
    CATALOG: set(),
}
ROOMS = set(ALLOWED)


def imported_rooms(source: str, room: str) -> Iterator[tuple[int, str]]:
    """(line, room) of each import of another room of ours in ``source``."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        else:
            continue
        for module in modules:
            top = module.split(".")[0]
            if top in ROOMS and top != room:
                yield node.lineno, top


def wrong_arrows(room: str) -> list[str]:
    allowed = ALLOWED[room] | ({CATALOG} if room != CATALOG else set())
    return [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for path in sorted((ROOT / room).rglob("*.py"))
        for line, target in imported_rooms(path.read_text(encoding="utf-8"), room)
        if target not in allowed
    ]


@pytest.mark.parametrize("room", sorted(ROOMS))
def test_a_room_imports_only_the_rooms_below_it(room: str) -> None:
    assert (ROOT / room / "__init__.py").exists()
    assert wrong_arrows(room) == []


def test_the_allowed_arrows_have_no_circle() -> None:
    def below(room: str, seen: tuple[str, ...] = ()) -> None:
        assert room not in seen, " → ".join((*seen, room))
        for target in ALLOWED[room]:
            below(target, (*seen, room))

    for room in ROOMS:
        below(room)


def test_the_check_sees_deferred_and_dotted_imports() -> None:
    source = (
        "import config.settings\n"
        "from calendars import models\n"
        "def later():\n"
        "    from scheduler.planner import plan\n"
        "from . import sibling\n"
    )
    found = list(imported_rooms(source, "calendars"))
    assert found == [(1, "config"), (4, "scheduler")]
