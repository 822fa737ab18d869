"""The example campaigns reproduce every gold event of the seeds.

After ``thidua load examples/*``, ``thidua events --from 2023-01-01 --to 2024-12-31
--format json`` must contain each event of ``seeds/gold/`` with the gold dates, origins and
counts. A gold deadline's "rule" (before/by) is the event's "sense" (its "rule" says how
the day was written: before, by, within_month…). The gold "phase" of seed 004 is the
campaign period ("Thời gian phát động thi đua"), which the calendar calls kind "period".
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import EXAMPLES, SHARED_SEEDS, VENDORED_SEEDS, Cli, seeds_dir

GOLD_KINDS = {"phase": {"phase", "period"}}


def gold_files() -> list[Path]:
    return sorted((seeds_dir() / "gold").glob("*.yaml"))


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def matches(gold: dict[str, Any], event: dict[str, Any]) -> bool:
    if event["kind"] not in GOLD_KINDS.get(gold["kind"], {gold["kind"]}):
        return False
    if gold["kind"] == "deadline":
        return event["date"] == _iso(gold["date"]) and event["sense"] == gold["rule"]
    if "date" in gold:
        if event["start"] != _iso(gold["date"]):
            return False
    elif (event["start"], event["end"]) != (_iso(gold["start"]), _iso(gold["end"])):
        return False
    if "origin" in gold and event.get("origin") != _iso(gold["origin"]):
        return False
    return "years" not in gold or event.get("years") == gold["years"]


@pytest.fixture
def loaded_events(settings: Any, cli: Cli) -> list[dict[str, Any]]:
    result = cli("load", *sorted(EXAMPLES.iterdir()))
    assert result.exit_code == 0, result.output
    result = cli("events", "--from", "2023-01-01", "--to", "2024-12-31", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_every_gold_event_is_in_the_calendar(loaded_events: list[dict[str, Any]]) -> None:
    checked = 0
    for path in gold_files():
        gold = yaml.safe_load(path.read_text("utf-8"))
        for event in gold["events"]:
            found = [e for e in loaded_events if matches(event, e)]
            assert found, f"{path.name}: no event matches {event}"
            checked += 1
    assert checked == 25  # 4 + 0 + 14 + 0 + 7 gold events


def test_campaigns_that_date_nothing_have_only_their_period(
    loaded_events: list[dict[str, Any]],
) -> None:
    for campaign in ("hung-yen-2024", "lai-chau-2024"):
        kinds = [e["kind"] for e in loaded_events if e["campaign"] == campaign]
        assert kinds == ["period"]


def test_json_fields_of_each_kind(loaded_events: list[dict[str, Any]]) -> None:
    by_uid = {e["uid"]: e for e in loaded_events}
    party = by_uid["tam-nong-2024/thanh-lap-dang/20240203@thidua.local"]
    assert party["title"] == (
        "94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2024)"
    )
    assert (party["origin"], party["years"], party["round"]) == ("1930-02-03", 94, False)
    army = by_uid["vinh-phuc-2024/thanh-lap-quan-doi/20241222@thidua.local"]
    assert (army["years"], army["round"], army["round_kind"]) == (80, True, "năm tròn")
    deadline = by_uid["vinh-phuc-2024/van-ban-phat-dong@thidua.local"]
    assert deadline["wording"] == "trước ngày 15/02/2024"
    # 14/02/2024 is Mùng năm Tết, a holiday: art. 148 moves the last day to Thursday 15/02.
    assert (deadline["nominal_date"], deadline["effective_date"]) == ("2024-02-14", "2024-02-15")
    assert deadline["moved_because"] == "Mùng năm Tết Nguyên Đán"
    assert (deadline["start"], deadline["end"]) == ("2024-02-15", "2024-02-15")
    assert "so-noi-vu" in deadline["units"] and "dien-luc" in deadline["units"]
    assert "ubnd-xa-hien-quan" not in deadline["units"]  # a commune is not addressed
    assert deadline["receiver"].startswith("Cơ quan Thường trực")


@pytest.mark.skipif(not (SHARED_SEEDS / "gold").is_dir(), reason="no shared seeds beside")
def test_vendored_seeds_match_the_shared_ones() -> None:
    for path in sorted((SHARED_SEEDS / "gold").glob("*.yaml")):
        assert (VENDORED_SEEDS / "gold" / path.name).read_bytes() == path.read_bytes()
    for path in sorted(SHARED_SEEDS.glob("*.txt")):
        assert (EXAMPLES / "texts" / path.name).read_bytes() == path.read_bytes()
