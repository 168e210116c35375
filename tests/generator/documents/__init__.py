"""Reports as agencies publish them — Word, web pages, saved pages, PDFs — with known
truth, to measure the document readers on.

    doc = generate_document(7, kind="pdf_ruled")
    doc.data        # the file's bytes
    doc.truth       # template, meta and every cell value (``generator.truth.Truth``)
    doc.cells       # every value cell: the text written in it and its place
    doc.quirks      # what this file shows (table across a page break, spans, …)

Kinds: ``docx``; ``html`` (a clean table with rowspan/colspan); ``html_word`` (Word
pasted into a CMS page); ``mht`` (a saved page, MIME multipart/related); ``pdf_ruled``
and ``pdf_unruled``. The content — narrative, sections, the three tables — comes from
the text generator (``generator.document``), so it tells the same story; each format
adds the quirks of its own kind. Deterministic from the seed, byte for byte.

Places (``places.py``): PDF page and boxes in points from the page's top-left; Word
(table, row, ``<w:tc>``) from 1 and paragraph from 0; HTML the line and column, from
1, of the cell's ``<td`` in the decoded source.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..truth import CellRef, Truth
from .content import random_content
from .places import CellTruth

KINDS: tuple[str, ...] = ("docx", "html", "html_word", "mht", "pdf_ruled", "pdf_unruled")
_EXTENSIONS = {"docx": "docx", "html": "html", "html_word": "html", "mht": "mht",
               "pdf_ruled": "pdf", "pdf_unruled": "pdf"}

__all__ = ["KINDS", "GeneratedDocument", "document_corpus", "generate_document"]


@dataclass(frozen=True)
class GeneratedDocument:
    data: bytes
    kind: str
    truth: Truth
    name: str
    quirks: frozenset[str]
    # Every value cell of the three tables: its text as written and its place.
    cells: Mapping[CellRef, CellTruth] = field(default_factory=dict)
    # Web pages and saved pages: the HTML source as decoded, and the charset the
    # bytes are really in (the page may declare another: gb2312 for gb18030 bytes).
    html: str | None = None
    charset: str | None = None
    seed: int | None = None

    def wrong_values(self, table: str, cells: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
        """The cells of ``table`` read (``cells``: id → a cell with ``.value``) with another
        value than the truth's, as (read, true); a blank is 0 on both sides."""
        truth = self.truth.cells[table]
        return {ref: (cells[ref].value, value) for ref, value in truth.items()
                if ref in cells and (cells[ref].value or 0) != (value or 0)}


def generate_document(seed: int, kind: str | None = None, *,
                      template: str | None = None) -> GeneratedDocument:
    """One document, the same bytes for the same seed, kind and template."""
    rng = random.Random(seed)
    kind = kind or rng.choice(KINDS)
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}: one of {', '.join(KINDS)}")
    content = random_content(rng, template=template)
    html: str | None = None
    charset: str | None = None
    if kind == "docx":
        from .docx import render_docx
        data, cells, quirks = render_docx(content, rng)
    elif kind in ("html", "html_word"):
        from .html import render_html
        page = render_html(content, rng, word=kind == "html_word")
        data, cells, quirks, html, charset = page.data, page.cells, page.quirks, page.source, \
            page.charset
    elif kind == "mht":
        from .mhtml import render_mht
        page, data, wrapper_quirks = render_mht(content, rng)
        cells, html, charset = page.cells, page.source, page.charset
        quirks = page.quirks | wrapper_quirks
    else:
        from .pdf import render_pdf
        data, cells, quirks = render_pdf(content, rng, ruled=kind == "pdf_ruled")
    name = f"doc_{seed:06d}_{kind}_{content.truth.template}.{_EXTENSIONS[kind]}"
    return GeneratedDocument(data, kind, content.truth, name, content.quirks | quirks, cells,
                             html, charset, seed)


@lru_cache(maxsize=2)
def document_corpus(per_kind: int = 24, base_seed: int = 31_000_000
                    ) -> tuple[GeneratedDocument, ...]:
    """``per_kind`` documents of every kind, half of each template.

    The defaults give 6 × 24 = 144 documents (28,700 value cells), generated in about
    6–10 s on the 2-core machine (PDFs 0.07–0.12 s each, the others 0.02–0.08 s).
    """
    docs = []
    for k, kind in enumerate(KINDS):
        for n in range(per_kind):
            template = ("2019", "2021")[n % 2]
            docs.append(generate_document(base_seed + 1000 * k + n, kind, template=template))
    return tuple(docs)
