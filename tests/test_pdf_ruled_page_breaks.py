"""Generated ruled PDFs whose table header ends one page and whose first row of
values starts the next without its top rule, read through ``check_file``.

The empty cell at the top of the new page under a header cell is a blank value,
not the header carried over: only a row label (a cell with values to its right
in its row) continues empty onto the next page. Taking the header for a carried
label dropped the blank, and the row's other cells slid one place to the left.
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
