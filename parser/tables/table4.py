"""Table 4 (行政复议、行政诉讼): fifteen numbers in one row, assigned only when all are there."""

from __future__ import annotations

from nianbao.parser.layout.fields import Field, PhysicalRow, numbers_by_spaces, physical_rows
from nianbao.parser.layout.glued import (
    agreed,
    glued_label,
    group_sums,
    readings,
    run_of,
    run_text,
    shown,
)
from nianbao.parser.layout.regions import Region
from nianbao.parser.model.report import Table
from nianbao.parser.reading.normalize import key_of_normalized
from nianbao.parser.tables.rows import (
    CellData,
    RowData,
    build_table,
    cell_data,
    empty_table,
    fit_fields,
)
from nianbao.parser.template import REVIEW_CELL_IDS, REVIEW_FIELDS, TableId

# Table 4's titles and column headers. ``pdftotext`` writes the last header (总计)
# between the numbers when its cell is taller; an OCR tool writes the table as three
# tables of five columns, a title over each: reading goes on past them.
_HEADER_WORDS = tuple(sorted(
    {key_of_normalized(w) for _, w in REVIEW_FIELDS}
    | {"行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "维持", "纠正", "结果", "其他",
       "尚未", "审结", "总计"}, key=len, reverse=True))


def _header_only(labels: list[Field]) -> bool:
    keys = [key_of_normalized(f.text) for f in labels]
    if not any(keys):
        return False
    for key in keys:
        for word in _HEADER_WORDS:
            key = key.replace(word, "")
        if key:
            return False
    return True


def _on_cut_line(field: Field, cut_lines: set[int]) -> bool:
    return field.line in cut_lines


def read_review(region: Region | None) -> Table:
    table: TableId = "review_litigation"
    if region is None:
        return empty_table(table, region)
    style, rows = physical_rows(region.lines, blank_rows=True)
    if style in ("tabs", "pipes"):
        rows = [_spaced(row, region) for row in rows]
    expected = len(REVIEW_CELL_IDS)
    cut_lines = {line.number for line in region.lines if line.cut}
    collected: list[Field] = []
    first_row: PhysicalRow | None = None
    header_seen = False
    unfilled: PhysicalRow | None = None
    for row in rows:
        labels, values = row.split()
        if labels and _header_only(labels):
            header_seen = True
        elif (not labels and unfilled is None and header_seen
              and len(fit_fields(row.fields, expected)) == expected):
            # Fifteen cells under the header and not one number among them (本年度未发生
            # 行政复议、行政诉讼): blank or a placeholder in every cell. Kept for when no
            # row with numbers follows.
            unfilled = row
        if style == "tabs" and all(f.blank for f in row.fields):
            continue  # a line of TABs only: no numbers, and it never ends the numbers
        # On a page flattened onto one line, the fifteen numbers may run together after
        # the header's last word, or after a space.
        glued = glued_label(labels) is not None or (
            bool(row.fields) and all(_on_cut_line(f, cut_lines) for f in row.fields))
        run = run_of(labels, values) if not collected and glued else None
        if run is not None and len(run[1]) <= expected <= sum(len(c.text) for c in run[1]):
            # The fifteen numbers run together after the header's last word.
            chunks = run[1]
            found = readings(chunks, ["count"] * expected, group_sums(expected))
            split: dict[str, CellData] = {}
            for cell_id, f in zip(REVIEW_CELL_IDS, agreed(chunks, found or [], expected),
                                  strict=True):
                if f is not None:
                    split[cell_id] = cell_data(table, cell_id, f)
            info = RowData(
                table=table, id="review_litigation", label="", label_start=None,
                start=chunks[0].start, cells_found=len(split), cells_expected=expected,
                assigned=len(split) == expected, glued=run_text(chunks),
                candidates=shown(chunks, found or []), glued_start=chunks[0].start,
                too_many=found is None)
            return build_table(table, region, split, [info])
        if not any(v.number.kind == "number" for v in values):
            if collected and not _header_only(labels):
                break
            continue
        if first_row is None:
            first_row = row
        collected.extend(values)
        if len(fit_fields(collected, expected)) >= expected:
            break
    if first_row is None:
        return _unfilled(region, unfilled) if unfilled is not None else empty_table(table, region)
    fitted = fit_fields(collected, expected)
    assigned = len(fitted) == expected
    cells: dict[str, CellData] = {}
    if assigned:
        for cell_id, f in zip(REVIEW_CELL_IDS, fitted, strict=True):
            cells[cell_id] = cell_data(table, cell_id, f)
    info = RowData(
        table=table, id="review_litigation", label="", label_start=None,
        start=first_row.start,
        cells_found=len(fitted) if assigned else sum(1 for v in fitted if not v.blank),
        cells_expected=expected, assigned=assigned,
    )
    return build_table(table, region, cells, [info])


def _spaced(row: PhysicalRow, region: Region) -> PhysicalRow:
    """A row that is one line of numbers parted by spaces, among rows parted by
    TABs or pipes, as its numbers (blank cells unseen: assigned only when all
    fifteen are there, like any row read from spaces)."""
    filled = [f for f in row.fields if not f.blank]
    if len(filled) != 1 or " " not in filled[0].text:
        return row
    line = next((ln for ln in region.lines if ln.number == filled[0].line), None)
    spaced = numbers_by_spaces(line) if line is not None else None
    return spaced if spaced is not None else row


def _unfilled(region: Region, row: PhysicalRow) -> Table:
    """Table 4's value row with no number in it, read cell by cell where it stands.

    A blank cell is read as blank (the rules count it as 0 and say so, V001), a
    placeholder (``/``, ``无``) as the text it is (V002): the row is there, so the
    table is not missing. Only a row of at least fifteen cells, separators and all,
    is taken, cut to fifteen like any value row (a trailing TAB or ``|`` adds an
    empty field): with fewer, a cell is lost; and a PDF's spaces hide blank cells
    altogether, so there a blank row is never seen.
    """
    table: TableId = "review_litigation"
    fields = fit_fields(row.fields, len(REVIEW_CELL_IDS))
    cells = {cell_id: cell_data(table, cell_id, f)
             for cell_id, f in zip(REVIEW_CELL_IDS, fields, strict=True)}
    info = RowData(table=table, id="review_litigation", label="", label_start=None,
                   start=row.start, cells_found=len(cells), cells_expected=len(cells),
                   assigned=True)
    return build_table(table, region, cells, [info])
