"""A finding: one inconsistency, explained, with the exact place in the source.

Positions are offsets into the report's original text, like every position in
the model; output formats turn them into line:column through the report's
:class:`~nianbao.parser.reading.positions.LineIndex`.
"""

from __future__ import annotations

from typing import Literal

from nianbao.parser.model.refs import CellRef
from nianbao.parser.model.report import Frozen

Severity = Literal["error", "warning", "info"]

# A finding's size must not follow the size of the text it is about (a heading that
# swallowed a one-line page, a cell of text): messages quote at most this much.
MAX_MESSAGE = 400
MAX_RELATED = 160
_ELLIPSIS = "…"


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters in the middle (``head…tail``) when longer."""
    if len(text) <= limit:
        return text
    head = (limit - 1) * 2 // 3
    tail = limit - 1 - head
    return f"{text[:head]}{_ELLIPSIS}{text[len(text) - tail:]}"
SEVERITY_RANK: dict[Severity, int] = {"error": 0, "warning": 1, "info": 2}


class Related(Frozen):
    """Another place that takes part, with its own short message (``一、本年新收 = 3``)."""

    start: int
    end: int
    message: str
    cell: CellRef | None = None  # when the place is a cell
    # Set only when the place is in another file (the previous year's report, Y rules).
    path: str | None = None


class Finding(Frozen):
    code: str  # e.g. ``A002``
    severity: Severity
    message: str  # one line, self-contained, naming the numbers
    path: str
    start: int | None  # primary place: the cell or heading at fault; None: the whole file
    end: int | None
    related: tuple[Related, ...] = ()
    help: str = ""
    # The cells that take part, so views can colour them.
    cells: tuple[CellRef, ...] = ()

