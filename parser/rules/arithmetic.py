"""A — arithmetic (勾稽关系): the sums the template itself prints.

Each rule names every number it added, points at the cell that states the sum
and lists the addends as related places. Blank cells count as 0 (V001 reports
them); a cell that is text the rules cannot read (V002) leaves its sum unchecked
rather than guessed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from nianbao.parser.i18n import _
from nianbao.parser.model.findings import Finding
from nianbao.parser.model.report import Cell
from nianbao.parser.rules.common import column_label, fmt, is_blank, is_empty
from nianbao.parser.rules.context import Context, fmt_sum
from nianbao.parser.template import (
    APPLICATION_COLUMN_IDS,
    APPLICATION_ROW_SHORT,
    APPLICATION_ROWS,
    RESULT_ROW_IDS,
    REVIEW_FIELDS,
    REVIEW_GROUP_NAMES,
    REVIEW_GROUPS,
)


def _sum_mismatch(ctx: Context, cells: Sequence[Cell]
                  ) -> tuple[list[Decimal], Decimal, Decimal] | None:
    """(addends, stated total, their sum) when the last cell is not the sum of the others.

    None when they agree, or when a cell cannot be read as a number (V002 says so).
    """
    values = ctx.values(cells)
    if values is None:
        return None
    parts, stated = list(values[:-1]), values[-1]
    summed = sum(parts, Decimal(0))
    return None if summed == stated else (parts, stated, summed)


def row_total(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    In every row of table 3 (收到和处理政府信息公开申请情况), checks that 总计 equals
    自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他.

    A row that leaves all six applicant cells blank and fills only 总计 is common
    under template 2019 and is not reported here (V001 notes the blanks). A blank
    总计 beside non-zero applicant cells is reported: the blank reads as 0.

    ## Why is this bad?
    The row total is what readers, statistics offices and the next year's report
    copy. When it disagrees with its own row, at least one of the numbers is wrong,
    and the report publishes two different counts of the same applications.

    ## Example
    ```
    一、本年新收政府信息公开申请数量   0  3  2  0  0  0  4
    ```
    0+3+2+0+0+0 = 5, but 总计 says 4.

    ## How to fix
    Recount the applications of that row: correct 总计, or the applicant cell that is wrong.
    """
    if ctx.table("applications") is None or ctx.rows_template is None:
        return
    for spec in APPLICATION_ROWS[ctx.rows_template]:
        cells = ctx.cells("applications", (f"{spec.id}.{c}" for c in APPLICATION_COLUMN_IDS))
        if cells is None:
            continue
        applicants, total = cells[:-1], cells[-1]
        if all(is_empty(c) for c in applicants):
            continue
        mismatch = _sum_mismatch(ctx, cells)
        if mismatch is None:
            continue
        parts, stated, summed = mismatch
        row = APPLICATION_ROW_SHORT[spec.id]
        if is_blank(total):
            message = _("{row}: the six applicant columns add up to {parts} = {sum}, but 总计 "
                        "is blank (read as 0)").format(row=row, parts=fmt_sum(parts),
                                                        sum=fmt(summed))
        else:
            message = _("{row}: the six applicant columns add up to {parts} = {sum}, but 总计 = "
                        "{total}").format(row=row, parts=fmt_sum(parts), sum=fmt(summed),
                                          total=fmt(stated))
        yield ctx.cell_finding(
            "A001", message, total,
            related=[ctx.related(c, column_label(c.column)) for c in applicants],
            cells=applicants,
            hint=_("Make 总计 {sum}, or correct the applicant cell that is wrong.").format(
                sum=fmt(summed)),
        )


def column_balance(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    In every column of table 3, checks the identity the template prints in its corner
    cell (本列数据的勾稽关系): 一、本年新收 + 二、上年结转 = (七)总计 + 四、结转下年度继续办理.

    ## Why is this bad?
    Every application received this year or carried over from last year is either
    finished this year (总计 of the results) or carried into next year. When the
    identity breaks, applications have appeared or vanished between the rows.

    ## Example
    ```
    一、本年新收     …  3 …
    二、上年结转     …  0 …
    (七)总计         …  2 …
    四、结转下年度   …  0 …
    ```
    In column 商业企业, 一+二 = 3+0 = 3, but (七)总计+四 = 2+0 = 2.

    ## How to fix
    Find the application that is counted in one place and not the other: correct the
    result rows (and so (七)总计), the carried-forward count, or the new and carried-over counts.
    """
    if ctx.table("applications") is None:
        return
    for column in APPLICATION_COLUMN_IDS:
        ids = ("new_received", "carried_over", "total", "carried_forward")
        cells = ctx.cells("applications", (f"{r}.{column}" for r in ids))
        if cells is None:
            continue
        values = ctx.values(cells)
        if values is None:
            continue
        new, over, total, forward = values
        if new + over == total + forward:
            continue
        label = column_label(column)
        message = _("一+二 = {new}+{over} = {left}, but (七)总计+四 = {total}+{forward} = "
                    "{right} in column {column}").format(
            new=fmt(new), over=fmt(over), left=fmt(new + over), total=fmt(total),
            forward=fmt(forward), right=fmt(total + forward), column=label)
        new_cell, over_cell, total_cell, forward_cell = cells
        yield ctx.cell_finding(
            "A002", message, total_cell,
            related=[ctx.related(new_cell, APPLICATION_ROW_SHORT["new_received"]),
                     ctx.related(over_cell, APPLICATION_ROW_SHORT["carried_over"]),
                     ctx.related(forward_cell, APPLICATION_ROW_SHORT["carried_forward"])],
            cells=[new_cell, over_cell, forward_cell],
        )


def results_total(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    In every column of table 3, checks that (七)总计 equals the sum of every result row:
    (一)予以公开, (二)部分公开, the eight rows of (三)不予公开, the three of (四)无法提供,
    the five of (五)不予处理 and (六)其他处理 (one row under template 2019, three under
    template 2021).

    ## Why is this bad?
    (七)总计 is the number of applications answered this year. If the result rows do
    not add up to it, some answers are counted twice or not at all, and every share
    quoted in the text (予以公开占xx%) is wrong too.

    ## Example
    ```
    (一)予以公开           2
    (三)1.属于国家秘密     1
    (四)1.本机关不掌握     1
    (七)总计               3
    ```
    In column 总计 the results add up to 2+1+1 = 4, but (七)总计 says 3.

    ## How to fix
    Recount the answers of that column: correct (七)总计, or the result row that is wrong.
    """
    if ctx.table("applications") is None or ctx.rows_template is None:
        return
    rows = RESULT_ROW_IDS[ctx.rows_template]
    for column in APPLICATION_COLUMN_IDS:
        total_cell = ctx.cell("applications", f"total.{column}")
        parts = ctx.cells("applications", (f"{r}.{column}" for r in rows))
        if total_cell is None or parts is None:
            continue
        mismatch = _sum_mismatch(ctx, [*parts, total_cell])
        if mismatch is None:
            continue
        addends, stated, summed = mismatch
        nonzero = [(c, v) for c, v in zip(parts, addends, strict=True) if v != 0]
        if nonzero:
            # Labelled terms read the same in both languages: "(一)予以公开 2 + (三)1.… 1".
            terms = " + ".join(f"{APPLICATION_ROW_SHORT[c.row]} {fmt(v)}" for c, v in nonzero)
            added = (_("{terms} = {sum}").format(terms=terms, sum=fmt(summed))
                     if len(nonzero) > 1 else terms)
        else:
            added = _("0 (every result row is 0 or blank)")
        message = _("the result rows (一)–(六) add up to {added}, but (七)总计 = {total} in "
                    "column {column}").format(added=added, total=fmt(stated),
                                              column=column_label(column))
        # A zero in a row that its own row sum (A001) vouches for cannot explain the
        # gap; listing those would bury the cells that can.
        suspects = [c for c, v in zip(parts, addends, strict=True)
                    if v != 0 or not _row_verified(ctx, c.row)]
        yield ctx.cell_finding(
            "A003", message, total_cell,
            related=[ctx.related(c, APPLICATION_ROW_SHORT[c.row]) for c in suspects],
            cells=parts,
        )


def _row_verified(ctx: Context, row: str) -> bool:
    """Whether a table-3 row's numbers are confirmed by its own row sum (A001)."""
    cells = ctx.cells("applications", (f"{row}.{c}" for c in APPLICATION_COLUMN_IDS))
    if cells is None or all(is_empty(c) for c in cells[:-1]):
        return False
    values = ctx.values(cells)
    return values is not None and sum(values[:-1]) == values[-1]


def review_total(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    In each of the three groups of table 4 (行政复议; 行政诉讼 未经复议直接起诉; 行政诉讼
    复议后起诉), checks that 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.

    ## Why is this bad?
    Every case ends in one of the four states, so the total must be their sum. A
    mismatch means a case was counted twice, left out, or typed into the wrong cell.

    ## Example
    ```
    行政复议: 结果维持 1  结果纠正 1  其他结果 0  尚未审结 0  总计 1
    ```
    1+1+0+0 = 2, but 总计 says 1.

    ## How to fix
    Recount the cases of the group: correct 总计, or the result cell that is wrong.
    """
    if ctx.table("review_litigation") is None:
        return
    fields = [f for f, _label in REVIEW_FIELDS if f != "total"]
    for group, _label in REVIEW_GROUPS:
        cells = ctx.cells("review_litigation", (f"{group}.{f}" for f in (*fields, "total")))
        if cells is None:
            continue
        mismatch = _sum_mismatch(ctx, cells)
        if mismatch is None:
            continue
        parts, stated, summed = mismatch
        message = _("{group}: 维持+纠正+其他+尚未审结 = {parts} = {sum}, but 总计 = {total}").format(
            group=REVIEW_GROUP_NAMES[group], parts=fmt_sum(parts), sum=fmt(summed),
            total=fmt(stated))
        yield ctx.cell_finding(
            "A004", message, cells[-1],
            related=[ctx.related(c) for c in cells[:-1]],
            cells=cells[:-1],
            hint=_("Make 总计 {sum}, or correct the result cell that is wrong.").format(
                sum=fmt(summed)),
        )


_PUBLISHED_ITEMS = ("regulations", "normative_documents")
_COUNTED_ITEMS = ("licensing", "other_services", "penalty", "enforcement", "fees")


def active_bounds(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    In table 2 of template 2019 (主动公开), checks that 对外公开总数量 is at least
    本年新公开数量 for 规章 and 规范性文件, and that 上一年项目数量 + 本年增/减 is not below
    zero for 行政许可, 其他对外管理服务事项, 行政处罚, 行政强制 and 行政事业性收费.

    ## Why is this bad?
    The total published includes this year's publications, so it cannot be smaller;
    and an agency cannot drop more items than it had. Either number is then wrong.

    ## Example
    ```
    规范性文件   本年新制作 3   本年新公开 3   对外公开总数量 2
    行政许可     上一年项目数量 4   本年增/减 -6
    ```

    ## How to fix
    Correct the total published (it includes every earlier year), or the count and the change.
    """
    if ctx.template != "2019" or ctx.table("active_disclosure") is None:
        return
    for item in _PUBLISHED_ITEMS:
        cells = ctx.cells("active_disclosure", (f"{item}.new_published", f"{item}.total_published"))
        if cells is None:
            continue
        values = ctx.values(cells)
        if values is None:
            continue
        new, total = values
        if total >= new:
            continue
        new_cell, total_cell = cells
        message = _("{cell} = {total} is less than {field} = {new}").format(
            cell=ctx.name(total_cell), total=fmt(total), field=ctx.name(new_cell).split("·")[1],
            new=fmt(new))
        yield ctx.cell_finding("A005", message, total_cell, related=[ctx.related(new_cell)],
                               cells=[new_cell])
    for item in _COUNTED_ITEMS:
        cells = ctx.cells("active_disclosure", (f"{item}.prev_count", f"{item}.change"))
        if cells is None:
            continue
        values = ctx.values(cells)
        if values is None:
            continue
        prev, change = values
        if prev + change >= 0:
            continue
        prev_cell, change_cell = cells
        label = ctx.name(prev_cell).split("·")[0]
        message = _("{item}: 上一年项目数量 + 本年增/减 = {prev}+({change}) = {sum}, fewer than "
                    "none").format(item=label, prev=fmt(prev), change=fmt(change),
                                   sum=fmt(prev + change))
        yield ctx.cell_finding("A005", message, change_cell, related=[ctx.related(prev_cell)],
                               cells=[prev_cell])
