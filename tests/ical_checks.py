"""What the feed tests share: the byte-level rules parsers let through, Mozilla's ical.js
under node, VEVENT blocks by UID, and a campaign file with a meeting and a recurring
deadline (the examples have neither)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

JS_DIR = Path(__file__).resolve().parent / "js"

EXTRA_CAMPAIGN = """\
campaign:
  code: hop-thi-dua-2024
  title: Hội nghị và báo cáo định kỳ về thi đua năm 2024
  issuer: UBND tỉnh Phú Thọ
  document: {kind: Kế hoạch, number: 15/KH-UBND, date: 10/01/2024}
  period: {start: 01/01/2024, end: 31/12/2024}
  receiver: Sở Nội vụ (Ban Thi đua - Khen thưởng)

meetings:
  - code: hoi-nghi-ky-giao-uoc
    title: Hội nghị ký kết giao ước thi đua năm 2024
    date: 23/01/2024
    start_time: "08:00"
    end_time: "11:30"
    location: Hội trường UBND tỉnh, đường Trần Phú, thành phố Việt Trì

commemorations:
  - code: thanh-lap-tinh
    title: Ngày tái lập tỉnh Phú Thọ
    origin: 01/01/1997

deadlines:
  - code: bao-cao-quy
    title: Báo cáo kết quả phong trào thi đua hằng quý
    what: Báo cáo quý về kết quả thực hiện phong trào thi đua
    wording: trước ngày 15 của tháng cuối quý
    due:
      rule: recurring
      rrule: FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15
      start: 15/03/2024
      before: true
    units: [so-noi-vu, so-tai-chinh]
"""


def write_extra_campaign(folder: Path) -> Path:
    path = folder / "hop-thi-dua-2024.yaml"
    path.write_text(EXTRA_CAMPAIGN, encoding="utf-8")
    return path


def physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n"), "the feed must end with CRLF"
    return data[:-2].split(b"\r\n")


def check_feed_bytes(data: bytes) -> None:
    """The rules a lenient parser would not catch."""
    assert b"\n" not in data.replace(b"\r\n", b""), "a bare LF"
    assert b"\r" not in data.replace(b"\r\n", b""), "a bare CR"
    for number, line in enumerate(physical_lines(data), 1):
        assert len(line) <= 75, f"line {number} has {len(line)} octets: {line!r}"
        # A fold inside a UTF-8 sequence leaves a line that does not decode on its own.
        line.decode("utf-8")
    text = unfold(data)
    assert "REFRESH-INTERVAL;VALUE=DURATION:" in text, "REFRESH-INTERVAL without VALUE=DURATION"
    uids = re.findall(r"^UID:(.*)$", text, flags=re.MULTILINE)
    assert len(uids) == len(set(uids)), "duplicate UIDs"
    assert len(uids) == text.count("BEGIN:VEVENT")
    used = set(
        re.findall(
            r"^(?:DTSTART|DTEND|DUE|RECURRENCE-ID|EXDATE|RDATE);(?:[^:\n]*;)?TZID=([^:;\n]+)",
            text,
            flags=re.MULTILINE,
        )
    )
    defined = set(re.findall(r"^TZID:(.*)$", text, flags=re.MULTILINE))
    assert used <= defined, f"TZIDs without VTIMEZONE: {used - defined}"
    assert len(defined) == text.count("BEGIN:VTIMEZONE"), "a VTIMEZONE twice"


def unfold(data: bytes) -> str:
    return data.replace(b"\r\n ", b"").decode("utf-8").replace("\r\n", "\n")


def vevents(data: bytes) -> dict[str, bytes]:
    """Each VEVENT's exact bytes, by UID."""
    blocks = re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data, flags=re.DOTALL)
    result = {}
    for block in blocks:
        uid = re.search(r"^UID:(.*)$", unfold(block), flags=re.MULTILINE)
        assert uid is not None
        result[uid[1]] = block
    return result


def parsed_events(data: bytes) -> dict[str, Any]:
    """VEVENTs parsed by icalendar, by UID."""
    calendar = Calendar.from_ical(data)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def icaljs(paths: list[Path]) -> list[dict[str, Any]]:
    """Parse files with ical.js under node (installed by ``npm ci --prefix tests/js``)."""
    node = shutil.which("node")
    if node is None or not (JS_DIR / "node_modules" / "ical.js").is_dir():
        message = "node or tests/js/node_modules missing: run 'npm ci --prefix tests/js'"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run(
        [node, str(JS_DIR / "parse.mjs"), *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    records = json.loads(result.stdout)
    errors = [(r["file"], e) for r in records for e in r["errors"]]
    assert result.returncode == 0 and not errors, (errors, result.stderr)
    return records
