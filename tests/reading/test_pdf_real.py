"""The PDF reader on a real report: 淮安市洪泽区人民政府 2023, exported from WPS.

Its tables cross page breaks (table 二's continuation has no top rule; table 三's
row labels continue empty on the next page) with a page number between the
halves. The rendering is fed to the parser as text and every cell is compared
with the values read by hand; every cell's span must land in the cell pdfplumber
draws around the same text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from nianbao.parser.document.parse import parse_bytes
from nianbao.parser.outputs.export import report_to_dict
from nianbao.parser.reading.documents.pdf import PdfReading, read_pdf_counted
from nianbao.parser.reading.origin import PdfPlace
from nianbao.parser.reading.positions import LineIndex

ORIGINALS = Path(__file__).resolve().parent.parent / "data" / "originals"
PDF = ORIGINALS / "hongze_2023.pdf"
EXPECTED = json.loads((ORIGINALS / "hongze_2023.expected.json").read_text(encoding="utf-8"))

# Cells the parser reads only by knowing real damage (issue 13): the label typo
# 2.其他法律行政止公开, and the old single （六）其他处理 row kept in a 2021 layout
# (the 2021 rows have no ``other`` row). Counted apart, and checked on their own.
PARSER_GAPS = ("applications:denied.law_prohibited.", "applications:other.")


@pytest.fixture(scope="module")
def reading() -> PdfReading:
    return read_pdf_counted(PDF.read_bytes(), str(PDF))


@pytest.fixture(scope="module")
def exported(reading: PdfReading) -> dict[str, Any]:
    return report_to_dict(parse_bytes(reading.rendering.text.encode("utf-8"), str(PDF)))


def _expected() -> dict[str, object]:
    """``table:cell`` → value, as the shared accuracy tool lists them."""
    out: dict[str, object] = {}
    for cell, value in EXPECTED["active_disclosure"].items():
        out[f"active_disclosure:{cell}"] = value
    for row, columns in EXPECTED["applications"].items():
        for column, value in columns.items():
            out[f"applications:{row}.{column}"] = value
    for cell, value in EXPECTED["review_litigation"].items():
        out[f"review_litigation:{cell}"] = value
    return out


def _got(exported: dict[str, Any]) -> dict[str, object]:
    return {f"{table}:{cell}": data["value"]
            for table, body in exported["tables"].items()
            for cell, data in body["cells"].items()}


def _same(got: object, want: object) -> bool:
    # As tools/real_accuracy.py compares: a blank cell and 0 are the same.
    if got in (None, 0) and want in (None, 0):
        return True
    return got is not None and want is not None and abs(float(got) - float(want)) < 1e-6  # type: ignore[arg-type]


def test_every_expected_cell_right_and_none_wrong(exported: dict[str, Any]) -> None:
    got = _got(exported)
    expected = _expected()
    wrong = {key: (got[key], want) for key, want in expected.items()
             if key in got and not _same(got[key], want)}
    missing = [key for key in expected
               if key not in got and not key.startswith(PARSER_GAPS)]
    assert wrong == {}
    assert missing == []
    assert len(expected) - sum(1 for k in expected if k.startswith(PARSER_GAPS)) == 172


def test_cells_of_the_misspelt_row_and_the_old_other_row(exported: dict[str, Any]) -> None:
    got = _got(exported)
    gaps = {k: v for k, v in _expected().items() if k.startswith(PARSER_GAPS)}
    assert all(key in got and _same(got[key], want) for key, want in gaps.items())


def test_meta_read_from_the_rendering(exported: dict[str, Any]) -> None:
    meta = exported["meta"]
    assert (meta["year"], meta["template"]) == (2023, "2021")
    # The title says 洪泽区人民政府; the opening writes the name with its city.
    assert meta["agency"] in EXPECTED["meta"]["agency"]
    # The report prints no publication date; the period's first day is not one.
    assert meta["published"] is None


def _place(reading: PdfReading, exported: dict[str, Any], table: str, cell: str) -> PdfPlace:
    data = exported["tables"][table]["cells"][cell]
    offset = LineIndex(reading.rendering.text).offset(data["line"], data["column"])
    place = reading.rendering.place_at(offset)
    assert isinstance(place, PdfPlace), (cell, place)
    return place


def _centre(place: PdfPlace) -> tuple[float, float]:
    x0, top, x1, bottom = place.bbox
    return (x0 + x1) / 2, (top + bottom) / 2


def _inside(point: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def test_the_two_table4_errors_point_into_their_total_cells(
        reading: PdfReading, exported: dict[str, Any]) -> None:
    """行政复议 总计 0 and 复议后起诉 总计 0 are the report's real errors: a reviewer
    must land on those two cells of page 4."""
    with pdfplumber.open(PDF) as pdf:
        tables = pdf.pages[3].find_tables()
        table = next(t for t in tables if "行政复议" in str(t.extract()))
        texts = table.extract()
    rows = table.rows
    header, sub_header = texts[1], texts[2]
    review_total = next(i for i, t in enumerate(header) if t and re.sub(r"\s", "", t) == "总计")
    after_review_total = max(i for i, t in enumerate(sub_header)
                             if t and re.sub(r"\s", "", t) == "总计")
    values = rows[-1].cells
    for cell, column in (("review.total", review_total),
                         ("litigation_after_review.total", after_review_total)):
        place = _place(reading, exported, "review_litigation", cell)
        box = values[column]
        assert place.page == 4
        assert box is not None and _inside(_centre(place), box), (cell, place, box)
    assert exported["tables"]["review_litigation"]["cells"]["review.total"]["value"] == 0


def test_every_cell_maps_to_the_pdfplumber_cell_holding_its_text(
        reading: PdfReading, exported: dict[str, Any]) -> None:
    with pdfplumber.open(PDF) as pdf:
        drawn: dict[int, list[tuple[tuple[float, float, float, float], str]]] = {}
        for number, page in enumerate(pdf.pages, start=1):
            for table in page.find_tables():
                for row, texts in zip(table.rows, table.extract(), strict=True):
                    for box, text in zip(row.cells, texts, strict=True):
                        if box is not None:
                            drawn.setdefault(number, []).append((box, text or ""))
    checked = 0
    for table, body in exported["tables"].items():
        for cell, data in body["cells"].items():
            place = _place(reading, exported, table, cell)
            holding = [text for box, text in drawn.get(place.page, ())
                       if _inside(_centre(place), box)]
            assert [re.sub(r"\s", "", t) for t in holding] == [data["raw"]], (table, cell)
            checked += 1
    # The 172 expected cells, and the parser's reading of the 2.其他法律行政止公开 row.
    assert checked >= 172


def test_tables_are_joined_across_pages_and_settled_by_the_fast_path(
        reading: PdfReading) -> None:
    assert (reading.pages, reading.tables, reading.slow_tables) == (5, 3, 0)
    assert reading.rendering.notes == ()


def test_page_numbers_do_not_land_in_the_text(reading: PdfReading) -> None:
    lines = reading.rendering.text.splitlines()
    assert not [ln for ln in lines if re.fullmatch(r"\s*-\s*\d+\s*-\s*", ln)]


def test_labels_continued_empty_on_the_next_page_are_written_once(reading: PdfReading) -> None:
    """Table 三 goes on at page 4 with the cells of 三、本年度办理结果 and （四）无法提供
    carried over empty: they add no fields, so the row reads like its neighbours."""
    lines = reading.rendering.text.splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith("3.补正后申请内容仍不明确"))
    assert lines[at] == "3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0"
    assert lines[at - 1] == "2.没有现成信息需要另行制作\t3\t0\t0\t0\t0\t0\t3"
    assert lines[at + 1] == "（五）不予处理\t1.信访举报投诉类申请\t1\t0\t0\t0\t0\t0\t1"
    # Merged cells written once, where they start.
    assert lines.count("三、本年度办理结果\t（一）予以公开\t0\t0\t0\t0\t0\t0\t0") == 1
    assert sum("本年度办理结果" in ln for ln in lines) == 1


def test_a_continuation_without_top_rule_keeps_its_first_cell(reading: PdfReading) -> None:
    """Table 二 goes on at page 3 without a rule above 信息内容; pdfplumber loses that
    cell's text there, the grid keeps it."""
    lines = reading.rendering.text.splitlines()
    first = lines.index("第二十条第（六）项")
    assert lines[first + 1:first + 4] == ["信息内容\t本年处理决定数量", "行政处罚\t4119",
                                          "行政强制\t195"]


def test_a_paragraph_across_a_page_break_is_one_line_with_a_span_per_page(
        reading: PdfReading) -> None:
    text = reading.rendering.text
    line = next(ln for ln in text.splitlines() if ln.startswith("加强区政府门户网站"))
    assert "严格执行“分级审核、先审后发”程序" in line
    start = text.index(line)
    pages = {reading.rendering.place_at(start).page,  # type: ignore[union-attr]
             reading.rendering.place_at(start + len(line) - 1).page}  # type: ignore[union-attr]
    assert pages == {1, 2}


def test_spans_are_ordered_apart_and_on_the_page(reading: PdfReading) -> None:
    rendering = reading.rendering
    spans = rendering.spans
    assert spans and all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
    assert all(0 <= s.start < s.end <= len(rendering.text) for s in spans)
    for span in spans:
        assert isinstance(span.place, PdfPlace)
        x0, top, x1, bottom = span.place.bbox
        assert 1 <= span.place.page <= 5
        assert 0 <= x0 < x1 <= 595 and 0 <= top < bottom <= 842
    # Every character but separators and line breaks has a place.
    placed = sum(s.end - s.start for s in spans)
    separators = rendering.text.count("\t") + rendering.text.count("\n")
    assert placed >= len(rendering.text) - separators
