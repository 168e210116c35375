"""Everything the TUI relies on that Textual does not promise: its one home.

Textual is pinned (8.2.8), and a release may rename, move or drop any attribute
whose name starts with ``_``, or change what its widgets draw. Every such use is
here, and nowhere else (tests/test_textual_private.py greps ``tui/`` and
``tests/tui`` for them); each entry has a test in tests/tui/test_compat.py that
fails, naming the entry, as soon as Textual no longer does what it relies on.
When an upgrade breaks one, fix it here or replace it with public API.

The entries:

* :func:`load_document` — show a document (and its wrap index) built off the UI
  thread in a ``TextArea``, as ``TextArea.load_text`` would build it.
* :class:`BatchTree` — a ``Tree`` that adds many nodes at one invalidation, and
  is not rebuilt by a change of style.
* :func:`gutter_number` / :func:`with_gutter_label` — the line number a
  ``TextArea`` drew at the start of a line, and that line with another label.
* :func:`breakpoint_classes` — the breakpoint classes Textual gives a screen of a
  size, known before its first resize.
* :func:`screen_text` — what the terminal shows, as text (tests and scripts).
* :class:`PaletteWords` — the command palette's "No matches found" through our
  catalog (Textual writes it in English inside a private method).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

from rich.align import Align
from rich.console import Console
from rich.segment import Segment
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import TextArea, Tree
from textual.widgets.option_list import Option
from textual.widgets.text_area import DocumentNavigator

if TYPE_CHECKING:
    from rich.style import Style
    from textual.app import App
    from textual.widgets.text_area import DocumentBase, WrappedDocument

TEXTUAL_VERSION = "8.2.8"  # what every entry below was written against and tested on

T = TypeVar("T")


# ---------------------------------------------------------------- TextArea


def load_document(area: TextArea, document: DocumentBase, wrapped: WrappedDocument) -> None:
    """Show ``document`` in ``area``: ``load_text`` for a text without a language,
    with the document and its wrap index built already (by a worker).

    ``TextArea.load_text`` builds both on the UI thread (``_set_document``), walking
    every line twice: a second on a 4 MB report. This does the rest of what it does.
    """
    area.history.clear()
    area._highlight_query = None  # plain text: nothing to highlight
    area.document = document
    area.wrapped_document = wrapped
    area.navigator = DocumentNavigator(wrapped)
    area._build_highlight_map()
    area.move_cursor((0, 0))
    area._rewrap_and_refresh_virtual_size()
    area.post_message(TextArea.Changed(area).set_sender(area))
    area.update_suggestion()


def gutter_number(strip: Strip) -> int | None:
    """The line number a ``TextArea`` (``show_line_numbers``) drew at the start of
    ``strip``, or None (a soft-wrapped continuation, or no gutter).

    Its gutter is the strip's first segment: the number right-aligned, then two spaces.
    """
    segments = list(strip)
    if not segments:
        return None
    number = segments[0].text.strip()
    return int(number) if number.isdigit() else None


def with_gutter_label(strip: Strip, label: str, style: Style | None = None) -> Strip:
    """``strip`` with ``label`` in place of the line number its gutter shows (and
    ``style`` in place of the gutter's, if given)."""
    segments = list(strip)
    gutter = segments[0]
    segments[0] = Segment(f"{label:>{len(gutter.text) - 2}}  ",
                          gutter.style if style is None else style, gutter.control)
    return Strip(segments, strip.cell_length)


# ---------------------------------------------------------------- Tree


class BatchTree(Tree[T]):
    """A ``Tree`` for thousands of nodes.

    * Inside :meth:`adding`, adding a node does not invalidate the tree: Tree
      invalidates (clears its caches, schedules a layout) once per node added, a
      third of the time of adding ten thousand.
    * A change of style (each move of the focus in or out) repaints the lines
      instead of rebuilding them: Tree rebuilds every line on any style change,
      100 ms for ten thousand files; only how they are drawn depends on style.
    """

    _batch_depth = 0  # a class default: Tree's constructor already invalidates

    @contextmanager
    def adding(self) -> Iterator[None]:
        """Add nodes inside this block; the tree is invalidated once, at its end."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if not self._batch_depth:
                self._invalidate()

    def _invalidate(self) -> None:
        if not self._batch_depth:
            super()._invalidate()

    def notify_style_update(self) -> None:
        Widget.notify_style_update(self)
        self._updates += 1  # the line cache's key: every line is drawn again
        self.refresh()


# ---------------------------------------------------------------- screens


def breakpoint_classes(size: tuple[int, int], horizontal: Sequence[tuple[int, str]],
                       vertical: Sequence[tuple[int, str]]) -> dict[str, bool]:
    """Each breakpoint class, and whether Textual gives it to a screen of ``size``.

    Textual sets them on the screen's first resize (``Screen._on_resize``); set
    before, that resize finds them set and does not style every widget again just
    after the first time.
    """
    chosen: dict[str, bool] = {name: False for _, name in (*horizontal, *vertical)}
    for dimension, breakpoints in ((size[0], horizontal), (size[1], vertical)):
        for threshold, name in sorted(breakpoints, reverse=True):
            if dimension >= threshold:
                chosen[name] = True
                break
    return chosen


def screen_text(app: App[object]) -> str:
    """What the terminal shows now, as plain text: what ``export_screenshot`` draws."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True,
                      force_terminal=True, color_system=None, legacy_windows=False,
                      safe_box=False)
    # As App.export_screenshot renders it: the screen over the ones beneath it.
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text()


# ---------------------------------------------------------------- command palette


class PaletteWords(CommandPalette):
    """The command palette, its "No matches found" in the current language.

    ``no_matches`` is called each time the message is shown. The method below is
    Textual's own (``CommandPalette._start_no_matches_countdown``) but for that one
    message; :func:`broken` compares the two statement by statement.
    """

    no_matches: Callable[[], str] = staticmethod(lambda: "No matches found")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def _show_no_matches() -> None:
            if search_value:
                command_list = self.query_one(CommandList)
                command_list.add_option(
                    Option(
                        Align.center(Text(self.no_matches(), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(
            self._NO_MATCHES_COUNTDOWN,
            _show_no_matches,
        )


# ---------------------------------------------------------------- the checks

# Of each entry, the pieces of Textual's source it relies on (whitespace aside).
_RELIES_ON: dict[str, list[tuple[str, str]]] = {
    "load_document": [
        ("textual.widgets._text_area.TextArea.load_text", "self.history.clear()"),
        ("textual.widgets._text_area.TextArea.load_text", "self._set_document(text, self.language)"),
        ("textual.widgets._text_area.TextArea.load_text",
         "self.post_message(self.Changed(self).set_sender(self))"),
        ("textual.widgets._text_area.TextArea.load_text", "self.update_suggestion()"),
        ("textual.widgets._text_area.TextArea._set_document", "self._highlight_query = None"),
        ("textual.widgets._text_area.TextArea._set_document", "document = Document(text)"),
        ("textual.widgets._text_area.TextArea._set_document",
         "self.document = document "
         "self.wrapped_document = WrappedDocument(document, tab_width=self.indent_width) "
         "self.navigator = DocumentNavigator(self.wrapped_document) "
         "self._build_highlight_map() "
         "self.move_cursor((0, 0)) "
         "self._rewrap_and_refresh_virtual_size()"),
    ],
    "gutter": [
        ("textual.widgets._text_area.TextArea._render_line",
         'str(line_index + self.line_number_start) if section_offset == 0 else ""'),
        ("textual.widgets._text_area.TextArea._render_line",
         'Segment(f"{gutter_content:>{gutter_width_no_margin}}  ", gutter_style)'),
        ("textual.widgets._text_area.TextArea._render_line",
         "strip = Strip.join([Strip(gutter, cell_length=gutter_width), text_strip])"),
    ],
    "BatchTree": [
        ("textual.widgets._tree.TreeNode.add", "self._tree._invalidate()"),
        ("textual.widgets._tree.Tree._invalidate",
         "self._clear_line_cache() self._updates += 1 self.root._reset() "
         "self.refresh(layout=True)"),
        ("textual.widgets._tree.Tree.notify_style_update",
         "super().notify_style_update() self._invalidate()"),
        ("textual.widgets._tree.Tree._render_line", "self._updates,"),
    ],
    "breakpoint_classes": [
        ("textual.screen.Screen._on_resize", "self._get_breakpoint_classes( width, "
         "horizontal_breakpoints )"),
        ("textual.screen.Screen._on_resize", "self.update_classes(breakpoints, animate=False)"),
        ("textual.screen.Screen._get_breakpoint_classes",
         "for breakpoint, class_name in sorted(breakpoints, reverse=True): "
         "if dimension >= breakpoint: return {class_name}"),
    ],
    "screen_text": [
        ("textual.app.App.export_screenshot", "screen_render = self.screen._compositor"
         ".render_update( full=True, screen_stack=self.app._background_screens, "
         "simplify=simplify )"),
    ],
    "PaletteWords": [],  # compared whole, below
}
ENTRIES: tuple[str, ...] = tuple(_RELIES_ON)


def _source(where: str) -> str:
    import importlib
    import inspect

    module_name, _, attribute_path = where.partition(".")
    module = importlib.import_module(module_name)
    obj: object = module
    for part in attribute_path.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            module = importlib.import_module(f"{module.__name__}.{part}")
            obj = module
    return inspect.getsource(obj)  # type: ignore[arg-type]


def _flat(source: str) -> str:
    """Source with comments dropped and every run of whitespace one space."""
    import re

    return " ".join(re.sub(r"#[^\n]*", "", source).split())


def _statements(source: str) -> str:
    """A method's statements, docstring and comments aside, as a comparable dump."""
    import ast
    import textwrap

    function = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(function, ast.FunctionDef)
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return "\n".join(ast.dump(statement) for statement in body)


def broken(entry: str) -> list[str]:
    """What ``entry`` relies on that Textual's source no longer holds ([] when all holds)."""
    missing = []
    for where, piece in _RELIES_ON[entry]:
        try:
            source = _flat(_source(where))
        except (AttributeError, ImportError, OSError, TypeError) as error:
            missing.append(f"{where}: gone ({error})")
            continue
        if _flat(piece) not in source:
            missing.append(f"{where}: no longer holds {piece!r}")
    if entry == "PaletteWords":
        theirs = _source("textual.command.CommandPalette._start_no_matches_countdown")
        expected = theirs.replace('Text("No matches found",', "Text(self.no_matches(),")
        if expected == theirs or _statements(expected) != _statements(
                _source("nianbao.tui.compat.PaletteWords._start_no_matches_countdown")):
            missing.append("CommandPalette._start_no_matches_countdown: changed; copy it "
                           "again into PaletteWords, the message through no_matches()")
    return missing
