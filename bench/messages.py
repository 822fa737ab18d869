"""What one reminder message costs to build, three ways, in one run (each side warmed up,
sides alternated, best of several rounds; ratios are what to read, the machine is noisy):

- ``EmailMessage``: the modern API with the default policy — text, HTML, an .ics;
- ``compat32``: the same message with the compat32 classes (`email.mime`, `Header`);
- ``thidua``: `notifiers.message.build_message` — templates rendered, names checked,
  the same MIME structure, serialised to the bytes SMTP sends.

It also counts, over the real template subjects of the example deadlines, how many come
back changed when built with ``EmailMessage`` (the CPython 3.11 folding bug the issue
names) and with thidua.

Run: ``.venv/bin/python bench/messages.py [messages-per-round]``.
"""

from __future__ import annotations

import email
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from email import policy
from email.header import Header
from email.message import EmailMessage
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr
from itertools import product
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from notifiers.base import Notice
from notifiers.message import Sender, build_message
from notifiers.wording import word
from tests import notices as n

SENDER = Sender("Ban Thi đua - Khen thưởng", "thidua@snv.phutho.example")
TODAY = date(2024, 2, 12)


def with_email_message(notice: Notice) -> bytes:
    wording = word(notice, SENDER.name)
    message = EmailMessage()
    message["From"] = formataddr((SENDER.name, SENDER.address))
    message["To"] = [formataddr((notice.to.name, a)) for a in notice.to.addresses]
    message["Subject"] = wording.subject
    message["Date"] = format_datetime(n.at(notice.today))
    message["Message-ID"] = f"<{notice.message_id}>"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(wording.text)
    message.add_alternative(wording.html, subtype="html")
    for item in notice.items:
        assert item.ics
        message.add_attachment(
            item.ics,
            maintype="text",
            subtype="calendar",
            filename=f"{item.title}.ics",
            params={"method": "PUBLISH"},
        )
    return message.as_bytes(policy=policy.SMTP)


def with_compat32(notice: Notice) -> bytes:
    wording = word(notice, SENDER.name)
    root = MIMEMultipart("mixed")
    alternative = MIMEMultipart("alternative")
    alternative.attach(MIMEText(wording.text, "plain", "utf-8"))
    alternative.attach(MIMEText(wording.html, "html", "utf-8"))
    root.attach(alternative)
    for item in notice.items:
        assert item.ics
        part = MIMEBase("text", "calendar", method="PUBLISH", charset="utf-8")
        part.set_payload(item.ics)
        email.encoders.encode_base64(part)
        part.add_header(
            "Content-Disposition", "attachment", filename=("utf-8", "", f"{item.title}.ics")
        )
        root.attach(part)
    root["From"] = formataddr((SENDER.name, SENDER.address), charset="utf-8")
    root["To"] = ", ".join(
        formataddr((notice.to.name, a), charset="utf-8") for a in notice.to.addresses
    )
    root["Subject"] = Header(wording.subject, "utf-8")
    root["Date"] = format_datetime(n.at(notice.today))
    root["Message-ID"] = f"<{notice.message_id}>"
    root["Auto-Submitted"] = "auto-generated"
    return root.as_bytes(policy=policy.compat32.clone(linesep="\r\n"))


def with_thidua(notice: Notice) -> bytes:
    return build_message(notice, SENDER, n.at(notice.today)).data


def notices(count: int) -> list[Notice]:
    item = n.due_item(n.VINH_PHUC, TODAY)
    units = ("so-tai-chinh", "so-noi-vu", "ubnd-tam-nong", "so-giao-duc")
    return [
        n.notice("reminder", units[i % len(units)], TODAY, (item,), message_id=f"r-{i}@bench")
        for i in range(count)
    ]


def best_ms(build: Callable[[Notice], bytes], batch: list[Notice]) -> float:
    started = time.perf_counter()
    for notice in batch:
        build(notice)
    return (time.perf_counter() - started) / len(batch) * 1000


# Titles as offices write them, beside the examples' own.
TITLES = (
    None,
    "Hạn nộp báo cáo quý",
    "Báo cáo kết quả thực hiện phong trào thi đua quý I năm 2024",
    "Gửi hồ sơ đề nghị khen thưởng tổng kết năm",
    "Đăng ký danh hiệu thi đua và hình thức khen thưởng năm 2024",
)


def subjects_changed(build: Callable[[Notice], bytes]) -> tuple[int, int]:
    changed = total = 0
    for uid in (n.VINH_PHUC, n.HA_GIANG_MID, n.HA_GIANG_END, n.TAM_NONG):
        effective = n.due_item(uid, TODAY).effective_date
        for offset, title, language in product(range(-10, 15), TITLES, ("vi", "en")):
            today = effective - timedelta(days=offset)
            item = n.due_item(uid, today)
            if title:
                item = replace(item, title=title)
            notice = n.notice("reminder", "so-tai-chinh", today, (item,), language=language)
            expected = word(notice, SENDER.name).subject
            parsed = email.message_from_bytes(build(notice), policy=policy.default)
            total += 1
            changed += str(parsed["Subject"]) != expected
    return changed, total


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    batch = notices(count)
    sides = {"EmailMessage": with_email_message, "compat32": with_compat32, "thidua": with_thidua}
    for build in sides.values():  # warm up: templates compiled, caches filled
        for notice in batch[:200]:
            build(notice)
    best = dict.fromkeys(sides, float("inf"))
    for _round in range(3):
        for name, build in sides.items():
            best[name] = min(best[name], best_ms(build, batch))
    print(f"building one reminder (text + HTML + .ics), best of 3 rounds of {count}:")
    for name, ms in best.items():
        print(f"  {name:<13} {ms:6.3f} ms   ({best['EmailMessage'] / ms:4.2f}x EmailMessage)")
    print("subjects of the example deadlines that do not come back exactly:")
    for name in ("EmailMessage", "thidua"):
        changed, total = subjects_changed(sides[name])
        print(f"  {name:<13} {changed} of {total}")


if __name__ == "__main__":
    main()
