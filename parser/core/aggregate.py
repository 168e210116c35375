"""A folder of reports seen whole: totals per year, and one agency's years side by side.

Both work on :class:`~nianbao.parser.core.summary.ReportSummary` (what a worker
sends back of each report) and on the findings across reports
(:func:`nianbao.parser.core.check.check_across`); neither reads a file.

* :func:`year_totals`: for each year, the departments' reports added up figure by
  figure, and beside the totals each local government's own report for that year
  with its difference from them.
* :func:`agency_years`: for each agency with several years, the key cells of tables
  2–4 per year, the carry-over links (二、上年结转 of year N = 四、结转下年度 of year
  N−1) and where the cross-year findings break; a row the two templates give
  differently is marked as changed where the template changes, not as a break.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from nianbao.parser.core.summary import (
    KEY_FIGURES,
    YEAR_MEASURES,
    Measure,
    ReportSummary,
    Value,
)
from nianbao.parser.model.findings import Finding
from nianbao.parser.rules.context import agency_groups
from nianbao.parser.template import TemplateId

# ------------------------------------------------------------------ totals per year


@dataclass(frozen=True, slots=True)
class Total:
    """One figure added up over reports."""

    value: Decimal  # the sum of the numbers the reports give
    counted: int  # reports that give a number
    missing: int  # reports that give none (not found, text): the sum leaves them out

    @property
    def complete(self) -> bool:
        return self.missing == 0


@dataclass(frozen=True, slots=True)
class Beside:
    """A local government's own report beside its departments' totals."""

    report: ReportSummary
    # Per key figure: the government's figure minus the departments' total; None when
    # either side lacks a number.
    differences: tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class YearTotals:
    year: int
    departments: tuple[ReportSummary, ...]  # the reports added up (no government's own)
    totals: tuple[Total, ...]  # per key figure (summary.KEY_FIGURES)
    governments: tuple[Beside, ...]  # the governments' own reports of the year
    # Agencies with more than one report this year (copies, or two files of one
    # report): each is added as many times as it appears, which the view must say.
    repeated: tuple[str, ...] = ()


def add_up(reports: Iterable[ReportSummary], measure: str) -> Total:
    value, counted, missing = Decimal(0), 0, 0
    for report in reports:
        figure = report.value(measure)
        if figure is None:
            missing += 1
        else:
            value += figure
            counted += 1
    return Total(value, counted, missing)


def year_totals(summaries: Iterable[ReportSummary]) -> tuple[YearTotals, ...]:
    """Per year (ascending), the departments' totals and the governments' reports beside.

    Reports without a year, or that could not be read, are in no year.
    """
    by_year: dict[int, list[ReportSummary]] = defaultdict(list)
    for summary in summaries:
        if summary.year is not None and summary.problem is None:
            by_year[summary.year].append(summary)
    # One agency as the folder's other views see it (with and without its city).
    agencies = agency_groups(r.agency_key for reports in by_year.values() for r in reports)
    out = []
    for year in sorted(by_year):
        reports = by_year[year]
        departments = tuple(r for r in reports if not r.government)
        totals = tuple(add_up(departments, figure.measure) for figure in KEY_FIGURES)
        governments = tuple(
            Beside(gov, tuple(_difference(gov.value(figure.measure), total)
                              for figure, total in zip(KEY_FIGURES, totals, strict=True)))
            for gov in reports if gov.government)
        seen: dict[str, int] = defaultdict(int)
        for report in departments:
            if report.agency_key is not None:
                seen[agencies[report.agency_key]] += 1
        repeated = tuple(sorted({r.agency or "" for r in departments if r.agency_key is not None
                                 and seen[agencies[r.agency_key]] > 1}))
        out.append(YearTotals(year, departments, totals, governments, repeated))
    return tuple(out)


def _difference(value: Value, total: Total) -> Value:
    if value is None or not total.complete or not total.counted:
        return None
    return value - total.value


# ------------------------------------------------------------------ an agency's years


@dataclass(frozen=True, slots=True)
class YearRow:
    """One key cell over the years."""

    measure: Measure
    values: tuple[Value, ...]  # per year of AgencyYears.years
    # Per year: does that year's template have this row at all.
    in_template: tuple[bool, ...]
    # Indexes of the years where the template changed and with it the row's cells
    # (template 2019 → 2021): the values before and after are not one series.
    changed_at: tuple[int, ...]
    # Per year: the codes of cross-year findings about this row's cells ("" none).
    breaks: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Link:
    """二、上年结转 of ``year`` against 四、结转下年度 of ``year`` − 1 (总计 column)."""

    year: int
    carried_forward: Value  # last year's 四、结转下年度继续办理·总计
    carried_over: Value  # this year's 二、上年结转·总计
    # The cross-year findings about the carry-over (Y001: every column, not only 总计).
    findings: tuple[Finding, ...] = ()

    @property
    def holds(self) -> bool | None:
        """True when the two agree (and no finding says otherwise), False when they
        do not, None when a number is missing."""
        if self.findings:
            return False
        if self.carried_forward is None or self.carried_over is None:
            return None
        return self.carried_forward == self.carried_over


@dataclass(frozen=True, slots=True)
class AgencyYears:
    # As the latest report names it; with its city when a year writes it (the
    # group's key is that name's: agency_groups).
    agency: str | None
    agency_key: str
    years: tuple[int, ...]  # ascending; a year missing from the folder is not there
    reports: tuple[ReportSummary, ...]  # one per year (the first of copies)
    templates: tuple[TemplateId | None, ...]
    rows: tuple[YearRow, ...]
    links: tuple[Link, ...]  # one per pair of consecutive years the folder holds
    # Per year: the findings across years that belong to that year's report.
    findings: tuple[tuple[Finding, ...], ...]
    # Reports left out because another file already gave that year (copies).
    copies: tuple[ReportSummary, ...] = ()


_CARRY_CODES = frozenset({"Y001"})


def agency_years(summaries: Iterable[ReportSummary],
                 cross: Mapping[str, Sequence[Finding]] | None = None,
                 *, min_years: int = 2) -> tuple[AgencyYears, ...]:
    """Every agency with at least ``min_years`` years in the folder, the most years first.

    ``cross``: the findings across reports, by path (``check_across``); only those of
    the Y family are used.
    """
    cross = cross or {}
    readable = [s for s in summaries if s.agency_key is not None and s.year is not None
                and s.problem is None]
    # The same grouping as the Y rules' (one agency with and without its city).
    agencies = agency_groups(s.agency_key for s in readable)
    groups: dict[str, dict[int, list[ReportSummary]]] = defaultdict(lambda: defaultdict(list))
    for summary in readable:
        assert summary.agency_key is not None and summary.year is not None
        groups[agencies[summary.agency_key]][summary.year].append(summary)
    out = []
    for key, by_year in groups.items():
        if len(by_year) < min_years:
            continue
        years = tuple(sorted(by_year))
        reports = tuple(by_year[y][0] for y in years)
        copies = tuple(r for y in years for r in by_year[y][1:])
        found = tuple(tuple(f for f in cross.get(r.path, ()) if f.code.startswith("Y"))
                      for r in reports)
        out.append(AgencyYears(
            agency=next((r.agency for r in reversed(reports) if r.agency_key == key),
                        next((r.agency for r in reversed(reports) if r.agency), None)),
            agency_key=key,
            years=years,
            reports=reports,
            templates=tuple(r.template for r in reports),
            rows=tuple(_row(m, reports, found) for m in YEAR_MEASURES),
            links=tuple(_link(years, reports, found, i) for i in range(1, len(years))
                        if years[i] - years[i - 1] == 1),
            findings=found,
            copies=copies,
        ))
    out.sort(key=lambda a: (-len(a.years), a.agency_key))
    return tuple(out)


def _row(measure: Measure, reports: Sequence[ReportSummary],
         found: Sequence[Sequence[Finding]]) -> YearRow:
    in_template = tuple(r.template is not None and bool(measure.cells.get(r.template))
                        for r in reports)
    changed_at = tuple(i for i in range(1, len(reports))
                       if _cells(measure, reports[i]) is not None
                       and _cells(measure, reports[i - 1]) is not None
                       and _cells(measure, reports[i]) != _cells(measure, reports[i - 1]))
    breaks = []
    for report, findings in zip(reports, found, strict=True):
        rows = measure.rows(report.template) if report.template is not None else frozenset()
        codes = sorted({f.code for f in findings
                        if any(ref.table == measure.table and ref.row in rows
                               for ref in f.cells)})
        breaks.append(tuple(codes))
    return YearRow(measure, tuple(r.value(measure.id) for r in reports), in_template,
                   changed_at, tuple(breaks))


def _cells(measure: Measure, report: ReportSummary) -> tuple[str, ...] | None:
    """The cells the measure reads in ``report`` (None: its template is unknown)."""
    if report.template is None:
        return None
    return measure.cells.get(report.template, ())


def _link(years: Sequence[int], reports: Sequence[ReportSummary],
          found: Sequence[Sequence[Finding]], i: int) -> Link:
    return Link(years[i], reports[i - 1].value("carried_forward"),
                reports[i].value("carried_over"),
                tuple(f for f in found[i] if f.code in _CARRY_CODES))
