"""Table-3 labels as real reports write them (issue 13, kinds 3 and 4).

Kind 3: a misspelt or variant label (``2.其他法律行政止公开``) is matched by similarity
*and* position; a common word inside a label (其他, 总计) never pulls its numbers into
another row. Kind 4: a template-2021 table that keeps template 2019's single
（六）其他处理 row is read as row ``other``, with one S010 and no S005.
"""

from __future__ import annotations

from decimal import Decimal

from tests.table_texts import (
    T3,
    T3_OLD,
    cells,
    codes,
    findings,
    parse,
    raw_table3,
    report_text,
    t3_cells,
)


def test_a_misspelt_label_is_read_as_the_row_it_resembles_at_its_place() -> None:
    text = report_text(table3=raw_table3(T3, {"denied.law_prohibited": "2.其他法律行政止公开"}))
    report = parse(text)
    assert cells(report, "applications") == t3_cells(T3)
    assert codes(report) == []


def test_a_variant_label_with_a_dropped_and_a_swapped_character() -> None:
    text = report_text(table3=raw_table3(T3, {"unavailable.needs_creation": "2.没有现成信息需另行制做"}))
    assert cells(parse(text), "applications") == t3_cells(T3)


def test_a_common_word_inside_a_label_never_pulls_its_numbers_into_that_row() -> None:
    # 其他 is the key of row 3.其他; the misspelt label must not land there.
    rows = {k: v for k, v in T3.items() if k != "other.other"}
    text = report_text(table3=raw_table3(rows, {"denied.law_prohibited": "2.其他法律行政止公开"}))
    report = parse(text)
    got = cells(report, "applications")
    assert got["denied.law_prohibited.natural_person"] == Decimal(2)
    assert not any(cid.startswith("other.other.") for cid in got)
    assert "S005" in codes(report)  # 3.其他 is really missing


def test_a_label_like_no_template_row_stays_a_stray_row() -> None:
    text = report_text(table3=raw_table3(T3, {"denied.law_prohibited": "2.其他原因不予公开"}))
    report = parse(text)
    got = cells(report, "applications")
    assert not any(cid.startswith("denied.law_prohibited.") for cid in got)
    assert got["other.other.total"] == Decimal(2)  # 3.其他 keeps its own numbers
    # (the sums that need the missing row are not checked)
    assert sorted(set(codes(report))) == ["S005", "S008"]


def test_similarity_needs_a_free_row_at_the_label_s_place() -> None:
    # A second misspelt copy of 2.其他法律… after 3.危及: its row is taken and lies
    # before the labels around it, so it is not read (S008), never overwritten.
    lines = raw_table3(T3).splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith("4.保护第三方"))
    lines.insert(at, "2.其他法律行政止公开 9 0 0 0 0 0 9")
    report = parse(report_text(table3="\n".join(lines) + "\n"))
    assert cells(report, "applications") == t3_cells(T3)
    assert codes(report) == ["S008"]


def test_a_short_key_names_its_row_only_as_the_label_s_whole_words() -> None:
    text = report_text(table3=raw_table3(T3, {"other.other": "（六）其他处理 3.其他",
                                              "total": "（七） 总 计"}))
    report = parse(text)
    assert cells(report, "applications") == t3_cells(T3)


def test_the_old_single_other_row_in_a_2021_table_is_row_other_with_one_s010() -> None:
    report = parse(report_text(table3=raw_table3(T3_OLD)))
    assert report.meta.template == "2021"
    assert cells(report, "applications") == t3_cells(T3_OLD)
    found = findings(report)
    assert [f.code for f in found] == ["S010"]
    s010 = found[0]
    line = report.text[s010.start:s010.end]  # type: ignore[index,misc]
    assert line.startswith("（六）其他处理")
    assert {c.id for c in s010.cells} == {f"other.{c}" for c in (
        "natural_person", "commercial", "research", "social_welfare", "legal_service",
        "other_org", "total")}


def test_the_old_row_takes_part_in_the_results_sum() -> None:
    rows = {**T3_OLD, "total": [21, 2, 0, 0, 1, 0, 23]}  # the results add up to 24
    report = parse(report_text(table3=raw_table3(rows)))
    assert "S010" in codes(report) and "S005" not in codes(report)
    a003 = next(f for f in findings(report) if f.code == "A003")
    assert "(六)其他处理 3" in a003.message
    assert any(c.id == "other.total" for c in a003.cells)


def test_a_2021_table_with_its_sub_rows_gives_no_s010() -> None:
    report = parse(report_text())
    assert "other.other.total" in cells(report, "applications")
    assert "S010" not in codes(report)


T2_2019 = """二、主动公开政府信息情况
第二十条第（一）项
信息内容 本年新制作数量 本年新公开数量 对外公开总数量
规章 0 0 0
规范性文件 1 1 5
第二十条第（五）项
信息内容 上一年项目数量 本年增/减 处理决定数量
行政许可 5 0 550
其他对外管理服务事项 0 0 0
第二十条第（六）项
信息内容 上一年项目数量 本年增/减 处理决定数量
行政处罚 3 0 41
行政强制 1 0 19
第二十条第（八）项
信息内容 上一年项目数量 本年增/减
行政事业性收费 2 0
第二十条第（九）项
信息内容 采购项目数量 采购总金额
政府集中采购 3 12.5万元
"""


def test_the_template_2019_table_is_not_an_old_row() -> None:
    text = report_text(table2=T2_2019, table3=raw_table3(T3_OLD)).replace("2023", "2020").replace(
        "2024", "2021")
    report = parse(text)
    assert report.meta.template == "2019"
    assert cells(report, "applications") == t3_cells(T3_OLD)
    assert codes(report) == []
