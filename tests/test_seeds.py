"""The five real seeds against their expected values (``tests/data/expected/``).

Every cell value must match (blank = null), and a cell absent from an expected
table must be absent from the export too (seed 001's table 4 has 12 numbers for
15 cells, so its expected table is ``{}``: the parser must not guess). Meta:
year, template, published, agency (any listed name), and period when given.

Checked once through ``nianbao.parser.outputs.export`` directly for each seed, and once through
the real command line (``nianbao export --format json``) on all five together.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from nianbao.cli import main
from nianbao.parser.core.check import read_report
from nianbao.parser.outputs.export import report_to_dict

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "sample_reports").glob("00[0-4]_*.txt"))
EXPECTED = Path(__file__).parent / "data" / "expected"


def _expected(seed: Path) -> dict[str, Any]:
    return json.loads((EXPECTED / seed.with_suffix(".json").name).read_text(encoding="utf-8"))


def _expected_cells(expected: dict[str, Any], table: str) -> dict[str, Any]:
    cells = expected[table]
    if table == "applications":  # row → column → value, flattened to ROW.COL
        return {f"{row}.{col}": v for row, cols in cells.items() for col, v in cols.items()}
    return dict(cells)


def _differences(export: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    out = []
    for table in ("active_disclosure", "applications", "review_litigation"):
        want = _expected_cells(expected, table)
        got = {cell: c["value"] for cell, c in
               export["tables"].get(table, {}).get("cells", {}).items()}
        for cell in sorted(want.keys() | got.keys()):
            if cell not in got:
                out.append(f"{table}.{cell}: expected {want[cell]!r}, absent")
            elif cell not in want:
                out.append(f"{table}.{cell}: expected absent, got {got[cell]!r}")
            elif not _same(want[cell], got[cell]):
                out.append(f"{table}.{cell}: expected {want[cell]!r}, got {got[cell]!r}")
    meta, want_meta = export["meta"], expected["meta"]
    if meta["agency"] not in want_meta["agency"]:
        out.append(f"meta.agency: expected one of {want_meta['agency']}, got {meta['agency']!r}")
    for field in ("year", "template", "published", "period"):
        if field in want_meta and meta.get(field) != want_meta[field]:
            out.append(f"meta.{field}: expected {want_meta[field]!r}, got {meta.get(field)!r}")
    return out


def _same(want: object, got: object) -> bool:
    if want is None or got is None:
        return want is None and got is None
    return isinstance(got, int | float) and abs(float(want) - float(got)) < 1e-9  # type: ignore[arg-type]


def test_every_seed_has_expected_values() -> None:
    assert len(SEEDS) == 5
    for seed in SEEDS:
        assert (EXPECTED / seed.with_suffix(".json").name).is_file(), seed.name


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seed_export_matches_expected(seed: Path) -> None:
    export = report_to_dict(read_report(seed))
    assert _differences(export, _expected(seed)) == []


def test_cli_export_json_matches_expected(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["export", "--format", "json", *map(str, SEEDS)])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    exports = json.loads(captured.out)
    assert len(exports) == len(SEEDS)
    for export in exports:
        assert export["schema"] == "nianbao.report/2"
        seed = next(s for s in SEEDS if Path(export["source"]["path"]).name == s.name)
        assert _differences(export, _expected(seed)) == [], seed.name
