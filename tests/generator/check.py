"""Comparing what a parser exported with what the generator knows.

Kept apart from the parser on purpose: these helpers read numbers and labels
their own, simple way, so a bug shared with the parser cannot hide itself.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .chars import undo_pdf_glyphs
from .truth import Value

_NUMBER = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(万元|元)?")


def normalise(text: str) -> str:
    """NFKC, radicals back to ideographs, no white space at all."""
    text = undo_pdf_glyphs(text)
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text)


def read_number(raw: str) -> Decimal | None:
    """The value a cell's text stands for, in 万元 for amounts written in 元."""
    match = _NUMBER.match(unicodedata.normalize("NFKC", raw))
    if not match:
        return None
    try:
        value = Decimal(match.group(1))
    except InvalidOperation:
        return None
    if match.group(2) == "元":
        value /= 10000
    return value


def same_value(truth: Value, got: object) -> bool:
    """Truth (int, Decimal or None) against an exported value (int, float or None)."""
    if truth is None or got is None:
        return truth is None and got is None
    if isinstance(got, bool) or not isinstance(got, int | float):
        return False
    return abs(Decimal(str(got)) - Decimal(truth)) <= Decimal("1e-9") * max(1, abs(Decimal(truth)))


@dataclass
class Tally:
    """Right/total counts, plus a few examples of what went wrong."""

    right: int = 0
    total: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, ok: bool, example: str = "") -> None:
        self.total += 1
        if ok:
            self.right += 1
        elif len(self.examples) < 6 and example:
            self.examples.append(example)

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 1.0

    def __str__(self) -> str:
        return f"{self.right}/{self.total} = {100 * self.rate:.2f}%"
