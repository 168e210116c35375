"""V rules: blanks (without noise), text, negatives, fractions, units."""

from __future__ import annotations

from decimal import Decimal

from nianbao.parser.model.findings import Finding
from nianbao.parser.model.report import Report
from nianbao.parser.rules.checker import check_report
from tests.report_builder import ReportBuilder


def run(report: Report, code: str) -> list[Finding]:
    return [f for f in check_report(report, select=[code]) if f.code == code]


def test_no_value_findings_on_a_clean_report() -> None:
    assert check_report(ReportBuilder().build(), select=["V"]) == []


def test_v001_one_finding_per_row_naming_the_columns() -> None:
    b = ReportBuilder()
    b.set_apps("new_received", [0, None, 0, None, 0, None, 0])
    b.set_apps("granted", [None] * 7)
    report = b.build()
    found = run(report, "V001")
    assert len(found) == 2
    first = next(f for f in found if f.message.startswith("一、本年新收"))
    assert first.message == "一、本年新收: 商业企业、社会公益组织、其他 blank, read as 0"
    assert first.severity == "warning"
    cells = report.tables["applications"].cells
    assert first.start == cells["new_received.commercial"].start
    # The span covers the blanks on the line; every blank cell is listed for the TUI.
    assert first.end == cells["new_received.other_org"].end
    assert set(map(str, first.cells)) == {"applications:new_received.commercial",
                                "applications:new_received.social_welfare",
                                "applications:new_received.other_org"}
    assert any(f.message == "(一)予以公开: every cell is blank, read as 0" for f in found)


def test_v001_all_applicant_columns_blank_is_one_finding() -> None:
    b = ReportBuilder()
    for row in b.apps:
        b.apps[row] = [None] * 6 + [0]
    found = run(b.build(), "V001")
    assert len(found) == 1
    assert "leaves the six applicant columns blank in all 23 rows" in found[0].message
    assert len(found[0].cells) == 23 * 6


def test_v001_columns_blank_in_every_row_are_one_finding_for_the_table() -> None:
    # shuyang_fgj: the five 法人或其他组织 columns blank in all rows, 自然人 = 总计.
    b = ReportBuilder()
    for row in b.apps:
        b.apps[row] = [b.apps[row][0], None, None, None, None, None, b.apps[row][0]]
    b.apps["granted"][0] = None  # and one more blank, in a row of its own
    b.apps["granted"][6] = None
    report = b.build()
    found = run(report, "V001")
    assert len(found) == 2
    table, row = found
    assert table.message == ("table 3 (依申请) leaves 商业企业、科研机构、社会公益组织、法律服务机构、其他 "
                             "blank in all 23 rows, read as 0")
    assert len(table.cells) == 23 * 5
    cells = report.tables["applications"].cells
    assert table.start == cells["new_received.commercial"].start
    assert row.message == "(一)予以公开: 自然人、总计 blank, read as 0"


def test_v001_all_applicants_blank_mentions_blank_totals_in_the_same_finding() -> None:
    b = ReportBuilder()
    for row in b.apps:
        b.apps[row] = [None] * 6 + [0]
    b.apps["other"][6] = None
    [finding] = run(b.build(), "V001")
    assert "总计 is blank too in (六)其他处理" in finding.message
    assert [str(r.cell) for r in finding.related] == ["applications:other.total"]


def test_v001_only_total_row_when_others_filled() -> None:
    b = ReportBuilder()
    b.set_apps("carried_over", [None] * 6 + [0])
    [finding] = run(b.build(), "V001")
    assert finding.message == ("二、上年结转: the six applicant columns are blank (only 总计 is "
                               "filled), read as 0")


def test_v001_tables_2_and_4() -> None:
    b = ReportBuilder()
    b.active["regulations.total_published"] = None
    b.review[3] = None
    b.review[9] = None
    found = run(b.build(), "V001")
    messages = sorted(f.message for f in found)
    assert messages == ["table 4: 行政复议·尚未审结、行政诉讼(未经复议直接起诉)·总计 blank, read as 0",
                        "规章: 对外公开总数量 blank, read as 0"]


def test_v002_placeholders_and_text_are_errors_grouped_by_row() -> None:
    b = ReportBuilder()
    b.active["licensing.prev_count"] = "/"
    b.active["licensing.change"] = "无"
    b.set_apps("granted", [0, "三", 0, 0, 0, 0, 3])
    found = run(b.build(), "V002")
    assert len(found) == 2
    assert all(f.severity == "error" for f in found)
    licensing = next(f for f in found if f.message.startswith("行政许可"))
    assert licensing.message == "行政许可: 上一年项目数量 '/'、本年增/减 '无' are not numbers"
    assert len(licensing.cells) == 2


def test_v003_negative_count_but_change_may_be_negative() -> None:
    b = ReportBuilder()
    b.active["licensing.prev_count"] = 5
    b.active["licensing.change"] = -2
    assert run(b.build(), "V003") == []
    b.set_apps("granted", [0, -1, 0, 0, 0, 0, -1])
    found = run(b.build(), "V003")
    assert {f.message for f in found} == {
        "(一)予以公开·商业企业 = -1: a count cannot be negative",
        "(一)予以公开·总计 = -1: a count cannot be negative"}


def test_v004_fractional_counts_but_amounts_may_have_decimals() -> None:
    b = ReportBuilder()
    b.active["procurement.amount"] = "21.83万元"
    assert run(b.build(), "V004") == []
    b.active["penalty.prev_count"] = Decimal("3.5")
    [finding] = run(b.build(), "V004")
    assert finding.message == "行政处罚·上一年项目数量 = 3.5: a count must be a whole number"


def test_v005_units() -> None:
    b = ReportBuilder()
    b.active["procurement.amount"] = "21.83万元"
    assert run(b.build(), "V005") == []
    b.active["procurement.amount"] = "95300元"
    [finding] = run(b.build(), "V005")
    assert finding.severity == "info"
    assert "in 元 where the template asks for 万元 (read as 9.53 万元)" in finding.message
    b.active["procurement.amount"] = "422"
    [finding] = run(b.build(), "V005")
    assert "has no unit" in finding.message
    b.active["procurement.amount"] = "0"
    assert run(b.build(), "V005") == []


def test_v005_template_2021_header_gives_the_unit() -> None:
    b = ReportBuilder(template="2021", year=2021)
    b.active["fees.amount"] = "12.5"
    assert run(b.build(), "V005") == []
    b.active["fees.amount"] = "125000元"
    assert len(run(b.build(), "V005")) == 1
