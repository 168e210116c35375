"""Every exported cell points at its own text in the original file.

For every cell of every export (the five seeds and the generated corpus), the
file's text, decoded by ``nianbao.parser.reading.decode.decode``, at the cell's 1-based line and
column (counted in characters) begins with the cell's ``raw``. Lines are split
only on \\r\\n, \\r and \\n, as editors count them (not ``str.splitlines``, which
also breaks on \\x0b, \\x1c, U+2028 …).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nianbao.parser.core.check import read_report
from nianbao.parser.document.parse import parse_bytes
from nianbao.parser.outputs.export import report_to_dict
from nianbao.parser.reading.decode import decode
from tests.corpus_exports import exported
from tests.generator import GeneratedReport
from tests.generator.strategies import reports

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "sample_reports").glob("00[0-4]_*.txt"))
_BREAK = re.compile(r"\r\n|\r|\n")


def _misplaced(data: bytes, export: dict[str, Any]) -> list[str]:
    lines = _BREAK.split(decode(data).text)
    wrong = []
    for table_id, table in export["tables"].items():
        for cell_id, cell in table["cells"].items():
            line, column, raw = cell["line"], cell["column"], cell["raw"]
            ok = 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1 \
                and lines[line - 1][column - 1:].startswith(raw)
            if not ok:
                found = lines[line - 1][column - 1:column + 19] if 1 <= line <= len(lines) \
                    else "<no such line>"
                wrong.append(f"{table_id}.{cell_id}: raw {raw!r} at {line}:{column}, "
                             f"text there {found!r}")
    return wrong


def test_there_are_five_seeds() -> None:
    assert len(SEEDS) == 5


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_cells_point_at_their_raw_text(path: Path) -> None:
    export = report_to_dict(read_report(path))
    assert sum(len(t["cells"]) for t in export["tables"].values()) > 0
    assert _misplaced(path.read_bytes(), export) == []


def test_generated_cells_point_at_their_raw_text() -> None:
    wrong: list[str] = []
    cells = 0
    for report, export in exported():
        if isinstance(export, str):
            continue  # a ReportError: test_generated_corpus reports it
        cells += sum(len(t["cells"]) for t in export["tables"].values())
        wrong += [f"{report.name} {w}" for w in _misplaced(report.data, export)]
    assert cells > 60_000
    assert wrong == [], f"{len(wrong)} cells misplaced, e.g.\n" + "\n".join(wrong[:10])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_any_generated_report_points_right(report: GeneratedReport) -> None:
    """The same property on reports hypothesis draws, beyond the fixed corpus."""
    export = report_to_dict(parse_bytes(report.data, report.name))
    assert _misplaced(report.data, export) == []


@given(st.text(alphabet="ab\r\n一", max_size=60), st.lists(st.integers(-3, 70), max_size=20))
def test_lines_of_agrees_with_line_of(text: str, offsets: list[int]) -> None:
    from nianbao.parser.reading.positions import LineIndex

    index = LineIndex(text)
    assert index.lines_of(offsets) == {index.line_of(o) + 1 for o in offsets}
