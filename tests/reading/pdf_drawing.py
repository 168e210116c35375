"""Small PDFs drawn for the PDF reader's tests: text lines, ruled and unruled tables.

reportlab draws them, Chinese with its built-in CID font STSong-Light (no font
file needed). Coordinates are in points from the page's top-left corner, as the
reader measures; each drawn cell remembers its box so tests can check spans.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
A4 = (595.0, 842.0)


@dataclass(frozen=True)
class CellSpec:
    row: int
    col: int
    text: str
    rows: int = 1
    cols: int = 1


@dataclass
class DrawnCell:
    page: int
    text: str
    box: tuple[float, float, float, float]


@dataclass
class Sheet:
    """A PDF being drawn, page by page."""

    size: tuple[float, float] = A4
    buffer: io.BytesIO = field(default_factory=io.BytesIO)
    page: int = 1
    cells: list[DrawnCell] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.canvas = canvas.Canvas(self.buffer, pagesize=self.size)

    def _y(self, top: float) -> float:
        return self.size[1] - top

    def text(self, x: float, top: float, text: str, size: float = 12) -> None:
        """A line of text whose em box starts ``top`` points below the page's top."""
        self.canvas.setFont(FONT, size)
        self.canvas.drawString(x, self._y(top + size * 0.88), text)

    def centred(self, x0: float, x1: float, top: float, text: str, size: float = 12) -> None:
        self.canvas.setFont(FONT, size)
        self.canvas.drawCentredString((x0 + x1) / 2, self._y(top + size * 0.88), text)

    def justified(self, x0: float, x1: float, top: float, text: str, size: float = 12) -> None:
        """A line of a paragraph, spread to end exactly at ``x1`` as typesetters do."""
        width = pdfmetrics.stringWidth(text, FONT, size)
        words = self.canvas.beginText(x0, self._y(top + size * 0.88))
        words.setFont(FONT, size)
        words.setCharSpace((x1 - x0 - width) / max(1, len(text) - 1))
        words.textOut(text)
        self.canvas.drawText(words)

    def right(self, x1: float, top: float, text: str, size: float = 12) -> None:
        self.canvas.setFont(FONT, size)
        self.canvas.drawRightString(x1, self._y(top + size * 0.88), text)

    def line(self, x0: float, top0: float, x1: float, top1: float, width: float = 0.5) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(x0, self._y(top0), x1, self._y(top1))

    def grid(self, x: float, top: float, widths: Sequence[float], heights: Sequence[float],
             cells: Iterable[CellSpec], *, open_top: Iterable[int] = (), size: float = 9) -> None:
        """A ruled table: every cell's four edges, except the top edge of the first
        row's cells in columns ``open_top`` (a table continued from the page before)."""
        xs = [x]
        for w in widths:
            xs.append(xs[-1] + w)
        ys = [top]
        for h in heights:
            ys.append(ys[-1] + h)
        no_top = set(open_top)
        for cell in cells:
            x0, x1 = xs[cell.col], xs[cell.col + cell.cols]
            y0, y1 = ys[cell.row], ys[cell.row + cell.rows]
            if not (cell.row == 0 and cell.col in no_top):
                self.line(x0, y0, x1, y0)
            self.line(x0, y1, x1, y1)
            self.line(x0, y0, x0, y1)
            self.line(x1, y0, x1, y1)
            lines = cell.text.split("\n") if cell.text else []
            first = (y0 + y1) / 2 - len(lines) * size * 0.6
            for index, text in enumerate(lines):
                self.centred(x0, x1, first + index * size * 1.2, text, size)
            self.cells.append(DrawnCell(self.page, cell.text, (x0, y0, x1, y1)))

    def new_page(self) -> None:
        self.canvas.showPage()
        self.page += 1

    def pdf(self) -> bytes:
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()
