"""Every bad input of the catalogue through ``nianbao check``, in every format.

Findings or a one-line error naming the file — never a traceback — and every
input left byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from nianbao.cli import main
from nianbao.parser.core.check import read_report
from nianbao.parser.errors import ReportError
from nianbao.parser.rules.checker import check_report
from tests.hostile import CATALOGUE, Hostile


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


@pytest.mark.parametrize("item", CATALOGUE, ids=lambda item: item.name)
def test_checker_never_raises(item: Hostile, tmp_path: Path) -> None:
    path = item.build(tmp_path)
    if path.is_dir():
        return
    try:
        report = read_report(path)
    except ReportError:
        return
    for finding in check_report(report):
        assert finding.path == report.source.path
        if finding.start is not None:
            assert 0 <= finding.start <= len(report.text)
            assert finding.end is not None and finding.start <= finding.end <= len(report.text) + 1


# Parsing a multi-megabyte input takes seconds; one format is enough for those.
_CASES = [pytest.param(item, fmt, id=f"{item.name}-{fmt}") for item in CATALOGUE
          for fmt in (("text",) if "mb" in item.name else ("text", "json", "github", "sarif"))]


@pytest.mark.parametrize(("item", "fmt"), _CASES)
def test_check_command_answers_every_input(item: Hostile, fmt: str, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = item.build(tmp_path)
    before = _digest(path)
    code = main(["check", "--format", fmt, "--color", "always", str(path)])
    out, err = capsys.readouterr()
    assert code in (0, 1, 2)
    assert "Traceback" not in out + err
    assert all(line.startswith("nianbao: ") for line in err.splitlines())
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", plain)
    if fmt in ("json", "sarif"):
        json.loads(out)
    assert _digest(path) == before
