"""Pilot tests of the folder views (issue 15): the overview (``o``) and an agency's
years (``Y``), driven by keys on generated folders whose truth is known."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from tui_helpers import gate_loads, ready, screen_text, slip

from nianbao.parser.core.summary import KEY_FIGURES
from nianbao.tui.app import NianbaoApp
from nianbao.tui.screens.help import HelpScreen
from nianbao.tui.screens.main import MainScreen
from nianbao.tui.screens.overview import OverviewScreen
from nianbao.tui.screens.years import YearsScreen
from nianbao.tui.widgets.agency_years import AgencyYearsTable
from nianbao.tui.widgets.folder_overview import COLUMNS, FolderOverview
from nianbao.tui.widgets.table_view import TableView
from tests.generator import folders
from tests.generator.folders import key_figure

SIZE = (120, 40)


@pytest.fixture
def years_folder(tmp_path: Path) -> tuple[Path, folders.YearsFolder]:
    made = folders.agency_years(7)
    folder = tmp_path / "years"
    made.write(folder)
    return folder, made


@pytest.fixture
def mixed_folder(tmp_path: Path) -> tuple[Path, folders.CityFolder]:
    """A district's year, plus a report with arithmetic errors and a file that is no report."""
    made = folders.city_year(7)
    folder = tmp_path / "city"
    made.write(folder)
    slip(folder)  # 004_slip.txt: A001 and A002
    (folder / "empty.txt").write_bytes(b"")  # E001
    return folder, made


def names(table: FolderOverview) -> list[str]:
    return [Path(row.path).name for row in table.rows_shown]


def column(key: str) -> int:
    return [c.key for c in COLUMNS].index(key)


async def open_view(pilot, key: str) -> OverviewScreen | YearsScreen:
    app = pilot.app
    await pilot.press(key)
    for _attempt in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        if isinstance(screen, OverviewScreen | YearsScreen) and screen.computed:
            return screen
    raise AssertionError(f"{key} opened no folder view")


async def settled(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


# ------------------------------------------------------------------ the overview


async def test_the_overview_shows_every_report_with_its_figures(years_folder) -> None:
    folder, made = years_folder
    app = NianbaoApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await open_view(pilot, "o")
        assert isinstance(screen, OverviewScreen)
        table = screen.table
        assert names(table) == [f"{year}.txt" for year in made.years]
        for row, item in zip(table.rows_shown, made.reports, strict=True):
            assert row.year == item.truth.year and row.template == item.truth.template
            assert row.agency in made.agency.names
            for figure in KEY_FIGURES:
                assert row.value(figure.measure) == key_figure(item.truth, figure.measure)
            shown = app.main.picker.state(Path(row.path))
            assert shown is not None and row.errors == shown.counts.errors
            assert row.warnings == shown.counts.warnings
        # The cross-year findings are counted where they belong.
        [carry] = made.breaks["Y001"]
        assert "Y001" in next(r for r in table.rows_shown if r.year == carry).codes
        text = screen_text(app)
        assert "years/ 7 reports" in text
        assert str(made.value(2021, "applications", "new_received.total")) in text
        # One agency, one report a year: no totals worth a pane.
        assert not screen.totals.display


async def test_sorting_by_any_column(years_folder) -> None:
    folder, made = years_folder
    app = NianbaoApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await open_view(pilot, "o")
        table = screen.table
        new = {f"{year}.txt": made.value(year, "applications", "new_received.total")
               for year in made.years}
        # To the 本年新收 column, then s: the largest first; again: the smallest first.
        for _step in range(column("new_received")):
            await pilot.press("l")
        await pilot.press("s")
        assert names(table) == sorted(new, key=lambda n: -new[n])
        assert table.sort_key == "new_received"
        await pilot.press("s")
        assert names(table) == sorted(new, key=lambda n: new[n])
        # The year, the other way round.
        await pilot.press(*["h"] * (column("new_received") - column("year")), "s")
        assert names(table) == sorted(new)
        await pilot.press("s")
        assert names(table) == sorted(new, reverse=True)
        assert "by Year ▼" in screen_text(app)
        # The file column, by its heading (a click sorts as s does).
        await pilot.click(FolderOverview, offset=(3, 1))  # the heading row, under the frame
        await pilot.pause()
        assert table.sort_key == "file" and names(table) == sorted(new)


async def test_filters_errors_only_a_rule_and_a_text(mixed_folder) -> None:
    folder, made = mixed_folder
    app = NianbaoApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await open_view(pilot, "o")
        table = screen.table
        everything = names(table)
        assert len(everything) == len(made.reports) + 2
        await pilot.press("e")
        assert names(table) == ["004_slip.txt", "empty.txt"]
        assert "errors only" in screen_text(app)
        await pilot.press("e")
        assert names(table) == everything
        # A rule code …
        await pilot.press("c")
        assert screen.has_class("-filtering")
        await pilot.press(*"a001", "enter")
        assert names(table) == ["004_slip.txt"]
        assert table.code == "A001" and not screen.has_class("-filtering")
        # … or a family, with errors only on top.
        await pilot.press("c", "ctrl+u", "E", "enter")
        assert names(table) == ["empty.txt"]
        await pilot.press("c", "ctrl+u", "enter")
        assert names(table) == everything
        # A text in the name or in the agency.
        await pilot.press("slash", *"dept0", "enter")
        assert names(table) == [f"dept{i:02d}.txt" for i in range(1, len(made.departments) + 1)]
        await pilot.press("slash", "ctrl+u", *"人民政府", "enter")
        assert names(table) == ["government.txt"]
        # escape clears every filter; a second escape goes back to the report.
        await pilot.press("e", "escape")
        assert names(table) == everything
        assert not table.errors_only and not table.text and not table.code
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_escape_in_the_filter_box_keeps_the_filter(mixed_folder) -> None:
    folder, _made = mixed_folder
    app = NianbaoApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await open_view(pilot, "o")
        await pilot.press("slash", *"dept", "escape")
        assert not screen.has_class("-filtering") and screen.table.text == ""
        assert isinstance(app.screen, OverviewScreen)
        assert app.screen.focused is screen.table


async def test_n_and_N_jump_between_files_with_errors(mixed_folder) -> None:
    folder, _made = mixed_folder
    app = NianbaoApp(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        screen = await open_view(pilot, "o")
        table = screen.table
        assert names(table)[0] == "004_slip.txt"  # the cursor starts here
        await pilot.press("j", "j")
        await pilot.press("n")
        assert table.cursor_path is not None and Path(table.cursor_path).name == "empty.txt"
        await pilot.press("n")  # past the last: round to the first, and say so
        assert Path(table.cursor_path).name == "004_slip.txt"
        assert any("Back at the top" in note for note in app.notes)
        await pilot.press("N")
        assert Path(table.cursor_path).name == "empty.txt"
        await pilot.press("N")
        assert Path(table.cursor_path).name == "004_slip.txt"


async def test_n_opens_the_next_file_with_errors_from_the_report(mixed_folder) -> None:
    folder, _made = mixed_folder
    app = NianbaoApp(folder, jobs=1)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = app.main
        main.set_focus(main.table)
        await pilot.press("G")  # anywhere but the picker (whose n walks its own list)
        await pilot.press("n")
        await ready(pilot)
        assert main.current_path == folder / "empty.txt"
        await pilot.press("n")
        await ready(pilot)
        assert main.current_path == folder / "004_slip.txt"
        await pilot.press("N")
        await ready(pilot)
        assert main.current_path == folder / "empty.txt"


async def test_enter_opens_the_report_under_the_cursor(mixed_folder) -> None:
    folder, _made = mixed_folder
    app = NianbaoApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await open_view(pilot, "o")
        await pilot.press("slash", *"人民政府", "enter", "enter")
        await ready(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.main.current_path == folder / "government.txt"
        assert isinstance(app.focused, TableView)
        del screen


async def test_the_totals_per_year_beside_the_governments_report(mixed_folder) -> None:
    folder, made = mixed_folder
    app = NianbaoApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await open_view(pilot, "o")
        totals = screen.totals
        assert totals.display
        [year] = totals.years
        assert year.year == made.year
        # The slip (朔州 2020) is another year; the departments' year adds up the six.
        assert len(year.departments) == len(made.departments)
        for figure, total, difference in zip(KEY_FIGURES, year.totals,
                                             year.governments[0].differences, strict=True):
            assert total.value == made.total(figure.measure)
            assert difference == made.difference(figure.measure)
        text = screen_text(app)
        assert f"Σ {len(made.departments)} departments" in text
        assert f"+{made.difference('new_received')}" in text
        # enter on the government's row opens its report.
        screen.set_focus(totals)
        await pilot.press("j", "enter")
        await ready(pilot)
        assert app.main.current_path == folder / "government.txt"


async def test_the_overview_fills_in_as_the_badges_come(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    made = folders.agency_years(7)
    folder = tmp_path / "years"
    made.write(folder)
    gate = gate_loads(monkeypatch, "2019.txt", timeout=30)
    app = NianbaoApp(folder, jobs=1)
    async with app.run_test(size=SIZE) as pilot:
        for _attempt in range(500):
            await pilot.pause()
            if app.main.current is not None:
                break
        await pilot.press("o")
        for _attempt in range(500):
            await pilot.pause()
            if isinstance(app.screen, OverviewScreen) and app.screen.computed:
                break
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        assert len(screen.table.pending) == 6
        assert "checking 6" in screen_text(app)
        gate.set()
        for _attempt in range(1000):
            await settled(pilot)
            if app.main.badges_done and not screen.table.pending \
                    and screen.table.rows_shown[-1].year == 2025:
                break
        assert [row.year for row in screen.table.rows_shown] == list(made.years)
        assert any("Y001" in row.codes for row in screen.table.rows_shown)


# ------------------------------------------------------------------ an agency's years


async def test_the_years_side_by_side(years_folder) -> None:
    folder, made = years_folder
    app = NianbaoApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await open_view(pilot, "Y")
        assert isinstance(screen, YearsScreen)
        table = screen.table
        agency = table.agency
        assert agency is not None and agency.years == made.years
        text = screen_text(app)
        assert "7 years" in text and "1 carry-over broken" in text
        # The carry-over row: ✓ everywhere but the broken year, which says by how much.
        link_row = [str(c) for c in table.get_row("carry-over")]
        [carry] = made.breaks["Y001"]
        for year, cell in zip(made.years, link_row[2:], strict=True):
            if year == made.years[0]:
                assert cell == ""
            elif year == carry:
                assert cell == "✗+1"
            else:
                assert cell == "✓", year
        # Its break is marked on 二、上年结转 of that year, and Y002 on 现行有效.
        over = [str(c) for c in table.get_row("carried_over")]
        assert over[2 + made.years.index(carry)].endswith("!")
        [in_force] = made.breaks["Y002"]
        assert [str(c) for c in table.get_row("normative.in_force")][
            2 + made.years.index(in_force)].endswith("!")
        assert "Y001" in text and "Y002" in text and "Y004" not in text
        # Rows the 2021 template changed: † in 2021, — where the 2019 template has none.
        switch = made.years.index(2021)
        in_force_row = [str(c) for c in table.get_row("normative.in_force")]
        assert in_force_row[2:2 + switch] == ["—", "—"]
        assert in_force_row[2 + switch].endswith("†")
        other = [str(c) for c in table.get_row("other")]
        assert other[2 + switch].endswith("†") and not other[2 + switch].endswith("!")
        assert "┊" in other[1]  # the sparkline breaks at the change
        assert "┊2021" in text


async def test_the_years_status_line_and_enter(years_folder) -> None:
    folder, made = years_folder
    app = NianbaoApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await open_view(pilot, "Y")
        table = screen.table
        [carry] = made.breaks["Y001"]
        row = [key.value for key in table.rows].index("carried_over")
        table.move_cursor(row=row, column=2 + made.years.index(carry), animate=False)
        await pilot.pause()
        text = screen_text(app)
        assert f"{carry} · template 2021 · 二、上年结转" in text
        assert "Y001" in str(table.describe())
        await pilot.press("j")  # the carry-over row names both numbers
        described = str(table.describe())
        assert f"{carry - 1}: 四、结转下年度" in described
        await pilot.press("enter")
        await ready(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.main.current_path == folder / f"{carry}.txt"


async def test_moving_between_the_views(years_folder) -> None:
    folder, _made = years_folder
    app = NianbaoApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_view(pilot, "o")
        screen = await open_view(pilot, "Y")
        assert isinstance(screen, YearsScreen)
        screen = await open_view(pilot, "o")
        assert isinstance(screen, OverviewScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert len(app.screen_stack) == 1


async def test_no_agency_with_several_years(mixed_folder) -> None:
    folder, _made = mixed_folder
    app = NianbaoApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await open_view(pilot, "Y")
        assert screen.table.agency is None
        assert "No agency has reports of several years" in screen_text(app)
        await pilot.press("enter", "a")  # nothing to open, nothing to switch to
        assert app.screen is screen


async def test_several_agencies_are_taken_in_turn(tmp_path: Path) -> None:
    folder = tmp_path / "two"
    folders.agency_years(7, years=(2021, 2022, 2023), carry_break=None,
                         in_force_break=None).write(folder / "a")
    other = folders.agency_years(8, years=(2022, 2023), carry_break=None, in_force_break=None)
    agency = other.agency
    renamed = other.reports[0].report.text.replace(agency.title_name, "文登区教育局")
    assert renamed != other.reports[0].report.text
    (folder / "b").mkdir(parents=True)
    for item in other.reports:
        text = item.report.text
        for name in sorted(agency.names, key=len, reverse=True):
            text = text.replace(name, "威海市文登区教育局")
        (folder / "b" / item.name).write_text(text, encoding="utf-8")
    app = NianbaoApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await open_view(pilot, "Y")
        table = screen.table
        assert [len(a.years) for a in table.agencies] == [3, 2]
        assert "1/2" in screen_text(app)
        await pilot.press("a")
        assert table.agency is table.agencies[1]
        assert "2/2" in screen_text(app) and "教育局" in screen_text(app)
        await pilot.press("A")
        assert table.index == 0


# ------------------------------------------------------------------ keys everywhere


async def test_the_views_are_in_the_footer_the_help_and_the_palette(years_folder) -> None:
    folder, _made = years_folder
    app = NianbaoApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        text = screen_text(app)
        assert "o Overview" in text and "Y Years" in text
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Everywhere: Every report of the folder" in titles
        assert "Everywhere: One agency's years side by side" in titles
        await open_view(pilot, "o")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Overview: Sort by the cursor's column (again: the other way)" in titles
        assert "Overview: Next file with errors" in titles
        assert not any(t.startswith("Open:") for t in titles)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = screen_text(app)
        assert "Only files with findings of a rule" in help_text
        await pilot.press("escape")
        await pilot.pause()
        screen = await open_view(pilot, "Y")
        titles = [c.title for c in app.get_system_commands(screen)]
        assert "Years: Next agency of the folder" in titles
        assert isinstance(screen.query_one(AgencyYearsTable), AgencyYearsTable)
        assert isinstance(app.screen, YearsScreen)



# ------------------------------------------------------------------ nianbao screenshot


@pytest.mark.parametrize(("view", "words"), [("overview", "years/ 7 reports"),
                                             ("years", "7 years"),
                                             ("report", "Source")])
def test_screenshot_renders_each_view(years_folder, tmp_path: Path, view: str,
                                      words: str) -> None:
    from nianbao.cli import main

    folder, _made = years_folder
    out = tmp_path / f"{view}.svg"
    assert main(["screenshot", str(folder), "-o", str(out), "--view", view,
                 "--size", "80x24"]) == 0
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<svg")
    shown = "".join(html.unescape(text) for text in re.findall(r"<text[^>]*>([^<]*)</text>", svg))
    assert words in shown.replace("\xa0", " ")


def test_screenshot_refuses_an_unknown_view(years_folder, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from nianbao.cli import main

    folder, _made = years_folder
    with pytest.raises(SystemExit) as stop:
        main(["screenshot", str(folder), "-o", str(tmp_path / "x.svg"), "--view", "chart"])
    assert stop.value.code == 2
    assert "--view" in capsys.readouterr().err
    assert not (tmp_path / "x.svg").exists()


# ------------------------------------------------------------------ review marks


@pytest.mark.parametrize("jobs", [1, 2], ids=["thread", "processes"])
async def test_the_overview_counts_only_what_no_one_accepted(tmp_path: Path, jobs: int) -> None:
    """A folder whose review file accepts A001 of the slip: the overview counts, filters
    and lists codes as the badges and ``nianbao check`` do, without it."""
    import shutil

    from tests.conftest import seed
    from tests.test_review import SLIP, accept_code

    shutil.copy(seed("000"), tmp_path / seed("000").name)
    shutil.copy(SLIP, tmp_path / SLIP.name)
    accept_code(tmp_path, "A001")
    app = NianbaoApp(tmp_path, jobs=jobs)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        badge = app.main.picker.state(tmp_path / SLIP.name)
        assert badge is not None and badge.counts.errors == 1  # A002 only
        screen = await open_view(pilot, "o")
        table = screen.table
        row = next(r for r in table.rows_shown if r.path.endswith(SLIP.name))
        assert row.errors == badge.counts.errors
        assert (row.warnings, row.infos) == (badge.counts.warnings, badge.counts.infos)
        assert "A001" not in row.codes and "A002" in row.codes
        await pilot.press("c", *"a001", "enter")
        assert names(table) == []
        await pilot.press("c", "ctrl+u", *"a002", "enter")
        assert names(table) == [SLIP.name]


async def test_the_years_view_leaves_out_an_accepted_break(years_folder) -> None:
    """Y001 of the broken carry-over accepted in the TUI: the years view marks and
    lists only Y002 (the badges and ``check`` leave Y001 out too); the carry-over
    link still shows the numbers, which do differ."""
    from test_tui_review import Inbox, accept, until

    folder, made = years_folder
    [carry] = made.breaks["Y001"]
    [in_force] = made.breaks["Y002"]
    report = folder / f"{carry}.txt"
    inbox = Inbox()
    app = NianbaoApp(folder, jobs=1)
    async with app.run_test(size=SIZE, message_hook=inbox) as pilot:
        await ready(pilot)
        main = app.main
        await until(pilot, lambda: main.session.checked_once)
        main.picker.select_path(report)
        main.open(report)
        await until(pilot, lambda: main.current is not None and main.current.path == report
                    and main.ready and any(f.code == "Y001" for f in main.current.findings))
        # Y001 twice: in column 自然人 and so in 总计.
        await accept(pilot, inbox, "Y001", "ok")
        await pilot.press("j")
        await accept(pilot, inbox, "Y001", "ok")
        badge = main.picker.state(report)
        assert badge is not None and badge.counts.warnings == 0
        screen = await open_view(pilot, "Y")
        assert isinstance(screen, YearsScreen)
        table = screen.table
        over = [str(c) for c in table.get_row("carried_over")]
        assert not over[2 + made.years.index(carry)].endswith("!")
        assert [str(c) for c in table.get_row("normative.in_force")][
            2 + made.years.index(in_force)].endswith("!")
        text = screen_text(app)
        assert "Y001" not in text and "Y002" in text
        assert "✗+1" in [str(c) for c in table.get_row("carry-over")]
        overview = await open_view(pilot, "o")
        assert isinstance(overview, OverviewScreen)
        row = next(r for r in overview.table.rows_shown if r.path == str(report))
        assert "Y001" not in row.codes and row.warnings == 0


async def test_the_agency_shown_stays_when_a_year_with_its_city_joins_it(years_folder) -> None:
    """As badges come in, 淮安市洪泽区人民政府 2024 joins 洪泽区人民政府 2022–2023: the
    group's key becomes the name with its city, and the view stays on it."""
    from nianbao.parser.core.aggregate import agency_years
    from nianbao.parser.core.summary import ReportSummary
    from nianbao.parser.rules.context import agency_key

    def summary(path: str, name: str, year: int) -> ReportSummary:
        return ReportSummary(path, name, agency_key(name), year, "2021")

    folder, _ = years_folder
    others = [summary(f"x{y}.txt", "威海市教育局", y) for y in (2019, 2020, 2021)]
    bare = [summary("h2022.txt", "洪泽区人民政府", 2022),
            summary("h2023.txt", "洪泽区人民政府", 2023)]
    app = NianbaoApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await open_view(pilot, "Y")
        table = screen.table
        table.show(agency_years([*others, *bare]))
        await pilot.press("a")
        assert table.agency is not None and table.agency.agency_key == "洪泽区人民政府"
        table.show(agency_years([*others, *bare,
                                 summary("h2024.txt", "淮安市洪泽区人民政府", 2024)]))
        assert table.agency is not None and table.agency.years == (2022, 2023, 2024)
        assert table.agency.agency_key == "淮安市洪泽区人民政府"
