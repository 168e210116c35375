"""``--format text``: findings the way compilers print them.

::

    report.txt:63:31: A001 一、本年新收: the six applicant columns add up to 0+3+2+0+0+0 = 5, …
       |
    63 | 一、本年新收政府信息公开申请数量        0   3   2   0   0   0   4
       |                                                                ^
       |                                         - 自然人 = 0
       |                                             - 商业企业 = 3
       = help: Make 总计 5, or correct the applicant cell that is wrong.

Columns are display columns: CJK characters are two wide (``rich.cells``), tabs
expand to the next multiple of four on both the source line and the marker line,
and control characters from the report are shown as escapes (:mod:`.safe`). Long
lines are cut to a window around the markers. Everything is built as
``rich.text.Text`` — never markup — so ``[bold]`` in a report prints as written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from nianbao.parser.i18n import ngettext, pgettext
from nianbao.parser.model.findings import Finding, Severity
from nianbao.parser.outputs.origins import origin_words
from nianbao.parser.outputs.safe import escape_char, is_unsafe, visible
from nianbao.parser.outputs.sources import WINDOW, Checked, Excerpt, Sources

TAB = 4
DEFAULT_WIDTH = 100
MAX_LINES = 12  # source lines shown per finding; the rest are summarised
# Marks of one line further apart than this many widths are shown as separate blocks.
SPREAD = 3
_ELLIPSIS = "…"

SEVERITY_STYLE: dict[Severity, str] = {"error": "bold red", "warning": "bold yellow",
                                       "info": "bold cyan"}
GUTTER = "bold blue"
RELATED = "bold blue"


@dataclass(frozen=True, slots=True)
class Mark:
    start: int  # 0-based character index in the line
    end: int  # exclusive
    primary: bool
    label: str


@dataclass(frozen=True, slots=True)
class RenderedLine:
    text: str  # what is printed for the source line
    columns: list[int]  # display column of each character index (len(line) + 1 entries)
    offset: int  # display columns to add to a column to place it on ``text``
    first: int  # first character index shown
    last: int  # one past the last character index shown


def render_line(line: str, marks: Sequence[Mark], width: int, *, cut_before: bool = False,
                cut_after: bool = False) -> RenderedLine:
    """The source line with tabs expanded and controls escaped, cut to ``width`` around marks.

    ``line`` may itself be an excerpt of a longer line (``cut_before``/``cut_after``
    say so, and an ellipsis shows it).
    """
    pieces: list[str] = []
    columns = [0]
    col = 0
    for ch in line:
        if ch == "\t":
            piece = " " * (TAB - col % TAB)
        elif is_unsafe(ch):
            piece = escape_char(ch)
        else:
            piece = ch
        pieces.append(piece)
        col += len(piece) if ch == "\t" else cell_len(piece)
        columns.append(col)
    total = columns[-1]
    first, last = 0, len(line)
    if total > width and marks:
        lo = min(columns[min(m.start, len(line))] for m in marks)
        # A mark longer than the window shows its start; the window never grows with it.
        hi = min(max(columns[min(max(m.end, m.start + 1), len(line))] for m in marks),
                 lo + _spread(width))
        margin = 8
        begin = max(0, min(lo - margin, total - width))
        if hi + margin > begin + width:
            begin = max(0, min(lo - margin, hi + margin - width))
        end = max(begin + width, hi + margin)
        first = next(i for i, c in enumerate(columns) if c >= begin)
        last = max((i for i, c in enumerate(columns) if c <= end), default=len(line))
        last = min(last, len(line))
    prefix = _ELLIPSIS if first > 0 or cut_before else ""
    suffix = _ELLIPSIS if last < len(line) or cut_after else ""
    text = prefix + "".join(pieces[first:last]) + suffix
    return RenderedLine(text, columns, cell_len(prefix) - columns[first], first, last)


def marker_line(rendered: RenderedLine, mark: Mark, line_length: int) -> tuple[int, int]:
    """(display column, width) of a mark's underline on the rendered line."""
    start = min(max(mark.start, rendered.first), rendered.last, line_length)
    end = min(max(mark.end, start + 1), rendered.last if rendered.last > start else start + 1)
    column = rendered.columns[min(start, line_length)] + rendered.offset
    if start >= line_length:
        return column, 1
    end_col = rendered.columns[min(end, line_length)] + rendered.offset
    return column, max(1, end_col - column)


@dataclass(frozen=True, slots=True)
class _Place:
    path: str
    line: int
    mark: Mark


def _places(finding: Finding, sources: Sources) -> list[_Place]:
    places: list[_Place] = []
    if finding.start is not None:
        start = sources.start(finding)
        end = sources.end(finding)
        stop = end.column - 1 if end.line == start.line else 1 << 30
        places.append(_Place(finding.path, start.line,
                             Mark(start.column - 1, max(stop, start.column), True, "")))
    for related in finding.related:
        path = sources.related_path(finding, related)
        if sources.source(path) is None:
            continue
        start = sources.related_start(finding, related)
        end = sources.related_end(finding, related)
        stop = end.column - 1 if end.line == start.line else 1 << 30
        places.append(_Place(path, start.line, Mark(start.column - 1, max(stop, start.column),
                                                    False, related.message)))
    return places


def format_finding(finding: Finding, sources: Sources, *, width: int = DEFAULT_WIDTH) -> Text:
    out = Text()
    severity_style = SEVERITY_STYLE[finding.severity]
    start = sources.start(finding)
    out.append(visible(finding.path), style="bold")
    out.append(f":{start.line}:{start.column}: ")
    out.append(finding.code, style=severity_style)
    out.append(" ")
    out.append(visible(finding.message))
    out.append("\n")

    places = _places(finding, sources)
    lines: dict[tuple[str, int], list[Mark]] = {}
    order: list[tuple[str, int]] = []
    for place in places:
        key = (place.path, place.line)
        if key not in lines:
            lines[key] = []
            order.append(key)
        lines[key].append(place.mark)
    own = sorted(k for k in order if k[0] == finding.path)
    others = [k for k in order if k[0] != finding.path]
    # Marks of one line too far apart to show in one window are shown as separate
    # blocks of that line, so a finding's size never depends on its line's length.
    blocks = [(key, cluster) for key in own + others for cluster in _clusters(lines[key], width)]
    shown, hidden = blocks[:MAX_LINES], blocks[MAX_LINES:]
    gutter_width = max((len(str(line)) for (_, line), _ in shown), default=1)
    pad = " " * gutter_width
    if shown:
        out.append(f"{pad} |\n", style=GUTTER)
    previous: tuple[str, int] | None = None
    for key, cluster in shown:
        path, line = key
        if path != finding.path and (previous is None or previous[0] != path):
            first_mark = min(cluster, key=lambda m: m.start)
            out.append(f"{pad} ::: ", style=GUTTER)
            out.append(f"{visible(path)}:{line}:{first_mark.start + 1}\n")
            out.append(f"{pad} |\n", style=GUTTER)
        elif previous is not None and previous[0] == path and line - previous[1] > 1:
            out.append(f"{'...':<{gutter_width}}\n", style=GUTTER)
        excerpt = sources.excerpt(path, line, min(m.start for m in cluster))
        out.append_text(_source_block(excerpt, line, cluster, gutter_width, width,
                                      severity_style))
        previous = key
    if hidden:
        count = sum(len(cluster) for _, cluster in hidden)
        out.append(f"{pad} = ", style=GUTTER)
        out.append(ngettext("note: {n} more place not shown", "note: {n} more places not shown",
                            count).format(n=count) + "\n")
    origin = sources.origin(finding.path, finding.start)
    if origin is not None:
        # A PDF, Word file or web page: the line above counts in the text rendering;
        # this says where the place is in the original a reviewer has open.
        out.append(f"{pad} = ", style=GUTTER)
        # Translators: the label of a finding's place in a PDF, Word file or web page.
        out.append(pgettext("finding", "origin"), style="bold cyan")
        out.append(pgettext("after a label", ": ") + origin_words(origin) + "\n")
    if finding.help:
        out.append(f"{pad} = ", style=GUTTER)
        # Translators: the label of a finding's one-line advice ("= help: …").
        out.append(pgettext("finding", "help"), style="bold cyan")
        out.append(pgettext("after a label", ": ") + visible(finding.help) + "\n")
    return out


def _spread(width: int) -> int:
    """How far apart (in columns or characters) the marks of one window may be: a few
    widths, never more than the source kept around each place (``WINDOW``)."""
    return min(SPREAD * width, WINDOW)


def _clusters(marks: list[Mark], width: int) -> list[list[Mark]]:
    """The marks of one line, in groups that each fit one window of ``width``."""
    ordered = sorted(marks, key=lambda m: m.start)
    out: list[list[Mark]] = []
    for mark in ordered:
        if out and mark.start - out[-1][0].start < _spread(width):
            out[-1].append(mark)
        else:
            out.append([mark])
    return out


def _source_block(excerpt: Excerpt | None, line: int, marks: list[Mark], gutter_width: int,
                  width: int, severity_style: str) -> Text:
    out = Text()
    base = excerpt.base if excerpt is not None else 0
    text = excerpt.text if excerpt is not None else ""
    # Marks in the excerpt's own indexes; a mark running past the excerpt stops at its end.
    local = sorted((Mark(max(0, m.start - base), max(0, min(m.end, base + len(text)) - base),
                         m.primary, m.label) for m in marks),
                   key=lambda m: (not m.primary, m.start))
    rendered = render_line(text, local, width, cut_before=base > 0,
                           cut_after=excerpt is not None and excerpt.end < excerpt.length)
    out.append(f"{line:>{gutter_width}} | ", style=GUTTER)
    out.append(rendered.text)
    out.append("\n")
    pad = " " * gutter_width
    for mark in local:
        column, span = marker_line(rendered, mark, len(text))
        out.append(f"{pad} | ", style=GUTTER)
        out.append(" " * column)
        style = severity_style if mark.primary else RELATED
        out.append(("^" if mark.primary else "-") * span, style=style)
        if mark.label:
            out.append(" ")
            out.append(visible(mark.label), style=style)
        out.append("\n")
    return out


def format_text(files: Sequence[Checked], *, width: int = DEFAULT_WIDTH) -> Iterator[Text]:
    """One Text per finding, in file order, then a summary line."""
    sources = Sources(files)
    for checked in files:
        for finding in checked.findings:
            yield format_finding(finding, sources, width=width)
    yield summary(Counter(f.severity for checked in files for f in checked.findings),
                  sum(1 for checked in files if checked.findings), len(files))


class Painter:
    """Turns Text into a string, with ANSI colours or without; one console reused."""

    def __init__(self, color: bool) -> None:
        self._color = color
        self._console = Console(
            force_terminal=color, no_color=not color, color_system="standard" if color else None,
            width=10_000, soft_wrap=True, markup=False, highlight=False, emoji=False,
            legacy_windows=False,
        )

    def __call__(self, text: Text) -> str:
        if not self._color:
            return text.plain
        with self._console.capture() as capture:
            self._console.print(text, end="")
        return capture.get()


def summary(counts: Counter[Severity], with_findings: int, files: int) -> Text:
    """``Found 7 findings in 2 of 5 files: 2 errors, 3 warnings, 2 info.``

    ``发现 7 个问题（5 个文件中的 2 个）：2 个错误、3 个警告、2 个提示。`` in Chinese.
    """
    total = sum(counts.values())
    if total == 0:
        return Text(ngettext("All checks passed: {files} file, no findings.",
                             "All checks passed: {files} files, no findings.",
                             files).format(files=files), style="bold green")
    out = Text()
    out.append(ngettext("Found {total} finding", "Found {total} findings", total)
               .format(total=total), style="bold")
    out.append(ngettext(" in {with_findings} of {files} file: ",
                        " in {with_findings} of {files} files: ", files)
               .format(with_findings=with_findings, files=files))
    parts: list[tuple[int, Severity, str]] = [
        (counts["error"], "error",
         ngettext("{n} error", "{n} errors", counts["error"])),
        (counts["warning"], "warning",
         ngettext("{n} warning", "{n} warnings", counts["warning"])),
        (counts["info"], "info", ngettext("{n} info", "{n} info", counts["info"]))]
    # Translators: between the counts of the summary ("2 errors, 3 warnings"); 、 in Chinese.
    separator = pgettext("list", ", ")
    for index, (count, severity, words) in enumerate(parts):
        style = SEVERITY_STYLE[severity] if count else ""
        out.append(words.format(n=count), style=style)
        # Translators: the end of the summary line; 。 in Chinese.
        out.append(separator if index < len(parts) - 1 else pgettext("sentence end", "."))
    return out
