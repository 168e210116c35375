"""The report files under the opened folder, each with a badge: ✓, ``2E 1W`` or ✗.

The tree is filled as soon as the folder has been listed (a screenful at once, the
rest in batches between refreshes); badges start as ``…`` and are set one by one
as the background checker reaches each file, so a folder of thousands opens at
once. Paths are shown relative to the opened folder.

Names line up: every badge is right-aligned in the width of the widest one the
folder has so far (the rows are labelled again when a wider one arrives). A name
longer than the pane ends in ``…``; no row is wider than the pane, so the pane
never scrolls sideways.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from nianbao.parser.i18n import N_, _
from nianbao.tui.compat import BatchTree
from nianbao.tui.keys import LIST_MOVES
from nianbao.tui.messages import FileHighlighted, FileOpened
from nianbao.tui.text import badge, badge_width, clean

if TYPE_CHECKING:
    from rich.style import Style

    from nianbao.tui.loader import Summary


_PENDING = badge(0, 0, pending=True, width=0)
FIRST_ROWS = 300  # more than the tallest screen shows
BATCH_ROWS = 2000


class FilePicker(BatchTree[Path], inherit_bindings=False):
    """Folders and report files; ``enter`` opens the file under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *LIST_MOVES,
        Binding("left,h", "collapse", N_("Collapse / parent"), show=False),
        Binding("right,l", "expand", N_("Expand / open"), show=False),
        Binding("space", "toggle_node", N_("Toggle folder"), show=False),
        Binding("enter", "select_cursor", N_("Open"), id="files.open"),
        Binding("n", "next_problem", N_("Next with problems"), show=False, id="files.next_problem"),
        # The screen's keys (o and Y work from every pane), shown here in the footer.
        Binding("o", "screen.overview", N_("Overview"), tooltip=N_("Every report of the folder"),
                id="files.overview"),
        Binding("Y", "screen.years", N_("Years"), tooltip=N_("One agency's years side by side"),
                id="files.years"),
    ]

    DEFAULT_CSS = """
    FilePicker {
        text-wrap: nowrap;
        text-overflow: ellipsis;
        overflow-x: hidden;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        # Before Tree's constructor, which already measures the root's label.
        self._widths: dict[Path, int] = {}  # file → cells of its label, set with the label
        super().__init__("", id=id, classes=classes)
        self.guide_depth = 2
        self.auto_expand = True
        # The folder's name is in the pane's title; a root line would only cost a row
        # and an indent on every file.
        self.show_root = False
        self._file_nodes: dict[Path, TreeNode[Path]] = {}  # the rows added so far
        self._states: dict[Path, Summary] = {}
        self._files: list[Path] = []
        self._folders: dict[Path, TreeNode[Path]] = {}
        self._added = 0  # how many of _files have a row
        self._generation = 0
        self._badge_width = badge_width()  # cells: the widest badge so far, at least 2E 1W

    # ------------------------------------------------------------ public API

    @property
    def files(self) -> list[Path]:
        """Every file of the folder, including those whose rows are still to come."""
        return list(self._files)

    def populate(self, root: Path, files: list[Path]) -> None:
        self._file_nodes.clear()
        self.clear()
        self.root.set_label(Text(clean(root.name or str(root)) + "/", end=""))
        self.root.data = root
        self._widths.clear()
        self._files = list(files)
        self._folders = {root: self.root}
        self._added = 0
        self._generation += 1
        # A screenful first, drawn at once; the rest in batches between refreshes,
        # so a folder of ten thousand shows as soon as a folder of ten.
        self._add_rows(FIRST_ROWS)
        # Not expand_all: that "expands" every file too, one message each.
        self.root.expand()
        self._add_later(self._generation)

    def set_state(self, path: Path, summary: Summary) -> None:
        if self._states.get(path) == summary:
            return
        self._states[path] = summary
        width = _badge(summary).cell_len
        if width > self._badge_width:
            # Wider than every badge so far: every name moves right, to stay in line.
            self._badge_width = width
            with self.adding():
                for known, row in self._file_nodes.items():
                    row.set_label(self._label(known))
            return
        node = self._file_nodes.get(path)
        if node is not None:
            node.set_label(self._label(path))

    def retranslate(self) -> None:
        """The language changed: the badges' letters with it (错 takes two cells, E
        one), the badge column as wide as the widest badge in the new letters."""
        widths = [_badge(state).cell_len for state in self._states.values()]
        self._badge_width = max([badge_width(), *widths])
        with self.adding():
            for known, row in self._file_nodes.items():
                row.set_label(self._label(known))

    def state(self, path: Path) -> Summary | None:
        return self._states.get(path)

    def row_label(self, path: Path) -> Text | None:
        """The row ``path`` shows (badge and name); None while its row is still to come."""
        node = self._file_nodes.get(path)
        if node is None:
            return None
        label = node.label
        return label if isinstance(label, Text) else Text(label)

    def select_path(self, path: Path) -> None:
        if path not in self._file_nodes:  # a row still to come: add them all now
            self._add_rows(len(self._files))
        node = self._file_nodes.get(path)
        if node is not None:
            self.move_cursor(node, animate=False)

    @property
    def cursor_path(self) -> Path | None:
        node = self.cursor_node
        if node is None or node.data is None or node.data not in self._file_nodes:
            return None
        return node.data

    # ------------------------------------------------------------ actions

    def action_first(self) -> None:
        self.cursor_line = 0
        self.scroll_to_line(0, animate=False)

    def action_last(self) -> None:
        self._add_rows(len(self._files))
        self.cursor_line = self.last_line
        self.scroll_to_line(self.cursor_line, animate=False)

    def action_collapse(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None:
            self.move_cursor(node.parent, animate=False)

    def action_expand(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand:
            node.expand()
        else:
            self.action_select_cursor()

    def action_next_problem(self) -> None:
        """Jump to the next file with errors or warnings (wrapping)."""
        files = self.files
        if not files:
            return
        current = self.cursor_path
        start = files.index(current) + 1 if current in files else 0
        for offset in range(len(files)):
            path = files[(start + offset) % len(files)]
            state = self._states.get(path)
            if state is not None and (state.unreadable or state.counts.errors
                                      or state.counts.warnings):
                self.select_path(path)
                return
        self.notify(_("No file has errors or warnings."), timeout=3)

    # ------------------------------------------------------------ Tree's hooks

    def process_label(self, label: str | Text) -> Text:
        # Our labels are one line of Text already; Tree would split each into lines
        # (a copy) and parse strings as markup, which file names must never be.
        return label if isinstance(label, Text) else Text(label, end="")

    def get_label_width(self, node: TreeNode[Path]) -> int:
        # Tree measures every line on each rebuild, by rendering every label: seconds
        # for a folder of ten thousand. File labels are measured once, when set.
        width = self._widths.get(node.data) if node.data is not None else None
        if width is None or node.allow_expand:
            width = super().get_label_width(node)
        room = self._room(node)
        return width if room is None else min(width, room)

    def render_label(self, node: TreeNode[Path], base_style: Style, style: Style) -> Text:
        label = super().render_label(node, base_style, style)
        room = self._room(node)
        if room is not None and label.cell_len > room:
            label.truncate(room, overflow="ellipsis")  # by cells: 表 is never cut in half
        return label

    def watch_show_vertical_scrollbar(self) -> None:
        # The bar takes a column from the rows: measure them again (Tree does so
        # itself on a resize, which this is not). A batch of no rows is just that.
        with self.adding():
            pass

    def _room(self, node: TreeNode[Path]) -> int | None:
        """Cells left for ``node``'s label beside its guides (None before a layout)."""
        width = self.container_size.width - self.scrollbar_size_vertical
        if width <= 0:
            return None
        depth = 0
        parent = node.parent
        while parent is not None and parent is not self.root:
            depth += 1
            parent = parent.parent
        return max(1, width - depth * self.guide_depth)

    # ------------------------------------------------------------ internals

    def _add_rows(self, count: int) -> None:
        end = min(len(self._files), self._added + count)
        if end <= self._added:
            return
        # Tree invalidates itself on every node added; once per batch is enough.
        with self.adding():
            for path in self._files[self._added:end]:
                parent = self._folder(path.parent, self._folders)
                self._file_nodes[path] = parent.add_leaf(self._label(path), data=path)
            self._added = end

    def _add_later(self, generation: int) -> None:
        def more() -> None:
            if generation == self._generation:  # not a folder listed since
                self._add_rows(BATCH_ROWS)
                self._add_later(generation)

        if self._added < len(self._files):
            self.call_after_refresh(more)

    def _folder(self, folder: Path, folders: dict[Path, TreeNode[Path]]) -> TreeNode[Path]:
        if folder in folders:
            return folders[folder]
        if folder == folder.parent:  # not under the opened folder: list it at the top
            return self.root
        parent = self._folder(folder.parent, folders)
        node = parent.add(Text(clean(folder.name) + "/", style="bold", end=""), data=folder,
                          expand=True)
        folders[folder] = node
        return node

    def _label(self, path: Path) -> Text:
        """The file's row, measured on the way (by parts, so that ASCII is quick)."""
        state = self._states.get(path)
        label = _PENDING.copy() if state is None else _badge(state)
        label.pad_left(max(0, self._badge_width - label.cell_len))
        name = clean(path.name)
        self._widths[path] = label.cell_len + 1 + cell_len(name)
        label.append(" ")
        label.append(name)
        return label

    # ------------------------------------------------------------ events

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[Path]) -> None:
        event.stop()
        path = event.node.data
        if path in self._file_nodes and self.has_focus:
            self.post_message(FileHighlighted(path))

    def on_tree_node_selected(self, event: Tree.NodeSelected[Path]) -> None:
        event.stop()
        path = event.node.data
        if path in self._file_nodes:
            self.post_message(FileOpened(path))


def _badge(state: Summary) -> Text:
    """A file's badge at its own width (the picker pads it to the column's)."""
    counts = state.counts
    return badge(counts.errors, counts.warnings, unreadable=state.unreadable, width=0)
