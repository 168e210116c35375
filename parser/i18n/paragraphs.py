"""Long texts (the rules' explanations) translated paragraph by paragraph.

A rule's explanation is its docstring, in markdown. The catalog holds it in
units a translator can take one at a time: each ``## heading``, each prose
paragraph with its lines joined by single spaces (so the one-line help of a
finding, the first paragraph of "How to fix", is the same message id), and each
fenced example block as it is. ``scripts/update_catalogs.py`` extracts exactly
these units; :func:`translate_paragraphs` looks each one up.
"""

from __future__ import annotations

from collections.abc import Callable

from nianbao.parser.i18n.catalog import gettext

FENCE = "```"


def paragraphs(text: str) -> list[str]:
    """The units of ``text``, in order: headings, prose paragraphs, fenced blocks."""
    units: list[str] = []
    prose: list[str] = []
    fence: list[str] | None = None

    def flush() -> None:
        if prose:
            units.append(" ".join(" ".join(prose).split()))
            prose.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if fence is not None:
            fence.append(line)
            if stripped.startswith(FENCE):
                units.append("\n".join(fence))
                fence = None
            continue
        if stripped.startswith(FENCE):
            flush()
            fence = [line]
        elif stripped.startswith("#"):
            flush()
            units.append(stripped)
        elif not stripped:
            flush()
        else:
            prose.append(stripped)
    flush()
    if fence is not None:
        units.append("\n".join(fence))  # an unclosed block: kept whole
    return units


def translate_paragraphs(text: str, translate: Callable[[str], str] | None = None) -> str:
    """``text`` with every unit translated, units separated by blank lines."""
    lookup = gettext if translate is None else translate
    return "\n\n".join(lookup(unit) for unit in paragraphs(text))
