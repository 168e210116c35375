"""The flow of paragraphs and tables written as the text that is checked.

One paragraph per line; one table row per line, its cells separated by a TAB
(the ``tabs`` flattening of seed 004; where the parser finds too few TABs in a
region it splits on white space, which still reads every cell that has text,
where a ``|`` would become a field of its own). A merged cell is written once,
in the row and at the place where it starts, and the grid slots it covers add
nothing: writing it into every slot shifted values into wrong columns, and even
empty covered slots shift the numbers of a row with blank cells when no header
says where the columns are. A blank cell is written empty, so the values after
it keep their columns.

Every piece of text written from the page gets a span: a cell or a paragraph
maps to the union of its characters' boxes (a paragraph broken by a page break,
to one box per page). A blank cell has no text; the parser places it at the
separator or line break that ends it, so that character maps to the cell's box.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..origin import PdfPlace, Span
from .pdf_flow import Block, Paragraph, Table, TablePart
from .pdf_geometry import Box, chars_box, rounded, union
from .pdf_grid import GridCell
from .pdf_lines import group_lines, join_wrapped, joined

SEPARATOR = "\t"


class _Writer:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spans: list[Span] = []
        self.length = 0

    def write(self, text: str, page: int | None = None, box: Box | None = None) -> None:
        if not text:
            return
        if page is not None and box is not None:
            self.spans.append(Span(self.length, self.length + len(text),
                                   PdfPlace(page, rounded(box))))
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)


@dataclass(slots=True)
class _Share:
    """The part of a paragraph that lies on one page."""

    page: int
    start: int
    end: int = 0
    boxes: list[Box] = field(default_factory=list)


def _paragraph(writer: _Writer, paragraph: Paragraph) -> None:
    text = ""
    shares: list[_Share] = []
    for page, line in paragraph.pieces:
        text = join_wrapped(text, line.text)
        if not shares or shares[-1].page != page:
            shares.append(_Share(page, len(text) - len(line.text)))
        shares[-1].end = len(text)
        shares[-1].boxes.append(line.box)
    position = 0
    for share in shares:
        # A space joining two pages' shares has no place of its own.
        writer.write(text[position:share.start])
        writer.write(text[share.start:share.end], share.page, union(share.boxes))
        position = share.end


def cell_text(cell: GridCell) -> str:
    if not cell.chars:
        return ""
    return joined(group_lines(cell.chars))


def _row(writer: _Writer, page: int, cells: Sequence[GridCell]) -> None:
    last = len(cells) - 1
    for position, cell in enumerate(cells):
        text = cell_text(cell)
        end = SEPARATOR if position < last else "\n"
        if text:
            writer.write(text, page, chars_box(cell.chars))
            writer.write(end)
        else:
            writer.write(end, page, cell.box)


def _part(writer: _Writer, part: TablePart) -> None:
    starting: dict[int, list[GridCell]] = {}
    for index, cell in enumerate(part.grid.cells):
        if index not in part.continued:
            starting.setdefault(cell.row, []).append(cell)
    for row in sorted(starting):
        _row(writer, part.page, sorted(starting[row], key=lambda c: c.col))


def render(blocks: Sequence[Block]) -> tuple[str, tuple[Span, ...]]:
    writer = _Writer()
    for block in blocks:
        if isinstance(block, Table):
            for part in block.parts:
                _part(writer, part)
        else:
            _paragraph(writer, block)
            writer.write("\n")
    return writer.text(), tuple(writer.spans)
