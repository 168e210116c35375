"""Table 4 (行政复议、行政诉讼): fifteen numbers in one row, assigned only when all are there."""

from __future__ import annotations

from nianbao.parser.layout.fields import Field, PhysicalRow, physical_rows
from nianbao.parser.layout.glued import candidates as glued_candidates
from nianbao.parser.layout.glued import digit_fields, review_check
from nianbao.parser.layout.regions import Region
from nianbao.parser.model.report import Table
from nianbao.parser.reading.normalize import key_of_normalized
from nianbao.parser.tables.rows import (
    SHOWN_CANDIDATES,
    CellData,
    RowData,
    build_table,
    cell_data,
    empty_table,
    fit_fields,
    glued_run,
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


def read_review(region: Region | None) -> Table:
    table: TableId = "review_litigation"
    if region is None:
        return empty_table(table, region)
    _, rows = physical_rows(region.lines)
    expected = len(REVIEW_CELL_IDS)
    collected: list[Field] = []
    first_row: PhysicalRow | None = None
    for row in rows:
        labels, values = row.split()
        numbers = [v for v in values if not v.blank]
        digits = numbers[0].text if len(numbers) == 1 else ""
        run = None if numbers else glued_run(labels)
        if run is not None:
            numbers, digits = [run[0]], run[1]
        if not collected and digits.isdigit() and len(digits) >= expected:
            # All fifteen numbers run together in one field.
            options = glued_candidates(digits, expected, review_check)
            split: dict[str, CellData] = {}
            if len(options) == 1:
                for cell_id, f in zip(REVIEW_CELL_IDS, digit_fields(numbers[0], digits, options[0]),
                                      strict=True):
                    split[cell_id] = cell_data(table, cell_id, f)
            info = RowData(
                table=table, id="review_litigation", label="", label_start=None,
                start=numbers[0].start, cells_found=len(split), cells_expected=expected,
                assigned=len(options) == 1, glued=digits,
                candidates=tuple("|".join(o) for o in options[:SHOWN_CANDIDATES]))
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
        return empty_table(table, region)
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
