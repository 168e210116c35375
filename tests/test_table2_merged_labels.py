"""Table 2 when its item labels stand on the middle row of their item (a label merged
over an item's rows, written where nothing draws the merge: an unruled PDF's
rendering, ``pdftotext -layout``). The rows before the label are that item's, not the
previous one's; an item named in the prose above the table is not the table's; and a
row whose two field labels ran together over one number is no field's.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from nianbao.parser.document.parse import parse_bytes
from tests.generator.documents import generate_document

HEAD = "某某局2021年政府信息公开工作年度报告\n一、总体情况\n本机关……\n二、主动公开政府信息情况\n"
TAIL = "三、收到和处理政府信息公开申请情况\n"


def _table2(body: str) -> dict[str, Decimal | None]:
    report = parse_bytes((HEAD + body + TAIL).encode(), "t.txt")
    return {cell_id: cell.value
            for cell_id, cell in report.tables["active_disclosure"].cells.items()}


CENTRED = """本年度新制作规范性文件8件，对外公开规范性文件总数5件。
信息内容\t统计项目\t数量
本年新制作数量\t0
规章\t本年新公开数量\t5
第二十条第（一）项\t对外公开总数量\t5
本年新制作数量\t8
规范性文件\t本年新公开数量\t0
对外公开总数量\t5
上一年项目数量\t1
行政许可\t本年增/减\t3
处理决定数量\t0
"""


def test_rows_above_a_centred_item_label_are_that_items() -> None:
    cells = _table2(CENTRED)
    assert cells["regulations.new_made"] == 0
    assert cells["regulations.new_published"] == 5
    assert cells["normative_documents.new_made"] == 8  # not 规章's, though it comes after it
    assert cells["normative_documents.total_published"] == 5
    assert cells["licensing.prev_count"] == 1
    assert cells["licensing.change"] == 3


def test_a_field_row_no_label_claims_is_a_stray_not_a_guess() -> None:
    body = CENTRED.replace("规范性文件\t本年新公开数量\t0\n", "本年新公开数量\t0\n")
    report = parse_bytes((HEAD + body + TAIL).encode(), "t.txt")
    table = report.tables["active_disclosure"]
    # 规范性文件's label is gone: its rows are nobody's, and 规章's stay 规章's.
    assert "normative_documents.new_made" not in table.cells
    assert table.cells["regulations.new_made"].value == 0
    assert table.stray_rows


def test_two_field_labels_over_one_number_fill_no_field() -> None:
    body = ("信息内容\t统计项目\t数量\n行政许可\t上一年项目数量\t2\n本年增/减\t0\n处理决定数量\t4\n"
            "行政处罚\t上一年项目数量本年增/减\t5\n处理决定数量\t1\n")
    cells = _table2(body)
    assert cells["licensing.prev_count"] == 2 and cells["licensing.decisions"] == 4
    assert "penalty.prev_count" not in cells and "penalty.change" not in cells
    assert cells["penalty.decisions"] == 1


def test_the_unruled_pdf_that_showed_it() -> None:
    doc = generate_document(31_005_002, "pdf_unruled", template="2019")
    report = parse_bytes(doc.data, doc.name)
    cells = report.tables["active_disclosure"].cells
    assert doc.wrong_values("active_disclosure", cells) == {}
    truth = doc.truth.cells["active_disclosure"]
    assert len([k for k in truth if k in cells]) >= len(truth) - 1


def test_a_field_row_after_two_run_together_opens_the_next_item() -> None:
    # 行政处罚's label on its middle row, its blank 本年增/减 run into 处理决定数量's line:
    # that row stands for both fields, so 上一年项目数量 5 after it is 行政强制's (whose
    # label, too, comes on its middle row), never 行政处罚's.
    body = ("信息内容\t统计项目\t数量\n上一年项目数量\t2\n行政许可\t本年增/减\t0\n处理决定数量\t4\n"
            "上一年项目数量\n行政处罚\t本年增/减处理决定数量\t17\n"
            "第二十条第(六)项\t上一年项目数量\t5\n行政强制\t本年增/减\t-1\n处理决定数量\t245\n")
    cells = _table2(body)
    assert "penalty.prev_count" not in cells
    assert "penalty.change" not in cells and "penalty.decisions" not in cells
    assert cells["enforcement.prev_count"] == 5
    assert cells["enforcement.change"] == -1 and cells["enforcement.decisions"] == 245


def test_rows_before_a_label_out_of_order_are_not_its() -> None:
    # 其他对外管理服务事 / 本年增/减 / 项 处理决定数量 1: the label cut round a field label
    # is no item's, so its 处理决定数量 1 waits for a label — and 行政处罚's own first row
    # (上一年项目数量 0) comes after it: 1 goes back in the template's order, it is not
    # 行政处罚's 处理决定数量 (255, on its own row after the label).
    body = ("信息内容\t统计项目\t数量\n上一年项目数量\t10\n行政许可\t本年增/减\t0\n"
            "处理决定数量\t43\n上一年项目数量\n其他对外管理服务事\n本年增/减\n项\t处理决定数量\t1\n"
            "上一年项目数量\t0\n行政处罚\t本年增/减\t1\n处理决定数量\t255\n")
    cells = _table2(body)
    assert cells["penalty.prev_count"] == 0 and cells["penalty.change"] == 1
    assert cells["penalty.decisions"] == 255


@pytest.mark.parametrize("seed", [31_005_310, 31_005_418, 31_005_498])
def test_the_unruled_pdfs_with_labels_on_middle_rows(seed: int) -> None:
    doc = generate_document(seed, "pdf_unruled", template="2019")
    report = parse_bytes(doc.data, doc.name)
    cells = report.tables["active_disclosure"].cells
    assert doc.wrong_values("active_disclosure", cells) == {}
