"""Tables from converters and OCR tools, and numbers away from their labels (issue 13,
kinds 2, 5 and 6).

Kind 2: a label wrapped over lines with its numbers on the middle one; loose label
lines followed by value-only rows, bound by template order and position, never to
the nearest label. Kind 5: table 4 as three 5-column tables, or one bare row of 15
numbers under a broken header. Kind 6: markdown with made-up headers (数据1…数据6),
rows under a wrong header, notes in value cells (``22（其中修订16件）``), a cell the
converter lost (absent, one S007 on its place, the sums that need it not checked).
"""

from __future__ import annotations

from decimal import Decimal

from nianbao.parser.layout.numbers import read_number
from tests.table_texts import (
    GROUP_BEFORE,
    RAW_LABELS,
    T2,
    T3,
    T3_OLD,
    T4,
    cells,
    codes,
    findings,
    parse,
    raw_table3,
    report_text,
    t3_cells,
    t4_cells,
)

T4_GROUPS = "".join(
    f"### {title}\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
    f"|----------|----------|----------|----------|------|\n"
    f"| {' | '.join(str(v) for v in T4[5 * g:5 * g + 5])} |\n\n"
    for g, title in enumerate(("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）")))
T4_BARE = """四、政府信息公开行政复议、行政诉讼情况
行政复议行政诉讼
未经复议直接起诉复议后起诉
结果结果其他尚未
总计
维持纠正结果审结维持纠正结果审结
| 维持 | 纠正 | 结果 | 审结 | 结果 | 结果 | 其他 | 尚未 | 结果 | 结果 | 其他 | 尚未 |
|---|---|---|---|---|---|---|---|---|---|---|---|
| """ + " | ".join(str(v) for v in T4) + """ |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|

（一）主要问题
本机关 2023 年信息公开工作仍有不足。
"""
T2_NOTES = """二、主动公开政府信息情况
### 第二十条第（一）项
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
|---|---|---|---|
| 规章 | 0 | 0 | 0 |
| 行政规范性文件 | 1（其中修订1件） | 0 | 5（其中修订2件） |
### 第二十条第（五）项
| 信息内容 | 本年处理决定数量 |
|---|---|
| 行政许可 | 550 |
### 第二十条第（六）项
| 信息内容 | 本年处理决定数量 |
|---|---|
| 行政处罚 | 41 |
| 行政强制 | 19 |
### 第二十条第（八）项
| 信息内容 | 本年收费金额（单位：万元） |
|---|---|
| 行政事业性收费 | 7.5 |
"""
_DATA = "| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |\n|---|---|---|---|---|---|---|---|\n"
_WRONG = ("| 项目 | 本年新收件数 | 上年结转件数 | 予以公开 | 部分公开 | 不予公开 | 结转下年度 | 总计 |\n"
          "|---|---|---|---|---|---|---|---|\n")


def _md(row: str, values: list[int] | list[str], label: str | None = None) -> str:
    return f"| {label if label is not None else RAW_LABELS[row]} | " + \
        " | ".join(str(v) for v in values) + " |\n"


def groups_table3(wrong_header: int = 0) -> str:
    """Table 3 as an OCR tool writes it: one markdown table per row group, headed
    数据1…数据6, the last ``wrong_header`` rows under a header of no row of table 3."""
    out = ["三、收到和处理政府信息公开申请情况\n",
           "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)\n\n",
           "### 申请人情况 (法人或其他组织)\n| 商业企业 | 科研机构 | 社会公益 | 法律服务机构 | 其他 |\n"
           "|---|---|---|---|---|\n| - | - | - | - | - |\n\n"]
    rows = list(T3)
    body, tail = rows[:len(rows) - wrong_header], rows[len(rows) - wrong_header:]
    open_group = None
    for row in body:
        group = GROUP_BEFORE.get(row)
        if group is not None or "." not in row or open_group is None:
            out.append(f"\n### {group or RAW_LABELS[row]}\n{_DATA}")
            open_group = group
        out.append(_md(row, T3[row]))
    if tail:
        out.append("\n" + _WRONG)
        out += [_md(row, T3[row]) for row in tail]
    return "".join(out) + "\n"


def loose_table3(lost: str | None = None) -> str:
    """Table 3 as a PDF→markdown converter writes it (shanghai_kw): labels too long for
    their cell pulled out as loose lines before the value-only rows they belong to."""
    def values(row: str) -> list[str]:
        return ["" if f"{row}.{c}" == lost else str(v) for c, v in zip(
            ("natural_person", "commercial", "research", "social_welfare", "legal_service",
             "other_org", "total"), T3[row], strict=True)]

    rule = "|---|---|---|---|---|---|---|\n"
    return (
        "三、收到和处理政府信息公开申请情况\n申请人情况\n自然人总计\n"
        "## 表三：收到和处理政府信息公开申请情况\n| 业 | 构 | 益组织 | 务机构 |  |  |  |  |  |\n"
        "|---|---|---|---|---|---|---|---|---|\n"
        + _md("new_received", values("new_received"))
        + _md("carried_over", values("carried_over"))
        + "| 三、 | （一）予以公开 | " + " | ".join(values("granted")) + " |\n"
        # 部分公开 lost its label: its loose line comes after its values
        + "| " + " | ".join(values("partially_granted")) + " |\n" + rule + "\n"
        + "（二）部分公开（区分处理的，只\n度办\n理结计这一情形，不计其他情形）\n果\n"
        + _md("denied.state_secret", values("denied.state_secret"))
        # loose labels of two rows, then their values, one labelled row between
        + "（三）不\n予公开\n2.其他法律行政法规禁\n止公开\n3.危及“三安全一\n稳定”\n"
        + "| " + " | ".join(values("denied.law_prohibited")) + " |\n" + rule
        + "| " + " | ".join(values("denied.security_stability")) + " |\n" + rule
        + "".join(_md(r, values(r)) for r in (
            "denied.third_party", "denied.internal_affairs", "denied.process_info",
            "denied.enforcement_case", "denied.query_matter", "unavailable.not_held"))
        # two labels on one line, interleaved with the group's
        + "\n（四）无2.没有现成信息需要另\n法提供行制作\n3.补正后申请内容仍不\n明确\n"
        + "| " + " | ".join(values("unavailable.needs_creation")) + " |\n" + rule
        + "| " + " | ".join(values("unavailable.still_unclear")) + " |\n" + rule
        + "1\n"  # converter noise
        + "".join(_md(r, values(r)) for r in list(T3)[15:])
        + "\n"
    )


def test_table_4_as_three_five_column_tables() -> None:
    report = parse(report_text(table4="四、政府信息公开行政复议、行政诉讼情况\n\n" + T4_GROUPS))
    assert cells(report, "review_litigation") == t4_cells()
    assert codes(report) == []


def test_table_4_as_one_bare_row_under_a_broken_header_before_prose() -> None:
    text = report_text(table4=T4_BARE).replace("五、存在的主要问题及改进情况\n", "")
    report = parse(text)
    assert cells(report, "review_litigation") == t4_cells()


def test_value_cells_with_notes_read_as_their_number() -> None:
    report = parse(report_text(table2=T2_NOTES))
    assert cells(report, "active_disclosure") == T2
    assert codes(report) == []
    cell = report.tables["active_disclosure"].cells["normative_documents.in_force"]
    assert cell.raw == "5（其中修订2件）"


def test_a_note_never_swallows_the_next_label() -> None:
    assert read_number("22(其中修订16件)").value == Decimal(22)
    assert read_number("3(二)").kind == "text"  # (二)部分公开 starts here
    assert read_number("22(16)").kind == "text"


def test_table_3_as_a_markdown_table_per_group_with_made_up_headers() -> None:
    report = parse(report_text(table3=groups_table3()))
    assert cells(report, "applications") == t3_cells(T3)
    assert codes(report) == []


def test_rows_under_a_header_of_no_row_of_table_3() -> None:
    report = parse(report_text(table3=groups_table3(wrong_header=4)))
    assert cells(report, "applications") == t3_cells(T3)
    assert codes(report) == []


def test_loose_labels_and_value_rows_are_bound_by_template_order() -> None:
    report = parse(report_text(table3=loose_table3()))
    assert cells(report, "applications") == t3_cells(T3)
    s006 = [f for f in findings(report) if f.code == "S006"]
    # Only 部分公开, whose label comes after its values; the others pair up in order.
    assert [f.message.split(" placed as ")[1].split(" by ")[0] for f in s006] == [
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"]
    assert codes(report) == ["S006"]


def test_a_lost_cell_is_absent_with_one_finding_and_no_false_sum() -> None:
    report = parse(report_text(table3=loose_table3(lost="carried_forward.total")))
    got = cells(report, "applications")
    truth = t3_cells(T3)
    del truth["carried_forward.total"]
    assert got == truth
    s007 = [f for f in findings(report) if f.code == "S007"]
    assert len(s007) == 1
    assert [str(c) for c in s007[0].cells] == ["applications:carried_forward.total"]
    line = report.text[:s007[0].start].count("\n")  # type: ignore[index]
    assert report.text.splitlines()[line].startswith("| 四、结转下年度继续办理")
    assert codes(report) == ["S006", "S007"]  # no A001/A002/V001 over the lost cell


def test_blank_cells_of_a_table_full_of_blanks_are_blanks() -> None:
    rows = {row: values[:1] + [None] * 5 + values[6:] for row, values in T3.items()}
    text = "三、收到和处理政府信息公开申请情况\n" + "".join(
        f"| {RAW_LABELS[row]} | " + " | ".join("" if v is None else str(v) for v in values)
        + " |\n" for row, values in rows.items())
    report = parse(report_text(table3=text))
    assert all(f"{row}.commercial" in cells(report, "applications") for row in T3)
    assert "S007" not in codes(report)


LAYOUT_T3 = """三、收到和处理政府信息公开申请情况
                                                    自然人        法人或其他组织          总计
                                                            商业企业  科研机构  社会公益  法律服务  其他
{rows}"""


def _layout_rows() -> str:
    out = []
    for row, values in T3.items():
        numbers = "".join(f"{v:>8}" for v in values)
        label = RAW_LABELS[row]
        if len(label) <= 14:
            out.append(f"{label:<34}{numbers}")
        else:  # wrapped over three lines, the numbers on the middle one
            out += [label[:8], " " * 34 + numbers, label[8:]] if len(label) < 20 else [
                label[:8], label[8:16] + " " * 26 + numbers, label[16:]]
    return "\n".join(out) + "\n"


def test_wrapped_labels_with_their_numbers_on_the_middle_line() -> None:
    report = parse(report_text(table3=LAYOUT_T3.format(rows=_layout_rows())))
    assert cells(report, "applications") == t3_cells(T3)
    assert codes(report) == []


T2_LAYOUT_2019 = """二、主动公开政府信息情况
第二十条第（一）项
    信息内容      本年新制  本年新公  对外公开
                  作数量    开数量    总数量
规章                0         0         0
规范性文件           1         1         5
第二十条第（五）项
    信息内容      上一年项  本年增/   处理决定
                  目数量    减        数量
行政许可             5        0        550
其他对外管理服务
                     0         3         73
事项
第二十条第（六）项
    信息内容      上一年项  本年增/   处理决定
                  目数量    减        数量
行政处罚             3        0         41
行政强制             1        0         19
第二十条第（八）项
    信息内容      上一年项  本年增/
                  目数量    减
行政事业性收费       2         0
第二十条第（九）项
    信息内容      采购项目  采购总金
                  数量      额
政府集中采购         3      12.5万元
"""


def test_an_item_label_wrapped_round_its_numbers() -> None:
    text = report_text(table2=T2_LAYOUT_2019, table3=raw_table3(T3_OLD)).replace(
        "2023", "2020").replace("2024", "2021")
    report = parse(text)
    assert report.meta.template == "2019"
    got = cells(report, "active_disclosure")
    assert [got[f"other_services.{f}"] for f in ("prev_count", "change", "decisions")] == [
        Decimal(0), Decimal(3), Decimal(73)]
    assert got["licensing.decisions"] == Decimal(550)


def test_a_misspelt_label_wrapped_over_its_numbers_is_no_lost_label() -> None:
    numbers = "".join(f"{v:>8}" for v in T3["not_processed.petition"])
    rows = _layout_rows().replace(f"{'1.信访举报投诉类申请':<34}{numbers}",
                                  f"1.信访举报投类诉申\n请\n{' ' * 34}{numbers}")
    assert "1.信访举报投类诉申\n请\n" in rows
    report = parse(report_text(table3=LAYOUT_T3.format(rows=rows)))
    assert cells(report, "applications") == t3_cells(T3)
    assert codes(report) == []  # no S006: the row's label is there, misspelt


def test_a_slash_in_a_wrapped_header_is_no_cell() -> None:
    text = T2_LAYOUT_2019.replace("本年增/   处理决定", "本年增 /  处理决定", 1)
    report = parse(report_text(table2=text, table3=raw_table3(T3_OLD)).replace(
        "2023", "2020").replace("2024", "2021"))
    assert "S007" not in codes(report)
    assert cells(report, "active_disclosure")["licensing.decisions"] == Decimal(550)


def test_a_missing_section_after_a_table_is_placed_where_its_text_starts() -> None:
    text = report_text(table4="四、政府信息公开行政复议、行政诉讼情况\n\n" + T4_GROUPS).replace(
        "五、存在的主要问题及改进情况\n", "")
    report = parse(text)
    [s001] = [f for f in findings(report) if f.code == "S001"]
    assert s001.start is not None
    assert report.text[s001.start:].startswith("存在的问题是公开深度不够。")
