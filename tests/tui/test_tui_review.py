"""Review marks from the TUI, and the findings report it exports.

A reviewer accepts a finding with a note (``a`` on the findings pane); the mark goes
to the review file beside the reports, the badge and the header stop counting it,
and ``nianbao check`` on the folder leaves it out (a SARIF suppression), exits 0
when it was the only error, keeps it out after an unrelated edit and reports it
again when a number it rests on changes. The tests wait on the app's messages.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.message import Message
from textual.pilot import Pilot
from tui_helpers import ready, sample

from nianbao.cli import main
from nianbao.parser.review.book import REVIEW_FILE
from nianbao.tui.app import NianbaoApp
from nianbao.tui.messages import ReportExported, ReportLoaded, ReviewSaved
from nianbao.tui.screens.accept import AcceptScreen
from nianbao.tui.screens.export_report import ExportScreen
from nianbao.tui.widgets.findings_panel import FindingsList
from nianbao.tui.widgets.key_footer import KeyFooter

SLIP = sample("005")
NEW_ROW = "一、本年新收政府信息公开申请数量\t\t0\t3\t2\t0\t0\t0\t4\t"


class Inbox:
    """The app's messages, as they are handled; wait for one by kind and test."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    def __call__(self, message: Message) -> None:
        self.messages.append(message)

    async def wait(self, pilot: Pilot[None], kind: type[Message],
                   test: Callable[[Message], bool] = lambda m: True, *,
                   after: int = 0, limit: float = 30.0) -> Message:
        """The first message of ``kind`` from index ``after`` on that passes ``test``.

        ``limit`` only keeps a broken app from hanging the run; nothing is timed.
        """
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            for message in self.messages[after:]:
                if isinstance(message, kind) and test(message):
                    return message
            await pilot.pause()
            await asyncio.sleep(0.01)
        raise AssertionError(f"no {kind.__name__} came")


async def until(pilot: Pilot[None], test: Callable[[], bool], limit: float = 30.0) -> None:
    """Let the app run until ``test()`` holds (``limit`` only stops a hang)."""
    deadline = time.monotonic() + limit
    while not test():
        assert time.monotonic() < deadline, "the app never got there"
        await pilot.pause()
        await asyncio.sleep(0.01)


def check(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(out):
        code = main(["check", *args])
    return code, out.getvalue()


def codes(folder: Path) -> list[str]:
    return sorted(f["code"] for f in json.loads(check("--format", "json", str(folder))[1]))


async def accept(pilot: Pilot[None], inbox: Inbox, code: str, note: str) -> None:
    """Focus the findings, move to ``code``, press a, type the note, enter."""
    app = pilot.app
    assert isinstance(app, NianbaoApp)
    await pilot.press("4")
    panel = app.main.findings
    for _ in range(len(panel.findings)):
        if panel.current is not None and panel.current.code == code:
            break
        await pilot.press("j")
    assert panel.current is not None and panel.current.code == code
    before = len(inbox.messages)
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, AcceptScreen)
    for character in note:
        await pilot.press(character)
    await pilot.press("enter")
    saved = await inbox.wait(pilot, ReviewSaved, after=before)
    assert isinstance(saved, ReviewSaved) and saved.error is None and saved.accepted


async def test_a_finding_accepted_in_the_tui_is_left_out_by_check(
        reports: Callable[..., Path]) -> None:
    folder = reports("004")
    shutil.copy(SLIP, folder / SLIP.name)
    report = folder / SLIP.name
    inbox = Inbox()
    app = NianbaoApp(folder, poll_interval=0.05, jobs=1)
    async with app.run_test(size=(120, 40), message_hook=inbox) as pilot:
        await ready(pilot)
        screen = app.main
        screen.picker.select_path(report)
        screen.open(report)
        await until(pilot, lambda: screen.current is not None
                    and screen.current.path == report and screen.ready)
        assert screen.picker.state(report).counts.errors == 2
        assert codes(folder).count("A001") == 1

        await accept(pilot, inbox, "A001", "ok")
        # The mark is in the review file, with the note, who and when.
        marks = json.loads((folder / REVIEW_FILE).read_text(encoding="utf-8"))["marks"]
        assert [(m["code"], m["note"]) for m in marks] == [("A001", "ok")]
        assert marks[0]["by"] and marks[0]["at"]
        # Badge, header and the findings title count only what no one accepted.
        assert screen.picker.state(report).counts.errors == 1
        assert "✓1 accepted" in str(screen.findings.border_title)
        await pilot.press("[", "]")  # back onto A001: the status line says who accepted it
        await pilot.pause()
        status = str(screen.status.render())
        assert "accepted by" in status and ": ok" in status
        rows, _pending = screen.folder_summaries()  # the overview's rows count the same
        assert next(r for r in rows if r.path == str(report)).errors == 1
        assert "A001" in str(app.screen.query_one(FindingsList).get_option_at_index(0).prompt)
        header = str(screen.picker.border_title)

        # check on the folder leaves it out, lists it as a SARIF suppression …
        assert "A001" not in codes(folder) and "A002" in codes(folder)
        status, sarif = check("--format", "sarif", str(folder))
        results = json.loads(sarif)["runs"][0]["results"]
        suppressed = [r for r in results if r.get("suppressions")]
        assert [r["ruleId"] for r in suppressed] == ["A001"]
        assert suppressed[0]["suppressions"][0]["justification"] == "ok"
        assert status == 1  # A002 is still open
        # … and exits 0 once the only errors left are accepted.
        await accept(pilot, inbox, "A002", "核实无误")
        assert screen.picker.state(report).counts.errors == 0
        sections = [str(screen.sections.get_option_at_index(i).prompt)
                    for i in range(screen.sections.option_count)]
        assert sections and not any("E" in line.split()[0] for line in sections
                                    if line.split() and line.split()[0][:1].isdigit())
        assert str(screen.picker.border_title) != header  # ✗ gone from the header
        assert "✗" not in str(screen.picker.border_title)
        assert check(str(folder))[0] == 0

        # An unrelated sentence edited: the marks hold, in check and in the TUI.
        before = len(inbox.messages)
        text = report.read_text(encoding="utf-8")
        report.write_text(text.replace("完善制度体系，规范信息发布", "健全制度体系，规范发布流程"),
                          encoding="utf-8")
        await inbox.wait(pilot, ReportLoaded, lambda m: m.loaded.path == report, after=before)
        await pilot.pause()
        assert check(str(folder))[0] == 0
        assert screen.picker.state(report).counts.errors == 0
        # The number A001 rests on changed: it is back, in check and in the TUI.
        before = len(inbox.messages)
        edited = report.read_text(encoding="utf-8")
        report.write_text(edited.replace(NEW_ROW, NEW_ROW.replace("\t4\t", "\t6\t")),
                          encoding="utf-8")
        await inbox.wait(pilot, ReportLoaded, lambda m: m.loaded.path == report, after=before)
        await pilot.pause()
        assert "A001" in codes(folder)
        assert check(str(folder))[0] == 1
        assert screen.picker.state(report).counts.errors >= 1
        assert any(f.code == "A001" and f not in screen.findings.accepted
                   for f in screen.current.findings)


async def test_a_pressed_again_withdraws_and_escape_cancels(
        reports: Callable[..., Path]) -> None:
    folder = reports()
    shutil.copy(SLIP, folder / SLIP.name)
    inbox = Inbox()
    app = NianbaoApp(folder / SLIP.name, jobs=1)
    async with app.run_test(size=(120, 40), message_hook=inbox) as pilot:
        await ready(pilot)
        await pilot.press("4", "a")
        await pilot.pause()
        assert isinstance(app.screen, AcceptScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not (folder / REVIEW_FILE).exists()
        await accept(pilot, inbox, "A001", "x")
        before = len(inbox.messages)
        await pilot.press("a")  # on the accepted finding: withdraw
        saved = await inbox.wait(pilot, ReviewSaved, after=before)
        assert isinstance(saved, ReviewSaved) and not saved.accepted
        marks = json.loads((folder / REVIEW_FILE).read_text(encoding="utf-8"))["marks"]
        assert marks == []
        assert app.main.picker.state(folder / SLIP.name).counts.errors == 2


async def test_a_read_only_folder_takes_its_review_file_elsewhere(
        reports: Callable[..., Path], tmp_path: Path) -> None:
    folder = reports()
    shutil.copy(SLIP, folder / SLIP.name)
    elsewhere = tmp_path / "mine.json"
    inbox = Inbox()
    app = NianbaoApp(folder, review_file=elsewhere, jobs=1)
    async with app.run_test(size=(120, 40), message_hook=inbox) as pilot:
        await ready(pilot)
        await accept(pilot, inbox, "A001", "n")
    assert not (folder / REVIEW_FILE).exists() and elsewhere.is_file()
    assert check("--review-file", str(elsewhere), str(folder))[0] == 1
    assert "A001" not in json.loads(check("--review-file", str(elsewhere), "--format", "json",
                                          str(folder))[1])[0]["code"]


async def test_a_bad_review_file_is_said_and_no_mark_is_written(
        reports: Callable[..., Path]) -> None:
    folder = reports()
    shutil.copy(SLIP, folder / SLIP.name)
    (folder / REVIEW_FILE).write_text("{ not json", encoding="utf-8")
    app = NianbaoApp(folder / SLIP.name, jobs=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("4", "a")
        await pilot.pause()
        assert not isinstance(app.screen, AcceptScreen)
    assert (folder / REVIEW_FILE).read_text(encoding="utf-8") == "{ not json"


@pytest.mark.parametrize("suffix", [".csv", ".html"])
async def test_export_the_findings_report_from_the_tui(
        reports: Callable[..., Path], suffix: str) -> None:
    folder = reports("004")
    shutil.copy(SLIP, folder / SLIP.name)
    inbox = Inbox()
    app = NianbaoApp(folder, jobs=1)
    target = folder.parent / f"report{suffix}"
    async with app.run_test(size=(120, 40), message_hook=inbox) as pilot:
        await ready(pilot)
        await accept(pilot, inbox, "M004", "无需发布日期")
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        field = app.screen.query_one("#export-path")
        field.value = str(target)  # type: ignore[attr-defined]
        await pilot.press("enter")
        done = await inbox.wait(pilot, ReportExported)
        assert isinstance(done, ReportExported) and done.error is None
        # The same again without overwrite: refused, the file untouched.
        first = target.read_bytes()
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#export-path").value = str(target)  # type: ignore[attr-defined]
        before = len(inbox.messages)
        await pilot.press("enter")
        again = await inbox.wait(pilot, ReportExported, after=before)
        assert isinstance(again, ReportExported) and "already exists" in (again.error or "")
        assert target.read_bytes() == first
    if suffix == ".csv":
        rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
        assert len(rows) == done.rows
        expected = json.loads(check("--no-review", "--format", "json", str(folder))[1])
        assert len(rows) == len(expected)
        assert {r["review"] for r in rows if r["code"] == "M004"} == {"accepted"}
    else:
        page = target.read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>") and "无需发布日期" in page


async def test_accept_and_export_are_in_the_palette_and_help(
        reports: Callable[..., Path]) -> None:
    folder = reports()
    shutil.copy(SLIP, folder / SLIP.name)
    app = NianbaoApp(folder / SLIP.name, jobs=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Findings: Accept the finding with a note (again: withdraw)" in titles
        assert "Everywhere: Export the findings report (HTML, XLSX or CSV)" in titles
        keys = {item.description: item.keys for _, items in app.key_groups() for item in items}
        assert keys["Accept the finding with a note (again: withdraw)"] == ("a",)
        assert keys["Export the findings report (HTML, XLSX or CSV)"] == ("x",)


def footer_actions(footer: KeyFooter) -> set[str]:
    drawn = footer.keys()  # (binding, enabled) as the footer draws them
    return {binding.action for binding, _enabled in drawn}


@pytest.mark.parametrize("read_only", [False, True], ids=["writable", "read-only"])
async def test_read_only_lists_no_edit_accept_or_export(
        reports: Callable[..., Path], read_only: bool) -> None:
    """Read-only (``nianbao serve``): e, a and x are refused, so the footer, the help
    and the palette leave them out; the keys still say why. Otherwise all are listed."""
    from tui_helpers import Messages, screen_text

    from nianbao.tui.screens.help import HelpScreen

    folder = reports()
    shutil.copy(SLIP, folder / SLIP.name)
    inbox = Messages()
    app = NianbaoApp(folder / SLIP.name, jobs=1, read_only=read_only)
    listed = not read_only
    descriptions = ("Open $EDITOR at this line", "Accept the finding with a note (again: withdraw)",
                    "Export the findings report (HTML, XLSX or CSV)")
    async with app.run_test(size=(120, 90), message_hook=inbox) as pilot:
        await ready(pilot)
        footer = app.main.query_one(KeyFooter)
        assert ("edit" in footer_actions(footer)) is listed
        assert ("e Edit" in str(footer.render())) is listed
        await pilot.press("4")
        assert isinstance(app.focused, FindingsList)
        assert ("accept" in footer_actions(footer)) is listed
        assert ("a Accept" in str(footer.render())) is listed
        titles = " | ".join(str(c.title) for c in app.get_system_commands(app.screen))
        shown = {item.description for _, items in app.key_groups() for item in items}
        for description in descriptions:
            assert (description in titles) is listed, description
            assert (description in shown) is listed, description
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)  # the whole help: the terminal is tall enough
        assert "Next finding" in text and "Copy the finding" in text
        for description in descriptions:
            assert (description in text) is listed, description
        await pilot.press("escape")
        await pilot.pause()
        if read_only:
            # Not listed, but a key pressed from habit still says why nothing happens.
            for key in ("a", "e", "x"):
                said = len(inbox.notes)
                await pilot.press(key)
                await pilot.pause()
                assert any("Read-only here" in note for note in inbox.notes[said:]), key
            assert not (folder / REVIEW_FILE).exists()
