"""Tables 2, 3 and 4 as the Word tables they start out as: a grid with merged cells.

Every flattening style starts from this one description, so the styles differ only
in how they flatten it, the way real exports do:

- a cell spanning columns (``span``) is one cell to Word's text export and
  ``span`` cells (text + empties) to grid exports (tabs, markdown, layout);
- a cell merged with the one above (``vmerge``) is an empty cell to most
  exports and is dropped altogether by some (seed 001's ``|`` rows);
- a value cell carries the canonical id it belongs to (``ref``), so renderers can
  record where each number lands.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from decimal import Decimal

from nianbao.parser.template import ACTIVE_ITEMS, APPLICATION_ROWS, REVIEW_FIELDS, RowSpec

from .chars import ascii_brackets, fullwidth, spaced
from .truth import CellRef, Truth, Value


@dataclass(frozen=True, slots=True)
class GCell:
    text: str = ""
    span: int = 1
    vmerge: bool = False
    ref: CellRef | None = None  # set on value cells
    kind: str = "label"  # label | head | value | pad

    @property
    def blank(self) -> bool:
        return self.kind == "value" and not self.text


@dataclass(frozen=True, slots=True)
class GRow:
    kind: str  # head | title | data | break
    cells: tuple[GCell, ...] = ()

    @property
    def values(self) -> list[GCell]:
        return [c for c in self.cells if c.kind == "value"]

    @property
    def labels(self) -> list[GCell]:
        """Label cells that show text (not merged continuations)."""
        return [c for c in self.cells if c.kind == "label" and c.text and not c.vmerge]


@dataclass(frozen=True, slots=True)
class GTable:
    id: str
    width: int
    rows: tuple[GRow, ...]
    # The header rows a page break repeats (Word's "repeat as header row").
    head: tuple[GRow, ...] = ()


@dataclass
class LabelStyle:
    """How one report writes the template's labels and numbers."""

    ascii_brackets: bool = False
    space_after_number: bool = False  # "1. 属于国家秘密" (seed 004)
    spaced_rate: float = 0.0  # share of labels with spaces inside (尚 未 审 结)
    aliases: bool = False  # 规范性文件 / 行政规范性文件, 采购总额 / 采购总金额
    truncated_heads: bool = False  # "本年新" for 本年新制作数量 (seed 001)
    amount_unit: str = "plain"  # plain | wanyuan | wanyuan_space | yuan
    fullwidth_rate: float = 0.0
    rng: random.Random = field(default_factory=random.Random)
    # Share of table-3 row labels with a character dropped or swapped (hongze's
    # 2.其他法律行政止公开); the rows so written are collected in ``misspelt``.
    misspell_rate: float = 0.0
    misspelt: list[str] = field(default_factory=list)

    def row_label(self, row_id: str, text: str) -> str:
        """A table-3 row's own label (drawn from the rng only when misspelling is on)."""
        # A typo or two per report, as in real ones, not one on every other row.
        if self.misspell_rate and len(self.misspelt) < 2 and \
                self.rng.random() < self.misspell_rate:
            wrong = misspell(text, self.rng)
            if wrong != text:
                self.misspelt.append(row_id)
                text = wrong
        return self.label(text)

    def label(self, text: str) -> str:
        if self.ascii_brackets:
            text = ascii_brackets(text)
        if self.space_after_number and len(text) > 2 and text[0].isdigit() and text[1] == ".":
            text = text[:2] + " " + text[2:]
        if self.spaced_rate and self.rng.random() < self.spaced_rate:
            text = spaced(text, self.rng)
        return text

    def head(self, text: str) -> str:
        if self.truncated_heads and text.startswith("本年新") and self.rng.random() < 0.5:
            return "本年新"
        return self.label(text)

    def number(self, field_id: str, value: Value) -> str:
        if value is None:
            return ""
        if field_id == "amount":
            text = _amount_text(Decimal(value), self.amount_unit)
        else:
            text = str(value)
        if self.fullwidth_rate and self.rng.random() < self.fullwidth_rate:
            text = fullwidth(text)
        return text


def _amount_text(value: Decimal, unit: str) -> str:
    """An amount in 万元 written the ways reports write it (422万元, 21.83 万元, 95300元)."""
    plain = format(value.normalize(), "f") if value else "0"
    if unit == "yuan":
        yuan = value * 10000
        if yuan == yuan.to_integral_value():
            return f"{int(yuan)}元"
        unit = "wanyuan"  # a fraction of a yuan: nobody writes that
    if unit == "wanyuan":
        return f"{plain}万元"
    if unit == "wanyuan_space":
        return f"{plain} 万元"
    return plain


_NUMBERING = re.compile(r"^(?:\d+\.\s?|[（(][一二三四五六七][）)]|[一二三四]、)")


def misspell(text: str, rng: random.Random) -> str:
    """One slip of a typist or an OCR: 1–3 characters dropped, or two swapped, inside
    the label (never in its numbering, never its last character). Labels of fewer than
    six characters after the numbering are left alone: cut shorter they could be read
    as another row's."""
    prefix = _NUMBERING.match(text)
    head = prefix.end() if prefix else 0
    body = text[head:]
    if len(body) < 6:
        return text
    at = rng.randint(2, len(body) - 3)
    if rng.random() < 0.6:
        drop = rng.randint(1, min(3, len(body) - 2 - at))
        body = body[:at] + body[at + drop:]
    elif body[at] != body[at + 1]:
        body = body[:at] + body[at + 1] + body[at] + body[at + 2:]
    return text[:head] + body


def _value(truth: Truth, table: str, cell: str, style: LabelStyle, span: int = 1) -> GCell:
    text = style.number(cell.rpartition(".")[2], truth.value(table, cell))
    return GCell(text, span=span, ref=(table, cell), kind="value")


# ---------------------------------------------------------------- table 2

_SECTION_OF_ITEM = {
    "regulations": "一", "normative_documents": "一", "licensing": "五",
    "other_services": "五", "penalty": "六", "enforcement": "六", "fees": "八",
    "procurement": "九",
}


def _item_label(item_id: str, label: str, aliases: tuple[str, ...], style: LabelStyle) -> str:
    if style.aliases and aliases and style.rng.random() < 0.5:
        label = aliases[0]
    return style.label(label)


def _field_label(fid: str, label: str, template: str, style: LabelStyle) -> str:
    if style.aliases and fid == "amount" and style.rng.random() < 0.5:
        label = "采购总额" if template == "2019" else "本年收费金额（单位：万元，保留4位小数）"
    return style.head(label)


def active_blocks(truth: Truth, style: LabelStyle) -> GTable:
    """Table 2 as most reports draw it: a block per 第二十条 item (seeds 001–004)."""
    rows: list[GRow] = []
    table = "active_disclosure"
    items = ACTIVE_ITEMS[truth.template]  # type: ignore[index]
    shown: str | None = None
    for item in items:
        part = _SECTION_OF_ITEM[item.id]
        if part != shown:
            shown = part
            rows.append(GRow("title", (GCell(style.label(f"第二十条第（{part}）项"), span=4),)))
            heads = [GCell(style.label("信息内容"), kind="head")]
            heads += [GCell(_field_label(f, lab, truth.template, style), kind="head",
                            span=3 if len(item.fields) == 1 else 1) for f, lab in item.fields]
            if len(item.fields) == 2:
                heads.append(GCell(kind="pad"))
            rows.append(GRow("head", tuple(heads)))
        cells = [GCell(_item_label(item.id, item.label, item.aliases, style))]
        for fid, _ in item.fields:
            cells.append(_value(truth, table, f"{item.id}.{fid}", style,
                                span=3 if len(item.fields) == 1 else 1))
        if len(item.fields) == 2:
            cells.append(GCell(kind="pad"))  # the empty fourth column (seed 004)
        rows.append(GRow("data", tuple(cells)))
    return GTable(table, 4, tuple(rows))


def active_long(truth: Truth, style: LabelStyle) -> GTable:
    """Table 2 (template 2019) one field per row: 信息内容 / 统计项目 / 数量 (seed 000)."""
    table = "active_disclosure"
    head = GRow("head", (GCell(style.label("信息内容"), span=2, kind="head"),
                         GCell(style.label("统计项目"), kind="head"),
                         GCell(style.label("数量"), kind="head")))
    rows = [head]
    shown: str | None = None
    for item in ACTIVE_ITEMS["2019"]:
        part = _SECTION_OF_ITEM[item.id]
        for n, (fid, label) in enumerate(item.fields):
            first_of_part = part != shown
            shown = part
            rows.append(GRow("data", (
                GCell(style.label(f"第二十条第（{part}）项"), vmerge=not first_of_part),
                GCell(_item_label(item.id, item.label, item.aliases, style), vmerge=n > 0),
                GCell(_field_label(fid, label, "2019", style)),
                _value(truth, table, f"{item.id}.{fid}", style),
            )))
    return GTable(table, 4, tuple(rows), head=(head,))


# ---------------------------------------------------------------- table 3

_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
_APPLICANT_HEADS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")


def application_rows(truth: Truth) -> tuple[RowSpec, ...]:
    """Table 3's rows as the report has them: the template's, or template 2021's with
    template 2019's single （六）其他处理 row in place of its three sub-rows."""
    rows = APPLICATION_ROWS[truth.template]  # type: ignore[index]
    if not truth.old_other_row:
        return rows
    old = next(r for r in APPLICATION_ROWS["2019"] if r.id == "other")
    kept = [r for r in rows if not r.id.startswith("other.")]
    at = next(i for i, r in enumerate(kept) if r.id == "total")
    return (*kept[:at], old, *kept[at:])


def group_of(spec: RowSpec) -> tuple[str | None, str | None]:
    """The (column A, column B) group labels above a table-3 row, if any."""
    group = spec.group
    if group is None:
        return None, None
    if group.startswith("三、"):
        return group, None
    return "三、本年度办理结果", group


def applications(truth: Truth, style: LabelStyle, break_before: str | None = None,
                 repeat_group: bool = False) -> GTable:
    """Table 3 on a 10-column grid: three label columns, then the seven columns.

    ``break_before`` puts a page break (with repeated header rows) before that row;
    ``repeat_group`` also repeats 三、本年度办理结果 as a row of its own after it.
    """
    table = "applications"
    cols = ("natural_person", "commercial", "research", "social_welfare", "legal_service",
            "other_org", "total")
    head = (
        GRow("head", (GCell(style.head(_NOTE), span=3, kind="head"),
                      GCell(style.head("申请人情况"), span=7, kind="head"))),
        GRow("head", (GCell(span=3, vmerge=True, kind="head"),
                      GCell(style.head("自然人"), kind="head"),
                      GCell(style.head("法人或其他组织"), span=5, kind="head"),
                      GCell(style.head("总计"), kind="head"))),
        GRow("head", (GCell(span=3, vmerge=True, kind="head"), GCell(vmerge=True, kind="head"),
                      *(GCell(style.head(h), kind="head") for h in _APPLICANT_HEADS),
                      GCell(vmerge=True, kind="head"))),
    )
    rows: list[GRow] = list(head)
    seen: set[str] = set()
    for spec in application_rows(truth):
        if spec.id == break_before:
            rows.append(GRow("break"))
            if repeat_group:
                rows.append(GRow("title", (GCell(style.label("三、本年度办理结果"), span=10),)))
        group_a, group_b = group_of(spec)
        label = style.row_label(spec.id, spec.label)
        labels: list[GCell]
        if group_a is None:
            labels = [GCell(label, span=3)]
        elif group_b is None:
            labels = [GCell(style.label(group_a), vmerge=group_a in seen), GCell(label, span=2)]
        else:
            labels = [GCell(style.label(group_a), vmerge=True),
                      GCell(style.label(group_b), vmerge=group_b in seen), GCell(label)]
        for group in (group_a, group_b):
            if group:
                seen.add(group)
        values = [_value(truth, table, f"{spec.id}.{c}", style) for c in cols]
        rows.append(GRow("data", (*labels, *values)))
    return GTable(table, 10, tuple(rows), head=head)


# ---------------------------------------------------------------- table 4


def review(truth: Truth, style: LabelStyle) -> GTable:
    table = "review_litigation"
    fields = [style.head(label) for _, label in REVIEW_FIELDS]
    rows = [
        GRow("head", (GCell(style.head("行政复议"), span=5, kind="head"),
                      GCell(style.head("行政诉讼"), span=10, kind="head"))),
        GRow("head", (*(GCell(f, kind="head") for f in fields),
                      GCell(style.head("未经复议直接起诉"), span=5, kind="head"),
                      GCell(style.head("复议后起诉"), span=5, kind="head"))),
        GRow("head", (*(GCell(vmerge=True, kind="head") for _ in fields),
                      *(GCell(style.head(label), kind="head") for _, label in REVIEW_FIELDS),
                      *(GCell(style.head(label), kind="head") for _, label in REVIEW_FIELDS))),
    ]
    values = tuple(_value(truth, table, cell, style) for cell in truth.cells[table])
    rows.append(GRow("data", values))
    return GTable(table, 15, tuple(rows), head=tuple(rows[:3]))


def word_cells(row: GRow) -> list[GCell]:
    """The cells as Word's text export lists them: one per cell, spans collapsed,
    a merged continuation as an empty cell."""
    return [GCell("", c.span, True, c.ref, c.kind) if c.vmerge else c for c in row.cells]


def grid_cells(row: GRow) -> list[GCell]:
    """The cells of a grid export: a span becomes its text and span-1 empties."""
    out: list[GCell] = []
    for cell in row.cells:
        out.append(GCell(cell.text if not cell.vmerge else "", 1, cell.vmerge, cell.ref,
                         cell.kind))
        out.extend(GCell(kind="pad") for _ in range(cell.span - 1))
    return out
