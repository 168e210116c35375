"""PDF → :class:`Rendering`: the text a reviewer's PDF holds, tables rebuilt, every
piece mapped back to its page and box.

pypdfium2 (BSD-3/Apache-2.0) gives each character's box and the page's drawing
objects; tables are rebuilt from the ruling lines (:mod:`.pdf_grid`), or from the
alignment of their columns when drawn without lines (:mod:`.pdf_unruled`), and
pdfplumber's table finder is asked only for a table those cannot settle
(:mod:`.pdf_slow`). What the file cannot give — a password, no text layer, damage
— is one :class:`ReportError` line.

Bounds: the first ``MAX_PAGES`` pages, ``MAX_PAGE_CHARS`` characters of a page
and ``MAX_CHARS`` in all are read (a note says when there were more); pdfium is
called from one thread at a time, as it requires.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from nianbao.parser.i18n import N_, _

from ...errors import ReportError
from ..origin import Rendering
from .pdf_flow import Table, flow
from .pdf_layout import PageLayout, lay_out
from .pdf_page import PageContent, read_page
from .pdf_render import render
from .pdf_slow import NOTE_MISSING, SlowPath

MAX_PAGES = 200
# A report's page holds about 2,000 characters; these bound time and memory
# (a page of 500,000 characters takes 6 s and 350 MB to lay out).
MAX_PAGE_CHARS = 50_000
MAX_CHARS = 300_000
# A text layer with more characters than this share lacking a Unicode map is garbage.
UNMAPPED_SHARE = 0.5

# pdfium keeps global state: two documents read at once from two threads crash it.
_PDFIUM = threading.Lock()

# What a reviewer reads; kept here to be wrapped for translation.
REASONS = {
    "missing": N_("reading PDF files needs pypdfium2 (pip install pypdfium2)"),
    "not_pdf": N_("not a PDF file (no %PDF header)"),
    "password": N_("the PDF is protected by a password; save a copy without the password "
                "and check that"),
    "security": N_("the PDF uses an encryption nianbao cannot open"),
    "damaged": N_("the PDF is damaged and cannot be read ({detail})"),
    "no_pages": N_("the PDF has no pages"),
    "scan": N_("the PDF has no text layer (a scan?); run text recognition (OCR) on it first"),
    "no_text": N_("the PDF has no text"),
    "unmapped": N_("the PDF's text cannot be decoded (its fonts have no Unicode map)"),
}
DAMAGE = {
    "format": N_("its structure is broken"),
    "other": N_("pdfium cannot open it"),
    "memory": N_("it needs more memory than is allowed"),
}
NOTES = {
    "pages": N_("only the first {read} of {total} pages were read"),
    "chars": N_("only the first {read} of {total} pages were read (text limit reached)"),
    "page_chars": N_("page {page}: only the first {read} of its {total} characters were read"),
    "unmapped": N_("about {count} characters have no Unicode map in their font and may be wrong"),
}


@dataclass(frozen=True, slots=True)
class PdfReading:
    """A rendering with what it took: counted for the benchmark and the tests."""

    rendering: Rendering
    pages: int  # pages read
    tables: int  # tables in the rendering (a table across pages counts once)
    slow_tables: int  # tables rebuilt by the slow path


def read_pdf(data: bytes, path: str) -> Rendering:
    """The PDF ``data`` (read from ``path``) as text and spans; :class:`ReportError` if
    it cannot be read."""
    return read_pdf_counted(data, path).rendering


def read_pdf_counted(data: bytes, path: str) -> PdfReading:
    try:
        import pypdfium2  # type: ignore[import-untyped]
    except ImportError:
        raise ReportError(path, _(REASONS["missing"])) from None
    if b"%PDF-" not in data[:1024]:
        raise ReportError(path, _(REASONS["not_pdf"]))
    with _PDFIUM:
        try:
            return _read(pypdfium2, data, path)
        except ReportError:
            raise
        except MemoryError:
            raise ReportError(path, _(REASONS["damaged"]).format(detail=_(DAMAGE["memory"]))) from None
        except Exception as error:  # pdfium on a damaged file: never a traceback
            first = str(error).strip().splitlines()[0].rstrip(".") if str(error).strip() else ""
            detail = first or type(error).__name__
            raise ReportError(path, _(REASONS["damaged"]).format(detail=detail)) from None


def _open(pdfium: Any, data: bytes, path: str) -> Any:
    try:
        # An owner password only restricts printing or copying; the empty user
        # password opens such a file.
        return pdfium.PdfDocument(data, password="")
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        raw = pdfium.raw
        if code == raw.FPDF_ERR_PASSWORD:
            raise ReportError(path, _(REASONS["password"])) from None
        if code == raw.FPDF_ERR_SECURITY:
            raise ReportError(path, _(REASONS["security"])) from None
        detail = _(DAMAGE["format" if code == raw.FPDF_ERR_FORMAT else "other"])
        raise ReportError(path, _(REASONS["damaged"]).format(detail=detail)) from None


def _contents(document: Any, notes: list[str]) -> list[PageContent]:
    total = len(document)
    wanted = min(total, MAX_PAGES)
    contents: list[PageContent] = []
    budget = MAX_CHARS
    for index in range(wanted):
        if budget <= 0:
            notes.append(_(NOTES["chars"]).format(read=index, total=total))
            return contents
        page = document[index]
        limit = min(budget, MAX_PAGE_CHARS)
        try:
            content, counted = read_page(page, index + 1, limit)
        finally:
            page.close()
        if counted > limit and limit == MAX_PAGE_CHARS:
            notes.append(_(NOTES["page_chars"]).format(page=index + 1, read=limit, total=counted))
        budget -= min(counted, limit)
        contents.append(content)
    if wanted < total:
        notes.append(_(NOTES["pages"]).format(read=wanted, total=total))
    return contents


def _check_text(contents: list[PageContent], path: str, notes: list[str]) -> None:
    chars = sum(len(c.chars) for c in contents)
    if chars == 0:
        scanned = any(c.images for c in contents)
        raise ReportError(path, _(REASONS["scan" if scanned else "no_text"]))
    unmapped = sum(c.unmapped for c in contents)
    if unmapped > UNMAPPED_SHARE * chars:
        raise ReportError(path, _(REASONS["unmapped"]))
    if unmapped:
        notes.append(_(NOTES["unmapped"]).format(count=unmapped))


def _read(pdfium: Any, data: bytes, path: str) -> PdfReading:
    document = _open(pdfium, data, path)
    slow = SlowPath(data)
    notes: list[str] = []
    try:
        if len(document) == 0:
            raise ReportError(path, _(REASONS["no_pages"]))
        contents = _contents(document, notes)
        _check_text(contents, path, notes)
        layouts: list[PageLayout] = []
        for content in contents:
            layout = lay_out(content, slow)
            notes.extend(layout.notes)
            layouts.append(layout)
    finally:
        slow.close()
        document.close()
    if slow.missing:
        notes.append(_(NOTE_MISSING))
    blocks = flow(layouts)
    text, spans = render(blocks)
    tables = sum(1 for block in blocks if isinstance(block, Table))
    slow_tables = sum(1 for layout in layouts for table in layout.tables if table.slow)
    rendering = Rendering(kind="pdf", text=text, spans=spans, notes=tuple(notes))
    return PdfReading(rendering, len(contents), tables, slow_tables)
