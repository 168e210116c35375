"""The findings report to send: ``check --format csv|xlsx|html``, and the TUI's export.

One row per finding: agency, year, file, place, code, severity, message, the cells
and their values, and the review state (with the reviewer's note). CSV is for
programs (fixed English column names, values as found); XLSX and HTML are for
people, in the chosen language: the HTML is one self-contained page (no script, no
outside file) grouped by agency, one agency to a printed page, each finding with
the source line it is about.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from nianbao.parser.i18n import _, language, ngettext
from nianbao.parser.model.findings import SEVERITY_RANK, Finding, Severity
from nianbao.parser.model.refs import CellRef
from nianbao.parser.outputs.origins import origin_words
from nianbao.parser.outputs.safe import pictured, visible
from nianbao.parser.outputs.sources import Sources
from nianbao.parser.reading.origin import DocxPlace, HtmlPlace, PdfPlace, Place
from nianbao.parser.review.book import Mark
from nianbao.parser.review.subject import CellValue, Facts, cell_values
from nianbao.parser.rules.catalog import INDEX
from nianbao.parser.rules.common import cell_name
from nianbao.parser.template import TemplateId

ReviewState = Literal["open", "accepted"]
FORMATS = ("csv", "xlsx", "html")

CSV_COLUMNS = ("agency", "year", "file", "place", "line", "column", "code", "severity",
               "message", "cells", "review", "note", "reviewed_by", "reviewed_at", "help")

# Characters of the source line shown on each side of the place, in the HTML.
EXCERPT_SIDE = 60

# A text field starting with one of these is read as a formula by Excel, WPS and
# LibreOffice when they open a CSV (``=HYPERLINK(…)`` in a file name or a quoted
# report): OWASP's "CSV injection".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class MissingLibrary(Exception):
    """An optional library a format needs is not installed; ``str()`` says how to get it."""


@dataclass(frozen=True, slots=True)
class CellShown:
    key: str  # ``table:row.column`` (``@YEAR`` for another year's report)
    name: str  # the template's words: ``一、本年新收·总计``
    value: CellValue


@dataclass(frozen=True, slots=True)
class Excerpt:
    """The source line around the place: ``before``, the marked ``text``, ``after``."""

    line: int
    before: str
    text: str
    after: str


@dataclass(frozen=True, slots=True)
class Row:
    agency: str | None
    year: int | None
    file: str
    line: int | None  # None: the finding is about the whole file
    column: int | None
    code: str
    severity: Severity
    message: str
    help: str
    cells: tuple[CellShown, ...]
    review: ReviewState = "open"
    note: str = ""
    by: str = ""
    at: str = ""
    excerpt: Excerpt | None = None
    # Where in a published original (PDF, Word file, web page) the finding is.
    origin: Place | None = None

    @property
    def place(self) -> str:
        """``line:column`` in the text checked, or empty for a finding about the whole
        file; in a published original, where in the original, as a program reads it
        (``pdf:page=4``, ``docx:table=3,row=7,cell=2``, ``html:line=1,column=5``)."""
        if self.origin is not None:
            return origin_key(self.origin)
        return "" if self.line is None else f"{self.line}:{self.column}"

    @property
    def place_words(self) -> str:
        """The place as a reviewer reads it (``PDF 第4页``), in the chosen language."""
        if self.origin is not None:
            return origin_words(self.origin)
        return self.place or _("whole file")

    def order(self) -> tuple[int, int, int, int, int]:
        return (SEVERITY_RANK[self.severity], 0 if self.line is None else 1, self.line or 0,
                self.column or 0, INDEX.get(self.code, 0))


def _cell_shown(key: str, value: CellValue, template: TemplateId | None) -> CellShown:
    ref_text, at, year = key.partition("@")
    try:
        ref = CellRef.parse(ref_text)
        name = cell_name(ref.table, ref.id, template)
    except (ValueError, KeyError):
        name = ref_text
    if at:
        name = f"{year}: {name}"
    return CellShown(key, name, value)


def rows_of(findings: Sequence[Finding], marks: Sequence[Mark | None], sources: Sources,
            here: Facts, template: TemplateId | None,
            others: Mapping[str, Facts] | None = None, *,
            excerpts: bool = False) -> list[Row]:
    """A row for each finding of one file (``here``), with its mark if accepted."""
    rows: list[Row] = []
    for finding, mark in zip(findings, marks, strict=True):
        whole = finding.start is None or sources.source(finding.path) is None
        start = sources.start(finding)
        cells = tuple(_cell_shown(key, value, template)
                      for key, value in cell_values(finding, here, others))
        excerpt = _excerpt(finding, sources) if excerpts and not whole else None
        origin = None if whole else sources.origin(finding.path, finding.start)
        rows.append(Row(
            agency=here.agency, year=here.year, file=finding.path,
            line=None if whole else start.line, column=None if whole else start.column,
            code=finding.code, severity=finding.severity, message=finding.message,
            help=finding.help, cells=cells,
            review="accepted" if mark is not None else "open",
            note=mark.note if mark is not None else "", by=mark.by if mark is not None else "",
            at=mark.at if mark is not None else "", excerpt=excerpt, origin=origin))
    return rows


def _excerpt(finding: Finding, sources: Sources) -> Excerpt | None:
    start, end = sources.start(finding), sources.end(finding)
    part = sources.excerpt(finding.path, start.line, start.column - 1)
    if part is None:
        return None
    at = start.column - 1 - part.base
    stop = (end.column - 1 - part.base) if end.line == start.line else len(part.text)
    stop = max(at + 1, min(stop, len(part.text)))
    before = part.text[max(0, at - EXCERPT_SIDE):at]
    after = part.text[stop:stop + EXCERPT_SIDE]
    return Excerpt(start.line, before.lstrip(), part.text[at:stop], after.rstrip())


# ---------------------------------------------------------------- CSV


def origin_key(place: Place) -> str:
    """A place in an original in fixed words, for programs."""
    if isinstance(place, PdfPlace):
        return f"pdf:page={place.page}"
    if isinstance(place, DocxPlace):
        if place.table is None:
            return f"docx:paragraph={place.paragraph + 1}"
        return f"docx:table={place.table},row={place.row},cell={place.cell}"
    assert isinstance(place, HtmlPlace)
    return f"html:line={place.line},column={place.column}"


def _cells_text(cells: Iterable[CellShown]) -> str:
    return "; ".join(f"{c.key}={'' if c.value is None else c.value}" for c in cells)


def csv_text(rows: Iterable[Row]) -> str:
    """The rows as CSV (RFC 4180, UTF-8), columns :data:`CSV_COLUMNS`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        fields = [
            row.agency or "", "" if row.year is None else row.year, row.file, row.place,
            "" if row.line is None else row.line, "" if row.column is None else row.column,
            row.code, row.severity, row.message, _cells_text(row.cells), row.review,
            row.note, row.by, row.at, row.help]
        # CSV has no escape of its own: a control or bidi character of a file name or a
        # report is written as the text output shows it (\x1b, \u202e), never raw.
        # Text fields only: year, line and column are numbers and stay numbers.
        writer.writerow([defused(visible(f)) if isinstance(f, str) else f for f in fields])
    return out.getvalue()


def defused(text: str) -> str:
    """``text`` with a ``'`` before it when a spreadsheet would take it for a formula
    (OWASP's advice for CSV): Excel and WPS then show it as text. Only for text
    fields; a number written as a number is never changed."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# ---------------------------------------------------------------- words for people


def _headings() -> list[str]:
    return [_("Agency"), _("Year"), _("File"), _("Place"), _("Code"), _("Severity"),
            _("Finding"), _("Cells and values"), _("Review"), _("Note"), _("Reviewed by"),
            _("Reviewed at"), _("How to fix")]


def severity_word(severity: Severity) -> str:
    return {"error": _("error"), "warning": _("warning"), "info": _("info")}[severity]


def review_word(state: ReviewState) -> str:
    return _("accepted") if state == "accepted" else _("open")


def _value_word(value: CellValue) -> str:
    if value is None:
        return _("not found")
    return value if value else _("blank")


# Cells listed by name for people; a finding about a whole table names a hundred.
MAX_CELLS_SHOWN = 12


def _cells_words(cells: Sequence[CellShown], separator: str = "\n") -> str:
    words = [f"{c.name} = {_value_word(c.value)}" for c in cells[:MAX_CELLS_SHOWN]]
    if len(cells) > MAX_CELLS_SHOWN:
        more = len(cells) - MAX_CELLS_SHOWN
        words.append(ngettext("… and {n} more cell", "… and {n} more cells", more).format(n=more))
    return separator.join(words)


def _agency_word(row: Row) -> str:
    return row.agency or _("(agency not found)")


# ---------------------------------------------------------------- XLSX


def xlsx_bytes(rows: Sequence[Row]) -> bytes:
    """The rows as an Excel workbook (one sheet, a header row, filters, frozen header).

    openpyxl is an extra (``pip install 'nianbao[xlsx]'``): :class:`MissingLibrary`
    without it.
    """
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise MissingLibrary(_("--format xlsx needs openpyxl: pip install 'nianbao[xlsx]'")) \
            from None
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Findings")[:31]
    headings = _headings()
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, row in enumerate(rows, start=2):
        values: list[object] = [
            _agency_word(row), row.year, row.file, row.place_words, row.code,
            severity_word(row.severity), row.message, _cells_words(row.cells),
            review_word(row.review), row.note, row.by, row.at, row.help]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=number, column=column, value=_sheet_value(value))
            if isinstance(cell.value, str):
                # Text stays text: openpyxl would take "=…" for a formula.
                cell.data_type = "s"
                cell.alignment = wrap
                if cell.value.startswith(FORMULA_STARTS):
                    # And stays text when a person edits the cell: the cell's quote
                    # prefix is what Excel sets for a typed '=…; the value keeps no '.
                    cell.quotePrefix = True
    widths = (18, 6, 28, 9, 6, 8, 60, 36, 8, 30, 12, 20, 40)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_value(value: object) -> object:
    """Report text as a cell may hold it: no control characters (the XML forbids most)."""
    if isinstance(value, str):
        return pictured(value)[:32767]  # Excel's limit for one cell
    return value


# ---------------------------------------------------------------- HTML

_CSS = """
:root { --error: #b3261e; --warning: #8a5a00; --info: #3b5b92; --muted: #666; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
       "Microsoft YaHei", sans-serif; margin: 2em auto; max-width: 60em; padding: 0 1em;
       color: #1a1a1a; line-height: 1.5; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { font-size: 1.3em; border-bottom: 2px solid #1a1a1a; padding-bottom: .2em; margin-top: 2em; }
h3 { font-size: 1.05em; margin: 1.2em 0 .4em; }
.meta, .muted { color: var(--muted); }
.summary { margin: .5em 0 1.5em; }
.finding { border: 1px solid #ccc; border-left: 6px solid var(--info); border-radius: 4px;
           padding: .5em .8em; margin: .6em 0; break-inside: avoid; page-break-inside: avoid; }
.finding.error { border-left-color: var(--error); }
.finding.warning { border-left-color: var(--warning); }
.finding.accepted { opacity: .75; border-style: dashed; }
.head { font-weight: bold; }
.sev { display: inline-block; min-width: 3.5em; padding: 0 .4em; border-radius: 3px;
       color: #fff; font-size: .85em; text-align: center; background: var(--info); }
.sev.error { background: var(--error); } .sev.warning { background: var(--warning); }
.code { font-family: monospace; margin: 0 .4em; }
.place { font-family: monospace; color: var(--muted); }
pre.source { tab-size: 4; background: #f5f5f5; padding: .4em .6em; margin: .4em 0; white-space: pre-wrap;
             word-break: break-all; font-size: .9em; }
pre.source mark { background: #ffd54f; }
.cells { margin: .2em 0; font-size: .92em; }
.help { margin: .2em 0; }
.review { margin: .2em 0; font-style: italic; }
@media print {
  body { margin: 0; max-width: none; }
  section.agency + section.agency { break-before: page; page-break-before: always; }
  .finding { border-color: #999; }
}
"""


def _e(text: str) -> str:
    """Report text for the page: escaped, each control or bidi character shown as a
    picture of itself (tabs and line breaks kept)."""
    return html.escape(pictured(text), quote=True)


def html_text(rows: Sequence[Row], *, title: str | None = None,
              generated: dt.datetime | None = None) -> str:
    """One self-contained page: the findings grouped by agency, then file."""
    title = title or _("Findings report")
    when = (generated or dt.datetime.now(dt.UTC).astimezone()).isoformat(timespec="minutes")
    open_rows = [r for r in rows if r.review == "open"]
    errors = sum(1 for r in open_rows if r.severity == "error")
    warnings = sum(1 for r in open_rows if r.severity == "warning")
    accepted = len(rows) - len(open_rows)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if language() == "zh" else "en"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        '<p class="meta">' + _e(_("nianbao, {when}").format(when=when)) + "</p>",
        '<p class="summary">' + _e(
            ngettext("{n} finding", "{n} findings", len(open_rows)).format(n=len(open_rows)))
        + " · " + _e(ngettext("{n} error", "{n} errors", errors).format(n=errors))
        + " · " + _e(ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings))
        + (" · " + _e(ngettext("{n} accepted in review", "{n} accepted in review",
                               accepted).format(n=accepted)) if accepted else "")
        + "</p>",
    ]
    if not rows:
        parts.append("<p>" + _e(_("No findings.")) + "</p>")
    for agency, agency_rows in _grouped(rows, lambda r: r.agency or ""):
        parts.append('<section class="agency">')
        parts.append("<h2>" + _e(agency or _("(agency not found)")) + "</h2>")
        for file, file_rows in _grouped(agency_rows, lambda r: r.file):
            year = file_rows[0].year
            parts.append(f"<h3>{_e(file)}<span class=\"muted\">"
                         f"{'' if year is None else f' · {year}'}</span></h3>")
            parts.extend(_finding_html(row) for row in sorted(file_rows, key=Row.order))
        parts.append("</section>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _grouped(rows: Iterable[Row], key: Callable[[Row], str]) -> list[tuple[str, list[Row]]]:
    """Rows by ``key``, groups in the order they first appear."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return list(groups.items())


def _finding_html(row: Row) -> str:
    classes = f"finding {row.severity}" + (" accepted" if row.review == "accepted" else "")
    out = [f'<div class="{classes}">',
           f'<div class="head"><span class="sev {row.severity}">'
           f"{_e(severity_word(row.severity))}</span>"
           f'<span class="code">{_e(row.code)}</span>'
           '<span class="place">' + _e(row.place_words) + "</span></div>",
           f'<div class="message">{_e(row.message)}</div>']
    if row.excerpt is not None:
        ex = row.excerpt
        out.append(f'<pre class="source"><span class="muted">{ex.line} | </span>'
                   f"{_e(ex.before)}<mark>{_e(ex.text)}</mark>{_e(ex.after)}</pre>")
    if row.cells:
        out.append(f'<div class="cells">{_e(_cells_words(row.cells, "； "))}</div>')
    if row.help:
        fix = _("How to fix: {help}").format(help=row.help)
        out.append(f'<div class="help">{_e(fix)}</div>')
    if row.review == "accepted":
        note = _("Accepted by {by} on {at}: {note}").format(by=row.by, at=row.at, note=row.note)
        out.append(f'<div class="review">{_e(note)}</div>')
    out.append("</div>")
    return "".join(out)
