"""Table 3 (收到和处理政府信息公开申请情况): rows found by their labels in template order.

Wrapped labels are joined, a label cut short by a wrap is matched by overlap, a
row whose label was lost is placed by position between its neighbours, and the
seven columns are assigned only when the count of cells leaves no doubt.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from nianbao.parser.layout.columns import ColumnModel
from nianbao.parser.layout.fields import Field, PhysicalRow, physical_rows
from nianbao.parser.layout.glued import Run, glued_label, run_of
from nianbao.parser.layout.regions import Region
from nianbao.parser.model.report import Table
from nianbao.parser.reading.lines import Line
from nianbao.parser.reading.normalize import key_of_normalized
from nianbao.parser.tables.glued import GluedRow, resolve_applications
from nianbao.parser.tables.rows import (
    MAX_LABEL_KEY,
    SHORT_KEY,
    CellData,
    RowData,
    StrayData,
    build_table,
    cell_data,
    empty_table,
    fit_fields,
    label_key,
    suffix_prefix,
)
from nianbao.parser.template import (
    APPLICATION_COLUMN_IDS,
    APPLICATION_ROWS,
    RowSpec,
    TableId,
    TemplateId,
)

# Column headers of table 3: rows holding them are headers, never data.
_HEADER_WORDS = ("自然人", "商业企业", "科研机构", "法人或其他组织", "申请人情况", "勾稽关系")


@dataclass(slots=True)
class _Candidate:
    labels: list[Field]
    values: list[Field]
    row: PhysicalRow
    spec_index: int | None
    glued: Run | None = None  # the row's cells run together (:mod:`~nianbao.parser.layout.glued`)
    # Field index of 自然人 in the header above, when the header spells out the grid.
    grid: int | None = None


def _best_row(key: str, specs: tuple[RowSpec, ...], after: int) -> int | None:
    return _best_row_scored(key, specs, after)[0]


def _best_row_scored(key: str, specs: tuple[RowSpec, ...], after: int) -> tuple[int | None, int]:
    """The template row a label names: the longest template key it contains.

    A label cut short by a line wrap (``2.其他法律行政法规禁``, its ``止公开`` on the
    next line) contains no whole key, only a short one by chance (``其他``); then
    the template key that the label's end begins wins if it overlaps more.
    """
    if not key or len(key) > MAX_LABEL_KEY:
        return None, 0
    best: int | None = None
    best_len = 0
    for index, spec in enumerate(specs):
        if spec.key in key:
            length = len(spec.key)
            # Longest key wins; on a tie, the first row after the last one matched.
            if length > best_len or (length == best_len and best is not None
                                     and best <= after < index):
                best, best_len = index, length
    if best_len < SHORT_KEY:
        for index, spec in enumerate(specs):
            overlap = suffix_prefix(key, spec.key)
            if overlap >= SHORT_KEY and overlap > best_len:
                best, best_len = index, overlap
    return best, best_len


def read_applications(region: Region | None, template: TemplateId) -> Table:
    table: TableId = "applications"
    if region is None:
        return empty_table(table, region)
    specs = APPLICATION_ROWS[template]
    style, rows = physical_rows(region.lines)
    candidates: list[_Candidate] = []
    pending: list[Field] = []
    last = -1
    grid: int | None = None
    # Cells run together: a row's digits glued to its label (``…申请数量230 000023``).
    glued_rows = style == "spaces" and any(
        glued_label(row.split()[0]) is not None for row in rows)
    for row in rows:
        labels, values = row.split()
        own_key = label_key(labels)
        if any(word in own_key for word in _HEADER_WORDS):
            pending = []
            grid = _header_grid(row, grid)
            continue
        has_number = any(not v.blank for v in values)
        run = _glued_run(labels, values) if glued_rows else None
        if run is not None:
            index = _best_row(key_of_normalized(run[0]), specs, last)
            if index is not None:
                last = index
                candidates.append(_Candidate(labels, [], row, index, run[1]))
                pending = []
                continue
        if not has_number and len(values) < 3:
            pending.extend(labels)
            continue
        index, score = _best_row_scored(own_key, specs, last)
        used = labels
        if score < SHORT_KEY and pending:
            # ``只计这一情形，不计其他情形）`` names 其他 by chance; the wrapped label
            # above it (``（二）部分公开（区分处理的，``) says which row this is.
            joined, joined_score = _best_row_scored(label_key(pending + labels), specs, last)
            if joined is not None and joined_score > score:
                index, used = joined, pending + labels
        if index is None and not has_number:
            pending.extend(labels)
            continue
        if index is not None:
            last = index
        candidates.append(_Candidate(used if index is not None else labels, values, row, index,
                                     grid=grid if style in ("pipes", "tabs") else None))
        pending = []

    _place_unlabelled(candidates, len(specs))

    cells: dict[str, CellData] = {}
    infos: list[RowData] = []
    strays: list[StrayData] = []
    taken: set[int] = set()
    expected = len(APPLICATION_COLUMN_IDS)
    columns: tuple[ColumnModel, dict[int, Line]] | None = None
    glued: list[GluedRow] = []
    fixed: dict[str, list[Field] | None] = {}
    for cand in candidates:
        label_text = "".join(f.text for f in cand.labels)
        if cand.spec_index is None or cand.spec_index in taken:
            if (cand.labels and any(not v.blank for v in cand.values)
                    and len(label_key(cand.labels)) <= MAX_LABEL_KEY):
                strays.append(StrayData(table=table, label=label_text, start=cand.row.start,
                                       values=sum(1 for v in cand.values if not v.blank)))
            continue
        taken.add(cand.spec_index)
        spec = specs[cand.spec_index]
        if cand.glued is not None:
            glued.append(GluedRow(spec.id, cand.glued, label_text,
                                  cand.labels[0].start if cand.labels else None))
            continue
        fitted = _on_grid(cand, expected) or fit_fields(cand.values, expected)
        if len(fitted) < expected and style == "spaces" and cand.glued is None:
            if columns is None:
                columns = _column_model(candidates, region, expected)
            fitted = _by_column(cand, *columns) or fitted
        assigned = len(fitted) == expected
        if assigned:
            for cell_id, f in zip(_cell_ids(spec.id), fitted, strict=True):
                cells[cell_id] = cell_data(table, cell_id, f)
        infos.append(RowData(
            table=table, id=spec.id, label=label_text,
            label_start=cand.labels[0].start if cand.labels else None,
            start=cand.labels[0].start if cand.labels else cand.row.start,
            cells_found=sum(1 for v in fitted if not v.blank) if not assigned else len(fitted),
            cells_expected=expected,
            recovered=not cand.labels,
            assigned=assigned,
        ))
        fixed[spec.id] = fitted if assigned else None
    for cell_id, f in resolve_applications(glued, fixed, template, infos).items():
        cells[cell_id] = cell_data(table, cell_id, f)
    order = {spec.id: i for i, spec in enumerate(specs)}
    infos.sort(key=lambda info: order[info["id"]])
    ordered = {cell_id: cells[cell_id] for spec in specs
               for cell_id in _cell_ids(spec.id) if cell_id in cells}
    return build_table(table, region, ordered, infos, strays)


def _glued_run(labels: list[Field], values: list[Field]) -> tuple[str, Run] | None:
    """A row whose cells run together: its digits glued to its label, or fewer
    numbers than cells in a table whose rows are glued."""
    if glued_label(labels) is None and len([v for v in values if not v.blank]) == len(
            APPLICATION_COLUMN_IDS):
        return None
    return run_of(labels, values)


@cache
def _cell_ids(row_id: str) -> tuple[str, ...]:
    return tuple(f"{row_id}.{column}" for column in APPLICATION_COLUMN_IDS)


def _header_grid(row: PhysicalRow, grid: int | None) -> int | None:
    """Where the header puts 自然人, if it also puts 总计 six columns further on."""
    keys = [key_of_normalized(f.text) for f in row.fields]
    natural = next((i for i, k in enumerate(keys) if k == "自然人"), None)
    total = next((i for i, k in enumerate(keys) if k == "总计"), None)
    if natural is not None and total is not None:
        return natural if total - natural == len(APPLICATION_COLUMN_IDS) - 1 else None
    return grid


def _on_grid(cand: _Candidate, expected: int) -> list[Field] | None:
    """The cells under the header's columns, for a row whose blanks make trimming unsure.

    Only used when blank fields stand on both sides of the numbers and there are too
    many of them: trimming alone would have to guess which side the blanks belong to.
    """
    values = cand.values
    if (cand.grid is None or len(values) <= expected or not values[0].blank
            or not values[-1].blank):
        return None
    base = len(cand.row.fields) - len(values)
    first = cand.grid - base
    if first < 0 or first + expected > len(values):
        return None
    window = values[first:first + expected]
    if any(not v.blank for v in values[:first] + values[first + expected:]):
        return None
    return window


def _by_column(cand: _Candidate, model: ColumnModel, by_number: dict[int, Line]
               ) -> list[Field] | None:
    """A short row of a fixed-width layout, its blanks restored from the columns."""
    values = [v for v in cand.values if not v.blank]
    if not values or values[0].line != values[-1].line or values[0].line not in by_number:
        return None
    line = by_number[values[0].line]
    placed = model.place(line, values)
    if placed is None:
        return None
    start = cand.labels[0].start if cand.labels else values[0].start
    return [f if f is not None else Field("", "", start, line.number) for f in placed]


def _column_model(candidates: list[_Candidate], region: Region, expected: int
                  ) -> tuple[ColumnModel, dict[int, Line]]:
    by_number = {line.number: line for line in region.lines}
    complete = [
        (by_number[c.values[0].line], c.values) for c in candidates
        if len(c.values) == expected and c.values[0].line == c.values[-1].line
        and c.values[0].line in by_number
    ]
    return ColumnModel(complete, expected), by_number


def _place_unlabelled(candidates: list[_Candidate], spec_count: int) -> None:
    """Give rows that lost their label the free template slots between their neighbours.

    Only when the unlabelled rows exactly fill the gap; otherwise they stay
    unplaced (and are reported), because guessing would put numbers in wrong rows.
    """
    # The template row matched at or before each candidate, found in one pass.
    before_of: list[int] = []
    last = -1
    for cand in candidates:
        before_of.append(last)
        if cand.spec_index is not None:
            last = cand.spec_index
    index = 0
    after = spec_count
    while index < len(candidates):
        if candidates[index].spec_index is not None or candidates[index].labels:
            index += 1
            continue
        run_end = index
        while (run_end < len(candidates) and candidates[run_end].spec_index is None
               and not candidates[run_end].labels):
            run_end += 1
        after = spec_count
        for cand in candidates[run_end:run_end + 64]:
            if cand.spec_index is not None:
                after = cand.spec_index
                break
        gap = range(before_of[index] + 1, after)
        if len(gap) == run_end - index and all(
                any(not v.blank for v in candidates[k].values) for k in range(index, run_end)):
            for slot, k in zip(gap, range(index, run_end), strict=True):
                candidates[k].spec_index = slot
        index = run_end
