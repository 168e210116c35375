"""The seam between a file as published and the text that is checked.

Every reader turns a file's bytes into a :class:`Rendering`: the text the parser
and the rules work on (plain text as decoded, or the text rendering of a PDF,
Word file or web page), and the spans that map offsets of that text back to
places in the original file. Offsets into ``Rendering.text`` are the one position
system of nianbao; a place in the original is only ever looked up through here.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["text", "pdf", "docx", "doc", "wps", "rtf", "html", "mht"]


@dataclass(frozen=True, slots=True)
class PdfPlace:
    """A box on a page: ``page`` counts from 1; ``bbox`` is ``(x0, top, x1, bottom)`` in
    points from the page's top-left corner (as pdfplumber and PDF viewers measure)."""

    page: int
    bbox: tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class DocxPlace:
    """A paragraph of a Word document: inside table ``table``, row ``row``, cell ``cell``
    (all counting from 1, ``None`` outside a table), its ``paragraph`` counting from 0
    within the cell (or within the body outside a table)."""

    table: int | None
    row: int | None
    cell: int | None
    paragraph: int


@dataclass(frozen=True, slots=True)
class HtmlPlace:
    """A place in the HTML source as decoded: ``line`` and ``column`` count from 1,
    columns in characters."""

    line: int
    column: int


Place = PdfPlace | DocxPlace | HtmlPlace


@dataclass(frozen=True, slots=True)
class Span:
    """``text[start:end]`` of the rendering came from ``place`` in the original."""

    start: int
    end: int
    place: Place


@dataclass(frozen=True, slots=True)
class Rendering:
    """What a reader makes of one file.

    ``spans`` are sorted by ``start`` and do not overlap; rendering text that came
    from no single place (separators, line breaks) lies outside every span.
    """

    kind: Kind
    text: str
    spans: tuple[Span, ...] = ()
    encoding: str | None = None
    # Things the reader noticed that a reviewer should know (one line each).
    notes: tuple[str, ...] = ()
    _starts: tuple[int, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(span.start for span in self.spans))

    def place_in(self, start: int, end: int) -> Place | None:
        """The place of the first character of ``text[start:end]`` that has one (a blank
        cell's place sits on the separator after it; a finding may begin on a break)."""
        index = max(0, bisect_right(self._starts, start) - 1)
        for span in self.spans[index:index + 4]:
            if span.start >= max(end, start + 1):
                break
            if span.end > start:
                return span.place
        return None

    def place_at(self, offset: int) -> Place | None:
        """The place in the original of the character at ``offset``, if one is known."""
        index = bisect_right(self._starts, offset) - 1
        if index >= 0:
            span = self.spans[index]
            if span.start <= offset < span.end:
                return span.place
        return None
