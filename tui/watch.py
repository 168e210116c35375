"""A folder that stays current: which report files were added, changed or removed.

The operating system's notifications through watchfiles (inotify, FSEvents,
ReadDirectoryChangesW) tell *that* something changed; the folder is then listed
again (:func:`nianbao.parser.core.files.collect`, the same listing the app starts
from) and compared with the last listing, file by file (modification time and
size), so a rename over a file, an editor's save-by-replace or a burst of writes all
come out as the right added / changed / removed sets. Network folders (SMB, NFS)
often send no notifications: there the folder is listed every five seconds
instead (polling), which is also the fallback whenever notifications cannot be had
(watchfiles missing, the inotify limit reached).

No Textual here: the watcher runs on a thread of its own, for as long as the folder
is open, and hands each batch to a callback (the screen posts it as a message).
It is not a Textual worker: it never completes, and the app's "settled" waits for
workers to complete.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from nianbao.tui.loader import Signature, signature

WatchMode = Literal["auto", "notify", "poll", "off"]
WATCH_MODES: tuple[WatchMode, ...] = ("auto", "notify", "poll", "off")
ENV_WATCH = "NIANBAO_WATCH"

DEBOUNCE_MS = 300  # notifications: changes closer than this come as one batch
POLL_INTERVAL = 5.0  # seconds between listings when polling (a network folder)
# Notifications: how long the watch waits for one before it wakes (then waits again;
# the first wake says the watch is set up).
WAKE_MS = 400


@dataclass(frozen=True)
class Changes:
    added: tuple[Path, ...] = ()
    changed: tuple[Path, ...] = ()
    removed: tuple[Path, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def watch_mode(value: str | None) -> WatchMode:
    """``--watch``, else ``NIANBAO_WATCH``, else auto."""
    chosen = value or os.environ.get(ENV_WATCH) or "auto"
    for mode in WATCH_MODES:
        if chosen == mode:
            return mode
    return "auto"


def listing(root: Path) -> dict[Path, Signature | None]:
    """The report files under ``root`` with their signatures, as the app lists them."""
    from nianbao.parser.core.files import collect

    return {path: signature(path) for path in collect([root]).files}


def compare(before: dict[Path, Signature | None],
            after: dict[Path, Signature | None]) -> Changes:
    return Changes(
        added=tuple(p for p in after if p not in before),
        changed=tuple(p for p, sig in after.items() if p in before and before[p] != sig),
        removed=tuple(p for p in before if p not in after))


class FolderWatcher:
    """Watch ``root`` on a thread; ``emit`` gets each non-empty :class:`Changes`.

    ``started`` gets the mode actually in use (``notify`` or ``poll``) once the
    watch is set up, and again if notifications fail later and polling takes over.
    """

    def __init__(self, root: Path, files: Iterable[Path], mode: WatchMode,
                 emit: Callable[[Changes], object], started: Callable[[str], object], *,
                 interval: float = POLL_INTERVAL, debounce_ms: int = DEBOUNCE_MS) -> None:
        self.root = root
        self.mode = mode
        self._emit = emit
        self._started = started
        self._interval = interval
        self._debounce = debounce_ms
        self._stop = threading.Event()
        # The app's own listing is the starting point: what it shows is what changes.
        # Signed on the watcher's thread (thousands of stat calls, over a network).
        self._files = list(files)
        self._known: dict[Path, Signature | None] = {}
        self._thread = threading.Thread(target=self._run, name="nianbao-watch", daemon=True)

    def start(self) -> None:
        if self.mode != "off":
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=2)

    # ------------------------------------------------------------ the thread

    def _run(self) -> None:
        try:
            self._known = {path: signature(path) for path in self._files}
            if self.mode in ("auto", "notify") and self._notify():
                return
            if not self._stop.is_set():
                self._poll()
        except Exception:  # noqa: BLE001 - a folder that cannot be watched is not fatal
            return

    def _rescan(self) -> None:
        now = listing(self.root)
        changes = compare(self._known, now)
        self._known = now
        if changes:
            self._emit(changes)

    def _notify(self) -> bool:
        """Watch with notifications until stopped; False when they cannot be had."""
        try:
            import watchfiles
        except ImportError:
            return False
        try:
            # yield_on_timeout: the first (possibly empty) batch says the watch is set
            # up; only then is it announced, and the folder listed once more for what
            # changed since the app listed it.
            batches = watchfiles.watch(
                self.root, watch_filter=_wanted, debounce=self._debounce, step=50,
                stop_event=self._stop, rust_timeout=WAKE_MS, yield_on_timeout=True,
                raise_interrupt=False)
            watching = False
            for batch in batches:
                if not watching:
                    watching = True
                    self._started("notify")
                    self._rescan()
                elif batch:
                    self._rescan()
            return True
        except Exception:  # noqa: BLE001 - e.g. the inotify watch limit: poll instead
            return False

    def _poll(self) -> None:
        self._started("poll")
        self._rescan()
        while not self._stop.wait(self._interval):
            self._rescan()


def _wanted(change: object, path: str) -> bool:
    """Changes worth listing the folder again for: not hidden files (editors' swap files,
    our own atomic writes' temporary files), nor the review file."""
    name = os.path.basename(path)
    return not name.startswith(".") and name != "nianbao-review.json"
