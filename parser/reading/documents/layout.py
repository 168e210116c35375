"""A document's paragraphs and tables written out as the text the parser reads.

One paragraph per line; one table row per line, its cells separated by a TAB (the
``tabs`` flattening the parser reads, seed 004); every grid slot keeps its place,
so a blank cell is an empty field and a merged cell is written once, where it
starts, the slots it covers left empty (writing it into every slot shifted values
into wrong columns). A row holding a nested table is a layout row, not data: its
cells are written one block after another instead.

Spans: each paragraph, and each paragraph of a cell, maps to its place in the
original. A blank cell has no text; the parser places it at the separator (or
line break) that ends it, so that one character maps to the blank cell's place.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from ..origin import Place, Span

SEPARATOR = "\t"
# Nested tables deeper than this are read as plain blocks of their cells' text: real
# reports nest two or three deep; hostile files nest thousands deep.
MAX_TABLE_DEPTH = 24


@dataclass(slots=True)
class Para:
    """A paragraph's text (clean: no line breaks inside a cell) and where it came from."""

    text: str
    place: Place


@dataclass(slots=True)
class Cell:
    place: Place
    items: list[Para | Table] = field(default_factory=list)

    def has_table(self) -> bool:
        return any(isinstance(item, Table) for item in self.items)


# A grid slot: the cell that starts there, or None where a merged cell (or a
# missing one) covers it.
Slot = Cell | None


@dataclass(slots=True)
class Table:
    rows: list[list[Slot]] = field(default_factory=list)


def wide(char: str) -> bool:
    """A CJK (wide) character: text split between two of them joins without a space."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def joiner(before: str, after: str) -> str:
    if not before or not after or (wide(before[-1]) and wide(after[0])):
        return ""
    return " "


_CELL_BREAKS = str.maketrans({"\t": " ", "\n": " ", "\r": " ", "\v": " ", "\f": " "})


class Writer:
    """Accumulates the rendering's text and spans, one line at a time."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.spans: list[Span] = []
        self._offset = 0

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def _write(self, text: str, place: Place | None = None) -> None:
        if not text:
            return
        self._parts.append(text)
        end = self._offset + len(text)
        if place is not None:
            self.spans.append(Span(self._offset, end, place))
        self._offset = end

    def paragraph(self, para: Para) -> None:
        if para.text:
            self._write(para.text, para.place)
            self._write("\n")

    def items(self, items: list[Para | Table]) -> None:
        for item in items:
            if isinstance(item, Para):
                self.paragraph(item)
            else:
                self.table(item)

    def table(self, table: Table) -> None:
        for slots in table.rows:
            if any(slot is not None and slot.has_table() for slot in slots):
                for slot in slots:
                    if slot is not None:
                        self.items(slot.items)
            else:
                self._row(slots)

    def _row(self, slots: list[Slot]) -> None:
        while slots and slots[-1] is None:
            slots = slots[:-1]
        if not slots:
            return
        blank: Place | None = None
        for index, slot in enumerate(slots):
            if index:
                self._write(SEPARATOR, blank)
                blank = None
            if slot is None:
                continue
            wrote = self._cell(slot)
            if not wrote:
                blank = slot.place
        self._write("\n", blank)

    def _cell(self, cell: Cell) -> bool:
        """Write a cell's paragraphs on one line; whether it had any text."""
        previous = ""
        for item in cell.items:
            if not isinstance(item, Para):
                continue
            text = " ".join(item.text.translate(_CELL_BREAKS).split())
            if not text:
                continue
            self._write(joiner(previous, text))
            self._write(text, item.place)
            previous = text
        return bool(previous)
