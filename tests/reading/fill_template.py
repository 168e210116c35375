"""Fill the real blank 〔2021〕30号 template (.docx) with known values.

The values go into the template's own table cells by editing ``word/document.xml``
in the zip as text, so every other byte of Word's markup (merges, styles, the
namespaces LibreOffice needs) stays as Word wrote it. The values are consistent:
each row's 总计 is the sum of its columns, table 三's 总计 row the sum of its
outcomes, 一 + 二 = 总计 + 四, and table 四's 总计 the sum of its results.
"""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "originals"
BLANK = DATA / "template_2021_30hao_blank.docx"

T3_COLUMNS = ("natural_person", "commercial", "research", "social_welfare", "legal_service",
              "other_org")
T3_OUTCOMES = (
    "granted", "partially_granted",
    "denied.state_secret", "denied.law_prohibited", "denied.security_stability",
    "denied.third_party", "denied.internal_affairs", "denied.process_info",
    "denied.enforcement_case", "denied.query_matter",
    "unavailable.not_held", "unavailable.needs_creation", "unavailable.still_unclear",
    "not_processed.petition", "not_processed.duplicate", "not_processed.publication",
    "not_processed.excessive", "not_processed.confirmation",
    "other.no_correction", "other.no_fee", "other.other",
)
T4_GROUPS = ("review", "litigation_direct", "litigation_after_review")
T4_FIELDS = ("upheld", "corrected", "other", "pending", "total")

# Where each cell is in the template: (table, w:tr, w:tc), all counting from 1.
# Table 三: the label of rows 一, 二 and 四 is one cell (gridSpan 3); the outcome rows
# start with the vMerge'd 三、本年度办理结果, and rows under (三)-(六) also carry
# their group's vMerge'd label, so their values start one cell further right.
_T3_FIRST_VALUE = {"new_received": (4, 2), "carried_over": (5, 2), "total": (27, 3),
                   "carried_forward": (28, 2), "granted": (6, 3), "partially_granted": (7, 3)}


def cell_positions() -> dict[str, tuple[int, int, int]]:
    where: dict[str, tuple[int, int, int]] = {}
    for row, item in ((3, "regulations"), (4, "normative_documents")):
        for offset, field in enumerate(("issued", "repealed", "in_force")):
            where[f"active_disclosure:{item}.{field}"] = (1, row, 2 + offset)
    where["active_disclosure:licensing.decisions"] = (1, 7, 2)
    where["active_disclosure:penalty.decisions"] = (1, 10, 2)
    where["active_disclosure:enforcement.decisions"] = (1, 11, 2)
    where["active_disclosure:fees.amount"] = (1, 14, 2)
    rows = dict(_T3_FIRST_VALUE)
    for index, outcome in enumerate(T3_OUTCOMES[2:], start=8):
        rows[outcome] = (index, 4)
    for row_id, (row, first) in rows.items():
        for offset, column in enumerate((*T3_COLUMNS, "total")):
            where[f"applications:{row_id}.{column}"] = (2, row, first + offset)
    for g, group in enumerate(T4_GROUPS):
        for f, field in enumerate(T4_FIELDS):
            where[f"review_litigation:{group}.{field}"] = (3, 4, 1 + g * 5 + f)
    return where


def consistent_values(blank: frozenset[str] = frozenset()) -> dict[str, Decimal | None]:
    """Known values for every cell; ``blank`` lists cells left empty (``None``)."""
    values: dict[str, Decimal | None] = {
        "active_disclosure:regulations.issued": Decimal(2),
        "active_disclosure:regulations.repealed": Decimal(0),
        "active_disclosure:regulations.in_force": Decimal(17),
        "active_disclosure:normative_documents.issued": Decimal(5),
        "active_disclosure:normative_documents.repealed": Decimal(1),
        "active_disclosure:normative_documents.in_force": Decimal(43),
        "active_disclosure:licensing.decisions": Decimal(1286),
        "active_disclosure:penalty.decisions": Decimal(37),
        "active_disclosure:enforcement.decisions": Decimal(4),
        "active_disclosure:fees.amount": Decimal("21.83"),
    }
    table: dict[str, dict[str, int]] = {}
    for i, outcome in enumerate(T3_OUTCOMES):
        table[outcome] = {c: (i * 7 + j * 3) % 10 if (i + j) % 3 else 0
                          for j, c in enumerate(T3_COLUMNS)}
    table["total"] = {c: sum(table[o][c] for o in T3_OUTCOMES) for c in T3_COLUMNS}
    table["carried_over"] = {c: j % 3 for j, c in enumerate(T3_COLUMNS)}
    table["carried_forward"] = {c: (j + 1) % 4 for j, c in enumerate(T3_COLUMNS)}
    table["new_received"] = {
        c: table["total"][c] + table["carried_forward"][c] - table["carried_over"][c]
        for c in T3_COLUMNS}
    for row_id, columns in table.items():
        for column, value in columns.items():
            values[f"applications:{row_id}.{column}"] = Decimal(value)
        values[f"applications:{row_id}.total"] = Decimal(sum(columns.values()))
    for g, group in enumerate(T4_GROUPS):
        parts = [(g + f * 2) % 5 for f in range(4)]
        for field, value in zip(T4_FIELDS, (*parts, sum(parts)), strict=True):
            values[f"review_litigation:{group}.{field}"] = Decimal(value)
    for key in blank:
        values[key] = None
    return values


def _text(value: Decimal | None, key: str) -> str:
    if value is None:
        return ""
    return str(value)


_TABLE = re.compile(r"<w:tbl>.*?</w:tbl>", re.DOTALL)
_ROW = re.compile(r"<w:tr[ >].*?</w:tr>", re.DOTALL)
_CELL = re.compile(r"<w:tc>.*?</w:tc>", re.DOTALL)
_RUN = re.compile(r"<w:r>.*?</w:r>|<w:r [^>]*>.*?</w:r>", re.DOTALL)
_PARAGRAPH_END = "</w:p>"


def _fill_cell(cell: str, text: str) -> str:
    # Drop the template's own runs (U+3000 placeholders) from the cell's paragraph, then
    # write one run with the value.
    cell = _RUN.sub("", cell)
    if not text:
        return cell
    run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
    at = cell.index(_PARAGRAPH_END)
    return cell[:at] + run + cell[at:]


def fill_document_xml(xml: str, texts: dict[tuple[int, int, int], str]) -> str:
    out: list[str] = []
    last = 0
    for t, table in enumerate(_TABLE.finditer(xml), start=1):
        out.append(xml[last:table.start()])
        table_xml = table.group(0)
        rebuilt: list[str] = []
        row_last = 0
        for r, row in enumerate(_ROW.finditer(table_xml), start=1):
            rebuilt.append(table_xml[row_last:row.start()])
            row_xml = row.group(0)
            cells: list[str] = []
            cell_last = 0
            for c, cell in enumerate(_CELL.finditer(row_xml), start=1):
                cells.append(row_xml[cell_last:cell.start()])
                cell_xml = cell.group(0)
                if (t, r, c) in texts:
                    cell_xml = _fill_cell(cell_xml, texts[(t, r, c)])
                cells.append(cell_xml)
                cell_last = cell.end()
            cells.append(row_xml[cell_last:])
            rebuilt.append("".join(cells))
            row_last = row.end()
        rebuilt.append(table_xml[row_last:])
        out.append("".join(rebuilt))
        last = table.end()
    out.append(xml[last:])
    return "".join(out)


def filled_docx(values: dict[str, Decimal | None], *, title: str | None = None) -> bytes:
    """The blank template with ``values`` written into their cells (and an optional
    title paragraph text replacing the template's heading)."""
    where = cell_positions()
    texts = {where[key]: _text(value, key) for key, value in values.items()}
    source = zipfile.ZipFile(BLANK)
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                xml = fill_document_xml(data.decode("utf-8"), texts)
                if title is not None:
                    xml = xml.replace("政府信息公开工作年度报告格式模板", title, 1)
                data = xml.encode("utf-8")
            target.writestr(info, data)
    return out.getvalue()


def exported_cells(export: dict[str, object]) -> dict[str, object]:
    """``table:cell`` → value from a ``report_to_dict`` export."""
    found: dict[str, object] = {}
    tables = export["tables"]
    assert isinstance(tables, dict)
    for table_id, table in tables.items():
        for cell_id, cell in table["cells"].items():
            found[f"{table_id}:{cell_id}"] = cell["value"]
    return found
