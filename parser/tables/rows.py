"""What the three table readers share: cells as data, trimming, label keys.

Cells and rows are built as plain data and validated with their table in one
pydantic call, which is several times faster than building each model alone.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NotRequired, TypedDict

from nianbao.parser.layout.fields import Field
from nianbao.parser.layout.numbers import to_wanyuan
from nianbao.parser.layout.regions import Region
from nianbao.parser.model.report import CellKind, Table
from nianbao.parser.reading.normalize import key_of_normalized
from nianbao.parser.template import TableId


class CellData(TypedDict):
    """A :class:`~nianbao.parser.model.report.Cell` before validation."""

    table: TableId
    id: str
    value: Decimal | None
    raw: str
    start: int
    kind: CellKind
    unit: str | None


class RowData(TypedDict):
    """A :class:`~nianbao.parser.model.report.RowInfo` before validation."""

    table: TableId
    id: str
    label: str
    label_start: int | None
    start: int
    cells_found: int
    cells_expected: int
    recovered: NotRequired[bool]
    assigned: NotRequired[bool]
    glued: NotRequired[str | None]
    candidates: NotRequired[tuple[str, ...]]
    glued_start: NotRequired[int | None]
    too_many: NotRequired[bool]
    lost: NotRequired[tuple[str, ...]]
    lost_at: NotRequired[int | None]


class StrayData(TypedDict):
    """A :class:`~nianbao.parser.model.report.StrayRow` before validation."""

    table: TableId
    label: str
    start: int
    values: int


MAX_LABEL_KEY = 80
# Template keys shorter than this (``其他``, ``总计``) are too common to trust alone.
SHORT_KEY = 4


def empty_table(table: TableId, region: Region | None) -> Table:
    return Table(id=table, start=None if region is None else region.start,
                 end=None if region is None else region.end, cells={})


def cell_data(table: TableId, cell_id: str, f: Field, *, amount: bool = False) -> CellData:
    """A cell as plain data, validated later with its whole table (:func:`build_table`)."""
    number = f.number
    value = to_wanyuan(number) if amount else number.value
    return {"table": table, "id": cell_id, "value": value, "raw": f.raw, "start": f.start,
            "kind": number.kind, "unit": number.unit}


def build_table(table: TableId, region: Region, cells: dict[str, CellData],
                rows: list[RowData], strays: list[StrayData] | None = None) -> Table:
    return Table.model_validate({
        "id": table, "start": region.start, "end": region.end, "cells": cells,
        "rows": tuple(rows), "stray_rows": tuple(strays or ()),
    })


def fit_fields(values: list[Field], expected: int) -> list[Field]:
    """Drop the empty fields that merged cells and ragged separators add.

    Trailing empties go first (``| 0 | ||``), then leading ones (a merged label
    cell before the numbers), and only while there are more fields than cells.
    """
    end = len(values)
    while end > expected and values[end - 1].blank:
        end -= 1
    begin = 0
    while end - begin > expected and values[begin].blank:
        begin += 1
    return values[begin:end]


def label_key(labels: list[Field]) -> str:
    return key_of_normalized("".join(f.text for f in labels))


def suffix_prefix(label: str, key: str) -> int:
    """How long the end of ``label`` is that ``key`` starts with."""
    first = key[0]
    position = label.find(first)
    while position >= 0:
        tail = label[position:]
        if key.startswith(tail) and len(tail) < len(key):
            return len(tail)
        position = label.find(first, position + 1)
    return 0
