"""A folder that stays current: files added, changed and removed while the app runs.

Once with the system's notifications (watchfiles), once with polling (network
folders); each step waits on the app's own messages, never on time.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from test_tui_review import SLIP, Inbox, until
from tui_helpers import ready, sample, slip

from nianbao.tui.app import NianbaoApp
from nianbao.tui.messages import BadgeComputed, CrossChecked, FilesChanged, WatchStarted
from nianbao.tui.watch import Changes, compare, listing, watch_mode


def header(app: NianbaoApp) -> str:
    """The files pane's title as it reads: ``reports/ 3 ✗1``."""
    from rich.text import Text

    return Text.from_markup(str(app.main.picker.border_title)).plain


def rows(app: NianbaoApp) -> list[Path]:
    return list(app.main.picker._file_nodes)


@pytest.mark.parametrize("mode", ["notify", "poll"])
async def test_the_folder_follows_added_changed_and_removed_files(
        reports: Callable[..., Path], mode: str) -> None:
    folder = reports("000", "004")
    seed = folder / sample("004").name
    inbox = Inbox()
    app = NianbaoApp(folder, jobs=1, watch=mode, watch_interval=0.05, poll_interval=0.05)
    async with app.run_test(size=(120, 40), message_hook=inbox) as pilot:
        await ready(pilot)
        started = await inbox.wait(pilot, WatchStarted)
        assert isinstance(started, WatchStarted) and started.mode == mode
        screen = app.main
        assert header(app).endswith("/ 2")
        assert screen.picker.state(seed).counts.errors == 0

        # Added: a report with two errors appears, is read and counted.
        mark = len(inbox.messages)
        added = folder / SLIP.name
        shutil.copy(SLIP, added)
        await inbox.wait(pilot, BadgeComputed, lambda m: m.checked.path == added, after=mark)
        await inbox.wait(pilot, CrossChecked, after=mark)
        await until(pilot, lambda: screen.ready)
        assert added in screen.files and added in rows(app)
        assert screen.picker.state(added).counts.errors == 2
        assert header(app).endswith("/ 3 ✗1")

        # Changed: seed 004 rewritten with a slip; its badge and the header follow.
        mark = len(inbox.messages)
        slip(folder).replace(seed)
        await inbox.wait(pilot, BadgeComputed,
                         lambda m: m.checked.path == seed and m.checked.summary.counts.errors > 0,
                         after=mark)
        await until(pilot, lambda: screen.ready)
        assert screen.picker.state(seed).counts.errors >= 1
        assert header(app).endswith("/ 3 ✗2")

        # Removed: the file goes from the picker and the header.
        mark = len(inbox.messages)
        added.unlink()
        await inbox.wait(pilot, FilesChanged, lambda m: added in m.removed, after=mark)
        await until(pilot, lambda: screen.ready)
        assert added not in screen.files and added not in rows(app)
        assert header(app).endswith("/ 2 ✗1")

        # A file that is not a report, and a hidden one, change nothing.
        mark = len(inbox.messages)
        (folder / "notes.docx.tmp").write_text("x", encoding="utf-8")
        (folder / ".hidden.txt").write_text("x", encoding="utf-8")
        (folder / "new.txt").write_text(sample("000").read_text(encoding="utf-8"),
                                        encoding="utf-8")
        changed = await inbox.wait(pilot, FilesChanged,
                                   lambda m: folder / "new.txt" in m.added, after=mark)
        assert isinstance(changed, FilesChanged)
        assert all(not p.name.startswith(".") and p.suffix == ".txt" for p in changed.added)


async def test_the_open_report_removed_keeps_showing_its_last_version(
        reports: Callable[..., Path]) -> None:
    folder = reports("000", "004")
    seed = folder / sample("004").name
    inbox = Inbox()
    app = NianbaoApp(folder, jobs=1, watch="poll", watch_interval=0.05, poll_interval=0.05)
    async with app.run_test(size=(120, 40), message_hook=inbox) as pilot:
        await ready(pilot)
        screen = app.main
        screen.open(seed)
        await until(pilot, lambda: screen.current is not None and screen.current.path == seed)
        mark = len(inbox.messages)
        seed.unlink()
        await inbox.wait(pilot, FilesChanged, lambda m: seed in m.removed, after=mark)
        await until(pilot, lambda: screen.ready)
        assert screen.current is not None and screen.current.report is not None
        assert seed not in rows(app) and header(app).endswith("/ 1")


async def test_off_watches_nothing(reports: Callable[..., Path]) -> None:
    folder = reports("000")
    inbox = Inbox()
    app = NianbaoApp(folder, jobs=1, watch="off")
    async with app.run_test(size=(120, 40), message_hook=inbox) as pilot:
        await ready(pilot)
        assert app.main.watching is None
        assert not any(isinstance(m, WatchStarted) for m in inbox.messages)


def test_compare_and_listing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    (tmp_path / "b.txt").write_text("b", encoding="utf-8")
    (tmp_path / "x.json").write_text("{}", encoding="utf-8")
    before = listing(tmp_path)
    assert sorted(p.name for p in before) == ["a.txt", "b.txt"]
    (tmp_path / "a.txt").write_text("aa", encoding="utf-8")
    (tmp_path / "b.txt").unlink()
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.md").write_text("c", encoding="utf-8")
    changes = compare(before, listing(tmp_path))
    assert changes == Changes(added=(tmp_path / "sub" / "c.md",),
                              changed=(tmp_path / "a.txt",), removed=(tmp_path / "b.txt",))
    assert not compare(before, before)


def test_watch_mode_from_the_option_or_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NIANBAO_WATCH", raising=False)
    assert watch_mode(None) == "auto" and watch_mode("poll") == "poll"
    monkeypatch.setenv("NIANBAO_WATCH", "poll")
    assert watch_mode(None) == "poll" and watch_mode("notify") == "notify"
    monkeypatch.setenv("NIANBAO_WATCH", "nonsense")
    assert watch_mode(None) == "auto"


@pytest.mark.parametrize("mode", ["notify", "poll"])
async def test_the_overview_follows_the_folder(reports: Callable[..., Path], mode: str) -> None:
    from nianbao.tui.messages import OverviewComputed
    from nianbao.tui.screens.overview import OverviewScreen

    folder = reports("000", "004")
    inbox = Inbox()
    app = NianbaoApp(folder, jobs=1, watch=mode, watch_interval=0.05)
    async with app.run_test(size=(120, 40), message_hook=inbox) as pilot:
        await ready(pilot)
        started = await inbox.wait(pilot, WatchStarted)
        assert isinstance(started, WatchStarted) and started.mode == mode
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, OverviewScreen) and app.screen.computed)
        mark = len(inbox.messages)
        added = folder / SLIP.name
        shutil.copy(SLIP, added)

        def shows_added(m: object) -> bool:
            return isinstance(m, OverviewComputed) and any(
                r.path == str(added) and r.errors == 2 for r in m.rows)

        await inbox.wait(pilot, OverviewComputed, shows_added, after=mark)
        mark = len(inbox.messages)
        added.unlink()
        await inbox.wait(pilot, OverviewComputed,
                         lambda m: all(r.path != str(added) for r in m.rows), after=mark)
        assert isinstance(app.screen, OverviewScreen)
        assert len(app.screen.table.all_rows) == 2
