"""The number grammar of table cells.

After normalisation a cell is a number (``3``, ``-1``, ``1,234``, ``21.83 万元``),
blank (empty, spaces, U+3000), or text that stands where a number should be
(``/``, ``无``, ``—``): the rules tell these apart, so the parser keeps all three.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

# Longer numbers are not counts or amounts; keep them as text (V002) instead of
# carrying thousands of digits into arithmetic and JSON.
_MAX_DIGITS = 18
_NUMBER = re.compile(
    r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(万元|元|万|件|个|项|条|次|起|笔|份|%)?"
    # A note the report wrote in the cell after the number: ``22（其中修订16件）``
    # (never a bracketed numeral, which starts the next label: ``3(二)部分公开``).
    r"(?:\s*\((?=[^)]*[^\d\s.,)一二三四五六七八九十])[^()]{2,40}\))?$"
)
# Written where a number belongs when there is none; these are cells, not labels.
PLACEHOLDERS = frozenset({
    "/", "\\", "-", "--", "---", "—", "——", "–", "－", "无", "空", "N/A", "n/a", "NA", "na",
    "×", "x", "X", "一一", "暂无",
    # A lone Chinese numeral is a number written in words (V002), never a label.
    *"零一二三四五六七八九十两",
})


@dataclass(frozen=True, slots=True)
class Number:
    kind: Literal["number", "blank", "text"]
    value: Decimal | None
    unit: str | None


BLANK = Number("blank", None, None)


_TEXT = Number("text", None, None)
_STARTS_NUMBER = frozenset("0123456789+-")


@lru_cache(maxsize=8192)
def read_number(text: str) -> Number:
    """Read a normalised cell text (cached: tables repeat the same few cells)."""
    stripped = text.strip()
    if stripped and stripped[0] not in _STARTS_NUMBER:
        return _TEXT
    if not stripped:
        return BLANK
    match = _NUMBER.match(stripped)
    if match is None:
        return Number("text", None, None)
    sign, whole, fraction, unit = match.groups()
    whole = whole.replace(",", "")
    if len(whole) > _MAX_DIGITS or (fraction is not None and len(fraction) > _MAX_DIGITS):
        return Number("text", None, unit)
    literal = f"{sign}{whole}.{fraction}" if fraction is not None else f"{sign}{whole}"
    try:
        value = Decimal(literal)
    except InvalidOperation:
        return Number("text", None, unit)
    return Number("number", value, unit)


def is_unit(text: str) -> bool:
    return text.strip() in ("万元", "元", "件", "项", "个", "条", "次", "%")


def to_wanyuan(number: Number) -> Decimal | None:
    """An amount in 万元, the model's unit; ``95300元`` is 9.53."""
    if number.value is None:
        return None
    if number.unit == "元":
        return number.value / Decimal(10000)
    return number.value
