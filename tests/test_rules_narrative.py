"""X rules: the text against the tables, with the traps real narratives set."""

from __future__ import annotations

from nianbao.parser.document.sentences import sentences
from nianbao.parser.model.findings import Finding
from nianbao.parser.model.report import Report
from nianbao.parser.rules.checker import check_report
from tests.report_builder import ReportBuilder


def run(report: Report, code: str = "X") -> list[Finding]:
    return check_report(report, select=[code])


def busy(**prose: list[str]) -> ReportBuilder:
    """Table 3: 4 new + 1 carried over; 2 granted, 1 denied, 1 not held; 1 carried forward."""
    b = ReportBuilder(prose={int(k[1:]): v for k, v in prose.items()})
    b.set_apps("new_received", [0, 3, 1, 0, 0, 0, 4])
    b.set_apps("carried_over", [1, 0, 0, 0, 0, 0, 1])
    b.set_apps("granted", [0, 2, 0, 0, 0, 0, 2])
    b.set_apps("denied.state_secret", [0, 1, 0, 0, 0, 0, 1])
    b.set_apps("unavailable.not_held", [0, 0, 1, 0, 0, 0, 1])
    b.set_apps("total", [0, 3, 1, 0, 0, 0, 4])
    b.set_apps("carried_forward", [1, 0, 0, 0, 0, 0, 1])
    b.review = [1, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    b.active["normative_documents.new_made"] = 2
    b.active["normative_documents.new_published"] = 2
    b.active["normative_documents.total_published"] = 9
    return b


def number_at(report: Report, finding: Finding) -> str:
    assert finding.start is not None and finding.end is not None
    return report.text[finding.start:finding.end]


def test_consistent_sentences_give_nothing() -> None:
    report = busy(s1=[
        "本年度新收政府信息公开申请4件，上年结转1件，办结4件。",
        "其中予以公开2件，占50%，部分公开0件，不予公开1件，无法提供1件，不予处理0件，其他处理0件；"
        "结转下年度继续办理1件。",
        "全年共收到政府信息公开申请5件（含上年结转1件）。",
        "全年共办理政府信息公开申请4件。",
        "本年度因政府信息公开被申请行政复议2件，被提起行政诉讼0件。",
        "本年度新制作规范性文件2件，转发上级规范性文件并对外公开5件。",
        "共办理政协委员提案12件，办结率100%。",
    ]).build()
    assert run(report) == []


def test_x001_received_count_points_at_the_number() -> None:
    report = busy(s3=["本年度共收到政府信息公开申请7件。"]).build()
    [finding] = run(report, "X001")
    assert finding.severity == "warning"
    assert number_at(report, finding) == "7"
    assert "'收到政府信息公开申请7件'" in finding.message
    assert "一、本年新收·总计 = 4" in finding.message
    assert "(and 一+二·总计 = 5)" in finding.message
    cells = report.tables["applications"].cells
    assert finding.related[0].start == cells["new_received.total"].start
    assert finding.related[0].message == "一、本年新收·总计 = 4"
    assert "applications:new_received.total" in map(str, finding.cells)


def test_x001_received_may_include_carried_over() -> None:
    assert run(busy(s1=["共收到申请5件。"]).build(), "X001") == []
    assert run(busy(s1=["共收到申请4件。"]).build(), "X001") == []


def test_x001_handled_means_the_total() -> None:
    [finding] = run(busy(s1=["全年共办理政府信息公开申请6件。"]).build(), "X001")
    assert "(七)总计·总计 = 4" in finding.message


def test_x001_none_received_against_a_busy_table() -> None:
    report = busy(s1=["本年度未收到政府信息公开申请。"]).build()
    [finding] = run(report, "X001")
    assert "no applications were received" in finding.message
    assert report.text[finding.start:finding.end] == "未收到政府信息公开申请"  # type: ignore[misc]


def test_x001_none_received_matches_a_zero_table() -> None:
    report = ReportBuilder(prose={3: ["本年度未收到依申请公开案件。",
                                      "2021年，全局未发生公民、法人和其他组织依申请公开事项。"]}).build()
    assert run(report) == []


def test_x001_not_fooled_by_other_kinds_of_requests() -> None:
    report = busy(s1=["共收到人大代表建议和政协提案申请9件。", "本年度未收到行政复议申请。",
                      "共办理政协委员提案2件。", "受理行政许可申请120件。"]).build()
    assert run(report, "X001") == []
    # 未收到行政复议申请 is about table 4, which counts 2: that one is X003's.
    assert [f.code for f in run(report)] == ["X003"]


def test_x001_applicant_column_quoted() -> None:
    report = busy(s1=["收到自然人申请1件。"]).build()
    assert run(report, "X001") == []
    [finding] = run(busy(s1=["收到自然人申请3件。"]).build(), "X001")
    assert "一、本年新收·自然人 = 0 (and 一+二·自然人 = 1)" in finding.message


def test_x001_sentence_wrapped_over_lines_and_chinese_numerals() -> None:
    report = busy(s1=["本年度共收到政府信息公开申请六件，其中自然人申请一件，所有申请均在法定期限内依法\n\n"
                      "予以答复。"]).build()
    [finding] = run(report, "X001")
    assert number_at(report, finding) == "六"


def test_x002_result_counts_and_the_group_sum() -> None:
    report = busy(s1=["收到申请4件，其中予以公开3件，不予公开2件，无法提供1件，办结5件。"]).build()
    found = run(report, "X002")
    numbers = sorted(number_at(report, f) for f in found)
    assert numbers == ["2", "3", "5"]
    denied = next(f for f in found if number_at(report, f) == "2")
    assert "(三)不予公开·总计 = 1" in denied.message
    assert len(denied.cells) == 8  # the eight 不予公开 rows


def test_x002_keyword_in_a_parenthesis_is_not_the_count() -> None:
    report = busy(s1=["收到申请4件，予以公开（含部分公开）2件，无法提供（本机关不掌握相关政府信息）1件。",
                      "收到的申请中有3件涉及企业经营。"]).build()
    assert run(report) == []


def test_x002_share_recomputed_against_the_total() -> None:
    report = busy(s1=["共收到申请4件，予以公开2件，占40%。"]).build()
    [finding] = run(report, "X002")
    assert number_at(report, finding) == "40%"
    assert "2 of (七)总计 4 is 50%" in finding.message
    assert run(busy(s1=["共收到申请4件，予以公开2件，占50.00%。"]).build(), "X002") == []


def test_x002_carried_forward_answered_is_not_the_total() -> None:
    # shanghai_kw: 转下一年度办理答复的有 1 件 is the carried-forward count, not 办结.
    report = busy(s1=["共收到申请4件，办结4件，转下一年度办理答复的有 1 件。"]).build()
    assert run(report, "X002") == []
    wrong = busy(s1=["共收到申请4件，转下一年度办理答复的有 2 件。"]).build()
    [finding] = run(wrong, "X002")
    assert "四、结转下年度" in finding.message


def test_x002_needs_an_applications_context() -> None:
    report = busy(s1=["我局主动公开文件，予以公开30件。"]).build()
    assert run(report, "X002") == []


def test_x003_review_and_litigation_counts() -> None:
    report = busy(s4=["2021年被申请行政复议0次。", "2021年被提起行政诉讼1次。"]).build()
    found = run(report, "X003")
    assert len(found) == 2
    assert {number_at(report, f) for f in found} == {"0", "1"}
    review = next(f for f in found if number_at(report, f) == "0")
    assert "行政复议·总计 = 2" in review.message


def test_x003_all_upheld_contradicted_by_a_pending_case() -> None:
    report = busy(s4=["本年度发生政府信息公开行政复议2起，均获维持。"]).build()
    [finding] = run(report, "X003")
    assert "all cases were upheld" in finding.message
    assert "行政复议·尚未审结 = 1" in finding.message
    assert report.text[finding.start:finding.end] == "均获维持"  # type: ignore[misc]


def test_x003_no_cases_said_but_the_table_has_some() -> None:
    report = busy(s4=["本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。"]).build()
    [finding] = run(report, "X003")
    assert "no such cases" in finding.message
    clean = ReportBuilder(prose={4: ["本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。",
                                     "因政府信息公开引起的行政复议案件0起"]})
    assert run(clean.build()) == []


def test_x004_documents_issued_and_forwarded() -> None:
    report = busy(s2=["本年度新制作规范性文件3件，转发上级规范性文件2件。"]).build()
    [finding] = run(report, "X004")
    assert number_at(report, finding) == "3"
    assert "规范性文件·本年新制作数量 = 2" in finding.message


def test_x004_template_2021_in_force_takes_the_kind_named_before() -> None:
    b = ReportBuilder(template="2021", year=2021,
                      prose={2: ["本年度制发行政规范性文件1件，现行有效5件。"]})
    b.active["normative_documents.issued"] = 1
    b.active["normative_documents.in_force"] = 4
    report = b.build()
    [finding] = run(report, "X004")
    assert number_at(report, finding) == "5"
    assert "本年制发" not in finding.message and "现行有效件数 = 4" in finding.message


def test_x004_decisions_and_procurement_amount() -> None:
    b = busy(s2=["全年作出行政处罚决定3件。", "政府集中采购4项，采购总金额21.83万元。"])
    b.active["penalty.decisions"] = 3
    b.active["procurement.count"] = 4
    b.active["procurement.amount"] = "21.83万元"
    assert run(b.build(), "X004") == []
    b.active["procurement.amount"] = "218300元"
    assert run(b.build(), "X004") == []
    b.active["procurement.amount"] = "2.1万元"
    [finding] = run(b.build(), "X004")
    assert "21.83 万元" in finding.message


def test_matching_stays_inside_one_section() -> None:
    b = busy()
    # The number ends section 一, the keyword opens section 二: no sentence spans them.
    b.prose = {1: ["本年度共收到政府信息公开"], 2: ["申请7件的情况说明"]}
    report = b.build()
    assert run(report, "X001") == []
    assert all(s.section in (0, 1, 2, 3, 4, 5, 6) for s in sentences(report))


def test_table_lines_are_not_read_as_prose() -> None:
    report = busy().build()
    texts = " ".join(s.text for s in sentences(report))
    assert "一、本年新收政府信息公开申请数量" not in texts


def test_x001_carried_forward_is_not_the_total() -> None:
    """转下一年度办理…1件 is 四、结转下年度 (1 here), not (七)总计 (4)."""
    for sentence in ("转下一年度继续办理政府信息公开申请1件。", "另有1件申请转下一年度办理。",
                     "转入下年度办理的申请1件。"):
        assert run(busy(s1=[sentence]).build()) == [], sentence
    [finding] = run(busy(s1=["转下一年度办理政府信息公开申请3件。"]).build(), "X002")
    assert "四、结转下年度" in finding.message


def test_x001_nothing_corrected_says_nothing_of_the_count() -> None:
    for sentence in ("本年度未发生因依申请公开被纠错的情况。", "未发生依申请公开被投诉的情况。"):
        assert run(busy(s1=[sentence]).build(), "X001") == [], sentence
    assert len(run(busy(s1=["本年度未收到依申请公开申请。"]).build(), "X001")) == 1
