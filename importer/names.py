"""Whether capitalised words are a person's name, not a body's or a place's.

A news page names a body with the official who acted for it: "Chủ tịch UBND tỉnh Phạm Văn
An đã ký …", "Giám đốc Sở Y tế Lê Thị Bình …". The words after the body are then the
person's, and the issuer's name ends before them. A Vietnamese name opens with its family
name (Nguyễn, Trần, Lê, …) and has three or four words; a place rarely does both, and the
few that do are known ("Hồ Chí Minh": a city, a youth union's and a school's namesake).
"""

from __future__ import annotations

import re

SURNAMES = frozenset(
    (
        *("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"),
        *("Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đào", "Đinh", "Lâm", "Mai", "Trịnh"),
        *("Trương", "Lương", "Hà", "Cao", "Tạ", "Tô", "Chu", "Châu", "Quách", "Thái"),
        *("Kiều", "Lưu", "Doãn", "Vương", "Triệu", "Hứa", "Diệp", "Tăng", "Lại", "Đoàn"),
        *("Nông", "Lò", "Giáp", "Mạc", "Thân", "Khúc", "Thạch", "Tống", "Đàm", "Nghiêm"),
    )
)
_LEVELS = frozenset(("tỉnh", "phố", "huyện", "xã", "quận", "phường", "trấn", "TP", "TP."))
# names of people that name places and bodies
_NAMESAKES = frozenset(("Hồ Chí Minh",))
_WORD = re.compile(r"^[A-ZĐÀ-Ỹ][a-zà-ỹđ]*$")
# an official's title just before the body they act for ("Phó Chủ tịch UBND tỉnh …")
OFFICIAL = re.compile(
    r"(?:Chủ\s+tịch|Giám\s+đốc|Bí\s+thư|Thường\s+trực|Trưởng\s+ban|Bộ\s+trưởng|Thủ\s+tướng|"
    r"Hiệu\s+trưởng|Thứ\s+trưởng|Trưởng\s+phòng|Cục\s+trưởng)\s*$"
)


def is_personal_name(text: str, *, after_official: bool = False) -> bool:
    """ "Phạm Văn An", "Lê Thị Thu Bình" (three or four words from a family name); after an
    official's title two words do ("Phó Chủ tịch UBND tỉnh Đào An")."""
    words = text.split()
    shortest = 2 if after_official else 3
    return (
        shortest <= len(words) <= 4
        and words[0] in SURNAMES
        and all(_WORD.match(w) for w in words)
        and " ".join(words) not in _NAMESAKES
    )


def without_person(name: str) -> str:
    """A body's name without the official's name run on after it: "Sở Y tế Lê Thị Bình" →
    "Sở Y tế"; a school keeps its namesake ("Trường THCS Nguyễn Du")."""
    words = name.split()
    if words[:1] in (["Trường"], ["Liên"]) or "trường" in words or "Trường" in words[1:]:
        return name
    for size in (4, 3):
        before = words[:-size]
        if before and is_personal_name(" ".join(words[-size:])) and before[-1] not in _LEVELS:
            return " ".join(before)  # (a ward may bear a name: "phường Lê Hồng Phong")
    return name
