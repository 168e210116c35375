"""M — metadata: year, template, publication date, statistics period, agency."""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.parser.i18n import N_, _
from nianbao.parser.model.findings import Finding, Related
from nianbao.parser.rules.common import date_text
from nianbao.parser.rules.context import Context
from nianbao.parser.template import NOTICE_2019, NOTICE_2021, TemplateId


def expected_template(year: int) -> TemplateId | None:
    """The template a report of ``year`` must follow (None before 2019)."""
    if year < 2019:
        return None
    return "2019" if year <= 2020 else "2021"


_NOTICE: dict[TemplateId, str] = {"2019": NOTICE_2019, "2021": NOTICE_2021}
_YEARS: dict[TemplateId, str] = {"2019": N_("2019–2020 reports"),
                                  "2021": N_("reports from 2021 on")}


def missing_year(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Reports a text in which no report year can be found: not in the title, the
    statistics period, the opening lines or the publication date.

    ## Why is this bad?
    The year decides which template applies, when the report was due and which
    reports it follows on from; without it none of that can be checked. A report
    whose title has no year cannot be told apart from the agency's other reports.

    ## Example
    ```
    政府信息公开工作年度报告
    ```
    A title without a year, no statistics period, and no date anywhere in the text.

    ## How to fix
    Put the year in the title: 〇〇局2021年政府信息公开工作年度报告.
    """
    if ctx.report.meta.year is None:
        title = ctx.report.meta.title_at
        yield ctx.finding("M001", _("the report year cannot be found in the title, the "
                                    "statistics period or the text"),
                          title.start if title else None,
                          title.end if title else None)


def template_mismatch(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Checks that the tables follow the template of the report's year: template 2019
    (国办公开办函〔2019〕60号) for the 2019 and 2020 reports, template 2021 (国办公开办函
    〔2021〕30号) from the 2021 reports on; and that the text does not cite the notice of
    the other template.

    ## Why is this bad?
    The 2021 template changed table 2 (本年制发/废止/现行有效) and split (六)其他处理 in
    table 3. A report on the old template leaves out figures the new one requires, and
    citing the superseded notice shows the report was copied from an earlier year.

    ## Example
    A 2021 report that says "按照《关于政府信息公开工作年度报告有关事项的通知》（国办【2019】60号）".

    ## How to fix
    Use the template of the report's year, and cite its notice.
    """
    meta = ctx.report.meta
    if meta.year is None:
        return
    wanted = expected_template(meta.year)
    if wanted is None:
        return
    year_related = ([Related(start=meta.year_at.start, end=meta.year_at.end,
                             message=_("the report year {year}").format(year=meta.year))]
                    if meta.year_at is not None else [])
    if meta.template_source == "tables" and meta.template is not None and meta.template != wanted:
        # Table 2 differs most between the templates; point at its section heading.
        section = ctx.report.section(2) or ctx.report.section(3)
        start = section.start if section is not None else None
        end = section.heading_end if section is not None else None
        yield ctx.finding(
            "M002", _("the tables follow template {used} ({used_notice}), but a {year} report "
                      "uses template {wanted} ({notice})").format(
                used=meta.template, used_notice=_NOTICE[meta.template], year=meta.year,
                wanted=wanted, notice=_NOTICE[wanted]),
            start, end, related=year_related,
            hint=_("Redo the tables on template {wanted} ({notice}).").format(
                wanted=wanted, notice=_NOTICE[wanted]),
        )
    for notice in meta.notices:
        if notice.template == wanted:
            continue
        yield ctx.finding(
            "M002", _("the text cites {cited}, the notice of template {used} ({years}), in a "
                      "{year} report; it follows {notice}").format(
                cited=notice.text, used=notice.template, years=_(_YEARS[notice.template]),
                year=meta.year, notice=_NOTICE[wanted]),
            notice.start, notice.start + len(notice.text),
            related=year_related,
            hint=_("Cite {notice}, the notice for {year} reports.").format(
                notice=_NOTICE[wanted], year=meta.year),
        )


def published_late(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Compares the publication date found in the text with the deadline of 条例第四十九条:
    departments publish their report by 31 January of the next year; 县级以上地方人民政府
    publish their own by 31 March. The agency's name says which applies (…人民政府 of a
    省、市、县、区、旗、盟 or 自治州, or a body that reports for a whole area such as a
    综合实验区, is a local government; a 局、委、办公室, a 区政府办公室 or a township is not);
    when it does not, nothing is reported. A web page's 采集时间 is not a publication
    date; its 发布时间, or the date under the signature, is.

    ## Why is this bad?
    A late report breaks the regulation; 国办公开办函〔2021〕30号 lists 不按时发布 first
    among the problems to correct, and review bulletins deduct for it.

    ## Example
    A 2020 report of a 科技局 dated 2021年3月5日.

    ## How to fix
    Publish by the deadline; if the date in the text is the wrong one (a draft date), correct it.
    """
    meta = ctx.report.meta
    deadline = meta.deadline
    if meta.published is None or deadline is None:
        return  # no date, no year, or no telling whose report it is
    if meta.is_local_government:
        who = _("a local government's own report is due by 31 March")
    else:
        who = _("a department's report is due by 31 January")
    if meta.published <= deadline:
        return
    late = (meta.published - deadline).days
    at = meta.published_at
    yield ctx.finding(
        "M003", (_("published {date}, {days} days after the deadline {deadline} (条例第四十九条: "
                   "{who}; {agency} is taken as a local government)")
                 if meta.is_local_government else
                 _("published {date}, {days} days after the deadline {deadline} (条例第四十九条: "
                   "{who}; {agency} is taken as a department)")).format(
            date=date_text(meta.published), days=late, deadline=date_text(deadline), who=who,
            agency=meta.agency),
        at.start if at else None, at.end if at else None,
    )


def missing_published(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Reports a text with no publication date: none in a web-page header (发布时间), under
    the signature at the end, or after a covering notice.

    ## Why is this bad?
    Without a date, nobody can tell whether the report was published on time
    (条例第四十九条), or which version of it this is.

    ## Example
    A report that ends with its section 六 and no signature or date.

    ## How to fix
    Sign the report with the agency's name and the date of publication.
    """
    meta = ctx.report.meta
    if meta.published is None:
        # About the whole file: there is no place where a date is missing.
        yield ctx.finding("M004", _("no publication date in the text"), None, None)


def year_contradiction(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Compares the report year with the year in the title and with the statistics
    period (所列数据的统计期限自…至…): both must be the report year.

    ## Why is this bad?
    A period or title from another year is the classic sign of a report copied from
    last year and not fully updated: the figures may be last year's too.

    ## Example
    ```
    2021年政府信息公开工作年度报告
    本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。
    ```

    ## How to fix
    Correct the title or the period, and check the figures are this year's.
    """
    meta = ctx.report.meta
    if meta.year is None:
        return
    if meta.title_year is not None and meta.title_year != meta.year and meta.title_at:
        yield ctx.finding("M005", _("the title says {title_year}, but the report year is {year}")
                          .format(title_year=meta.title_year, year=meta.year),
                          meta.title_at.start, meta.title_at.end)
    if meta.period is not None:
        first, last = meta.period
        if first.year != meta.year or last.year != meta.year:
            at = meta.period_at
            yield ctx.finding(
                "M005", _("the statistics period {first} – {last} is not within the report "
                          "year {year}").format(first=date_text(first), last=date_text(last),
                                                year=meta.year),
                at.start if at else None,
                at.end if at else None,
            )


def missing_agency(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Reports a text in which the publishing agency cannot be found: not in the title,
    the signature or the web-page header (发布机构).

    ## Why is this bad?
    A report must say whose it is. nianbao also needs the agency to compare the
    report with the same agency's other years (the Y rules).

    ## Example
    ```
    2021年政府信息公开工作年度报告
    ```
    A title without the agency's name, and no signature or page header naming it.

    ## How to fix
    Name the agency in the title: 〇〇市〇〇局2021年政府信息公开工作年度报告.
    """
    meta = ctx.report.meta
    if meta.agency is None:
        at = meta.title_at
        yield ctx.finding("M006", _("the agency cannot be found in the title, the signature or "
                                    "the page header"),
                          at.start if at else None, at.end if at else None)
