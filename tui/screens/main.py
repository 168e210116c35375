"""The one working screen: picker and sections on the left, table / findings / source.

The state of the folder and the open file is a :class:`~nianbao.tui.session.Session`
(no Textual in it); this screen draws it, keeps the chosen finding, the review marks
and the folder's watch, and runs the workers. Workers read and check files on
threads and only post messages; the handlers here are the only code that changes
what the panes show.
"""

from __future__ import annotations

import gc
import subprocess
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.worker import Worker, WorkerState, get_current_worker

from nianbao.parser.i18n import N_, _, ngettext
from nianbao.parser.model.refs import CellRef
from nianbao.tui import loader, source_text
from nianbao.tui import review as reviewing
from nianbao.tui.editor import editor_command
from nianbao.tui.loader import Loaded, finding_key, signature
from nianbao.tui.messages import (
    AcceptRequested,
    BadgeComputed,
    CrossChecked,
    FileHighlighted,
    FileOpened,
    FilesChanged,
    FilesCollected,
    FindingChosen,
    FolderChanged,
    ReportExported,
    ReportLoaded,
    ReportShown,
    ReviewLoaded,
    ReviewSaved,
    SectionChosen,
    TableCellChosen,
    TableCursorMoved,
    TableSwitched,
    WatchStarted,
)
from nianbao.tui.session import Badges, Read, Session, Show
from nianbao.tui.text import clean
from nianbao.tui.widgets.file_picker import FilePicker
from nianbao.tui.widgets.finding_detail import FindingDetail
from nianbao.tui.widgets.findings_panel import FindingsList, FindingsPanel
from nianbao.tui.widgets.key_footer import KeyFooter
from nianbao.tui.widgets.section_nav import SECTION_TABLES, SectionNav
from nianbao.tui.widgets.source_view import MarkKind, SourceView
from nianbao.tui.widgets.status_line import StatusLine
from nianbao.tui.widgets.table_view import TABLE_ORDER, TableView

if TYPE_CHECKING:
    from nianbao.parser.core.summary import ReportSummary
    from nianbao.parser.model.findings import Finding
    from nianbao.parser.model.report import Report
    from nianbao.parser.review.book import Mark, ReviewBook
    from nianbao.parser.review.subject import Subject
    from nianbao.parser.rules.context import YearView
    from nianbao.parser.template import TableId
    from nianbao.tui.folder import ViewResult
    from nianbao.tui.screens.export_report import ExportRequest
    from nianbao.tui.watch import FolderWatcher

PREVIEW_DELAY = 0.12  # seconds of rest on a file before it is opened as a preview


@dataclass(frozen=True)
class Keep:
    """What to restore after the open file is read again."""

    table: TableId | None
    cell: str | None
    finding: tuple[str, tuple[CellRef, ...]] | None
    finding_index: int | None
    section: str | None
    source_line: int
    source_scroll: float
    text_section: bool


class MainScreen(Screen[None]):
    """The working screen.

    Focus moves with ``set_focus`` (at once) rather than ``Widget.focus`` (after the
    next refresh), so keys typed ahead — ``4/A0`` over a slow link — land where the
    earlier keys sent the focus.
    """

    # Focus is given once the folder is listed (the picker, or the table for a file).
    AUTO_FOCUS = ""
    _frozen = False  # gc.freeze() done, once per process
    # A pane enlarged with z keeps the keys under it (Textual's default keeps its
    # own Footer, which KeyFooter is not).
    ALLOW_IN_MAXIMIZED_VIEW = ".-textual-system,Footer,KeyFooter"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right_square_bracket", "step(1)", N_("Next"), tooltip=N_("Next finding"),
                id="main.next"),
        Binding("left_square_bracket", "step(-1)", N_("Prev"), tooltip=N_("Previous finding"),
                id="main.previous"),
        Binding("slash", "filter", N_("Filter"), tooltip=N_("Filter the findings"), id="main.filter"),
        Binding("e", "edit", N_("Edit"), tooltip=N_("Open $EDITOR at this line"), id="main.edit"),
        Binding("x", "export_report", N_("Export"),
                tooltip=N_("Export the findings report (HTML, XLSX or CSV)"), show=False,
                id="main.export"),
        Binding("ctrl+g,colon", "goto_line", N_("Go to line"), show=False, id="main.goto"),
        Binding("ctrl+b", "toggle_sidebar", N_("Sidebar"), show=False, id="main.sidebar"),
        Binding("z", "zoom", N_("Zoom pane"), show=False, id="main.zoom"),
        Binding("ctrl+r", "reload", N_("Reload file"), show=False, id="main.reload"),
        Binding("1", "focus_pane('files')", N_("Files pane"), show=False, id="main.pane_files"),
        Binding("2", "focus_pane('sections')", N_("Sections pane"), show=False,
                id="main.pane_sections"),
        Binding("3", "focus_pane('table')", N_("Table pane"), show=False, id="main.pane_table"),
        Binding("4", "focus_pane('findings-list')", N_("Findings pane"), show=False,
                id="main.pane_findings"),
        Binding("5", "focus_pane('source')", N_("Source pane"), show=False, id="main.pane_source"),
        # From every pane; the footer shows them with the files pane focused (the
        # table's footer has no room left at 80 columns) and in the folder views.
        Binding("o", "overview", N_("Overview"), tooltip=N_("Every report of the folder"),
                show=False, id="main.overview"),
        Binding("Y", "years", N_("Years"), tooltip=N_("One agency's years side by side"),
                show=False, id="main.years"),
        Binding("n", "next_error_file(1)", N_("Next ✗ file"), show=False,
                tooltip=N_("Open the next file with errors"), id="main.next_error_file"),
        Binding("N", "next_error_file(-1)", N_("Previous ✗ file"), show=False,
                tooltip=N_("Open the previous file with errors"),
                id="main.previous_error_file"),
    ]

    def __init__(self, target: Path, *, poll_interval: float = 0.5, jobs: int = 0,
                 review_file: Path | None = None, read_only: bool = False,
                 watch: str | None = None, watch_interval: float | None = None) -> None:
        super().__init__()
        # A badge counts the findings no review mark accepts.
        self.session = Session(target, open_cross=self._open_cross, summaries_of=lambda loaded:
                               reviewing.open_summaries(loaded, self._accepted(loaded)))
        # A folder stays current (tui/watch.py): notifications, or polling.
        self._watch_choice = watch
        self._watch_interval = watch_interval
        self.watching: str | None = None  # the mode in use once the watch is set up
        self._watcher: FolderWatcher | None = None
        self.jobs = jobs  # processes for a folder's badges (0: all cores, 1: none)
        # The review file: marks are read from it and written to it (not when read-only).
        self.review = reviewing.ReviewState(reviewing.review_file(self.root, review_file),
                                            read_only=read_only)
        self.poll_interval = poll_interval
        self.chosen: Finding | None = None
        self._preview_timer: Timer | None = None
        self._quiet_reload = False  # a read again for a new language is no news

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            with Vertical(id="sidebar"):
                yield FilePicker(id="files")
                yield SectionNav(id="sections")
            with Vertical(id="main"):
                yield TableView(id="table")
                yield FindingsPanel(id="findings")
                yield SourceView(id="source")
        yield StatusLine(id="status")
        yield KeyFooter(id="footer")

    def on_mount(self) -> None:
        self.query_one(FindingsList).read_only = self.review.read_only
        self.query_one(FilePicker).border_title = Text(_("Files"))
        self.query_one(SectionNav).border_title = Text(_("Sections"))
        self.query_one(TableView).border_title = Text(_("Table"))
        self.query_one(SourceView).border_title = Text(_("Source"))
        self.query_one(FindingsPanel).border_title = Text(_("Findings"))
        self.query_one(StatusLine).say(
            _("Listing {path} …").format(path=self.display_path(self.target)), "dim")
        if self.target.is_file():
            # One file: nothing to list, so start reading it at once.
            self._read_review(self.review.path)
            self.post_message(FilesCollected(self.root, [self.target], []))
        else:
            self._collect(self.target, self.root, self.review.path)
        self.set_interval(self.poll_interval, self._poll)

    def retranslate(self) -> None:
        """The language changed: the panes' words again, and the open report read again
        (its findings' messages are written in the language when it is checked)."""
        self.query_one(FilePicker).border_title = Text(_("Files"))
        self.query_one(SectionNav).border_title = Text(_("Sections"))
        self._update_files_title(len(self.files) if self.badges_done else 0)
        current = self.current
        if current is None:
            return
        self.session.forget_reports()  # their messages are in the other language
        self._apply(current, self._capture())
        if self.current_path is not None:
            self._quiet_reload = True
            self.open(self.current_path, force=True)

    # ------------------------------------------------------------ widgets

    @property
    def picker(self) -> FilePicker:
        return self.query_one(FilePicker)

    @property
    def sections(self) -> SectionNav:
        return self.query_one(SectionNav)

    @property
    def table(self) -> TableView:
        return self.query_one(TableView)

    @property
    def findings(self) -> FindingsPanel:
        return self.query_one(FindingsPanel)

    @property
    def source(self) -> SourceView:
        return self.query_one(SourceView)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    # ------------------------------------------------------------ the session's state

    @property
    def target(self) -> Path:
        return self.session.target

    @property
    def root(self) -> Path:
        return self.session.root

    @property
    def files(self) -> list[Path]:
        return self.session.files

    @property
    def current(self) -> Loaded | None:
        """The report the panes show."""
        return self.session.current

    @property
    def current_path(self) -> Path | None:
        """The file asked for (perhaps still being read)."""
        return self.session.current_path

    @property
    def badges_done(self) -> bool:
        return self.session.badges_done

    @property
    def ready(self) -> bool:
        """The open report is on screen and every badge is in."""
        return self.session.ready

    def display_path(self, path: Path) -> str:
        return self.session.display_path(path)

    # ------------------------------------------------------------ workers

    @work(thread=True, exclusive=True, exit_on_error=False, group="collect")
    def _collect(self, target: Path, root: Path, review_path: Path) -> None:
        from nianbao.parser.core.files import collect

        # The review file first: the badges, which start once the files are listed,
        # count only the findings no one accepted.
        book, error = reviewing.read_book(review_path)
        self.post_message(ReviewLoaded(book, error))
        collected = collect([target])
        self.post_message(FilesCollected(root, collected.files, collected.errors))

    @work(thread=True, exclusive=True, exit_on_error=False, group="review")
    def _read_review(self, review_path: Path) -> None:
        book, error = reviewing.read_book(review_path)
        self.post_message(ReviewLoaded(book, error))

    @work(thread=True, exclusive=True, exit_on_error=False, group="badges")
    def _check_all(self, files: list[Path], known: dict[Path, Loaded], workers: int,
                   book: ReviewBook | None = None) -> None:
        from nianbao.tui.pool import read_all

        worker = get_current_worker()
        fresh: dict[Path, Loaded] = {}
        for path in files:
            cached = known.get(path)
            if cached is not None and cached.signature == signature(path):
                fresh[path] = cached
        reads = read_all([path for path in files if path not in fresh], workers, book)
        # Only each report's small cross-year view is kept here: holding every
        # report until the end took gigabytes for a folder of ten thousand.
        views: list[YearView] = []
        with closing(reads):
            for done, path in enumerate(files, 1):
                if worker.is_cancelled:
                    return
                cached = fresh.get(path)
                found = reviewing.badge(cached, book, keep=False) if cached is not None \
                    else next(reads)
                if found.view is not None:
                    views.append(found.view)
                self.post_message(BadgeComputed(found, done, len(files)))
        cross: dict[str, tuple[Finding, ...]] = {}
        failure: str | None = None
        if len(views) > 1 and not worker.is_cancelled:
            try:
                cross = {path: tuple(found)
                         for path, found in loader.check_across(views).items() if found}
            except Exception as error:  # cross-report rules are extra; never fatal
                failure = f"{type(error).__name__}: {error}"
        facts = reviewing.facts_of_views(views) if cross else {}
        self.post_message(CrossChecked(cross, failure, facts))

    @work(thread=True, exclusive=True, exit_on_error=False, group="open")
    def _read(self, path: Path, generation: int, pane_width: int) -> None:
        loaded = loader.load(path, view=False)
        source = source_text.prepare(loaded.report, pane_width) if loaded.report is not None else None
        self.post_message(ReportLoaded(loaded, generation, source))

    # ------------------------------------------------------------ worker results

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """A worker that raised: say so and carry on (load() itself never raises)."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        self.notify(_("Internal error ({group}): {error}").format(
                        group=event.worker.group, error=f"{type(error).__name__}: {error}"),
                    severity="error", timeout=10)
        if event.worker.group == "badges":
            self.session.badges_failed()
        elif event.worker.group == "open":
            self.session.read_failed()

    @on(FilesCollected)
    def _files_collected(self, message: FilesCollected) -> None:
        reloading = self.session.reloading
        first = self.session.collected(message.files)
        errors = [self.session.display_error(error) for error in message.errors]
        for error in errors:
            self.notify(error, severity="warning", timeout=6)
        self.picker.populate(self.root, self.files)
        self._update_files_title(0)
        if first is None:
            # The notes fade; what went wrong stays on the status line.
            if errors:
                self.status.say(errors[0], "bold red")
            else:
                self.status.say(_("No report files in {path}").format(
                    path=self.display_path(self.target)), "italic")
            self.table.show(None, None)
            self._focus_sidebar(self.picker)
            return
        self._start_watch()
        self.picker.select_path(first)
        if reloading and first == self.current_path:
            # ctrl+r: the open report is read again where it is shown, the focus stays.
            self.open(first, force=True)
            return
        self.open(first)
        if self.target.is_dir():
            self._focus_sidebar(self.picker)
        else:
            self.set_focus(self.table)

    def _pool_workers(self, paths: list[Path]) -> int:
        """Worker processes to read ``paths`` with; their helpers started here."""
        from nianbao.tui import pool

        workers = pool.workers_for(self.jobs, paths)
        if workers:
            try:
                pool.start_helpers()  # here, on the UI thread: it swaps sys.stderr
            except Exception:
                return 0  # no processes here (no /dev/shm, a sandbox): read in the thread
        return workers

    def _start_badges(self) -> None:
        # Started once the first report is in, so that file is read once, not twice
        # at the same moment (the first read also pays for importing the parser).
        wanted = self.session.badges_wanted()
        if wanted is None:
            if self.session.badges_done:
                self._update_files_title(len(self.files))
            return
        workers = self._pool_workers([p for p in wanted.files if p not in wanted.known])
        self._check_all(wanted.files, wanted.known, workers, self.review.book)

    @on(BadgeComputed)
    def _badge_computed(self, message: BadgeComputed) -> None:
        checked = message.checked
        self.picker.set_state(checked.path, self.session.checked(checked))
        self._update_files_title(message.done)
        self._folder_changed()

    @on(CrossChecked)
    def _cross_checked(self, message: CrossChecked) -> None:
        if message.error:
            self.notify(_("Checking the reports together failed: {error}").format(
                            error=clean(message.error)),
                        severity="warning", timeout=8)
        self.review.cross_facts = dict(message.facts or {})
        badges, again = self.session.cross_checked(message.cross)
        if again is not None:
            self._apply(again, self._capture())
        for path, summary in badges.items():
            self.picker.set_state(path, summary)
        self._update_files_title(len(self.files))
        self._folder_changed()

    @on(ReportLoaded)
    def _report_loaded(self, message: ReportLoaded) -> None:
        if not self._frozen:
            # The first read imported the parser and its rules (pydantic models,
            # compiled patterns), which stay for good: keep the cycle collector from
            # walking them again while reports are drawn. Here, not in the worker
            # that read it: it is a change to the whole process.
            MainScreen._frozen = True
            gc.freeze()
        session = self.session
        previous = session.current
        same_file = previous is not None and previous.path == message.loaded.path
        loaded = session.loaded(message.loaded, message.generation, message.source)
        summary = session.summary(message.loaded.path)
        if summary is not None:
            self.picker.set_state(message.loaded.path, summary)
        self._folder_changed()
        self._start_badges()
        if loaded is None:
            return  # a later read was asked for since
        keep = self._capture() if same_file else None
        self._apply(loaded, keep)
        quiet, self._quiet_reload = self._quiet_reload, False
        if keep is not None and previous is not None and not quiet \
                and _changed(previous, loaded):
            self.notify(_("Reloaded {path}").format(path=self.display_path(loaded.path)),
                        timeout=2, markup=False)

    # ------------------------------------------------------------ the folder views

    def folder_summaries(self) -> tuple[list[ReportSummary], frozenset[str]]:
        """Every file's summary with the findings across reports, in the folder's order,
        and the files not read yet (tui.folder.FolderSource)."""
        from nianbao.parser.core.summary import ReportSummary

        rows: list[ReportSummary] = []
        pending: set[str] = set()
        for path in self.files:
            summary = self.session.summaries.get(path)
            if summary is None:
                pending.add(str(path))
                rows.append(ReportSummary(str(path)))
            else:
                rows.append(summary.with_findings(
                    self._open_cross(self.session.cross.get(str(path), ()))))
        return rows, frozenset(pending)

    def cross_findings(self) -> dict[str, tuple[Finding, ...]]:
        """The findings across reports no review mark accepts, as the badges count them."""
        return {path: found for path, found in
                ((path, self._open_cross(found)) for path, found in self.session.cross.items())
                if found}

    def _folder_changed(self) -> None:
        """Tell the folder views on the screen stack to draw again (they coalesce)."""
        for screen in self.app.screen_stack:
            if screen is not self:
                screen.post_message(FolderChanged())

    def action_overview(self) -> None:
        from nianbao.tui.screens.overview import OverviewScreen

        self.app.push_screen(OverviewScreen(self), self._from_view)

    def action_years(self) -> None:
        from nianbao.tui.screens.years import YearsScreen

        self.app.push_screen(YearsScreen(self), self._from_view)

    def _from_view(self, result: ViewResult) -> None:
        if result == "overview":
            self.action_overview()
        elif result == "years":
            self.action_years()
        elif isinstance(result, Path):
            self.picker.select_path(result)
            self.open(result)
            self.set_focus(self.table)

    def action_next_error_file(self, step: int) -> None:
        """Open the next (or previous) file of the folder with errors, from wherever."""
        files = self.files
        if not files:
            return
        start = files.index(self.current_path) if self.current_path in files else -1
        count = len(files)
        for offset in range(1, count + 1):
            index = (start + step * offset) % count
            state = self.picker.state(files[index])
            if state is not None and (state.counts.errors or state.unreadable):
                if index == start:
                    break
                wrapped = index < start if step > 0 else index > start
                if wrapped:
                    self.notify(_("Back at the first file with errors.") if step > 0
                                else _("Back at the last file with errors."), timeout=2)
                self.picker.select_path(files[index])
                self.open(files[index])
                return
        self.notify(_("No other file with errors."), timeout=2)
    def _open_only(self, loaded: Loaded) -> Loaded:
        """``loaded`` without the findings a reviewer accepted."""
        marks = self._accepted(loaded)
        if not marks:
            return loaded
        return replace(loaded, findings=tuple(f for f in loaded.findings if f not in marks),
                       cross=tuple(f for f in loaded.cross if f not in marks))

    def _accepted(self, loaded: Loaded) -> dict[Finding, Mark]:
        return reviewing.accepted(loaded, self.review.book, self.review.cross_facts)

    def _open_cross(self, findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
        book = self.review.book
        if not findings or book is None or not len(book):
            return findings
        facts = self.review.cross_facts
        return tuple(f for f in findings if f.path not in facts
                     or book.match(reviewing.cross_subject(f, facts)) is None)

    def _update_files_title(self, done: int) -> None:
        total = len(self.files)
        title = Text(clean(self.root.name or str(self.root)) + "/ ", end="")
        if done < total:
            title.append(_("checking {done}/{total}").format(done=done, total=total), "italic")
        else:
            bad = 0
            for path in self.files:
                state = self.picker.state(path)
                if state is not None and (state.unreadable or state.counts.errors):
                    bad += 1
            title.append(f"{total}", "bold")
            if bad:
                title.append(f" ✗{bad}", "red")
        self.picker.border_title = title

    # ------------------------------------------------------------ the folder stays current

    def _start_watch(self) -> None:
        """Watch the opened folder (not a file opened alone: the open file is polled)."""
        if self._watcher is not None or not self.target.is_dir():
            return
        from nianbao.tui.watch import POLL_INTERVAL, FolderWatcher, watch_mode

        post = self.post_message  # thread-safe: the watcher's thread only posts
        self._watcher = FolderWatcher(
            self.root, self.files, watch_mode(self._watch_choice),
            emit=lambda c: post(FilesChanged(c.added, c.changed, c.removed)),
            started=lambda mode: post(WatchStarted(mode)),
            interval=self._watch_interval or POLL_INTERVAL)
        self._watcher.start()

    def on_unmount(self) -> None:
        if self._watcher is not None:
            self._watcher.stop()

    @on(WatchStarted)
    def _watch_started(self, message: WatchStarted) -> None:
        self.watching = message.mode

    @on(FilesChanged)
    def _files_changed(self, message: FilesChanged) -> None:
        """Files added, changed or removed: the picker, the badges and the header follow."""
        cursor = self.picker.cursor_path
        listed, to_read = self.session.files_changed(message.added, message.changed,
                                                     message.removed)
        if message.removed or message.added:
            self._folder_changed()  # the folder views follow
        if listed:
            self.picker.populate(self.root, self.files)
            if cursor is not None and cursor in self.files:
                self.picker.select_path(cursor)
        if to_read is None:
            self._update_files_title(len(self.files))
            return
        if isinstance(to_read, Badges):
            # The first check of the folder is still running: start it again on the
            # files as they are now (what it read already is kept).
            workers = self._pool_workers([p for p in to_read.files if p not in to_read.known])
            self._check_all(to_read.files, to_read.known, workers, self.review.book)
            return
        done = len(self.files) - len(to_read)
        self._update_files_title(done)
        self._refresh(to_read, done, len(self.files), dict(self.session.views),
                      self._pool_workers(to_read), self.review.book)

    @work(thread=True, exclusive=True, exit_on_error=False, group="refresh")
    def _refresh(self, paths: list[Path], done: int, total: int,
                 views: dict[Path, YearView], workers: int, book: ReviewBook | None) -> None:
        """Read the files that changed or came, then check the folder together again."""
        from nianbao.tui.pool import read_all

        worker = get_current_worker()
        reads = read_all(paths, workers, book)
        with closing(reads):
            for path, checked in zip(paths, reads, strict=True):
                if worker.is_cancelled:
                    return
                if checked.view is not None:
                    views[path] = checked.view
                else:
                    views.pop(path, None)
                done += 1
                self.post_message(BadgeComputed(checked, done, total))
        cross: dict[str, tuple[Finding, ...]] = {}
        failure: str | None = None
        found = [v for p, v in views.items() if p.exists()]
        if len(found) > 1:
            try:
                cross = {path: tuple(f)
                         for path, f in loader.check_across(found).items() if f}
            except Exception as error:  # cross-report rules are extra; never fatal
                failure = f"{type(error).__name__}: {error}"
        facts = reviewing.facts_of_views(found) if cross else {}
        self.post_message(CrossChecked(cross, failure, facts))

    # ------------------------------------------------------------ review marks

    @work(thread=True, exclusive=False, exit_on_error=False, group="marks")
    def _write_mark(self, review_path: Path, finding: Finding, about: Subject,
                    note: str | None) -> None:
        """Accept (``note``) or withdraw (None) the mark on ``about``, in the review file."""
        from nianbao.parser.review.book import ReviewFileError, accept, withdraw

        try:
            if note is None:
                book = withdraw(review_path, about)
            else:
                book = accept(review_path, about, note=note, message=finding.message)
        except ReviewFileError as error:
            self.post_message(ReviewSaved(None, finding, note is not None, str(error)))
            return
        self.post_message(ReviewSaved(book, finding, note is not None))

    @on(ReviewLoaded)
    def _review_loaded(self, message: ReviewLoaded) -> None:
        self.review.book = message.book
        self.review.error = message.error
        if message.error:
            self.notify(_("The review file cannot be read, so no finding counts as "
                          "accepted: {error}").format(error=clean(message.error)),
                        severity="error", timeout=10)
        self._review_changed()

    def _review_changed(self) -> None:
        """Badges, header and the open report's list after the marks changed."""
        for path, summary in self.session.rebadge().items():
            self.picker.set_state(path, summary)
        self._folder_changed()
        if self.current is not None and self.current.path in self.session.reports:
            self.findings.show(self.findings.all_findings, self.findings.report,
                               select=self.findings.current,
                               accepted=self._accepted(self.current))
            self.sections.show(self._open_only(self.current))
        if self.badges_done or len(self.files) <= len(self.session.own):
            self._update_files_title(len(self.files))

    @on(AcceptRequested)
    def _accept_requested(self, message: AcceptRequested) -> None:
        loaded, finding = self.current, message.finding
        if loaded is None or finding not in loaded.findings:
            return
        if self.review.read_only:
            self.notify(_("Read-only here: review marks cannot be written."),
                        severity="warning", timeout=4)
            return
        if self.review.error:
            self.notify(_("The review file cannot be read; fix it before adding marks: "
                          "{error}").format(error=clean(self.review.error)),
                        severity="error", timeout=8)
            return
        about = reviewing.subject(loaded, finding, self.review.cross_facts)
        if finding in self._accepted(loaded):
            self._write_mark(self.review.path, finding, about, None)
            return
        from nianbao.tui.screens.accept import AcceptScreen

        def done(note: str | None) -> None:
            if note is not None:
                self._write_mark(self.review.path, finding, about, note)

        self.app.push_screen(AcceptScreen(finding.code, finding.message), done)

    @on(ReviewSaved)
    def _review_saved(self, message: ReviewSaved) -> None:
        if message.error is not None or message.book is None:
            self.notify(_("The mark was not written: {error} (--review-file puts the "
                          "review file elsewhere)").format(error=clean(message.error or "")),
                        severity="error", timeout=10)
            return
        self.review.book = message.book
        self._review_changed()
        name = self.display_path(self.review.path)
        if message.accepted:
            text = _("Accepted {code}; written to {file}")
        else:
            text = _("Acceptance of {code} withdrawn; written to {file}")
        self.notify(text.format(code=message.finding.code, file=name), timeout=4)

    # ------------------------------------------------------------ the findings report

    def shows_action(self, action: str) -> bool:
        """Read-only, edit and export are refused: the footer, help and palette leave
        them out (the keys still say why; tui/keys.shown)."""
        return not (self.review.read_only and action in ("edit", "export_report"))

    def action_export_report(self) -> None:
        if self.review.read_only:
            self.notify(_("Read-only here: no file is written."), severity="warning",
                        timeout=4)
            return
        from nianbao.tui.screens.export_report import ExportScreen

        def done(request: ExportRequest | None) -> None:
            if request is None:
                return
            paths = list(self.files) if request.folder or self.current_path is None \
                else [self.current_path]
            self.notify(_("Writing the findings report to {file} …").format(
                file=clean(str(request.target))), timeout=3)
            review = (str(self.review.path),) if self.review.error is None else ()
            self._export(request, paths, review)

        folder = self.target.is_dir()
        # Beside the folder, not in it: an .html or .csv inside would be taken for a report.
        default = self.root.parent / f"{self.root.name or 'nianbao'}-findings.html"
        self.app.push_screen(ExportScreen(default, folder=folder, can_choose=folder), done)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def _export(self, request: ExportRequest, paths: list[Path],
                review: tuple[str, ...]) -> None:
        """The report through the core (as ``check --format`` makes it), written as
        ``export -o`` writes: atomically, never over a report or the review file."""
        from nianbao.parser.core.check import Options
        from nianbao.parser.core.listing import findings_rows
        from nianbao.parser.outputs.findings_report import (
            MissingLibrary,
            csv_text,
            html_text,
            xlsx_bytes,
        )
        from nianbao.parser.outputs.outfile import output_problem, write_atomically
        from nianbao.parser.review.book import ReviewFileError

        target = request.target
        problem = output_problem(target, [*paths, *map(Path, review)], force=request.force)
        if problem:
            self.post_message(ReportExported(target, 0, problem))
            return
        try:
            listing = findings_rows([str(p) for p in paths], Options(),
                                    tuple(r for r in review if Path(r).is_file()),
                                    excerpts=request.fmt == "html", jobs=self.jobs)
            rows = listing.rows
            data: str | bytes = (csv_text(rows) if request.fmt == "csv" else
                                 html_text(rows) if request.fmt == "html" else xlsx_bytes(rows))
            write_atomically(target, data)
        except (MissingLibrary, ReviewFileError) as error:
            self.post_message(ReportExported(target, 0, str(error)))
            return
        except OSError as error:
            self.post_message(ReportExported(target, 0, f"{target}: {error.strerror or error}"))
            return
        self.post_message(ReportExported(target, len(rows)))

    @on(ReportExported)
    def _report_exported(self, message: ReportExported) -> None:
        if message.error is not None:
            self.notify(clean(message.error), severity="error", timeout=10)
            return
        self.notify(ngettext("Wrote {file}: {n} finding", "Wrote {file}: {n} findings",
                             message.rows).format(file=clean(str(message.target)),
                                                  n=message.rows), timeout=5)

    # ------------------------------------------------------------ opening

    def open(self, path: Path, *, force: bool = False) -> None:
        """Show ``path``: at once from the cache when it is current, else from a worker."""
        if self._preview_timer is not None:
            self._preview_timer.stop()
            self._preview_timer = None
        same_file = self.current is not None and self.current.path == path
        step = self.session.open(path, force=force)
        if isinstance(step, Show):
            self._apply(step.loaded, self._capture() if same_file else None)
        elif isinstance(step, Read):
            self.status.say(_("Reading {path} …").format(path=self.display_path(path)), "dim")
            self._read(step.path, step.generation, self.source.wrap_room)

    def _poll(self) -> None:
        """Re-read the open file when it changes on disk."""
        step = self.session.poll()
        path = self.current_path
        if step == "missing" and path is not None:
            self.notify(_("{path} is gone from the disk; showing the last version read.").format(
                path=self.display_path(path)), severity="warning", timeout=6)
        elif isinstance(step, Read):
            self._read(step.path, step.generation, self.source.wrap_room)

    # ------------------------------------------------------------ showing a report

    def _capture(self) -> Keep:
        chosen = self.chosen
        index = None
        if chosen is not None and chosen in self.findings.all_findings:
            index = self.findings.all_findings.index(chosen)
        return Keep(
            table=self.table.table,
            cell=self.table.cursor_cell,
            finding=finding_key(chosen) if chosen is not None else None,
            finding_index=index,
            section=self.sections.current_key,
            source_line=self.source.line,
            source_scroll=self.source.scroll_y,
            text_section=self.has_class("-text-section"),
        )

    def _apply(self, loaded: Loaded, keep: Keep | None) -> None:
        self.session.shown(loaded)
        self.post_message(ReportShown(loaded))  # handled once this has drawn it all
        report = loaded.report
        self.source.show(report, self.session.source(loaded.path))
        # The sections count, as the badges do, only the findings no one accepted.
        self.sections.show(self._open_only(loaded))
        self.source.border_title = self._source_title(loaded)
        self.table.border_subtitle = self._meta_line(loaded)
        self.chosen = None
        accepted = self._accepted(loaded)
        if report is None:
            self.findings.show(loaded.findings, None, accepted=accepted)
            self.set_class(False, "-text-section")
            self.table.show(loaded, None)
            self.table.border_title = Text(_("Table"))
            self._clear_marks()
            self.status.say(f"{self.display_path(loaded.path)}: "
                            f"{loaded.error or _('cannot be read')}", "bold red")
            return
        if loaded.error:
            self.notify(f"{self.display_path(loaded.path)}: {clean(loaded.error)}", severity="error",
                        timeout=10)

        finding: Finding | None = None
        if keep is not None and keep.finding is not None:
            same = [f for f in loaded.findings if finding_key(f) == keep.finding]
            if same:
                finding = same[0]
            elif keep.finding_index is not None and loaded.findings:
                finding = loaded.findings[min(keep.finding_index, len(loaded.findings) - 1)]
        elif keep is None and loaded.findings:
            finding = loaded.findings[0]
        self.findings.show(loaded.findings, report, select=finding, accepted=accepted)

        table: TableId = keep.table if keep is not None and keep.table \
            else _first_table(report)
        if keep is None and finding is not None and finding.cells:
            table = finding.cells[0].table
        self.table.show(loaded, table)
        self._title_table()
        if keep is not None and keep.cell:
            self.table.move_to(keep.cell)
        self.set_class(keep is not None and keep.text_section, "-text-section")

        if finding is not None:
            self._choose(finding, commit=False, move_table=keep is None)
        else:
            self._clear_marks()
            self.status.say(_("{path}: no findings").format(path=self.display_path(loaded.path)),
                            "green")
        if keep is not None:
            self.source.goto(keep.source_line, center=False)
            self.source.scroll_to(y=keep.source_scroll, animate=False)
        if keep is not None and keep.section:
            self.sections.select_key(keep.section)

    def _source_title(self, loaded: Loaded) -> Text:
        title = Text(_("Source") + " ", end="")
        title.append(clean(self.display_path(loaded.path)), "bold")
        if loaded.report is not None:
            source = loaded.report.source
            # Not source.lines, which counts the parser's cuts of a long line too.
            lines = loaded.report.line_index.line_count
            title.append(" · " + ngettext("{encoding} · {n} line", "{encoding} · {n} lines",
                                          lines).format(encoding=source.encoding, n=lines), "dim")
        return title

    def _meta_line(self, loaded: Loaded) -> Text | None:
        report = loaded.report
        if report is None:
            return None
        meta = report.meta
        parts = [str(meta.year) if meta.year else _("year ?"),
                 _("template {template}").format(template=meta.template) if meta.template
                 else _("template ?")]
        if meta.agency:
            parts.append(meta.agency)
        return Text(clean(" · ".join(parts)), end="")

    def _title_table(self) -> None:
        grid = self.table.grid
        report = self.current.report if self.current else None
        if grid is None or report is None:
            self.table.border_title = Text(_("Table"))
            return
        title = Text(clean(grid.title), end="")
        if not report.tables[grid.table].found:
            title.append(" · " + _("not found in the text"), "bold red")
        self.table.border_title = title

    def _clear_marks(self) -> None:
        self.table.set_marks(frozenset(), frozenset(), "error")
        self.source.clear_marks()

    # ------------------------------------------------------------ choosing a finding

    def _choose(self, finding: Finding, *, commit: bool, move_table: bool = True) -> None:
        loaded = self.current
        if loaded is None or loaded.report is None:
            return
        report = loaded.report
        self.chosen = finding
        cells = list(finding.cells)
        related_cells = [r.cell for r in finding.related if r.cell]
        primary = [ref for ref in cells if self._cell_start(ref) == finding.start] or cells[:1]
        related = frozenset(cells + related_cells) - frozenset(primary)
        self.table.set_marks(frozenset(primary), related, finding.severity)
        if primary and move_table:
            table_id, cell_id = primary[0].table, primary[0].id
            if table_id != self.table.table:
                self.table.show(loaded, table_id)
                self._title_table()
            self.set_class(False, "-text-section")
            self.table.move_to(cell_id)

        marks: dict[MarkKind, list[tuple[int, int]]] = {
            "error": [], "warning": [], "info": [], "related": []}
        if finding.start is not None:
            end = finding.end if finding.end is not None else finding.start + 1
            marks[finding.severity].append((finding.start, max(end, finding.start + 1)))
        for place in finding.related:
            marks["related"].append((place.start, max(place.end, place.start + 1)))
        self.source.set_marks(marks)
        if finding.start is not None:
            self.source.goto_offset(finding.start)
        self.sections.select_key(loaded.section_key(finding))
        self.status.show_finding(report, finding, self._accepted(loaded).get(finding))
        if commit:
            if primary:
                self.set_focus(self.table)
            else:
                self.set_focus(self.source)

    def _cell_start(self, ref: CellRef) -> int | None:
        report = self.current.report if self.current else None
        if report is None:
            return None
        table = report.tables.get(ref.table)
        cell = table.cells.get(ref.id) if table is not None else None
        return cell.start if cell is not None else None

    # ------------------------------------------------------------ pane events

    @on(FileHighlighted)
    def _file_highlighted(self, message: FileHighlighted) -> None:
        if self._preview_timer is not None:
            self._preview_timer.stop()
        path = message.path
        self._preview_timer = self.set_timer(PREVIEW_DELAY, lambda: self.open(path))

    @on(FileOpened)
    def _file_opened(self, message: FileOpened) -> None:
        self.open(message.path)
        self.set_focus(self.table)

    @on(SectionChosen)
    def _section_chosen(self, message: SectionChosen) -> None:
        loaded = self.current
        if loaded is None or loaded.report is None:
            return
        report = loaded.report
        key = message.key
        number = int(key[1:]) if key.startswith("s") else None
        table = SECTION_TABLES.get(number) if number is not None else None
        if table is not None:
            self.set_class(False, "-text-section")
            if self.table.table != table:
                self.table.show(loaded, table)  # type: ignore[arg-type]
                self._title_table()
        else:
            self.set_class(True, "-text-section")
        section = report.section(number) if number is not None else None
        offset = section.start if section is not None else 0
        self.source.goto_offset(offset)
        if section is not None:
            self.status.say(Text(clean(section.heading), style="bold", end=""))
        if message.commit:
            self.set_focus(self.table if table is not None else self.source)

    @on(TableCursorMoved)
    def _table_cursor_moved(self, message: TableCursorMoved) -> None:
        loaded = self.current
        if loaded is None or loaded.report is None or message.cell_id is None:
            return
        cell = self.table.cell(message.cell_id)
        if cell is not None:
            self.source.set_marks({"cell": [(cell.start, cell.end)]})
        if not self.table.has_focus:
            return
        if cell is not None:
            self.source.goto_offset(cell.start)
        self._say_cell(message.table, message.cell_id)

    def _say_cell(self, table: TableId, cell_id: str) -> None:
        loaded = self.current
        if loaded is None or loaded.report is None:
            return
        from nianbao.parser.template import cell_place

        report = loaded.report
        template = self.table.grid.template if self.table.grid else "2019"
        self.status.show_cell(report, cell_place(table, template, cell_id),
                              self.table.cell(cell_id),
                              loaded.by_cell.get(CellRef.of(table, cell_id), []))

    @on(TableCellChosen)
    def _table_cell_chosen(self, message: TableCellChosen) -> None:
        loaded = self.current
        if loaded is None:
            return
        found = loaded.by_cell.get(CellRef.of(message.table, message.cell_id), [])
        if not found:
            self.notify(_("No finding is about this cell."), timeout=2)
            return
        # A second enter on the same cell goes through its findings in turn.
        index = (found.index(self.chosen) + 1) % len(found) if self.chosen in found else 0
        finding = found[index]
        self.findings.show(self.findings.all_findings, loaded.report, select=finding)
        self._choose(finding, commit=False)
        self._say_cell(message.table, message.cell_id)

    @on(TableSwitched)
    def _table_switched(self, message: TableSwitched) -> None:
        self.set_class(False, "-text-section")
        self._title_table()
        number = {v: k for k, v in SECTION_TABLES.items()}[message.table]
        self.sections.select_key(f"s{number}")

    @on(FindingChosen)
    def _finding_chosen(self, message: FindingChosen) -> None:
        self._choose(message.finding, commit=message.commit)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        # Ask where the focus is now: these events can arrive after it has moved on.
        sidebar = self.query_one("#sidebar")
        focused = self.focused
        inside = focused is not None and any(node is sidebar for node in focused.ancestors)
        self.set_class(inside, "-sidebar-focus")
        if isinstance(event.widget, TableView) and self.table.cursor_cell and self.table.table:
            self._say_cell(self.table.table, self.table.cursor_cell)
        elif isinstance(event.widget, FindingsList) and self.chosen is not None and self.current:
            self.status.show_finding(self.current.report, self.chosen,
                                     self._accepted(self.current).get(self.chosen))

    # ------------------------------------------------------------ actions

    def action_step(self, delta: int) -> None:
        if self.findings.step(delta) is None:
            self.notify(_("No findings."), timeout=2)

    def action_filter(self) -> None:
        self.findings.start_filter()

    def action_focus_pane(self, pane: str) -> None:
        widget = self.query_one(f"#{pane}", Widget)
        if pane == "table":
            self.set_class(False, "-text-section")
        if pane in ("files", "sections"):
            self._focus_sidebar(widget)
        else:
            self.set_focus(widget)

    def _focus_sidebar(self, widget: Widget) -> None:
        # Show the sidebar before focusing into it: Textual moves the focus away from
        # a widget that is not displayed, which would hide the sidebar again.
        self.set_class(False, "-sidebar-closed")
        self.set_class(True, "-sidebar-focus")
        self.set_focus(widget)

    def action_toggle_sidebar(self) -> None:
        if self.has_class("-narrow"):
            if self.has_class("-sidebar-focus"):
                self.set_focus(self.table)
            else:
                self._focus_sidebar(self.picker)
            return
        closing = not self.has_class("-sidebar-closed")
        self.set_class(closing, "-sidebar-closed")
        if closing and self.has_class("-sidebar-focus"):
            self.set_focus(self.table)

    def action_zoom(self) -> None:
        if self.maximized is not None:
            if isinstance(self.focused, FindingDetail):
                # The detail shows only while enlarged: back to the list it explains.
                self.set_focus(self.query_one(FindingsList))
            self.minimize()
            return
        focused = self.focused
        if focused is None:
            return
        pane = self.findings if isinstance(focused, FindingsList) else focused
        self.maximize(pane, container=False)
        if pane is self.findings:
            self.findings.update_detail()

    def action_reload(self) -> None:
        """Read everything again: the folder's list, the review marks, every report."""
        self.notify(_("Reading the folder and every report again …"), timeout=2)
        self.session.reload_all()  # nothing read before is reused
        if self.target.is_file():
            self._read_review(self.review.path)
            self.post_message(FilesCollected(self.root, [self.target], []))
        else:
            self._collect(self.target, self.root, self.review.path)

    def action_goto_line(self) -> None:
        from nianbao.tui.screens.goto_line import GotoLineScreen

        report = self.source.report
        if report is None:
            return

        def done(line: int | None) -> None:
            if line is not None:
                self.source.goto(line)
                self.set_focus(self.source)

        self.app.push_screen(
            GotoLineScreen(self.source.line_count, self.source.line, self.source.goto), done)

    def _context_line(self) -> int:
        """The line ``e`` opens the editor at: where the focused pane points."""
        report = self.current.report if self.current else None
        if report is None:
            return 1
        focused = self.focused
        if isinstance(focused, TableView) and focused.cursor_cell:
            cell = focused.cell(focused.cursor_cell)
            if cell is not None:
                return report.position(cell.start).line
        if isinstance(focused, SourceView):
            return focused.line
        if self.chosen is not None and self.chosen.start is not None:
            return report.position(self.chosen.start).line
        return self.source.line

    def action_edit(self) -> None:
        path = self.current_path
        if path is None:
            return
        if self.review.read_only:
            self.notify(_("Read-only here: the report cannot be edited."), severity="warning",
                        timeout=4)
            return
        command = editor_command(path, self._context_line())
        try:
            with self.app.suspend():
                subprocess.run(command, check=False)
        except SuspendNotSupported:
            self.notify(_("Cannot hand the terminal to an editor here."), severity="error")
            return
        except OSError as error:
            self.notify(_("Could not start {editor}: {reason}").format(
                            editor=command[0], reason=error.strerror or error),
                        severity="error")
            return
        self.open(path, force=True)


def _changed(before: Loaded, after: Loaded) -> bool:
    """Whether a report read again differs from what was shown (text or findings)."""
    if before.report is None or after.report is None:
        return before.report is not after.report or before.error != after.error
    return before.report.text != after.report.text or before.findings != after.findings


def _first_table(report: Report) -> TableId:
    """The table a report opens on: table 3, else the first the text has (a partial
    file shows what it holds rather than a missing table 3)."""
    if report.tables["applications"].found:
        return "applications"
    return next((table for table in TABLE_ORDER if report.tables[table].found), "applications")
