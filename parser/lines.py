"""The text as physical lines, each with its offsets and its normalised form."""

from __future__ import annotations

import re
from dataclasses import dataclass

from parser.normalize import NormalizedText, normalize

_BREAK = re.compile(r"\r\n|\r|\n")


# Not frozen: thousands are made per report and frozen dataclasses are slow to build.
# Nothing changes a line after split_lines.
@dataclass(slots=True)
class Line:
    number: int  # 1-based
    start: int  # offset of the line's first character in the original text
    end: int  # offset of its terminator (or the end of the text)
    raw: str
    text: str  # normalised
    blank: bool
    # Only set when normalisation changed the line's length; otherwise index = offset.
    norm_map: NormalizedText | None = None

    def offset(self, norm_index: int) -> int:
        """Offset in the original text of an index into the normalised line."""
        if self.norm_map is None:
            return self.start + norm_index
        return self.start + self.norm_map.to_original(norm_index)


def split_lines(text: str) -> list[Line]:
    # One pass over the whole text; almost always length-preserving, so each line's
    # normalised form is a slice and its position map the identity.
    whole = normalize(text)
    same_length = len(whole.text) == len(text)
    lines: list[Line] = []
    start = 0
    number = 1
    ends = [(m.start(), m.end()) for m in _BREAK.finditer(text)]
    if not ends or ends[-1][1] < len(text):
        ends.append((len(text), len(text)))
    for end, after in ends:
        raw = text[start:end]
        if same_length:
            norm_text = whole.text[start:end]
            norm_map = None
        else:
            norm = normalize(raw)
            norm_text = norm.text
            norm_map = norm if len(norm.text) != len(raw) else None
        lines.append(Line(number, start, end, raw, norm_text, not norm_text.strip(), norm_map))
        start = after
        number += 1
    return lines
