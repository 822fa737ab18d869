"""Loading is a diff: unchanged files write nothing; a changed event keeps its UID and its
sequence goes up; an event that left its file is cancelled, not deleted; a load is one
transaction. Every test runs on SQLite and on the PostgreSQL server.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from calendars import models as m
from calendars import store
from calendars.checks import check_bundle
from calendars.store import LoadReport, calendar_version, load_bundle
from config.files import KnownCodes, read_bundle
from tests.conftest import EXAMPLES, Cli, WriteCounter
from thidua.context import AppContext

T1 = datetime(2024, 1, 2, 1, 0, tzinfo=UTC)
T2 = datetime(2024, 3, 1, 1, 0, tzinfo=UTC)
T3 = datetime(2024, 4, 1, 1, 0, tzinfo=UTC)
HA_GIANG = EXAMPLES / "004-ha-giang-2023.yaml"


def load(app: AppContext, *paths: Path, now: datetime, prune: bool = False) -> LoadReport:
    with app.database.session() as session:
        units = {u.code for u in session.scalars(select(m.Unit).where(m.Unit.active))}
        groups = {g.code for g in session.scalars(select(m.Group).where(m.Group.active))}
    bundle = read_bundle(paths, KnownCodes(frozenset(units), frozenset(groups)))
    check_bundle(bundle, app.calendar)
    assert not bundle.errors, [str(i) for i in bundle.errors]
    with app.database.session() as session, session.begin():
        return load_bundle(
            session, bundle, app.calendar, domain="thidua.test", now=now, prune=prune
        )


def occurrence(app: AppContext, uid: str) -> m.Occurrence:
    with app.database.session() as session:
        row = session.scalar(select(m.Occurrence).where(m.Occurrence.uid == uid))
        assert row is not None, uid
        return row


def edited(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    text = source.read_text("utf-8")
    assert old in text
    target = tmp_path / source.name
    target.write_text(text.replace(old, new), encoding="utf-8")
    return target


def test_reloading_unchanged_files_writes_nothing(
    app: AppContext, write_counter: Callable[..., WriteCounter]
) -> None:
    first = load(app, *sorted(EXAMPLES.glob("*.yaml")), now=T1)
    assert first.occurrences.created == 30 and first.units.created == 60
    counter = write_counter(app.database.engine)
    second = load(app, *sorted(EXAMPLES.glob("*.yaml")), now=T2)
    assert not second.changed
    assert counter.statements == []
    with app.database.session() as session:
        assert calendar_version(session) == 1


def test_a_changed_deadline_keeps_its_uid_and_its_sequence_goes_up(
    app: AppContext, tmp_path: Path
) -> None:
    load(app, EXAMPLES / "units.yaml", HA_GIANG, now=T1)
    uid = "ha-giang-2023/bao-cao-so-ket@thidua.test"
    before = occurrence(app, uid)
    assert (before.sequence, before.start_date.isoformat()) == (0, "2023-06-29")

    moved = edited(tmp_path, HA_GIANG, "date: 30/06/2023}", "date: 05/07/2023}")
    report = load(app, EXAMPLES / "units.yaml", moved, now=T2)

    assert (report.events.updated, report.occurrences.updated) == (1, 1)
    after = occurrence(app, uid)
    assert after.sequence == 1 and after.updated_at == T2
    assert after.start_date.isoformat() == "2023-07-04"  # "trước ngày 05/07/2023"
    with app.database.session() as session:
        others = session.scalars(select(m.Occurrence).where(m.Occurrence.uid != uid)).all()
        assert {(o.sequence, o.updated_at) for o in others} == {(0, T1)}
        assert calendar_version(session) == 2


def _tables_written(counter: WriteCounter) -> list[str]:
    """The table of each INSERT, UPDATE or DELETE, in order."""
    words = [statement.split() for statement in counter.statements]
    return [w[1] if w[0].upper() == "UPDATE" else w[2] for w in words]


def test_loading_one_changed_file_among_many_writes_only_what_changed(
    app: AppContext, cli: Cli, tmp_path: Path, write_counter: Callable[..., WriteCounter]
) -> None:
    """``thidua load`` of every file, one deadline moved in one of them, writes one row of
    each: the campaign's stored file, the event, its occurrence and the calendar version.
    Loading that file alone after a second move does the same, no more."""
    files = sorted(EXAMPLES.glob("*.yaml"))
    assert cli("load", *files, "--now", "2024-01-02T08:00").exit_code == 0
    counter = write_counter(Engine)  # every engine: the command opens its own
    moved = edited(tmp_path, HA_GIANG, "date: 30/06/2023}", "date: 05/07/2023}")
    result = cli("load", *[moved if f == HA_GIANG else f for f in files], "--now", "2024-03-01")
    assert result.exit_code == 0, result.output
    one_row_each = ["campaigns", "events", "occurrences", "state"]
    assert _tables_written(counter) == one_row_each

    counter.statements.clear()
    again = edited(tmp_path, HA_GIANG, "date: 30/06/2023}", "date: 07/07/2023}")
    assert cli("load", again, "--now", "2024-04-01").exit_code == 0
    assert _tables_written(counter) == one_row_each
    first = datetime(2024, 1, 2, 1, 0)  # 08:00 in Hà Nội, as stored (naive UTC on SQLite)
    with app.database.session() as session:
        for model in (m.Campaign, m.Event, m.Occurrence):
            rows = session.scalars(select(model)).all()
            changed = [r for r in rows if r.updated_at.replace(tzinfo=None) != first]
            assert len(changed) == 1, model  # an UPDATE may carry many rows: count them
        sequences = session.scalars(select(m.Occurrence.sequence)).all()
        assert sorted(sequences) == [0] * 29 + [2]  # the moved deadline, moved twice


def test_an_event_removed_from_its_file_is_cancelled_then_restored(
    app: AppContext, tmp_path: Path
) -> None:
    load(app, EXAMPLES / "units.yaml", HA_GIANG, now=T1)
    text = HA_GIANG.read_text("utf-8")
    cut = text[text.index("  - code: bao-cao-tong-ket") :]
    without = tmp_path / HA_GIANG.name
    without.write_text(text.replace(cut, ""), encoding="utf-8")

    report = load(app, EXAMPLES / "units.yaml", without, now=T2)

    assert (report.events.cancelled, report.occurrences.cancelled) == (1, 1)
    gone = occurrence(app, "ha-giang-2023/bao-cao-tong-ket@thidua.test")
    assert gone.cancelled_at == T2 and gone.sequence == 1
    with app.database.session() as session:
        assert session.scalar(select(func.count()).select_from(m.Occurrence)) == 7

    report = load(app, EXAMPLES / "units.yaml", HA_GIANG, now=T3)
    back = occurrence(app, "ha-giang-2023/bao-cao-tong-ket@thidua.test")
    assert back.cancelled_at is None and back.sequence == 2 and back.updated_at == T3


def test_group_membership_changes_reassign_deadlines(app: AppContext, tmp_path: Path) -> None:
    load(app, *sorted(EXAMPLES.glob("*.yaml")), now=T1)
    units = edited(
        tmp_path,
        EXAMPLES / "units.yaml",
        "members: [cuc-thue, kho-bac, bhxh-tinh, ngan-hang-nha-nuoc, cuc-thong-ke]",
        "members: [cuc-thue, kho-bac, bhxh-tinh, ngan-hang-nha-nuoc]",
    )
    report = load(app, units, now=T2)
    # cuc-thong-ke leaves "co-quan-trung-uong": it no longer answers for seed 000's deadline
    # nor for seed 004's two reports (addressed to "co-quan-don-vi-dia-phuong", which nests
    # it), though neither campaign file was reloaded.
    assert report.assignments.cancelled == 3
    with app.database.session() as session:
        event = session.scalar(
            select(m.Event)
            .join(m.Campaign)
            .where(m.Campaign.code == "vinh-phuc-2024", m.Event.code == "van-ban-phat-dong")
        )
        assert "cuc-thong-ke" not in {u.code for u in event.units}
        assert "cuc-thue" in {u.code for u in event.units}


def _without_giay_bai_bang(tmp_path: Path) -> Path:
    text = (EXAMPLES / "units.yaml").read_text("utf-8")
    units = tmp_path / "units.yaml"
    units.write_text(
        text.replace(
            "  - code: giay-bai-bang\n    name: Tổng công ty Giấy Việt Nam\n"
            "    emails: [vanphong@giay.baibang.example]\n",
            "",
        ).replace(", supe-lam-thao, giay-bai-bang]", ", supe-lam-thao]"),
        encoding="utf-8",
    )
    return units


def _giay_bai_bang(app: AppContext) -> m.Unit:
    with app.database.session() as session:
        unit = session.scalar(select(m.Unit).where(m.Unit.code == "giay-bai-bang"))
        assert unit is not None
        return unit


def test_a_unit_left_out_of_the_units_file_stays_active_and_is_named(
    app: AppContext, tmp_path: Path
) -> None:
    load(app, *sorted(EXAMPLES.glob("*.yaml")), now=T1)
    report = load(app, _without_giay_bai_bang(tmp_path), now=T2)
    assert report.units.cancelled == 0
    assert report.units.unlisted == ["giay-bai-bang"]
    unit = _giay_bai_bang(app)
    assert unit.active and unit.updated_at == T1


def test_a_one_unit_file_deactivates_nothing(app: AppContext, tmp_path: Path) -> None:
    load(app, *sorted(EXAMPLES.glob("*.yaml")), now=T1)
    one = tmp_path / "one.yaml"
    one.write_text(
        "units:\n  - {code: so-moi, name: Sở Mới, emails: [vanthu@somoi.example]}\n", "utf-8"
    )
    report = load(app, one, now=T2)
    assert (report.units.created, report.units.cancelled, report.groups.cancelled) == (1, 0, 0)
    with app.database.session() as session:
        active = session.scalar(select(func.count()).select_from(m.Unit).where(m.Unit.active))
        members = session.scalar(select(func.count()).select_from(m.GroupUnit))
    assert active == 61
    assert members > 0  # the groups the file leaves out keep their members


def test_a_unit_removed_with_prune_is_deactivated_not_deleted(
    app: AppContext, tmp_path: Path
) -> None:
    load(app, *sorted(EXAMPLES.glob("*.yaml")), now=T1)
    report = load(app, _without_giay_bai_bang(tmp_path), now=T2, prune=True)
    assert report.units.cancelled == 1
    assert report.units.unlisted == ["giay-bai-bang"]
    unit = _giay_bai_bang(app)
    assert not unit.active and unit.updated_at == T2


def test_a_failed_load_changes_nothing(
    app: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(app, EXAMPLES / "units.yaml", HA_GIANG, now=T1)
    moved = edited(tmp_path, HA_GIANG, "date: 30/06/2023}", "date: 05/07/2023}")
    real_sync = store._sync_assignments

    def fail_after_writing(*args: object, **kwargs: object) -> None:
        real_sync(*args, **kwargs)  # type: ignore[arg-type]
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(store, "_sync_assignments", fail_after_writing)
    with pytest.raises(RuntimeError):
        load(app, EXAMPLES / "units.yaml", moved, now=T2)
    row = occurrence(app, "ha-giang-2023/bao-cao-so-ket@thidua.test")
    assert (row.sequence, row.start_date.isoformat(), row.updated_at) == (0, "2023-06-29", T1)
    with app.database.session() as session:
        assert calendar_version(session) == 1


def test_a_document_change_raises_every_occurrences_revision(
    app: AppContext, tmp_path: Path
) -> None:
    load(app, EXAMPLES / "units.yaml", HA_GIANG, now=T1)
    numbered = edited(
        tmp_path,
        HA_GIANG,
        "    kind: Chương trình\n",
        "    kind: Chương trình\n    number: 05/CTr-UBND\n",
    )
    report = load(app, EXAMPLES / "units.yaml", numbered, now=T2)
    assert (report.occurrences.updated, report.occurrences.unchanged) == (7, 0)
    row = occurrence(app, "ha-giang-2023/so-ket@thidua.test")
    assert row.details["document"] == "Chương trình số 05/CTr-UBND của UBND tỉnh Hà Giang"
    assert row.sequence == 1
