"""Every bad input of the catalogue, opened in the TUI.

The app stays up, says what is wrong with an input it cannot read (E001, or the
listing's error naming the file) and shows the report otherwise; a report's text
never acts as markup or as a terminal control; and no input is written to.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from tui_helpers import Messages, gate_loads, ready, screen_text

from nianbao.tui.app import NianbaoApp
from nianbao.tui.source_text import ROW_CHARS, prepare
from nianbao.tui.widgets.source_view import CONTINUATION, SourceView
from tests.hostile import CATALOGUE, Hostile

# Opened as a path, and also as the folder holding them: what a folder walk makes
# of a folder, a link or an odd name is its own case.
_IN_FOLDER = {"folder-named-like-file", "dangling-symlink", "symlink-loop",
              "name-with-shell-chars"}
_CASES = [pytest.param(item, "path", id=f"{item.name}") for item in CATALOGUE] + [
    pytest.param(item, "folder", id=f"{item.name}-in-folder")
    for item in CATALOGUE if item.name in _IN_FOLDER]


def _tree(folder: Path) -> dict[str, tuple[str, ...]]:
    """Every entry under ``folder`` (links not followed): its kind and content hash."""
    found: dict[str, tuple[str, ...]] = {}
    for parent, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(parent, name)
            key = path.relative_to(folder).as_posix()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
            if path.is_symlink():
                found[key] = ("link", os.readlink(path), digest)
            elif path.is_dir():
                found[key] = ("folder",)
            else:
                found[key] = ("file", digest)
    return found


async def _walk_around(pilot: Pilot[None], app: NianbaoApp) -> None:
    """A few keys a reviewer would press first: each pane still answers."""
    await pilot.press("5", "G", "4", "z")
    await pilot.pause()
    assert app.is_running


def _gutters(source: SourceView) -> list[str]:
    """The line numbers the source view draws, top to bottom."""
    rows = [list(source.render_line(y)) for y in range(source.content_region.height)]
    return [row[0].text.strip() if row else "" for row in rows]


async def _long_line(pilot: Pilot[None], app: NianbaoApp, messages: Messages) -> None:
    """One line of megabytes shows as rows of ROW_CHARS, numbered as one line.

    Too long to wrap: every row after the first is marked as the line's continuation.
    """
    source = app.main.source
    assert source.document.line_count > 2000
    assert len(source.document.get_line(0)) == ROW_CHARS
    assert source.line_count == 1
    await pilot.press("5", "G")
    await pilot.pause()
    assert source.line == 1  # the last row is still line 1
    assert not source.soft_wrap
    assert set(_gutters(source)) <= {CONTINUATION, ""}  # rows past the first: no number
    await pilot.press("g")
    await pilot.pause()
    gutters = _gutters(source)
    assert gutters[0] == "1" and set(gutters[1:]) == {CONTINUATION}
    await pilot.press("w")  # too long to wrap: said, not done (each resize would stall)
    await pilot.pause()
    assert not source.soft_wrap
    assert any("Too long to wrap" in note for note in messages.notes)


async def _many_lines(pilot: Pilot[None], app: NianbaoApp, messages: Messages) -> None:
    source = app.main.source
    await pilot.press("5", "G")
    await pilot.pause()
    # G may land on the empty row after the final line break, as in TextArea.
    assert source.line_count > 180_000
    assert source.line in (source.line_count, source.line_count + 1)


_MORE = {"single-5mb-line": _long_line, "4mb-180k-lines": _many_lines}


@pytest.mark.parametrize(("item", "how"), _CASES)
async def test_every_hostile_input_keeps_the_app_up(item: Hostile, how: str, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # where a $(touch pwned) that ran would leave its file
    folder = tmp_path / "in"
    folder.mkdir()
    built = item.build(folder)
    target = built if how == "path" else folder
    before = _tree(tmp_path)

    app = NianbaoApp(target, poll_interval=60)
    messages = Messages()
    async with app.run_test(size=(120, 40), message_hook=messages) as pilot:
        await ready(pilot)
        main = app.main
        shown = screen_text(app)
        assert "\x1b" not in shown and "\x07" not in shown
        assert not any(note.startswith("Internal error") for note in messages.notes), messages.notes
        current = main.current
        assert current is not None

        if not main.files:  # nothing to list: the status line says why, naming the path
            assert item.name in ("folder-named-like-file", "dangling-symlink")
            status = str(main.status.render())
            assert built.name in status or folder.name in status, status
            assert "dangling" in status or "no report files" in status, status
            assert any(built.name in note or folder.name in note for note in messages.notes)
        elif current.unreadable:
            assert item.unreadable, f"{item.name}: {current.error}"
            assert [f.code for f in main.findings.all_findings] == ["E001"]
            assert "E001" in shown
            assert f"{built.name}: {current.error}" in shown  # the status line
        else:
            assert not item.unreadable or how == "folder", item.name
            report = current.report
            assert report is not None
            assert main.source.document.line_count >= 1
            assert f"Source {main.display_path(current.path)}" in shown
            lines = report.line_index.line_count
            assert f"{report.source.encoding} · {lines} line{'' if lines == 1 else 's'}" in shown
            assert "Findings" in shown
            if item.name in _MORE:
                await _MORE[item.name](pilot, app, messages)

        await _walk_around(pilot, app)

    assert _tree(tmp_path) == before  # nothing written, renamed, created or removed
    assert not (tmp_path / "pwned").exists()


async def test_markup_and_escapes_in_a_report_show_literally_and_do_nothing(tmp_path: Path):
    item = next(item for item in CATALOGUE if item.name == "markup-and-escapes")
    path = item.build(tmp_path)
    before = _tree(tmp_path)
    app = NianbaoApp(path, poll_interval=60)
    async with app.run_test(size=(200, 50)) as pilot:
        await ready(pilot)
        await pilot.press("5", "g", "z")  # the source view, at the top, zoomed
        await pilot.pause()
        shown = screen_text(app)
        assert "[bold red]假标题[/] [link=https://example.com]x[/link]" in shown
        # ESC and BEL arrive as visible pictures, never as control codes.
        assert "[@click=app.quit]q[/] ␛]0;pwned␇␛[31m红␛[0m" in shown
        assert "\x1b" not in shown and "\x07" not in shown
        # A click on "[@click=app.quit]" is a click on text, not an action.
        row = next(y for y, line in enumerate(shown.splitlines()) if "[@click=" in line)
        line = shown.splitlines()[row]
        column = cell_len(line[:line.index("[@click=")]) + 3
        assert await pilot.click(offset=(column, row))
        await pilot.pause()
        assert app.is_running
        assert app.title == "nianbao"
        assert isinstance(app.focused, SourceView)
    assert _tree(tmp_path) == before


def test_rows_and_lines_map_both_ways(tmp_path: Path) -> None:
    from nianbao.parser.core.check import read_report

    long = "规" * (ROW_CHARS * 2 + 5)
    path = tmp_path / "r.txt"
    path.write_text(f"a\n{long}\r\nb\n", encoding="utf-8")
    report = read_report(path)
    text = prepare(report)
    assert text.first_rows == [0, 1, 4, 5]
    assert text.document.line_count == 6
    assert text.to_row(1, 0) == (1, 0)
    assert text.to_row(1, ROW_CHARS) == (2, 0)
    assert text.to_row(1, len(long)) == (3, 5)  # the line's end stays on its last row
    assert text.to_row(2, 0) == (4, 0)
    assert text.to_line(3, 5) == (1, ROW_CHARS * 2 + 5)
    assert text.to_line(4) == (2, 0)
    assert [text.is_first_row(row) for row in range(5)] == [True, True, False, False, True]
    assert text.row_parts(1, ROW_CHARS - 1, ROW_CHARS + 1) == [(1, ROW_CHARS - 1, ROW_CHARS),
                                                                (2, 0, 1)]
    assert text.row_parts(1, len(long), len(long) + 1) == [(3, 5, 6)]
    path.write_text("a\nb\n", encoding="utf-8")
    plain = prepare(read_report(path))
    assert plain.first_rows is None and plain.to_row(1, 1) == (1, 1) == plain.to_line(1, 1)


async def test_two_thousand_files_are_listed_before_their_badges(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for index in range(2000):
        (folder / f"{index:04d}.txt").write_text(
            f"朔州市第{index}局2020年政府信息公开工作年度报告\n一、总体情况\n", encoding="utf-8")
    before = _tree(tmp_path)
    # Badges wait at a gate: whatever is on screen before it opens did not wait for them.
    gate = gate_loads(monkeypatch, "0000.txt", timeout=20)
    app = NianbaoApp(folder, poll_interval=60, jobs=1)  # read in the thread, where the gate is
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(200):
                await pilot.pause(0.02)
                if app.main.current is not None:
                    break
            main = app.main
            picker = main.picker
            assert len(picker.files) == 2000
            shown = screen_text(app)
            assert "0000.txt" in shown and "0010.txt" in shown
            assert "many/ checking" in shown and "/2000" in shown
            assert picker.state(folder / "1999.txt") is None  # its badge is still to come
            await pilot.press("G")  # the last file is there to walk to
            await pilot.pause()
            assert picker.cursor_path == folder / "1999.txt"
            assert "1999.txt" in screen_text(app)
            gate.set()  # and now they fill in, the list staying as it is
            for _ in range(400):
                await pilot.pause(0.05)
                if sum(picker.state(path) is not None for path in picker.files) > 300:
                    break
            assert picker.state(folder / "0200.txt") is not None
            assert len(picker.files) == 2000
    finally:
        gate.set()
    assert _tree(tmp_path) == before
