"""Places in a published original, as the output formats and the TUI show them.

A cell or finding of a PDF, Word file or web page keeps its line:column in the
text rendering that was checked (the one position system) and gains an *origin*,
looked up through the reader's spans (:meth:`Report.origin`): a page and box, a
Word table cell, an HTML line and column. This module only writes an origin out:
as JSON (:func:`origin_dict`), in words a reviewer reads (:func:`origin_words`,
worded so they cannot be taken for the report's own 表二/表三), and as the logical
name of a cell (:func:`logical_name`, ``表三/（三）不予公开/1.属于国家秘密/自然人``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from nianbao.parser.i18n import _
from nianbao.parser.model.refs import CellRef
from nianbao.parser.reading.origin import DocxPlace, HtmlPlace, PdfPlace, Place
from nianbao.parser.template import (
    ACTIVE_ITEMS,
    APPLICATION_ROWS,
    CHINESE_NUMERALS,
    COLUMN_LABELS,
    REVIEW_FIELDS,
    REVIEW_GROUPS,
    TABLE_NUMBERS,
    TemplateId,
)

# Points to two decimals: a hundredth of a point is far below a glyph.
_DIGITS = 2


def origin_dict(place: Place) -> dict[str, Any]:
    """An origin as JSON: PDF ``{page, bbox}`` (points from the page's top-left), Word
    ``{table, row, cell, paragraph}`` (table/row/cell from 1, null outside a table;
    paragraph from 0), HTML ``{line, column}`` (from 1, in the decoded source)."""
    if isinstance(place, PdfPlace):
        return {"page": place.page, "bbox": [round(v, _DIGITS) for v in place.bbox]}
    if isinstance(place, DocxPlace):
        return {"table": place.table, "row": place.row, "cell": place.cell,
                "paragraph": place.paragraph}
    return {"line": place.line, "column": place.column}


def origin_words(place: Place) -> str:
    """Where ``place`` is, in words and counting from 1: ``PDF 第4页``,
    ``Word 第3个表格 第7行 第2格``, ``HTML 第1行 第5130列``."""
    if isinstance(place, PdfPlace):
        return _("PDF page {page}").format(page=place.page)
    if isinstance(place, DocxPlace):
        if place.table is None or place.row is None or place.cell is None:
            return _("Word paragraph {paragraph}").format(paragraph=place.paragraph + 1)
        return _("Word table {table} row {row} cell {cell}").format(
            table=place.table, row=place.row, cell=place.cell)
    assert isinstance(place, HtmlPlace)
    return _("HTML line {line} column {column}").format(line=place.line, column=place.column)


def origin_region(place: Place) -> tuple[int, int] | None:
    """(line, column) in the original file itself, when the original is text (HTML)."""
    return (place.line, place.column) if isinstance(place, HtmlPlace) else None


def logical_name(ref: CellRef, template: TemplateId | None) -> str:
    """A cell named as the template names it, from its table down to its column:
    ``表三/（三）不予公开/1.属于国家秘密/自然人``; the parts keep their own slashes
    as full-width ones (``本年增／减``), so ``/`` only separates."""
    parts = [f"表{CHINESE_NUMERALS[TABLE_NUMBERS[ref.table] - 1]}"]
    parts.extend(_labels(ref, template or "2021"))
    return "/".join(part.replace("/", "／") for part in parts)


def _labels(ref: CellRef, template: TemplateId) -> Iterable[str]:
    if ref.table == "applications":
        row = next((r for r in APPLICATION_ROWS[template] if r.id == ref.row), None)
        if row is None:
            return (ref.row, COLUMN_LABELS.get(ref.column, ref.column))
        group = (row.group,) if row.group else ()
        return (*group, row.label, COLUMN_LABELS.get(ref.column, ref.column))
    if ref.table == "active_disclosure":
        item = next((i for i in ACTIVE_ITEMS[template] if i.id == ref.row), None)
        if item is None:
            return (ref.row, ref.column)
        return (item.label, dict(item.fields).get(ref.column, ref.column))
    group_label = dict(REVIEW_GROUPS).get(ref.row, ref.row)
    return (*group_label.split("·"), dict(REVIEW_FIELDS).get(ref.column, ref.column))
