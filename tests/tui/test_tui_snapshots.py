"""SVG snapshots of the whole UI (pytest-textual-snapshot). Update: --snapshot-update.

Each app is shown once it has settled (report on screen, every badge in). Paths
are shown relative to the opened folder, so tmp folders never reach an SVG.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_tui_defects import ONE_LINE, marked_rows
from tui_helpers import copy_samples, sample, slip

from nianbao.tui.app import NianbaoApp
from nianbao.tui.shoot import settle

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("seed", ["001", "004"])
def test_seed(snap_compare, seed: str, size: tuple[int, int]) -> None:
    assert snap_compare(NianbaoApp(sample(seed)), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_arithmetic_error_highlights_its_cells(snap_compare, tmp_path: Path,
                                              size: tuple[int, int]) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    app = NianbaoApp(slip(folder))

    async def go_to_the_cell(pilot) -> None:
        await settle(pilot)
        await pilot.press("4", "enter")  # the first finding (A001): cursor on its 总计 cell

    assert snap_compare(app, terminal_size=size, run_before=go_to_the_cell)


def test_sixteen_colours(snap_compare, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    app = NianbaoApp(slip(folder), theme="ansi-dark")
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def test_folder_at_80x24(snap_compare, tmp_path: Path) -> None:
    # The picker has the focus, so the sidebar shows beside the first report.
    folder = copy_samples(tmp_path / "reports", "000", "001", "002", "003", "004")
    assert snap_compare(NianbaoApp(folder), terminal_size=(80, 24), run_before=settle)


def test_help(snap_compare) -> None:
    async def open_help(pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")

    assert snap_compare(NianbaoApp(sample("004")), terminal_size=(100, 32), run_before=open_help)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_one_line_page_with_a_chosen_finding(snap_compare, tmp_path: Path,
                                             size: tuple[int, int]) -> None:
    # A real web-archive page: the report's body is one line of 8,000 characters.
    folder = tmp_path / "reports"
    folder.mkdir()
    path = folder / ONE_LINE.name
    shutil.copyfile(ONE_LINE, path)
    app = NianbaoApp(path)

    async def choose_a_finding_far_into_the_line(pilot) -> None:
        await settle(pilot)
        main = app.main
        report = main.current.report
        target = next(f for f in main.findings.all_findings
                      if f.start is not None and report.position(f.start).column > 400)
        while main.chosen != target:
            await pilot.press("right_square_bracket")
        await pilot.pause()
        assert marked_rows(main.source, target.severity)  # in view, before the picture

    assert snap_compare(app, terminal_size=size, run_before=choose_a_finding_far_into_the_line)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_finding_detail(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    # z on the findings: A001 whole, with its seven cells, its help and its rule.
    folder = tmp_path / "reports"
    folder.mkdir()
    app = NianbaoApp(slip(folder))

    async def zoom_the_findings(pilot) -> None:
        await settle(pilot)
        await pilot.press("4", "z")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=zoom_the_findings)
