"""``thidua events`` written as its rows are read: a generated calendar of a few hundred
events, read in batches of 7, prints the same bytes as the whole list dumped at once, in
the order and with the content worked out here from the files themselves."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import yaml

from calendars import queries
from config.settings import Settings
from tests.conftest import EXAMPLES, Cli
from thidua.cli.common import csv_pieces, json_array_pieces
from thidua.context import AppContext

YEAR = 2025
DEADLINES = 120
MEETINGS = 6
GROUPS = ["so-ban-nganh", "doan-the"]


def campaign(number: int) -> dict[str, Any]:
    """A campaign of a period, two phases, ``MEETINGS`` timed meetings and ``DEADLINES``
    deadlines, each for one of `GROUPS`."""
    deadlines = [
        {
            "code": f"bao-cao-{index:03d}",
            "title": f"Báo cáo số {index + 1} của phong trào {number}",
            "what": f"Báo cáo kết quả số {index + 1}",
            "wording": f"chậm nhất ngày {_day(index, number):%d/%m/%Y}",
            "due": {"rule": "by", "date": _day(index, number).isoformat()},
            "units": [GROUPS[(index + number) % len(GROUPS)]],
        }
        for index in range(DEADLINES)
    ]
    meetings = [
        {
            "code": f"hop-{index}",
            "title": f"Họp giao ban lần {index + 1}",
            "date": (date(YEAR, 2, 3) + timedelta(days=50 * index + number)).isoformat(),
            "start_time": "08:00" if index % 2 else "14:30",
            "end_time": "11:00" if index % 2 else "16:30",
        }
        for index in range(MEETINGS)
    ]
    return {
        "campaign": {
            "code": f"sinh-{number}-{YEAR}",
            "title": f"Phong trào thi đua sinh số {number} năm {YEAR}",
            "issuer": "UBND tỉnh Vĩnh Phúc",
            "document": {"kind": "Kế hoạch", "number": f"{number}/KH-UBND"},
            "period": {"start": f"{YEAR}-01-01", "end": f"{YEAR}-12-31"},
        },
        "phases": [
            {"code": "dot-1", "title": "Đợt một", "start": f"{YEAR}-01-01", "end": f"{YEAR}-06-30"},
            {"code": "dot-2", "title": "Đợt hai", "start": f"{YEAR}-07-01", "end": f"{YEAR}-12-31"},
        ],
        "meetings": meetings,
        "deadlines": deadlines,
    }


def _day(index: int, number: int) -> date:
    return date(YEAR, 1, 6) + timedelta(days=(index * 3 + number) % 350)


@pytest.fixture
def generated(app: AppContext, cli: Cli, tmp_path: Path) -> list[dict[str, Any]]:
    """Three generated campaigns loaded (378 events); their files' contents."""
    return load_generated(cli, tmp_path)


def load_generated(cli: Cli, tmp_path: Path) -> list[dict[str, Any]]:
    files = [EXAMPLES / "units.yaml"]
    specs = [campaign(number) for number in (1, 2, 3)]
    for spec in specs:
        path = tmp_path / f"{spec['campaign']['code']}.yaml"
        path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
        files.append(path)
    result = cli("load", *files, "--now", f"{YEAR}-01-02T08:00")
    assert result.exit_code == 0, result.output
    return specs


def group_members() -> dict[str, list[str]]:
    units = yaml.safe_load((EXAMPLES / "units.yaml").read_text("utf-8"))
    return {g["code"]: sorted(g["members"]) for g in units["groups"]}


def expected_order(
    records: list[dict[str, Any]], *, null_times_first: bool
) -> list[tuple[str, str]]:
    """(start, uid) as the day, the time and the UID order them; SQLite puts an event
    without a time before the timed ones of its day, PostgreSQL after."""
    untimed = "" if null_times_first else "~"
    key = [(r["start"], r.get("start_time") or untimed, r["uid"]) for r in records]
    return [(start, uid) for start, _time, uid in sorted(key)]


def test_events_stream_in_batches_with_the_bytes_of_the_whole_list(
    app: AppContext, cli: Cli, generated: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queries, "STREAM_BATCH", 7)  # 54 batches, a deadline's units each
    asked: list[int] = []  # how many deadlines each look-up of units names

    def seen(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        if "FROM assignments JOIN units" in statement:
            asked.append(len(parameters))

    sa.event.listen(sa.Engine, "before_cursor_execute", seen)
    try:
        result = cli("events", "--format", "json")
    finally:
        sa.event.remove(sa.Engine, "before_cursor_execute", seen)
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    # A batch's deadlines at a time: never one statement for all (PostgreSQL refuses more
    # than 65,535 parameters, 80,000 deadlines' worth).
    assert len(asked) >= 378 // 7 and max(asked) <= 7

    # What the files say, worked out here: every event once, each deadline's units the
    # members of its group, each meeting at its hours.
    members = group_members()
    expected: dict[tuple[str, str], dict[str, Any]] = {}
    for spec in generated:
        code = spec["campaign"]["code"]
        expected[code, "period"] = {"kind": "period"}
        for phase in spec["phases"]:
            expected[code, phase["code"]] = {"kind": "phase", "start": phase["start"]}
        for meeting in spec["meetings"]:
            expected[code, meeting["code"]] = {
                "kind": "meeting",
                "start": meeting["date"],
                "start_time": meeting["start_time"],
                "end_time": meeting["end_time"],
            }
        for deadline in spec["deadlines"]:
            expected[code, deadline["code"]] = {
                "kind": "deadline",
                "units": members[deadline["units"][0]],
                "title": deadline["title"],
            }
    assert len(records) == len(expected) == 3 * (1 + 2 + MEETINGS + DEADLINES)
    seen = {(r["campaign"], r["code"]): r for r in records}
    assert seen.keys() == expected.keys()
    for key, fields in expected.items():
        assert {name: seen[key][name] for name in fields} == fields, key

    sqlite = app.database.engine.dialect.name == "sqlite"
    shown = [(r["start"], r["uid"]) for r in records]
    assert shown == expected_order(records, null_times_first=sqlite)

    # The bytes of the list read whole and dumped at once, as the command printed before.
    with app.database.session() as session:
        whole = queries.occurrence_records(session, queries.occurrences(session))
    assert result.stdout == json.dumps(whole, ensure_ascii=False, indent=2) + "\n"


def test_a_window_with_no_event_is_an_empty_array(generated: list[Any], cli: Cli) -> None:
    result = cli("events", "--format", "json", "--from", f"{YEAR + 5}-01-01")
    assert result.exit_code == 0, result.output
    assert result.stdout == "[]\n"


def test_csv_streams_one_line_a_record(generated: list[Any], cli: Cli) -> None:
    listed = json.loads(cli("events", "--format", "json", "--kind", "deadline").stdout)
    rows = list(csv.DictReader(io.StringIO(cli("events", "--format", "csv").stdout)))
    deadlines = [row for row in rows if row["kind"] == "deadline"]
    assert [row["uid"] for row in deadlines] == [r["uid"] for r in listed]
    assert deadlines[0]["effective_date"] == listed[0]["effective_date"]


@pytest.mark.parametrize(
    "records",
    [
        [],
        [{}],
        [{"a": 1}],
        [{"a": [1, {"b": None}], "t": "Hạn: “báo cáo”\n\t\x1b"}, {}, {"c": []}, {"d": {}}],
    ],
)
def test_json_pieces_join_to_the_dump_of_the_list(records: list[dict[str, Any]]) -> None:
    joined = "".join(json_array_pieces(iter(records)))
    assert joined == json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def test_csv_pieces_join_to_one_writer_of_every_row() -> None:
    records = [{"a": "x,y", "b": ["u", "v"]}, {"a": None, "b": 'say "hi"\nbye'}, {}]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([["a", "b"], ["x,y", "u, v"], ["", 'say "hi"\nbye'], ["", ""]])
    assert "".join(csv_pieces(iter(records), ["a", "b"])) == buffer.getvalue()


@pytest.mark.parametrize(
    "command",
    [
        ["events", "--format", "json"],
        ["export", "--all", "-o", "-", "--now", f"{YEAR}-06-01T08:00"],
    ],
)
def test_a_command_stuck_writing_leaves_sqlite_to_its_writers(
    sqlite_settings: Settings, cli: Cli, tmp_path: Path, command: list[str]
) -> None:
    """Output that waits for its reader (a full pipe) holds a read transaction, never the
    write lock: the service's writers go on."""
    load_generated(cli, tmp_path)
    args = [sys.executable, "-c", "from thidua.cli import main; main()", *command]
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as proc:
        assert proc.stdout is not None
        first = proc.stdout.read(1)  # it has begun writing, and the rest fills the pipe
        database = sqlite3.connect(sqlite_settings.effective_database_url.split("///")[1])
        try:
            database.execute("PRAGMA busy_timeout = 2000")
            database.execute("BEGIN IMMEDIATE")  # "database is locked" if it held the lock
            database.execute("COMMIT")
        finally:
            database.close()
        assert proc.poll() is None  # still writing: more than a pipe holds
        rest = proc.stdout.read()
    assert proc.returncode == 0
    assert len(first + rest) > 2**17
