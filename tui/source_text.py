"""The report's text as the source view draws it, prepared off the UI thread.

Two things make a hostile file slow to show in a TextArea, and both are settled
here, in the worker that read the file:

* TextArea draws a line by rendering all of it and cropping, so a line of
  millions of characters (a whole web page on one line) costs a second on every
  refresh. Lines longer than :data:`ROW_CHARS` are cut into rows of that many
  characters; :class:`SourceText` maps between the report's (line, column) and
  the view's (row, column).
* Building TextArea's document and its wrap index walks every line (180,000 for
  a 4 MB report). They are built here, once, and :class:`StaticWrap` does not
  redo the walk for a width it has already done: the text is read-only.

Nothing here touches a widget; the result is handed to the view by a message.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.geometry import Size
from textual.widgets.text_area import Document, WrappedDocument

from nianbao.tui.text import clean_source

if TYPE_CHECKING:
    from nianbao.parser.model.report import Report

ROW_CHARS = 2000  # longer lines continue on the next rows of the view
# Characters of text wrapped without asking. TextArea wraps the whole text again on
# every change of the pane's width (a resize, z): some 2.5 s a million characters,
# 0.5 s at this size; a report is rarely a tenth of it. w wraps up to WRAP_LIMIT.
AUTO_WRAP_LIMIT = 200_000
WRAP_LIMIT = 1_000_000
TAB_WIDTH = 4  # TextArea's indent_width, which it also uses for tabs



class StaticDocument(Document):
    """A document that is never edited, so its size is measured once per tab width."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._sizes: dict[int, Size] = {}

    def get_size(self, tab_width: int) -> Size:
        size = self._sizes.get(tab_width)
        if size is None:
            size = self._sizes[tab_width] = super().get_size(tab_width)
        return size


class StaticWrap(WrappedDocument):
    """A wrap index that is recomputed only when the width or tab width changes.

    TextArea rewraps on every resize even without soft wrap (width 0); for a
    read-only text the result is the same each time, and so is its height.
    """

    # Class defaults: WrappedDocument's constructor already wraps.
    _wrapped_for: tuple[int, int] | None = None
    _wrap_tab = TAB_WIDTH
    _row_total = 0

    def wrap(self, width: int, tab_width: int | None = None) -> None:
        if tab_width:
            self._wrap_tab = tab_width
        key = (width, self._wrap_tab)
        if key != self._wrapped_for:
            super().wrap(width, tab_width)
            self._wrapped_for = key
            self._row_total = super().height

    @property
    def height(self) -> int:
        # WrappedDocument sums over every line each time; TextArea asks for every
        # row it draws.
        return self._row_total


@dataclass(frozen=True, eq=False)
class SourceText:
    """What the source view shows of one report, and where its lines went."""

    report: Report
    text: str
    document: StaticDocument
    wrapped: StaticWrap
    # None when no line was cut (rows are lines); else the first row of each line.
    first_rows: list[int] | None

    @property
    def line_count(self) -> int:
        """Lines of the report (not rows of the view)."""
        return self.report.line_index.line_count or 1

    def to_row(self, line: int, column: int) -> tuple[int, int]:
        """0-based (line, column) of the report → 0-based (row, column) of the view."""
        first_rows = self.first_rows
        if first_rows is None:
            return line, column
        line = max(0, min(line, len(first_rows) - 1))
        first = first_rows[line]
        rows = self._rows_of(line)
        part = max(0, min(column // ROW_CHARS, rows - 1))
        return first + part, column - part * ROW_CHARS

    def to_line(self, row: int, column: int = 0) -> tuple[int, int]:
        """0-based (row, column) of the view → 0-based (line, column) of the report."""
        first_rows = self.first_rows
        if first_rows is None:
            return row, column
        line = max(0, bisect_right(first_rows, row) - 1)
        return line, (row - first_rows[line]) * ROW_CHARS + column

    def row_parts(self, line: int, begin: int, end: int) -> list[tuple[int, int, int]]:
        """Columns ``begin:end`` of a line as ``(row, begin, end)`` pieces of its rows.

        ``end`` may pass the line's end by one (a mark on a missing cell); that
        piece stays on the line's last row.
        """
        first_rows = self.first_rows
        if first_rows is None:
            return [(line, begin, end)]
        first = first_rows[line]
        last_part = self._rows_of(line) - 1
        parts = []
        low = min(begin // ROW_CHARS, last_part)
        high = min(max(begin, end - 1) // ROW_CHARS, last_part)
        for part in range(low, high + 1):
            offset = part * ROW_CHARS
            stop = end if part == last_part else min(end, offset + ROW_CHARS)
            start = max(begin, offset) - offset
            parts.append((first + part, start, max(start + 1, stop - offset)))
        return parts

    def is_first_row(self, row: int) -> bool:
        first_rows = self.first_rows
        if first_rows is None:
            return True
        line = bisect_right(first_rows, row) - 1
        return line >= 0 and first_rows[line] == row

    def _rows_of(self, line: int) -> int:
        first_rows = self.first_rows
        assert first_rows is not None
        following = first_rows[line + 1] if line + 1 < len(first_rows) \
            else self.document.line_count
        return max(1, following - first_rows[line])


def prepare(report: Report, pane_width: int = 0) -> SourceText:
    """The view's text of ``report``; safe to call from a worker thread.

    ``pane_width``: the cells the source pane has for its gutter and text when it
    wraps lines (0: it does not). The text is wrapped for that width here, off the
    UI thread, as the view will wrap it (its gutter is as wide as the last line's
    number, plus two; one cell is kept for the cursor at a line's end).
    """
    # Only \r, \n and \r\n are left to split lines once the text is cleaned, as
    # in the parser's line index.
    text = clean_source(report.text)
    first_rows: list[int] | None = None
    if max(map(len, text.splitlines()), default=0) > ROW_CHARS:
        text, first_rows = _cut(text)
    document = StaticDocument(text)
    width = 0
    if pane_width and len(text) <= AUTO_WRAP_LIMIT:
        width = max(0, pane_width - (len(str(document.line_count)) + 2) - 1)
    return SourceText(report, text, document,
                      StaticWrap(document, width=width, tab_width=TAB_WIDTH), first_rows)


def _cut(text: str) -> tuple[str, list[int]]:
    pieces: list[str] = []
    first_rows: list[int] = []
    rows = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        first_rows.append(rows)
        if len(body) > ROW_CHARS:
            cut = [body[i:i + ROW_CHARS] for i in range(0, len(body), ROW_CHARS)]
            pieces.append("\n".join(cut))
            rows += len(cut)
        else:
            pieces.append(body)
            rows += 1
        pieces.append(line[len(body):])
    if text.endswith(("\r", "\n")):
        first_rows.append(rows)  # the empty line an editor shows after the last break
    return "".join(pieces), first_rows
