"""A finding's size does not depend on the length of the line it sits in (issue 10).

A report of one heading and then megabytes on one line (web archives save whole pages
so) padded to 1, 5 and 10 MB: the findings are the same (code, line, column) in every
format, and the whole output grows by less than 10 KB from 1 to 10 MB.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from nianbao.parser.core.check import check_file
from nianbao.parser.outputs.machine import (
    github_item,
    json_item,
    sarif_item,
    write_github,
    write_json,
    write_sarif,
)
from nianbao.parser.outputs.sources import Checked, SourceMap, Sources, finding_offsets
from nianbao.parser.outputs.text import format_finding

HEAD = "一、总体情况"


def _write(folder: Path, megabytes: int) -> Path:
    path = folder / f"line_{megabytes}mb.txt"
    repeat = (megabytes * 2**20 - len(HEAD.encode()) - 1) // len("很长".encode())
    path.write_bytes((HEAD + "很长" * repeat + "\n").encode())
    return path


def _outputs(path: Path) -> tuple[dict[str, str], list[tuple[str, int, int]]]:
    outcome = check_file(path)
    assert outcome.report is not None
    findings = list(outcome.findings)
    source = SourceMap.build(outcome.report.line_index, finding_offsets(findings))
    sources = Sources([Checked(str(path), source, findings)])
    out: dict[str, str] = {}
    buffer = io.StringIO()
    write_json(buffer, (json_item(f, sources) for f in findings))
    out["json"] = buffer.getvalue()
    buffer = io.StringIO()
    write_sarif(buffer, (sarif_item(f, sources) for f in findings), "0")
    out["sarif"] = buffer.getvalue()
    buffer = io.StringIO()
    write_github(buffer, (github_item(f, sources) for f in findings))
    out["github"] = buffer.getvalue()
    out["text"] = "".join(format_finding(f, sources).plain for f in findings)
    places = [(item["code"], item["line"], item["column"]) for item in json.loads(out["json"])]
    return out, places


@pytest.fixture(scope="module")
def by_size(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[dict[str, str],
                                                                            list[tuple[str, int, int]]]]:
    folder = tmp_path_factory.mktemp("long_line")
    # Each file is read, checked and rendered, then dropped: no two are held at once.
    return {size: _outputs(_write(folder, size)) for size in (1, 5, 10)}


def test_the_same_findings_whatever_the_length(by_size: dict[int, tuple[dict[str, str],
                                                                         list[tuple[str, int, int]]]]) -> None:
    places = {size: found for size, (_, found) in by_size.items()}
    assert places[1], "the long line gives findings (sections missing, the heading …)"
    assert places[1] == places[5] == places[10]


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_output_grows_by_less_than_10_kb_from_1_to_10_mb(
        by_size: dict[int, tuple[dict[str, str], list[tuple[str, int, int]]]], fmt: str) -> None:
    small = len(by_size[1][0][fmt].encode())
    large = len(by_size[10][0][fmt].encode())
    assert large - small < 10_000, (small, large)
    assert large < 200_000  # and it was never large to begin with
