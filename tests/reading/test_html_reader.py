"""Web pages: Word-pasted CMS markup, merged cells, charsets, places in the source."""

from __future__ import annotations

import pytest

from nianbao.parser.document.parse import parse_bytes
from nianbao.parser.errors import ReportError
from nianbao.parser.reading.documents.html import read_html, render_html
from nianbao.parser.reading.origin import HtmlPlace, Rendering
from tests.reading.fill_template import DATA

SHUYANG = DATA / "shuyang_fgj_2023_table3_excerpt.html"


def lines(rendering: Rendering) -> list[str]:
    return rendering.text.splitlines()


def place_of(rendering: Rendering, needle: str, nth: int = 0) -> HtmlPlace:
    start = -1
    for _ in range(nth + 1):
        start = rendering.text.index(needle, start + 1)
    place = rendering.place_at(start)
    assert isinstance(place, HtmlPlace)
    return place


def source_at(source: str, place: HtmlPlace, length: int) -> str:
    line = source.split("\n")[place.line - 1]
    return line[place.column - 1:place.column - 1 + length]


def test_word_split_over_spans_and_label_over_two_paragraphs() -> None:
    page = ("<table><tr>"
            "<td><p><span>申请人情</span><span>况</span><o:p></o:p></p></td>"
            "<td><p><span>商业</span><o:p></o:p></p>\n<p><span>企业</span></p></td>"
            "<td><p>Total</p><p>count</p></td>"
            "<td><p>结果\n  纠正</p></td>"
            "</tr></table>")
    assert lines(render_html(page, "p.html")) == ["申请人情况\t商业企业\tTotal count\t结果纠正"]


def test_blank_cells_stay_empty_and_point_at_their_cell() -> None:
    page = ("<table>\n<tr><td>规章</td><td><p><o:p>&nbsp;</o:p></p></td>"
            "<td>\u3000</td><td>7</td><td> </td></tr>\n</table>")
    rendering = render_html(page, "p.html")
    assert lines(rendering) == ["规章\t\t\t7\t"]
    first_separator = rendering.text.index("\t")
    # The character that ends a blank cell (where the parser places it) maps to its <td>.
    blank = rendering.place_at(first_separator + 1)
    assert isinstance(blank, HtmlPlace)
    assert source_at(page, blank, 4) == "<td>" and blank.column == 16
    last = rendering.place_at(rendering.text.index("\n"))
    assert isinstance(last, HtmlPlace) and source_at(page, last, 9) == "<td> </td"
    # A separator after a cell with text maps to nothing.
    assert rendering.place_at(first_separator) is None


def test_rowspan_and_colspan_on_an_occupied_slot_grid() -> None:
    page = """<table>
<tr><td rowspan="2" colspan="2">（本列数据的勾稽关系）</td><td colspan="3">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td>商业企业</td><td>总计</td></tr>
<tr><td>三、本年度办理结果</td><td>（一）予以公开</td><td>5</td><td>6</td></tr>
<tr><td rowspan="2">（三）不予公开</td><td>1.属于国家秘密</td><td>0</td><td>1</td><td>1</td></tr>
<tr><td>2.其他法律行政法规禁止公开</td><td>2</td><td>0</td><td>2</td></tr>
</table>"""
    assert lines(render_html(page, "p.html")) == [
        "（本列数据的勾稽关系）\t\t申请人情况",
        "\t\t自然人\t商业企业\t总计",
        "三、本年度办理结果\t（一）予以公开\t\t5\t6",
        "（三）不予公开\t1.属于国家秘密\t0\t1\t1",
        "\t2.其他法律行政法规禁止公开\t2\t0\t2",
    ]


def test_merged_cell_is_written_once() -> None:
    page = "<table><tr><td colspan=3 rowspan=3>合并</td><td>1</td></tr><tr><td>2</td></tr></table>"
    rendering = render_html(page, "p.html")
    assert rendering.text.count("合并") == 1
    assert lines(rendering) == ["合并\t\t\t1", "\t\t\t2"]


def test_rowspan_past_the_table_end_and_odd_span_values() -> None:
    page = ('<table><tr><td rowspan="0">a</td><td colspan="x">b</td><td colspan="2.5">c</td>'
            '<td rowspan="99999999">d</td></tr><tr><td>e</td></tr></table>')
    assert lines(render_html(page, "p.html")) == ["a\tb\tc\t\td", "\te"]


def test_nested_layout_table_puts_the_report_table_on_its_own_lines() -> None:
    page = """<table class="layout"><tr><td>首页 &gt; 信息公开</td></tr>
<tr><td><div>标题：2023年报告</div>
<table><tr><td>规章</td><td>1</td><td>2</td></tr><tr><td>规范性文件</td><td>3</td><td>4</td></tr></table>
<p>五、存在的主要问题</p></td><td>右栏</td></tr></table>"""
    assert lines(render_html(page, "p.html")) == [
        "首页 > 信息公开", "标题：2023年报告", "规章\t1\t2", "规范性文件\t3\t4",
        "五、存在的主要问题", "右栏"]


def test_page_chrome_dropped_and_blocks_make_lines() -> None:
    page = """<!DOCTYPE html><html><head><title>标题不算正文</title>
<meta charset="utf-8"><style>td { color: red }</style>
<script>var t = "<table><tr><td>9</td></tr></table>";</script></head>
<body><!-- 注释 --><select><option>部门网站</option><option>区县网站</option></select>
<div class="nav"><a>首页</a> | <a>信息公开</a></div>
<p>一、总体情况<br>本机关……<br/>二、主动公开</p><noscript>请启用脚本</noscript>
<pre>第一行
  第二行</pre>
<script type="text/javascript">document.write('<p>x</p>')</script><h2>六、其他</h2></body></html>"""
    assert lines(render_html(page, "p.html")) == [
        "首页 | 信息公开", "一、总体情况", "本机关……", "二、主动公开", "第一行", "第二行",
        "六、其他"]


def test_word_conditional_sections_do_not_stop_the_parse() -> None:
    page = ("<p><![if !supportLists]><span>1.</span><![endif]>属于国家秘密</p>"
            "<![weird thing]><p>后文</p><![CDATA[ x ]]><p>完</p>")
    assert lines(render_html(page, "p.html")) == ["1.属于国家秘密", "后文", "完"]


def test_places_of_paragraphs_and_cells_in_the_source() -> None:
    page = "<html>\n<body>\n  <p>\n    一、总体情况</p>\n<table><tr>\n<td>规章</td><td>\n 17</td></tr></table>"
    rendering = render_html(page, "p.html")
    assert place_of(rendering, "一、总体情况") == HtmlPlace(4, 5)
    assert place_of(rendering, "规章") == HtmlPlace(6, 5)
    assert place_of(rendering, "17") == HtmlPlace(7, 2)
    for needle in ("一、总体情况", "规章", "17"):
        assert source_at(page, place_of(rendering, needle), len(needle)) == needle


def test_one_line_page_places_count_columns() -> None:
    page = "<div>" + "<span>菜单</span>" * 500 + "</div><table><tr><td>规章</td><td>5</td></tr></table>"
    rendering = render_html(page, "p.html")
    place = place_of(rendering, "5\n")
    assert place.line == 1 and source_at(page, place, 1) == "5"
    assert place.column > 5000


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_ends_counted_as_editors_count_them(newline: str) -> None:
    page = newline.join(["<html>", "<body>", "<p>规章</p>", "</body>"])
    assert place_of(render_html(page, "p.html"), "规章") == HtmlPlace(3, 4)


def test_gb2312_declared_is_read_as_gb18030() -> None:
    # 镕 and 𠀀 are outside GB2312; pages that declare it hold them anyway.
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            "</head><body><p>朱镕基 𠀀 规章</p></body></html>").encode("gb18030")
    rendering = read_html(page, "p.html")
    assert lines(rendering) == ["朱镕基 𠀀 规章"] and rendering.encoding == "gb18030"


def test_meta_charset_bom_and_a_lying_declaration() -> None:
    body = "<p>行政许可</p>"
    assert read_html(f'<meta charset="GBK">{body}'.encode("gbk"), "p").encoding == "gb18030"
    assert lines(read_html(b"\xef\xbb\xbf" + body.encode(), "p")) == ["行政许可"]
    assert lines(read_html("\ufeff".encode("utf-16-le") + body.encode("utf-16-le"), "p")) == [
        "行政许可"]
    lying = read_html(f'<meta charset="utf-8">{body}'.encode("gb18030"), "p")
    assert lines(lying) == ["行政许可"] and lying.encoding == "gb18030"
    assert lying.notes == ("the page declares utf-8 but is gb18030",)
    cut = read_html('<meta charset="gb2312"><p>行政许可</p>'.encode("gb18030")[:-5], "p")
    assert lines(cut) == ["行政许\ufffd"] and cut.encoding == "gb18030"
    assert cut.notes == ("1 bytes that are not valid gb18030 were replaced",)
    assert lines(read_html(body.encode("gb18030"), "p")) == ["行政许可"]


def test_a_page_without_text_is_refused() -> None:
    with pytest.raises(ReportError, match="no text"):
        read_html(b"<html><head><title>x</title></head><body> </body></html>", "empty.html")


def test_shuyang_excerpt_every_cell_of_its_rows() -> None:
    """The real CMS page: values read by eye from the file."""
    rendering = read_html(SHUYANG.read_bytes(), str(SHUYANG))
    assert lines(rendering) == [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t\t申请人情况",
        "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计",
        "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他",
        "一、本年新收政府信息公开申请数量\t\t\t26\t\t\t\t\t\t26",
    ]
    source = SHUYANG.read_text(encoding="utf-8")
    # Each points at its first character (其他 is split over two <span>s).
    for needle, written in (("申请人情", "申请人情"), ("自然", "自然"), ("26", "26"),
                            ("科研", "科研"), ("其他\n", "其")):
        assert source_at(source, place_of(rendering, needle), len(written)) == written
    # Today's parser reads the row from the rendering: 26, five blanks, 26.
    report = parse_bytes(rendering.text.encode(), "shuyang.txt")
    cells = report.tables["applications"].cells
    expected = {"natural_person": 26, "commercial": None, "research": None,
                "social_welfare": None, "legal_service": None, "other_org": None, "total": 26}
    for column, value in expected.items():
        cell = cells[f"new_received.{column}"]
        assert cell.value == value, column
        # Each cell, blank ones too, traces back to its own <td> in the page.
        place = rendering.place_at(cell.start)
        assert isinstance(place, HtmlPlace), column
        expected_text = str(value) if value is not None else "<td"
        assert source_at(source, place, len(expected_text)) == expected_text, column
