"""Days off as notices tell them ("được nghỉ Tết Nguyên đán từ … đến hết …", "nghỉ bù vào
thứ Hai …", "lịch nghỉ lễ Quốc khánh 2/9"): the words that say a break, shared by the readers
that must not take a break for something else. A break is one phase titled from its clause
(`periods`); the holiday it is for, named without a founding day or a count, is no
commemoration of its own (`commemorations`), and its "Lễ" no ceremony (`meetings`).
"""

from __future__ import annotations

import re

# what tells days off: "được nghỉ", "sẽ nghỉ", "nghỉ Tết", "nghỉ lễ", "nghỉ bù", "nghỉ liền",
# "lịch nghỉ", "kỳ nghỉ"; not leaving or resting ("nghỉ hưu", "nghỉ việc", "nghỉ ngơi")
BREAK = re.compile(
    r"\b(?:(?:được|sẽ|cho|lịch|kỳ|đợt)\s+nghỉ(?!\s+(?:hưu|việc|ngơi|chế\s+độ|thai\s+sản|ốm|"
    r"giải\s+lao|trưa)\b)|nghỉ\s+(?:Tết|lễ|bù|liền))\b",
    re.I,
)


def in_a_break(text: str, at: int) -> bool:
    """Whether what stands at ``at`` is named inside a clause that tells days off ("lịch nghỉ
    lễ dịp Quốc khánh 2/9", "trong dịp Lễ … công chức được nghỉ như sau"): the same clause,
    no semicolon between, and not a whole other sentence away."""
    left = text.rfind(";", 0, at) + 1
    right = text.find(";", at)
    clause = text[left : right if right != -1 else len(text)]
    return any(abs(left + m.start() - at) <= _REACH for m in BREAK.finditer(clause))


_REACH = 200  # characters between the break's words and the holiday it names


# "dịp nghỉ lễ", "dịp Lễ", "dịp Tết": the holiday a break is for
_OCCASION = re.compile(r"\bdịp\s+(?:nghỉ\s+)?$", re.I)


def the_holiday_of_a_break(text: str, at: int) -> bool:
    """ "trong dịp Lễ sẽ nghỉ …", "dịp Lễ kỷ niệm ngày Chiến thắng 30/4 …, công chức được
    nghỉ": a "Lễ" after "dịp" in a clause of days off is the holiday, no ceremony."""
    return bool(_OCCASION.search(text[max(0, at - 20) : at])) and in_a_break(text, at)
