"""Table 3 (收到和处理政府信息公开申请情况): rows found by their labels in template order.

Wrapped labels are joined, a label cut short by a wrap is matched by overlap, a
row whose label was lost is placed by position between its neighbours, and the
seven columns are assigned only when the count of cells leaves no doubt.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

from nianbao.parser.layout.blocks import number_runs, rows_from_runs
from nianbao.parser.layout.columns import ColumnModel
from nianbao.parser.layout.fields import Field, PhysicalRow, line_field, physical_rows
from nianbao.parser.layout.glued import Run, glued_label, run_of
from nianbao.parser.layout.numbers import read_number
from nianbao.parser.layout.regions import Region
from nianbao.parser.model.report import Table
from nianbao.parser.reading.lines import Line
from nianbao.parser.reading.normalize import key_of_normalized, normalize_char_text
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
    APPLICANT_COLUMNS,
    APPLICATION_COLUMN_IDS,
    APPLICATION_ROWS,
    OLD_OTHER_ROW,
    RowSpec,
    TableId,
    TemplateId,
    rows_template,
)

_COLUMN_WORDS = frozenset(key_of_normalized(label) for _, label in APPLICANT_COLUMNS)
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
    # A label that names no row exactly: the rows it resembles, with their scores.
    similar: tuple[tuple[int, float], ...] = ()
    # A row of values without a label: the row a block of loose labels before it names
    # for it, in order.
    hint: int | None = None


def _best_row(key: str, specs: tuple[RowSpec, ...], after: int) -> int | None:
    return _best_row_scored(key, specs, after)[0]


# Numbering before a label's words once punctuation is gone: ``七总计``, ``3其他``.
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}|\d{1,2})")
# Group labels a row's own label may follow on its line (``（六）其他处理3.其他``).
_GROUP_WORDS = ("本年度办理结果", "不予公开", "无法提供", "不予处理", "其他处理")


@cache
def _bare(key: str) -> str:
    """A label's own words: its numbering and any group label before them taken off.

    A short template key (``其他``, ``总计``) names a row only when it is the whole of
    the label's own words; inside a longer label (``2.其他法律行政止公开``) it is a
    common word, not the row.
    """
    for _ in range(4):
        before = key
        key = _NUMBERING.sub("", key, count=1)
        for word in _GROUP_WORDS:
            if key.startswith(word) and len(key) > len(word):
                key = key[len(word):]
        if key == before:
            break
    return key


def _best_row_scored(key: str, specs: tuple[RowSpec, ...], after: int) -> tuple[int | None, int]:
    """The template row a label names: the longest template key it contains.

    A short key (``其他``, ``总计``) counts only as the label's whole own words
    (:func:`_bare`). A label cut short by a line wrap (``2.其他法律行政法规禁``, its
    ``止公开`` on the next line) contains no whole key; then the template key that the
    label's end begins wins if it overlaps enough.
    """
    if not key or len(key) > MAX_LABEL_KEY:
        return None, 0
    best: int | None = None
    best_len = 0
    for index, spec in enumerate(specs):
        if spec.key not in key:
            continue
        if len(spec.key) >= SHORT_KEY:
            length = len(spec.key)
        elif key.endswith(spec.key) and _bare(key) == spec.key:
            length = SHORT_KEY  # the label is this key and nothing else: sure
        else:
            continue
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


def _common(a: str, b: str) -> int:
    """The length of the longest common subsequence of two short labels."""
    previous = [0] * (len(b) + 1)
    for ch in a:
        current = [0]
        for j, other in enumerate(b):
            current.append(previous[j] + 1 if ch == other else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


@cache
def _chars(key: str) -> Counter[str]:
    return Counter(key)


@lru_cache(maxsize=4096)
def _similar_rows(key: str, specs: tuple[RowSpec, ...]) -> tuple[tuple[int, float], ...]:
    """Template rows a misspelt label may be (``2.其他法律行政止公开``), with a score.

    Only the label's own words are compared, and only long keys: most of the key's
    characters must appear in the label in order, and the label must be mostly the key.
    Which of these rows it is, position decides (:func:`_place_similar`).
    """
    bare = _bare(key)
    if len(bare) < SHORT_KEY or len(bare) > MAX_LABEL_KEY:
        return ()
    out: list[tuple[int, float]] = []
    chars = Counter(bare)
    for index, spec in enumerate(specs):
        if len(spec.key) < SHORT_KEY or abs(len(spec.key) - len(bare)) > len(spec.key) // 2:
            continue
        if sum((chars & _chars(spec.key)).values()) < 0.7 * len(spec.key):
            continue  # too few characters in common for the subsequence to be long
        common = _common(bare, spec.key)
        if common >= SHORT_KEY and common >= 0.7 * len(spec.key) and common >= 0.7 * len(bare):
            out.append((index, common / max(len(spec.key), len(bare))))
    return tuple(out)


# Where a row's own label starts in loose lines run together: ``2.``, ``（二）``.
_LABEL_START = re.compile(r"(?=[(（][一二三四五六七八九十][)）])|(?<![\d.])(?=\d{1,2}[.．、])")


def _rows_named(labels: list[Field], specs: tuple[RowSpec, ...]) -> list[int]:
    """The template rows whose labels a run of loose label lines holds, in its order.

    The lines are joined and cut where a numbered label starts, so a label wrapped
    over lines (``1.本机关不掌握相关政`` / ``府信息``) is one piece, and two labels on
    one line (``（四）无2.没有现成信息需要另``) are two; each piece names a row by its
    words or, misspelt or interleaved with another column's text, by resemblance.
    """
    pieces = _LABEL_START.split("".join(f.text for f in labels))
    if sum(1 for piece in pieces if piece) < 2:
        return []  # one label, wrapped or not: no block of several rows
    out: list[int] = []
    for piece in pieces:
        key = key_of_normalized(piece)
        index = _best_row(key, specs, -1)
        if index is None:
            similar = sorted(_similar_rows(key, specs), key=lambda pair: -pair[1])
            if similar and (len(similar) == 1 or similar[0][1] > similar[1][1]):
                index = similar[0][0]
        if index is not None and index not in out:
            out.append(index)
    return out


def _old_other_row(region: Region) -> bool:
    """Whether a template-2021 table 3 keeps template 2019's single （六）其他处理 row:
    the label is there and none of the three sub-rows that replaced it."""
    text = "".join(ln.text for ln in region.lines)
    if any(word in text for word in _SUB_ROW_WORDS):
        return False  # the usual template-2021 table, told without normalising
    key = key_of_normalized(text)
    if "其他处理" not in key or any(word in key for word in _SUB_ROW_WORDS):
        return False
    for line in region.lines:
        # ``3.其他 0 0 0``: numbered, so not the header's column 其他.
        own = key_of_normalized(line.text).rstrip("0123456789")
        if own != "其他" and _bare(own) == "其他":
            return False
    return True


_SUB_ROW_WORDS = ("逾期不补正", "收费通知", "缴纳费用", "不再处理")


def read_applications(region: Region | None, template: TemplateId) -> Table:
    table: TableId = "applications"
    if region is None:
        return empty_table(table, region)
    if template == "2021" and _old_other_row(region):
        template = rows_template(template, (OLD_OTHER_ROW,))
    specs = APPLICATION_ROWS[template]
    style, rows = physical_rows(region.lines)
    if style == "spaces":
        runs = number_runs(region.lines)
        if runs is not None:
            blocks = _read_blocks(region, runs, specs)
            if blocks is not None:
                return blocks
    candidates: list[_Candidate] = []
    pending: list[Field] = []
    last = -1
    grid: int | None = None
    # Loose label lines that name several rows (a converter pulled the labels out of
    # their cells) and how many label-less value rows have come since: the k-th such
    # row's label is the block's k-th, if position agrees (then it is no S006).
    loose: list[int] = []
    loose_used = 0
    # Cells run together: a row's digits glued to its label (``…申请数量230 000023``).
    split = [row.split() for row in rows]
    glued_rows = style == "spaces" and any(glued_label(labels) is not None for labels, _ in split)
    for row, (labels, values) in zip(rows, split, strict=True):
        own_key = label_key(labels)
        has_number = any(not v.blank for v in values)
        if any(word in own_key for word in _HEADER_WORDS) or (
                style in ("pipes", "tabs") and not has_number and len(labels) >= 3):
            # A header: the template's (自然人 …) or a made-up one (项目 | 本年新收件数 …).
            pending = []
            grid = _header_grid(row, grid)
            continue
        if not labels and len(values) < 3 and style == "pipes":
            continue  # a number or two alone among markdown rows: converter noise
        run = _glued_run(labels, values) if glued_rows else None
        if run is not None:
            run_key = key_of_normalized(run[0])
            index = _best_row(run_key, specs, last)
            similar = _similar_rows(run_key, specs) if index is None else []
            if index is None and not similar:
                # A label mangled past recognising: the rows around it may still say
                # which row it is (:func:`_place_glued`).
                similar = [(i, 0.0) for i, spec in enumerate(specs)
                           if _common(_bare(run_key), spec.key) >= min(3, len(spec.key))
                           or _common(run_key, _label_keys(spec)) >= max(
                               3, 0.6 * len(_label_keys(spec)))]
            if index is not None or similar:
                if index is not None:
                    last = index
                candidates.append(_Candidate(labels, [], row, index, run[1],
                                             similar=tuple(similar)))
                pending = []
                continue
        if not has_number and len(values) < 3:
            pending.extend(labels)
            continue
        index, score = _best_row_scored(own_key, specs, last)
        used = labels
        named = (_rows_named(pending, specs) if pending and (not labels or score < SHORT_KEY)
                 else [])
        if len(named) > 1:
            # Labels of several rows before a row of values: the values are not the
            # nearest label's; they are placed by position (_place_unlabelled).
            loose, loose_used = named, 0
        elif score < SHORT_KEY and pending and not (labels and _similar_rows(own_key, specs)):
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
        candidate = _Candidate(used if index is not None else labels, values, row, index,
                               grid=grid if style in ("pipes", "tabs") else None)
        if index is None and has_number and (labels or (pending and len(named) <= 1)):
            # A misspelt label, wrapped or not (``1.信访举报投类诉申`` / ``请``).
            candidate.similar = _similar_rows(own_key, specs) or (
                _similar_rows(label_key(pending + labels), specs) if pending else ())
            if candidate.similar and pending and not _similar_rows(own_key, specs):
                candidate.labels = pending + labels
        if index is None and not labels and has_number:
            candidate.hint = loose[loose_used] if loose_used < len(loose) else None
            loose_used += 1
        candidates.append(candidate)
        pending = []

    _place_similar(candidates, len(specs))
    _place_glued(candidates)
    _place_unlabelled(candidates, len(specs))

    cells: dict[str, CellData] = {}
    infos: list[RowData] = []
    strays: list[StrayData] = []
    taken: set[int] = set()
    expected = len(APPLICATION_COLUMN_IDS)
    columns: tuple[ColumnModel, dict[int, Line]] | None = None
    glued: list[GluedRow] = []
    fixed: dict[str, list[Field] | None] = {}
    read: list[tuple[_Candidate, RowSpec, list[Field]]] = []
    for cand in candidates:
        if cand.spec_index is None or cand.spec_index in taken:
            numbers = (len(cand.glued) if cand.glued is not None
                       else sum(1 for v in cand.values if not v.blank))
            if cand.labels and numbers and len(label_key(cand.labels)) <= MAX_LABEL_KEY:
                strays.append(StrayData(table=table, label="".join(f.text for f in cand.labels),
                                        start=cand.row.start, values=numbers))
            continue
        taken.add(cand.spec_index)
        spec = specs[cand.spec_index]
        if cand.glued is not None:
            glued.append(GluedRow(spec.id, cand.glued, "".join(f.text for f in cand.labels),
                                  cand.labels[0].start if cand.labels else None))
            continue
        fitted = _on_grid(cand, expected) or fit_fields(cand.values, expected)
        if len(fitted) < expected and style == "spaces":
            if columns is None:
                columns = _column_model(candidates, region, expected)
            fitted = _by_column(cand, *columns) or fitted
        read.append((cand, spec, fitted))
    lost = _lost_cells(read, region, expected) if style == "pipes" else set()
    for cand, spec, fitted in read:
        assigned = len(fitted) == expected
        missing: list[str] = []
        lost_at: int | None = None
        if assigned:
            for cell_id, f in zip(_cell_ids(spec.id), fitted, strict=True):
                if id(f) in lost:
                    missing.append(cell_id)
                    lost_at = f.start if lost_at is None else lost_at
                else:
                    cells[cell_id] = cell_data(table, cell_id, f)
        infos.append(RowData(
            table=table, id=spec.id, label="".join(f.text for f in cand.labels),
            label_start=cand.labels[0].start if cand.labels else None,
            start=cand.labels[0].start if cand.labels else cand.row.start,
            cells_found=(len(fitted) - len(missing) if assigned
                         else sum(1 for v in fitted if not v.blank)),
            cells_expected=expected,
            recovered=not cand.labels and cand.hint != cand.spec_index,
            assigned=assigned,
            lost=tuple(missing),
            lost_at=lost_at,
        ))
        fixed[spec.id] = fitted if assigned else None
    for cell_id, f in resolve_applications(glued, fixed, template, infos).items():
        cells[cell_id] = cell_data(table, cell_id, f)
    order = {spec.id: i for i, spec in enumerate(specs)}
    infos.sort(key=lambda info: order[info["id"]])
    ordered = {cell_id: cells[cell_id] for spec in specs
               for cell_id in _cell_ids(spec.id) if cell_id in cells}
    return build_table(table, region, ordered, infos, strays)


# A markdown table written by a converter writes every cell, 0 included; an empty
# cell in it is one the converter lost, when it is one of at most this many.
_MAX_LOST = 2
_MIN_ROWS_FOR_LOST = 10


def _lost_cells(read: list[tuple[_Candidate, RowSpec, list[Field]]],
                region: Region, expected: int) -> set[int]:
    """The empty cells of markdown rows that a converter lost (ids of their fields).

    In a table whose rows hold a number in every other cell, an empty cell is not a
    blank the report wrote but text the converter dropped: it is left absent (S007
    names it) rather than read as 0 into sums that would then be falsely wrong.
    """
    markdown = {ln.number for ln in region.lines if ln.text.lstrip().startswith("|")}
    rows = [fitted for _, _, fitted in read
            if len(fitted) == expected and fitted[0].line in markdown]
    if len(rows) < _MIN_ROWS_FOR_LOST:
        return set()
    empty = [f for fitted in rows for f in fitted if f.blank]
    if not empty or len(empty) > _MAX_LOST:
        return set()
    return {id(f) for f in empty}


def _glued_run(labels: list[Field], values: list[Field]) -> tuple[str, Run] | None:
    """A row whose cells run together: its digits glued to its label, or fewer
    numbers than cells in a table whose rows are glued."""
    if glued_label(labels) is None and len([v for v in values if not v.blank]) == len(
            APPLICATION_COLUMN_IDS):
        return None
    return run_of(labels, values)


def _row_sum_holds(fields: list[Field]) -> bool:
    values = [f.number.value for f in fields]
    if any(v is None for v in values):
        return True
    return values[-1] == sum(v for v in values[:-1] if v is not None)


def _read_blocks(region: Region, runs: list[list[Field]], specs: tuple[RowSpec, ...]
                 ) -> Table | None:
    """Table 3 written in blocks (``pdftotext``): the numbers in template order, rows
    rebuilt from their count; labels only say where each row is named.

    Read this way only when the numbers make exactly the template's rows, most of the
    rows' labels are in the region, and most rows add up (their 总计 is the sum of
    their columns): otherwise the numbers are not the table's, row for row.
    """
    table: TableId = "applications"
    expected = len(APPLICATION_COLUMN_IDS)
    grid = rows_from_runs(runs, [expected] * len(specs), _row_sum_holds)
    if grid is None or 2 * sum(1 for r in grid if _row_sum_holds(r)) < len(grid):
        return None
    labels = _block_labels(region, specs)
    if 5 * len(labels) < 3 * len(specs):
        return None
    cells: dict[str, CellData] = {}
    infos: list[RowData] = []
    for index, (spec, fields) in enumerate(zip(specs, grid, strict=True)):
        for cell_id, f in zip(_cell_ids(spec.id), fields, strict=True):
            cells[cell_id] = cell_data(table, cell_id, f)
        label = labels.get(index)
        infos.append(RowData(
            table=table, id=spec.id, label=label.text if label else "",
            label_start=label.start if label else None,
            start=label.start if label else fields[0].start,
            cells_found=expected, cells_expected=expected,
        ))
    return build_table(table, region, cells, infos)


def _block_labels(region: Region, specs: tuple[RowSpec, ...]) -> dict[int, Field]:
    """Where each template row's label is in a region written in blocks: the first
    line that names it (a wrapped label by its first line)."""
    found: dict[int, Field] = {}
    for line in region.lines:
        text = line.text.strip()
        if not text or text[0].isdigit() and read_number(text).kind == "number":
            continue
        key = key_of_normalized(text)
        if key in _COLUMN_WORDS:
            continue  # the header's 总计 or 其他, not the rows of those names
        index = _best_row(key, specs, -1)
        if index is None:
            similar = _similar_rows(key, specs)
            if len(similar) == 1:
                index = similar[0][0]
        if index is not None and index not in found:
            first = line.text.index(text[0])
            found[index] = line_field(line, first, first + len(text))
    return found


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


def _place_similar(candidates: list[_Candidate], spec_count: int) -> None:
    """Give a misspelt label the row it resembles among the free rows around it.

    Similarity alone could pick a row from elsewhere in the table; position alone
    could not tell two free rows apart. A row qualifies when it resembles the label
    and lies between the rows matched before and after it, not taken by another.
    """
    if not any(c.similar for c in candidates):
        return
    taken = {c.spec_index for c in candidates if c.spec_index is not None}
    for at, cand in enumerate(candidates):
        if cand.spec_index is not None or not cand.similar:
            continue
        before = max((c.spec_index for c in candidates[:at] if c.spec_index is not None),
                     default=-1)
        after = min((c.spec_index for c in candidates[at + 1:] if c.spec_index is not None
                     and c.spec_index > before), default=spec_count)
        fits = sorted(((score, index) for index, score in cand.similar
                       if before < index < after and index not in taken), reverse=True)
        if not fits or (len(fits) > 1 and fits[1][0] == fits[0][0]):
            continue
        cand.spec_index = fits[0][1]
        taken.add(fits[0][1])


@cache
def _label_keys(spec: RowSpec) -> str:
    return key_of_normalized(normalize_char_text(spec.label))


def _place_glued(candidates: list[_Candidate]) -> None:
    """A glued row whose label named no row: the one free row between its matched
    neighbours, when its label shares words with it (a one-line page's rows come in
    template order, and a misspelt label may resemble several rows or none well)."""
    for at, cand in enumerate(candidates):
        if cand.spec_index is not None or cand.glued is None or not cand.similar:
            continue
        before = next((c.spec_index for c in reversed(candidates[:at])
                       if c.spec_index is not None), -1)
        after = next((c.spec_index for c in candidates[at + 1:] if c.spec_index is not None),
                     None)
        if after is not None and after - before == 2 and any(
                index == before + 1 for index, _ in cand.similar):
            cand.spec_index = before + 1


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
