"""Who must act: addressee phrases read from the text ("Thủ trưởng các sở, ban, ngành, đoàn
thể; Chủ tịch UBND các huyện, thành phố"), and their match among the groups and units of a
units file or of the store ("so-ban-nganh-doan-the", "ubnd-huyen").

Matching folds case and marks and compares words (the Dice coefficient of the two word
sets, common words left out), so "UBND các huyện, thành phố" finds "UBND các huyện,
thành phố, thị xã" and "các doanh nghiệp hoạt động trong các khối thi đua" finds "Các
doanh nghiệp trong các khối thi đua".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from sqlalchemy.orm import Session

from calendars import queries
from config.schema import UnitsFile
from config.yamlfile import parse_yaml
from importer.text import ascii_words

_ROLE = (
    r"(?:Thủ\s+trưởng|Chủ\s+tịch|Phó\s+Chủ\s+tịch|Lãnh\s+đạo|Giám\s+đốc|Hiệu\s+trưởng|"
    r"Trưởng\s+các|Trưởng|Người\s+đứng\s+đầu|Bí\s+thư|Tổng\s+Giám\s+đốc|Cục\s+trưởng|"
    r"Chi\s+cục\s+trưởng|Đề\s+nghị|Yêu\s+cầu|Giao(?:\s+cho)?)"
)
_HEAD = re.compile(
    r"\b(?:sở|ban|ngành|đoàn\s+thể|UBND|Ủy\s+ban|Uỷ\s+ban|cơ\s+quan|đơn\s+vị|địa\s+phương|"
    r"doanh\s+nghiệp|phòng|trường|xã|phường|thị\s+trấn|huyện|thành\s+phố|thị\s+xã|quận|"
    r"khối|cụm|hội|tổ\s+chức|lực\s+lượng|trung\s+tâm|bệnh\s+viện|công\s+ty|cơ\s+sở|"
    r"Đảng\s+ủy|Mặt\s+trận|Bộ|Cục|Chi\s+cục|Văn\s+phòng)\b",
    re.I,
)
_VERB = re.compile(
    r"(?:^|\s)(?:gửi|nộp|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|căn\s+cứ|khẩn\s+trương|xây\s+dựng|"
    r"tổ\s+chức|triển\s+khai|thực\s+hiện|chỉ\s+đạo|báo\s+cáo|đăng\s+ký|chủ\s+động|phối\s+hợp|"
    r"tiếp\s+tục|quán\s+triệt|hoàn\s+thành|cần|phải|chủ\s+trì|tham\s+mưu|hướng\s+dẫn|"
    r"rà\s+soát|lựa\s+chọn|bình\s+xét|đề\s+xuất|theo\s+dõi|đôn\s+đốc|kiểm\s+tra|ký\s+kết)\b",
    re.I,
)
_MARKER = re.compile(r"^\s*(?:[-–•+]|\(?\d+(?:\.\d+)*[.)]|\(?[a-zđ][.)]|[IVX]+\.)\s*", re.I)


_WHO_STARTS = re.compile(
    rf"(?:^|[,;]\s*)(?:{_ROLE}\s|(?:Các|các)\s+(?:sở|cơ\s+quan|đơn\s+vị|phòng|trường|doanh\s+nghiệp|"
    r"Khối|khối|Cụm|cụm|địa\s+phương|xã|huyện)|UBND\s|Ủy\s+ban\s)"
)


@lru_cache(maxsize=512)
def subject(clause: str) -> str:
    """Who acts in a clause: from its first addressee word ("Thủ trưởng", "Các cơ quan",
    "UBND") to its verb, past an opening such as "Theo Công văn, thực hiện …,"."""
    clause = _MARKER.sub("", clause.lstrip(" (")).strip()
    first_verb = _VERB.search(clause)
    who = _WHO_STARTS.search(clause)
    if who:
        start = who.start() + len(who.group()) - len(who.group().lstrip(",; "))
        verb = _VERB.search(clause, who.end())
        return _before_colon(clause[start : verb.start()]) if verb else ""
    return _before_colon(clause[: first_verb.start()]) if first_verb else ""


def _before_colon(who: str) -> str:
    """ "Trưởng các Cụm, Khối thi đua: Các Cụm … ký kết" (a schedule table's row): the
    addressees stand before the colon when it names some."""
    head, colon, _ = who.partition(":")
    return head if colon and _HEAD.search(_without_role(head)) else who


def phrases(text: str) -> list[str]:
    """Addressee phrases in ``text``, roles left out: "Thủ trưởng các sở, ban, ngành;
    Chủ tịch UBND các huyện" → ["sở, ban, ngành", "UBND các huyện"]."""
    return list(_phrases(text))


@lru_cache(maxsize=512)  # a sentence's subject is asked for once per deadline in it
def _phrases(text: str) -> tuple[str, ...]:
    text = _MARKER.sub("", text.strip())
    parts = re.split(rf"\s*;\s*|,?\s+và\s+(?={_ROLE}|các\s|UBND|Ủy\s+ban)|,\s*(?={_ROLE}\b)", text)
    found = []
    for raw in parts:
        part = _without_role(raw)
        if part and _HEAD.search(part) and len(part) <= 160:
            found.append(part)
    return tuple(found)


def _without_role(text: str) -> str:
    text = _MARKER.sub("", text.strip())
    text = re.sub(rf"^(?:{_ROLE}\s+)+", "", text, flags=re.I).strip(" ,.:;()-")
    return re.sub(r"^(?:các|những)\s+", "", text, flags=re.I)


# --- the directory of groups and units ----------------------------------------------------

_COMMON = {
    "cac",
    "cua",
    "trong",
    "tren",
    "va",
    "tinh",
    "thuoc",
    "hoat",
    "dong",
    "o",
    "tai",
    "nhung",
    "voi",
}
_ABBREVIATIONS = (
    ("uy ban nhan dan", "ubnd"),
    ("hoi dong nhan dan", "hdnd"),
    ("thi dua khen thuong", "tdkt"),
    ("mat tran to quoc", "mttq"),
)


def _key_words(text: str) -> list[str]:
    joined = " " + " ".join(ascii_words(text)) + " "
    for long, short in _ABBREVIATIONS:
        joined = joined.replace(f" {long} ", f" {short} ")
    return [w for w in joined.split() if w not in _COMMON]


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    is_group: bool
    size: int  # units it reaches


@dataclass(frozen=True)
class Match:
    entry: Entry
    phrase: str
    score: float


class Directory:
    """The groups and units that deadlines can name, and where they came from."""

    def __init__(self, entries: Iterable[Entry], origin: str) -> None:
        self.entries = list(entries)
        self.origin = origin

    @cached_property
    def _keys(self) -> list[tuple[Entry, set[str], str]]:
        return [(e, set(_key_words(e.name)), " ".join(_key_words(e.name))) for e in self.entries]

    def match(self, phrase: str, threshold: float = 0.6) -> Match | None:
        words = _key_words(phrase)
        if not words:
            return None
        wanted, joined = set(words), " ".join(words)
        best: tuple[float, float, int, Entry] | None = None
        for entry, keys, entry_joined in self._keys:
            if not keys:
                continue
            dice = 2 * len(wanted & keys) / (len(wanted) + len(keys))
            ratio = difflib.SequenceMatcher(None, joined, entry_joined).ratio()
            candidate = (dice, ratio, entry.is_group, entry)
            if best is None or candidate[:3] > best[:3]:
                best = candidate
        if best is None or max(best[0], best[1]) < threshold:
            return None
        return Match(best[3], phrase, round(max(best[0], best[1]), 2))

    def closest(self, phrase: str, count: int = 3) -> list[Entry]:
        """The entries whose names come nearest to ``phrase`` (for a person to choose)."""
        joined = " ".join(_key_words(phrase))
        scored = sorted(
            (
                (difflib.SequenceMatcher(None, joined, entry_joined).ratio(), entry.code, entry)
                for entry, _, entry_joined in self._keys
            ),
            key=lambda s: (-s[0], s[1]),
        )
        return [entry for _, _, entry in scored[:count]]

    def blocs(self, phrase: str) -> list[Entry] | None:
        """ "Cụm, Khối thi đua", "các Khối thi đua": every bloc (and cluster) group, since
        the phrase names them all (none when the directory has no such group); None when
        the phrase names something else ("Các doanh nghiệp trong các khối thi đua")."""
        words = set(_key_words(phrase)) - {"truong", "thi", "dua", "cac"}
        if not words or not words <= {"khoi", "cum"}:
            return None
        return [
            e
            for e in self.entries
            if e.is_group and _key_words(e.name)[:3] in ([w, "thi", "dua"] for w in words)
        ]

    def broadest(self) -> Entry | None:
        groups = [e for e in self.entries if e.is_group] or self.entries
        return max(groups, key=lambda e: (e.size, -len(e.code)), default=None)


def directory_from_units_file(model: UnitsFile, origin: str) -> Directory:
    members = {g.code: g.members for g in model.groups}

    def reach(code: str, seen: frozenset[str] = frozenset()) -> set[str]:
        if code not in members:
            return {code}
        found: set[str] = set()
        for member in members[code]:
            if member not in seen:
                found |= reach(member, seen | {code})
        return found

    entries = [Entry(g.code, g.name, True, len(reach(g.code))) for g in model.groups]
    entries += [Entry(u.code, u.name, False, 1) for u in model.units]
    return Directory(entries, origin)


def directory_from_store(session: Session) -> Directory | None:
    """The stored groups and units (None when no group is stored): what deadlines of a
    draft name by default, for ``thidua import-text`` and the office's directive form."""
    groups = queries.groups(session)
    if not groups:
        return None
    entries = [Entry(g.code, g.name, True, len(g.units)) for g in groups]
    entries += [Entry(u.code, u.name, False, 1) for u in queries.units(session)]
    return Directory(entries, "the groups and units in the database")


def builtin_directory() -> Directory:
    """The usual addressee categories of a province, with the codes of the example units
    file: what a draft names when no units file or stored units are at hand."""
    text = resources.files(__package__).joinpath("categories.yaml").read_text("utf-8")
    data = parse_yaml(text).data
    entries = [Entry(g["code"], g["name"], True, int(g["reach"])) for g in data["groups"]]
    return Directory(entries, "the built-in categories")
