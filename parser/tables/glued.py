"""Glued rows read with the template's identities, row by row and across the table.

:mod:`nianbao.parser.layout.glued` finds a row's readings; here the readings of the
rows of one table meet: table 3's column identities (一 + 二 = （七）总计 + 四, the
result rows add up to （七）总计) keep only the readings that can stand together
with the other rows, read or glued. A cell is read when every reading left gives it
one value; the row then records the readings (``RowInfo.glued``/``candidates``) and
the structure rule S007 names the cells left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nianbao.parser.layout.fields import Field
from nianbao.parser.layout.glued import (
    MAX_READINGS,
    Kind,
    Reading,
    Run,
    agreed,
    consistent,
    pieces,
    readings,
    row_sum,
    run_text,
    shown,
    value_of,
)
from nianbao.parser.layout.numbers import read_number, to_wanyuan
from nianbao.parser.model.report import Cell, Report
from nianbao.parser.reading.normalize import normalize_char_text
from nianbao.parser.tables.rows import RowData
from nianbao.parser.template import (
    ACTIVE_ITEMS,
    AMOUNT_FIELDS,
    APPLICATION_COLUMN_IDS,
    RESULT_ROW_IDS,
    TemplateId,
    active_cell_ids,
)


@dataclass(frozen=True, slots=True)
class GluedRow:
    id: str  # the template row
    run: Run
    label: str
    label_start: int | None


def _vector(fields: Sequence[Field]) -> tuple[int, ...] | None:
    """A read row's numbers for the identities (a blank counts 0); None if one is text."""
    out = []
    for f in fields:
        number = f.number
        if number.kind == "blank":
            out.append(0)
        elif number.kind == "number" and number.value is not None and number.value == int(number.value):
            out.append(int(number.value))
        else:
            return None
    return tuple(out)


def _weights(template: TemplateId) -> dict[str, tuple[int, int]]:
    """Each row's part in 一 + 二 − 总计 − 四 = 0 and in Σ results − 总计 = 0."""
    weights = {"new_received": (1, 0), "carried_over": (1, 0), "total": (-1, -1),
               "carried_forward": (-1, 0)}
    for row in RESULT_ROW_IDS[template]:
        weights[row] = (0, 1)
    return weights


def resolve_applications(glued: list[GluedRow], fixed: dict[str, list[Field] | None],
                         template: TemplateId, infos: list[RowData]) -> dict[str, Field]:
    """The cells of table 3's glued rows that the identities decide; their rows' infos
    are appended to ``infos``."""
    if not glued:
        return {}
    width = len(APPLICATION_COLUMN_IDS)
    kinds: list[Kind] = ["count"] * width
    found: dict[str, list[Reading] | None] = {
        row.id: readings(row.run, kinds, row_sum(width)) for row in glued}
    options: dict[str, list[tuple[int, ...]]] = {}
    for row in glued:
        row_readings = found[row.id]
        if row_readings:
            options[row.id] = [tuple(int(value_of(p)) for p in pieces(row.run, r))
                               for r in row_readings]
    for row_id, fields in fixed.items():
        vector = _vector(fields) if fields is not None else None
        if vector is not None:
            options[row_id] = [vector]
    weights = _weights(template)
    # An identity counts only when every row it needs has numbers to offer.
    heads = ("new_received", "carried_over", "total", "carried_forward")
    usable = (all(r in options for r in heads),
              "total" in options and all(r in options for r in RESULT_ROW_IDS[template]))
    if any(usable) and any(len(options.get(row.id, ())) > 1 for row in glued):
        order = [r for r in options if any(w and u for w, u in zip(weights.get(r, (0, 0)), usable,
                                                                    strict=True))]
        kept = consistent([options[r] for r in order],
                          [tuple(w if u else 0 for w, u in zip(weights[r], usable, strict=True))
                           for r in order])
        if kept is not None and all(kept):
            for row_id, keep in zip(order, kept, strict=True):
                row_readings = found.get(row_id)
                if row_readings:
                    found[row_id] = [r for k, r in enumerate(row_readings) if k in keep]
    cells: dict[str, Field] = {}
    for row in glued:
        row_readings = found[row.id] or []
        decided = agreed(row.run, row_readings, width)
        for column, f in zip(APPLICATION_COLUMN_IDS, decided, strict=True):
            if f is not None:
                cells[f"{row.id}.{column}"] = f
        count = sum(1 for f in decided if f is not None)
        start = row.run[0].start
        infos.append(RowData(
            table="applications", id=row.id, label=row.label, label_start=row.label_start,
            start=row.label_start if row.label_start is not None else start,
            cells_found=count, cells_expected=width, assigned=count == width,
            glued=run_text(row.run),
            candidates=shown(row.run, row_readings) if found[row.id] is not None else (),
            glued_start=start, too_many=found[row.id] is None,
        ))
    return cells


# ---------------------------------------------------------------- across years

# Table 2 identities across years (rules.md Y002, Y003), as (this year's cell, last
# year's cells added, this year's cells added, this year's cells taken away).
_ACROSS: dict[TemplateId, tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...]] = {
    "2021": tuple((f"{item}.in_force", (f"{item}.in_force",), (f"{item}.issued",),
                   (f"{item}.repealed",)) for item in ("regulations", "normative_documents")),
    "2019": tuple((f"{item}.prev_count", (f"{item}.prev_count", f"{item}.change"), (), ())
                  for item in ("licensing", "other_services", "penalty", "enforcement", "fees")),
}


def narrow_with_previous(report: Report, previous: Report) -> Report | None:
    """``report`` with table 2's glued rows read again with last year's report of the same
    agency as one more identity (现行有效 = last year's + 制发 − 废止; 上一年项目数量 =
    last year's + its 增/减); None when that decides nothing new.

    Only readings the row already kept are tried, so nothing is read that the
    report's own identities exclude; a cell is read when every reading left agrees.
    """
    template = report.meta.template
    if template is None or previous.meta.template != template:
        return None
    table = report.tables["active_disclosure"]
    last = previous.tables["active_disclosure"].cells
    rows = list(table.rows)
    cells = dict(table.cells)
    changed = False
    for index, row in enumerate(rows):
        if (row.glued is None or row.assigned or not row.candidates or row.too_many
                or len(row.candidates) >= MAX_READINGS or row.glued_start is None):
            continue
        ids = [cell_id for cell_id, *_ in _ACROSS[template] if cell_id.startswith(f"{row.id}.")]
        if not ids:
            continue
        field_ids = _row_fields(template, row.id)
        kept = [r for r in row.candidates if _holds(r.split("|"), field_ids, row.id, template, last)]
        if not kept or len(kept) == len(row.candidates):
            continue
        placed = _place_reading(report.text, row.glued_start, kept[0].split("|"))
        if placed is None:
            continue
        values = [[piece for piece in r.split("|")] for r in kept]
        found = 0
        for position, field_id in enumerate(field_ids):
            cell_id = f"{row.id}.{field_id}"
            if cell_id in cells:
                found += 1
                continue
            if len({value_of(v[position]) for v in values}) != 1:
                continue
            text, start = placed[position]
            number = read_number(text)
            value = to_wanyuan(number) if field_id in AMOUNT_FIELDS else number.value
            cells[cell_id] = Cell(table="active_disclosure", id=cell_id, value=value, raw=text,
                                  start=start, kind=number.kind, unit=number.unit)
            found += 1
        rows[index] = row.model_copy(update={"candidates": tuple(kept),
                                             "assigned": found == len(field_ids),
                                             "cells_found": found})
        changed = True
    if not changed:
        return None
    order = {cell_id: n for n, cell_id in enumerate(active_cell_ids(template))}
    ordered = dict(sorted(cells.items(), key=lambda pair: order.get(pair[0], len(order))))
    tables = {**report.tables, "active_disclosure": table.model_copy(
        update={"cells": ordered, "rows": tuple(rows)})}
    return report.model_copy(update={"tables": tables})


def _row_fields(template: TemplateId, row_id: str) -> list[str]:
    return [field_id for item in ACTIVE_ITEMS[template] if item.id == row_id
            for field_id, _ in item.fields]


def _holds(pieces_: list[str], field_ids: list[str], row_id: str, template: TemplateId,
           last: dict[str, Cell]) -> bool:
    this = {f"{row_id}.{f}": value_of(p) for f, p in zip(field_ids, pieces_, strict=False)}
    for cell_id, before, plus, minus in _ACROSS[template]:
        if cell_id not in this:
            continue
        known = [last[c].value for c in before if c in last]
        if len(known) != len(before) or any(v is None for v in known):
            continue  # last year's report does not give it: no identity
        want = sum(v for v in known if v is not None) + sum(
            this[c] for c in plus if c in this) - sum(this[c] for c in minus if c in this)
        if this[cell_id] != want:
            return False
    return True


def _place_reading(text: str, start: int, pieces_: list[str]) -> list[tuple[str, int]] | None:
    """Each piece of a reading with its offset, read off the run at ``start``."""
    out = []
    at = start
    for piece in pieces_:
        while at < len(text) and text[at] in " \t\u3000\u00a0":
            at += 1
        raw = text[at:at + len(piece)]
        if normalize_char_text(raw).replace(" ", "") != piece:
            return None
        out.append((raw, at))
        at += len(piece)
    return out
