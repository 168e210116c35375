"""Short names and number handling shared by the rule families.

Messages name cells the way a reviewer reads the printed table: a short row
label (``一、本年新收``, ``(三)1.属于国家秘密``) and the column (``商业企业``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Protocol

from nianbao.parser.i18n import N_, _, language
from nianbao.parser.layout.numbers import PLACEHOLDERS
from nianbao.parser.model.report import Cell
from nianbao.parser.reading.normalize import normalize_char_text
from nianbao.parser.template import (
    ACTIVE_ITEMS,
    APPLICATION_ROW_SHORT,
    APPLICATION_ROWS,
    COLUMN_LABELS,
    REVIEW_FIELDS,
    REVIEW_GROUP_NAMES,
    TableId,
    TemplateId,
)

ZERO = Decimal(0)

T4_FIELDS: dict[str, str] = dict(REVIEW_FIELDS)
# Translated where shown: _(TABLE_NAMES[table]).
TABLE_NAMES: dict[TableId, str] = {
    "active_disclosure": N_("table 2 (主动公开)"),
    "applications": N_("table 3 (依申请)"),
    "review_litigation": N_("table 4 (复议诉讼)"),
}

_CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                   "六": 6, "七": 7, "八": 8, "九": 9}
_PLACEHOLDER_KEYS = frozenset(PLACEHOLDERS) - frozenset(_CHINESE_DIGITS) - {"十"}


def fmt(value: Decimal | int | None) -> str:
    """A number as a person writes it: ``4``, ``21.83``, ``-1``."""
    if value is None:
        return _("blank")
    if isinstance(value, int):
        return str(value)
    if value == value.to_integral_value():
        return str(int(value))
    text = format(value.normalize(), "f")
    return text


def date_text(day: dt.date) -> str:
    """A date as the current language writes one: ``2021-03-05``, ``2021年3月5日``."""
    if language() == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()


def chinese_number(text: str) -> int | None:
    """A small number written in Chinese numerals (``三``, ``十二``, ``二十``); None otherwise."""
    if not text:
        return None
    if all(ch in _CHINESE_DIGITS for ch in text):
        if len(text) == 1:
            return _CHINESE_DIGITS[text]
        return int("".join(str(_CHINESE_DIGITS[ch]) for ch in text))
    total = 0
    section = 0
    digit = 0
    for ch in text:
        if ch in _CHINESE_DIGITS:
            digit = _CHINESE_DIGITS[ch]
        elif ch == "十":
            section += (digit or 1) * 10
            digit = 0
        elif ch == "百":
            section += (digit or 1) * 100
            digit = 0
        elif ch == "千":
            section += (digit or 1) * 1000
            digit = 0
        else:
            return None
    total += section + digit
    return total


class ValueCell(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def value(self) -> Decimal | None: ...
    @property
    def raw(self) -> str: ...


def arithmetic_value(cell: Cell | ValueCell) -> Decimal | None:
    """The value a cell contributes to a sum; None when it cannot be told.

    Blank cells count as 0 (V001 reports them). A placeholder such as ``/`` or
    ``无`` also means "none" (V002 reports it); a number written in Chinese
    numerals counts as that number. Any other text leaves the sum unknown, and
    the arithmetic rules skip it rather than guess.
    """
    if cell.kind == "number":
        return cell.value
    if cell.kind == "blank":
        return ZERO
    text = normalize_char_text(cell.raw).strip()
    if text in _PLACEHOLDER_KEYS:
        return ZERO
    number = chinese_number(text)
    return None if number is None else Decimal(number)


def is_blank(cell: Cell) -> bool:
    return cell.kind == "blank"


def is_empty(cell: Cell) -> bool:
    """Blank, or a placeholder (``/``, ``—``, ``无``) that says there is nothing to count."""
    if cell.kind == "blank":
        return True
    return cell.kind == "text" and normalize_char_text(cell.raw).strip() in _PLACEHOLDER_KEYS


def column_label(column: str) -> str:
    return COLUMN_LABELS.get(column, column)


def row_label(table: TableId, row: str, template: TemplateId | None = None) -> str:
    """The short label of a row (table 3), item (table 2) or group (table 4)."""
    if table == "applications":
        return APPLICATION_ROW_SHORT.get(row, row)
    if table == "review_litigation":
        return REVIEW_GROUP_NAMES.get(row, row)
    for tid in (template, "2019", "2021"):
        if tid is None:
            continue
        for item in ACTIVE_ITEMS[tid]:
            if item.id == row:
                return item.label
    return row


def field_label(table: TableId, cell_id: str, template: TemplateId | None = None) -> str:
    row, _dot, column = cell_id.rpartition(".")
    if table == "applications":
        return column_label(column)
    if table == "review_litigation":
        return T4_FIELDS.get(column, column)
    for tid in (template, "2019", "2021"):
        if tid is None:
            continue
        for item in ACTIVE_ITEMS[tid]:
            if item.id == row:
                fields = dict(item.fields)
                if column in fields:
                    return fields[column]
    return column


def cell_name(table: TableId, cell_id: str, template: TemplateId | None = None) -> str:
    """``一、本年新收·商业企业``, ``规章·本年新制作数量``, ``行政复议·总计``."""
    row = cell_id.rpartition(".")[0]
    return f"{row_label(table, row, template)}·{field_label(table, cell_id, template)}"


def full_row_label(template: TemplateId, row: str) -> str:
    """The template's own wording of a table-3 row, with its group (``（三）不予公开 8.属于…``)."""
    # The old single （六）其他处理 row of a template-2021 report is template 2019's.
    for spec in (*APPLICATION_ROWS[template], *APPLICATION_ROWS["2019"]):
        if spec.id == row:
            if spec.group and not spec.group.startswith("三、"):
                return f"{spec.group} {spec.label}"
            return spec.label
    return row


def shown(raw: str) -> str:
    """A cell's text for a message; blank cells say so."""
    return raw if raw.strip() else _("blank")
