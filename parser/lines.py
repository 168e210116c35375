"""The text as physical lines, each with its offsets and its normalised form."""

from __future__ import annotations

import re
from dataclasses import dataclass

from parser.normalize import NormalizedText, normalize

_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based
    start: int  # offset of the line's first character in the original text
    end: int  # offset of its terminator (or the end of the text)
    raw: str
    norm: NormalizedText

    @property
    def text(self) -> str:
        """The normalised line."""
        return self.norm.text

    def offset(self, norm_index: int) -> int:
        """Offset in the original text of an index into the normalised line."""
        return self.start + self.norm.to_original(norm_index)

    @property
    def blank(self) -> bool:
        return not self.norm.text.strip()


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    start = 0
    number = 1
    for match in _BREAK.finditer(text):
        raw = text[start:match.start()]
        lines.append(Line(number, start, match.start(), raw, normalize(raw)))
        start = match.end()
        number += 1
    if start < len(text) or not lines:
        raw = text[start:]
        lines.append(Line(number, start, len(text), raw, normalize(raw)))
    return lines
