"""The defects issue 15 saw on real reports, each held by a test written before its fix.

One-line pages (a whole report on a line, from web archives), a finding read whole,
the picker's rows, colours in 16 and 256 colours, and the smaller things a reviewer
trips over: what the status line calls a cell, wrapping ``[``/``]``, ``y`` on a blank
cell, reload toasts, a partial file, go-to-line past the end and ``ctrl+r``.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.color import ColorSystem
from textual.pilot import Pilot
from tui_helpers import ROOT, ready, sample, screen_text, slip

from nianbao.parser.rules.catalog import get_rule
from nianbao.tui.app import NianbaoApp
from nianbao.tui.loader import Counts, Summary
from nianbao.tui.widgets.findings_panel import FindingsList
from nianbao.tui.widgets.source_view import SourceView

REAL = ROOT / "tests" / "data" / "real" / "texts"
ONE_LINE = REAL / "pingtan_2023_oneline.txt"
SIZES = [(80, 24), (120, 40)]


def one_line_copy(folder: Path, source: Path = ONE_LINE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    shutil.copyfile(source, target)
    return target


def notes(app: NianbaoApp) -> list[str]:
    return list(app.notes)


def marked_rows(source: SourceView, kind: str) -> list[tuple[int, str]]:
    """The rows of the pane (0 = its top) where a ``kind`` mark shows, and its text there.

    Only what the pane shows counts: each drawn row is cut to the pane's width.
    """
    style = source.get_component_rich_style(f"source-view--{kind}")
    width = source.scrollable_content_region.width
    found = []
    for y in range(source.scrollable_content_region.height):
        strip = source.render_line(y).crop(0, width)
        text = "".join(seg.text for seg in strip if seg.style is not None
                       and seg.style.bgcolor == style.bgcolor)
        if text.strip():
            found.append((y, text))
    return found


def gutters(source: SourceView) -> list[str]:
    rows = [list(source.render_line(y)) for y in range(source.scrollable_content_region.height)]
    return [row[0].text.strip() if row else "" for row in rows]


_FRAME = re.compile(r"[\s│─╭╮╰╯┃━▁▂▃▄▅▆▇█▉▊▋▌▍▎▏↪]")


def flat(text: str) -> str:
    """Text as read across wrapped rows: no spaces, frames, scrollbars or wrap marks."""
    return _FRAME.sub("", text)


# ---------------------------------------------------------------- 1. one-line pages


async def test_a_one_line_page_wraps_with_its_continuation_rows_marked(tmp_path: Path):
    path = one_line_copy(tmp_path / "reports")
    app = NianbaoApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        source = app.main.source
        assert source.soft_wrap  # lines wider than the pane wrap without asking
        await pilot.press("ctrl+g", "1", "0", "enter")
        await pilot.pause()
        await pilot.press("ctrl+g", "1", "0", "enter")  # the line at the top of the pane
        await pilot.pause()
        shown = gutters(source)
        top = shown.index("10")
        after = shown[top + 1:]
        assert after, shown
        # Every row after the line's first is marked as its continuation, unnumbered.
        assert len(set(after)) == 1 and after[0] and not after[0].isdigit(), shown
        # The rows read on: the text of line 10 from its start, wrapped, not cut.
        line = app.main.current.report.line_index.line_text(10)
        assert flat(line[:120]) in flat(screen_text(app))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_finding_on_a_one_line_page_is_centred_in_view(tmp_path: Path,
                                                               size: tuple[int, int]):
    path = one_line_copy(tmp_path / "reports")
    app = NianbaoApp(path)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        main = app.main
        source = main.source
        findings = main.findings.all_findings
        report = main.current.report
        longest = max(range(1, report.line_index.line_count + 1),
                      key=lambda n: len(report.line_index.line_text(n)))
        assert main.chosen == findings[0]
        deep = [f for f in findings
                if f.start is not None and report.position(f.start).line == longest
                and report.position(f.start).column > 200]
        assert deep
        for index, finding in enumerate(findings):
            if index:
                await pilot.press("right_square_bracket")
                await pilot.pause()
            assert main.chosen == finding
            if finding not in deep:
                continue
            rows = marked_rows(source, finding.severity)
            assert rows, f"{finding.code} at {report.position(finding.start)} is not in view"
            # Its first row is the middle row of the pane (or as near as the text allows).
            height = source.scrollable_content_region.height
            first = rows[0][0]
            assert abs(first - (height - 1) // 2) <= 1 or source.scroll_y in (
                0, source.max_scroll_y), (finding.code, first, height)
            marked = report.text[finding.start:finding.end]
            assert flat(rows[0][1])[:2] == flat(marked)[:2]
        # Unwrapped (w), the view scrolls sideways to the mark as well.
        await pilot.press("5", "w")
        assert not source.soft_wrap
        target = deep[0]
        while main.chosen != target:
            await pilot.press("right_square_bracket")
        await pilot.pause()
        rows = marked_rows(source, target.severity)
        assert rows, f"{target.code} at {report.position(target.start)} is not in view"


# ---------------------------------------------------------------- 2. a finding read whole


async def read_zoomed_detail(pilot: Pilot[None], app: NianbaoApp) -> str:
    """Every page of the enlarged findings pane's detail, scrolled through with keys."""
    pages = [screen_text(app)]
    await pilot.press("tab")  # into the detail
    for _ in range(40):
        await pilot.press("pagedown")
        await pilot.pause()
        page = screen_text(app)
        if page == pages[-1]:
            break
        pages.append(page)
    return "\n".join(pages)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_z_on_the_findings_shows_the_whole_finding(reports: Callable[..., Path],
                                                         size: tuple[int, int]):
    path = slip(reports())
    app = NianbaoApp(path)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        main = app.main
        await pilot.press("4")
        before = main.findings.outer_size.height
        await pilot.press("z")
        await pilot.pause()
        assert app.screen.maximized is main.findings
        assert main.findings.outer_size.height > before
        assert main.findings.region.bottom <= size[1]  # fits the terminal
        finding = main.chosen
        assert finding is not None and finding.code == "A001"
        report = main.current.report
        shown = flat(await read_zoomed_detail(pilot, app))
        assert flat(finding.message) in shown
        assert flat(finding.help) in shown
        # Every cell it is about: where it sits in the template, its value and its place.
        assert flat("表3 一、本年新收政府信息公开申请数量 × 总计") in shown
        for ref in finding.cells:
            cell = report.tables[ref.table].cells[ref.id]
            assert flat(f"“{cell.raw}” {report.position(cell.start)}") in shown, ref
        for place in finding.related:
            assert flat(place.message) in shown
        # The rule's explanation, as `nianbao rules A001` gives it.
        rule = get_rule("A001")
        assert rule is not None
        for heading in ("What it does", "Why is this bad?", "How to fix"):
            assert flat(heading) in shown
        assert flat(rule.section("How to fix")) in shown
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.maximized is None


async def test_a_long_message_is_read_whole_at_80x24(tmp_path: Path):
    path = one_line_copy(tmp_path / "reports")
    app = NianbaoApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        main = app.main
        # The first finding whose message is longer than the list is wide (M003).
        index = next(i for i, f in enumerate(main.findings.all_findings)
                     if len(f.message) > 80)
        await pilot.press("4", *["j"] * index)
        await pilot.pause()
        finding = main.chosen
        assert finding is not None and len(finding.message) > 80
        await pilot.press("z")
        await pilot.pause()
        assert flat(finding.message) in flat(screen_text(app))


# ---------------------------------------------------------------- 3. the picker


async def test_picker_names_line_up_are_cut_with_an_ellipsis_and_never_scroll_sideways(
        tmp_path: Path):
    folder = tmp_path / "reports"
    one_line_copy(folder)  # 1E 28W: a wide badge
    shutil.copyfile(sample("004"), folder / sample("004").name)  # ✓ or a narrow badge
    long_name = "平潭综合实验区管委会办公室2023年度政府信息公开工作年度报告（网页存档）.txt"
    shutil.copyfile(sample("005"), folder / long_name)
    app = NianbaoApp(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        picker = app.main.picker
        # A badge as wide as they come (the real texts' counts move as the parser
        # improves): the names move right together.
        path = folder / ONE_LINE.name
        picker.set_state(path, Summary(Counts(123, 45, 0), False))
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert "99+E 45W pingtan_2023_" in "\n".join(lines)
        starts = []
        for name in ("pingtan_2023_", "004_", "平潭综合"):
            row = next(line for line in lines if name in line)
            starts.append(row.index(name))
        assert len(set(starts)) == 1, starts  # names start in one column
        row = next(line for line in lines if "平潭综合" in line)
        inside = row.split("│")[1]
        assert inside.rstrip().endswith("…"), inside
        assert not picker.scrollbars_enabled[1]
        assert picker.max_scroll_x == 0


# ---------------------------------------------------------------- 4. colours


def rendered_row_styles(widget: FindingsList, y: int) -> set[tuple[object, bool]]:
    return {(seg.style.bgcolor, bool(seg.style.reverse)) for seg in widget.render_line(y)
            if seg.style is not None and seg.text.strip()}


async def test_ansi_dark_shows_borders_and_the_chosen_finding_without_focus(
        reports: Callable[..., Path]):
    path = slip(reports())
    app = NianbaoApp(path, theme="ansi-dark")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main = app.main
        await pilot.press("3")
        assert app.focused is main.table
        for pane in (main.source, main.findings, main.picker):
            color = pane.styles.border_top[1]
            # ANSI black (0) vanishes on a black terminal; "default" is the background.
            assert color.ansi not in (0, -1), (pane.id, color)
        listing = main.query_one(FindingsList)
        chosen = listing.highlighted
        assert chosen == 0
        assert rendered_row_styles(listing, 0) != rendered_row_styles(listing, 1)


async def test_the_current_source_line_stands_out_in_256_colours():
    app = NianbaoApp(sample("004"))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        source = app.main.source
        await pilot.press("5")
        await pilot.pause()
        row = source.cursor_location[0] - round(source.scroll_y)
        other = (row + 2) % source.scrollable_content_region.height

        def background(y: int) -> tuple[int, int, int]:
            strip = source.render_line(y)
            # The text's cells, past the gutter.
            segment = next(seg for seg in reversed(list(strip)) if seg.style is not None)
            color = segment.style.bgcolor
            assert color is not None
            triplet = color.downgrade(ColorSystem.EIGHT_BIT).get_truecolor()
            return (triplet.red, triplet.green, triplet.blue)

        current, plain = background(row), background(other)
        lightness = abs(sum(current) - sum(plain)) / 3
        assert lightness >= 20, (current, plain)


# ---------------------------------------------------------------- 5. smaller things


async def test_status_line_names_a_cell_as_the_template_does():
    app = NianbaoApp(sample("004"))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main = app.main
        await pilot.press("3")
        while main.table.table != "applications":
            await pilot.press("t")
        main.table.move_to("granted.total")
        await pilot.pause()
        status = str(main.status.render())
        assert "表3 （一）予以公开 × 总计" in status
        assert "granted.total" not in status and "applications:" not in status
        main.table.move_to("denied.state_secret.natural_person")
        await pilot.pause()
        assert "表3 （三）不予公开 1.属于国家秘密 × 自然人" in str(main.status.render())


async def test_stepping_past_the_ends_of_the_findings_says_it_wrapped(
        reports: Callable[..., Path]):
    path = slip(reports())
    app = NianbaoApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main = app.main
        findings = main.findings.all_findings
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert main.chosen == findings[-1]
        assert any("last finding" in note for note in notes(app)), notes(app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert main.chosen == findings[0]
        assert any("first finding" in note for note in notes(app)), notes(app)


async def test_y_on_a_blank_cell_copies_nothing_and_says_why(reports: Callable[..., Path]):
    folder = reports("000")
    app = NianbaoApp(folder / sample("000").name)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main = app.main
        await pilot.press("3")
        while main.table.table != "applications":
            await pilot.press("t")
        assert main.table.move_to("new_received.natural_person")
        assert main.table.cell("new_received.natural_person").kind == "blank"
        app.copy_to_clipboard("before")
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == "before"
        said = notes(app)[-1]
        assert "Nothing copied" in said and "blank" in said, said
        assert "表3 一、本年新收政府信息公开申请数量 × 自然人" in said, said


async def test_no_reloaded_toast_when_nothing_changed(reports: Callable[..., Path]):
    folder = reports("004")
    path = folder / sample("004").name
    app = NianbaoApp(path, poll_interval=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main = app.main
        first = main.current
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
        for _ in range(100):
            await pilot.pause(0.02)
            if main.current is not first and not main.session.reading:
                break
        assert main.current is not first  # read again: its time changed
        await pilot.press("ctrl+r")
        await ready(pilot)
        assert not any(note.startswith("Reloaded") for note in notes(app)), notes(app)


async def test_a_partial_file_opens_on_the_table_it_has(tmp_path: Path):
    folder = tmp_path / "reports"
    folder.mkdir()
    lines = sample("004").read_text(encoding="utf-8").splitlines(keepends=True)
    cut = next(i for i, line in enumerate(lines) if line.startswith("三、收到和处理"))
    path = folder / "004_partial.txt"
    path.write_text("".join(lines[:cut]), encoding="utf-8")
    app = NianbaoApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main = app.main
        assert main.current.report.tables["active_disclosure"].found
        assert main.table.table == "active_disclosure"
        assert "not found" not in str(main.table.border_title)


async def test_goto_line_past_the_end_says_so():
    app = NianbaoApp(sample("004"))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        last = app.main.source.line_count
        await pilot.press("ctrl+g", *"99999", "enter")
        await pilot.pause()
        assert app.main.source.line == last
        said = [note for note in notes(app) if "99999" in note]
        assert said and str(last) in said[-1], notes(app)


async def test_ctrl_r_reads_the_whole_folder_again(reports: Callable[..., Path]):
    folder = reports("003", "004")
    app = NianbaoApp(folder, poll_interval=60)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main = app.main
        assert len(main.files) == 2
        added = folder / "010_added.txt"
        shutil.copyfile(sample("005"), added)
        other = folder / sample("004").name
        if main.current_path == other:
            other = folder / sample("003").name
        slipped = slip(folder)
        slipped.replace(other)  # a file not open changes on disk
        await pilot.press("ctrl+r")
        await pilot.pause()
        await ready(pilot)
        assert added in main.files
        assert main.picker.state(added) is not None
        state = main.picker.state(other)
        assert state is not None and state.counts.errors >= 1
