"""M rules: year, template, deadline, publication date, period, agency."""

from __future__ import annotations

import datetime as dt

from nianbao.parser.model.findings import Finding
from nianbao.parser.model.report import Report
from nianbao.parser.rules.checker import check_report
from tests.report_builder import ReportBuilder


def run(report: Report, code: str) -> list[Finding]:
    return [f for f in check_report(report, select=[code]) if f.code == code]


def test_clean_report_has_no_meta_findings() -> None:
    assert check_report(ReportBuilder().build(), select=["M"]) == []


def test_m001_no_year() -> None:
    [finding] = run(ReportBuilder(year=None).build(), "M001")
    assert finding.severity == "error"


def test_m002_template_mismatch_from_the_tables() -> None:
    report = ReportBuilder(template="2019", year=2021, published=dt.date(2022, 1, 5)).build()
    [finding] = run(report, "M002")
    assert "template 2019" in finding.message and "a 2021 report uses template 2021" in \
        finding.message
    assert finding.related[0].message == "the report year 2021"


def test_m002_no_mismatch_when_the_template_was_guessed_from_the_year() -> None:
    report = ReportBuilder(template="2019", year=2021, template_source="year").build()
    assert run(report, "M002") == []


def test_m002_citing_the_other_notice() -> None:
    b = ReportBuilder(template="2021", year=2021, published=dt.date(2022, 1, 5),
                      notices=[("2019", "国办【2019】60号")])
    report = b.build()
    [finding] = run(report, "M002")
    assert "cites 国办【2019】60号" in finding.message
    assert report.text[finding.start:finding.end] == "国办【2019】60号"  # type: ignore[misc]
    ok = ReportBuilder(template="2021", year=2021, notices=[("2021", "国办公开办函〔2021〕30号")])
    assert run(ok.build(), "M002") == []


def test_m002_not_before_2019() -> None:
    assert run(ReportBuilder(year=2018).build(), "M002") == []


def test_m003_deadlines_for_departments_and_local_governments() -> None:
    assert run(ReportBuilder(published=dt.date(2021, 1, 31)).build(), "M003") == []
    [late] = run(ReportBuilder(published=dt.date(2021, 2, 3)).build(), "M003")
    assert "3 days after the deadline 2021-01-31" in late.message
    local = ReportBuilder(published=dt.date(2021, 3, 20), is_local_government=True,
                          agency="朔州市人民政府")
    assert run(local.build(), "M003") == []
    local.published = dt.date(2021, 4, 1)
    [late] = run(local.build(), "M003")
    assert "by 31 March" in late.message


def test_m004_no_publication_date_is_info() -> None:
    [finding] = run(ReportBuilder(published=None).build(), "M004")
    assert finding.severity == "info"


def test_m005_period_and_title_year() -> None:
    ok = ReportBuilder(period=(dt.date(2020, 1, 1), dt.date(2020, 12, 31)))
    assert run(ok.build(), "M005") == []
    bad = ReportBuilder(period=(dt.date(2019, 1, 1), dt.date(2019, 12, 31)))
    [finding] = run(bad.build(), "M005")
    assert "2019-01-01 – 2019-12-31 is not within the report year 2020" in finding.message
    title = ReportBuilder(title_year=2019)
    [finding] = run(title.build(), "M005")
    assert finding.message == "the title says 2019, but the report year is 2020"


def test_m006_no_agency() -> None:
    [finding] = run(ReportBuilder(agency=None).build(), "M006")
    assert finding.severity == "warning"
