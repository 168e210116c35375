"""A rules: every sum of the template, positive and negative cases."""

from __future__ import annotations

from nianbao.parser.model.findings import Finding
from nianbao.parser.model.report import Report
from nianbao.parser.rules.checker import check_report
from tests.report_builder import ReportBuilder


def run(report: Report, code: str) -> list[Finding]:
    return [f for f in check_report(report, select=[code]) if f.code == code]


def line_col(report: Report, offset: int | None) -> tuple[int, int]:
    assert offset is not None
    pos = report.position(offset)
    return pos.line, pos.column


def consistent() -> ReportBuilder:
    """一、本年新收 4 (0/3/1), all answered: 2 granted, 1 denied, 1 not held."""
    b = ReportBuilder()
    b.set_apps("new_received", [0, 3, 1, 0, 0, 0, 4])
    b.set_apps("granted", [0, 2, 0, 0, 0, 0, 2])
    b.set_apps("denied.state_secret", [0, 1, 0, 0, 0, 0, 1])
    b.set_apps("unavailable.not_held", [0, 0, 1, 0, 0, 0, 1])
    b.set_apps("total", [0, 3, 1, 0, 0, 0, 4])
    return b


def test_a_rules_silent_on_a_consistent_report() -> None:
    report = consistent().build()
    assert [f for f in check_report(report, select=["A"])] == []


def test_a001_row_total_names_the_numbers_and_points_at_the_total() -> None:
    b = consistent()
    b.apps["new_received"][2] = 2  # 科研机构 2: 0+3+2 = 5, total says 4
    report = b.build()
    [finding] = run(report, "A001")
    assert finding.severity == "error"
    assert "0+3+2+0+0+0 = 5" in finding.message and "总计 = 4" in finding.message
    assert finding.message.startswith("一、本年新收")
    total = report.tables["applications"].cells["new_received.total"]
    assert finding.start == total.start
    assert [r.message for r in finding.related][:3] == ["自然人 = 0", "商业企业 = 3", "科研机构 = 2"]
    assert len(finding.related) == 6
    assert "applications:new_received.commercial" in map(str, finding.cells)
    assert str(finding.cells[0]) == "applications:new_received.total"
    assert "5" in finding.help


def test_a001_skips_rows_with_only_the_total_filled() -> None:
    b = consistent()
    b.set_apps("new_received", [None, None, None, None, None, None, 4])
    assert run(b.build(), "A001") == []


def test_a001_skips_rows_whose_applicants_are_all_placeholders() -> None:
    b = consistent()
    b.set_apps("new_received", ["/", "/", "—", "/", "/", "/", 4])
    assert run(b.build(), "A001") == []


def test_a001_reports_a_blank_total_beside_nonzero_applicants() -> None:
    b = consistent()
    b.apps["new_received"][6] = None
    [finding] = run(b.build(), "A001")
    assert "总计 is blank (read as 0)" in finding.message


def test_a001_skips_a_row_with_unreadable_text() -> None:
    b = consistent()
    b.apps["new_received"][3] = "见附件"
    b.apps["new_received"][6] = 9
    assert run(b.build(), "A001") == []


def test_a001_reads_placeholders_as_zero_and_chinese_numerals_as_numbers() -> None:
    b = consistent()
    b.set_apps("new_received", ["/", "三", "一", "—", "无", "-", 4])
    assert run(b.build(), "A001") == []
    b.set_apps("new_received", ["/", "三", "二", "—", "无", "-", 4])
    [finding] = run(b.build(), "A001")
    assert "0+3+2+0+0+0 = 5" in finding.message


def test_a002_column_identity_message_matches_the_issue_example() -> None:
    b = consistent()
    b.apps["new_received"][1] = 4  # 商业企业 4 received, results and total still 3
    b.apps["new_received"][6] = 5
    report = b.build()
    found = run(report, "A002")
    messages = [f.message for f in found]
    assert "一+二 = 4+0 = 4, but (七)总计+四 = 3+0 = 3 in column 商业企业" in messages
    finding = next(f for f in found if "商业企业" in f.message)
    assert finding.start == report.tables["applications"].cells["total.commercial"].start
    assert [r.message for r in finding.related] == ["一、本年新收 = 4", "二、上年结转 = 0",
                                                    "四、结转下年度 = 0"]


def test_a002_blank_cells_count_as_zero() -> None:
    b = consistent()
    b.set_column("social_welfare", {r: None for r in b.apps})
    assert run(b.build(), "A002") == []


def test_a002_carried_over_and_forward_balance() -> None:
    b = consistent()
    b.set_apps("carried_over", [0, 0, 0, 0, 0, 0, 2])
    b.set_apps("carried_forward", [0, 0, 0, 0, 0, 0, 2])
    assert run(b.build(), "A002") == []
    b.set_apps("carried_forward", [0, 0, 0, 0, 0, 0, 1])
    [finding] = run(b.build(), "A002")
    assert finding.message == "一+二 = 4+2 = 6, but (七)总计+四 = 4+1 = 5 in column 总计"


def test_a003_results_total_lists_the_nonzero_rows() -> None:
    b = consistent()
    b.apps["total"][6] = 3
    b.apps["total"][1] = 2
    report = b.build()
    found = {f.message.rsplit(" ", 1)[-1]: f for f in run(report, "A003")}
    finding = found["总计"]
    assert "(一)予以公开 2 + (三)1.属于国家秘密 1 + (四)1.本机关不掌握相关政府信息 1 = 4" \
        in finding.message
    assert "(七)总计 = 3" in finding.message
    assert [r.message for r in finding.related] == ["(一)予以公开 = 2", "(三)1.属于国家秘密 = 1",
                                                    "(四)1.本机关不掌握相关政府信息 = 1"]
    assert len(finding.cells) == 1 + 19  # the total and every result row (template 2019)


def test_a003_lists_unverified_zero_rows_too() -> None:
    """A zero whose row cannot vouch for it (applicants blank) may be the culprit."""
    b = ReportBuilder()
    for row in b.apps:
        b.apps[row] = [None] * 6 + [0]
    b.apps["new_received"][6] = 3
    b.apps["granted"][6] = 2
    b.apps["total"][6] = 3  # but (一)2 + the rest 0 = 2
    [finding] = run(b.build(), "A003")
    assert len(finding.related) == 19  # every result row of template 2019


def test_a003_template_2021_uses_the_three_other_rows() -> None:
    b = ReportBuilder(template="2021", year=2021, published=None)
    b.set_apps("new_received", [1, 0, 0, 0, 0, 0, 1])
    b.set_apps("other.no_fee", [1, 0, 0, 0, 0, 0, 1])
    b.set_apps("total", [1, 0, 0, 0, 0, 0, 1])
    assert run(b.build(), "A003") == []
    b.set_apps("other.no_fee", [0, 0, 0, 0, 0, 0, 0])
    found = run(b.build(), "A003")
    assert {f.message.rsplit(" ", 1)[-1] for f in found} == {"自然人", "总计"}


def test_a004_review_group_sum() -> None:
    b = consistent()
    b.review = [1, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assert run(b.build(), "A004") == []
    b.review[4] = 1
    report = b.build()
    [finding] = run(report, "A004")
    assert finding.message == "行政复议: 维持+纠正+其他+尚未审结 = 1+1+0+0 = 2, but 总计 = 1"
    assert finding.start == report.tables["review_litigation"].cells["review.total"].start
    assert len(finding.related) == 4


def test_a004_each_litigation_group() -> None:
    b = consistent()
    b.review = [0] * 15
    b.review[5 + 3] = 1  # 直接起诉 尚未审结 1, total 0
    b.review[10 + 4] = 2  # 复议后起诉 total 2, parts 0
    messages = [f.message for f in run(b.build(), "A004")]
    assert len(messages) == 2
    assert any(m.startswith("行政诉讼(未经复议直接起诉)") for m in messages)
    assert any(m.startswith("行政诉讼(复议后起诉)") for m in messages)


def test_a004_skips_an_unassigned_table4_line() -> None:
    b = consistent()
    b.review = [1] * 15
    b.review_found = 12
    assert run(b.build(), "A004") == []


def test_a005_template_2019_bounds() -> None:
    b = consistent()
    b.active["normative_documents.new_published"] = 3
    b.active["normative_documents.total_published"] = 2
    b.active["licensing.prev_count"] = 4
    b.active["licensing.change"] = -6
    found = run(b.build(), "A005")
    assert len(found) == 2
    assert any("对外公开总数量 = 2 is less than 本年新公开数量 = 3" in f.message for f in found)
    assert any("4+(-6) = -2" in f.message for f in found)


def test_a005_not_for_template_2021() -> None:
    b = ReportBuilder(template="2021", year=2021)
    b.active["normative_documents.issued"] = 5
    assert run(b.build(), "A005") == []


def test_a005_allows_equal_and_positive() -> None:
    b = consistent()
    b.active["regulations.new_published"] = 2
    b.active["regulations.total_published"] = 2
    b.active["fees.prev_count"] = 3
    b.active["fees.change"] = -3
    assert run(b.build(), "A005") == []
