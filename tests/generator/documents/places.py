"""Where each table cell of a generated document is, in the document's own terms.

The field names follow ``parser/reading/origin.py`` (``PdfPlace``, ``DocxPlace``,
``HtmlPlace``) so reader tests can compare field by field, but the types are the
generator's own: a convention bug shared with the parser must not hide itself.
"""

from __future__ import annotations

from dataclasses import dataclass

Box = tuple[float, float, float, float]  # x0, top, x1, bottom: points from the page's top-left


@dataclass(frozen=True, slots=True)
class PdfCell:
    """``page`` counts from 1. ``bbox`` is the cell's box (the ruled rectangle, or the
    slot an unruled table's columns imply); ``text_bbox`` is the box of the value's
    glyphs (``None`` for a blank cell). ``open_top``: a ruled cell whose top rule is
    not drawn (first row of a table continued on a new page, as WPS exports do), so
    a line-based table finder cannot close it."""

    page: int
    bbox: Box
    text_bbox: Box | None
    open_top: bool = False


@dataclass(frozen=True, slots=True)
class DocxCell:
    """``table`` counts the body's ``<w:tbl>`` from 1, ``row`` its ``<w:tr>`` from 1,
    ``cell`` the ``<w:tc>`` elements of that row from 1 (a cell spanning columns is one
    ``<w:tc>``; python-docx's ``row.cells`` counts grid columns instead: see
    ``grid_column``), ``paragraph`` the cell's ``<w:p>`` holding the value, from 0."""

    table: int
    row: int
    cell: int
    paragraph: int
    grid_column: int  # the first grid column the cell covers, from 1


@dataclass(frozen=True, slots=True)
class HtmlCell:
    """``line`` and ``column`` (both from 1, columns in characters) of the cell's
    ``<td`` start tag in the HTML source as decoded (for .mht: the HTML part after
    its transfer encoding and charset are undone)."""

    line: int
    column: int


Place = PdfCell | DocxCell | HtmlCell


@dataclass(frozen=True, slots=True)
class CellTruth:
    """One value cell as the document shows it: ``text`` is what is written in it
    (``""`` for a blank cell), ``place`` where."""

    text: str
    place: Place
