"""The report's prose as sentences, each inside one section and one paragraph.

The narrative rules (X) compare what sentences state with the tables, and the
cross-year rule Y004 compares sentences with last year's; both read the prose as
split here, once per report. Lines that hold table rows are never prose.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from nianbao.parser.model.report import Report
from nianbao.parser.reading.normalize import normalize

_SENTENCE_END = "。!?;"
_HARD_END = "。!?;:"
_SOFT_LINE = 20  # a shorter line without final punctuation is a heading or a list item
_ITEM_START = re.compile(r"^\s*(?:[(（]?[一二三四五六七八九十]{1,3}[)）、.．]|[(（]\d{1,2}[)）]|\d{1,2}[、.．](?!\d))")


class _Runs:
    """Where each character of a paragraph's text came from, as runs of consecutive offsets.

    Run ``k`` starts at text index ``texts[k]`` and original offset ``origins[k]``
    and goes on one for one up to the next run: one run per word, not one entry
    per character, so a paragraph of megabytes stays cheap.
    """

    __slots__ = ("origins", "texts")

    def __init__(self) -> None:
        self.texts: list[int] = []
        self.origins: list[int] = []

    def add(self, text_index: int, origin: int) -> None:
        texts = self.texts
        if texts and origin - self.origins[-1] == text_index - texts[-1]:
            return  # continues the last run
        texts.append(text_index)
        self.origins.append(origin)

    def origin(self, text_index: int) -> int:
        run = bisect_right(self.texts, text_index) - 1
        return self.origins[run] + text_index - self.texts[run]


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str  # normalised, white space between words removed
    # The paragraph's offset map, shared by its sentences; ``text`` starts at
    # index ``base`` of the paragraph.
    runs: _Runs
    base: int
    section: int  # 0: before section 一
    paragraph: int
    previous: str = ""  # the sentence before, in the same paragraph

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of ``text[start:end]``."""
        return (self.runs.origin(self.base + start),
                self.runs.origin(self.base + max(start, end - 1)) + 1)


_TOKEN = re.compile(r"\S+")


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@dataclass(slots=True)
class _Chunk:
    parts: list[str] = field(default_factory=list)
    runs: _Runs = field(default_factory=_Runs)
    length: int = 0  # characters in ``parts``
    last: str = ""  # the last character added

    def add_line(self, norm: str, base: int, to_original: Callable[[int], int] | None) -> None:
        """Add a normalised line, white space removed (kept between two ASCII words)."""
        parts, runs = self.parts, self.runs
        length = self.length
        for match in _TOKEN.finditer(norm):
            token = match.group()
            begin = match.start()
            if self.last and _ascii_alnum(self.last) and _ascii_alnum(token[0]):
                parts.append(" ")
                runs.add(length, base + (begin if to_original is None else to_original(begin)) - 1)
                length += 1
            parts.append(token)
            if to_original is None:
                runs.add(length, base + begin)
            else:
                for i in range(len(token)):
                    runs.add(length + i, base + to_original(begin + i))
            length += len(token)
            self.last = token[-1]
        self.length = length


def sentences(report: Report) -> list[Sentence]:
    """The report's prose as sentences, each inside one section and one paragraph."""
    skip = table_lines(report)
    index = report.line_index
    text = report.text
    whole = report.normalized
    # Almost always one character for one: slices of the whole are the lines.
    same = len(whole.text) == len(text)
    out: list[Sentence] = []
    chunk = _Chunk()
    chunk_section = -1
    paragraph = 0
    hard_end = True
    bounds = [s.start for s in report.sections]
    numbers = [s.number for s in report.sections]
    spans = table_spans(report)

    def flush() -> None:
        nonlocal chunk, paragraph
        if chunk.parts:
            _split(chunk, chunk_section, paragraph, out)
            paragraph += 1
        chunk = _Chunk()

    section_index = -1
    for line_number, (start, end) in enumerate(index.lines(), start=1):
        while section_index + 1 < len(bounds) and bounds[section_index + 1] <= start:
            section_index += 1
        section = numbers[section_index] if section_index >= 0 else 0
        if _CRAWLER_LINE.match(text, start, end):
            # A crawler's or a page's own labels (标题：, 发布时间：, 原文链接：): not prose.
            flush()
            hard_end = True
            continue
        if line_number in skip:
            flush()
            hard_end = True
            if same and end - start > _LONG_LINE:
                # A page on one line: its tables are only parts of the line; the prose
                # around them is still the report's (Y004 and the X rules need it).
                cuts = [b for b in bounds if start < b < end]
                for first, last in _outside(spans, start, end):
                    for begin, stop in _outside([(c, c) for c in cuts], first, last):
                        if not whole.text[begin:stop].strip():
                            continue
                        at = bisect_right(bounds, begin) - 1
                        chunk_section = numbers[at] if at >= 0 else 0
                        chunk.add_line(whole.text[begin:stop], begin, None)
                        flush()
            continue
        if same:
            norm = whole.text[start:end]
            to_original = None
        else:
            line = normalize(text[start:end])
            norm, to_original = line.text, line.to_original
        stripped = norm.strip()
        if not stripped:
            continue
        if section != chunk_section or hard_end or _ITEM_START.match(norm):
            flush()
            chunk_section = section
        chunk.add_line(norm, start, to_original)
        hard_end = len(stripped) < _SOFT_LINE or stripped[-1] in _HARD_END
    flush()
    return out


def _split(chunk: _Chunk, section: int, paragraph: int, out: list[Sentence]) -> None:
    text = "".join(chunk.parts)
    previous = ""
    begin = 0
    for match in _SENTENCE_SPLIT.finditer(text):
        stop = match.end()
        sentence = text[begin:stop]
        if sentence:
            out.append(Sentence(sentence, chunk.runs, begin, section, paragraph, previous))
            previous = sentence
        begin = stop


_SENTENCE_SPLIT = re.compile(r"[^。!?;]*(?:[。!?;]|$)")


_LONG_LINE = 300
_CRAWLER_LINE = re.compile(
    r"\s*(?:标题|发布时间|发布日期|文号|发布机构|栏目|原文链接|本地目录|页面链接|来源|采集时间|单位|索引号"
    r"|主题分类|成文日期|公开日期)\s*[:：]|\s*=+\s*正文\s*=+\s*$")


def table_spans(report: Report) -> list[tuple[int, int]]:
    """Each table's extent in the text: from its first row or cell to its last cell."""
    spans = []
    for table in report.tables.values():
        starts = [cell.start for cell in table.cells.values()]
        ends = [cell.end for cell in table.cells.values()]
        for row in table.rows:
            starts.append(row.start)
            ends.append(row.start + 1)
            if row.label_start is not None:
                starts.append(row.label_start)
            if row.glued_start is not None and row.glued is not None:
                ends.append(row.glued_start + len(row.glued))
        if starts:
            spans.append((min(starts), max(ends)))
    return sorted(spans)


def _outside(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The parts of ``[start, end)`` that no span covers."""
    out = []
    at = start
    for first, last in spans:
        if last < at or first >= end:
            continue
        if first > at:
            out.append((at, first))
        at = max(at, last)
    if at < end:
        out.append((at, end))
    return out


def table_lines(report: Report) -> set[int]:
    """1-based numbers of the lines that hold table cells, row labels or table rows.

    Lines laid out as table rows (tab- or pipe-separated) count too, so the
    narrative rules never read a table as prose.
    """
    index = report.line_index
    offsets: list[int] = []
    for table in report.tables.values():
        offsets.extend(cell.start for cell in table.cells.values())
        for row in table.rows:
            offsets.append(row.start)
            if row.label_start is not None:
                offsets.append(row.label_start)
        offsets.extend(stray.start for stray in table.stray_rows)
    lines = index.lines_of(offsets)
    text = report.text
    if "\t" not in text and "|" not in text:
        return lines
    for number, (start, end) in enumerate(index.lines(), start=1):
        line = text[start:end]
        if ("\t" in line or "|" in line) and (
                line.startswith("\t") or line.count("\t") >= 2 or line.count("|") >= 2):
            lines.add(number)
    return lines
