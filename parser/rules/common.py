"""Short names and number handling shared by the rule families.

Messages name cells the way a reviewer reads the printed table: a short row
label (``一、本年新收``, ``(三)1.属于国家秘密``) and the column (``商业企业``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from nianbao.parser.layout.numbers import PLACEHOLDERS
from nianbao.parser.model.report import Cell
from nianbao.parser.reading.normalize import normalize_char_text
from nianbao.parser.template import (
    ACTIVE_ITEMS,
    APPLICATION_ROWS,
    COLUMN_LABELS,
    REVIEW_FIELDS,
    TableId,
    TemplateId,
)

ZERO = Decimal(0)

# Table 3 rows as a reviewer names them; full labels are in template.APPLICATION_ROWS.
T3_SHORT: dict[str, str] = {
    "new_received": "一、本年新收",
    "carried_over": "二、上年结转",
    "granted": "(一)予以公开",
    "partially_granted": "(二)部分公开",
    "denied.state_secret": "(三)1.属于国家秘密",
    "denied.law_prohibited": "(三)2.其他法律行政法规禁止公开",
    "denied.security_stability": "(三)3.危及“三安全一稳定”",
    "denied.third_party": "(三)4.保护第三方合法权益",
    "denied.internal_affairs": "(三)5.属于三类内部事务信息",
    "denied.process_info": "(三)6.属于四类过程性信息",
    "denied.enforcement_case": "(三)7.属于行政执法案卷",
    "denied.query_matter": "(三)8.属于行政查询事项",
    "unavailable.not_held": "(四)1.本机关不掌握相关政府信息",
    "unavailable.needs_creation": "(四)2.没有现成信息需要另行制作",
    "unavailable.still_unclear": "(四)3.补正后申请内容仍不明确",
    "not_processed.petition": "(五)1.信访举报投诉类申请",
    "not_processed.duplicate": "(五)2.重复申请",
    "not_processed.publication": "(五)3.要求提供公开出版物",
    "not_processed.excessive": "(五)4.无正当理由大量反复申请",
    "not_processed.confirmation": "(五)5.要求确认或重新出具已获取信息",
    "other": "(六)其他处理",
    "other.no_correction": "(六)1.逾期不补正",
    "other.no_fee": "(六)2.逾期未缴纳费用",
    "other.other": "(六)3.其他",
    "total": "(七)总计",
    "carried_forward": "四、结转下年度",
}
T4_GROUPS: dict[str, str] = {
    "review": "行政复议",
    "litigation_direct": "行政诉讼(未经复议直接起诉)",
    "litigation_after_review": "行政诉讼(复议后起诉)",
}
T4_FIELDS: dict[str, str] = dict(REVIEW_FIELDS)
TABLE_NAMES: dict[TableId, str] = {
    "active_disclosure": "table 2 (主动公开)",
    "applications": "table 3 (依申请)",
    "review_litigation": "table 4 (复议诉讼)",
}

_CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                   "六": 6, "七": 7, "八": 8, "九": 9}
_PLACEHOLDER_KEYS = frozenset(PLACEHOLDERS) - frozenset(_CHINESE_DIGITS) - {"十"}


def fmt(value: Decimal | int | None) -> str:
    """A number as a person writes it: ``4``, ``21.83``, ``-1``."""
    if value is None:
        return "blank"
    if isinstance(value, int):
        return str(value)
    if value == value.to_integral_value():
        return str(int(value))
    text = format(value.normalize(), "f")
    return text


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
        return T3_SHORT.get(row, row)
    if table == "review_litigation":
        return T4_GROUPS.get(row, row)
    for tid in (template, "2019", "2021"):
        if tid is None:
            continue
        for item in ACTIVE_ITEMS[tid]:
            if item.id == row:
                return item.label
    return row


def field_label(table: TableId, cell_id: str, template: TemplateId | None = None) -> str:
    row, _, column = cell_id.rpartition(".")
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
    for spec in APPLICATION_ROWS[template]:
        if spec.id == row:
            if spec.group and not spec.group.startswith("三、"):
                return f"{spec.group} {spec.label}"
            return spec.label
    return row


def shown(raw: str) -> str:
    """A cell's text for a message; blank cells say so."""
    return raw if raw.strip() else "blank"
