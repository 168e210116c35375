"""Pilot tests: the TUI driven by keys, as a reviewer would use it."""

from __future__ import annotations

import contextlib
import gc
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.notifications import Notify
from tui_helpers import SAMPLES as SAMPLES_DIR
from tui_helpers import Messages, gate_loads, ready, sample, screen_text, slip

from nianbao.parser.core.check import read_report
from nianbao.parser.rules.checker import check_report
from nianbao.tui.app import NianbaoApp
from nianbao.tui.messages import ReportShown
from nianbao.tui.screens.help import HelpScreen
from nianbao.tui.screens.main import MainScreen
from nianbao.tui.text import badge
from nianbao.tui.widgets.file_picker import FilePicker
from nianbao.tui.widgets.findings_panel import FindingsList
from nianbao.tui.widgets.section_nav import SectionNav
from nianbao.tui.widgets.source_view import SourceView
from nianbao.tui.widgets.table_view import TableView

SEEDS = ("000", "001", "002", "003", "004")


def label_of(picker: FilePicker, path: Path) -> str:
    label = picker.row_label(path)
    assert label is not None, path
    return label.plain


async def test_opening_a_folder_lists_every_report_with_its_badge(reports: Callable[..., Path]):
    folder = reports(*SEEDS)
    app = NianbaoApp(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        picker = app.main.picker
        assert [p.name for p in picker.files] == sorted(sample(s).name for s in SEEDS)
        for path in picker.files:
            findings = check_report(read_report(path))
            errors = sum(f.severity == "error" for f in findings)
            warnings = sum(f.severity == "warning" for f in findings)
            expected = badge(errors, warnings).plain.strip()
            assert label_of(picker, path).split()[0] == expected.split()[0], path.name
            assert expected in label_of(picker, path)
        # The folder opens on its first report, with the picker focused to walk on.
        assert app.main.current_path == picker.files[0]
        assert isinstance(app.focused, FilePicker)
        text = screen_text(app)
        assert "reports/ 5" in text
        assert "000_7e335010be635ecf.txt" in text


async def test_badges_distinguish_clean_warned_and_broken_files(reports: Callable[..., Path]):
    folder = reports("003", "005")
    (folder / "zz_broken.txt").write_bytes(bytes(range(256)) * 40)
    app = NianbaoApp(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        picker = app.main.picker
        labels = {p.name: label_of(picker, p) for p in picker.files}
        assert "E" in labels["005_arithmetic_slip.txt"].split()[0]
        assert labels["zz_broken.txt"].split()[0] == "✗"
        assert all("…" not in label for label in labels.values())


async def test_walking_the_picker_previews_and_enter_opens(reports: Callable[..., Path]):
    folder = reports("001", "004")
    app = NianbaoApp(folder)
    messages = Messages()
    async with app.run_test(size=(120, 40), message_hook=messages) as pilot:
        await ready(pilot)
        assert app.main.current_path is not None and app.main.current_path.name.startswith("001")
        mark = messages.mark()
        await pilot.press("j")  # the preview opens once the cursor rests there
        await messages.wait(ReportShown, lambda m: m.loaded.path.name.startswith("004"),
                            after=mark)
        assert app.main.current_path.name.startswith("004")
        assert isinstance(app.focused, FilePicker)  # a preview keeps the focus in the picker
        await pilot.press("k", "enter")
        await pilot.pause()
        assert app.main.current_path.name.startswith("001")
        assert isinstance(app.focused, TableView)


async def test_opening_a_file_shows_its_table_findings_and_source():
    app = NianbaoApp(sample("001"))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main = app.main
        assert isinstance(app.focused, TableView)
        # It opens where the worst finding is, with that finding chosen.
        first = main.current.findings[0]
        assert main.chosen == first
        assert main.table.table == first.cells[0].table
        while main.table.table != "applications":
            await pilot.press("t")
        text = screen_text(app)
        for word in ("表3", "自然人", "商业企业", "法人或其他组织", "总计", "Findings",
                     "Source 001_"):
            assert word in text, word
        assert main.findings.all_findings == main.current.findings
        assert main.source.text.startswith("发布时间")


async def test_section_navigator_shows_tables_and_text(reports: Callable[..., Path]):
    app = NianbaoApp(sample("004"))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main = app.main
        await pilot.press("2")
        assert isinstance(app.focused, SectionNav)
        keys = main.sections.keys
        assert keys[:2] == ["preamble", "s1"] or keys[:3] == ["file", "preamble", "s1"]
        await pilot.press("g")  # first entry
        # Down to section 2: previewing moves the table along.
        while main.sections.current_key != "s2":
            await pilot.press("j")
        await pilot.pause()
        assert main.table.table == "active_disclosure"
        await pilot.press("j", "j")
        await pilot.pause()
        assert main.table.table == "review_litigation"
        await pilot.press("j", "enter")  # section 5 has no table: its text takes the room
        await pilot.pause()
        report = main.current.report
        section5 = report.section(5)
        assert main.has_class("-text-section")
        assert isinstance(app.focused, SourceView)
        assert main.source.line == report.position(section5.start).line
        assert not main.table.display or not main.table.is_on_screen
        await pilot.press("3")  # back to the table
        await pilot.pause()
        assert not main.has_class("-text-section")
        assert isinstance(app.focused, TableView)


async def test_table_cursor_moves_cell_by_cell_and_status_explains_it():
    app = NianbaoApp(sample("004"))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main = app.main
        await pilot.press("3")
        table = main.table
        if table.table != "applications":
            while table.table != "applications":
                await pilot.press("t")
        await pilot.press("g", "0")
        assert table.cursor_cell == "new_received.natural_person"
        await pilot.press("l")
        assert table.cursor_cell == "new_received.commercial"
        await pilot.press("right", "j", "down")
        # j skips the group row 三、本年度办理结果 between 二 and （一）.
        assert table.cursor_cell == "granted.research"
        await pilot.press("k", "h", "$")
        assert table.cursor_cell == "carried_over.total"
        await pilot.press("G")
        assert table.cursor_cell == "carried_forward.total"
        await pilot.press("g", "0", "l")
        await pilot.pause()
        cell = table.cell("new_received.commercial")
        position = main.current.report.position(cell.start)
        status = str(main.status.render())
        assert "表3 一、本年新收政府信息公开申请数量 × 商业企业" in status
        assert "商业企业" in status
        assert f"“{cell.raw}”" in status
        assert str(position) in status
        # The source follows the cursor and marks the cell.
        assert main.source.line == position.line
        assert main.source.marks["cell"] == [(cell.start, cell.end)]


async def test_choosing_a_finding_marks_its_cells_and_moves_the_source(
        reports: Callable[..., Path]):
    path = slip(reports())
    app = NianbaoApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main = app.main
        findings = main.findings.all_findings
        assert [f.code for f in findings[:2]] == ["A001", "A002"]
        await pilot.press("4")
        assert isinstance(app.focused, FindingsList)
        await pilot.press("j")  # previews A002
        await pilot.pause()
        a002 = findings[1]
        report = main.current.report
        assert main.chosen == a002
        assert main.source.line == report.position(a002.start).line
        assert main.source.marks[a002.severity] == [(a002.start, a002.end)]
        assert sorted(main.source.marks["related"]) == sorted(
            (r.start, r.end) for r in a002.related)
        await pilot.press("enter")  # goes there: the table cursor lands on the cell at fault
        await pilot.pause()
        assert isinstance(app.focused, TableView)
        primary = [ref for ref in a002.cells
                   if main.table.cell(ref.id) is not None
                   and main.table.cell(ref.id).start == a002.start]
        assert primary, a002.cells
        assert main.table.marks[0] == frozenset(primary)
        assert f"applications:{main.table.cursor_cell}" == str(primary[0])
        assert main.table.marks[1]  # the summed cells are marked too
        assert main.table.marks[1] <= set(a002.cells) | {r.cell for r in a002.related}


async def test_brackets_step_through_findings_from_any_pane(reports: Callable[..., Path]):
    path = slip(reports())
    app = NianbaoApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main = app.main
        findings = main.findings.all_findings
        assert main.chosen == findings[0]  # the worst finding is shown on opening
        await pilot.press("3", "right_square_bracket")
        assert main.chosen == findings[1]
        assert isinstance(app.focused, TableView)  # ] works where you are
        await pilot.press("right_square_bracket")
        assert main.chosen == findings[2 % len(findings)]
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert main.chosen == findings[0]
        await pilot.press("left_square_bracket")  # wraps to the last
        assert main.chosen == findings[-1]


async def test_live_reload_rechecks_within_a_second_and_keeps_the_place(
        reports: Callable[..., Path]):
    folder = reports("004")
    path = folder / sample("004").name
    app = NianbaoApp(path, poll_interval=0.1)
    messages = Messages()
    async with app.run_test(size=(120, 40), message_hook=messages) as pilot:
        await ready(pilot)
        main = app.main
        assert not any(f.code.startswith("A") for f in main.current.findings)
        await pilot.press("3")
        while main.table.table != "applications":
            await pilot.press("t")
        await pilot.press("g", "$")
        assert main.table.cursor_cell == "new_received.total"
        mark = messages.mark()
        slip(folder).replace(path)  # the file is rewritten on disk
        await messages.wait(ReportShown, lambda m: any(f.code == "A001"
                                                       for f in m.loaded.findings), after=mark)
        assert any(f.code == "A001" for f in main.current.findings)
        assert main.table.table == "applications"
        assert main.table.cursor_cell == "new_received.total"  # the place is kept
        assert "5" in main.table.cell("new_received.commercial").raw
        assert app.main.picker.state(path).counts.errors >= 1  # and the badge follows


async def test_help_screen_lists_every_pane_and_closes(reports: Callable[..., Path]):
    app = NianbaoApp(sample("001"))
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for heading in ("Everywhere", "Files", "Sections", "Table", "Findings", "Source"):
            assert heading in text
        for key, what in (("]", "Next finding"), ("/", "Filter"), ("e", "Edit")):
            assert what in text and key in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_a_binary_file_shows_its_error_and_the_app_keeps_going(tmp_path: Path):
    folder = tmp_path / "reports"
    folder.mkdir()
    broken = folder / "000_broken.txt"
    broken.write_bytes(b"\x00\x01\x02\xff\xfe" * 2000)
    (folder / "001_ok.txt").write_bytes(sample("001").read_bytes())
    app = NianbaoApp(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main = app.main
        assert main.current_path == broken
        assert main.current.unreadable
        assert [f.code for f in main.findings.all_findings] == ["E001"]
        text = screen_text(app)
        assert "E001" in text
        assert "cannot be read" in text
        await pilot.press("j", "enter")  # the next file opens normally
        await pilot.pause()
        assert main.current_path == folder / "001_ok.txt"
        assert main.current.report is not None
        assert "表" in screen_text(app)
        assert "cannot be read" not in screen_text(app)


async def test_filter_narrows_the_findings(reports: Callable[..., Path]):
    path = slip(reports())
    app = NianbaoApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main = app.main
        total = len(main.findings.all_findings)
        await pilot.press("slash", *"a002")
        await pilot.pause()
        assert [f.code for f in main.findings.findings] == ["A002"]
        assert main.chosen is not None and main.chosen.code == "A002"
        await pilot.press("enter")
        assert isinstance(app.focused, FindingsList)
        await pilot.press("escape")
        await pilot.pause()
        assert len(main.findings.findings) == total


async def test_y_copies_the_cell_and_the_finding(reports: Callable[..., Path]):
    path = slip(reports())
    app = NianbaoApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main = app.main
        await pilot.press("4", "y")
        first = main.findings.all_findings[0]
        assert app.clipboard.startswith(f"{path}:")
        assert f"{first.code} [error] {first.message}" in app.clipboard
        await pilot.press("enter", "y")  # into the table, on the cell at fault
        cell = main.table.cell(main.table.cursor_cell)
        assert app.clipboard == cell.raw


async def test_goto_line(reports: Callable[..., Path]):
    app = NianbaoApp(sample("004"))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+g", *"42", "enter")
        await pilot.pause()
        assert app.main.source.line == 42
        assert isinstance(app.focused, SourceView)
        await pilot.press("colon", *"7", "escape")  # escape puts the cursor back
        await pilot.pause()
        assert app.main.source.line == 42


async def test_e_opens_the_editor_at_the_line_and_rechecks(
        reports: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    folder = reports("004")
    path = folder / sample("004").name
    script = tmp_path / "editor.py"
    log = tmp_path / "editor.log"
    script.write_text(
        "import sys, pathlib\n"
        f"pathlib.Path({str(log)!r}).write_text(' '.join(sys.argv[1:]))\n"
        "target = pathlib.Path(sys.argv[-1])\n"
        "text = target.read_text(encoding='utf-8')\n"
        "target.write_text(text.replace('\\t3\\t1\\t0\\t0\\t0\\t4\\t', '\\t5\\t1\\t0\\t0\\t0\\t4\\t', 1),"
        " encoding='utf-8')\n", encoding="utf-8")
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    app = NianbaoApp(path, poll_interval=60)  # only the return from the editor may re-read
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    messages = Messages()
    async with app.run_test(size=(120, 40), message_hook=messages) as pilot:
        await ready(pilot)
        mark = messages.mark()
        await pilot.press("ctrl+g", *"63", "enter", "e")
        await messages.wait(ReportShown, lambda m: any(f.code == "A001"
                                                       for f in m.loaded.findings), after=mark)
        assert log.read_text() == f"+63 {path}"
        assert any(f.code == "A001" for f in app.main.current.findings)


async def test_at_80_columns_the_sidebar_shows_only_while_used(reports: Callable[..., Path]):
    folder = reports("001", "004")
    app = NianbaoApp(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        sidebar = app.main.query_one("#sidebar")
        assert app.main.has_class("-narrow")
        assert sidebar.display  # the picker has the focus
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.focused, TableView)
        assert not sidebar.is_on_screen
        while app.main.table.table != "applications":
            await pilot.press("t")
        text = screen_text(app)
        assert "自然人" in text and "总计" in text
        await pilot.press("1")
        await pilot.pause()
        assert sidebar.is_on_screen
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert not sidebar.is_on_screen


async def test_report_text_is_never_markup_nor_escape_codes(tmp_path: Path):
    folder = tmp_path / "[bold]reports"
    folder.mkdir()
    hostile = folder / "[red]x[@click=app.quit]y.txt"
    text = sample("004").read_text(encoding="utf-8")
    hostile.write_text(text.replace("朔州市科技局", "[bold]朔州[/bold]\x1b[31m市科技局\x07", 1),
                       encoding="utf-8")
    app = NianbaoApp(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        shown = screen_text(app)
        assert "[red]x[@click=app.quit]y.txt" in shown
        assert "[bold]reports/" in shown
        assert "\x1b" not in shown
        line = app.main.source.document.get_line(2)
        assert "[bold]朔州[/bold]␛[31m市科技局␇" in line


async def test_palette_offers_pane_commands_and_files(reports: Callable[..., Path]):
    folder = reports("001", "004")
    app = NianbaoApp(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        titles = [c.title for c in app.get_system_commands(app.main)]
        for title in ("Everywhere: Filter the findings", "Everywhere: Open $EDITOR at this line",
                      "Everywhere: Next finding",
                      "Table: Copy the cell's text", "Findings: Go to", "Source: Wrap",
                      "Files: Open"):
            assert title in titles, title
        assert f"Open: {sample('004').name}" in titles


async def test_hundreds_of_files_show_before_their_badges(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "many"
    folder.mkdir()
    data = sample("004").read_bytes()
    for index in range(200):
        (folder / f"{index:03d}.txt").write_bytes(data)
    gate = gate_loads(monkeypatch, "000.txt", timeout=10)
    app = NianbaoApp(folder, jobs=1)  # read in the thread, where the gate is
    messages = Messages()
    async with app.run_test(size=(120, 40), message_hook=messages) as pilot:
        await messages.wait(ReportShown)  # the first report, while the badges wait
        picker = app.main.picker
        assert len(picker.files) == 200
        assert app.main.current is not None  # the first report is readable at once
        assert "…" in label_of(picker, folder / "199.txt")  # its badge still pending
        assert "checking" in screen_text(app)
        gate.set()
        await ready(pilot)
        assert "…" not in label_of(picker, folder / "199.txt")


async def test_keys_typed_ahead_reach_the_filter_and_the_line_box():
    from textual import events
    from textual.widgets import Input

    app = NianbaoApp(SAMPLES_DIR)
    messages = Messages()
    async with app.run_test(size=(100, 30), message_hook=messages) as pilot:
        await ready(pilot)
        # As a terminal delivers them in one read: all queued before any is handled.
        mark = messages.mark()
        for key, char in (("4", "4"), ("slash", "/"), ("A", "A"), ("0", "0"), ("0", "0")):
            app.post_message(events.Key(key, char))
        await messages.wait(Input.Changed, lambda m: m.value == "A00", after=mark)
        assert app.main.query_one("#findings-filter", Input).value == "A00"
        await pilot.press("escape", "3")
        mark = messages.mark()
        for key, char in (("colon", ":"), ("4", "4"), ("2", "2")):
            app.post_message(events.Key(key, char))
        await messages.wait(Input.Changed, lambda m: m.value == "42", after=mark)
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.source.line == 42


async def test_z_zooms_the_focused_pane_and_escape_restores_it():
    app = NianbaoApp(sample("004"))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("4", "z")
        assert app.screen.maximized is app.main.findings
        await pilot.press("escape")
        assert app.screen.maximized is None
        await pilot.press("5", "z")
        assert app.screen.maximized is app.main.source


async def test_palette_opens_a_file_by_name(reports: Callable[..., Path]):
    folder = reports("001", "003", "004")
    app = NianbaoApp(folder)
    messages = Messages()
    async with app.run_test(size=(100, 30), message_hook=messages) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"open 003")
        # The palette searches in a worker; its hits are listed once it is done.
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Open: 003_" in screen_text(app)
        mark = messages.mark()
        await pilot.press("enter")
        await messages.wait(ReportShown, lambda m: m.loaded.path.name.startswith("003"),
                            after=mark)
        await pilot.pause()
        assert app.main.current_path == folder / sample("003").name
        assert isinstance(app.focused, TableView)


async def test_findings_across_reports_reach_badges_and_the_open_file(
        reports: Callable[..., Path], monkeypatch: pytest.MonkeyPatch):
    from nianbao.parser.model.findings import Finding
    from nianbao.tui import loader

    folder = reports("003", "004")
    later = folder / sample("004").name
    y001 = Finding(code="Y001", severity="warning", message="carried over 3, not 0",
                   path=str(later), start=0, end=1)

    def across(views):
        assert {v.path for v in views} == {str(p) for p in folder.iterdir()}
        return {str(later): [y001]}

    monkeypatch.setattr(loader, "check_across", across)
    app = NianbaoApp(folder)
    messages = Messages()
    async with app.run_test(size=(120, 40), message_hook=messages) as pilot:
        await ready(pilot)
        main = app.main
        own = check_report(read_report(later))
        warnings = sum(f.severity == "warning" for f in own) + 1
        assert main.picker.state(later).counts.warnings == warnings
        await pilot.press("j", "enter")
        await pilot.pause()
        assert y001 in main.current.findings
        later.write_bytes(later.read_bytes() + b"\n")  # a re-read keeps them
        mark = messages.mark()
        await pilot.press("ctrl+r")
        await messages.wait(ReportShown, lambda m: m.loaded.path == later
                            and m.loaded.signature == loader.signature(later), after=mark)
        await ready(pilot)
        assert y001 in main.current.findings
        assert main.picker.state(later).counts.warnings == warnings


async def test_a_big_folder_gets_its_badges_from_worker_processes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from nianbao.tui import pool

    folder = tmp_path / "big"
    folder.mkdir()
    names = (*SEEDS, "005")
    for index in range(pool.POOL_MIN_FILES + 2):
        source = sample(names[index % len(names)])
        (folder / f"{index:03d}_{source.name}").write_bytes(source.read_bytes())
    (folder / "zz_broken.txt").write_bytes(bytes(range(256)) * 40)
    started: list[int] = []
    real_init = pool.BadgePool.__init__

    def spy_init(self: pool.BadgePool, workers: int) -> None:
        started.append(workers)
        real_init(self, workers)

    monkeypatch.setattr(pool.BadgePool, "__init__", spy_init)
    # What changes the whole process happens on the UI thread, never in a worker.
    threads: dict[str, list[bool]] = {"freeze": [], "helpers": []}
    real_freeze, real_helpers = gc.freeze, pool.start_helpers

    def on_main_thread(what: str, real: Callable[[], None]) -> Callable[[], None]:
        def call() -> None:
            threads[what].append(threading.current_thread() is threading.main_thread())
            real()
        return call

    monkeypatch.setattr(gc, "freeze", on_main_thread("freeze", real_freeze))
    monkeypatch.setattr(pool, "start_helpers", on_main_thread("helpers", real_helpers))
    monkeypatch.setattr(MainScreen, "_frozen", False)
    app = NianbaoApp(folder, jobs=2)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        picker = app.main.picker
        assert started == [2]
        assert threads == {"freeze": [True], "helpers": [True]}
        assert len(picker.files) == pool.POOL_MIN_FILES + 3
        expected_by_seed: dict[str, str] = {}
        for path in picker.files:
            if path.name == "zz_broken.txt":
                assert label_of(picker, path).split()[0] == "✗"
                continue
            seed = path.name.split("_", 1)[1]
            if seed not in expected_by_seed:
                findings = check_report(read_report(path))
                errors = sum(f.severity == "error" for f in findings)
                warnings = sum(f.severity == "warning" for f in findings)
                expected_by_seed[seed] = badge(errors, warnings).plain.strip()
            assert expected_by_seed[seed] in label_of(picker, path), path.name
        assert "checking" not in screen_text(app)


def test_small_folders_and_one_job_are_read_in_the_thread():
    from nianbao.tui.pool import POOL_MIN_FILES, pool_size

    assert pool_size(0, POOL_MIN_FILES - 1) == 0
    assert pool_size(1, 10_000) == 0
    assert pool_size(2, POOL_MIN_FILES) == 2
    assert pool_size(8, POOL_MIN_FILES) == 8


async def test_badges_still_come_when_no_worker_process_can_start(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from nianbao.tui import pool

    folder = tmp_path / "big"
    folder.mkdir()
    data = sample("004").read_bytes()
    # One more than the pool's minimum: the first file is read on its own, when opened.
    for index in range(pool.POOL_MIN_FILES + 1):
        (folder / f"{index:03d}.txt").write_bytes(data)
    tried: list[int] = []

    def refuse(self: pool.BadgePool, workers: int) -> None:
        tried.append(workers)
        raise OSError("no semaphores here")

    monkeypatch.setattr(pool.BadgePool, "__init__", refuse)
    app = NianbaoApp(folder, jobs=2)
    messages = Messages()
    async with app.run_test(size=(120, 40), message_hook=messages) as pilot:
        await ready(pilot)
        picker = app.main.picker
        assert tried == [2]
        assert all(picker.state(path) is not None for path in picker.files)
        assert "Internal error" not in screen_text(app)
        assert not [note for note in messages.notes if "Internal error" in note]


async def test_toasts_are_plain_text_and_kept(tmp_path: Path):
    folder = tmp_path / "[bold]reports"
    folder.mkdir()
    path = folder / "[red]x[@click=app.quit]y.txt"
    path.write_bytes(sample("004").read_bytes())
    app = NianbaoApp(path, poll_interval=0.05)
    messages = Messages()
    async with app.run_test(size=(120, 40), notifications=True, message_hook=messages) as pilot:
        await ready(pilot)
        mark = messages.mark()
        path.unlink()  # the open file goes: a toast names it
        await messages.wait(Notify, after=mark)
        await pilot.pause()
        said = f"{path.name} is gone from the disk"
        assert any(note.startswith(said) for note in app.notes), app.notes
        assert said in screen_text(app)  # shown as written, not as markup
        assert app.is_running
