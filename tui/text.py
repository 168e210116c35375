"""Report text made safe to draw, and the small badges every pane shares.

Everything a report (or a file name) contributes to the screen goes through
:func:`clean` and arrives as :class:`rich.text.Text`, never as markup: a report
that contains ``[bold]``, ``[@click=…]`` or an ANSI escape is shown literally.
"""

from __future__ import annotations

import re

from rich.text import Text

from nianbao.parser.i18n import N_, _
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


# One letter (in Chinese one character: 错 警 提, as the overview's columns) for a
# severity, in badges, counts and before each finding. Message ids: see severity_letter.
SEVERITY_LETTER = {"error": N_("E"), "warning": N_("W"), "info": N_("I")}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
BADGE_WIDTH = 5


def severity_letter(severity: str) -> str:
    """The severity's letter in the current language (a CJK character is two cells
    wide: whoever lines letters up measures them with ``cell_len``)."""
    return _(SEVERITY_LETTER[severity])


def badge_width() -> int:
    """The cells a usual badge takes (``2E 1W``; ``2错 1警`` in Chinese): the picker's
    badge column is at least this wide, so the first badges move no name."""
    return badge(2, 1, width=0).cell_len


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
            parts.append((f"{_count(errors)}{severity_letter('error')}", SEVERITY_STYLE["error"]))
        if warnings:
            parts.append((f"{_count(warnings)}{severity_letter('warning')}",
                          SEVERITY_STYLE["warning"]))
        for index, (part, style) in enumerate(parts):
            if index:
                text.append(" ")
            text.append(part, style)
    text.pad_left(max(0, width - text.cell_len))
    return text


def _count(number: int) -> str:
    return str(number) if number < 100 else "99+"
