"""Normalisation for matching labels and numbers, with a map back to the original.

Reports come out of PDFs and web pages with full-width digits, Kangxi radicals
(``⼀`` for ``一``), CJK-radicals-supplement characters NFKC leaves alone (``⺠``),
U+3000 and zero-width spaces, and headings in traditional characters (``總體情況``,
:mod:`nianbao.parser.reading.traditional`). Matching runs on the normalised text; positions are
always reported in the original.

Almost every change is one character for one character, so the normalised text
usually has the same length as the original and the position map is the
identity. The few characters whose NFKC form is longer (``㈠`` → ``(一)``) are
recorded as sparse markers, as ruff's ``SourceMap`` does, so offsets still map back.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from nianbao.parser.reading.radicals import RADICALS_SUPPLEMENT
from nianbao.parser.reading.traditional import TRADITIONAL

# Blocks where NFKC or the radical table changes characters that reports use.
_SCAN_RANGES = (
    (0x00A0, 0x00FF),
    (0x2000, 0x206F),
    (0x2100, 0x218F),
    (0x2460, 0x24FF),
    (0x2E80, 0x2FDF),
    (0x3000, 0x303F),
    (0x3200, 0x33FF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE6F),
    (0xFF00, 0xFFEF),
)
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
# Bidi controls must not reorder what a reviewer sees; for matching they are spaces.
_BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# NFKC turns the Kangxi radical DOOR into traditional 戶; these reports are simplified.
_SIMPLIFIED_OVERRIDE = {0x2F3E: 0x6237}


def _build_tables() -> tuple[dict[int, str], dict[str, str]]:
    one: dict[int, str] = {}
    multi: dict[str, str] = {}
    for lo, hi in _SCAN_RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            if cp in _SIMPLIFIED_OVERRIDE:
                one[cp] = chr(_SIMPLIFIED_OVERRIDE[cp])
                continue
            if cp in RADICALS_SUPPLEMENT:
                one[cp] = chr(RADICALS_SUPPLEMENT[cp])
                continue
            norm = unicodedata.normalize("NFKC", ch)
            if norm == ch:
                continue
            if len(norm) == 1:
                one[cp] = norm
            elif norm.strip():
                multi[ch] = norm
            else:
                one[cp] = " "
    for ch in _SPACES + _ZERO_WIDTH + _BIDI:
        one[ord(ch)] = " "
    for cp, simplified in TRADITIONAL.items():
        one.setdefault(cp, chr(simplified))
    # Curly quotes and dashes vary between extractions of the same label.
    for ch in "“”„‟":
        one[ord(ch)] = '"'
    for ch in "‘’‚‛":
        one[ord(ch)] = "'"
    return one, multi


_ONE_TO_ONE, _MULTI = _build_tables()


def _char_class(codepoints: Iterable[int]) -> str:
    """A regex character class of ``codepoints``, as ranges."""
    runs: list[list[int]] = []
    for cp in sorted(codepoints):
        if runs and runs[-1][1] == cp - 1:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp])
    return "[" + "".join(re.escape(chr(lo)) if lo == hi
                         else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in runs) + "]"


# str.translate looks every character up in the table, one Python int at a time;
# a regex finds the few that change (a report's full-width punctuation) in C.
_CHANGED_RE = re.compile(_char_class(_ONE_TO_ONE))
_REPLACEMENT = {chr(cp): repl for cp, repl in _ONE_TO_ONE.items()}


_MULTI_RE = re.compile(_char_class(ord(ch) for ch in _MULTI)) if _MULTI else None


def _replace(match: re.Match[str]) -> str:
    return _REPLACEMENT[match.group()]


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """``text`` normalised; ``to_original`` maps an index in it back to the source."""

    text: str
    # (normalised start, original index, normalised length) of each expansion.
    _markers: tuple[tuple[int, int, int], ...] = ()

    def to_original(self, index: int) -> int:
        if not self._markers:
            return index
        pos = bisect_right(self._markers, (index, 1 << 62, 0)) - 1
        if pos < 0:
            return index
        norm_start, orig, length = self._markers[pos]
        if index < norm_start + length:
            return orig
        return orig + 1 + (index - norm_start - length)


def normalize(original: str) -> NormalizedText:
    """NFKC, radicals and spaces normalised; see the module docstring."""
    text = _CHANGED_RE.sub(_replace, original)
    if _MULTI_RE is None or _MULTI_RE.search(text) is None:
        return NormalizedText(text)
    parts: list[str] = []
    markers: list[tuple[int, int, int]] = []
    last = 0
    out_len = 0
    for match in _MULTI_RE.finditer(text):
        i = match.start()
        parts.append(text[last:i])
        out_len += i - last
        repl = _MULTI[match.group()]
        markers.append((out_len, i, len(repl)))
        parts.append(repl)
        out_len += len(repl)
        last = i + 1
    parts.append(text[last:])
    return NormalizedText("".join(parts), tuple(markers))


def normalize_char_text(original: str) -> str:
    """The normalised form of a short string (labels, cells), without a map."""
    return normalize(original).text


_KEY_DROP = re.compile(r"[^0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def match_key(text: str) -> str:
    """A label reduced to letters, digits and ideographs, for comparisons.

    ``（三） 不予 公开`` and ``(三)不予公开`` both become ``三不予公开``.
    """
    return _KEY_DROP.sub("", normalize_char_text(text))


def key_of_normalized(text: str) -> str:
    """:func:`match_key` for text that is already normalised (the parser's fields)."""
    return _KEY_DROP.sub("", text)
