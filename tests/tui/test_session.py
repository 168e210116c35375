"""The main screen's state, driven without an app: real files, reads done in the test."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from tui_helpers import copy_samples, sample, slip

from nianbao.parser.model.findings import Finding
from nianbao.tui import loader, pool
from nianbao.tui.session import CACHE_SIZE, NO_FILES, Badges, Read, Session, Show
from nianbao.tui.source_text import prepare


def read(session: Session, step: Read | Show | str | None) -> Read:
    assert isinstance(step, Read), step
    return step


def finish(session: Session, step: Read) -> loader.Loaded | None:
    """What the reading worker would post, handled as the screen does."""
    loaded = loader.load(step.path, view=False)
    source = prepare(loaded.report) if loaded.report is not None else None
    shown = session.loaded(loaded, step.generation, source)
    if shown is not None:
        session.shown(shown)
    return shown


def test_a_folder_opens_its_first_file_and_shows_it_once_read(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "reports", "001", "004")
    session = Session(folder)
    files = sorted(folder.iterdir())
    assert session.collected(files) == files[0]
    step = read(session, session.open(files[0]))
    assert session.reading and not session.ready
    shown = finish(session, step)
    assert shown is not None and session.current is shown and shown.path == files[0]
    assert session.source(files[0]) is not None  # the prepared text, for a quick return
    assert session.summary(files[0]) == shown.own_summary
    assert session.open(files[0]) is None  # open already: nothing to do
    wanted = session.badges_wanted()
    assert isinstance(wanted, Badges) and wanted.files == files and files[0] in wanted.known
    assert session.badges_wanted() is None  # asked once
    assert not session.ready  # the badges are still out


def test_only_the_latest_read_is_shown(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "reports", "001", "004")
    first, second = sorted(folder.iterdir())
    session = Session(folder)
    session.collected([first, second])
    slow = read(session, session.open(first))
    fast = read(session, session.open(second))  # walked on before the first was read
    assert fast.generation > slow.generation
    assert finish(session, fast) is not None
    assert finish(session, slow) is None  # too late: not shown
    assert session.current is not None and session.current.path == second
    assert session.summary(first) is not None  # but its badge counts
    assert isinstance(session.open(first), Show)  # and it is kept: back to it at once


def test_a_changed_file_is_read_again_and_a_missing_one_said_once(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    path = folder / sample("004").name
    path.write_bytes(sample("004").read_bytes())
    session = Session(path)
    assert session.collected([path]) == path
    finish(session, read(session, session.open(path)))
    assert session.poll() is None  # unchanged
    slip(folder).replace(path)
    again = read(session, session.poll())
    assert session.poll() is None  # being read already
    shown = finish(session, again)
    assert shown is not None and any(f.code == "A001" for f in shown.findings)
    assert session.open(path, force=True) is not None  # ctrl+r reads even when unchanged
    path.unlink()
    assert session.poll() == "missing"
    assert session.poll() is None  # said once
    assert session.current is not None and session.current.report is not None  # still shown


def test_an_empty_folder_is_settled_at_once(tmp_path: Path) -> None:
    session = Session(tmp_path)
    assert session.collected([]) is None
    assert session.current is not None and session.current.error == NO_FILES
    assert session.ready


def test_findings_across_reports_join_badges_and_later_reads(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "reports", "003", "004")
    earlier, later = sorted(folder.iterdir())
    session = Session(folder)
    session.collected([earlier, later])
    finish(session, read(session, session.open(later)))
    for path in (earlier, later):
        session.checked(loader.checked(loader.load(path), keep=False))
    y001 = Finding(code="Y001", severity="warning", message="carried over 3, not 0",
                   path=str(later), start=0, end=1)
    before = session.summary(later)
    assert before is not None
    badges, again = session.cross_checked({str(later): (y001,)})
    assert session.ready
    assert badges[later].counts.warnings == before.counts.warnings + 1
    assert badges[earlier] == session.summary(earlier)
    assert again is not None and y001 in again.findings  # the open report, shown again
    session.shown(again)
    # A later read of the file carries them over.
    shown = finish(session, read(session, session.open(later, force=True)))
    assert shown is not None and y001 in shown.findings


def test_reports_kept_are_bounded_and_paths_shown_relative(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    (folder / "sub").mkdir(parents=True)
    session = Session(folder)
    data = sample("004").read_bytes()
    paths = []
    for index in range(CACHE_SIZE + 3):
        path = folder / "sub" / f"{index:03d}.txt"
        path.write_bytes(data)
        paths.append(path)
    session.collected(paths)
    report = loader.load(paths[0], view=False)
    for path in paths:
        session.checked(loader.Checked(path, loader.signature(path), report.own_summary, None,
                                       loader.Loaded(path, report.report, report.findings,
                                                     signature=loader.signature(path))))
    assert len(session.reports) == CACHE_SIZE
    assert isinstance(session.open(paths[-1]), Show)  # the latest are kept
    assert isinstance(session.open(paths[0]), Read)  # the oldest went
    assert session.display_path(paths[1]) == "sub/001.txt"
    assert session.display_path(folder) == "many"
    assert session.display_error(f"{folder}{os.sep}sub: permission denied") == \
        "sub: permission denied"


def test_the_pool_sends_back_a_badge_not_the_report() -> None:
    path = sample("001")
    whole = loader.load(path)
    badge = pool.check_for_badge(path)
    assert badge.loaded is None and badge.summary == whole.own_summary
    assert badge.view is not None and badge.view.year == whole.report.meta.year
    size = len(pickle.dumps(badge))
    # What crosses between processes: a fraction of the file, not several times it.
    assert size < path.stat().st_size / 2, (size, len(pickle.dumps(whole)))
