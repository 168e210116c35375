"""What the main screen knows, without Textual: the folder, the open file, the caches.

A :class:`Session` decides; the screen draws and runs the workers. Every method is
called on the UI thread and returns what the screen must do: show a report it
already has (:class:`Show`), have a worker read one (:class:`Read`), set a badge.
Workers never touch it; their results come back through the screen's handlers.
Tests drive it with real files and :func:`nianbao.tui.loader.load`, no app at all.

What it keeps:

* the files of the folder, and which one is open (``current``: what the panes
  show; ``current_path``: what was asked for, perhaps still being read);
* a generation counter: each read is numbered, and only the latest one's result
  is shown (a slow read of a file the reviewer has since walked past is dropped);
* the reports read lately (:data:`CACHE_SIZE`) and their texts prepared for the
  source view (:data:`SOURCE_CACHE_SIZE`), so walking back is instant;
* each file's badge, and the findings that needed the whole folder (Y rules),
  added to every later read of their file until the folder is checked again.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from nianbao.tui.loader import Loaded, Signature, Summary, signature
from nianbao.tui.text import clean

if TYPE_CHECKING:
    from nianbao.parser.core.summary import ReportSummary
    from nianbao.parser.model.findings import Finding
    from nianbao.parser.rules.context import YearView
    from nianbao.tui.loader import Checked
    from nianbao.tui.source_text import SourceText

CACHE_SIZE = 64  # reports kept parsed; badges are kept for every file
SOURCE_CACHE_SIZE = 2  # a 4 MB report takes some 80 MB as a TextArea document
NO_FILES = "no report files here"


@dataclass(frozen=True)
class Show:
    """Show ``loaded`` now: it is the file asked for, read already and unchanged."""

    loaded: Loaded


@dataclass(frozen=True)
class Read:
    """Have a worker read ``path``; its result counts only if ``generation`` is still the latest."""

    path: Path
    generation: int


@dataclass(frozen=True)
class Badges:
    """Have the badge worker check ``files``; ``known`` are reports read already."""

    files: list[Path]
    known: dict[Path, Loaded]


class Session:
    """The state of one folder (or one file) open in the TUI.

    ``summaries_of``: a read report's own badge and what the folder views keep of it
    (by default counting all its findings but those across reports; the screen leaves
    out those a review mark accepts, so the badges, the overview and the years view
    count alike).
    ``open_cross``: of a file's findings across reports, those its badge counts.
    """

    def __init__(self, target: Path, *,
                 summaries_of: Callable[[Loaded], tuple[Summary, ReportSummary]] =
                 lambda loaded: (loaded.own_summary, loaded.own_report_summary()),
                 open_cross: Callable[[tuple[Finding, ...]], tuple[Finding, ...]] = tuple
                 ) -> None:
        self.target = target
        self.summaries_of = summaries_of
        self.open_cross = open_cross
        self.root = target if target.is_dir() else target.parent
        self.files: list[Path] = []
        self.current: Loaded | None = None
        self.current_path: Path | None = None
        self.generation = 0
        self.requested: tuple[Path, Signature | None] | None = None  # being read
        self.reports: OrderedDict[Path, Loaded] = OrderedDict()
        # Texts prepared for the source view by the reading worker, for a return to
        # a recent file (preparing costs a second on a 4 MB report).
        self.sources: OrderedDict[Path, SourceText] = OrderedDict()
        self.cross: dict[str, tuple[Finding, ...]] = {}
        self.own: dict[Path, Summary] = {}  # each file's badge without the cross findings
        # What the folder views show of each file checked, without the cross findings.
        self.summaries: dict[Path, ReportSummary] = {}
        # Each report's cross-year view, to check the folder together again after a change.
        self.views: dict[Path, YearView] = {}
        # Files that changed or came and are still to be read again for their badges.
        self.dirty: set[Path] = set()
        self.checked_once = False  # the first check of the whole folder is done
        self.reloading = False  # ctrl+r: the next listing keeps the open report
        self.badges_started = False
        self.badges_done = False
        self.missing_said = False

    # ------------------------------------------------------------ names

    def display_path(self, path: Path) -> str:
        """``path`` as the panes show it: relative to the opened folder."""
        try:
            relative = path.relative_to(self.root)
        except ValueError:
            return path.name
        # The opened folder itself is its name, not ".".
        return (path.name or str(path)) if relative == Path() else relative.as_posix()

    def display_error(self, error: str) -> str:
        """A listing error (``PATH: reason``) with its path shown as the panes show paths."""
        root = str(self.root)
        if error.startswith(root + os.sep):
            error = error[len(root) + 1:]
        elif error.startswith(root + ":"):
            error = self.display_path(self.root) + error[len(root):]
        return clean(error)

    # ------------------------------------------------------------ state

    @property
    def reading(self) -> bool:
        """A read of the open file is under way."""
        return self.requested is not None

    @property
    def ready(self) -> bool:
        """The open report is shown, no read is under way and every badge is in."""
        return self.current is not None and self.badges_done and self.requested is None

    def summary(self, path: Path) -> Summary | None:
        """``path``'s badge, the findings across reports included; None until checked."""
        own = self.own.get(path)
        if own is None:
            return None
        return own.plus(self.open_cross(self.cross.get(str(path), ())))

    def rebadge(self) -> dict[Path, Summary]:
        """Every badge again from the reports kept (what counts changed: a review mark)."""
        badges: dict[Path, Summary] = {}
        for path, loaded in self.reports.items():
            if path in self.own:
                own, self.summaries[path] = self.summaries_of(loaded)
                self.own[path] = own
                badges[path] = self.summary(path) or own
        return badges

    def source(self, path: Path) -> SourceText | None:
        return self.sources.get(path)

    # ------------------------------------------------------------ the folder

    def collected(self, files: list[Path]) -> Path | None:
        """The folder is listed: the file to open first, or None when it holds none.

        After :meth:`reload_all`, the file open before, if it is still there.
        """
        reloading, self.reloading = self.reloading, False
        self.files = list(files)
        if not self.files:
            self.badges_done = True
            self.current = Loaded(self.target, None, (), NO_FILES)
            return None
        if reloading and self.current_path in self.files:
            return self.current_path
        return self.target if self.target in self.files else self.files[0]

    def reload_all(self) -> None:
        """ctrl+r: list the folder and read every report again, nothing reused."""
        self.reloading = True
        self.badges_done = False
        self.badges_started = False
        self.reports.clear()

    def files_changed(self, added: tuple[Path, ...], changed: tuple[Path, ...],
                      removed: tuple[Path, ...]) -> tuple[bool, list[Path] | None | Badges]:
        """Files came, changed or went (the folder's watch): whether the list changed,
        and what to do: None (nothing), the files to read again before checking the
        folder together again (perhaps none: a file went), or :class:`Badges` (check
        the whole folder again: its first check is still under way)."""
        gone = set(removed)
        files = [p for p in self.files if p not in gone]
        known = set(files)
        files.extend(p for p in added if p not in known)
        files.sort(key=lambda p: p.as_posix())
        listed = files != self.files
        self.files = files
        for path in gone:
            self.reports.pop(path, None)
            self.own.pop(path, None)
            self.views.pop(path, None)
            self.summaries.pop(path, None)
            self.cross.pop(str(path), None)
        self.dirty = {p for p in (*self.dirty, *added, *changed)
                      if p in known or p in added} - gone
        if not (self.dirty or gone):
            return listed, None
        self.badges_done = False
        if not self.checked_once:
            return listed, Badges(list(self.files), dict(self.reports))
        return listed, sorted(self.dirty, key=lambda p: p.as_posix())

    def badges_wanted(self) -> Badges | None:
        """Once, after the first report is in: what the badge worker should check.

        None when there is nothing to check (a single file, read already): its badge
        is set, and there is nothing to check it against.
        """
        if self.badges_started:
            return None
        self.badges_started = True
        if all(path in self.reports for path in self.files):
            self.badges_done = True
            return None
        return Badges(list(self.files), dict(self.reports))

    def checked(self, checked: Checked) -> Summary:
        """A badge came in; the badge to show (a full report is also kept for opening)."""
        if checked.loaded is not None:
            previous = self.reports.get(checked.path)
            if previous is None or previous.signature != checked.signature:
                self._remember(checked.loaded)
        self.own[checked.path] = checked.summary
        if checked.report_summary is not None:
            # Counting, as the badge does, only what no one accepted (review.badge).
            self.summaries[checked.path] = checked.report_summary
        # Stat the file only when it waits to be read again (a big network folder).
        if checked.path in self.dirty and checked.signature == signature(checked.path):
            self.dirty.discard(checked.path)
        if checked.view is not None:
            self.views[checked.path] = checked.view
        else:
            self.views.pop(checked.path, None)
        return self.summary(checked.path) or checked.summary

    def cross_checked(self, cross: dict[str, tuple[Finding, ...]]
                      ) -> tuple[dict[Path, Summary], Loaded | None]:
        """The findings across reports are in: the badges that change, and the open
        report again with them (None when it stays as shown)."""
        self.badges_done = not self.dirty
        self.checked_once = True
        self.cross = dict(cross)
        again: Loaded | None = None
        badges: dict[Path, Summary] = {}
        for path in self.files:
            extra = self.cross.get(str(path), ())
            cached = self.reports.get(path)
            if cached is not None and (extra or cached.cross):
                cached = self.reports[path] = cached.with_cross(extra)
                current = self.current
                if path == self.current_path and current is not None \
                        and current.signature == cached.signature:
                    again = cached
            summary = self.summary(path)
            if summary is not None:
                badges[path] = summary
        return badges, again

    def badges_failed(self) -> None:
        self.badges_done = True

    # ------------------------------------------------------------ the open file

    def open(self, path: Path, *, force: bool = False) -> Show | Read | None:
        """Open ``path``: show it from the cache when it is current, else read it.

        None when it is open already and nothing was asked to change. ``force``
        reads it again whatever the cache holds.
        """
        if path == self.current_path and not force and self.requested is None:
            return None
        self.current_path = path
        self.generation += 1
        cached = self.reports.get(path)
        sig = signature(path)
        if cached is not None and cached.signature == sig and not force:
            self.requested = None
            return Show(cached)
        self.requested = (path, sig)
        return Read(path, self.generation)

    def poll(self) -> Read | str | None:
        """The open file on disk now: a :class:`Read` when it changed, ``"missing"``
        the first time it is gone (to say so once), else None."""
        path, current = self.current_path, self.current
        if path is None or current is None or current.path != path:
            return None
        sig = signature(path)
        if sig is None:
            if self.missing_said:
                return None
            self.missing_said = True
            return "missing"
        self.missing_said = False
        if sig == current.signature:
            return None
        if self.requested is not None and self.requested[1] == sig:
            return None  # already being read
        self.requested = (path, sig)
        self.generation += 1
        return Read(path, self.generation)

    def loaded(self, loaded: Loaded, generation: int, source: SourceText | None = None
               ) -> Loaded | None:
        """A read is done: the report to show (with the findings across reports), or
        None when a later read has been asked for since (its badge counts still)."""
        extra = self.cross.get(str(loaded.path))
        if extra:
            loaded = loaded.with_cross(extra)
        self._remember(loaded)
        self.own[loaded.path], self.summaries[loaded.path] = self.summaries_of(loaded)
        if generation != self.generation:
            return None
        self.requested = None
        if source is not None:
            self.sources[loaded.path] = source
            self.sources.move_to_end(loaded.path)
            while len(self.sources) > SOURCE_CACHE_SIZE:
                self.sources.popitem(last=False)
        return loaded

    def read_failed(self) -> None:
        """The reading worker raised: nothing is being read any more."""
        self.requested = None

    def shown(self, loaded: Loaded) -> None:
        """The panes show ``loaded`` now."""
        self.current = loaded

    def forget_reports(self) -> None:
        """Read every report again when next opened (the language changed: their
        messages are written when they are checked). Badges are kept: they count."""
        self.reports.clear()

    def _remember(self, loaded: Loaded) -> None:
        self.reports[loaded.path] = loaded
        self.reports.move_to_end(loaded.path)
        while len(self.reports) > CACHE_SIZE:
            self.reports.popitem(last=False)
