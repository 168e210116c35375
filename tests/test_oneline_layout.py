"""Issue 14: headings and table rows inside one line, and headings as real reports write them.

A web archive saves a report as one line; a heading is then followed by its paragraph
on the same line, and a table row's numbers run into the next row's number
(``…政府信息3100000312.没有现成信息…``). These tests build such lines and look at the
sections and rows the parser finds in them.
"""

from __future__ import annotations

from nianbao.parser.document.parse import parse_bytes
from nianbao.parser.layout.sections import find_sections, heading_words
from nianbao.parser.reading.lines import split_lines
from nianbao.parser.rules.checker import check_report


def _headings(text: str) -> list[tuple[int, str, bool]]:
    layout = find_sections(split_lines(text))
    return [(s.number, text[s.start:s.heading_end], s.standard) for s in layout.sections]


_PARAGRAPH = "本机关认真贯彻落实《条例》，持续推进政务公开工作，取得了一定成效，" * 4


def test_a_heading_on_one_line_ends_where_its_words_end() -> None:
    line = (f"前言{_PARAGRAPH}。一、总体情况 2023年，{_PARAGRAPH}二、主动公开政府信息情况第二十条"
            f"第（一）项 五、存在的主要问题及改进情况存在的问题主要有以下几个方面：{_PARAGRAPH}"
            f"六、其他需要报告的事项2023年，无收取信息处理费情况。")
    assert _headings(line) == [
        (1, "一、总体情况", True),
        (2, "二、主动公开政府信息情况", True),
        (5, "五、存在的主要问题及改进情况", True),
        (6, "六、其他需要报告的事项", True),
    ]


def test_a_heading_of_other_words_ends_at_punctuation_or_its_last_word() -> None:
    assert heading_words("政府信息公开工作存在的主要问题及改进情况存在的问题主要有以下几个方面："
                         "一是部分单位")[0] == len("政府信息公开工作存在的主要问题及改进情况")
    assert heading_words("存在的主要问题及整改措施")[0] == len("存在的主要问题及整改措施")
    assert heading_words("概述，本年度")[0] == 2
    assert heading_words("总体情况")[1] == 1
    assert heading_words("本年度政府信息公开工作的基本情况2020年")[1] == 1


def test_a_heading_on_its_own_line_is_the_whole_line() -> None:
    text = "一、总体情况\n正文。\n五、存在的主要问题及下一步工作打算\n正文。\n"
    assert _headings(text) == [(1, "一、总体情况", True),
                               (5, "五、存在的主要问题及下一步工作打算", False)]


def test_headings_in_traditional_characters() -> None:
    text = "一、總體情況\n正文。\n二、主動公開政府信息情況\n正文。\n四、政府信息公開行政復議、行政訴訟情況\n"
    assert [(n, std) for n, _, std in _headings(text)] == [(1, True), (2, True), (4, True)]


def test_a_table_label_cut_by_a_wrap_is_not_a_heading() -> None:
    text = ("一、总体情况\n正文。\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 1\n"
            "三、本年\n度办理结果\n（一）予以公开 1\n四、政府信息公开行政复议、行政诉讼情况\n")
    layout = find_sections(split_lines(text))
    assert [s.number for s in layout.sections] == [1, 3, 4]
    assert layout.anomalies == ()


def test_renumbered_sections_are_found_by_their_words() -> None:
    """Sub-headings 二–四 inside section 1, then the sections numbered from 一 again."""
    text = ("一、总体情况\n正文。\n二、工作机制保障\n正文。\n三、主动公开工作情况\n正文。\n"
            "四、政府信息公开申请情况\n正文。\n一、主动公开政府信息情况\n表。\n"
            "二、收到和处理政府信息公开申请情况\n表。\n三、政府信息公开行政复议、行政诉讼情况\n表。\n"
            "五、其他需要报告的事项\n无。\n")
    layout = find_sections(split_lines(text))
    assert [(s.number, s.heading, s.standard) for s in layout.sections] == [
        (1, "一、总体情况", True), (2, "一、主动公开政府信息情况", True),
        (3, "二、收到和处理政府信息公开申请情况", True),
        (4, "三、政府信息公开行政复议、行政诉讼情况", True), (6, "五、其他需要报告的事项", True)]
    assert [(a.heading, a.kind) for a in layout.anomalies] == [("一、主动公开政府信息情况", "repeat")]
    findings = check_report(parse_bytes(text.encode(), "renumbered.txt"))
    assert [f.code for f in findings if f.code in ("S001", "S002", "S003")] == ["S001", "S003"]


def test_a_row_that_runs_into_the_next_rows_number_is_cut_before_it() -> None:
    line = ("三、收到和处理政府信息公开申请情况" + "本报告" * 100 + "（四）无法提供1.本机关不掌握相关政府信息"
            "3100000312.没有现成信息需要另行制作00000003.补正后申请内容仍不明确0000000（五）不予处理")
    pieces = [ln.raw for ln in split_lines(line)]
    assert "1.本机关不掌握相关政府信息310000031" in pieces
    assert "2.没有现成信息需要另行制作0000000" in pieces
    assert "3.补正后申请内容仍不明确0000000" in pieces
