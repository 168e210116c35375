"""The PDF reader on PDFs drawn here: a whole report, and the layouts one at a time.

The report (tests/reading/pdf_report.py) has a ruled table crossing a page break
without its top rule and with a page number between its halves, row labels that
continue empty on the next page, merged header cells, blank cells, a table drawn
without lines, and a paragraph wrapped over three lines.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest

from nianbao.parser.document.parse import parse_bytes
from nianbao.parser.outputs.export import report_to_dict
from nianbao.parser.reading.documents.pdf import PdfReading, read_pdf_counted
from nianbao.parser.reading.documents.pdf_page import page_transform
from nianbao.parser.reading.documents.pdf_slow import NOTE_MISSING
from nianbao.parser.reading.origin import PdfPlace
from nianbao.parser.reading.positions import LineIndex
from tests.reading import pdf_report
from tests.reading.pdf_drawing import CellSpec, DrawnCell, Sheet


@pytest.fixture(scope="module")
def report() -> tuple[PdfReading, dict[str, Any], list[DrawnCell]]:
    data, sheet = pdf_report.build()
    reading = read_pdf_counted(data, "generated.pdf")
    exported = report_to_dict(parse_bytes(reading.rendering.text.encode("utf-8"),
                                          "generated.pdf"))
    return reading, exported, sheet.cells


def _place(reading: PdfReading, cell: dict[str, Any]) -> PdfPlace:
    offset = LineIndex(reading.rendering.text).offset(cell["line"], cell["column"])
    place = reading.rendering.place_at(offset)
    assert isinstance(place, PdfPlace)
    return place


def test_every_cell_of_the_report_is_read(report: tuple[PdfReading, dict[str, Any], Any]) -> None:
    reading, exported, _ = report
    got = {table: {cell: data["value"] for cell, data in body["cells"].items()}
           for table, body in exported["tables"].items()}
    for table, cells in pdf_report.truth().items():
        assert got[table] == cells, table
    assert (reading.pages, reading.tables, reading.slow_tables) == (2, 3, 0)


def test_cells_map_to_the_cells_drawn(report: tuple[PdfReading, dict[str, Any],
                                                    list[DrawnCell]]) -> None:
    """A value's span lies in the cell it was drawn in; a blank cell's is that cell."""
    reading, exported, drawn = report
    ruled = {"active_disclosure", "applications"}
    for table in ruled:
        for cell_id, cell in exported["tables"][table]["cells"].items():
            place = _place(reading, cell)
            x0, top, x1, bottom = place.bbox
            middle = ((x0 + x1) / 2, (top + bottom) / 2)
            holding = [d for d in drawn if d.page == place.page
                       and d.box[0] < middle[0] < d.box[2] and d.box[1] < middle[1] < d.box[3]]
            assert len(holding) == 1, cell_id
            assert holding[0].text == (cell["raw"] or ""), cell_id
            if cell["value"] is None:
                assert place.bbox == pytest.approx(holding[0].box, abs=1.0), cell_id


def test_a_table_continued_without_top_rule_is_one_table(
        report: tuple[PdfReading, Any, Any]) -> None:
    reading = report[0]
    lines = reading.rendering.text.splitlines()
    assert "- 1 -" not in reading.rendering.text and "- 2 -" not in reading.rendering.text
    at = lines.index("6.属于四类过程性信息\t2\t0\t0\t0\t0\t1\t3")
    # The last row of page 1 right above: no page number, no empty row between; the
    # labels 三、本年度办理结果 and （三）不予公开 continued on page 2 add no fields.
    assert lines[at - 1] == "5.属于三类内部事务信息\t0\t0\t0\t0\t0\t0\t0"
    assert lines.count("（三）不予公开\t1.属于国家秘密\t1\t0\t0\t0\t0\t0\t1") == 1
    assert sum("（三）不予公开" in ln for ln in lines) == 1
    place = reading.rendering.place_at(reading.rendering.text.index("6.属于四类"))
    assert isinstance(place, PdfPlace) and place.page == 2


def test_merged_header_cells_are_written_once(report: tuple[PdfReading, Any, Any]) -> None:
    lines = report[0].rendering.text.splitlines()
    assert sum("申请人情况" in ln for ln in lines) == 1
    assert "自然人\t法人或其他组织\t总计" in lines
    assert "商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他" in lines
    # Blank cells stay empty fields, so the numbers after them keep their columns.
    assert "一、本年新收政府信息公开申请数量\t21\t2\t0\t\t0\t1\t24" in lines


def test_a_table_drawn_without_lines_is_read_by_its_columns(
        report: tuple[PdfReading, Any, Any]) -> None:
    reading = report[0]
    lines = reading.rendering.text.splitlines()
    assert "\t".join(str(v) for v in pdf_report.REVIEW) in lines
    headers = [ln for ln in lines if ln.startswith("结果\t结果\t其他\t尚未\t总计")]
    assert len(headers) == 1 and len(headers[0].split("\t")) == 15


def test_a_wrapped_paragraph_is_one_line(report: tuple[PdfReading, Any, Any]) -> None:
    reading = report[0]
    text = reading.rendering.text
    assert pdf_report.PARAGRAPH_TEXT in text.splitlines()
    place = reading.rendering.place_at(text.index(pdf_report.PARAGRAPH_TEXT))
    assert isinstance(place, PdfPlace) and place.page == 1
    # One box round the three lines it was drawn on.
    assert place.bbox[1] < 160 < 190 < place.bbox[3]


def _grid_pdf(cells: list[CellSpec], widths: list[float], heights: list[float]) -> bytes:
    sheet = Sheet()
    sheet.text(72, 72, "表格")
    sheet.grid(72, 100, widths, heights, cells, size=10)
    return sheet.pdf()


def _l_shaped() -> bytes:
    """A 2x3 table whose lines leave one merged region shaped like an L."""
    sheet = Sheet()
    sheet.text(72, 72, "表格")
    x, top, w, h = 72.0, 100.0, 80.0, 24.0
    sheet.line(x, top, x + 3 * w, top)
    sheet.line(x, top + 2 * h, x + 3 * w, top + 2 * h)
    for i in (0, 1, 3):
        sheet.line(x + i * w, top, x + i * w, top + 2 * h)
    # The middle rule runs under the first two columns only, and the rule between
    # columns 2 and 3 stops halfway: slots (0,2), (1,2) and (1,1) make an L.
    sheet.line(x + 2 * w, top, x + 2 * w, top + h)
    sheet.line(x, top + h, x + 2 * w, top + h)
    for col, text in enumerate(("甲", "乙", "戊")):
        sheet.centred(x + col * w, x + (col + 1) * w, top + 7, text, 10)
    sheet.centred(x, x + w, top + h + 7, "丙", 10)
    sheet.centred(x + w, x + 2 * w, top + h + 7, "丁", 10)
    return sheet.pdf()


def test_a_table_the_lines_do_not_settle_takes_the_slow_path() -> None:
    reading = read_pdf_counted(_l_shaped(), "l.pdf")
    text = reading.rendering.text
    assert reading.slow_tables == 1
    for word in ("甲", "乙", "丙", "丁", "戊"):
        assert text.count(word) == 1
    assert "\t" in text


def test_without_pdfplumber_such_a_table_is_read_as_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    reading = read_pdf_counted(_l_shaped(), "l.pdf")
    assert reading.slow_tables == 0
    assert NOTE_MISSING in reading.rendering.notes
    assert any("could not be rebuilt" in note for note in reading.rendering.notes)
    for word in ("甲", "乙", "丙", "丁", "戊"):
        assert reading.rendering.text.count(word) == 1


def test_lines_drawn_inside_a_form_xobject_make_a_table() -> None:
    """Word and WPS often draw a table's lines in a form: its matrix must be applied."""
    sheet = Sheet()
    sheet.text(72, 60, "表格")
    canvas = sheet.canvas
    canvas.beginForm("grid")
    for i in range(3):  # in form space: a 2x2 grid at the origin
        canvas.line(0, i * 20, 200, i * 20)
        canvas.line(i * 100, 0, i * 100, 40)
    canvas.endForm()
    canvas.saveState()
    canvas.translate(72, 842 - 140)  # the form's origin 140 points below the top
    canvas.doForm("grid")
    canvas.restoreState()
    for row, texts in enumerate((("规章", "3"), ("行政许可", "7"))):
        for col, text in enumerate(texts):
            sheet.centred(72 + col * 100, 172 + col * 100, 106 + row * 20, text, 10)
    reading = read_pdf_counted(sheet.pdf(), "form.pdf")
    lines = reading.rendering.text.splitlines()
    assert reading.tables == 1
    assert lines[1:] == ["规章\t3", "行政许可\t7"]


def test_page_furniture_is_left_out_but_body_numbers_are_kept() -> None:
    sheet = Sheet()
    for page in (1, 2, 3):
        sheet.text(72, 30, "某某区人民政府办公室文件", size=9)
        sheet.text(72, 100, f"第{page}页的正文。")
        sheet.text(72, 400, "2023")
        sheet.text(260, 810, f"第 {page} 页 共 3 页", size=9)
        if page < 3:
            sheet.new_page()
    lines = read_pdf_counted(sheet.pdf(), "f.pdf").rendering.text.splitlines()
    assert lines == ["第1页的正文。", "2023", "第2页的正文。", "2023", "第3页的正文。", "2023"]


def test_a_merged_cell_is_written_once_where_it_starts() -> None:
    cells = [CellSpec(0, 0, "行政复议", cols=2), CellSpec(0, 2, "总计", rows=2),
             CellSpec(1, 0, "结果维持"), CellSpec(1, 1, "结果纠正"),
             CellSpec(2, 0, "10"), CellSpec(2, 1, ""), CellSpec(2, 2, "10")]
    reading = read_pdf_counted(_grid_pdf(cells, [80, 80, 60], [20, 20, 20]), "m.pdf")
    assert reading.rendering.text.splitlines()[1:] == [
        "行政复议\t总计", "结果维持\t结果纠正", "10\t\t10"]


@pytest.mark.parametrize(("rotation", "point", "shown"), [
    (0, (100.0, 700.0), (100.0, 142.0)),
    (90, (100.0, 700.0), (700.0, 100.0)),
    (180, (100.0, 700.0), (495.0, 700.0)),
    (270, (100.0, 700.0), (142.0, 495.0)),
])
def test_points_are_measured_on_the_page_as_shown(
        rotation: int, point: tuple[float, float], shown: tuple[float, float]) -> None:
    (a, b, c, d, e, f), width, height = page_transform((0.0, 0.0, 595.0, 842.0), rotation)
    x, y = point
    assert (a * x + c * y + e, b * x + d * y + f) == pytest.approx(shown)
    assert (width, height) == ((595.0, 842.0) if rotation in (0, 180) else (842.0, 595.0))


def test_a_rotated_page_is_read_upright() -> None:
    """A landscape page stored portrait with /Rotate 90: its text, drawn turned, is
    read as the viewer shows it, and boxes are measured on the shown page."""
    sheet = Sheet()
    canvas = sheet.canvas
    canvas.setPageRotation(90)
    canvas.saveState()
    # Draw as the shown (landscape) page: x along the PDF's y axis, y downwards.
    canvas.translate(595, 0)
    canvas.rotate(90)
    canvas.setFont("STSong-Light", 12)
    canvas.drawString(72, 595 - 100, "横向页面的正文")
    canvas.restoreState()
    reading = read_pdf_counted(sheet.pdf(), "r.pdf")
    assert reading.rendering.text == "横向页面的正文\n"
    place = reading.rendering.place_at(0)
    assert isinstance(place, PdfPlace)
    x0, top, x1, bottom = place.bbox
    assert 70 < x0 < 74 and 86 < top < 100 and bottom < 104 and x1 < 842


def test_a_continued_table_under_a_xubiao_caption_is_joined() -> None:
    sheet = Sheet()
    sheet.text(72, 72, "表格")
    widths, heights = [60.0, 120.0, 60.0], [20.0, 20.0]
    sheet.grid(72, 740, widths, heights, [
        CellSpec(0, 0, "（三）不予公开", rows=2), CellSpec(0, 1, "1.属于国家秘密"),
        CellSpec(0, 2, "1"), CellSpec(1, 1, "2.其他法律"), CellSpec(1, 2, "0")])
    sheet.new_page()
    sheet.text(72, 72, "续表")
    # The label cell carried over, empty and without its top rule.
    sheet.grid(72, 96, widths, heights, [
        CellSpec(0, 0, "", rows=2), CellSpec(0, 1, "3.危及安全"), CellSpec(0, 2, "0"),
        CellSpec(1, 1, "4.保护第三方"), CellSpec(1, 2, "2")], open_top=[0])
    reading = read_pdf_counted(sheet.pdf(), "x.pdf")
    assert reading.tables == 1
    assert reading.rendering.text.splitlines() == [
        "表格", "（三）不予公开\t1.属于国家秘密\t1", "2.其他法律\t0", "3.危及安全\t0", "4.保护第三方\t2"]


def test_a_heading_set_flush_left_after_a_full_line_starts_a_paragraph() -> None:
    sheet = Sheet()
    body = "政务公开工作取得一定成效，但对照上级要求仍存在差距，需要继续改进。"
    sheet.justified(96, 523, 100, body)
    sheet.justified(72, 523, 120, body)
    sheet.text(72, 140, "二、主动公开政府信息情况")
    sheet.justified(96, 523, 160, body)
    sheet.justified(72, 523, 180, body)
    sheet.text(72, 200, "完。")
    lines = read_pdf_counted(sheet.pdf(), "h.pdf").rendering.text.splitlines()
    assert lines == [body + body, "二、主动公开政府信息情况", body + body + "完。"]


def test_a_blank_value_under_a_header_at_a_page_break_stays_a_blank() -> None:
    """The first row on the new page has no top rule; its empty cell has a number
    to its left, so it is a blank value, not the header cell above carried over."""
    sheet = Sheet()
    sheet.text(72, 72, "表格")
    widths = [100.0, 80.0, 80.0, 80.0]
    sheet.grid(72, 760, widths, [20.0], [
        CellSpec(0, 0, "信息内容"), CellSpec(0, 1, "上一年项目数量"), CellSpec(0, 2, "本年增/减"),
        CellSpec(0, 3, "处理决定数量")], size=8)
    sheet.new_page()
    sheet.grid(72, 72, widths, [20.0], [
        CellSpec(0, 0, "行政许可"), CellSpec(0, 1, "6"), CellSpec(0, 2, ""), CellSpec(0, 3, "90")],
        open_top=[0, 1, 2, 3])
    reading = read_pdf_counted(sheet.pdf(), "b.pdf")
    assert reading.tables == 1
    assert reading.rendering.text.splitlines()[1:] == [
        "信息内容\t上一年项目数量\t本年增/减\t处理决定数量", "行政许可\t6\t\t90"]


def _unruled_rows(sheet: Sheet, top: float, rows: list[tuple[list[str], list[str]]]) -> None:
    """Rows of an unruled table: label lines (wrapped) and numbers on the middle line."""
    xs = [300.0, 350.0, 400.0]
    y = top
    for label_lines, numbers in rows:
        middle = y + (len(label_lines) - 1) * 14 / 2
        for index, text in enumerate(label_lines):
            sheet.text(80, y + index * 14, text, size=10)
        for x, number in zip(xs, numbers, strict=True):
            if number:
                sheet.centred(x - 20, x + 20, middle, number, 10)
        y += len(label_lines) * 14 + 6


def test_an_unruled_label_wrapped_round_its_numbers_is_one_row() -> None:
    sheet = Sheet()
    sheet.text(72, 72, "表格")
    _unruled_rows(sheet, 100, [
        (["1.本机关不掌握相关政府信息"], ["3", "0", "3"]),
        (["5.要求行政机关确认或重新", "出具已获取信息"], ["1", "", "1"]),
        (["1.申请人无正当理由逾期不补正、", "行政机关不再处理其政府信息公开", "申请"], ["2", "0", "2"]),
        (["3.其他"], ["", "4", "4"]),
    ])
    lines = read_pdf_counted(sheet.pdf(), "u.pdf").rendering.text.splitlines()
    assert lines[1:] == [
        "1.本机关不掌握相关政府信息\t3\t0\t3",
        "5.要求行政机关确认或重新出具已获取信息\t1\t\t1",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t2\t0\t2",
        "3.其他\t\t4\t4",
    ]


def test_an_unruled_header_set_one_character_a_line_names_its_blank_columns() -> None:
    """Table 4 drawn without lines: two headers spanning five columns each, the leaf
    headers one character a line, blank cells in the first and middle columns. The
    columns come from the leaf headers, so every value keeps its column."""
    sheet = Sheet()
    sheet.text(72, 72, "四、政府信息公开行政复议、行政诉讼情况")
    lefts = [80.0 + 36 * i for i in range(10)]
    sheet.centred(lefts[0], lefts[4] + 30, 100, "行政复议", 10)
    sheet.centred(lefts[5], lefts[9] + 30, 100, "行政诉讼", 10)
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2
    for left, head in zip(lefts, heads, strict=True):
        for k, char in enumerate(head):
            sheet.centred(left, left + 30, 116 + 12 * k, char, 10)
    values = ["", "2", "", "1", "3", "0", "", "0", "0", "0"]
    for left, value in zip(lefts, values, strict=True):
        if value:
            sheet.centred(left, left + 30, 172, value, 10)
    sheet.text(72, 210, "五、存在的主要问题及改进情况")
    lines = read_pdf_counted(sheet.pdf(), "t4.pdf").rendering.text.splitlines()
    assert "\t".join(values) in lines


def test_a_row_alone_at_the_top_of_a_page_keeps_its_tables_columns() -> None:
    """An unruled table 2 across a page break: the row left alone on the next page,
    with a blank cell, and a row whose only number is its total, standing where a
    page number could. Both keep the columns of the page before; the real page
    numbers are still left out."""
    sheet = Sheet()
    xs = [(200.0, 260.0), (290.0, 350.0), (380.0, 440.0)]
    sheet.text(72, 640, "信息内容", size=10)
    for (x0, x1), head in zip(xs, ["本年制发件数", "本年废止件数", "现行有效件数"], strict=True):
        sheet.centred(x0, x1, 640, head, 10)
    sheet.text(72, 660, "规章", size=10)
    sheet.centred(*xs[0], 660, "4", 10)
    sheet.centred(*xs[2], 660, "7", 10)
    sheet.text(72, 680, "规范性文件", size=10)
    sheet.centred(*xs[0], 680, "5", 10)
    sheet.centred(*xs[1], 680, "1", 10)
    sheet.centred(*xs[2], 680, "9", 10)
    sheet.centred(250, 340, 800, "1", 10)
    sheet.new_page()
    sheet.text(72, 66, "其他规范", size=10)
    sheet.centred(*xs[2], 73, "6", 10)
    sheet.text(72, 80, "性文件", size=10)
    sheet.text(72, 100, "其他文件", size=10)
    sheet.centred(*xs[0], 100, "0", 10)
    sheet.centred(*xs[1], 100, "2", 10)
    sheet.text(72, 130, "三、收到和处理政府信息公开申请情况")
    sheet.centred(250, 340, 800, "2", 10)
    lines = read_pdf_counted(sheet.pdf(), "t2.pdf").rendering.text.splitlines()
    assert lines == [
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
        "规章\t4\t\t7",
        "规范性文件\t5\t1\t9",
        "其他规范性文件\t\t\t6",
        "其他文件\t0\t2\t",
        "三、收到和处理政府信息公开申请情况",
    ]


def test_a_header_alone_at_the_foot_of_a_page_names_the_columns_of_the_rows_after_it() -> None:
    """An unruled table 2 whose header ends page 1 and whose rows, blank but for
    one number each, are on page 2: the header's words say which column each
    number stands in (the first is blank in both rows)."""
    sheet = Sheet()
    xs = [(200.0, 260.0), (290.0, 350.0), (380.0, 440.0)]
    sheet.text(110, 760, "信息内容", size=10)
    for (x0, x1), head in zip(xs, ["本年制发件数", "本年废止件数", "现行有效件数"], strict=True):
        sheet.centred(x0, x1, 760, head, 10)
    sheet.centred(250, 340, 800, "1", 10)
    sheet.new_page()
    sheet.text(72, 72, "规章", size=10)
    sheet.centred(*xs[1], 72, "7", 10)
    sheet.text(72, 92, "行政规范性文件", size=10)
    sheet.centred(*xs[2], 92, "6", 10)
    sheet.text(72, 130, "三、收到和处理政府信息公开申请情况")
    sheet.centred(250, 340, 800, "2", 10)
    lines = read_pdf_counted(sheet.pdf(), "h.pdf").rendering.text.splitlines()
    assert lines[1:3] == ["规章\t\t7\t", "行政规范性文件\t\t\t6"]


def test_an_unruled_row_blank_over_a_row_with_a_number_keeps_its_own_label() -> None:
    """行政处罚 with its number blank, over 行政强制 and its 9: without lines the
    label alone stands nearer the 9 than anything, but the 9's own label is set
    centred on it, so 行政处罚 is a row of its own (labels alone, its cell
    reported missing) and the 9 stays 行政强制's."""
    sheet = Sheet()
    sheet.text(72, 72, "第二十条第（六）项", size=10)
    sheet.text(110, 92, "信息内容", size=10)
    sheet.centred(300, 400, 92, "本年处理决定数量", 10)
    sheet.text(90, 112, "行政处罚", size=10)
    sheet.text(90, 132, "行政强制", size=10)
    sheet.centred(300, 400, 132, "9", 10)
    sheet.text(72, 170, "三、收到和处理政府信息公开申请情况")
    lines = read_pdf_counted(sheet.pdf(), "b.pdf").rendering.text.splitlines()
    assert "行政强制\t9" in lines
    assert not any("行政处罚" in line and "9" in line for line in lines)


def test_a_header_repeated_over_the_rest_of_an_unruled_table_is_left_out() -> None:
    """A 2019 table 2 drawn without lines, its header repeated at the top of page 2
    between two rows of one group: the repeat is not written, so the group's rows
    stay together."""
    sheet = Sheet()

    def header(top: float) -> None:
        sheet.text(90, top, "信息内容", size=10)
        sheet.text(250, top, "统计项目", size=10)
        sheet.centred(400, 440, top, "数量", 10)

    def row(top: float, group: str, item: str, value: str) -> None:
        if group:
            sheet.text(150, top, group, size=10)
        sheet.text(250, top, item, size=10)
        sheet.centred(400, 440, top, value, 10)

    header(700)
    row(720, "", "上一年项目数量", "3")
    row(740, "行政许可", "本年增/减", "1")
    sheet.centred(250, 340, 800, "1", 10)
    sheet.new_page()
    header(72)
    row(92, "", "处理决定数量", "8")
    sheet.text(72, 130, "三、收到和处理政府信息公开申请情况")
    sheet.centred(250, 340, 800, "2", 10)
    lines = read_pdf_counted(sheet.pdf(), "r.pdf").rendering.text.splitlines()
    assert lines == ["信息内容\t统计项目\t数量", "上一年项目数量\t3", "行政许可\t本年增/减\t1",
                     "处理决定数量\t8", "三、收到和处理政府信息公开申请情况"]


def test_an_unruled_table_blank_throughout_is_read_as_blank_cells() -> None:
    """Table 2's small tables drawn without lines: the last, 行政事业性收费 with its
    amount blank, has not a number to place by — its header names the column,
    and the label alone under it is a row of one blank cell. The table before it
    keeps its own rows."""
    sheet = Sheet()
    sheet.text(250, 72, "第二十条第（六）项", size=10)
    sheet.text(110, 92, "信息内容", size=10)
    sheet.centred(300, 400, 92, "本年处理决定数量", 10)
    sheet.text(90, 112, "行政处罚", size=10)
    sheet.centred(300, 400, 112, "5", 10)
    sheet.text(250, 132, "第二十条第（八）项", size=10)
    sheet.text(110, 152, "信息内容", size=10)
    sheet.centred(300, 420, 152, "本年收费金额（单位：万元）", 10)
    sheet.text(90, 172, "行政事业性收费", size=10)
    sheet.text(72, 210, "三、收到和处理政府信息公开申请情况")
    lines = read_pdf_counted(sheet.pdf(), "z.pdf").rendering.text.splitlines()
    assert lines[1:] == ["信息内容\t本年处理决定数量", "行政处罚\t5", "第二十条第（八）项",
                         "信息内容\t本年收费金额（单位：万元）", "行政事业性收费\t",
                         "三、收到和处理政府信息公开申请情况"]


def test_an_unruled_row_whose_only_number_is_its_total_stays_in_the_table() -> None:
    """A row blank but for its total, its label wrapped over two lines with the number
    set between them: the number alone on its line is no row by itself, yet it stands in a column of numbers — the table
    goes on through it, so the rows after it keep the columns blank in all of them
    (split there, they were read as a table of their own with fewer columns)."""
    sheet = Sheet()
    sheet.text(72, 72, "表格")
    _unruled_rows(sheet, 100, [
        (["一、本年新收政府信息公开申请数量"], ["3", "2", "5"]),
        (["（二）部分公开（区分处理的，只计这一情形，", "不计其他情形）"], ["", "", "0"]),
        (["3.危及“三安全一稳定”"], ["", "4", "4"]),
        (["4.保护第三方合法权益"], ["", "1", "1"]),
    ])
    lines = read_pdf_counted(sheet.pdf(), "t.pdf").rendering.text.splitlines()
    assert lines[1:] == [
        "一、本年新收政府信息公开申请数量\t3\t2\t5",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t\t\t0",
        "3.危及“三安全一稳定”\t\t4\t4",
        "4.保护第三方合法权益\t\t1\t1",
    ]
