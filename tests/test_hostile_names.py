"""Every command, on a file whose name and content hold escape sequences and controls,
writes none of them raw to stdout or stderr (issue 10).

A file name and a report are untrusted text: ESC sequences (colours, the window
title, OSC 8 links), C1 controls (CSI is U+009B), the bidi controls of Trojan
Source (U+202A–202E, U+2066–2069, U+061C, U+200E/F) and the interlinear
annotation characters (U+FFF9–FFFB) must reach a terminal as escapes. The shell
says everything on stderr through nianbao/diagnostics.py and the outputs go
through the one table of parser/outputs/safe.py; this test holds both, command
by command, in every format, on the success paths and the error paths. The table of characters below is the test's own, written from the
issue, not imported from the code it checks.
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from nianbao.cli import main
from nianbao.parser.i18n import set_language
from tests.conftest import SAMPLES

# Every character that must never be written raw (tab and newline are layout).
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                 "\u2066-\u2069\ufff9-\ufffb]")
# What the hostile text holds: a colour, the window title (OSC ... BEL), an OSC 8
# link, a C1 CSI, every bidi control, the separators and the annotation characters.
HOSTILE = ("\x1b[31m\x1b]0;pwned\x07\x1b]8;;https:x\x1b\\\x9b2J\x85\x07\x08\x7f"
           "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\u200e\u200f"
           "\u2028\u2029\ufff9\ufffa\ufffb")
# A file name cannot hold "/" or NUL; everything else above it can.
NAME = f"r{HOSTILE}port.txt"
# The escapes that prove the hostile text reached an output and was shown, not dropped.
SHOWN = ("\\x1b", "\\u001b", "\\u202e", "\\x9b", "\\u009b", "%1B")  # %1B: a SARIF uri

SLIP = SAMPLES / "005_arithmetic_slip.txt"


def _hostile_report() -> str:
    """The arithmetic-slip sample (it has findings) with hostile text in its title, in a
    row of table 3 beside the slip, and in a paragraph of its own."""
    lines = SLIP.read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        if "年政府信息公开工作" in line and index < 5:
            lines[index] = line.replace("科技局", f"科技局{HOSTILE}", 1)
        elif line.startswith("一、本年新收政府信息公开申请数量"):
            lines[index] = line.replace("数量", f"数量{HOSTILE}", 1)
        elif line == "一、总体情况":
            lines.insert(index + 1, f"{HOSTILE}本年度{HOSTILE}")
    return "\n".join(lines) + "\n"


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("NIANBAO_LANG", raising=False)
    yield
    set_language("en")


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / NAME).write_text(_hostile_report(), encoding="utf-8")
    (folder / f"e{HOSTILE}mpty{HOSTILE}").mkdir()  # a folder with no report in it
    return folder


@pytest.fixture
def report(hostile_dir: Path) -> Path:
    return hostile_dir / NAME


def _run(capfd: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:  # argparse's errors and --help
        code = int(stop.code or 0)
    out, err = capfd.readouterr()
    return code, out, err


def _assert_safe(out: str, err: str, *, colour: bool = False) -> None:
    if colour:
        out = re.sub(r"\x1b\[[0-9;]*m", "", out)  # our own colours, nothing else
    assert RAW.findall(out) == [], out[:2000]
    assert RAW.findall(err) == [], err[:2000]
    for line in err.splitlines():
        assert "Traceback" not in line


def _shown(text: str) -> bool:
    return any(escape in text for escape in SHOWN)



# ---------------------------------------------------------------- check


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_check_in_every_format(capfd: pytest.CaptureFixture[str], report: Path,
                               fmt: str) -> None:
    code, out, err = _run(capfd, "check", "--format", fmt, str(report))
    assert code == 1, err
    _assert_safe(out, err)
    assert _shown(out)  # the name (and the content) are there, escaped
    if fmt in ("json", "sarif"):
        json.loads(out)


def test_check_text_in_colour(capfd: pytest.CaptureFixture[str], report: Path) -> None:
    code, out, err = _run(capfd, "check", "--color", "always", str(report))
    assert code == 1
    assert "\x1b[" in out
    _assert_safe(out, err, colour=True)


@pytest.mark.parametrize("fmt", ["csv", "html"])
def test_check_findings_reports(capfd: pytest.CaptureFixture[str], report: Path,
                                fmt: str) -> None:
    """The findings reports to send, on stdout: CSV and HTML."""
    code, out, err = _run(capfd, "check", "--format", fmt, str(report))
    assert code == 1, err
    _assert_safe(out.replace("\r\n", "\n"), err)
    assert "A001" in out


@pytest.mark.parametrize("fmt", ["csv", "html", "xlsx"])
def test_check_findings_reports_to_a_file(capfd: pytest.CaptureFixture[str], report: Path,
                                          tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"findings{HOSTILE}.{fmt}"
    for argv in (["check", "--format", fmt, str(report), "-o", str(target)],
                 ["check", "--format", fmt, str(report), "-o", str(target)],  # exists now
                 ["check", "--format", fmt, str(report), "-o", str(report), "--force"]):
        code, out, err = _run(capfd, *argv)
        assert code in (1, 2) and out == "", argv
        _assert_safe(out, err)
    assert target.exists()
    if fmt != "xlsx":
        text = target.read_text(encoding="utf-8").replace("\r\n", "\n")
        assert RAW.findall(text.replace("\n", "")) == []


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_check_statistics(capfd: pytest.CaptureFixture[str], report: Path, fmt: str) -> None:
    code, out, err = _run(capfd, "check", "--statistics", "--format", fmt, str(report))
    assert code == 1
    _assert_safe(out, err)


def test_check_a_folder_of_them(capfd: pytest.CaptureFixture[str], hostile_dir: Path) -> None:
    empty = hostile_dir / f"e{HOSTILE}mpty{HOSTILE}"
    code, out, err = _run(capfd, "check", str(hostile_dir), str(empty))
    assert code == 2  # the empty folder
    _assert_safe(out, err)
    assert _shown(out) and _shown(err)


def test_check_error_paths(capfd: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / f"missing{HOSTILE}.txt"
    code, out, err = _run(capfd, "check", str(missing))
    assert code == 2 and out == ""
    _assert_safe(out, err)
    assert _shown(err)
    folder = tmp_path / f"folder{HOSTILE}.txt"
    folder.mkdir()
    for argv in (["check", "--select", HOSTILE, str(SLIP)],
                 ["check", "--ignore", f"A,{HOSTILE}", str(SLIP)],
                 ["check", "--format", HOSTILE, str(SLIP)],
                 ["check", f"--{HOSTILE}", str(SLIP)],
                 ["check", "--max-size", "0", str(missing)],
                 ["check", "--jobs", HOSTILE, str(SLIP)]):
        code, out, err = _run(capfd, *argv)
        assert code == 2 and out == "", argv
        _assert_safe(out, err)
        assert err.strip(), argv


def test_check_binary_content_with_a_hostile_name(capfd: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    path = tmp_path / f"bin{HOSTILE}.txt"
    path.write_bytes(bytes(range(256)) * 8 + HOSTILE.encode("utf-8"))
    for fmt in ("text", "json", "github", "sarif"):
        code, out, err = _run(capfd, "check", "--format", fmt, str(path))
        assert code == 1  # E001
        _assert_safe(out, err)


# ---------------------------------------------------------------- export


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "text"])
def test_export_in_every_format(capfd: pytest.CaptureFixture[str], report: Path,
                                fmt: str) -> None:
    code, out, err = _run(capfd, "export", "--format", fmt, str(report))
    assert code == 0, err
    _assert_safe(out, err)
    # The text that was checked keeps its lines and columns: controls drawn one for one (␛).
    assert "\u241b" in out if fmt == "text" else _shown(out)
    if fmt == "json":
        [exported] = json.loads(out)
        assert exported["source"]["path"] == str(report)  # the data itself is exact


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_export_to_a_file_and_its_errors(capfd: pytest.CaptureFixture[str], report: Path,
                                         tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out{HOSTILE}.{fmt}"
    code, out, err = _run(capfd, "export", "--format", fmt, str(report), "-o", str(target))
    assert code == 0 and out == ""
    _assert_safe(out, err)
    assert RAW.findall(target.read_text(encoding="utf-8").replace("\n", "")) == []
    # Exists already; one of the inputs; a folder; a folder that does not exist.
    for output in (target, report, tmp_path, tmp_path / f"no{HOSTILE}" / "x.json"):
        code, out, err = _run(capfd, "export", "--format", fmt, str(report), "-o", str(output))
        assert code == 2 and out == ""
        _assert_safe(out, err)
        assert _shown(err) or output == tmp_path


def test_export_error_paths(capfd: pytest.CaptureFixture[str], tmp_path: Path,
                            hostile_dir: Path) -> None:
    binary = tmp_path / f"bin{HOSTILE}.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    for argv in (["export", str(tmp_path / f"missing{HOSTILE}.txt")],
                 ["export", str(binary)],
                 ["export", str(hostile_dir / f"e{HOSTILE}mpty{HOSTILE}")],
                 ["export", "--max-size", "0", str(binary)],
                 ["export", "--format", HOSTILE, str(binary)]):
        code, out, err = _run(capfd, *argv)
        assert code == 2, argv
        _assert_safe(out, err)
        assert err.strip(), argv


# ---------------------------------------------------------------- rules


@pytest.mark.parametrize("argv", [["rules"], ["rules", "A001"], ["rules", "A"],
                                  ["rules", "--format", "json"],
                                  ["rules", "A001", "--format", "json"]])
def test_rules(capfd: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = _run(capfd, *argv)
    assert code == 0 and out
    _assert_safe(out, err)


@pytest.mark.parametrize("argv", [["rules", HOSTILE], ["rules", f"A{HOSTILE}"],
                                  ["rules", "--format", HOSTILE]])
def test_rules_error_paths(capfd: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = _run(capfd, *argv)
    assert code == 2 and out == ""
    _assert_safe(out, err)
    assert err.strip()


# ---------------------------------------------------------------- the TUI's commands


def test_screenshot(capfd: pytest.CaptureFixture[str], report: Path, tmp_path: Path) -> None:
    target = tmp_path / f"shot{HOSTILE}.svg"
    code, out, err = _run(capfd, "screenshot", str(report), "-o", str(target), "--size", "80x24")
    assert code == 0, err
    _assert_safe(out, err)
    assert _shown(err) and target.exists()


def test_screenshot_of_the_overview(capfd: pytest.CaptureFixture[str], hostile_dir: Path,
                                    tmp_path: Path) -> None:
    target = tmp_path / f"overview{HOSTILE}.svg"
    code, out, err = _run(capfd, "screenshot", str(hostile_dir), "-o", str(target),
                          "--view", "overview", "--size", "100x30")
    assert code == 0, err
    _assert_safe(out, err)


def test_screenshot_error_paths(capfd: pytest.CaptureFixture[str], report: Path,
                                tmp_path: Path) -> None:
    exists = tmp_path / f"shot{HOSTILE}.svg"
    exists.write_text("", encoding="utf-8")
    for argv in (["screenshot", str(tmp_path / f"missing{HOSTILE}"), "-o", str(exists)],
                 ["screenshot", str(report), "-o", str(exists)],
                 ["screenshot", str(report), "-o", str(report), "--force"],
                 ["screenshot", str(report), "-o", str(tmp_path / "a.svg"), "--size", HOSTILE]):
        code, out, err = _run(capfd, *argv)
        assert code == 2 and out == "", argv
        _assert_safe(out, err)
        assert err.strip(), argv


def test_tui_and_demo_error_paths(capfd: pytest.CaptureFixture[str], tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / f"missing{HOSTILE}"
    for argv in ([str(missing)], ["tui", str(missing)], ["tui", "--jobs", HOSTILE]):
        code, out, err = _run(capfd, *argv)
        assert code == 2 and out == "", argv
        _assert_safe(out, err)
        assert err.strip(), argv
    import nianbao.commands.tui as tui_command

    # demo opens the samples shipped inside the package; only a broken install lacks them.
    monkeypatch.setattr(tui_command, "demo_path", lambda: missing)
    code, out, err = _run(capfd, "demo")
    assert code == 2 and out == ""
    _assert_safe(out, err)
    assert _shown(err)


def test_serve_error_paths(capfd: pytest.CaptureFixture[str], tmp_path: Path,
                          report: Path) -> None:
    missing = tmp_path / f"missing{HOSTILE}"
    for argv in (["serve", str(missing)], ["serve", str(report), "--port", "0"],
                 ["serve", str(report), "--port", HOSTILE]):
        code, out, err = _run(capfd, *argv)
        assert code == 2 and out == "", argv
        _assert_safe(out, err)
        assert err.strip(), argv
    assert _shown(err) or "port" in err


def test_serve_on_a_hostile_report(report: Path) -> None:
    """The server as a user starts it, on the report with the hostile name: what it prints
    while it starts and when it is stopped (Ctrl+C) holds no raw control."""
    from tests.test_serve import free_port, listening

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "nianbao", "serve", str(report),
                               "--port", str(port)], stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not listening("127.0.0.1", port):  # a socket has no message to wait on
            assert server.poll() is None, server.communicate()
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)
    finally:
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=30)
    text_out, text_err = out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
    _assert_safe(text_out, text_err)
    assert f":{port}" in text_out + text_err  # it did say where it listens
    assert _shown(text_out + text_err)  # and what it serves: the file's name, escaped


def test_the_hostile_text_is_in_the_report(report: Path) -> None:
    """The content really holds every hostile character (else the test proves little)."""
    text = report.read_text(encoding="utf-8")
    assert set(HOSTILE) <= set(text) and set(HOSTILE) <= set(report.name)


# ---------------------------------------------------------------- the one table


def test_one_table_two_renderings() -> None:
    """The terminal's rendering and the TUI's treat exactly the characters of RAW (and tab
    and the line breaks, which each lays out its own way) as unsafe."""
    from nianbao.parser.outputs.safe import json_safe, pictured, visible
    from nianbao.tui.text import clean, clean_source

    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        unsafe = RAW.match(ch) is not None
        assert (visible(ch) != ch) == (unsafe or ch in "\t\n"), hex(code)
        assert (json_safe(ch) != ch) == (unsafe or ch == "\t"), hex(code)
        assert (pictured(ch) != ch) == (unsafe and ch != "\r"), hex(code)
        assert (clean_source(ch) != ch) == (unsafe and ch != "\r"), hex(code)
        if unsafe:
            assert len(pictured(ch)) == 1 and RAW.match(clean(ch)) is None, hex(code)
    assert visible("\x1b[31m\u202e") == "\\x1b[31m\\u202e"
    assert clean_source("a\x1bb\u202ec\u061cd\ufff9\n") == "a\u241bb\ufffdc\ufffdd\ufffd\n"


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_in_chinese_too(capfd: pytest.CaptureFixture[str], report: Path, tmp_path: Path,
                        fmt: str) -> None:
    """Chinese messages quote the same names and text: just as safe."""
    code, out, err = _run(capfd, "check", "--lang", "zh", "--format", fmt, str(report))
    assert code == 1
    _assert_safe(out, err)
    for argv in (["export", "--lang", "zh", str(tmp_path / f"missing{HOSTILE}")],
                 ["check", "--lang", "zh", str(tmp_path / f"missing{HOSTILE}")],
                 ["rules", "--lang", "zh", HOSTILE]):
        code, out, err = _run(capfd, *argv)
        assert code == 2 and out in ("", "[]\n")  # export: the (empty) array of reports
        _assert_safe(out, err)
        assert _shown(err)
