"""The folder views' core (issue 15), without Textual: each report's summary, the
totals per year with the government's report beside them, and an agency's years.

The folders come from ``tests.generator.folders``, whose truth is known across
reports: the expected figures are the generator's, never the parser's.
"""

from __future__ import annotations

import json
import pickle
from decimal import Decimal
from pathlib import Path

import pytest

from nianbao.cli import main
from nianbao.parser.core.aggregate import Total, add_up, agency_years, year_totals
from nianbao.parser.core.check import Outcome, check_across, check_file
from nianbao.parser.core.summary import (
    BY_ID,
    KEY_FIGURES,
    YEAR_MEASURES,
    ReportSummary,
    summarize,
)
from nianbao.parser.model.findings import Finding
from nianbao.parser.rules.context import agency_key
from tests.generator import folders
from tests.generator.folders import CityFolder, YearsFolder, key_figure
from tests.generator.truth import Agency


def _check(paths: list[Path]) -> tuple[list[Outcome], dict[str, list[Finding]]]:
    outcomes = [check_file(path) for path in paths]
    cross = check_across([o.view for o in outcomes if o.view is not None])
    return outcomes, cross


@pytest.fixture(scope="module")
def years(tmp_path_factory: pytest.TempPathFactory) -> tuple[YearsFolder, list[Outcome],
                                                              dict[str, list[Finding]]]:
    folder = folders.agency_years(7)
    outcomes, cross = _check(folder.write(tmp_path_factory.mktemp("years")))
    return folder, outcomes, cross


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> tuple[CityFolder, list[Outcome]]:
    folder = folders.city_year(7)
    outcomes, _ = _check(folder.write(tmp_path_factory.mktemp("city")))
    return folder, outcomes


# ------------------------------------------------------------------ the summary


def test_a_summary_is_small_picklable_and_true(years) -> None:
    folder, outcomes, _ = years
    for item, outcome in zip(folder.reports, outcomes, strict=True):
        summary = outcome.summary()
        data = pickle.dumps(summary)
        assert len(data) < 2048  # what a worker process sends back per report
        assert pickle.loads(data) == summary
        truth = item.truth
        assert summary.year == truth.year
        assert summary.template == truth.template
        assert summary.agency in truth.agency.names
        assert not summary.government
        assert summary.problem is None
        severities = [f.severity for f in outcome.findings]
        assert (summary.errors, summary.warnings, summary.infos) == (
            severities.count("error"), severities.count("warning"), severities.count("info"))
        assert summary.codes == tuple(sorted({f.code for f in outcome.findings}))
        for figure in KEY_FIGURES:
            assert summary.value(figure.measure) == key_figure(truth, figure.measure), \
                (truth.year, figure.measure)


def test_measures_follow_the_template_of_each_year(years) -> None:
    folder, outcomes, _ = years
    for item, outcome in zip(folder.reports, outcomes, strict=True):
        summary, truth = outcome.summary(), item.truth
        in_force = summary.value("normative.in_force")
        if truth.template == "2021":
            assert in_force == truth.total("active_disclosure", "normative_documents.in_force")
            new = truth.total("active_disclosure", "normative_documents.issued")
            others = [f"other.{sub}.total" for sub in ("no_correction", "no_fee", "other")]
        else:
            assert in_force is None  # template 2019 has no such row: not a zero
            new = truth.total("active_disclosure", "normative_documents.new_made")
            others = ["other.total"]
        assert summary.value("normative.new") == new
        assert summary.value("other") == sum(truth.total("applications", c) for c in others)
        denied = [c for c in truth.cells["applications"]
                  if c.startswith("denied.") and c.endswith(".total")]
        assert len(denied) == 8
        assert summary.value("denied") == sum(truth.total("applications", c) for c in denied)


def test_a_blank_reads_as_zero_and_text_as_no_number() -> None:
    from tests.report_builder import ReportBuilder

    builder = ReportBuilder(year=2021)
    builder.set_apps("granted", [None] * 7)
    report = builder.build()
    summary = summarize("x.txt", report)
    assert summary.value("granted") == 0
    cells = dict(report.tables["review_litigation"].cells)
    cell = cells["review.total"]
    cells["review.total"] = cell.model_copy(update={"kind": "text", "value": None, "raw": "无"})
    table = report.tables["review_litigation"].model_copy(update={"cells": cells})
    odd = report.model_copy(update={"tables": {**report.tables, "review_litigation": table}})
    assert summarize("x.txt", odd).value("review") is None


def test_an_unreadable_file_is_summarised_with_its_reason(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    summary = check_file(path).summary()
    assert summary.problem and summary.year is None and summary.values == {}
    assert summary.codes == ("E001",) and summary.errors == 1
    missing = check_file(tmp_path / "gone.txt").summary()
    assert missing.problem and "cannot read" in missing.problem


def test_findings_across_reports_are_counted_in(years) -> None:
    _, outcomes, cross = years
    path = next(p for p in cross)
    outcome = next(o for o in outcomes if o.path == path)
    summary = outcome.summary()
    more = summary.with_findings(cross[path])
    assert more.findings == summary.findings + len(cross[path])
    assert set(more.codes) == set(summary.codes) | {f.code for f in cross[path]}
    assert summary.with_findings([]) is summary


# ------------------------------------------------------------------ totals per year


def test_the_departments_totals_and_the_government_beside_them(city) -> None:
    folder, outcomes = city
    [year] = year_totals([o.summary() for o in outcomes])
    assert year.year == folder.year
    assert len(year.departments) == len(folder.departments)
    assert [Path(g.report.path).name for g in year.governments] == ["government.txt"]
    for figure, total, difference in zip(KEY_FIGURES, year.totals,
                                         year.governments[0].differences, strict=True):
        assert total == Total(Decimal(folder.total(figure.measure)), len(folder.departments), 0)
        assert difference == folder.difference(figure.measure)
    assert year.repeated == ()


def test_totals_say_what_they_left_out(city) -> None:
    folder, outcomes = city
    summaries = [o.summary() for o in outcomes]
    first = summaries[0]
    blind = ReportSummary(first.path, first.agency, first.agency_key, first.year,
                          first.template, values={**first.values, "granted": None})
    copy = ReportSummary("copy.txt", first.agency, first.agency_key, first.year,
                         first.template, values=first.values)
    [year] = year_totals([blind, copy, *summaries[1:]])
    granted = year.totals[[f.measure for f in KEY_FIGURES].index("granted")]
    assert granted.missing == 1 and not granted.complete
    assert granted.counted == len(folder.departments)
    # The government's difference is not shown against an incomplete total.
    assert year.governments[0].differences[1] is None
    assert year.repeated == (first.agency,)
    # Unreadable files and reports without a year are in no year.
    nothing = ReportSummary("bad.txt", problem="not a report")
    no_year = ReportSummary("x.txt", agency="某局", agency_key="某局")
    assert year_totals([nothing, no_year]) == ()
    assert add_up([], "granted") == Total(Decimal(0), 0, 0)


# ------------------------------------------------------------------ an agency's years


def test_an_agencys_years_side_by_side(years) -> None:
    folder, outcomes, cross = years
    [agency] = agency_years([o.summary() for o in outcomes], cross)
    assert agency.years == folder.years == tuple(range(2019, 2026))
    assert agency.agency in folder.agency.names
    assert agency.templates == ("2019", "2019", "2021", "2021", "2021", "2021", "2021")
    assert [row.measure for row in agency.rows] == list(YEAR_MEASURES)
    rows = {row.measure.id: row for row in agency.rows}
    for i, year in enumerate(agency.years):
        assert rows["new_received"].values[i] == folder.value(year, "applications",
                                                              "new_received.total")
        assert rows["carried_forward"].values[i] == folder.value(year, "applications",
                                                                 "carried_forward.total")
        assert rows["review"].values[i] == folder.value(year, "review_litigation",
                                                        "review.total")


def test_carry_over_links_hold_except_where_the_truth_breaks_them(years) -> None:
    folder, outcomes, cross = years
    [agency] = agency_years([o.summary() for o in outcomes], cross)
    assert [link.year for link in agency.links] == list(agency.years[1:])
    for link in agency.links:
        expected = folder.value(link.year - 1, "applications", "carried_forward.total")
        assert link.carried_forward == expected
        assert link.carried_over == folder.value(link.year, "applications",
                                                 "carried_over.total")
        broken = link.year in folder.breaks["Y001"]
        assert link.holds is (not broken), link
        assert bool(link.findings) is broken
        assert all(f.code == "Y001" for f in link.findings)


def test_cross_year_findings_are_marked_on_their_rows_and_years(years) -> None:
    folder, outcomes, cross = years
    [agency] = agency_years([o.summary() for o in outcomes], cross)
    marked = {(row.measure.id, agency.years[i]): codes for row in agency.rows
              for i, codes in enumerate(row.breaks) if codes}
    [carry] = folder.breaks["Y001"]
    [in_force] = folder.breaks["Y002"]
    assert marked == {("carried_over", carry): ("Y001",),
                      ("normative.new", in_force): ("Y002",),
                      ("normative.in_force", in_force): ("Y002",)}
    found = {agency.years[i]: sorted({f.code for f in fs})
             for i, fs in enumerate(agency.findings) if fs}
    assert found == {carry: ["Y001"], in_force: ["Y002"]}  # and no Y004: each year's own text


def test_rows_the_templates_give_differently_are_changes_not_breaks(years) -> None:
    folder, outcomes, cross = years
    [agency] = agency_years([o.summary() for o in outcomes], cross)
    switch = agency.templates.index("2021")
    rows = {row.measure.id: row for row in agency.rows}
    for measure in ("normative.new", "normative.in_force", "fees", "other"):
        assert BY_ID[measure].changed
        assert rows[measure].changed_at == (switch,)
        assert not rows[measure].breaks[switch]
    for measure in ("new_received", "licensing", "review"):
        assert not BY_ID[measure].changed and rows[measure].changed_at == ()
    assert rows["normative.in_force"].in_template == (False, False, True, True, True, True, True)
    assert rows["normative.in_force"].values[:switch] == (None, None)
    # The link across the change of template is an ordinary link.
    assert next(link for link in agency.links if link.year == agency.years[switch]).holds


def test_agencies_need_two_years_and_copies_are_kept_apart(years) -> None:
    _, outcomes, cross = years
    summaries = [o.summary() for o in outcomes]
    assert agency_years(summaries[:1]) == ()
    copy = ReportSummary("copy.txt", summaries[2].agency, summaries[2].agency_key,
                         summaries[2].year, summaries[2].template, values=summaries[2].values)
    [agency] = agency_years([*summaries[:3], copy])
    assert agency.copies == (copy,)
    assert len(agency.reports) == 3
    gap = [s for s in summaries if s.year != 2021]
    [agency] = agency_years(gap, cross)
    assert 2021 not in agency.years
    assert [link.year for link in agency.links] == [2020, 2023, 2024, 2025]


# ------------------------------------------------------------------ one agency, two spellings
#
# A report may name its agency with its city one year (淮安市洪泽区人民政府, read from the
# opening) and without it another (洪泽区人民政府): one agency, compared across years,
# one row of the years view. But 鼓楼区 is a district of Nanjing and of Fuzhou: two cities'
# names never meet, and a bare 鼓楼区 beside both is left alone.


def _government(name: str) -> Agency:
    return Agency(name, name, (name,), "", True)


HONGZE = _government("洪泽区人民政府")
HUAIAN_HONGZE = _government("淮安市洪泽区人民政府")
GULOU = _government("鼓楼区人民政府")
NANJING_GULOU = _government("南京市鼓楼区人民政府")
FUZHOU_GULOU = _government("福州市鼓楼区人民政府")


def _two_years(first: Agency, second: Agency, *, carry_break: bool) -> YearsFolder:
    return folders.agency_years(11, years=(2022, 2023), in_force_break=None,
                                carry_break=2023 if carry_break else None,
                                named={2022: first, 2023: second})


def _folder_check(capsys: pytest.CaptureFixture[str], folder: Path) -> list[dict[str, object]]:
    """``nianbao check`` on the folder: its Y findings."""
    main(["check", "--select", "Y", "--no-review", "--format", "json", str(folder)])
    out, _ = capsys.readouterr()
    found: list[dict[str, object]] = json.loads(out)
    return found


@pytest.mark.parametrize(("first", "second"), [(HONGZE, HUAIAN_HONGZE),
                                               (HUAIAN_HONGZE, HONGZE)])
@pytest.mark.parametrize("carry_break", [True, False])
def test_one_agency_with_and_without_its_city_is_compared_across_years(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], first: Agency, second: Agency,
        carry_break: bool) -> None:
    folder = _two_years(first, second, carry_break=carry_break)
    paths = folder.write(tmp_path)
    outcomes, cross = _check(paths)
    assert [o.report.meta.agency for o in outcomes if o.report is not None] == \
        [first.title_name, second.title_name]  # two spellings, as the texts give them
    found = _folder_check(capsys, tmp_path)
    assert {f["code"] for f in found} == ({"Y001"} if carry_break else set())
    assert {f["path"] for f in found} <= {str(paths[1])}
    [agency] = agency_years([o.summary() for o in outcomes], cross)
    assert agency.years == (2022, 2023)
    assert agency.agency == HUAIAN_HONGZE.title_name  # the name with its city
    [link] = agency.links
    assert link.holds is (not carry_break)
    assert {f.code for f in agency.findings[1]} == ({"Y001"} if carry_break else set())


def test_two_cities_districts_of_one_name_are_never_compared(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _two_years(NANJING_GULOU, FUZHOU_GULOU, carry_break=True)
    outcomes, cross = _check(folder.write(tmp_path))
    assert [o.report.meta.agency for o in outcomes if o.report is not None] == \
        [NANJING_GULOU.title_name, FUZHOU_GULOU.title_name]
    assert _folder_check(capsys, tmp_path) == []
    assert cross == {}
    assert agency_years([o.summary() for o in outcomes], cross) == ()


def _gulou_folder(tmp_path: Path, *, fuzhou: bool) -> Path:
    """鼓楼区 2022 (no city), 南京市鼓楼区 2023 (its carry-over broken against 2022) and,
    with ``fuzhou``, 福州市鼓楼区 2023 built on the same 2022 (broken the same way)."""
    nanjing = _two_years(GULOU, NANJING_GULOU, carry_break=True)
    tmp_path.mkdir()
    (tmp_path / "2022.txt").write_bytes(nanjing.reports[0].report.data)
    (tmp_path / "2023南京.txt").write_bytes(nanjing.reports[1].report.data)
    if fuzhou:
        other = _two_years(GULOU, FUZHOU_GULOU, carry_break=True)
        assert other.truth(2022) == nanjing.truth(2022)
        (tmp_path / "2023福州.txt").write_bytes(other.reports[1].report.data)
    return tmp_path


def test_a_bare_name_beside_two_cities_stays_on_its_own(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _gulou_folder(tmp_path / "both", fuzhou=True)
    paths = sorted(folder.iterdir())
    outcomes, cross = _check(paths)
    assert {o.report.meta.agency for o in outcomes if o.report is not None} == \
        {GULOU.title_name, NANJING_GULOU.title_name, FUZHOU_GULOU.title_name}
    assert _folder_check(capsys, folder) == []  # no guess which city's 2022 it is
    assert agency_years([o.summary() for o in outcomes], cross) == ()
    # With Nanjing's alone beside it, the bare 2022 is Nanjing's: the break is found.
    alone = _gulou_folder(tmp_path / "alone", fuzhou=False)
    found = _folder_check(capsys, alone)
    assert {f["code"] for f in found} == {"Y001"}
    assert {f["path"] for f in found} == {str(alone / "2023南京.txt")}
    outcomes, cross = _check(sorted(alone.iterdir()))
    [agency] = agency_years([o.summary() for o in outcomes], cross)
    assert agency.agency == NANJING_GULOU.title_name and agency.years == (2022, 2023)


def test_one_year_twice_under_both_spellings_is_a_repeat_in_the_totals() -> None:
    def summary(path: str, name: str) -> ReportSummary:
        return ReportSummary(path, name, agency_key(name), 2023, "2021")

    rows = [summary("a.txt", "洪泽区科学技术局"), summary("b.txt", "淮安市洪泽区科学技术局")]
    [totals] = year_totals(rows)
    assert totals.repeated == ("洪泽区科学技术局", "淮安市洪泽区科学技术局")
    rows += [summary("c.txt", "宿迁市洪泽区科学技术局")]  # now the bare one is anyone's
    [totals] = year_totals(rows)
    assert totals.repeated == ()
