"""S rules: sections, headings, tables, rows, section 5."""

from __future__ import annotations

from nianbao.parser.model.findings import Finding
from nianbao.parser.model.report import Report
from nianbao.parser.rules.checker import check_report
from tests.report_builder import ReportBuilder


def run(report: Report, code: str) -> list[Finding]:
    return [f for f in check_report(report, select=[code]) if f.code == code]


def test_clean_report_has_no_structure_findings() -> None:
    assert check_report(ReportBuilder().build(), select=["S"]) == []


def test_s001_missing_section_points_at_the_next_heading() -> None:
    b = ReportBuilder(missing_sections={4})
    report = b.build()
    [finding] = run(report, "S001")
    assert finding.severity == "error"
    assert "四、政府信息公开行政复议、行政诉讼情况 is missing" in finding.message
    assert "expected before 五、存在的主要问题及改进情况" in finding.message
    assert finding.start == report.section(5).start  # type: ignore[union-attr]


def test_s001_last_section_missing_points_after_the_previous() -> None:
    report = ReportBuilder(missing_sections={6}).build()
    [finding] = run(report, "S001")
    assert "expected after 五、" in finding.message


def test_s001_no_section_at_all_is_one_finding() -> None:
    report = ReportBuilder(missing_sections={1, 2, 3, 4, 5, 6}, year=2017).build()
    found = run(report, "S001")
    assert len(found) == 1
    assert "before the 2019 template" in found[0].message
    assert found[0].start is None
    assert run(report, "S004") == []  # said once, by S001


def test_s002_nonstandard_heading_is_info_and_names_variants() -> None:
    b = ReportBuilder(headings={5: "五、存在的主要问题及下一步改进措施", 6: "六、其他情况说明"})
    found = run(b.build(), "S002")
    assert len(found) == 2
    assert all(f.severity == "info" for f in found)
    assert "(a common variant)" in found[0].message
    assert "(a common variant)" not in found[1].message


def test_s003_repeat_and_backwards_with_the_section_as_related() -> None:
    b = ReportBuilder(anomalies=[(3, "三、下步打算", "backwards"), (5, "五、再论问题", "repeat")])
    report = b.build()
    found = run(report, "S003")
    assert len(found) == 2
    backwards = next(f for f in found if "backwards" in f.message)
    assert "section number 三 goes backwards inside section 五" in backwards.message
    assert backwards.related[0].message == "section 五 begins here"
    assert backwards.related[0].start == report.section(5).start  # type: ignore[union-attr]
    assert any("section number 五 repeats" in f.message for f in found)


def test_s004_missing_table() -> None:
    report = ReportBuilder(missing_tables={"review_litigation"}).build()
    [finding] = run(report, "S004")
    assert finding.message == "table 4 (复议诉讼) is not found"
    assert finding.start == report.section(4).start  # type: ignore[union-attr]


def test_s005_missing_row_points_at_the_next_row() -> None:
    report = ReportBuilder(missing_rows={"denied.query_matter", "procurement"}).build()
    found = run(report, "S005")
    assert len(found) == 2
    row = next(f for f in found if "8.属于行政查询事项" in f.message)
    assert row.message == "table 3 (依申请) has no row （三）不予公开 8.属于行政查询事项"
    following = next(r for r in report.tables["applications"].rows
                     if r.id == "unavailable.not_held")
    assert row.start == following.start
    assert any("has no row 政府集中采购" in f.message for f in found)


def test_a_label_without_numbers_is_s007_not_s005() -> None:
    report = ReportBuilder(label_only_rows={"penalty", "not_processed.duplicate"}).build()
    assert run(report, "S005") == []
    found = run(report, "S007")
    messages = sorted(f.message for f in found)
    assert messages == ["row 行政处罚 has 0 of 3 cells: no number follows its label",
                        "row （五）不予处理 2.重复申请 has 0 of 7 cells: no number follows its label"]
    line = report.position(found[0].start).line  # type: ignore[arg-type]
    assert report.line_index.line_text(line).strip() in ("行政处罚", "2.重复申请")


def test_s006_recovered_row() -> None:
    report = ReportBuilder(recovered_rows={"denied.query_matter"}).build()
    [finding] = run(report, "S006")
    assert "placed as （三）不予公开 8.属于行政查询事项" in finding.message
    assert len(finding.cells) == 7


def test_s007_table4_line_with_missing_cells() -> None:
    b = ReportBuilder(review_found=12)
    [finding] = run(b.build(), "S007")
    assert "has 12 of 15 cells" in finding.message
    assert "not checked" in finding.message


def test_s008_stray_row() -> None:
    b = ReportBuilder(stray_rows=[("applications", "9.其他原因", 7)])
    [finding] = run(b.build(), "S008")
    assert "'9.其他原因'" in finding.message and "7 numbers not checked" in finding.message


def test_s009_empty_or_nothing_section5() -> None:
    assert run(ReportBuilder().build(), "S009") == []
    found = run(ReportBuilder(prose={5: ["无。"]}).build(), "S009")
    assert len(found) == 1 and "says only '无'" in found[0].message
    found = run(ReportBuilder(prose={5: ["今年工作开展顺利，成效显著。"]}).build(), "S009")
    assert len(found) == 1 and "names no problem and no improvement" in found[0].message
    found = run(ReportBuilder(prose={5: ["存在的问题是人手不足。"]}).build(), "S009")
    assert len(found) == 1 and found[0].message == "section 五 names no improvement"
