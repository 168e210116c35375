"""The TUI's pure helpers, and the launch commands."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text
from textual.widgets.text_area import Document
from tui_helpers import ROOT, sample, slip

from nianbao.commands import screenshot as screenshot_command
from nianbao.commands import tui as tui_command
from nianbao.parser.reading.positions import LineIndex
from nianbao.parser.template import APPLICATION_ROWS, cell_ids
from nianbao.tui.editor import editor_command
from nianbao.tui.grid import build_grid
from nianbao.tui.loader import load
from nianbao.tui.text import badge, clean, clean_source
from nianbao.tui.widgets.table_view import wrap_label


@given(st.text())
def test_clean_source_keeps_lines_and_columns(text: str) -> None:
    cleaned = clean_source(text)
    assert len(cleaned) == len(text)
    assert LineIndex(cleaned).lines() == LineIndex(text).lines()
    # The source view's rows are the report's lines, so positions land where they should.
    rows = Document(cleaned).lines
    assert rows == [cleaned[start:end] for start, end in LineIndex(cleaned).lines()]
    assert not any(ch in cleaned for ch in "\x1b\x07\x0b\x0c\x85\u2028\u202e")


def test_clean_source_pictures_control_characters() -> None:
    assert clean_source("a\x0bb\x1cc\u2028d\r\ne\rf\n") == "a␋b␜c\ufffdd\r\ne\rf\n"


def test_clean_is_one_line_and_never_markup() -> None:
    assert clean("a\nb\tc\x1b[31m") == "a b c␛[31m"
    text = Text(clean("[bold]x[/bold] [@click=app.quit]"))
    assert text.plain == "[bold]x[/bold] [@click=app.quit]"
    assert not text.spans


def test_badges() -> None:
    assert badge(0, 0).plain.strip() == "✓"
    assert badge(2, 1).plain.strip() == "2E 1W"
    assert badge(0, 27).plain.strip() == "27W"
    assert badge(120, 0).plain.strip() == "99+E"
    assert badge(0, 0, unreadable=True).plain.strip() == "✗"
    assert badge(0, 0, pending=True).plain.strip() == "…"
    assert {badge(1, 1).cell_len, badge(0, 0).cell_len, badge(3, 0).cell_len} == {5}


def test_wrap_label_breaks_by_cell_width() -> None:
    assert wrap_label("社会公益组织", 8) == ["社会公益", "组织"]
    assert wrap_label("总计", 4) == ["总计"]
    lines = wrap_label("本年收费金额（单位：万元）", 6)
    assert len(lines) == 2 and all(cell_len(line) <= 6 for line in lines)
    assert lines[-1].endswith("…")


@pytest.mark.parametrize("editor, expected", [
    ("vim", ["vim", "+12", "r.txt"]),
    ("nano -m", ["nano", "-m", "+12", "r.txt"]),
    ("/usr/bin/code --wait", ["/usr/bin/code", "--wait", "--goto", "r.txt:12"]),
    ("hx", ["hx", "r.txt:12"]),
])
def test_editor_command(editor: str, expected: list[str]) -> None:
    assert editor_command(Path("r.txt"), 12, {"EDITOR": editor}) == expected


def test_editor_defaults_to_vi_and_prefers_visual() -> None:
    assert editor_command(Path("r.txt"), 0, {}) == ["vi", "+1", "r.txt"]
    assert editor_command(Path("r.txt"), 3, {"VISUAL": "emacs", "EDITOR": "vim"})[0] == "emacs"


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_grids_hold_every_cell_once(template) -> None:
    for table in ("active_disclosure", "applications", "review_litigation"):
        grid = build_grid(table, template)
        held = [cell for row in grid.rows for cell in row.cells]
        assert sorted(held) == sorted(cell_ids(table, template))
    applications = build_grid("applications", template)
    assert applications.columns[0] == "自然人" and applications.columns[-1] == "总计"
    data = [row for row in applications.rows if row.kind == "data"]
    assert len(data) == len(APPLICATION_ROWS[template])
    groups = [row.label for row in applications.rows if row.kind == "group"]
    assert groups[:2] == ["三、本年度办理结果", "（三）不予公开"]


def test_loaded_indexes_findings_by_cell_and_section(tmp_path: Path) -> None:
    loaded = load(slip(tmp_path))
    assert loaded.report is not None and loaded.error is None
    a001 = next(f for f in loaded.findings if f.code == "A001")
    for ref in a001.cells:
        assert a001 in loaded.by_cell[ref]
        assert loaded.cell_severity(ref) == "error"
    assert loaded.section_key(a001) == "s3"
    assert loaded.by_section["s3"].errors >= 1
    assert loaded.counts.errors == sum(c.errors for c in loaded.by_section.values())


def test_loading_a_binary_file_is_a_finding_not_an_exception(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(bytes(range(256)) * 10)
    loaded = load(path)
    assert loaded.unreadable and loaded.error
    assert [f.code for f in loaded.findings] == ["E001"]


def test_screenshot_command_writes_an_svg_and_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "shot.svg"
    args = argparse.Namespace(path=str(sample("004")), output=str(out), size=(100, 30),
                              force=False)
    assert screenshot_command.run(args) == 0
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "nianbao" in svg
    assert "自然人" in svg or "&#33258;" in svg or "表" in svg
    assert screenshot_command.run(args) == 2  # exists, no --force
    args.force = True
    assert screenshot_command.run(args) == 0
    args.path = str(tmp_path / "missing")
    assert screenshot_command.run(args) == 2


def test_tui_command_refuses_a_missing_path(capsys: pytest.CaptureFixture[str]) -> None:
    args = argparse.Namespace(command="tui", path="/nonexistent/reports")
    assert tui_command.run(args) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_demo_finds_the_samples() -> None:
    demo = tui_command.demo_path()
    assert demo.is_dir()
    assert any(demo.glob("00[0-4]_*.txt"))


def test_launchers_do_not_import_textual() -> None:
    code = ("import sys, nianbao.commands.tui, nianbao.commands.screenshot, nianbao.cli\n"
            "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


def test_cells_are_named_in_the_templates_words() -> None:
    from nianbao.parser.template import cell_place

    assert cell_place("applications", "2021", "granted.total") == "表3 （一）予以公开 × 总计"
    assert cell_place("applications", "2019", "denied.state_secret.natural_person") \
        == "表3 （三）不予公开 1.属于国家秘密 × 自然人"
    assert cell_place("applications", "2021", "other.other.total") == "表3 （六）其他处理 3.其他 × 总计"
    assert cell_place("applications", "2019", "other.total") == "表3 （六）其他处理 × 总计"
    assert cell_place("active_disclosure", "2021", "regulations.issued") == "表2 规章 × 本年制发件数"
    assert cell_place("review_litigation", "2021", "litigation_direct.upheld") \
        == "表4 行政诉讼·未经复议直接起诉 × 结果维持"
    assert cell_place("applications", "2021", "no_such_row.total") == "表3 no_such_row.total"
