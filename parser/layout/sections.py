"""The six sections: find their headings in order, tell them from look-alike table rows.

Table 3 has rows that look like headings (``一、本年新收…``, ``三、本年度办理结果``,
``四、结转下年度继续办理``), and reports number sub-headings the same way
(``三、下步打算`` inside section 5). A heading opens a section only when its number
comes after the current one and its words name that section; a numbered
heading-like line that repeats or goes backwards is recorded as an anomaly (S003).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nianbao.parser.model.report import HeadingAnomaly, Section
from nianbao.parser.reading.lines import Line
from nianbao.parser.reading.normalize import key_of_normalized, match_key
from nianbao.parser.template import CHINESE_NUMERALS, SECTIONS

# Markdown (``## 二、…``) and bold (``**二、…**``) markers may wrap a heading.
_HEADING = re.compile(r"^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*([一二三四五六七八九十])\s*[、,.．]\s*(\S.*?)(?:\*\*|__)?\s*$")
# Table-3 row labels that start like section headings.
_TABLE_ROW_PREFIXES = ("本年新收", "上年结转", "本年度办", "结转下年", "本年度政府信息公开申请")
_MAX_HEADING_KEY = 40


@dataclass(frozen=True, slots=True)
class Layout:
    sections: tuple[Section, ...]
    anomalies: tuple[HeadingAnomaly, ...]


def _standard_keys() -> dict[int, str]:
    return {spec.number: match_key(spec.standard) for spec in SECTIONS}


_STANDARD = _standard_keys()


def _section_for(number: int, key: str) -> bool:
    if not 1 <= number <= len(SECTIONS):
        return False
    head = key[:24]
    return any(word in head for word in SECTIONS[number - 1].keywords)


def find_sections(lines: list[Line]) -> Layout:
    found: list[tuple[int, Line]] = []
    anomalies: list[HeadingAnomaly] = []
    current = 0
    for line in lines:
        match = _HEADING.match(line.text)
        if match is None:
            continue
        number = CHINESE_NUMERALS.index(match.group(1)) + 1
        key = key_of_normalized(match.group(2))
        if not key or key.startswith(_TABLE_ROW_PREFIXES):
            continue
        if "\t" in line.raw.strip() or "|" in line.raw:
            continue
        names_section = _section_for(number, key)
        if names_section and number > current:
            found.append((number, line))
            current = number
        elif current and number <= current and len(key) <= _MAX_HEADING_KEY:
            anomalies.append(HeadingAnomaly(
                number=number,
                heading=line.raw.strip(),
                start=line.start + _lead(line.raw),
                kind="repeat" if number == current else "backwards",
                previous=current,
            ))
    sections: list[Section] = []
    for index, (number, line) in enumerate(found):
        end = found[index + 1][1].start if index + 1 < len(found) else (
            lines[-1].end if lines else 0)
        heading = line.raw.strip()
        sections.append(Section(
            number=number,
            heading=heading,
            start=line.start + _lead(line.raw),
            heading_end=line.end,
            end=end,
            standard=match_key(heading) == _STANDARD[number],
        ))
    return Layout(tuple(sections), tuple(anomalies))


def _lead(raw: str) -> int:
    return len(raw) - len(raw.lstrip())
