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
from nianbao.parser.tables.rows import RowData
from nianbao.parser.template import APPLICATION_COLUMN_IDS, RESULT_ROW_IDS, TemplateId


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
