"""S — structure: the six sections, their headings, the three tables and their rows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from nianbao.parser.i18n import _, ngettext, pgettext, quote
from nianbao.parser.model.findings import Finding, Related
from nianbao.parser.model.refs import CellRef
from nianbao.parser.model.report import RowInfo
from nianbao.parser.reading.normalize import match_key, normalize_char_text
from nianbao.parser.rules.common import TABLE_NAMES, field_label, full_row_label, row_label
from nianbao.parser.rules.context import Context
from nianbao.parser.template import (
    ACTIVE_ITEMS,
    APPLICATION_COLUMN_IDS,
    APPLICATION_ROWS,
    CHINESE_NUMERALS,
    OLD_OTHER_ROW,
    REVIEW_CELL_IDS,
    SECTIONS,
    TABLE_IDS,
    TABLE_SECTIONS,
    TableId,
    TemplateId,
    cell_label,
)


def _numeral(number: int) -> str:
    return CHINESE_NUMERALS[number - 1] if 1 <= number <= len(CHINESE_NUMERALS) else str(number)


def _old_structure(ctx: Context) -> bool:
    """No section of the six at all: not this template (pre-2019 reports, other documents)."""
    return not ctx.report.sections


def missing_section(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Checks that the report has the six sections of the national template: 一、总体情况,
    二、主动公开政府信息情况, 三、收到和处理政府信息公开申请情况, 四、政府信息公开行政复议、
    行政诉讼情况, 五、存在的主要问题及改进情况, 六、其他需要报告的事项. When none of them is
    found (a report of the pre-2019 structure, or not an annual report), that is one
    finding, not six.

    ## Why is this bad?
    条例第五十条 fixes the contents of the annual report, and 国办公开办函〔2019〕60号 and
    〔2021〕30号 fix its format. Review bulletins count a missing part (no 复议/诉讼 section,
    问题及改进 not written) as a defect of the report.

    ## Example
    A report that goes from 三、收到和处理政府信息公开申请情况 straight to
    五、存在的主要问题及改进情况 has no section 四.

    ## How to fix
    Add the missing section with its standard heading; write 无 or the zero counts if there is nothing to report.
    """
    report = ctx.report
    if _old_structure(ctx):
        year = report.meta.year
        why = (_("a {year} report, before the 2019 template").format(year=year)
               if year is not None and year < 2019
               else _("the report may follow an older structure, or not be an annual report"))
        yield ctx.finding("S001", _("none of the six standard sections (一、总体情况 … "
                                    "六、其他需要报告的事项) was found: {why}").format(why=why),
                          None, None)
        return
    present = {s.number for s in report.sections}
    for spec in SECTIONS:
        if spec.number in present:
            continue
        after = [s for s in report.sections if s.number > spec.number]
        before = [s for s in report.sections if s.number < spec.number]
        if after:
            anchor = after[0]
            message = _("section {heading} is missing (expected before {anchor})")
        else:
            anchor = before[-1]
            message = _("section {heading} is missing (expected after {anchor})")
        start, end = anchor.start, anchor.heading_end
        if after and before:
            place = _after_table(ctx, before[-1].number, after[0].start)
            if place is not None:
                start, end = place
        yield ctx.finding(
            "S001", message.format(heading=spec.standard, anchor=anchor.heading),
            start, end,
            hint=_("Add the section {heading}; write 无 if there is nothing to report.").format(
                heading=spec.standard),
        )


def _after_table(ctx: Context, section: int, limit: int) -> tuple[int, int] | None:
    """Where a missing section's text begins when the section before it ends with its
    table: the first line of words after the table's last cell (markdown rules and blank
    lines are the table's), if it comes before ``limit``, the next heading."""
    table_id = next((t for t, n in TABLE_SECTIONS.items() if n == section), None)
    table = ctx.table(table_id) if table_id is not None else None
    if table is None or not table.cells:
        return None
    index = ctx.report.line_index
    last = max(cell.end for cell in table.cells.values())
    line = index.line_of(last) + 2  # 1-based: the line after the last cell's
    while line <= index.line_count:
        begin = index.line_start(line)
        if begin >= limit:
            return None
        text = index.line_text(line)
        if _WORDS.search(text):
            offset = begin + len(text) - len(text.lstrip())
            return offset, max(offset + 1, index.line_end(line))
        line += 1
    return None


_WORDS = re.compile(r"[A-Za-z\u3400-\u4dbf\u4e00-\u9fff]")


def nonstandard_heading(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Compares each section heading with the wording of the national template (ignoring
    spaces, full- or half-width punctuation and PDF radicals). Wordings seen in many
    reports (一、本年度政府信息公开工作的基本情况) are still reported, as information.

    ## Why is this bad?
    The template fixes the headings so that reports can be read and compared the
    same way everywhere; review bulletins list non-standard headings among the defects.

    ## Example
    ```
    五、存在的主要问题及下一步改进措施
    ```
    The template says 五、存在的主要问题及改进情况.

    ## How to fix
    Use the standard heading.
    """
    for section in ctx.report.sections:
        if section.standard:
            continue
        spec = SECTIONS[section.number - 1]
        key = match_key(section.heading)
        known = any(match_key(v) == key for v in spec.variants)
        message = (_("heading {heading} (a common variant) differs from the standard {standard}")
                   if known else _("heading {heading} differs from the standard {standard}"))
        yield ctx.finding(
            "S002", message.format(heading=quote(section.heading), standard=quote(spec.standard)),
            section.start, section.heading_end,
            hint=_("Use the standard heading {standard}.").format(standard=spec.standard),
        )


def heading_order(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Reports a heading numbered like a section (一、 … 六、) whose number repeats the
    current section's or goes back to an earlier one, such as a second 一、 or a
    三、下步打算 inside section 五.

    ## Why is this bad?
    The report then seems to start again or to have two sections with one number. It
    usually shows a copied block (a second 总体情况), or sub-headings numbered like
    sections, which readers and tools take for a new section.

    ## Example
    ```
    一、总体情况
    …
    一、政务信息公开总体情况
    ```

    ## How to fix
    Remove the duplicated block, or number sub-headings differently ((一)、(二) or 1、2).
    """
    report = ctx.report
    for anomaly in report.heading_anomalies:
        current = report.section(anomaly.previous)
        related: list[Related] = []
        if current is not None:
            related.append(Related(start=current.start, end=current.heading_end,
                                   message=_("section {numeral} begins here").format(
                                       numeral=_numeral(current.number))))
        numeral = _numeral(anomaly.number)
        if anomaly.kind == "repeat":
            message = _("section number {numeral} repeats: {heading}").format(
                numeral=numeral, heading=quote(anomaly.heading))
        else:
            message = _("section number {numeral} goes backwards inside section {current}: "
                        "{heading}").format(numeral=numeral, current=_numeral(anomaly.previous),
                                            heading=quote(anomaly.heading))
        end = anomaly.start + len(anomaly.heading)
        yield ctx.finding("S003", message, anomaly.start, end, related=related)


def missing_table(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Checks that the three tables of the template are there: table 2 (主动公开政府信息情况),
    table 3 (收到和处理政府信息公开申请情况) and table 4 (行政复议、行政诉讼情况).

    ## Why is this bad?
    The tables are the mandatory, comparable part of the report. Without them, the
    numbers cannot be checked or compiled, whatever the text says.

    ## Example
    Section 三 says "本年度未收到政府信息公开申请" and stops: table 3 is missing, even
    when all its numbers would be 0.

    ## How to fix
    Add the table in the template's form, with 0 in the cells that count nothing.
    """
    if _old_structure(ctx):
        return
    for table_id in TABLE_IDS:
        if ctx.table(table_id) is not None:
            continue
        section = ctx.report.section(TABLE_SECTIONS[table_id])
        start = section.start if section else None
        end = section.heading_end if section else None
        table_name = _(TABLE_NAMES[table_id])
        yield ctx.finding("S004", _("{table} is not found").format(table=table_name), start, end,
                          hint=_("Add {table} in the template's form.").format(table=table_name))


def missing_row(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Checks that every row of tables 2 and 3 is there, under the template the report
    follows: the eight items of table 2 (template 2019) or six (template 2021), and the
    26 or 28 rows of table 3.

    ## Why is this bad?
    A missing row hides a count (a 不予公开 reason, a result category), and the sums
    that include it can no longer be checked. Often the row was lost when the table
    was copied out of Word or a PDF.

    ## Example
    Table 3 goes from 7.属于行政执法案卷 straight to (四)无法提供: 8.属于行政查询事项 is missing.

    ## How to fix
    Restore the row with its numbers (0 where it counts nothing).
    """
    if ctx.template is None:
        return
    wanted: dict[TableId, list[tuple[str, str]]] = {
        "active_disclosure": [(item.id, item.label) for item in ACTIVE_ITEMS[ctx.template]],
        "applications": [(spec.id, full_row_label(ctx.rows_template or ctx.template, spec.id))
                         for spec in APPLICATION_ROWS[ctx.rows_template or ctx.template]],
    }
    for table_id, rows in wanted.items():
        table = ctx.table(table_id)
        if table is None:
            continue
        found = {row.id: row for row in table.rows}
        unfilled = label_only_rows(ctx, table_id)
        for index, (row_id, label) in enumerate(rows):
            if row_id in found or row_id in unfilled:
                continue
            following = [found[r].start for r, _ in rows[index + 1:] if r in found]
            start = following[0] if following else (table.start or 0)
            yield ctx.finding(
                "S005", _("{table} has no row {label}").format(table=_(TABLE_NAMES[table_id]),
                                                               label=label), start, None,
                hint=_("Restore the row {label} with its numbers (0 where it counts nothing).")
                .format(label=label),
            )


def label_only_rows(ctx: Context, table_id: TableId) -> dict[str, tuple[int, int]]:
    """Template rows the parser placed no cell in, whose label is in the table's text.

    A PDF drops blank cells, so a row of blanks arrives as its label alone: the row
    is there (not S005), its cells are not (S007). Values: the label line's span.
    """
    return ctx.shared(f"label_only:{table_id}", lambda: _label_only_rows(ctx, table_id))


def _label_only_rows(ctx: Context, table_id: TableId) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    table = ctx.table(table_id)
    if table is not None and ctx.template is not None and table_id != "review_litigation":
        template = ctx.rows_template or ctx.template
        keys = _row_keys(template)
        found = {row.id for row in table.rows} | {c.rpartition(".")[0] for c in table.cells}
        for row_id, row_keys in keys.items():
            if row_id in found or not row_id_in_table(row_id, table_id, template):
                continue
            span = _label_line(ctx, table.start, table.end, row_keys)
            if span is not None:
                out[row_id] = span
    return out


def row_id_in_table(row_id: str, table_id: TableId, template: TemplateId) -> bool:
    if table_id == "active_disclosure":
        return any(item.id == row_id for item in ACTIVE_ITEMS[template])
    return any(spec.id == row_id for spec in APPLICATION_ROWS[template])


_MIN_KEY = 4  # shorter keys (总计, 其他) occur inside other labels


@lru_cache(maxsize=2)
def _row_keys(template: TemplateId) -> dict[str, tuple[str, ...]]:
    keys: dict[str, tuple[str, ...]] = {}
    for item in ACTIVE_ITEMS[template]:
        keys[item.id] = tuple(match_key(n) for n in (item.label, *item.aliases))
    for spec in APPLICATION_ROWS[template]:
        keys[spec.id] = (match_key(spec.key),)
    return {row: tuple(k for k in ks if len(k) >= _MIN_KEY) for row, ks in keys.items()}


def _label_line(ctx: Context, start: int | None, end: int | None,
                keys: tuple[str, ...]) -> tuple[int, int] | None:
    """(start, end) of the line in the table region whose words hold one of ``keys``."""
    if start is None or end is None or not keys:
        return None
    index = ctx.report.line_index
    first = index.line_of(start) + 1
    last = index.line_of(max(start, end - 1)) + 1
    for line in range(first, last + 1):
        key = match_key(index.line_text(line))
        if any(k in key for k in keys):
            return index.line_start(line), max(index.line_end(line), index.line_start(line) + 1)
    return None


def _expected_cells(ctx: Context, table_id: TableId, row_id: str) -> int:
    if table_id == "applications":
        return len(APPLICATION_COLUMN_IDS)
    for item in ACTIVE_ITEMS[ctx.template or "2019"]:
        if item.id == row_id:
            return len(item.fields)
    return 1


def recovered_row(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Reports a row of numbers that had no readable label and was placed in the one
    free template row between its neighbours. Its numbers are checked as that row's.

    ## Why is this bad?
    The placement is an inference: if the table really lost a different row, the
    numbers are attributed to the wrong category. Readers of the published report
    cannot tell what the row means at all.

    ## Example
    ```
    7.属于行政执法案卷 | | | | | | | |
    0 | | | | | | 0 |
    (四)无法提供 | 1.本机关不掌握相关政府信息 | 0 | …
    ```
    The second row is placed as 8.属于行政查询事项.

    ## How to fix
    Restore the row's label.
    """
    for table_id in TABLE_IDS:
        table = ctx.table(table_id)
        if table is None:
            continue
        for row in table.rows:
            if not row.recovered:
                continue
            label = (full_row_label(ctx.template, row.id)
                     if ctx.template and table_id == "applications" else row.id)
            line_end = ctx.report.line_index.line_end(ctx.report.position(row.start).line)
            yield ctx.finding(
                "S006", _("a row without a readable label was placed as {label} by its position "
                          "between its neighbours").format(label=label),
                row.start, max(row.start + 1, line_end),
                cells=[c for c in table.cells.values() if c.row == row.id],
                hint=_("Restore the label {label}.").format(label=label),
            )


def cell_count(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Reports a row whose number of cells differs from the template's: 7 per row of
    table 3, 15 on the table-4 line, 1 to 3 per item of table 2. When cells are
    missing and nothing tells which, the row's numbers are not assigned to columns and
    its sums are not checked.

    ## Why is this bad?
    A missing or extra cell shifts the numbers into the wrong columns; guessing would
    check, and report, the wrong figures.

    ## Example
    ```
    0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
    ```
    Table 4 with 12 of its 15 cells: which three are missing cannot be told.

    ## How to fix
    Restore the missing cells (0 where they count nothing), or remove the extra ones.
    """
    for table_id in TABLE_IDS:
        table = ctx.table(table_id)
        if table is None and table_id == "review_litigation":
            table = ctx.report.tables.get(table_id)
            if table is None or not table.rows:
                continue
        if table is None:
            continue
        for row in table.rows:
            if row.glued is not None:
                if not row.assigned:
                    yield _glued_finding(ctx, table_id, row)
                continue
            if row.lost:
                yield _lost_cells(ctx, table_id, row)
                continue
            if row.cells_found == row.cells_expected:
                continue
            found, expected = row.cells_found, row.cells_expected
            if found > expected:
                message = _("{what} has {found} cells where the template has {expected}")
            else:
                message = _("{what} has {found} of {expected} cells")
            message = message.format(what=_row_name(ctx, table_id, row), found=found,
                                     expected=expected)
            if not row.assigned:
                message += _("; which are missing cannot be told, so its numbers are not checked")
            line_end = ctx.report.line_index.line_end(ctx.report.position(row.start).line)
            yield ctx.finding("S007", message, row.start, max(row.start + 1, line_end))
        if table_id == "review_litigation" or ctx.template is None:
            continue
        for row_id, (start, end) in label_only_rows(ctx, table_id).items():
            if table_id == "applications":
                label = full_row_label(ctx.template, row_id)
            else:
                label = row_label(table_id, row_id, ctx.template)
            expected = _expected_cells(ctx, table_id, row_id)
            yield ctx.finding("S007", _("{what} has 0 of {expected} cells: no number follows its "
                                        "label").format(what=_("row {label}").format(label=label),
                                                        expected=expected), start, end)


def _lost_cells(ctx: Context, table_id: TableId, row: RowInfo) -> Finding:
    """S007 for cells a converter lost: empty where every other cell holds a number."""
    names = pgettext("list", ", ").join(field_label(table_id, cell_id, ctx.template)
                                         for cell_id in row.lost)
    start = row.lost_at if row.lost_at is not None else row.start
    message = _("{what} has {found} of {expected} cells: {names} is empty where every other "
                "cell of the table holds a number (lost when the text was made), so the sums "
                "that need it are not checked").format(
        what=_row_name(ctx, table_id, row), found=row.cells_found,
        expected=row.cells_expected, names=names)
    return ctx.finding(
        "S007", message, start, start + 1,
        cells=[CellRef.of(table_id, cell_id) for cell_id in row.lost],
        hint=_("Restore the missing cell from the original report."))


def _row_name(ctx: Context, table_id: TableId, row: RowInfo) -> str:
    if table_id == "review_litigation":
        return _("the table-4 line")
    if table_id == "applications" and ctx.template:
        return _("row {label}").format(label=full_row_label(ctx.template, row.id))
    return _("row {label}").format(label=row.label or row.id)


_SHOWN_READINGS = 8


def _glued_finding(ctx: Context, table_id: TableId, row: RowInfo) -> Finding:
    """S007 for cells run together that the identities do not decide: the readings,
    never a guess, and the cells left out."""
    table = ctx.report.tables[table_id]
    if table_id == "review_litigation":
        ids = list(REVIEW_CELL_IDS)
    elif table_id == "applications":
        ids = [f"{row.id}.{column}" for column in APPLICATION_COLUMN_IDS]
    else:
        ids = [f"{row.id}.{field}" for item in ACTIVE_ITEMS[ctx.template or "2019"]
               if item.id == row.id for field, _ in item.fields]
    left_out = [CellRef.of(table_id, cell_id) for cell_id in ids if cell_id not in table.cells]
    digits = row.glued or ""
    head = _("{what} has its {expected} cells run together as {digits}").format(
        what=_row_name(ctx, table_id, row), expected=row.cells_expected, digits=digits)
    readings = row.candidates
    separator = pgettext("list", ", ")
    if row.too_many:
        tail = _("; there are too many ways to cut it to try them all")
    elif not readings:
        tail = _("; no way to cut it fits the template's sums")
    else:
        shown = separator.join(readings[:_SHOWN_READINGS])
        more = len(readings) - _SHOWN_READINGS
        if more > 0:
            shown += pgettext("readings", " and {n} more").format(n=more)
        tail = _("; {n} readings fit the template: {readings}").format(n=len(readings),
                                                                       readings=shown)
    names = separator.join(cell_label(table_id, ctx.template or "2019", ref.id)
                           for ref in left_out[:4])
    if len(left_out) > 4:
        names += pgettext("cells", " and {n} more").format(n=len(left_out) - 4)
    start = row.glued_start if row.glued_start is not None else row.start
    message = ngettext("{head}{tail}, so {names} is not read and the sums that need them are "
                       "not checked",
                       "{head}{tail}, so {names} are not read and the sums that need them are "
                       "not checked", len(left_out)).format(head=head, tail=tail, names=names)
    return ctx.finding(
        "S007", message, start, start + max(1, len(digits)), cells=left_out,
        hint=_("Check the cells against the original table and write them with separators."))


def unknown_row(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Reports a row of numbers inside a table whose label matches no row of the template
    (nor of the other template).

    ## Why is this bad?
    Its numbers are not part of any checked sum. Either the row was added (local
    additions belong in the text, not the table), or its label was mangled so badly
    that the row it stands for is now missing.

    ## Example
    ```
    (三)不予公开 9.其他 0 0 0 0 0 0 0
    ```

    ## How to fix
    Use the template's row label, or move the extra figure into the text.
    """
    for table_id in TABLE_IDS:
        table = ctx.table(table_id)
        if table is None:
            continue
        for stray in table.stray_rows:
            label = normalize_char_text(stray.label).strip()
            # The label may have been joined across lines: mark it on its first line only.
            index = ctx.report.line_index
            end = min(stray.start + len(stray.label),
                      index.line_end(index.line_of(stray.start) + 1))
            yield ctx.finding(
                "S008", ngettext("row {label} in {table} matches no template row ({n} number "
                                 "not checked)",
                                 "row {label} in {table} matches no template row ({n} numbers "
                                 "not checked)", stray.values).format(
                    label=quote(label), table=_(TABLE_NAMES[table_id]), n=stray.values),
                stray.start, max(end, stray.start + 1),
            )


def old_other_row(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Reports a table 3 of template 2021 that keeps template 2019's single row
    （六）其他处理 where template 2021 has three sub-rows (1.申请人无正当理由逾期不补正…,
    2.申请人逾期未按收费通知要求缴纳费用…, 3.其他). The row is read as template 2019's
    row and its numbers take part in the sums; the three sub-rows are not reported missing.

    ## Why is this bad?
    国办公开办函〔2021〕30号 split 其他处理 so that the applications dropped for lack of
    a correction or of a fee can be counted apart. A report in the old form cannot be
    compiled with other agencies' reports of the same year, row for row.

    ## Example
    ```
    （五）不予处理 5.要求行政机关确认或重新出具已获取信息  0 0 0 0 0 0 0
    （六）其他处理                                          0 0 0 0 0 0 0
    （七）总计                                              21 0 0 0 0 0 21
    ```

    ## How to fix
    Use the current template: split （六）其他处理 into its three sub-rows.
    """
    if ctx.template != "2021" or ctx.rows_template != "2019":
        return
    table = ctx.table("applications")
    row = None if table is None else next((r for r in table.rows if r.id == OLD_OTHER_ROW), None)
    if table is None or row is None:
        return
    start = row.label_start if row.label_start is not None else row.start
    index = ctx.report.line_index
    end = max(start + 1, min(start + max(len(row.label), 1), index.line_end(index.line_of(start) + 1)))
    yield ctx.finding(
        "S010", _("table 3 keeps template 2019's single row （六）其他处理 where template 2021 "
                  "has three sub-rows (1.逾期不补正, 2.逾期未缴纳费用, 3.其他); its numbers are "
                  "read as that one row"), start, end,
        cells=[c for c in table.cells.values() if c.row == OLD_OTHER_ROW],
        hint=_("Split （六）其他处理 into the three sub-rows of template 2021."),
    )


_EMPTY_WORDS = re.compile(r"^(无|暂无|没有|无问题|无其他|略|/|—+|-+)?$")
_PROBLEM_WORDS = ("问题", "不足", "困难", "差距", "薄弱", "短板", "欠缺", "不够", "有待", "不到位",
                  "不高", "不强", "不多", "不全", "单一", "紧缺", "滞后", "缺乏")
_IMPROVE_WORDS = ("改进", "措施", "下一步", "下步", "今后", "将", "计划", "打算", "加强", "提升",
                  "完善", "推进", "加大", "提高", "努力", "继续", "进一步", "方向", "强化", "优化")


def empty_problems(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Reads section 五 (存在的主要问题及改进情况) and reports it when it is empty or just 无,
    or when it names no problem (问题, 不足, 困难 …) or no improvement (改进, 措施, 下一步,
    加强 …).

    ## Why is this bad?
    The template asks every agency to state its main problems and what it will do
    about them. Review bulletins list "问题及改进 not filled in" among the usual defects,
    and 国办公开办函〔2021〕30号 criticises 敷衍塞责 reports.

    ## Example
    ```
    五、存在的主要问题及改进情况
    无。
    ```

    ## How to fix
    Describe the main problems of the year and the concrete improvements planned.
    """
    section = ctx.report.section(5)
    if section is None:
        return
    body = match_key(ctx.report.text[section.heading_end:section.end])
    if _EMPTY_WORDS.match(body):
        message = (_("section 五 is empty: it names no problem and no improvement") if not body
                   else _("section 五 says only {body}: it names no problem and no "
                          "improvement").format(body=quote(body)))
        yield ctx.finding("S009", message, section.start, section.heading_end)
        return
    missing = [name for name, words in (("problem", _PROBLEM_WORDS),
                                        ("improvement", _IMPROVE_WORDS))
               if not any(word in body for word in words)]
    if missing:
        if missing == ["problem"]:
            message = _("section 五 names no problem")
        elif missing == ["improvement"]:
            message = _("section 五 names no improvement")
        else:
            message = _("section 五 names no problem and no improvement")
        yield ctx.finding("S009", message, section.start, section.heading_end)
