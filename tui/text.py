"""Report text made safe to draw, and the small badges every pane shares.

Everything a report (or a file name) contributes to the screen goes through
:func:`clean` and arrives as :class:`rich.text.Text`, never as markup: a report
that contains ``[bold]``, ``[@click=…]`` or an ANSI escape is shown literally.
"""

from __future__ import annotations

import re

from rich.text import Text

from nianbao.parser.outputs.safe import pictured

_LINE_BREAKS = re.compile(r"\r\n|\r|\n")


def clean_source(text: str) -> str:
    """The text with every unsafe character (the one table, :mod:`nianbao.parser.outputs.safe`)
    replaced one-for-one.

    Line breaks and tabs stay, so lines and character columns are exactly those of
    the original and :meth:`Report.position` still points at the right place.
    """
    return pictured(text)


def clean(text: str) -> str:
    """One line of display text: unsafe characters replaced, line breaks and tabs as spaces."""
    return pictured(_LINE_BREAKS.sub(" ", text)).replace("\t", " ")


SEVERITY_LETTER = {"error": "E", "warning": "W", "info": "I"}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
BADGE_WIDTH = 5


def badge(errors: int, warnings: int, *, unreadable: bool = False, pending: bool = False,
          width: int = BADGE_WIDTH) -> Text:
    """``2E 1W`` / ``✓`` / ``✗`` / ``…``, right-aligned in a fixed width so names line up."""
    text = Text(end="", no_wrap=True)
    if pending:
        text.append("…", "dim")
    elif unreadable:
        text.append("✗", "bold red")
    elif not errors and not warnings:
        text.append("✓", "green")
    else:
        parts: list[tuple[str, str]] = []
        if errors:
            parts.append((f"{_count(errors)}E", SEVERITY_STYLE["error"]))
        if warnings:
            parts.append((f"{_count(warnings)}W", SEVERITY_STYLE["warning"]))
        for index, (part, style) in enumerate(parts):
            if index:
                text.append(" ")
            text.append(part, style)
    text.pad_left(max(0, width - text.cell_len))
    return text


def _count(number: int) -> str:
    return str(number) if number < 100 else "99+"
