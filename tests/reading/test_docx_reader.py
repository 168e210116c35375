"""Word .docx: body order, merged cells written once, runs joined, places."""

from __future__ import annotations

from decimal import Decimal

import pytest

from nianbao.parser.document.parse import parse_bytes
from nianbao.parser.errors import ReportError
from nianbao.parser.outputs.export import report_to_dict
from nianbao.parser.reading.documents.docx import read_docx
from nianbao.parser.reading.origin import DocxPlace, Rendering
from nianbao.parser.rules.checker import check_report
from tests.reading.builders import docx_of, p, tbl, tc, tr, zip_of
from tests.reading.fill_template import (
    BLANK,
    cell_positions,
    consistent_values,
    exported_cells,
    filled_docx,
)

STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"


def lines(rendering: Rendering) -> list[str]:
    return rendering.text.splitlines()


def same(found: object, expected: Decimal | None) -> bool:
    if expected is None or found is None:
        return found is expected
    return isinstance(found, int | float) and Decimal(str(found)) == expected


def offset_of(text: str, line: int, column: int) -> int:
    starts = [0]
    for piece in text.split("\n"):
        starts.append(starts[-1] + len(piece) + 1)
    return starts[line - 1] + column - 1


def test_paragraphs_and_tables_in_body_order() -> None:
    body = (p("一、总体情况") + tbl(tr(tc(p("规章")), tc(p("1")))) + p("二、主动公开")
            + tbl(tr(tc(p("行政许可")), tc(p("5")))) + p("三、收到和处理"))
    rendering = read_docx(docx_of(body), "r.docx")
    assert lines(rendering) == ["一、总体情况", "规章\t1", "二、主动公开", "行政许可\t5",
                                "三、收到和处理"]
    assert rendering.kind == "docx"


def test_grid_span_and_vertical_merge_written_once() -> None:
    body = tbl(
        tr(tc(p("（本列数据）"), span=2, merge="restart"), tc(p("申请人情况"), span=3)),
        tr(tc(span=2, merge="continue"), tc(p("自然人")), tc(p("商业"), p("企业")), tc(p("总计"))),
        tr(tc(p("三、本年度办理结果"), merge="restart"), tc(p("（一）予以公开")), tc(p("3")),
           tc(p("")), tc(p("3"))),
        tr(tc(merge="continue"), tc(p("（二）部分公开")), tc(p("\u3000")), tc(p("1")), tc(p("1"))),
    )
    rendering = read_docx(docx_of(body), "r.docx")
    assert lines(rendering) == [
        "（本列数据）\t\t申请人情况",
        "\t\t自然人\t商业企业\t总计",
        "三、本年度办理结果\t（一）予以公开\t3\t\t3",
        "\t（二）部分公开\t\t1\t1",
    ]
    assert rendering.text.count("三、本年度办理结果") == 1


def test_runs_tabs_breaks_and_left_out_text() -> None:
    run = ('<w:r><w:t>行政</w:t></w:r><w:r><w:t>许可</w:t></w:r>'
           '<w:del><w:r><w:delText>删掉</w:delText></w:r></w:del>'
           '<w:r><w:instrText> PAGE </w:instrText></w:r>'
           '<w:ins><w:r><w:t>决定</w:t></w:r></w:ins>'
           '<w:r><w:tab/><w:t>甲</w:t><w:br/><w:t>乙</w:t></w:r>')
    cell_run = '<w:r><w:t>结果</w:t><w:br/><w:t>纠正</w:t><w:tab/><w:t>A</w:t></w:r>'
    body = p(raw=run) + tbl(tr(tc(p(raw=cell_run)), tc(p("2"))))
    assert lines(read_docx(docx_of(body), "r.docx")) == ["行政许可决定\t甲", "乙", "结果纠正 A\t2"]


def test_content_controls_nested_tables_and_strict_namespace() -> None:
    inner = tbl(tr(tc(p("规章")), tc(p("4"))), tr(tc(p("行政规范性文件")), tc(p("6"))))
    body = ("<w:sdt><w:sdtContent>" + p("标题：年度报告") + "</w:sdtContent></w:sdt>"
            + tbl(tr(tc(p("版面"))), tr(tc(p("二、主动公开"), inner, p("说明")), tc(p("右栏")))))
    for namespace in (None, STRICT):
        data = docx_of(body) if namespace is None else docx_of(body, namespace)
        rendering = read_docx(data, "r.docx")
        assert lines(rendering) == ["标题：年度报告", "版面", "二、主动公开", "规章\t4",
                                    "行政规范性文件\t6", "说明", "右栏"]
    # Tables count in document order, outer first: the nested one is table 2.
    place = rendering.place_at(rendering.text.index("行政规范性文件"))
    assert place == DocxPlace(2, 2, 1, 0)


def test_places_of_body_paragraphs_and_cell_paragraphs() -> None:
    body = (p("") + p("一、总体情况") + tbl(tr(tc(p("商业"), p("企业")), tc(p(""))))
            + p("二、主动公开"))
    rendering = read_docx(docx_of(body), "r.docx")
    assert rendering.place_at(0) == DocxPlace(None, None, None, 1)
    assert rendering.place_at(rendering.text.index("企业")) == DocxPlace(1, 1, 1, 1)
    # The line break after the blank cell is where the parser places it: its place.
    assert rendering.place_at(rendering.text.index("企业") + 3) == DocxPlace(1, 1, 2, 0)
    assert rendering.place_at(rendering.text.index("二、")) == DocxPlace(None, None, None, 2)


@pytest.mark.parametrize("blank", [frozenset(), frozenset({
    "applications:denied.third_party.research", "active_disclosure:penalty.decisions",
    "review_litigation:litigation_direct.pending"})])
def test_filled_template_every_cell_through_todays_parser(blank: frozenset[str]) -> None:
    values = consistent_values(blank)
    data = filled_docx(values, title="某县某局2023年政府信息公开工作年度报告")
    rendering = read_docx(data, "filled.docx")
    report = parse_bytes(rendering.text.encode(), "filled.txt")
    found = exported_cells(report_to_dict(report))
    wrong = {key: (found.get(key, "absent"), value) for key, value in values.items()
             if not same(found.get(key, "absent"), value)}
    assert not wrong
    assert len(values) == 200
    if not blank:
        # The second law: a consistent report has no error.
        errors = [f for f in check_report(report) if f.severity == "error"]
        assert errors == []
    # Every exported cell traces back to the template's own cell.
    where = cell_positions()
    export = report_to_dict(report)
    for table_id, table in export["tables"].items():
        for cell_id, cell in table["cells"].items():
            place = rendering.place_at(offset_of(rendering.text, cell["line"], cell["column"]))
            t, r, c = where[f"{table_id}:{cell_id}"]
            assert place == DocxPlace(t, r, c, 0), cell_id


def test_blank_template_has_its_tables_and_headings() -> None:
    rendering = read_docx(BLANK.read_bytes(), str(BLANK))
    text = rendering.text
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "六、其他需要报告的事项"):
        assert heading + "\n" in text
    # Header cells broken by w:br join without a space; U+3000 placeholders are blank.
    assert "结果纠正\t其他结果\t尚未审结\t总计" in text
    assert "规章\t\t\t\n" in text


def test_no_tables_not_word_and_damaged() -> None:
    plain = read_docx(docx_of(p("一、总体情况") + p("正文")), "plain.docx")
    assert plain.text == "一、总体情况\n正文\n"
    assert plain.notes == ("the Word document has no tables: the report's tables are missing "
                           "or are pictures",)
    with pytest.raises(ReportError, match=r"no word/document\.xml"):
        read_docx(zip_of({"content.xml": "<x/>"}), "odd.docx")
    blank = BLANK.read_bytes()
    with pytest.raises(ReportError, match="damaged or truncated") as caught:
        read_docx(blank[: len(blank) * 2 // 3], "cut.docx")
    assert str(caught.value).startswith("cut.docx: ") and "\n" not in str(caught.value)
    with pytest.raises(ReportError, match="XML is broken"):
        read_docx(zip_of({"word/document.xml": "<w:document><w:body><w:p>"}), "x.docx")
