"""Characters into lines of text, found from their boxes alone.

pdfium's own line breaks and spaces follow the content stream, which need not
follow the page; boxes do. A space is written where the gap between two
characters is wide enough to be one; two lines of one paragraph or one cell are
joined without a space between CJK characters (Chinese text has none).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter

from .pdf_geometry import Box, Char, chars_box

# A gap this many line heights wide is a space between words ...
SPACE_GAP = 0.25
# ... and this wide, a gap between columns (cells of a table drawn without rules).
COLUMN_GAP = 1.5


@dataclass(frozen=True, slots=True)
class TextLine:
    chars: tuple[Char, ...]  # left to right
    text: str
    box: Box
    em: float  # the line's usual character height

    @property
    def x0(self) -> float:
        return self.box[0]

    @property
    def top(self) -> float:
        return self.box[1]

    @property
    def x1(self) -> float:
        return self.box[2]

    @property
    def bottom(self) -> float:
        return self.box[3]


def group_lines(chars: Sequence[Char]) -> list[TextLine]:
    """Characters sorted into lines, top to bottom, each left to right."""
    bands: list[list[Char]] = []
    top = bottom = 0.0
    for char in sorted(chars, key=_by_top):
        if bands:
            overlap = (bottom if bottom < char.bottom else char.bottom) - (
                top if top > char.top else char.top)
            height = char.bottom - char.top
            if overlap >= 0.5 * (height if height < bottom - top else bottom - top):
                bands[-1].append(char)
                if char.top < top:
                    top = char.top
                if char.bottom > bottom:
                    bottom = char.bottom
                continue
        bands.append([char])
        top, bottom = char.top, char.bottom
    return [make_line(band) for band in bands]


# Char fields by position: sorting with these runs in C.
_by_top = itemgetter(2)
_by_left = itemgetter(1)


def make_line(chars: Sequence[Char]) -> TextLine:
    ordered = tuple(sorted(chars, key=_by_left))
    if len(ordered) == 1:
        char = ordered[0]
        return TextLine(ordered, char.text, (char.x0, char.top, char.x1, char.bottom),
                        char.bottom - char.top)
    heights = sorted([c.bottom - c.top for c in ordered])
    em = heights[len(heights) // 2]
    return TextLine(ordered, _text(ordered, em), chars_box(ordered), em)


def _text(chars: Sequence[Char], em: float) -> str:
    parts: list[str] = []
    previous: Char | None = None
    for char in chars:
        if previous is not None and char.x0 - previous.x1 > SPACE_GAP * em:
            parts.append(" ")
        parts.append(char.text)
        previous = char
    return "".join(parts)


def split_columns(line: TextLine, gap_em: float = COLUMN_GAP) -> list[TextLine]:
    """The line cut where its gaps are as wide as a column gap (``gap_em`` line
    heights)."""
    gap = gap_em * line.em
    chars = line.chars
    cuts = [i for i in range(1, len(chars)) if chars[i].x0 - chars[i - 1].x1 > gap]
    if not cuts:
        return [line]
    bounds = [0, *cuts, len(chars)]
    return [make_line(chars[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


_NUMBER = re.compile(r"[-+]?[\d０-９][\d０-９,，.．]*\s*(?:万元|元|%|％|件|条|个)?")


def is_number(text: str) -> bool:
    """A cell's text that is a number (what a table's value cells hold)."""
    return _NUMBER.fullmatch(text.strip()) is not None


def _wide(ch: str) -> bool:
    """A CJK (wide) character: no space around it when lines are joined."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def join_wrapped(first: str, second: str) -> str:
    """Two pieces of one wrapped paragraph or cell as one piece of text."""
    if not first or not second:
        return first + second
    a, b = first[-1], second[0]
    if _wide(a) or _wide(b) or a in "-/（(“‘" or b in "）)”’，。；：、,.;:%":
        return first + second
    return f"{first} {second}"


def joined(lines: Sequence[TextLine]) -> str:
    text = ""
    for line in lines:
        text = join_wrapped(text, line.text)
    return text
