"""Table 4 when nothing happened: its one value row holds no number (本年度未发生因政府信息
公开引起的行政复议、行政诉讼案件), every cell blank or a placeholder.

The row is there, so the table is not missing (no S004): a blank cell is read as
blank and the rules count it as 0 and say so once for the table (V001), as they do
in tables 2 and 3; a placeholder is read as the text it is (V002). Where the blank
row leaves no trace (a PDF's spaces), the cells stay absent: never a number made up.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from nianbao.parser.core.check import check_file
from nianbao.parser.template import REVIEW_CELL_IDS
from tests.generator import generate_with
from tests.generator.documents import generate_document
from tests.generator.truth import random_truth
from tests.table_texts import T4, cells, codes, findings, parse, report_text, t4_cells

NOTE = "本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。\n"
HEADER_TABS = ("行政复议\t\t\t\t\t行政诉讼\n"
               "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n"
               "\t\t\t\t\t" + "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)
               + "\n")
HEADING = "四、政府信息公开行政复议、行政诉讼情况\n"
BLANKS = dict.fromkeys(REVIEW_CELL_IDS)


def _t4_findings(report_codes: list[str]) -> list[str]:
    return [c for c in report_codes if c in ("S004", "S007", "V001", "V002")]


def test_a_word_table_whose_value_row_is_only_tabs_is_fifteen_blank_cells() -> None:
    report = parse(report_text(table4=HEADING + NOTE + HEADER_TABS + "\t" * 14 + "\n"))
    assert cells(report, "review_litigation") == BLANKS
    v001 = [f for f in findings(report) if f.code == "V001"]
    assert len(v001) == 1 and len(v001[0].cells) == 15
    assert _t4_findings(codes(report)) == ["V001"]
    # Each blank cell stands where its TAB-separated field is, on the value row.
    line = report.text.splitlines().index("\t" * 14)
    first = report.tables["review_litigation"].cells["review.upheld"]  # type: ignore[index]
    assert report.text[:first.start].count("\n") == line


def test_a_trailing_separator_and_a_note_after_the_table_change_nothing() -> None:
    text = HEADING + HEADER_TABS + "\t" * 15 + "\n" + NOTE
    report = parse(report_text(table4=text))
    assert cells(report, "review_litigation") == BLANKS
    assert _t4_findings(codes(report)) == ["V001"]


def test_placeholders_in_every_cell_are_read_as_the_text_they_are() -> None:
    head = HEADING + "行政复议 行政诉讼\n结果维持 结果纠正 其他结果 尚未审结 总计\n"
    report = parse(report_text(table4=head + " ".join(["/"] * 15) + "\n" + NOTE))
    table = report.tables["review_litigation"]
    assert {c.kind for c in table.cells.values()} == {"text"}
    assert len(table.cells) == 15
    assert _t4_findings(codes(report)) == ["V002"]


@pytest.mark.parametrize("row", ["\t" * 13, "/ / / / / / / / / / / / / /", ""],
                         ids=["fourteen-blanks", "fourteen-placeholders", "no-row"])
def test_a_row_short_of_fifteen_or_none_at_all_gives_no_cell(row: str) -> None:
    report = parse(report_text(table4=HEADING + NOTE + HEADER_TABS + row + "\n"))
    assert cells(report, "review_litigation") == {}
    assert "S004" in codes(report)


def test_a_blank_row_before_the_numbers_does_not_hide_them() -> None:
    numbers = "\t".join(str(v) for v in T4)
    report = parse(report_text(table4=HEADING + HEADER_TABS + "\t" * 14 + "\n" + numbers + "\n"))
    assert cells(report, "review_litigation") == t4_cells()


def test_blank_lines_of_tabs_inside_the_numbers_do_not_cut_them() -> None:
    groups = ["\t".join(str(v) for v in T4[5 * g:5 * g + 5]) for g in range(3)]
    text = HEADING + HEADER_TABS + "\t\t\n".join(g + "\n" for g in groups)
    report = parse(report_text(table4=text))
    assert cells(report, "review_litigation") == t4_cells()


@pytest.mark.parametrize("style", ["cell_lines", "pipe", "tab", "markdown"])
@pytest.mark.parametrize("seed", range(4))
def test_generated_texts_with_table_4_blank_in_every_cell(style: str, seed: int) -> None:
    rng = random.Random(seed)
    truth = random_truth(rng, template=("2019", "2021")[seed % 2])
    truth = replace(truth, cells={**truth.cells, "review_litigation": dict(BLANKS)})
    generated = generate_with(rng, style=style, truth=truth, encoding="utf-8", newline="lf")
    report = parse(generated.text)
    want = generated.truth.cells["review_litigation"]
    assert cells(report, "review_litigation") == want
    assert "S004" not in codes(report)


# One report (all of table 4 blank) as each kind of published document gives it.
@pytest.mark.parametrize("kind", ["docx", "html", "html_word", "mht", "pdf_ruled"])
def test_published_documents_with_table_4_blank_in_every_cell(kind: str, tmp_path: Path) -> None:
    doc = generate_document(31_002_003, kind, template="2021")
    assert all(v is None for t, _, v in doc.truth.checked() if t == "review_litigation")
    path = tmp_path / doc.name
    path.write_bytes(doc.data)
    outcome = check_file(path)
    assert outcome.report is not None
    table = outcome.report.tables["review_litigation"]
    assert {cid: c.value for cid, c in table.cells.items()} == BLANKS
    about_t4 = [f.code for f in outcome.findings if f.code == "S004" or any(
        str(c).startswith("review_litigation:") for c in f.cells)]
    assert about_t4 == ["V001"]
