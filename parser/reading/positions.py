"""The one place where an offset into the original text becomes line:column.

Every cell, heading and finding keeps a 0-based character offset into the
decoded original text. The TUI, the JSON export and the SARIF all turn it into a
1-based line and a 1-based column (counting characters, as ruff and rustc do)
through :class:`LineIndex`, so they always agree.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

# Only these break lines: str.splitlines would also split on \x0b, \x1c, U+2028 …,
# which editors and other tools do not count as line ends.
_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based, in characters

    def __str__(self) -> str:
        return f"{self.line}:{self.column}"


class LineIndex:
    """Line starts of a text, found once; lookups by binary search."""

    __slots__ = ("_ends", "_starts", "_text")

    def __init__(self, text: str) -> None:
        starts = [0]
        ends: list[int] = []
        for match in _BREAK.finditer(text):
            ends.append(match.start())
            starts.append(match.end())
        ends.append(len(text))
        self._text = text
        self._starts = starts
        self._ends = ends

    @property
    def line_count(self) -> int:
        """Lines as an editor counts them: a final line break opens no new line."""
        count = len(self._starts)
        if count > 1 and self._starts[-1] == len(self._text):
            count -= 1
        return count if self._text else 0

    def line_of(self, offset: int) -> int:
        """The 0-based line holding ``offset``."""
        return max(0, bisect_right(self._starts, max(0, offset)) - 1)

    def lines_of(self, offsets: Iterable[int]) -> set[int]:
        """The 1-based lines holding any of ``offsets``."""
        starts = self._starts
        # bisect_right gives the 0-based line plus one: the 1-based line.
        return {bisect_right(starts, offset) if offset > 0 else 1 for offset in offsets}

    def position(self, offset: int) -> Position:
        offset = min(max(0, offset), len(self._text))
        line = self.line_of(offset)
        return Position(line + 1, offset - self._starts[line] + 1)

    def offset(self, line: int, column: int = 1) -> int:
        """The offset of a 1-based line and column (clamped to the line)."""
        index = min(max(line, 1), len(self._starts)) - 1
        start = self._starts[index]
        return min(start + max(column, 1) - 1, self._ends[index])

    def line_start(self, line: int) -> int:
        return self._starts[min(max(line, 1), len(self._starts)) - 1]

    def line_end(self, line: int) -> int:
        return self._ends[min(max(line, 1), len(self._ends)) - 1]

    def line_text(self, line: int) -> str:
        """The 1-based line's text without its terminator."""
        if line < 1 or line > len(self._starts):
            return ""
        return self._text[self._starts[line - 1]:self._ends[line - 1]]

    def text_between(self, start: int, end: int) -> str:
        return self._text[start:end]

    def lines(self) -> list[tuple[int, int]]:
        """(start, end) offsets of every line, terminators excluded."""
        return list(zip(self._starts, self._ends, strict=True))
