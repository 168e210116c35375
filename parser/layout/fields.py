"""A table region as physical rows of fields, whatever the flattening style.

Every style the seeds and real reports use comes down to rows of fields, labels
first and numbers last:

* ``cells`` – one cell per line, tab-indented, rows separated by blank lines
  (Word tables copied as text; seeds 000 and 003). A line without the leading tab
  continues the previous cell, even after a blank line (``结果\\n\\n维持``).
* ``pipes`` – ``a | b | c`` rows from web pages (001) and markdown tables.
* ``tabs`` – tab-separated rows with empty fields for merged cells (004); also
  template 2021's table 2 of two-column small tables, one TAB a row, when no row
  is parted by spaces (``_tab_separated``).
* ``spaces`` – PDF text and ``pdftotext -layout`` columns: runs of white space
  separate cells, so blank cells are invisible (002).

Each field keeps the offset of its first original character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from nianbao.parser.layout.numbers import PLACEHOLDERS, Number, is_unit, read_number
from nianbao.parser.reading.lines import Line

Style = Literal["cells", "pipes", "tabs", "spaces"]

# Page furniture from PDFs: ``- 3 -``, ``第 3 页 共 5 页``, ``3/5``.
_PAGE_MARK = re.compile(r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页.*|\d{1,4}\s*/\s*\d{1,4})\s*$")
_MARKDOWN_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_WS_TOKEN = re.compile(r"\S+")


@dataclass(slots=True)
class Field:
    text: str  # normalised, stripped
    raw: str  # original, stripped
    start: int  # offset of ``raw`` in the original text (of the field, when blank)
    line: int
    _number: Number | None = None

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def number(self) -> Number:
        if self._number is None:
            self._number = read_number(self.text)
        return self._number

    @property
    def is_value(self) -> bool:
        return self.number.kind != "text" or self.text in PLACEHOLDERS


@dataclass(slots=True)
class PhysicalRow:
    fields: list[Field] = field(default_factory=list)
    # Set for ``spaces`` rows: blanks cannot be seen, so counts are all we know.
    implicit_blanks: bool = False

    @property
    def start(self) -> int:
        for f in self.fields:
            if not f.blank:
                return f.start
        return self.fields[0].start if self.fields else 0

    def split(self) -> tuple[list[Field], list[Field]]:
        """(labels, values): values are the fields after the last label."""
        last_label = len(self.fields) - 1
        while last_label >= 0 and self.fields[last_label].is_value:
            last_label -= 1
        labels = [f for f in self.fields[: last_label + 1] if not f.blank]
        return labels, self.fields[last_label + 1:]


def _field(line: Line, norm_start: int, norm_end: int) -> Field:
    """A field spanning ``[norm_start, norm_end)`` of the normalised line."""
    text = line.text[norm_start:norm_end]
    inner = text.strip()
    if not inner:
        return Field("", "", line.offset(min(norm_start, len(line.text))), line.number)
    first = norm_start + text.index(inner[0])
    if line.norm_map is None:
        # The usual case: normalisation kept every offset, so the raw text is a slice.
        return Field(inner, line.raw[first:first + len(inner)], line.start + first, line.number)
    start = line.offset(first)
    end = line.offset(first + len(inner) - 1) + 1
    return Field(inner, line.raw[start - line.start:end - line.start], start, line.number)


def line_field(line: Line, start: int, end: int) -> Field:
    """The field over ``[start, end)`` of the line's normalised text."""
    return _field(line, start, end)


def is_page_mark(text: str) -> bool:
    """Page furniture (``- 3 -``, ``第 3 页 共 5 页``), never a cell."""
    return _PAGE_MARK.match(text) is not None


def detect_style(lines: list[Line]) -> Style:
    content = [ln for ln in lines if not ln.blank]
    if not content:
        return "spaces"
    single_tab = sum(1 for ln in content if ln.raw.startswith("\t") and ln.raw.count("\t") == 1)
    pipes = sum(1 for ln in content if ln.raw.count("|") >= 2)
    tabs = sum(1 for ln in content if ln.raw.count("\t") >= 2)
    if single_tab >= max(3, len(content) * 0.3) and single_tab >= tabs:
        return "cells"
    if pipes >= max(2, len(content) * 0.2):
        return "pipes"
    if tabs >= max(2, len(content) * 0.2):
        return "tabs"
    if _tab_separated(content):
        return "tabs"
    return "spaces"


def _tab_separated(content: list[Line]) -> bool:
    """Whether TABs part the cells of a region whose rows mostly have two cells.

    Template 2021's table 2 is small tables of two columns: one TAB a row, a label
    alone where a PDF or a copy drops a blank row's TABs, so too few lines have two
    TABs; split on spaces, a row's blank cell (``规章\t\t0\t8``) would vanish and its
    numbers shift. TABs part the cells when many lines have one after some text and
    no line without one reads as a row of words and numbers parted by spaces.
    """
    tabbed = [ln for ln in content if "\t" in ln.raw.lstrip("\t")]
    if len(tabbed) < max(3, len(content) * 0.3) or not any(ln.raw.count("\t") >= 2
                                                            for ln in tabbed):
        return False
    for ln in content:
        if "\t" in ln.raw:
            continue
        words = ln.text.split()
        if len(words) >= 2 and read_number(words[-1]).kind != "text":
            return False
    return True


def physical_rows(lines: list[Line], style: Style | None = None, *,
                  blank_rows: bool = False) -> tuple[Style, list[PhysicalRow]]:
    """The region's rows of fields; ``blank_rows`` keeps a ``tabs`` row whose every
    cell is blank (only TABs on its line) as a row of blank fields instead of
    skipping it as an empty line — table 4's one value row when nothing happened."""
    style = style or detect_style(lines)
    if style == "cells":
        return style, _cell_rows(lines)
    rows: list[PhysicalRow] = []
    # Markdown rows open and close with a pipe; a web table's row that opens with
    # one only has a blank first cell. Decided for the whole region, not per row.
    piped = [ln.text.strip() for ln in lines if ln.text.count("|") >= 2]
    markdown = bool(piped) and sum(
        1 for t in piped if t.startswith("|") and t.endswith("|")) >= len(piped) * 0.6
    for line in lines:
        if line.blank and blank_rows and style == "tabs" and "\t" in line.raw:
            rows.append(_split_on(line, "\t"))
            continue
        if line.blank or _PAGE_MARK.match(line.text):
            continue
        if style == "spaces":
            if _markdown_row(line.text):
                # A markdown table among lines of text (a converter's output where
                # most of the region is loose lines): its row is cells, not words.
                if not _MARKDOWN_RULE.match(line.text):
                    rows.append(_split_row(line, "|", markdown=True))
                continue
            rows.append(_space_row(line))
        elif style == "pipes":
            if _MARKDOWN_RULE.match(line.text):
                continue
            rows.append(_split_row(line, "|", markdown=markdown))
        else:
            rows.append(_split_row(line, "\t", markdown=False))
    return style, rows


def _markdown_row(text: str) -> bool:
    if "|" not in text:
        return False
    stripped = text.strip()
    return len(stripped) > 2 and stripped[0] == "|" and stripped[-1] == "|" and \
        stripped.count("|") >= 3


def _split_row(line: Line, sep: str, *, markdown: bool) -> PhysicalRow:
    if sep not in line.text:
        # A plain line inside a table region (a heading, a note): one field.
        return _space_row(line) if sep == "|" and "\t" not in line.text else _split_on(line, "\t")
    row = _split_on(line, sep)
    if markdown:
        if row.fields and row.fields[0].blank:
            row.fields.pop(0)
        if row.fields and row.fields[-1].blank:
            row.fields.pop()
    return row


def _split_on(line: Line, sep: str) -> PhysicalRow:
    row = PhysicalRow()
    text = line.text
    begin = 0
    while True:
        index = text.find(sep, begin)
        if index < 0:
            row.fields.append(_field(line, begin, len(text)))
            break
        row.fields.append(_field(line, begin, index))
        begin = index + 1
    return row


def _space_row(line: Line) -> PhysicalRow:
    row = PhysicalRow(implicit_blanks=True)
    for match in _WS_TOKEN.finditer(line.text):
        token = _field(line, match.start(), match.end())
        previous = row.fields[-1] if row.fields else None
        # ``21.83 万元``: a unit after a number belongs to it.
        if (previous is not None and is_unit(token.text)
                and read_number(previous.text).kind == "number" and previous.line == token.line):
            end = token.start + len(token.raw)
            previous.text = f"{previous.text} {token.text}"
            previous._number = None
            previous.raw = line.raw[previous.start - line.start:end - line.start]
            continue
        row.fields.append(token)
    return row


def numbers_by_spaces(line: Line) -> PhysicalRow | None:
    """A line of values parted by spaces alone (two or more, every word a number or
    a placeholder) as a row of them, blank cells unseen; ``None`` for any other line.

    In a region whose rows are parted by TABs such a line is one field, which is
    no number: a PDF's row of numbers in columns too narrow to part them by a
    column gap (table 4's fifteen, ``0 20 0 0 20 …``) comes that way.
    """
    row = _space_row(line)
    if len(row.fields) >= 2 and all(f.is_value for f in row.fields):
        return row
    return None


def _cell_rows(lines: list[Line]) -> list[PhysicalRow]:
    rows: list[PhysicalRow] = []
    current: PhysicalRow | None = None
    saw_blank = False
    for line in lines:
        if line.blank and not line.raw.startswith("\t"):
            saw_blank = True
            continue
        if line.raw.startswith("\t"):
            if current is None or saw_blank:
                current = PhysicalRow()
                rows.append(current)
            current.fields.append(_field(line, 1, len(line.text)))
        elif current is not None and current.fields and _continues(current.fields[-1], line):
            # A cell broken over lines: this line continues the last field.
            last = current.fields[-1]
            last.text = f"{last.text}{line.text.strip()}"
            last._number = None
        else:
            current = None
            rows.append(PhysicalRow(fields=[_field(line, 0, len(line.text))]))
        saw_blank = False
    return rows


def _continues(last: Field, line: Line) -> bool:
    """Whether an untabbed line continues the cell above rather than starting text.

    Header cells break into short pieces (``尚未`` / ``审结``); a paragraph after
    the table, or anything after a number, starts something new.
    """
    stripped = line.text.strip()
    if last.blank or last.is_value or len(stripped) > 30:
        return False
    return re.match(r"^[一二三四五六七八九十]+、", stripped) is None
