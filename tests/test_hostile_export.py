"""Every bad input of the catalogue, through the parser and ``nianbao export``."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from nianbao.cli import main
from nianbao.parser.core.check import read_report
from nianbao.parser.errors import ReportError
from tests.hostile import CATALOGUE, Hostile


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


# Folders are the commands' business (below); the parser reads files.
FILES = [item for item in CATALOGUE if not item.folder]


@pytest.mark.parametrize("item", FILES, ids=lambda item: item.name)
def test_parser_gives_a_report_or_a_one_line_error(item: Hostile, tmp_path: Path) -> None:
    path = item.build(tmp_path)
    assert not path.is_dir()
    before = _digest(path)
    try:
        report = read_report(path)
    except ReportError as error:
        assert item.unreadable, f"{item.name} should be readable: {error}"
        assert str(error).startswith(str(path))
        assert "\n" not in str(error)
    else:
        assert not item.unreadable, f"{item.name} should not be readable"
        assert report.source.path == str(path)
    assert _digest(path) == before


@pytest.mark.parametrize("item", CATALOGUE, ids=lambda item: item.name)
def test_export_never_tracebacks(item: Hostile, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = item.build(tmp_path)
    before = {p: _digest(p) for p in tmp_path.rglob("*") if p.is_file() and not p.is_symlink()}
    status = main(["export", "--format", "json", "--jobs", "1", str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    exported = json.loads(out)
    if item.unreadable:
        assert status == 2
        assert exported == []
        lines = err.strip().splitlines()
        assert len(lines) == 1 and str(path) in lines[0], err
    else:
        assert status == 0, err
        assert exported and all(obj["schema"] == "nianbao.report/2" for obj in exported)
    after = {p: _digest(p) for p in tmp_path.rglob("*") if p.is_file() and not p.is_symlink()}
    assert after == before
    assert not (Path.cwd() / "pwned").exists()


def test_export_refuses_to_overwrite_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import seed

    out = tmp_path / "out.json"
    out.write_text("keep me", encoding="utf-8")
    assert main(["export", str(seed("004")), "-o", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "keep me"
    assert main(["export", str(seed("004")), "-o", str(out), "--force"]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))[0]["meta"]["agency"] == "朔州市科技局"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left


def test_export_never_writes_over_an_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import seed

    report = tmp_path / "r.txt"
    report.write_bytes(seed("004").read_bytes())
    before = _digest(report)
    assert main(["export", str(report), "-o", str(report), "--force"]) == 2
    assert "never writes over a report" in capsys.readouterr().err
    assert _digest(report) == before


def test_size_limit_is_clear(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"0 " * (1024 * 1024))
    assert main(["export", "--max-size", "1", str(big)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "big.txt" in err and "--max-size" in err


def test_export_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    import os
    import stat

    from tests.conftest import seed

    out = tmp_path / "out.json"
    umask = os.umask(0o022)
    try:
        assert main(["export", str(seed("004")), "-o", str(out)]) == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
