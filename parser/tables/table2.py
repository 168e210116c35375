"""Table 2 (主动公开政府信息情况): items by their labels, fields by label or in order.

Reports lay the table out item by item (one row per item) or field by field
(one row per item and field, seeds 000 and 003); both are read the same way: an
item label opens the item, a field label says which field a number belongs to,
and numbers without one fill the item's fields in order.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import cache

from nianbao.parser.layout.blocks import number_runs, rows_from_runs
from nianbao.parser.layout.fields import Field, line_field, physical_rows
from nianbao.parser.layout.glued import (
    Kind,
    Reading,
    Run,
    agreed,
    glued_label,
    readings,
    run_of,
    run_text,
    shown,
)
from nianbao.parser.layout.regions import Region
from nianbao.parser.model.report import Table
from nianbao.parser.reading.normalize import key_of_normalized, match_key
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
    ACTIVE_ITEMS,
    AMOUNT_FIELDS,
    FIELD_ALIASES,
    SIGNED_FIELDS,
    ItemSpec,
    TableId,
    TemplateId,
)


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


def read_active(region: Region | None, template: TemplateId) -> Table:
    table: TableId = "active_disclosure"
    if region is None:
        return empty_table(table, region)
    items = ACTIVE_ITEMS[template]
    keys = _item_keys(items)
    style, rows = physical_rows(region.lines)
    if style == "spaces":
        runs = number_runs(region.lines)
        if runs is not None:
            blocks = _read_blocks(region, runs, items, keys)
            if blocks is not None:
                return blocks
    cells: dict[str, CellData] = {}
    found: dict[str, list[Field | None]] = {}
    labels_of: dict[str, Field] = {}
    extra_of: dict[str, int] = {}
    unplaced: dict[str, int] = {}  # an item's row of too few cells: how many it has
    glued_of: dict[str, tuple[Run, list[Reading] | None, int]] = {}
    strays: list[StrayData] = []
    current: ItemSpec | None = None
    next_field = 0
    pending = ""  # label-only rows run together: ``规范`` + ``性文件`` wrapped in a PDF
    # Field rows that belong to the next item, its label still to come: a label merged
    # over an item's rows is written on their middle row when nothing draws the
    # merge (an unruled PDF, ``pdftotext -layout``), so the item's first rows come
    # before it. They wait for that label; unclaimed, they are strays.
    ahead: list[tuple[str, list[Field], int, list[Field]]] = []
    for row in rows:
        labels, values = row.split()
        key = label_key(labels)
        item = next((it for k, it in keys if k and k in key), None)
        if item is None and pending:
            joined = pending + key
            item = next((it for k, it in keys if k and k in joined and k not in pending), None)
        if item is None and any(not v.blank for v in values):
            # ``其他对外管理服务事`` with its ``项`` wrapped onto the next line, alone or
            # followed by a field label in the same row.
            overlaps = [(suffix_prefix(key, k), it) for k, it in keys if k]
            if pending and not labels:
                # ``其他对外管理服务`` / ``0 3 73`` / ``事项`` (pdftotext -layout): the
                # label's first line names the item whose numbers come next.
                overlaps += [(suffix_prefix(pending, k), it) for k, it in keys if k]
            for f in labels:
                part = key_of_normalized(f.text)
                if len(part) >= SHORT_KEY:
                    overlaps += [(len(part), it) for k, it in keys if k.startswith(part)]
            best = max(overlaps, key=lambda pair: pair[0], default=(0, None))
            if best[0] >= SHORT_KEY:
                item = best[1]
        has_value = any(not v.blank for v in values)
        if "信息内容" in key and not has_value:
            # The table's header: an item named above it was named in prose (本年度新制作
            # 规范性文件8件), not by the table; the table's first rows are no item's yet.
            current, next_field, ahead = None, 0, []
            labels_of = {k: v for k, v in labels_of.items() if k in found}
        pending = "" if has_value or item is not None else (pending + key)[-MAX_LABEL_KEY:]
        if item is not None and item is not current:
            current, next_field = item, 0
            if item.id not in labels_of and labels:
                labels_of[item.id] = next(f for f in labels if key_of_normalized(f.text))
            next_field = _claim(item, ahead, found, strays, table, _fields_named(item, key))
            ahead = []
        # One field label (``对外公开总数量``) beside a blank is that field, blank; a
        # header row names several and holds no values.
        named_here = _fields_named(current, key) if current is not None else []
        names_field = len(named_here) == 1
        # A blank row naming one field of another item only (上一年项目数量, blank, after
        # 规范性文件's rows): that item's, its label still to come — not a header.
        names_next = (current is not None and not named_here and bool(values)
                      and any(len(_fields_named(other, key)) == 1
                              for other in items if other is not current))
        if item is None and (all(v.blank for v in values)
                             and not ((names_field or names_next) and values)
                             or "信息内容" in key):
            # A header row holds no numbers: its ``/`` is ``本年增/减`` cut by a wrap.
            continue
        run = (run_of(labels, values) if item is not None and glued_label(labels) is not None
               else None)
        if run is not None and current is not None:
            ids = [field_id for field_id, _ in current.fields][next_field:]
            found_readings = readings(run[1], [_kind(i) for i in ids], (),
                                      _active_check(current, next_field))
            glued_of[current.id] = (run[1], found_readings, next_field)
            item_slots = found.setdefault(current.id, [None] * len(current.fields))
            for piece in agreed(run[1], found_readings or [], len(ids)):
                if piece is not None:
                    item_slots[next_field] = piece
                next_field += 1
            continue
        if item is None and values and len([v for v in values if not v.blank]) <= 1 and \
                _before_its_label(current, named_here, next_field, key, items):
            ahead.append((key, values, row.start, labels))
            continue
        if not values and names_field and item is None:
            # A field's label alone (its number on the next line, or a blank a PDF
            # dropped): what follows without a label of its own is this field's.
            next_field = named_here[0]
            continue
        if not values or current is None:
            if values and any(not v.blank for v in values) and labels:
                strays.append(StrayData(table=table, label="".join(f.text for f in labels),
                                       start=row.start, values=len(values)))
            continue
        if len(named_here) >= 2 and len(values) < len(named_here):
            # Two field labels run together over fewer numbers (``本年增/减处理决定数量 5``,
            # an unruled PDF's rows collapsed): which field a number is cannot be told.
            strays.append(StrayData(table=table, label="".join(f.text for f in labels),
                                    start=row.start, values=len(values)))
            # Yet the row stands for those fields: a field row after it naming one of
            # them again or an earlier one is the next item's, its label still to come
            # (a label merged over its group's rows is set on the middle one).
            next_field = max(next_field, max(named_here) + 1)
            continue
        item_slots = found.setdefault(current.id, [None] * len(current.fields))
        named = named_here[0] if names_field else None
        if named is not None and len([v for v in values if not v.blank]) <= 1:
            value = next((v for v in values if not v.blank), values[0])
            filled = item_slots[named]
            if filled is not None and not filled.blank:
                # A field filled twice: an item label was lost; never overwrite a number.
                strays.append(StrayData(table=table, label="".join(f.text for f in labels),
                                       start=row.start, values=1))
                continue
            item_slots[named] = value
            next_field = named + 1
            continue
        if named is None and next_field < len(current.fields) and _cut_field_label(current, labels):
            # ``本年新 | 3 | |``: a field label cut short (like 001's header) makes this a
            # one-field row; the empty fields after its number are ragged separators.
            values = [next((v for v in values if not v.blank), values[0])]
        remaining = len(current.fields) - next_field
        fitted = fit_fields(values, remaining)
        if (named is None and next_field == 0 and 1 < len(fitted) < remaining
                and any(f.blank for f in fitted)):
            # ``规章 | 8 | (blank)`` for three fields: the row's cells are written one
            # by one (its blank is kept), yet one is lost, and where cannot be told —
            # reported, never placed from the left.
            unplaced[current.id] = len(fitted)
            next_field = len(current.fields)
            found.setdefault(current.id, [None] * len(current.fields))
            continue
        money = _skip_to_money(current, next_field, fitted)
        if money != next_field:
            fitted = [f for f in fitted if not f.blank]
            next_field = money
        remaining = len(current.fields) - next_field
        for f in fitted[:remaining]:
            item_slots[next_field] = f
            next_field += 1
        if len(fitted) > remaining:
            extra_of[current.id] = extra_of.get(current.id, 0) + len(fitted) - remaining
    for _, values, start, labels in ahead:
        strays.append(StrayData(table=table, label="".join(f.text for f in labels), start=start,
                                values=len(values)))
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
                cells[cell_id] = cell_data(table, cell_id, slot, amount=field_id in AMOUNT_FIELDS)
        present = [slot for slot in slots if slot is not None]
        label = labels_of.get(item.id)
        info = RowData(
            table=table, id=item.id, label=label.text if label else "",
            label_start=label.start if label else None,
            start=label.start if label else (present[0].start if present else region.start),
            cells_found=len(present) + extra_of.get(item.id, 0) + unplaced.get(item.id, 0),
            cells_expected=len(item.fields),
        )
        if item.id in unplaced:
            info["assigned"] = False
        if glued is not None:
            chunks, found_readings, _ = glued
            info["label"] = _label_text(label, chunks[0].text)
            info["assigned"] = len(present) == len(item.fields)
            info["glued"] = run_text(chunks)
            info["candidates"] = shown(chunks, found_readings or [])
            info["glued_start"] = chunks[0].start
            info["too_many"] = found_readings is None
        infos.append(info)
    return build_table(table, region, cells, infos, strays)


def _read_blocks(region: Region, runs: list[list[Field]], items: tuple[ItemSpec, ...],
                 keys: list[tuple[str, ItemSpec]]) -> Table | None:
    """Table 2 written in blocks (``pdftotext``): its numbers in template order, each
    item's fields filled from their count, whatever line its label is on (a label
    may even follow its numbers). Only when the numbers make exactly the template's
    cells and most items' labels are in the region."""
    table: TableId = "active_disclosure"
    grid = rows_from_runs(runs, [len(item.fields) for item in items])
    if grid is None:
        return None
    labels: dict[str, Field] = {}
    for line in region.lines:
        text = line.text.strip()
        key = key_of_normalized(text)
        item = next((it for k, it in keys if k and k in key), None)
        if item is not None and item.id not in labels:
            first = line.text.index(text[0])
            labels[item.id] = line_field(line, first, first + len(text))
    if 5 * len(labels) < 3 * len(items):
        return None
    cells: dict[str, CellData] = {}
    infos: list[RowData] = []
    for item, fields in zip(items, grid, strict=True):
        for (field_id, _), f in zip(item.fields, fields, strict=True):
            cell_id = f"{item.id}.{field_id}"
            cells[cell_id] = cell_data(table, cell_id, f, amount=field_id in AMOUNT_FIELDS)
        label = labels.get(item.id)
        infos.append(RowData(
            table=table, id=item.id, label=label.text if label else "",
            label_start=label.start if label else None,
            start=label.start if label else fields[0].start,
            cells_found=len(fields), cells_expected=len(item.fields),
        ))
    return build_table(table, region, cells, infos)


def _before_its_label(current: ItemSpec | None, named_here: list[int], next_field: int,
                      key: str, items: tuple[ItemSpec, ...]) -> bool:
    """Whether a field row without an item label opens the next item: its field label
    goes back in the template's order (``本年新制作数量`` after ``对外公开总数量``), or
    names a field of another item only, or comes before any item label."""
    if not key:
        return False
    if current is None:
        return any(_fields_named(item, key) for item in items)
    if len(named_here) == 1:
        return named_here[0] < next_field
    return not named_here and any(_fields_named(item, key) for item in items
                                  if item is not current)


def _claim(item: ItemSpec, ahead: list[tuple[str, list[Field], int, list[Field]]],
           found: dict[str, list[Field | None]], strays: list[StrayData],
           table: TableId, on_label_row: list[int]) -> int:
    """Give ``item`` the field rows that came before its label (each by its field
    label, never by guess: a row naming no field of the item, or a field already
    filled, is a stray); where the item's next field is.

    The item's rows come in the template's order right before its label: a row whose
    field is not before the next row's is another item's, whose label was lost
    (``其他对外管理服务事`` / ``本年增/减`` / ``项 处理决定数量 1`` read as no item), and so
    is every row before it. The label's own row, when it names one field
    (``规范性文件 本年新制作数量 7``, ``on_label_row``), is the next row: a
    ``对外公开总数量 0`` before it is the item's above, cut off by a header repeated
    at a page break."""
    next_field = 0
    ours = len(ahead)
    following = on_label_row[0] if len(on_label_row) == 1 else len(item.fields)
    while ours > 0:
        named = _fields_named(item, ahead[ours - 1][0])
        if len(named) != 1 or named[0] >= following:
            break
        following = named[0]
        ours -= 1
    for n, (key, values, start, labels) in enumerate(ahead):
        named = _fields_named(item, key)
        slots = found.setdefault(item.id, [None] * len(item.fields))
        if n < ours or len(named) != 1 or slots[named[0]] is not None:
            strays.append(StrayData(table=table, label="".join(f.text for f in labels),
                                    start=start, values=len(values)))
            continue
        slots[named[0]] = next((v for v in values if not v.blank), values[0])
        next_field = max(next_field, named[0] + 1)
    return next_field


def _cut_field_label(item: ItemSpec, labels: list[Field]) -> bool:
    """Whether a label is the start of one of the item's field labels (``本年新``)."""
    for f in labels:
        part = key_of_normalized(f.text)
        if len(part) >= 3 and any(name.startswith(part) for names in _field_keys(item)
                                  for name in names):
            return True
    return False


def _label_text(label: Field | None, digits: str | None) -> str:
    if label is None:
        return ""
    if digits and label.text.endswith(digits):
        return label.text[: -len(digits)].rstrip()
    return label.text


def _skip_to_money(item: ItemSpec, next_field: int, values: list[Field]) -> int:
    """Where an amount written with its unit (``685万元``) must go: the amount field.

    A PDF drops a blank 采购项目数量 without a trace; the unit still says which
    number is money.
    """
    ids = [field_id for field_id, _ in item.fields]
    numbers = [v for v in values if not v.blank]
    if (len(numbers) == 1 and numbers[0].number.unit in ("万元", "元") and values[0] is numbers[0]
            and next_field < len(ids) and ids[next_field] not in AMOUNT_FIELDS):
        later = [i for i in range(next_field + 1, len(ids)) if ids[i] in AMOUNT_FIELDS]
        if later:
            return later[0]
    return next_field


def _kind(field_id: str) -> Kind:
    if field_id in AMOUNT_FIELDS:
        return "amount"
    return "signed" if field_id in SIGNED_FIELDS else "count"


def _active_check(item: ItemSpec, first: int) -> Callable[[list[Decimal]], bool] | None:
    """What a cut of an item's glued numbers must satisfy (A005: 总数 ≥ 新公开,
    上一年项目数量 + 本年增/减 ≥ 0)."""
    ids = [field_id for field_id, _ in item.fields][first:]
    checks: list[Callable[[list[Decimal]], bool]] = []
    if "new_published" in ids and "total_published" in ids:
        a, b = ids.index("new_published"), ids.index("total_published")
        checks.append(lambda values: values[b] >= values[a])
    if "prev_count" in ids and "change" in ids:
        p, c = ids.index("prev_count"), ids.index("change")
        checks.append(lambda values: values[p] + values[c] >= 0)
    if not checks:
        return None
    return lambda values: all(check(values) for check in checks)
