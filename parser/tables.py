"""Tables 2, 3 and 4: template-driven alignment of the rows found in each region.

Generic table detection cannot work on flattened text (the geometry is gone), but
the tables come from a fixed national template, so rows are recognised by their
labels in template order, wrapped labels are joined, a row whose label was lost
is placed by position between its neighbours, and columns are assigned only when
the number of cells leaves no doubt (S007 otherwise).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from parser.columns import ColumnModel
from parser.fields import Field, PhysicalRow, physical_rows
from parser.glued import candidates as glued_candidates
from parser.glued import digit_fields, review_check, row_total_check, split_glued
from parser.lines import Line
from parser.model import Table
from parser.normalize import key_of_normalized, match_key
from parser.numbers import to_wanyuan
from parser.sections import Layout
from parser.template import (
    ACTIVE_ITEMS,
    AMOUNT_FIELDS,
    APPLICATION_COLUMN_IDS,
    APPLICATION_ROWS,
    FIELD_ALIASES,
    REVIEW_CELL_IDS,
    ItemSpec,
    RowSpec,
    TableId,
    TemplateId,
)

_SECTION_OF: dict[TableId, int] = {"active_disclosure": 2, "applications": 3,
                                   "review_litigation": 4}
# Words that mark where a table starts when its section heading is missing.
_ANCHORS: dict[TableId, tuple[str, ...]] = {
    "active_disclosure": ("第二十条", "信息内容"),
    "applications": ("本年新收政府信息公开申请数量", "勾稽关系", "申请人情况"),
    "review_litigation": ("未经复议直接起诉", "复议后起诉", "尚未审结"),
}
_EVIDENCE_2021 = ("本年制发", "本年废止", "现行有效", "逾期不补正", "缴纳费用", "本年处理决定数量",
                  "本年收费金额")
_EVIDENCE_2019 = ("本年新制作", "本年新公开", "对外公开总数量", "上一年项目数量", "采购项目数量",
                  "政府集中采购")
_MAX_LABEL_KEY = 80
_SHOWN_CANDIDATES = 5
# Template keys shorter than this (``其他``, ``总计``) are too common to trust alone.
_SHORT_KEY = 4
# Column headers of table 3: rows holding them are headers, never data.
_HEADER_WORDS = ("自然人", "商业企业", "科研机构", "法人或其他组织", "申请人情况", "勾稽关系")


@dataclass(frozen=True, slots=True)
class Region:
    start: int
    end: int
    lines: list[Line]


Regions = dict[TableId, "Region | None"]
CellData = dict[str, Any]
# Rows, like cells, are built as plain data and validated with their table.
RowData = dict[str, Any]


def find_regions(lines: list[Line], layout: Layout) -> Regions:
    """Where each table's rows are: its section, or the text around its own words."""
    return {table: _region(table, lines, layout) for table in _SECTION_OF}


def _region(table: TableId, lines: list[Line], layout: Layout) -> Region | None:
    number = _SECTION_OF[table]
    for section in layout.sections:
        if section.number == number:
            first = bisect_left([ln.start for ln in lines], section.heading_end)
            body = []
            for ln in lines[first:]:
                if ln.start >= section.end:
                    break
                body.append(ln)
            if body and any(_has_value_row(ln) for ln in body):
                return Region(section.heading_end, section.end, body)
    # No usable section: look for the table's own words, up to the next heading.
    anchors = _ANCHORS[table]
    for index, line in enumerate(lines):
        key = key_of_normalized(line.text)
        if any(anchor in key for anchor in anchors):
            begin = max(0, index - 2)
            later = [s.start for s in layout.sections if s.start > line.start]
            stop = min(later) if later else (lines[-1].end + 1)
            body = [ln for ln in lines[begin:] if ln.start < stop]
            return Region(body[0].start, stop, body)
    return None


def _has_value_row(line: Line) -> bool:
    return any(ch.isdigit() for ch in line.text)


def detect_template(regions: Regions) -> TemplateId | None:
    """The template the tables themselves follow, from their distinctive labels."""
    votes_2021 = votes_2019 = 0
    tables: tuple[TableId, ...] = ("active_disclosure", "applications")
    for table in tables:
        region = regions[table]
        if region is None:
            continue
        key = key_of_normalized("".join(ln.text for ln in region.lines))
        votes_2021 += sum(word in key for word in _EVIDENCE_2021)
        votes_2019 += sum(word in key for word in _EVIDENCE_2019)
    if votes_2021 > votes_2019:
        return "2021"
    if votes_2019 > votes_2021:
        return "2019"
    return None


def read_tables(regions: Regions, template: TemplateId) -> dict[TableId, Table]:
    return {
        "active_disclosure": _active(regions["active_disclosure"], template),
        "applications": _applications(regions["applications"], template),
        "review_litigation": _review(regions["review_litigation"]),
    }


def _empty(table: TableId, region: Region | None) -> Table:
    return Table(id=table, start=None if region is None else region.start,
                 end=None if region is None else region.end, cells={})


def _cell(table: TableId, cell_id: str, f: Field, *, amount: bool = False) -> CellData:
    """A cell as plain data; :func:`_table` validates a whole table's cells in one call,
    which pydantic does several times faster than building each model on its own."""
    number = f.number
    value = to_wanyuan(number) if amount else number.value
    return {"table": table, "id": cell_id, "value": value, "raw": f.raw, "start": f.start,
            "kind": number.kind, "unit": number.unit}


def _table(table: TableId, region: Region, cells: dict[str, CellData], rows: list[RowData],
           strays: list[RowData] | None = None) -> Table:
    return Table.model_validate({
        "id": table, "start": region.start, "end": region.end, "cells": cells,
        "rows": tuple(rows), "stray_rows": tuple(strays or ()),
    })


def _fit(values: list[Field], expected: int) -> list[Field]:
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


# ---------------------------------------------------------------- table 3


@dataclass(slots=True)
class _Candidate:
    labels: list[Field]
    values: list[Field]
    row: PhysicalRow
    spec_index: int | None
    glued: tuple[Field, str] | None = None  # the field and its run of digits
    # Field index of 自然人 in the header above, when the header spells out the grid.
    grid: int | None = None


def _label_key(labels: list[Field]) -> str:
    return key_of_normalized("".join(f.text for f in labels))


def _best_row(key: str, specs: tuple[RowSpec, ...], after: int) -> int | None:
    return _best_row_scored(key, specs, after)[0]


def _best_row_scored(key: str, specs: tuple[RowSpec, ...], after: int) -> tuple[int | None, int]:
    """The template row a label names: the longest template key it contains.

    A label cut short by a line wrap (``2.其他法律行政法规禁``, its ``止公开`` on the
    next line) contains no whole key, only a short one by chance (``其他``); then
    the template key that the label's end begins wins if it overlaps more.
    """
    if not key or len(key) > _MAX_LABEL_KEY:
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
    if best_len < _SHORT_KEY:
        for index, spec in enumerate(specs):
            overlap = _suffix_prefix(key, spec.key)
            if overlap >= _SHORT_KEY and overlap > best_len:
                best, best_len = index, overlap
    return best, best_len


def _suffix_prefix(label: str, key: str) -> int:
    """How long the end of ``label`` is that ``key`` starts with."""
    first = key[0]
    position = label.find(first)
    while position >= 0:
        tail = label[position:]
        if key.startswith(tail) and len(tail) < len(key):
            return len(tail)
        position = label.find(first, position + 1)
    return 0


def _applications(region: Region | None, template: TemplateId) -> Table:
    table: TableId = "applications"
    if region is None:
        return _empty(table, region)
    specs = APPLICATION_ROWS[template]
    style, rows = physical_rows(region.lines)
    candidates: list[_Candidate] = []
    pending: list[Field] = []
    last = -1
    grid: int | None = None
    for row in rows:
        labels, values = row.split()
        own_key = _label_key(labels)
        if any(word in own_key for word in _HEADER_WORDS):
            pending = []
            grid = _header_grid(row, grid)
            continue
        has_number = any(not v.blank for v in values)
        glued = _glued_run(labels) if not has_number else None
        if glued is not None:
            own_key = key_of_normalized(glued[2])
            index = _best_row(own_key, specs, last)
            if index is not None:
                last = index
                candidates.append(_Candidate(labels, [], row, index, glued[:2]))
                pending = []
                continue
        if not has_number and len(values) < 3:
            pending.extend(labels)
            continue
        index, score = _best_row_scored(own_key, specs, last)
        used = labels
        if score < _SHORT_KEY and pending:
            # ``只计这一情形，不计其他情形）`` names 其他 by chance; the wrapped label
            # above it (``（二）部分公开（区分处理的，``) says which row this is.
            joined, joined_score = _best_row_scored(_label_key(pending + labels), specs, last)
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
    strays: list[RowData] = []
    taken: set[int] = set()
    expected = len(APPLICATION_COLUMN_IDS)
    columns: tuple[ColumnModel, dict[int, Line]] | None = None
    for cand in candidates:
        label_text = "".join(f.text for f in cand.labels)
        if cand.spec_index is None or cand.spec_index in taken:
            if (cand.labels and any(not v.blank for v in cand.values)
                    and len(_label_key(cand.labels)) <= _MAX_LABEL_KEY):
                strays.append(dict(table=table, label=label_text, start=cand.row.start,
                                       values=sum(1 for v in cand.values if not v.blank)))
            continue
        taken.add(cand.spec_index)
        spec = specs[cand.spec_index]
        options: list[list[str]] = []
        if cand.glued is not None:
            options = glued_candidates(cand.glued[1], expected, row_total_check)
            fitted = (digit_fields(cand.glued[0], cand.glued[1], options[0])
                      if len(options) == 1 else [])
        else:
            fitted = _on_grid(cand, expected) or _fit(cand.values, expected)
        if len(fitted) < expected and style == "spaces" and cand.glued is None:
            if columns is None:
                columns = _column_model(candidates, region, expected)
            fitted = _by_column(cand, *columns) or fitted
        assigned = len(fitted) == expected
        if assigned:
            for column, f in zip(APPLICATION_COLUMN_IDS, fitted, strict=True):
                cells[f"{spec.id}.{column}"] = _cell(table, f"{spec.id}.{column}", f)
        infos.append(dict(
            table=table, id=spec.id, label=label_text,
            label_start=cand.labels[0].start if cand.labels else None,
            start=cand.labels[0].start if cand.labels else cand.row.start,
            cells_found=sum(1 for v in fitted if not v.blank) if not assigned else len(fitted),
            cells_expected=expected,
            recovered=not cand.labels,
            assigned=assigned,
            glued=cand.glued[1] if cand.glued else None,
            candidates=tuple("|".join(o) for o in options[:_SHOWN_CANDIDATES]),
        ))
    order = {spec.id: i for i, spec in enumerate(specs)}
    infos.sort(key=lambda info: order[info["id"]])
    ordered = {f"{spec.id}.{c}": cells[f"{spec.id}.{c}"] for spec in specs
               for c in APPLICATION_COLUMN_IDS if f"{spec.id}.{c}" in cells}
    return _table(table, region, ordered, infos, strays)


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


def _glued_run(labels: list[Field]) -> tuple[Field, str, str] | None:
    """(field, digits, label without them) when the last label swallowed the numbers."""
    if not labels:
        return None
    found = split_glued(labels[-1])
    if found is None:
        return None
    label = "".join(f.text for f in labels[:-1]) + found[0]
    return labels[-1], found[1], label


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


# ---------------------------------------------------------------- table 2


@cache
def _field_keys(item: ItemSpec) -> list[tuple[str, ...]]:
    """Each field's label and its other wordings, as match keys."""
    return [tuple(match_key(name) for name in (label, *FIELD_ALIASES.get(label, ())))
            for _, label in item.fields]


def _fields_named(item: ItemSpec, key: str) -> list[int]:
    return [i for i, names in enumerate(_field_keys(item)) if any(n and n in key for n in names)]


@cache
def _item_keys(items: tuple[ItemSpec, ...]) -> list[tuple[str, ItemSpec]]:
    keys = [(match_key(name), item) for item in items for name in (item.label, *item.aliases)]
    return sorted(keys, key=lambda pair: -len(pair[0]))


def _active(region: Region | None, template: TemplateId) -> Table:
    table: TableId = "active_disclosure"
    if region is None:
        return _empty(table, region)
    items = ACTIVE_ITEMS[template]
    keys = _item_keys(items)
    _, rows = physical_rows(region.lines)
    cells: dict[str, CellData] = {}
    found: dict[str, list[Field | None]] = {}
    labels_of: dict[str, Field] = {}
    extra_of: dict[str, int] = {}
    glued_of: dict[str, tuple[str, list[list[str]]]] = {}
    strays: list[RowData] = []
    current: ItemSpec | None = None
    next_field = 0
    pending = ""  # label-only rows run together: ``规范`` + ``性文件`` wrapped in a PDF
    for row in rows:
        labels, values = row.split()
        key = _label_key(labels)
        item = next((it for k, it in keys if k and k in key), None)
        if item is None and pending:
            joined = pending + key
            item = next((it for k, it in keys if k and k in joined and k not in pending), None)
        if item is None and any(not v.blank for v in values):
            # ``其他对外管理服务事`` with its ``项`` wrapped onto the next line, alone or
            # followed by a field label in the same row.
            overlaps = [(_suffix_prefix(key, k), it) for k, it in keys if k]
            for f in labels:
                part = key_of_normalized(f.text)
                if len(part) >= _SHORT_KEY:
                    overlaps += [(len(part), it) for k, it in keys if k.startswith(part)]
            best = max(overlaps, key=lambda pair: pair[0], default=(0, None))
            if best[0] >= _SHORT_KEY:
                item = best[1]
        has_value = any(not v.blank for v in values)
        pending = "" if has_value or item is not None else (pending + key)[-_MAX_LABEL_KEY:]
        if item is not None and item is not current:
            current, next_field = item, 0
            if item.id not in labels_of and labels:
                labels_of[item.id] = next(f for f in labels if key_of_normalized(f.text))
        # One field label (``对外公开总数量``) beside a blank is that field, blank; a
        # header row names several and holds no values.
        named_here = _fields_named(current, key) if current is not None else []
        names_field = len(named_here) == 1
        if item is None and all(v.blank for v in values) and (
                not (names_field and values) or "信息内容" in key):
            continue
        run = _glued_run(labels) if item is not None and all(v.blank for v in values) else None
        if run is not None and current is not None:
            remaining = len(current.fields) - next_field
            options = glued_candidates(run[1], remaining, _active_check(current, next_field))
            glued_of[current.id] = (run[1], options)
            if len(options) == 1:
                item_slots = found.setdefault(current.id, [None] * len(current.fields))
                for f in digit_fields(run[0], run[1], options[0]):
                    item_slots[next_field] = f
                    next_field += 1
            continue
        if not values and names_field and item is None:
            # A field's label alone (its number on the next line, or a blank a PDF
            # dropped): what follows without a label of its own is this field's.
            next_field = named_here[0]
            continue
        if not values or current is None:
            if values and any(not v.blank for v in values) and labels:
                strays.append(dict(table=table, label="".join(f.text for f in labels),
                                       start=row.start, values=len(values)))
            continue
        item_slots = found.setdefault(current.id, [None] * len(current.fields))
        named = named_here[0] if names_field else None
        if named is not None and len([v for v in values if not v.blank]) <= 1:
            value = next((v for v in values if not v.blank), values[0])
            filled = item_slots[named]
            if filled is not None and not filled.blank:
                # A field filled twice: an item label was lost; never overwrite a number.
                strays.append(dict(table=table, label="".join(f.text for f in labels),
                                       start=row.start, values=1))
                continue
            item_slots[named] = value
            next_field = named + 1
            continue
        remaining = len(current.fields) - next_field
        fitted = _fit(values, remaining)
        for f in fitted[:remaining]:
            item_slots[next_field] = f
            next_field += 1
        if len(fitted) > remaining:
            extra_of[current.id] = extra_of.get(current.id, 0) + len(fitted) - remaining
    infos: list[RowData] = []
    for item in items:
        slots = found.get(item.id)
        glued = glued_of.get(item.id)
        if slots is None and glued is None:
            continue
        slots = slots or [None] * len(item.fields)
        for (field_id, _), slot in zip(item.fields, slots, strict=True):
            if slot is not None:
                cell_id = f"{item.id}.{field_id}"
                cells[cell_id] = _cell(table, cell_id, slot, amount=field_id in AMOUNT_FIELDS)
        present = [slot for slot in slots if slot is not None]
        label = labels_of.get(item.id)
        infos.append(dict(
            table=table, id=item.id, label=label.text if label else "",
            label_start=label.start if label else None,
            start=label.start if label else (present[0].start if present else region.start),
            cells_found=len(present) + extra_of.get(item.id, 0),
            cells_expected=len(item.fields),
            assigned=glued is None or len(glued[1]) == 1,
            glued=glued[0] if glued else None,
            candidates=tuple("|".join(o) for o in glued[1][:_SHOWN_CANDIDATES]) if glued else (),
        ))
    return _table(table, region, cells, infos, strays)


def _active_check(item: ItemSpec, first: int) -> Callable[[list[int]], bool] | None:
    """What a cut of an item's glued numbers must satisfy (A005: 总数 ≥ 新公开)."""
    ids = [field_id for field_id, _ in item.fields][first:]
    if "new_published" in ids and "total_published" in ids:
        a, b = ids.index("new_published"), ids.index("total_published")
        return lambda values: values[b] >= values[a]
    return None


# ---------------------------------------------------------------- table 4


def _review(region: Region | None) -> Table:
    table: TableId = "review_litigation"
    if region is None:
        return _empty(table, region)
    _, rows = physical_rows(region.lines)
    expected = len(REVIEW_CELL_IDS)
    collected: list[Field] = []
    first_row: PhysicalRow | None = None
    for row in rows:
        labels, values = row.split()
        numbers = [v for v in values if not v.blank]
        digits = numbers[0].text if len(numbers) == 1 else ""
        run = None if numbers else _glued_run(labels)
        if run is not None:
            numbers, digits = [run[0]], run[1]
        if not collected and digits.isdigit() and len(digits) >= expected:
            # All fifteen numbers run together in one field.
            options = glued_candidates(digits, expected, review_check)
            split: dict[str, CellData] = {}
            if len(options) == 1:
                for cell_id, f in zip(REVIEW_CELL_IDS, digit_fields(numbers[0], digits, options[0]),
                                      strict=True):
                    split[cell_id] = _cell(table, cell_id, f)
            info = dict(
                table=table, id="review_litigation", label="", label_start=None,
                start=numbers[0].start, cells_found=len(split), cells_expected=expected,
                assigned=len(options) == 1, glued=digits,
                candidates=tuple("|".join(o) for o in options[:_SHOWN_CANDIDATES]))
            return _table(table, region, split, [info])
        if not any(v.number.kind == "number" for v in values):
            if collected:
                break
            continue
        if first_row is None:
            first_row = row
        collected.extend(values)
        if len(_fit(collected, expected)) >= expected:
            break
    if first_row is None:
        return _empty(table, region)
    fitted = _fit(collected, expected)
    assigned = len(fitted) == expected
    cells: dict[str, CellData] = {}
    if assigned:
        for cell_id, f in zip(REVIEW_CELL_IDS, fitted, strict=True):
            cells[cell_id] = _cell(table, cell_id, f)
    info = dict(
        table=table, id="review_litigation", label="", label_start=None,
        start=first_row.start,
        cells_found=len(fitted) if assigned else sum(1 for v in fitted if not v.blank),
        cells_expected=expected, assigned=assigned,
    )
    return _table(table, region, cells, [info])
