"""Template 2021's table 2 as small tables of two columns, rows parted by TABs: most
rows hold one TAB, and a blank row may lose its TABs (a label alone). The TABs still
part the cells — split on spaces instead, a row's blank cell (``规章\\t\\t0\\t8``) would
vanish and its numbers move one column left.
"""

from __future__ import annotations

from nianbao.parser.document.parse import parse_bytes
from nianbao.parser.layout.fields import detect_style
from nianbao.parser.reading.lines import split_lines
from tests.generator.documents import generate_document

HEAD = "某某局2021年政府信息公开工作年度报告\n一、总体情况\n本机关……\n二、主动公开政府信息情况\n"
TAIL = "三、收到和处理政府信息公开申请情况\n"

SMALL_TABLES = """本年度制发行政规范性文件0件，现行有效0件。
第二十条第（一）项
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t\t0\t8
行政规范性文件
第二十条第（五）项
信息内容\t本年处理决定数量
行政许可\t
第二十条第（六）项
信息内容\t本年处理决定数量
行政处罚
行政强制\t8
第二十条第（八）项
信息内容\t本年收费金额（单位：万元）
行政事业性收费\t
"""


def _cells(body: str) -> dict[str, object]:
    report = parse_bytes((HEAD + body + TAIL).encode(), "t.txt")
    return {k: c.value for k, c in report.tables["active_disclosure"].cells.items()}


def test_a_blank_cell_between_tabs_keeps_its_column() -> None:
    cells = _cells(SMALL_TABLES)
    assert cells["regulations.issued"] is None
    assert cells["regulations.repealed"] == 0
    assert cells["regulations.in_force"] == 8
    assert cells["enforcement.decisions"] == 8


def test_tabs_part_the_cells_only_where_no_row_is_parted_by_spaces() -> None:
    assert detect_style(split_lines(SMALL_TABLES)) == "tabs"
    # A row of words and numbers parted by spaces says the TABs are not the cells'
    # separators (TABs typed to line text up): the region stays on spaces.
    assert detect_style(split_lines(SMALL_TABLES.replace("行政强制\t8", "行政强制 8"))) == "spaces"
    # One TAB a line and none with two (a label and its number): nothing to gain.
    two_columns = "\n".join(line.replace("\t\t0\t8", "\t8") for line in SMALL_TABLES.split("\n")
                           if not line.startswith("信息内容"))
    assert detect_style(split_lines(two_columns)) == "spaces"


def test_the_unruled_pdf_that_showed_it() -> None:
    doc = generate_document(31_005_389, "pdf_unruled", template="2021")
    report = parse_bytes(doc.data, doc.name)
    cells = report.tables["active_disclosure"].cells
    assert doc.wrong_values("active_disclosure", cells) == {}
    assert cells["regulations.repealed"].value == 0
