"""SVG snapshots of the folder views (issue 15): the overview and an agency's years of
a folder with seven years of one agency, at 80×24 and 120×40; the overview of a
district's year with the government's report beside the departments' totals.

The folders are generated (``tests.generator.folders``) into a folder of a stable
name, so no tmp path reaches an SVG. Update: --snapshot-update.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nianbao.tui.app import NianbaoApp
from nianbao.tui.shoot import settle, show_view
from tests.generator import folders

SIZES = [(80, 24), (120, 40)]


def _run_before(view: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await show_view(pilot, view)

    return run_before


@pytest.fixture
def seven_years(tmp_path: Path) -> Path:
    folder = tmp_path / "years"
    folders.agency_years(7).write(folder)
    return folder


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", ["overview", "years"])
def test_seven_years_of_one_agency(snap_compare, seven_years: Path, view: str,
                                   size: tuple[int, int]) -> None:
    assert snap_compare(NianbaoApp(seven_years), terminal_size=size,
                        run_before=_run_before(view))


def test_a_districts_year_with_its_government(snap_compare, tmp_path: Path) -> None:
    folder = tmp_path / "city"
    folders.city_year(7).write(folder)
    assert snap_compare(NianbaoApp(folder), terminal_size=(120, 40),
                        run_before=_run_before("overview"))
