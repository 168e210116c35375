"""Generated ruled PDFs whose table header ends one page and whose first row of
values starts the next without its top rule, read through ``check_file``.

The empty cell at the top of the new page under a header cell is a blank value,
not the header carried over: only a row label (a cell with values to its right
in its row) continues empty onto the next page. Taking the header for a carried
label dropped the blank, and the row's other cells slid one place to the left.

And what table 2's parser does with such rows when a reader gets them wrong: a
row of cells written one by one with one lost is not placed from the left, and a
field row a repeated header cut off from its item is not given to the next item.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from nianbao.parser.core.check import Options, check_file
from tests.generator.documents import generate_document


def _cells(seed: int, table: str, tmp_path: Path) -> dict[str, Decimal | None]:
    doc = generate_document(seed, "pdf_ruled", template="2021")
    path = tmp_path / doc.name
    path.write_bytes(doc.data)
    outcome = check_file(path, Options(codes=()))
    assert outcome.report is not None
    return {cell_id: cell.value for cell_id, cell in outcome.report.tables[table].cells.items()}


def test_a_blank_under_table_2s_header_across_a_page_break_keeps_its_column(
        tmp_path: Path) -> None:
    """规章 | (blank) | 8 | (blank) at the top of page 2, under 信息内容 | 本年制发件数 |
    本年废止件数 | 现行有效件数 at the foot of page 1: the 8 was read as issued."""
    cells = _cells(31_004_097, "active_disclosure", tmp_path)
    assert cells["regulations.repealed"] == 8
    assert cells["regulations.issued"] is None
    assert cells["regulations.in_force"] is None


def test_a_blank_first_cell_under_table_4s_header_across_a_page_break_is_kept(
        tmp_path: Path) -> None:
    """Table 4's header ends page 3 and its one row of values, its first cell
    (复议 结果维持) blank, starts page 4: the row had 14 of 15 cells, all unread."""
    cells = _cells(31_004_029, "review_litigation", tmp_path)
    assert cells == {
        "review.upheld": None, "review.corrected": 0, "review.other": 4,
        "review.pending": 0, "review.total": 4,
        "litigation_direct.upheld": None, "litigation_direct.corrected": None,
        "litigation_direct.other": None, "litigation_direct.pending": 0,
        "litigation_direct.total": 0,
        "litigation_after_review.upheld": 0, "litigation_after_review.corrected": None,
        "litigation_after_review.other": 0, "litigation_after_review.pending": 0,
        "litigation_after_review.total": None,
    }


HEAD = "某某局2021年政府信息公开工作年度报告\n一、总体情况\n本机关……\n二、主动公开政府信息情况\n"
SMALL_TABLE = ("第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
               "规章\t8\t\n行政规范性文件\t55\t2\t36\n三、收到和处理政府信息公开申请情况\n")


def test_a_row_of_cells_written_one_by_one_with_one_lost_is_not_placed(tmp_path: Path) -> None:
    """What the reader gave before the fix: ``规章 | 8 | (blank)`` for three fields.
    Its blank shows the cells were written one by one, so one was lost, and where
    cannot be told: the row's cells are absent and S007 says so — the 8 is not
    read as 本年制发件数 from the left."""
    path = tmp_path / "r.txt"
    path.write_text(HEAD + SMALL_TABLE, encoding="utf-8")
    outcome = check_file(path, Options(codes=("S007",)))
    assert outcome.report is not None
    cells = outcome.report.tables["active_disclosure"].cells
    assert not any(cell_id.startswith("regulations.") for cell_id in cells)
    assert cells["normative_documents.issued"].value == 55
    s007 = [f.message for f in outcome.findings if f.code == "S007"]
    assert len(s007) == 1 and "规章" in s007[0] and "2 of 3" in s007[0], s007


# What the reader gave for the generated ruled PDF 31004024 (template 2019) before
# it left out a header repeated at the top of a page: the header cut 规章's rows,
# and its last row stood before 规范性文件's label.
REPEATED_HEADER = """某某局2019年政府信息公开工作年度报告
一、总体情况
本机关……
二、主动公开政府信息情况
信息内容\t统计项目\t数量
第二十条第（一）项\t规章\t本年新制作数量\t0
本年新公开数量\t0
信息内容\t统计项目\t数量
\t\t对外公开总数量\t0
规范性文件\t本年新制作数量\t7
本年新公开数量\t3
对外公开总数量\t3
三、收到和处理政府信息公开申请情况
"""


def test_a_field_row_cut_off_by_a_repeated_header_is_not_the_next_items(
        tmp_path: Path) -> None:
    """``对外公开总数量 0`` before ``规范性文件 本年新制作数量 7`` is not 规范性文件's: its
    label's own row names the item's first field, so nothing of the item comes
    before it. Taken as 规范性文件's, its 0 stood for their 3 (and the 3 became a
    stray). Now 规章's cell is absent, named by S007 and the stray's S008."""
    path = tmp_path / "r.txt"
    path.write_text(REPEATED_HEADER, encoding="utf-8")
    outcome = check_file(path, Options(codes=("S007", "S008")))
    assert outcome.report is not None
    cells = outcome.report.tables["active_disclosure"].cells
    assert cells["normative_documents.total_published"].value == 3
    assert "regulations.total_published" not in cells
    assert sorted(f.code for f in outcome.findings) == ["S007", "S008"]
    assert any("对外公开总数量" in f.message for f in outcome.findings)
