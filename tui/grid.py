"""How each of tables 2, 3 and 4 is laid out on screen, from the template alone.

A grid is a list of rows: data rows (one cell id per column), group rows (a parent
label such as ``（三）不予公开``) and header rows (table 2 repeats its column labels
per block, as the printed template does). The widget decides widths; this module
only decides structure, so it is plain data and easy to test.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from nianbao.parser.template import (
    ACTIVE_ITEMS,
    APPLICANT_COLUMNS,
    APPLICATION_ROWS,
    REVIEW_FIELDS,
    TABLE_NUMBERS,
    TABLE_TITLES,
    TableId,
    TemplateId,
)

RowKind = Literal["data", "group", "header"]


@dataclass(frozen=True, slots=True)
class GridRow:
    kind: RowKind
    label: str
    depth: int = 0
    cells: tuple[str, ...] = ()  # data rows: one cell id per column
    headers: tuple[str, ...] = ()  # header rows: one label per column


@dataclass(frozen=True, slots=True)
class Grid:
    table: TableId
    template: TemplateId
    # A line over the column headers: (label, number of columns spanned).
    spans: tuple[tuple[str, int], ...]
    columns: tuple[str, ...]  # headers kept on screen while scrolling (may be empty)
    rows: tuple[GridRow, ...]

    @property
    def width(self) -> int:
        return max([len(self.columns)] + [len(r.cells) for r in self.rows]
                   + [len(r.headers) for r in self.rows])

    @property
    def title(self) -> str:
        return f"表{TABLE_NUMBERS[self.table]} {TABLE_TITLES[self.table]}"

    def data_rows(self) -> list[int]:
        return [i for i, row in enumerate(self.rows) if row.kind == "data"]

    def locate(self, cell_id: str) -> tuple[int, int] | None:
        for index, row in enumerate(self.rows):
            if cell_id in row.cells:
                return index, row.cells.index(cell_id)
        return None


# 第二十条 items, as the printed table groups them.
_ARTICLE_20 = {
    "regulations": "（一）", "normative_documents": "（一）",
    "licensing": "（五）", "other_services": "（五）",
    "penalty": "（六）", "enforcement": "（六）",
    "fees": "（八）", "procurement": "（九）",
}
RESULTS_GROUP = "三、本年度办理结果"


def build_grid(table: TableId, template: TemplateId) -> Grid:
    if table == "active_disclosure":
        return _active(template)
    if table == "applications":
        return _applications(template)
    return _review(template)


def _active(template: TemplateId) -> Grid:
    rows: list[GridRow] = []
    block: str | None = None
    fields: tuple[str, ...] = ()
    for item in ACTIVE_ITEMS[template]:
        labels = tuple(label for _, label in item.fields)
        clause = _ARTICLE_20.get(item.id, "")
        if clause != block or labels != fields:
            block, fields = clause, labels
            rows.append(GridRow("header", f"第二十条第{clause}项", headers=labels))
        rows.append(GridRow("data", item.label,
                            cells=tuple(f"{item.id}.{field}" for field, _ in item.fields)))
    return Grid("active_disclosure", template, (), (), tuple(rows))


def _applications(template: TemplateId) -> Grid:
    columns = tuple(label for _, label in APPLICANT_COLUMNS)
    spans = (("", 1), ("法人或其他组织", len(columns) - 2), ("", 1))
    rows: list[GridRow] = []
    opened: set[str] = set()
    for spec in APPLICATION_ROWS[template]:
        cells = tuple(f"{spec.id}.{col}" for col, _ in APPLICANT_COLUMNS)
        depth = 0
        if spec.group is not None:
            # Sub-groups such as （三）不予公开 sit inside 三、本年度办理结果.
            nested = spec.group.startswith("（")
            if RESULTS_GROUP not in opened:
                opened.add(RESULTS_GROUP)
                if spec.group == RESULTS_GROUP or nested:
                    rows.append(GridRow("group", RESULTS_GROUP, 0))
            if nested and spec.group not in opened:
                opened.add(spec.group)
                rows.append(GridRow("group", spec.group, 1))
            depth = 2 if nested else 1
        rows.append(GridRow("data", spec.label, depth, cells))
    return Grid("applications", template, spans, columns, tuple(rows))


def _review(template: TemplateId) -> Grid:
    columns = tuple(label for _, label in REVIEW_FIELDS)

    def cells(group: str) -> tuple[str, ...]:
        return tuple(f"{group}.{field}" for field, _ in REVIEW_FIELDS)

    rows = (
        GridRow("data", "行政复议", 0, cells("review")),
        GridRow("group", "行政诉讼", 0),
        GridRow("data", "未经复议直接起诉", 1, cells("litigation_direct")),
        GridRow("data", "复议后起诉", 1, cells("litigation_after_review")),
    )
    return Grid("review_litigation", template, (), columns, rows)
