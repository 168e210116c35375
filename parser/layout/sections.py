"""The six sections: find their headings in order, tell them from look-alike table rows.

Table 3 has rows that look like headings (``一、本年新收…``, ``三、本年度办理结果``,
``四、结转下年度继续办理``), and reports number sub-headings the same way
(``三、下步打算`` inside section 5). A heading opens a section only when its number
comes after the current one and its words name that section; a numbered
heading-like line that repeats or goes backwards is recorded as an anomaly (S003).

A heading is its words, not its line: on a page flattened to one line (and on a
line such as ``一、总体情况 2023年，本机关…``) the paragraph after a heading is not
part of it. The heading ends where a wording of the template ends, else at the
first punctuation, space or digit. A heading that says, in the template's own
words, which section it is (``一、主动公开政府信息情况`` after ``一、总体情况``) opens
that section whatever its number: the report renumbered its sections, and its
number is an anomaly only when it repeats or goes backwards among the headings'
own numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from nianbao.parser.model.report import HeadingAnomaly, Section
from nianbao.parser.reading.lines import Line
from nianbao.parser.reading.normalize import key_of_normalized
from nianbao.parser.template import CHINESE_NUMERALS, SECTIONS

# Markdown (``## 二、…``) and bold (``**二、…**``) markers may wrap a heading.
_HEADING = re.compile(r"^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*([一二三四五六七八九十])\s*[、,.．]\s*(?=\S)")
_CLOSING = re.compile(r"\s*(?:\*\*|__)\s*$")
# Table-3 row labels that start like section headings.
_TABLE_ROW_PREFIXES = ("本年新收", "上年结转", "本年度办", "结转下年", "本年度政府信息公开申请")
# What a table label cut by a line wrap leaves (``三、本年`` / ``度办理结果``): a piece
# of a table-3 label is neither a heading nor an anomaly.
_TABLE_LABEL_KEYS = ("本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "本年度办理结果",
                     "结转下年度继续办理")
_MAX_HEADING_KEY = 40
# Where a heading's words stop when no wording of the template ends them.
_STOP = re.compile(r"[\s。；;：:，,！!？?0-9]")
_STOP_SPACED = re.compile(r"[。；;：:，,！!？?0-9]|\s{3,}")
# A heading written with a space after every character (PDFs): ``三 、本 年 度``.
_LETTER_SPACED = re.compile(r"^(?:\S\s+){3}")
_ENDING_WORDS = re.compile(r"情况|事项|措施|打算|概述|方向")
_LONG_HEADING = 30


@dataclass(frozen=True, slots=True)
class Layout:
    sections: tuple[Section, ...]
    anomalies: tuple[HeadingAnomaly, ...]


@cache
def _wordings() -> dict[str, int]:
    """Every wording of a heading (standard and variants) without its numeral → section."""
    out: dict[str, int] = {}
    for spec in SECTIONS:
        for text in (spec.standard, *spec.variants):
            out[key_of_normalized(text.split("、", 1)[1])] = spec.number
    return out


@cache
def _wording_prefixes() -> frozenset[str]:
    return frozenset(key[:n] for key in _wordings() for n in range(1, len(key) + 1))


@cache
def _char_key(ch: str) -> str:
    return key_of_normalized(ch)


def heading_words(rest: str) -> tuple[int, int | None]:
    """(length, section) of the heading's words at the start of ``rest`` (normalised).

    ``section`` is the section a template wording names, when the words are one.
    """
    wordings = _wordings()
    prefixes = _wording_prefixes()
    key = ""
    best: tuple[int, int | None] = (0, None)
    for index, ch in enumerate(rest):
        part = _char_key(ch)
        if not part:
            if key:
                continue
            break
        key += part
        if key not in prefixes:
            break
        if key in wordings:
            best = (index + 1, wordings[key])
    if best[1] is not None:
        return best
    stop = (_STOP_SPACED if _LETTER_SPACED.match(rest) else _STOP).search(rest)
    end = stop.start() if stop is not None else len(rest)
    if end > _LONG_HEADING:
        # No punctuation to end it: the first word a heading ends with does
        # (``五、…存在的主要问题及改进情况存在的问题主要有…``).
        ending = _ENDING_WORDS.search(rest, 0, end)
        end = ending.end() if ending is not None else _LONG_HEADING
    return end, None


def _section_for(number: int, key: str) -> bool:
    if not 1 <= number <= len(SECTIONS):
        return False
    head = key[:24]
    return any(word in head for word in SECTIONS[number - 1].keywords)


def _table_fragment(key: str, shortest: int = 2) -> bool:
    if key.startswith(_TABLE_ROW_PREFIXES):
        return True
    return len(key) >= shortest and any(label.startswith(key) for label in _TABLE_LABEL_KEYS)


@dataclass(frozen=True, slots=True)
class _Heading:
    number: int  # the heading's own number
    named: int | None  # the section its words name in the template's wording
    key: str
    line_key: str  # the whole line's words after the number
    start: int  # offsets in the original text
    end: int
    raw: str
    # Where its line starts: the section before ends there, so the spaces that indent
    # a heading do not put its line into the previous section.
    line_start: int


def _heading_at(line: Line) -> _Heading | None:
    match = _HEADING.match(line.text)
    if match is None:
        return None
    number = CHINESE_NUMERALS.index(match.group(1)) + 1
    rest = line.text[match.end():]
    length, named = heading_words(rest)
    words = rest[:length]
    closing = _CLOSING.match(rest, length)
    if closing is not None:
        length = closing.end()
    key = key_of_normalized(words)
    first = len(line.text) - len(line.text.lstrip())
    start = line.offset(first)
    end = line.offset(match.end() + length - 1) + 1
    raw = line.raw[start - line.start:end - line.start].rstrip()
    return _Heading(
        number, named, key, key_of_normalized(rest), start, start + len(raw), raw, line.start)


_NUMERALS = frozenset(CHINESE_NUMERALS)


def _first_char(text: str) -> str:
    """The first character after white space and markdown marks (``## ``, ``**``)."""
    while True:
        stripped = text.lstrip().lstrip("#*_")
        if stripped == text:
            return text[:1]
        text = stripped


def find_sections(lines: list[Line]) -> Layout:
    found: list[_Heading] = []
    anomalies: list[HeadingAnomaly] = []
    current = 0  # the section in force
    own = 0  # its heading's own number
    for line in lines:
        # A heading starts with its numeral (after markdown marks): most lines are
        # told apart by their first character, without the pattern.
        first = line.text.lstrip()[:1]
        if first not in _NUMERALS and (first not in ("#", "*", "_")
                                       or _first_char(line.text) not in _NUMERALS):
            continue
        heading = _heading_at(line)
        if heading is None:
            continue
        number, key = heading.number, heading.key
        # ``三 、本 年 度办 理 结果`` (pdftotext -layout): the words stop at the first
        # space, so the table label is seen in the whole line's words.
        # A whole line that is the start of a table label (``三、本``, a converter's
        # wrap of 三、本年度办理结果) is a fragment however short.
        if not key or _table_fragment(key) or _table_fragment(heading.line_key, 1):
            continue
        if "\t" in line.raw.strip() or "|" in line.raw:
            continue
        if heading.named is not None and heading.named > current:
            section = heading.named
        elif _section_for(number, key) and number > current:
            section = number
        else:
            section = 0
        if section:
            if own and number <= own and section != number:
                # Renumbered, and its own number repeats or goes backwards.
                anomalies.append(_anomaly(heading, own, current))
            found.append(heading if section == number else _Heading(
                section, section, key, heading.line_key, heading.start, heading.end, heading.raw,
                heading.line_start))
            current, own = section, number
        elif own and number <= own and len(heading.line_key) <= _MAX_HEADING_KEY:
            anomalies.append(_anomaly(heading, own, current))
    sections: list[Section] = []
    for index, heading in enumerate(found):
        end = found[index + 1].line_start if index + 1 < len(found) else (
            lines[-1].end if lines else 0)
        sections.append(Section(
            number=heading.number,
            heading=heading.raw,
            start=heading.start,
            heading_end=heading.end,
            end=end,
            standard=heading.key == key_of_normalized(
                SECTIONS[heading.number - 1].standard.split("、", 1)[1]),
        ))
    return Layout(tuple(sections), tuple(anomalies))


def _anomaly(heading: _Heading, own: int, current: int) -> HeadingAnomaly:
    return HeadingAnomaly(
        number=heading.number,
        heading=heading.raw,
        start=heading.start,
        kind="repeat" if heading.number == own else "backwards",
        previous=current,
    )
