"""Table 2's blank field rows in an unruled PDF (template 2019), told by the template.

Without ruling lines a row whose cells are all blank is a line of labels alone, which
geometry cannot tell from a wrapped label. In table 2 of the 2019 template each row
has one field label, so a line of labels alone whose last word is a whole field label,
in the column where every row of numbers has its own whole field label, is that
field's row, blank.
"""

from __future__ import annotations

from pathlib import Path

from nianbao.parser.core.check import Options, check_file
from tests.generator.documents import generate_document

BLANK_FIELDS_BEFORE_ITS_LABEL = """某某局2019年政府信息公开工作年度报告
一、总体情况
本机关……
二、主动公开政府信息情况
信息内容\t统计项目\t数量
第二十条第（一）项\t规章\t本年新制作数量\t1
本年新公开数量\t1
对外公开总数量\t1
本年新制作数量\t4
规范性文件\t本年新公开数量\t
对外公开总数量\t
上一年项目数量\t
行政许可\t本年增/减\t0
第二十条第（五）项\t处理决定数量\t2
三、收到和处理政府信息公开申请情况
"""


def test_a_blank_field_row_before_the_next_items_label_is_that_items(tmp_path: Path) -> None:
    """``上一年项目数量``, blank, after 规范性文件's last field and before ``行政许可
    本年增/减 0``, is 行政许可's first field, blank — it was dropped as a header row,
    and the cell reported missing."""
    path = tmp_path / "r.txt"
    path.write_text(BLANK_FIELDS_BEFORE_ITS_LABEL, encoding="utf-8")
    outcome = check_file(path, Options(codes=()))
    assert outcome.report is not None
    cells = outcome.report.tables["active_disclosure"].cells
    assert cells["licensing.prev_count"].value is None
    assert cells["licensing.change"].value == 0
    assert cells["licensing.decisions"].value == 2
    assert cells["normative_documents.new_made"].value == 4
    assert cells["normative_documents.total_published"].value is None


def test_the_generated_unruled_pdf_with_blank_rows_in_the_long_table(tmp_path: Path) -> None:
    """The generated unruled PDF 31005006 (template 2019): eight blank field rows among
    rows of numbers, one a line's pitch from each. They were joined to the nearest row
    of numbers as its wrapped label (本年新制作数量本年新公开数量 4: the 4 lost too)."""
    doc = generate_document(31_005_006, "pdf_unruled", template="2019")
    path = tmp_path / doc.name
    path.write_bytes(doc.data)
    outcome = check_file(path, Options(codes=()))
    assert outcome.report is not None
    cells = outcome.report.tables["active_disclosure"].cells
    assert cells["normative_documents.new_made"].value == 4
    for blank in ("normative_documents.new_published", "normative_documents.total_published",
                  "licensing.prev_count", "other_services.prev_count", "penalty.prev_count",
                  "penalty.decisions", "enforcement.prev_count"):
        assert blank in cells and cells[blank].value is None, blank
    assert cells["licensing.change"].value == 0
    assert cells["penalty.change"].value == 5
    assert cells["enforcement.decisions"].value == 0
