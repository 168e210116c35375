"""Y — across years: one agency's reports for consecutive years, checked together.

These rules run when ``nianbao check`` is given several reports of one agency (a
folder of its annual reports is the common case). The finding belongs to the
later report; the previous year's cells are related places in the other file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from nianbao.parser.i18n import _
from nianbao.parser.model.findings import Finding, Related
from nianbao.parser.model.refs import CellRef
from nianbao.parser.rules.common import (
    arithmetic_value,
    column_label,
    fmt,
    row_label,
    shown,
)
from nianbao.parser.rules.context import CellFact, YearPair, YearView
from nianbao.parser.template import APPLICATION_COLUMN_IDS, APPLICATION_ROW_SHORT

# Y004: share of this year's narrative found word for word in last year's.
SIMILARITY_THRESHOLD = 0.5
_MIN_SENTENCES = 3


def _elsewhere(view: YearView, cell: CellFact, message: str) -> Related:
    return Related(start=cell.start, end=cell.end, message=message,
                   cell=cell.ref, path=view.path)


def _here(cell: CellFact, message: str) -> Related:
    return Related(start=cell.start, end=cell.end, message=message,
                   cell=cell.ref)


def _known(cells: Iterable[CellFact | None]) -> list[Decimal] | None:
    out: list[Decimal] = []
    for cell in cells:
        value = None if cell is None else arithmetic_value(cell)
        if value is None:
            return None
        out.append(value)
    return out


def carried_over(pair: YearPair) -> Iterator[Finding]:
    """
    ## What it does
    For reports of one agency for consecutive years, checks in every column of table 3
    that 二、上年结转政府信息公开申请数量 of year Y equals 四、结转下年度继续办理 of year Y−1.
    总计 is always compared (a blank reads as 0); an applicant column only when both
    reports give a number in it.

    ## Why is this bad?
    The applications carried into this year are exactly those last year's report
    carried forward. A difference means one of the two reports is wrong, or
    applications went missing between them.

    ## Example
    The 2020 report carries 2 applications forward (四、结转下年度继续办理 总计 = 2); the
    2021 report says 二、上年结转 总计 = 0.

    ## How to fix
    Correct 二、上年结转 to last year's carried-forward count, or correct last year's report.
    """
    prev, cur = pair.prev, pair.cur
    for column in APPLICATION_COLUMN_IDS:
        now = cur.cells.get(CellRef("applications", "carried_over", column))
        before = prev.cells.get(CellRef("applications", "carried_forward", column))
        if now is None or before is None:
            continue
        if column != "total" and (now.kind != "number" or before.kind != "number"):
            continue
        values = _known([now, before])
        if values is None or values[0] == values[1]:
            continue
        message = _("{row} = {now} in column {column}, but the {year} report carried {before} "
                    "forward ({forward})").format(
            row=APPLICATION_ROW_SHORT["carried_over"], now=fmt(values[0]),
            column=column_label(column), year=prev.year, before=fmt(values[1]),
            forward=APPLICATION_ROW_SHORT["carried_forward"])
        note = _("{year}: {forward}·{column} = {raw}").format(
            year=prev.year, forward=APPLICATION_ROW_SHORT["carried_forward"],
            column=column_label(column), raw=shown(before.raw))
        yield pair.finding("Y001", message, now.start, now.end, cells=[now],
                           related=[_elsewhere(prev, before, note)])


def in_force(pair: YearPair) -> Iterator[Finding]:
    """
    ## What it does
    For two consecutive template-2021 reports of one agency, checks for 规章 and
    行政规范性文件 in table 2 that 现行有效件数(Y) = 现行有效件数(Y−1) + 本年制发件数(Y) −
    本年废止件数(Y).

    ## Why is this bad?
    The documents in force change only by those issued and those repealed. A
    difference means a count is wrong, or documents expired without being reported as
    废止 (失效 documents belong in 本年废止件数 too).

    ## Example
    2021: 现行有效 10. 2022: 本年制发 2, 本年废止 1, 现行有效 9 — expected 10+2−1 = 11.

    ## How to fix
    Recount the documents in force, issued and repealed; correct this year's or last year's figure.
    """
    prev, cur = pair.prev, pair.cur
    if cur.template != "2021" or prev.template != "2021":
        return
    for item in ("regulations", "normative_documents"):
        now = cur.cells.get(CellRef("active_disclosure", item, "in_force"))
        issued = cur.cells.get(CellRef("active_disclosure", item, "issued"))
        repealed = cur.cells.get(CellRef("active_disclosure", item, "repealed"))
        before = prev.cells.get(CellRef("active_disclosure", item, "in_force"))
        values = _known([now, issued, repealed, before])
        if values is None or now is None or issued is None or repealed is None \
                or before is None:
            continue
        stated, add, drop, last = values
        expected = last + add - drop
        if stated == expected:
            continue
        label = row_label("active_disclosure", item, "2021")
        message = _("{item}: 现行有效 = {now}, but {year}'s 现行有效 + 本年制发 − 本年废止 = "
                    "{last}+{issued}−{repealed} = {expected}").format(
            item=label, now=fmt(stated), year=prev.year, last=fmt(last), issued=fmt(add),
            repealed=fmt(drop), expected=fmt(expected))
        related = [_here(issued, _("本年制发 = {raw}").format(raw=shown(issued.raw))),
                   _here(repealed, _("本年废止 = {raw}").format(raw=shown(repealed.raw))),
                   _elsewhere(prev, before, _("{year}: 现行有效 = {raw}").format(
                       year=prev.year, raw=shown(before.raw)))]
        yield pair.finding("Y002", message, now.start, now.end, cells=[now, issued, repealed],
                           related=related)


_ITEMS_2019 = ("licensing", "other_services", "penalty", "enforcement", "fees")


def item_counts(pair: YearPair) -> Iterator[Finding]:
    """
    ## What it does
    For two consecutive template-2019 reports of one agency, checks for 行政许可,
    其他对外管理服务事项, 行政处罚, 行政强制 and 行政事业性收费 in table 2 that
    上一年项目数量(Y) = 上一年项目数量(Y−1) + 本年增/减(Y−1).

    ## Why is this bad?
    Last year's count plus last year's change is the number of items at the start of
    this year. A difference means one of the counts, or the change, is wrong.

    ## Example
    2019: 行政许可 上一年项目数量 12, 本年增/减 −2. 2020: 上一年项目数量 12 — expected 10.

    ## How to fix
    Correct this year's 上一年项目数量, or last year's count or change.
    """
    prev, cur = pair.prev, pair.cur
    if cur.template != "2019" or prev.template != "2019":
        return
    for item in _ITEMS_2019:
        now = cur.cells.get(CellRef("active_disclosure", item, "prev_count"))
        last = prev.cells.get(CellRef("active_disclosure", item, "prev_count"))
        change = prev.cells.get(CellRef("active_disclosure", item, "change"))
        values = _known([now, last, change])
        if values is None or now is None or last is None or change is None:
            continue
        stated, before, delta = values
        if stated == before + delta:
            continue
        label = row_label("active_disclosure", item, "2019")
        message = _("{item}: 上一年项目数量 = {now}, but the {year} report gives "
                    "{before}+({change}) = {expected}").format(
            item=label, now=fmt(stated), year=prev.year, before=fmt(before), change=fmt(delta),
            expected=fmt(before + delta))
        related = [_elsewhere(prev, last, _("{year}: 上一年项目数量 = {raw}").format(
                       year=prev.year, raw=shown(last.raw))),
                   _elsewhere(prev, change, _("{year}: 本年增/减 = {raw}").format(
                       year=prev.year, raw=shown(change.raw)))]
        yield pair.finding("Y003", message, now.start, now.end, cells=[now], related=related)


def similarity(this: Sequence[int], last: Sequence[int]) -> float:
    """The share of this year's prose, by characters, in sentences last year's report had.

    Both are :func:`~nianbao.parser.rules.context.fingerprint` arrays (hash << 32 | length).
    """
    mask = 0xFFFFFFFF
    total = sum(entry & mask for entry in this)
    if not total:
        return 0.0
    before = {entry >> 32 for entry in last}
    return sum(entry & mask for entry in this if entry >> 32 in before) / total


def repeated_text(pair: YearPair) -> Iterator[Finding]:
    """
    ## What it does
    Compares the prose of a report (tables left out) with the same agency's report of
    the year before, sentence by sentence, and reports it when over half of it (by
    characters) is sentences last year's report already had word for word — numbers
    aside, so a sentence that only changed its year or its figures counts as repeated.

    ## Why is this bad?
    国办公开办函〔2021〕30号 criticises reports whose 内容雷同; local assessments deduct
    points when more than half of the text repeats last year's. A copied report rarely
    describes this year's work.

    ## Example
    The 2021 report is the 2020 report with 2020 replaced by 2021.

    ## How to fix
    Describe this year's work, problems and improvements in this year's words.
    """
    prev, cur = pair.prev, pair.cur
    if len(cur.fingerprint) < _MIN_SENTENCES or len(prev.fingerprint) < _MIN_SENTENCES:
        return
    share = similarity(cur.fingerprint, prev.fingerprint)
    if share <= SIMILARITY_THRESHOLD:
        return
    message = _("{share} of the text repeats the {year} report of the same agency ({path})").format(
        share=f"{share:.0%}", year=prev.year, path=prev.path)
    yield pair.finding("Y004", message, cur.anchor, None,
                       related=[Related(start=prev.anchor, end=prev.anchor + 1,
                                        message=_("the {year} report").format(year=prev.year),
                                        path=prev.path)])
