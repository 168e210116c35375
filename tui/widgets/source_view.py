"""The report's original text, read-only, with line numbers and marked places.

A read-only TextArea does the hard parts (wide characters, tabs, wrapping,
scrolling, mouse selection). Marks are added in :meth:`get_line`, which
TextArea documents as the place to style its lines. The text is loaded through
:func:`~nianbao.tui.text.clean_source`, which swaps unsafe characters one for one, so
TextArea's rows and columns are the report's lines and columns — except that a
line longer than :data:`~nianbao.tui.source_text.ROW_CHARS` continues on the next rows
(see :mod:`nianbao.tui.source_text`); its line number shows on its first row only.

Lines wider than the pane wrap (``w`` turns it off; a text longer than
:data:`~nianbao.tui.source_text.AUTO_WRAP_LIMIT` waits for ``w``), the wrap index
built by the reading worker for the pane's width; every row that continues a
line shows :data:`CONTINUATION` where a line number would be, so a one-line page
reads as one numbered line. The row of the cursor is highlighted here, not by
TextArea: its highlight covers the whole line, which on a one-line page is the
whole report, and is drawn over the marks, which would hide the finding.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.strip import Strip
from textual.widgets import TextArea

from nianbao.parser.i18n import N_, _
from nianbao.tui import compat
from nianbao.tui.source_text import AUTO_WRAP_LIMIT, WRAP_LIMIT, SourceText, prepare

if TYPE_CHECKING:
    from nianbao.parser.model.report import Report

CONTINUATION = "↪"  # in the gutter of a row that continues the line above it

MarkKind = Literal["error", "warning", "info", "related", "cell"]


class SourceView(TextArea, inherit_bindings=False):
    """The original text of the open report."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", N_("Up"), show=False),
        Binding("down,j", "cursor_down", N_("Down"), show=False),
        Binding("left,h", "cursor_left", N_("Left"), show=False),
        Binding("right,l", "cursor_right", N_("Right"), show=False),
        Binding("pageup,ctrl+u", "cursor_page_up", N_("Page up"), show=False),
        Binding("pagedown,ctrl+d", "cursor_page_down", N_("Page down"), show=False),
        Binding("g,ctrl+home", "top", N_("Top"), show=False),
        Binding("G,ctrl+end", "bottom", N_("Bottom"), show=False),
        Binding("0,home", "cursor_line_start", N_("Line start"), show=False),
        Binding("$,end", "cursor_line_end", N_("Line end"), show=False),
        Binding("w", "toggle_wrap", N_("Wrap"), id="source.wrap"),
        Binding("y", "copy_line", N_("Copy"), tooltip=N_("Copy the cursor's line"), id="source.copy"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = TextArea.COMPONENT_CLASSES | {
        "source-view--error",
        "source-view--warning",
        "source-view--info",
        "source-view--related",
        "source-view--cell",
    }

    # The current row: grey enough to tell apart in 256 colours (there $boost, the
    # TextArea default, lands one step of the grey ramp from the background).
    DEFAULT_CSS = """
    SourceView {
        /* The bar's column is always taken, so a text's width is known before it
           is shown: the worker wraps it, and its bar coming does not wrap it again. */
        overflow-y: scroll;
        & > .text-area--cursor-line { background: $foreground 15%; }
        & > .text-area--cursor-gutter { background: $foreground 15%; text-style: bold; }
        &:ansi > .text-area--cursor-line { background: ansi_bright_black; }
        &:ansi > .text-area--cursor-gutter { background: ansi_bright_black; text-style: bold; }
        & > .source-view--error { background: $error; color: $background; text-style: bold; }
        & > .source-view--warning { background: $warning; color: $background; text-style: bold; }
        & > .source-view--info { background: $primary; color: $background; text-style: bold; }
        & > .source-view--related { text-style: bold underline; color: $text-accent; }
        & > .source-view--cell { text-style: reverse; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        # Before TextArea's constructor, which already loads a (blank) document.
        self._source: SourceText | None = None
        super().__init__(
            "",
            read_only=True,
            show_line_numbers=True,
            soft_wrap=False,
            highlight_cursor_line=False,  # drawn by get_line and render_line
            id=id,
            classes=classes,
        )
        # A blinking cursor makes screenshots differ run to run and helps nobody reading.
        self.cursor_blink = False
        self._report: Report | None = None
        self._marks: dict[MarkKind, list[tuple[int, int]]] = {}
        self._by_line: dict[int, list[tuple[int, int, MarkKind]]] = {}
        self._wrap = True  # wrap when the text allows it; w says otherwise

    # ------------------------------------------------------------ public API

    @property
    def report(self) -> Report | None:
        return self._report

    def show(self, report: Report | None, source: SourceText | None = None) -> None:
        """Show ``report``'s text; ``source`` is its text prepared by a worker, if any."""
        if report is not None and self._report is not None and report.text == self._report.text:
            self._report = report
            return
        self._report = report
        self._marks, self._by_line = {}, {}
        if report is None:
            self._source = None
            self.load_text("")
            return
        # Preparing a large text here blocks the UI; the reading worker does it first.
        self._source = source if source is not None and source.report is report \
            else prepare(report, self.wrap_room)
        wrap = self._wrap and len(self._source.text) <= AUTO_WRAP_LIMIT
        if wrap != self.soft_wrap:
            # Without the watcher, which would wrap the text shown so far: the new
            # one is wrapped once, just below, at the width it was prepared for.
            self.set_reactive(SourceView.soft_wrap, wrap)
        # The document and its wrap index as the worker built them (see tui.source_text).
        compat.load_document(self, self._source.document, self._source.wrapped)

    @property
    def wrap_room(self) -> int:
        """What a worker preparing the next text wraps it for (see ``prepare``)."""
        return self.scrollable_content_region.width if self._wrap else 0

    @property
    def line_count(self) -> int:
        """Lines of the report (a cut line is one line, over several rows)."""
        return self._source.line_count if self._source is not None else 1

    @property
    def marks(self) -> dict[MarkKind, list[tuple[int, int]]]:
        """The marked places, ``kind → [(start, end) offsets]``."""
        return {kind: list(spans) for kind, spans in self._marks.items()}

    def set_marks(self, marks: dict[MarkKind, list[tuple[int, int]]]) -> None:
        """Replace marks of the given kinds: ``kind → [(start, end) offsets]``."""
        self._marks.update(marks)
        self._index_marks()

    def clear_marks(self) -> None:
        self._marks = {}
        self._index_marks()

    def goto_offset(self, offset: int, *, center: bool = True) -> None:
        """Put the cursor on the character at ``offset`` of the report's text."""
        if self._report is None:
            return
        position = self._report.position(offset)
        self.goto(position.line, position.column, center=center)

    def goto(self, line: int, column: int = 1, *, center: bool = True) -> None:
        """Put the cursor at a 1-based line and column."""
        row, column = line - 1, column - 1
        if self._source is not None:
            row, column = self._source.to_row(row, max(0, column))
        last = self.document.line_count
        row = max(0, min(last - 1, row))
        column = max(0, min(len(self.document.get_line(row)), column))
        # TextArea's own centring centres sideways too and would hide the start of a
        # short line; scroll sideways only as far as the cursor needs.
        self.move_cursor((row, column))
        if center:
            self._center_cursor()
            # The panes above may change height when the table changes; centre again
            # once the layout has settled, so the line is where the eye expects it.
            self.call_after_refresh(self._center_cursor)

    def _center_cursor(self) -> None:
        """The cursor's row in the middle of the pane; sideways, its column in view.

        A column that fits in the pane's first screenful is shown from the line's
        start; one further out (a one-line page unwrapped) is put in the middle.
        """
        offset = self.wrapped_document.location_to_offset(self.cursor_location)
        region = self.scrollable_content_region
        x = 0
        if not self.soft_wrap:
            width = max(1, region.width - self.gutter_width - 1)
            if offset.x >= width:
                x = offset.x - width // 2
        self.scroll_to(x=x, y=max(0, offset.y - (region.height - 1) // 2), animate=False,
                       force=True, immediate=True)

    @property
    def line(self) -> int:
        """The 1-based line of the cursor."""
        row = self.cursor_location[0]
        return (self._source.to_line(row)[0] if self._source is not None else row) + 1

    # ------------------------------------------------------------ actions

    def action_top(self) -> None:
        self.move_cursor((0, 0), center=False)
        self.scroll_home(animate=False)

    def action_bottom(self) -> None:
        self.move_cursor((self.document.line_count - 1, 0), center=False)
        self.scroll_cursor_visible()

    def action_toggle_wrap(self) -> None:
        if not self.soft_wrap and len(self._report.text if self._report else "") > WRAP_LIMIT:
            # TextArea wraps every line again on each change of width (a resize, z):
            # seconds each time for a text this long.
            self.notify(_("Too long to wrap ({n} lines); scroll sideways instead.").format(
                n=self.line_count), timeout=4)
            return
        self._wrap = self.soft_wrap = not self.soft_wrap
        self._center_cursor()

    def action_copy_line(self) -> None:
        if self._report is None:
            return
        line = self.line
        text = self._report.line_index.line_text(line)
        self.app.copy_to_clipboard(text)
        self.notify(_("Copied line {line} ({n} characters)").format(line=line, n=len(text)),
                    title=_("Clipboard"), timeout=3)

    # ------------------------------------------------------------ rendering

    def _index_marks(self) -> None:
        by_line: dict[int, list[tuple[int, int, MarkKind]]] = defaultdict(list)
        report, source = self._report, self._source
        if report is not None and source is not None:
            index = report.line_index
            for kind, spans in self._marks.items():
                for start, end in spans:
                    first = index.line_of(start)
                    last = index.line_of(max(start, end - 1))
                    for line in range(first, last + 1):
                        line_start = index.line_start(line + 1)
                        line_end = index.line_end(line + 1)
                        begin = max(start, line_start) - line_start
                        stop = max(begin + 1, min(end, line_end) - line_start)
                        for row, row_begin, row_stop in source.row_parts(line, begin, stop):
                            by_line[row].append((row_begin, row_stop, kind))
        # Weaker marks first, so a chosen finding wins where it overlaps a related cell.
        order = {"cell": 0, "related": 1, "info": 2, "warning": 3, "error": 4}
        self._by_line = {line: sorted(marks, key=lambda m: order[m[2]])
                         for line, marks in by_line.items()}
        # The rendered-line cache keys on text and cursor only; marks are ours.
        self.notify_style_update()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        if not self.show_line_numbers:
            return strip
        segments = list(strip)
        if not segments:
            return strip
        row_y = y + round(self.scroll_y)
        wrapped = self.wrapped_document
        if row_y >= wrapped.height:
            return strip  # below the text: a blank row
        # TextArea numbers rows, and leaves a soft-wrapped continuation blank. Where
        # a long line was cut, number lines instead of rows; mark every continuation.
        number = compat.gutter_number(strip)
        source = self._source
        if number is not None:
            row = number - self.line_number_start
            if source is None:
                label = str(number)
            else:
                label = str(source.to_line(row)[0] + 1) if source.is_first_row(row) \
                    else CONTINUATION
        else:
            label = CONTINUATION
        gutter_style = None
        if row_y == wrapped.location_to_offset(self.cursor_location).y:
            line_style = self.get_component_rich_style("text-area--cursor-line")
            gutter_style = (segments[0].style or Style()) + self.get_component_rich_style(
                "text-area--cursor-gutter")
            # The blank past the row's text takes the highlight too.
            base = segments[-1].style
            for index in range(len(segments) - 1, 0, -1):
                segment = segments[index]
                if segment.text.strip() or segment.style != base:
                    break
                segments[index] = Segment(segment.text, (base or Style()) + line_style)
            strip = Strip(segments, strip.cell_length)
        return compat.with_gutter_label(strip, label, gutter_style)

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        row, column = self.cursor_location
        if row == line_index:
            # The cursor's row only: the section of the wrapped line it is in.
            offsets = self.wrapped_document.get_offsets(line_index)
            section = bisect_right(offsets, column)
            start = offsets[section - 1] if section else 0
            end = offsets[section] if section < len(offsets) else len(line.plain) + 1
            line.stylize(self.get_component_rich_style("text-area--cursor-line"),
                         start, end)
        for start, end, kind in self._by_line.get(line_index, ()):
            if end > len(line.plain):
                # A mark on the line end (a missing cell) shows as one cell past the text.
                line.append(" " * (end - len(line.plain)))
            line.stylize(self.get_component_rich_style(f"source-view--{kind}", partial=True),
                         start, end)
        return line

