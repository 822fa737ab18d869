"""Files for the scale tests and benchmarks: many units in one group, and a campaign whose
deadlines all fall on chosen days, so that a chosen number of reminders is due at once.

Used by the fault tests (5,000 and 10,000 reminders) and by ``bench/dispatch.py``
(3,500 units × 40 deadlines × 4 offsets)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import yaml

FIRST_DAY = date(2024, 4, 1)  # a Monday
# One reminder per unit and deadline, on the day itself: N units, N reminders, N messages.
ONE_A_UNIT = {
    "reminder_offsets": "[0]",
    "overdue_max": "0",
    "late_list_working_days": "0",
}
SCALE_DAY = f"{FIRST_DAY.isoformat()}T07:30"


def unit_code(number: int) -> str:
    return f"dv-{number:05d}"


def unit_address(number: int) -> str:
    return f"vanthu.{number:05d}@donvi.example"


def write_units(folder: Path, count: int) -> Path:
    """``count`` units (UBND xã …) in one group, ``tat-ca``."""
    units = [
        {
            "code": unit_code(n),
            "name": f"UBND xã Thử Nghiệm số {n}",
            "emails": [unit_address(n)],
        }
        for n in range(1, count + 1)
    ]
    groups = [
        {
            "code": "tat-ca",
            "name": "Tất cả các đơn vị",
            "kind": "category",
            "members": [u["code"] for u in units],
        }
    ]
    return _write(folder / "units.yaml", {"units": units, "groups": groups})


def write_campaign(folder: Path, deadlines: int, *, first: date = FIRST_DAY) -> Path:
    """A campaign with ``deadlines`` deadlines for every unit, one a week from ``first``."""
    items = []
    for n in range(deadlines):
        day = first + timedelta(weeks=n)
        items.append(
            {
                "code": f"bao-cao-{n + 1:02d}",
                "title": f"Báo cáo chuyên đề số {n + 1}",
                "what": f"Báo cáo chuyên đề số {n + 1} về phong trào thi đua",
                "wording": f"chậm nhất ngày {day:%d/%m/%Y}",
                "due": {"rule": "by", "date": day.isoformat()},
                "units": ["tat-ca"],
            }
        )
    campaign = {
        "campaign": {
            "code": "quy-mo-2024",
            "title": "Phong trào thi đua thử tải năm 2024",
            "issuer": "UBND tỉnh Thử Nghiệm",
            "document": {"kind": "Kế hoạch", "number": "99/KH-UBND", "date": "2024-01-02"},
            "period": {"start": "2024-01-01", "end": "2024-12-31"},
            "receiver": "Sở Nội vụ",
        },
        "deadlines": items,
    }
    return _write(folder / "campaign.yaml", campaign)


def _write(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
