"""``thidua events``, ``campaigns``, ``units``, ``groups`` and ``db`` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from alembic import command
from sqlalchemy import text

from calendars.db import make_engine
from tests.conftest import EXAMPLES, Cli
from thidua import database
from thidua.database import SchemaOutdated, alembic_config, open_database, schema_heads


@pytest.fixture
def loaded(sqlite_settings: Any, cli: Cli) -> Cli:
    assert cli("load", *sorted(EXAMPLES.iterdir())).exit_code == 0
    return cli


def events(cli: Cli, *args: str) -> list[dict[str, Any]]:
    result = cli("events", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_units_events_are_its_deadlines_and_its_campaigns_other_events(loaded: Cli) -> None:
    mine = events(loaded, "--unit", "ubnd-xa-hien-quan")
    assert {e["campaign"] for e in mine} == {"tam-nong-2024"}
    assert [e["code"] for e in mine if e["kind"] == "deadline"] == ["tong-ket-dot-1"]
    assert {"phase", "commemoration", "period"} <= {e["kind"] for e in mine}
    department = events(loaded, "--unit", "so-y-te", "--kind", "deadline")
    assert [e["code"] for e in department] == [
        "dang-ky-thi-dua",
        "bao-cao-so-ket",
        "bao-cao-tong-ket",
        "van-ban-phat-dong",
    ]
    assert all("so-y-te" in e["units"] for e in department)


def test_window_campaign_and_group_filters(loaded: Cli) -> None:
    june = events(loaded, "--from", "2023-06-01", "--to", "30/06/2023")
    assert [(e["kind"], e["start"]) for e in june] == [
        ("period", "2023-01-01"),
        ("commemoration", "2023-06-11"),
        ("review", "2023-06-15"),
        ("deadline", "2023-06-29"),
    ]
    assert {e["campaign"] for e in events(loaded, "--campaign", "vinh-phuc-2024")} == {
        "vinh-phuc-2024"
    }
    bloc = events(loaded, "--group", "khoi-doanh-nghiep", "--kind", "deadline")
    assert {e["code"] for e in bloc} == {
        "dang-ky-thi-dua",
        "bao-cao-so-ket",
        "bao-cao-tong-ket",
        "van-ban-phat-dong",
    }


def test_unknown_codes_and_bad_windows_are_bad_input(loaded: Cli) -> None:
    result = loaded("events", "--unit", "so-khong-co")
    assert result.exit_code == 2 and "không có đơn vị 'so-khong-co'" in result.stderr
    result = loaded("events", "--from", "2024-02-30")
    assert result.exit_code == 2 and "tháng 2 năm 2024 chỉ có 29 ngày" in result.stderr
    result = loaded("events", "--from", "2024-03-01", "--to", "2024-02-01")
    assert result.exit_code == 2 and "--to sớm hơn --from" in result.stderr


def test_csv_and_table_keep_vietnamese_text(loaded: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    rows = list(csv.DictReader(io.StringIO(loaded("events", "--format", "csv").stdout)))
    titles = {r["title"] for r in rows}
    assert "80 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 – 22/12/2024)" in titles
    table = loaded("events", "--campaign", "vinh-phuc-2024").stdout
    assert "Thời hạn" in table and "15/02/2024" in table and "là ngày nghỉ" in table


def test_campaigns_units_and_groups(loaded: Cli) -> None:
    campaigns = json.loads(loaded("campaigns", "--format", "json").stdout)
    assert [c["code"] for c in campaigns] == [
        "ha-giang-2023",
        "hung-yen-2024",
        "lai-chau-2024",
        "tam-nong-2024",
        "vinh-phuc-2024",
    ]
    hung_yen = next(c for c in campaigns if c["code"] == "hung-yen-2024")
    assert hung_yen["document"] == "Chỉ thị số 02/CT-UBND ngày 06/03/2024 của UBND tỉnh Hưng Yên"
    units = json.loads(loaded("units", "--format", "json").stdout)
    assert len(units) == 60
    health = next(u for u in units if u["code"] == "so-y-te")
    assert set(health["groups"]) >= {"so-ban-nganh", "khoi-van-hoa-xa-hoi", "so-ban-nganh-doan-the"}
    groups = json.loads(loaded("groups", "--format", "json").stdout)
    nested = next(g for g in groups if g["code"] == "co-quan-don-vi-dia-phuong")
    assert "so-y-te" in nested["units"] and "ubnd-xa-hien-quan" not in nested["units"]


def test_an_outdated_schema_is_not_migrated_silently(
    sqlite_url: str, cli: Cli, sqlite_settings: Any
) -> None:
    engine = make_engine(sqlite_url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "c0001")
    engine.dispose()
    with pytest.raises(SchemaOutdated):
        open_database(sqlite_url)
    result = cli("campaigns")
    assert result.exit_code == 1 and "'thidua db upgrade'" in result.stderr
    assert "đã cũ" in cli("db", "current").stdout
    assert cli("db", "upgrade").exit_code == 0
    assert cli("db", "current").stdout.strip().endswith(": đã cập nhật")
    assert open_database(sqlite_url) is not None
    assert schema_heads()


def test_current_versions_are_what_an_upgrade_leaves_in_the_version_table(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Commands compare the version table with `CURRENT_VERSIONS` instead of loading Alembic:
    a new revision must update the constant (a stale one only costs time, as below)."""
    store = open_database(sqlite_url)  # new: migrated to the newest schema
    with store.engine.connect() as connection:
        stored = database.current_heads(connection)
        assert stored == database.CURRENT_VERSIONS, (
            f"thidua/database.py: CURRENT_VERSIONS = {stored}"
        )
        monkeypatch.setattr(database, "CURRENT_VERSIONS", frozenset({"t0003"}))
        assert database.is_current(connection)  # Alembic's own check answers instead
        # Each stored version is a head no other one leads to: without it, one is missing.
        gone = {"version": min(stored)}
        connection.execute(text("DELETE FROM alembic_version WHERE version_num = :version"), gone)
        assert not database.is_current(connection)
    store.dispose()


def test_load_names_the_units_a_units_file_leaves_out_and_prune_deactivates_them(
    loaded: Cli, tmp_path: Any
) -> None:
    one = tmp_path / "one.yaml"
    one.write_text(
        "units:\n  - {code: so-moi, name: Sở Mới, emails: [vanthu@somoi.example]}\n", "utf-8"
    )
    kept = loaded("load", one)
    assert kept.exit_code == 0, kept.output
    assert "60 đơn vị đã lưu không có trong tệp vẫn hoạt động" in kept.stderr
    assert len(json.loads(loaded("units", "--format", "json").stdout)) == 61

    pruned = loaded("load", "--prune", one)
    assert pruned.exit_code == 0, pruned.output
    listed = pruned.stderr.index("--prune ngừng hoạt động 60 đơn vị không có trong tệp")
    assert "so-y-te" in pruned.stderr[listed:]
    assert listed < pruned.stderr.index("đơn vị: 0 mới, 0 thay đổi, 60 hủy")
    assert [u["code"] for u in json.loads(loaded("units", "--format", "json").stdout)] == ["so-moi"]
