"""Character-level disguises that real extractions put on a report's text.

Every disguise here maps one character to one character, so a column counted
before a disguise is still right after it (the generator records cell positions
while it lays lines out and disguises whole lines afterwards).
"""

from __future__ import annotations

import random
import re
import unicodedata


def _kangxi() -> dict[str, str]:
    """Unified ideograph → Kangxi radical (U+2F00–U+2FD5), the inverse of NFKC."""
    table: dict[str, str] = {}
    for cp in range(0x2F00, 0x2FD6):
        radical = chr(cp)
        target = unicodedata.normalize("NFKC", radical)
        if len(target) == 1:
            table.setdefault(target, radical)
    # NFKC turns ⼾ into the traditional 戶, but PDFs of simplified text use ⼾ for 户
    # (seed 002: 门户网站 → ⻔⼾⽹站); the parser must map it back to 户.
    table.pop("戶", None)
    table["户"] = "\u2f3e"
    return table


KANGXI: dict[str, str] = _kangxi()

# CJK Radicals Supplement (U+2E80–U+2EFF): NFKC leaves these alone, so a parser
# needs its own table. Only the pairs template.md names (all seen in PDFs).
SUPPLEMENT: dict[str, str] = {
    "民": "\u2ea0",  # ⺠
    "门": "\u2ed4",  # ⻔
    "长": "\u2ed3",  # ⻓
    "风": "\u2edb",  # ⻛
    "见": "\u2ec5",  # ⻅
    "车": "\u2ecb",  # ⻋
    "青": "\u2ed8",  # ⻘
    "食": "\u2edd",  # ⻝
    "马": "\u2ee2",  # ⻢
    "页": "\u2eda",  # ⻚
}

RADICAL_CHARS = frozenset(KANGXI.values()) | frozenset(SUPPLEMENT.values())


def pdf_glyphs(text: str, rng: random.Random, rate: float) -> str:
    """Swap ideographs for the radical code points PDF text extraction produces.

    Seed 002 swaps nearly every character that has a radical twin; ``rate`` is the
    share swapped, so a report can also mix both forms of one character.
    """
    out = []
    for ch in text:
        twin = SUPPLEMENT.get(ch) or KANGXI.get(ch)
        out.append(twin if twin is not None and rng.random() < rate else ch)
    return "".join(out)


def undo_pdf_glyphs(text: str) -> str:
    """The reverse mapping, for the generator's own self-tests."""
    back = {v: k for k, v in KANGXI.items()} | {v: k for k, v in SUPPLEMENT.items()}
    return "".join(back.get(ch, ch) for ch in text)


_FULLWIDTH = str.maketrans("0123456789.-", "０１２３４５６７８９．－")


def fullwidth(text: str) -> str:
    """ASCII digits, point and minus → full-width forms (NFKC maps them back)."""
    return text.translate(_FULLWIDTH)


def width(text: str) -> int:
    """Display width as a terminal or ``pdftotext -layout`` counts it: CJK is 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def spaced(text: str, rng: random.Random) -> str:
    """Spaces inside a label, as PDF and Word exports leave them.

    Either every character apart (``尚 未 审 结``) or one break (``本年新 制作数量``).
    """
    # Keep a numbering prefix (``3.``, ``（二）``, ``一、``) whole: ``3 . 其他`` would
    # put a lone number in front of the row's values.
    head = re.match(r"\s*(?:[0-9０-９]+\s*[.．、]|[（(][^）)]*[）)]|[一二三四五六七八九十]+、)\s*", text)
    prefix, body = (text[:head.end()], text[head.end():]) if head else ("", text)
    if len(body) < 2:
        return text
    if len(body) <= 4 and rng.random() < 0.5:
        return prefix + " ".join(body)
    cut = rng.randrange(1, len(body))
    return prefix + body[:cut] + " " + body[cut:]


def ascii_brackets(text: str) -> str:
    """（一） → (一): many exports use ASCII brackets (seeds 001 and 004)."""
    return text.replace("（", "(").replace("）", ")")
