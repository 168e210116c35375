"""V — the values in the cells: blanks, text, signs, fractions, units.

Blank and non-numeric cells are reported once per row, naming the columns, and a
table-3 layout that leaves every applicant column blank (common under template
2019, where only 总计 is filled) is one finding for the whole table.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from nianbao.parser.i18n import _, labelled_quote, ngettext
from nianbao.parser.model.findings import Finding
from nianbao.parser.model.refs import CellRef
from nianbao.parser.model.report import Cell, Table
from nianbao.parser.rules.common import (
    TABLE_NAMES,
    cell_name,
    column_label,
    field_label,
    fmt,
    is_blank,
    row_label,
)
from nianbao.parser.rules.context import Context
from nianbao.parser.template import (
    AMOUNT_FIELDS,
    APPLICANT_ONLY_IDS,
    APPLICATION_COLUMN_IDS,
    APPLICATION_ROW_SHORT,
    SIGNED_FIELDS,
    TABLE_IDS,
    TableId,
)


def _rows(ctx: Context, table: Table) -> dict[str, list[Cell]]:
    """The table's cells grouped by row, in template order (table 4 is one row)."""
    return ctx.shared(f"rows:{table.id}", lambda: _group_rows(table))


def _group_rows(table: Table) -> dict[str, list[Cell]]:
    rows: dict[str, list[Cell]] = {}
    review = table.id == "review_litigation"
    for cell_id, cell in table.cells.items():
        key = "review_litigation" if review else cell_id.rpartition(".")[0]
        rows.setdefault(key, []).append(cell)
    return rows


def _row_name(ctx: Context, table: TableId, row: str) -> str:
    if table == "review_litigation":
        return _("table 4")
    return row_label(table, row, ctx.template)


def _columns(ctx: Context, cells: Sequence[Cell]) -> str:
    if cells and cells[0].table == "review_litigation":
        return "、".join(ctx.name(c) for c in cells)
    return "、".join(field_label(c.table, c.id, ctx.template) for c in cells)


def _span(ctx: Context, cells: Sequence[Cell]) -> tuple[int, int]:
    """From the first cell to the last one on the same line."""
    first = cells[0]
    index = ctx.report.line_index
    line = index.line_of(first.start)
    end = first.end
    for cell in cells[1:]:
        if index.line_of(cell.start) == line:
            end = max(end, cell.end)
    return first.start, end


def blank_cells(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Reports table cells left blank. The arithmetic rules read them as 0; this rule
    says so, once per row with the blank columns named. When table 3 leaves all six
    applicant columns blank in every row (template 2019 allowed filling only 总计),
    that is one finding for the table.

    ## Why is this bad?
    A blank is not a number: a reader cannot tell "none" from "not counted" or "lost
    when the table was copied". The national template asks for a number in every cell,
    0 included.

    ## Example
    ```
    一、本年新收政府信息公开申请数量 | 0 | | 0 | | 0 | | 0
    ```
    商业企业, 社会公益组织 and 其他 are blank.

    ## How to fix
    Write 0 in every cell that counts nothing.
    """
    for table_id in TABLE_IDS:
        table = ctx.table(table_id)
        if table is None:
            continue
        rows = _rows(ctx, table)
        if table_id == "applications":
            yield from _applications_blanks(ctx, rows)
            continue
        for row, cells in rows.items():
            blanks = [c for c in cells if is_blank(c)]
            if not blanks:
                continue
            start, end = _span(ctx, blanks)
            name = _row_name(ctx, table_id, row)
            if len(blanks) == len(cells) and len(cells) > 1:
                message = (_("every cell of {name} is blank, read as 0")
                           if table_id == "review_litigation"
                           else _("{name}: every cell is blank, read as 0")).format(name=name)
            else:
                message = _("{name}: {columns} blank, read as 0").format(
                    name=name, columns=_columns(ctx, blanks))
            yield ctx.finding("V001", message, start, end, cells=blanks)


def _applications_blanks(ctx: Context, rows: dict[str, list[Cell]]) -> Iterator[Finding]:
    def applicants(cells: list[Cell]) -> list[Cell]:
        return [c for c in cells if c.column in APPLICANT_ONLY_IDS]

    if rows and all(applicants(cells) and all(is_blank(c) for c in applicants(cells))
                    for cells in rows.values()):
        blank_totals = [c for cells in rows.values() for c in cells
                        if c.column == "total" and is_blank(c)]
        every = [c for cells in rows.values() for c in cells if is_blank(c)]
        first_row = next(iter(rows.values()))
        start, end = _span(ctx, [c for c in first_row if is_blank(c)])
        table_name = _(TABLE_NAMES["applications"])
        if len(blank_totals) == len(rows):
            message = _("every cell of {name} is blank, read as 0").format(name=table_name)
        else:
            message = _("{table} leaves the six applicant columns blank in all {n} rows (only "
                        "总计 is filled), read as 0").format(table=table_name, n=len(rows))
            if blank_totals:
                names = "、".join(APPLICATION_ROW_SHORT[c.row] for c in blank_totals)
                message += _("; 总计 is blank too in {rows}").format(rows=names)
        yield ctx.finding(
            "V001", message, start, end, cells=every,
            related=[ctx.related(c, _("{row}·总计 blank").format(row=APPLICATION_ROW_SHORT[c.row]),
                                 value=False)
                     for c in blank_totals],
        )
        return
    # A column left blank in every row (the five 法人或其他组织 columns of a report that
    # counts only people) is one fact: one finding for the table, not one per row.
    columns = [column for column in APPLICATION_COLUMN_IDS if len(rows) > 1 and all(
        any(c.column == column for c in cells) and all(is_blank(c) for c in cells
                                                       if c.column == column)
        for cells in rows.values())]
    if columns:
        grouped = [c for cells in rows.values() for c in cells if c.column in columns]
        first = next(iter(rows.values()))
        start, end = _span(ctx, [c for c in first if c.column in columns])
        names = "、".join(column_label(c) for c in columns)
        yield ctx.finding(
            "V001", _("{table} leaves {columns} blank in all {n} rows, read as 0").format(
                table=_(TABLE_NAMES["applications"]), columns=names, n=len(rows)),
            start, end, cells=grouped)
    for row, cells in rows.items():
        blanks = [c for c in cells if is_blank(c) and c.column not in columns]
        if not blanks:
            continue
        start, end = _span(ctx, blanks)
        name = APPLICATION_ROW_SHORT.get(row, row)
        if len(blanks) == len(cells):
            message = _("{name}: every cell is blank, read as 0").format(name=name)
        elif len(blanks) == len(APPLICANT_ONLY_IDS) and all(
                c.column in APPLICANT_ONLY_IDS for c in blanks):
            message = _("{name}: the six applicant columns are blank (only 总计 is filled), "
                        "read as 0").format(name=name)
        else:
            message = _("{name}: {columns} blank, read as 0").format(
                name=name, columns="、".join(column_label(c.column) for c in blanks))
        yield ctx.finding("V001", message, start, end, cells=blanks)


def not_a_number(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Reports cells that hold something other than a number: ``/``, ``无``, ``—``, a number
    written in words (``三``), or any other text. One finding per row, naming the cells.

    ## Why is this bad?
    The template asks for numbers. A placeholder can mean 0, "not applicable" or
    "unknown", and text cannot be added up, so the table cannot be checked or compared
    with other reports. (The arithmetic rules read ``/``, ``—`` and ``无`` as 0, and a
    number in words as that number.)

    ## Example
    ```
    行政许可 | / | / | 12
    ```

    ## How to fix
    Write the number, 0 for none, in every cell.
    """
    for table_id in TABLE_IDS:
        table = ctx.table(table_id)
        if table is None:
            continue
        for row, cells in _rows(ctx, table).items():
            texts = [c for c in cells if c.kind == "text"]
            if not texts:
                continue
            start, end = _span(ctx, texts)
            if table_id == "review_litigation":
                listed = "、".join(labelled_quote(ctx.name(c), c.raw) for c in texts)
            else:
                listed = "、".join(labelled_quote(field_label(c.table, c.id, ctx.template), c.raw)
                                  for c in texts)
            message = ngettext("{row}: {cells} is not a number", "{row}: {cells} are not numbers",
                               len(texts)).format(row=_row_name(ctx, table_id, row), cells=listed)
            yield ctx.finding("V002", message, start, end, cells=texts)


def negative_count(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Reports a negative number in any cell but 本年增/减 (``change``, template 2019), the
    only cell the template allows to go below zero.

    ## Why is this bad?
    Applications, cases, documents and decisions are counted; a count cannot be
    negative. A minus sign is usually a typo or a change figure typed into the wrong column.

    ## Example
    ```
    (一)予以公开  0  -2  0  0  0  0  -2
    ```

    ## How to fix
    Write the count without the sign, or move the change figure to 本年增/减.
    """
    for cell in ctx.report.cells():
        if cell.value is None or cell.value >= 0 or cell.column in SIGNED_FIELDS:
            continue
        if ctx.table(cell.table) is None:
            continue
        yield ctx.cell_finding("V003", _("{cell} = {value}: a count cannot be negative").format(
            cell=ctx.name(cell), value=fmt(cell.value)), cell)


def fractional_count(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Reports a number with a fraction in a cell that counts things. Only amounts of
    money (采购总金额, 本年收费金额) may have decimals.

    ## Why is this bad?
    Half an application does not exist. A decimal in a count is usually an amount
    typed into the wrong cell or a figure damaged when the table was copied.

    ## Example
    ```
    行政处罚   上一年项目数量 3.5
    ```

    ## How to fix
    Write the whole count, or move the amount to its own cell.
    """
    for cell in ctx.report.cells():
        value = cell.value
        if value is None or cell.column in AMOUNT_FIELDS or value == value.to_integral_value():
            continue
        if ctx.table(cell.table) is None:
            continue
        yield ctx.cell_finding("V004", _("{cell} = {value}: a count must be a whole number").format(
            cell=ctx.name(cell), value=fmt(value)), cell)


_WANYUAN = ("万元", "万")


def amount_unit(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Looks at the amounts of table 2 (采购总金额 under template 2019, 本年收费金额 under
    template 2021). Reports one written in 元 where the template asks for 万元, and a
    non-zero amount with no unit where the column header does not give one (template
    2019's 采购总金额; template 2021's header says 单位：万元).

    ## Why is this bad?
    ``95300`` may be 元 or 万元, a factor of ten thousand apart. Reports mix the two,
    which makes amounts impossible to compare or total across agencies.

    ## Example
    ```
    政府集中采购   3   95300元
    ```
    95300元 is 9.53 万元; nianbao reads it so.

    ## How to fix
    Give the amount in 万元, with the unit written, as the template asks.
    """
    table = ctx.table("active_disclosure")
    if table is None:
        return
    for cell in table.cells.values():
        if cell.column not in AMOUNT_FIELDS or cell.kind != "number" or cell.value is None:
            continue
        if cell.unit == "元":
            message = _("{cell} = {raw}: in 元 where the template asks for 万元 (read as {value} "
                        "万元)").format(cell=ctx.name(cell), raw=cell.raw, value=fmt(cell.value))
            yield ctx.cell_finding("V005", message, cell)
        elif cell.unit is None and cell.value != Decimal(0) and ctx.template == "2019":
            message = _("{cell} = {raw} has no unit (read as {value} 万元)").format(
                cell=ctx.name(cell), raw=cell.raw, value=fmt(cell.value))
            yield ctx.cell_finding("V005", message, cell)
        elif cell.unit not in (None, *_WANYUAN, "元"):
            message = _("{cell} = {raw}: {unit} is not a unit of money").format(
                cell=ctx.name(cell), raw=cell.raw, unit=cell.unit)
            yield ctx.cell_finding("V005", message, cell)
    for row in table.rows:
        # An amount glued to its neighbour is not read (S007), but when every reading of
        # the run ends in 元 its unit is known all the same.
        if row.glued is None or row.assigned or not row.candidates:
            continue
        for field_id in AMOUNT_FIELDS:
            cell_id = f"{row.id}.{field_id}"
            if cell_id in table.cells or not all(
                    r.endswith("元") and not r.endswith("万元") for r in row.candidates):
                continue
            start = row.glued_start if row.glued_start is not None else row.start
            message = _("{cell} in the run {run}: in 元 where the template asks for 万元, "
                        "whichever way the run is cut").format(
                cell=cell_name("active_disclosure", cell_id, ctx.template), run=row.glued)
            yield ctx.finding("V005", message, start, start + len(row.glued),
                              cells=[CellRef.of("active_disclosure", cell_id)])
