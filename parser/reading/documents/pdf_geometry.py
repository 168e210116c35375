"""Boxes on a PDF page: characters, ruling lines, and the small sums made of them.

Every coordinate is in points from the top-left corner of the page as shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

# (x0, top, x1, bottom)
Box = tuple[float, float, float, float]


class Char(NamedTuple):
    """One character and its box (a tuple: a page holds thousands, made in a loop)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class Rule:
    """A ruling line: horizontal at y = ``at`` from x ``start`` to ``end``, or
    vertical at x = ``at`` from y ``start`` to ``end``."""

    horizontal: bool
    at: float
    start: float
    end: float


def union(boxes: Iterable[Box]) -> Box:
    listed = list(boxes)
    return (min(b[0] for b in listed), min(b[1] for b in listed),
            max(b[2] for b in listed), max(b[3] for b in listed))


def chars_box(chars: Sequence[Char]) -> Box:
    if len(chars) == 1:
        char = chars[0]
        return (char.x0, char.top, char.x1, char.bottom)
    return (min(c.x0 for c in chars), min(c.top for c in chars),
            max(c.x1 for c in chars), max(c.bottom for c in chars))


def rounded(box: Box) -> Box:
    """A box to two decimals: finer than any print, and stable in JSON."""
    return (round(box[0], 2), round(box[1], 2), round(box[2], 2), round(box[3], 2))
