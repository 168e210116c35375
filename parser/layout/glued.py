"""Cells run together when a table lost its separators: ``规范性文件7777166``.

A run with exactly as many digits as cells is unambiguous. Otherwise every way of
cutting it into the row's cells is tried, and the template's own identities (a
row's total is the sum of its applicant columns; a group's total is the sum of
its results) keep the ones that can be right. One survivor is read; several are
shown to the user instead of guessed between.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import combinations

from nianbao.parser.layout.fields import Field

_GLUED = re.compile(r"^(.*?[^\d.,\s])\s*(\d{2,})$")
# Past this many digits the ways to cut explode and no reader would trust a pick.
_MAX_DIGITS = 24
_MAX_CANDIDATES = 50_000

Check = Callable[[list[int]], bool]


def split_glued(field: Field) -> tuple[str, str] | None:
    """(label, digits) when a label field ends in a run of digits."""
    match = _GLUED.match(field.text)
    if match is None:
        return None
    return match.group(1), match.group(2)


def _cuts(digits: str, parts: int) -> Iterator[list[str]]:
    for points in combinations(range(1, len(digits)), parts - 1):
        bounds = (0, *points, len(digits))
        pieces = [digits[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
        # ``07`` is no way to write seven.
        if all(len(p) == 1 or p[0] != "0" for p in pieces):
            yield pieces


def candidates(digits: str, parts: int, check: Check | None) -> list[list[str]]:
    """The ways to cut ``digits`` into ``parts`` cells that pass ``check``."""
    if parts < 1 or len(digits) < parts or len(digits) > _MAX_DIGITS:
        return []
    if len(digits) == parts:
        return [list(digits)]
    found: list[list[str]] = []
    for count, pieces in enumerate(_cuts(digits, parts)):
        if count > _MAX_CANDIDATES:
            break
        if check is None or check([int(p) for p in pieces]):
            found.append(pieces)
    return found


def digit_fields(field: Field, digits: str, pieces: list[str]) -> list[Field]:
    """Fields for the pieces, each at its own offset inside the glued field."""
    begin = field.start + len(field.raw) - len(digits)
    out: list[Field] = []
    for piece in pieces:
        out.append(Field(piece, piece, begin, field.line))
        begin += len(piece)
    return out


def row_total_check(values: list[int]) -> bool:
    """Table 3: the last cell (总计) is the sum of the six applicant columns."""
    return values[-1] == sum(values[:-1])


def review_check(values: list[int]) -> bool:
    """Table 4: in each of the three groups, 总计 is the sum of the four results."""
    return all(values[g + 4] == sum(values[g:g + 4]) for g in range(0, 15, 5))
