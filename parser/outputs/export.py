"""The export formats of docs/formats.md: JSON objects, JSON lines, CSV rows."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from nianbao.parser.model.report import Cell, Report
from nianbao.parser.outputs.origins import origin_dict
from nianbao.parser.outputs.safe import json_safe, visible

# 2: ``source.kind`` and ``source.notes``; cells of a PDF, Word file or web page carry
# ``origin`` (their line and column count in the text rendering that was checked).
SCHEMA = "nianbao.report/2"
CSV_HEADER = ("path", "agency", "year", "template", "table", "cell", "value", "raw", "line",
              "column")


def json_number(value: Decimal | None) -> int | float | None:
    """A cell value as JSON wants it: an integer when whole, else a float."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def cell_to_dict(report: Report, cell: Cell) -> dict[str, Any]:
    position = report.position(cell.start)
    out: dict[str, Any] = {"value": json_number(cell.value), "raw": cell.raw,
                           "line": position.line, "column": position.column}
    place = report.origin(cell.start, cell.end)
    if place is not None:
        out["origin"] = origin_dict(place)
    return out


def report_to_dict(report: Report) -> dict[str, Any]:
    """One report as the contract's export object."""
    meta = report.meta
    index = report.line_index
    return {
        "schema": SCHEMA,
        "source": {
            "path": report.source.path,
            "encoding": report.source.encoding,
            "sha256": report.source.sha256,
            "lines": report.source.lines,
            "kind": report.source.kind,
            "notes": list(report.source.notes),
        },
        "meta": {
            "title": meta.title,
            "agency": meta.agency,
            "year": meta.year,
            "template": meta.template,
            "published": meta.published.isoformat() if meta.published else None,
            "period": [meta.period[0].isoformat(), meta.period[1].isoformat()]
            if meta.period else None,
            "agency_kind": meta.agency_kind,
            "deadline": meta.deadline.isoformat() if meta.deadline else None,
        },
        "sections": [
            {
                "number": section.number,
                "heading": section.heading,
                "line": index.position(section.start).line,
                "end_line": index.position(max(section.start, section.end - 1)).line,
            }
            for section in report.sections
        ],
        "tables": {
            table_id: {"cells": {cell.id: cell_to_dict(report, cell)
                                 for cell in table.cells.values()}}
            for table_id, table in report.tables.items()
        },
    }


def to_json_line(report: Report) -> str:
    return json_safe(json.dumps(report_to_dict(report), ensure_ascii=False,
                                separators=(",", ":"))) + "\n"


def csv_rows(report: Report) -> list[list[str]]:
    meta = report.meta
    rows: list[list[str]] = []
    for table_id, table in report.tables.items():
        for cell in table.cells.values():
            position = report.position(cell.start)
            value = json_number(cell.value)
            rows.append([
                report.source.path, meta.agency or "", str(meta.year or ""), meta.template or "",
                table_id, cell.id, "" if value is None else str(value), cell.raw,
                str(position.line), str(position.column),
            ])
    return rows


def csv_text(rows: Iterable[list[str]], *, header: bool = True) -> str:
    """The rows as CSV. CSV has no escape of its own, so a control or bidi character
    of a file name or a report is written as an escape (``\\x1b``, ``\\u202e``,
    :func:`~nianbao.parser.outputs.safe.visible`), as the text output shows it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header:
        writer.writerow(CSV_HEADER)
    writer.writerows([visible(field) for field in row] for row in rows)
    return buffer.getvalue()
