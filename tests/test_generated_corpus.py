"""The parser on a generated corpus with known truth: every cell, every style.

336 reports (6 styles × 7 encodings × 2 line ends × 4) go through
``parse_bytes`` and ``report_to_dict`` exactly as a user's files would, and every
cell of the export is compared with the generator's truth. The figures are
printed per style, encoding, line end, table and quirk (run with ``-s`` or not:
the summary bypasses capture). On failure, the failing files and a list of
expected-vs-got are written to ``tests/data/generated_failures/`` (git-ignored).

Cells the text cannot determine (``truth.ambiguous``: blanks dropped from a
whitespace-separated row) are left out of the accuracy and reported apart.
"""

from __future__ import annotations

import re
from collections import defaultdict
from contextlib import nullcontext
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from tests.corpus_exports import exported
from tests.generator import STYLE_NAMES, GeneratedReport
from tests.generator.check import Tally, same_value

# What the corpus scores: every determinable cell right. A lower target would let
# hundreds of cells regress unseen.
TARGET = 1.0
FAILURES = Path(__file__).parent / "data" / "generated_failures"
_BREAK = re.compile(r"\r\n|\r|\n")


def _cell(export: dict[str, Any] | str, table: str, cell: str) -> dict[str, Any] | None:
    if isinstance(export, str):
        return None
    return export["tables"].get(table, {}).get("cells", {}).get(cell)


def _describe(report: GeneratedReport, table: str, cell: str, want: object,
              got: dict[str, Any] | None) -> str:
    where = report.truth.positions.get((table, cell))
    shown = "absent" if got is None else f"{got['value']!r} (raw {got['raw']!r} at " \
        f"{got['line']}:{got['column']})"
    at = f" written at {where[0]}:{where[1]}" if where else ""
    return f"{report.name} {table}.{cell}: expected {want!r}{at}, got {shown}"


class Scores:
    """Cell tallies by every dimension the corpus varies."""

    def __init__(self) -> None:
        self.overall = Tally()
        self.by: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
        self.ambiguous: dict[str, Tally] = defaultdict(Tally)  # by style
        self.failures: list[tuple[GeneratedReport, str]] = []

    def add(self, report: GeneratedReport, table: str, ok: bool, example: str) -> None:
        self.overall.add(ok, example)
        self.by["style"][report.style].add(ok, example)
        self.by["encoding"][report.encoding].add(ok, example)
        self.by["line end"][report.newline].add(ok, example)
        self.by["table"][table].add(ok, example)
        self.by["template"][report.truth.template].add(ok, example)
        for quirk in report.quirks:
            self.by["quirk"][quirk].add(ok, example)
        if not ok:
            self.failures.append((report, example))


@lru_cache(maxsize=1)
def scores() -> Scores:
    s = Scores()
    for report, export in exported():
        truth = report.truth
        for table, cell, want in truth.checked():
            got = _cell(export, table, cell)
            ok = got is not None and same_value(want, got["value"])
            s.add(report, table, ok, "" if ok else _describe(report, table, cell, want, got))
        for table, cell in sorted(truth.ambiguous):
            got = _cell(export, table, cell)
            # Informational: a parser may recover these (e.g. from column alignment)
            # or rightly leave them out; neither counts for or against it.
            s.ambiguous[report.style].add(got is not None and same_value(
                truth.value(table, cell), got["value"]))
    return s


def _report_lines(s: Scores) -> list[str]:
    lines = [f"generated corpus: {len(exported())} reports, cells right {s.overall}"
             f" (target {100 * TARGET:.1f}%)"]
    for dimension in ("style", "encoding", "line end", "template", "table", "quirk"):
        lines.append(f"  by {dimension}:")
        for name, tally in sorted(s.by[dimension].items()):
            flag = "" if tally.rate >= TARGET else "   <-- below target"
            lines.append(f"    {name:<26} {tally}{flag}")
    for style, tally in sorted(s.ambiguous.items()):
        lines.append(f"  {style}: ambiguous cells (not counted), value right anyway: {tally}")
    errors = [f"{r.name}: {e}" for r, e in exported() if isinstance(e, str)]
    lines += [f"  raised {e}" for e in errors]
    for example in s.overall.examples:
        lines.append(f"  e.g. {example}")
    return lines


def _write_failures(s: Scores) -> None:
    """Failing files and what failed in them, for whoever fixes the parser."""
    FAILURES.mkdir(parents=True, exist_ok=True)
    (FAILURES / ".gitignore").write_text("*\n", encoding="utf-8")
    by_report: dict[str, list[str]] = defaultdict(list)
    files: dict[str, GeneratedReport] = {}
    for report, example in s.failures:
        by_report[report.name].append(example)
        files[report.name] = report
    notes = []
    for name, examples in sorted(by_report.items()):
        report = files[name]
        (FAILURES / name).write_bytes(report.data)
        notes.append(f"== {name}  quirks: {', '.join(sorted(report.quirks))}")
        lines = _BREAK.split(report.text)
        for example in examples:
            notes.append("   " + example)
            match = re.search(r"written at (\d+):", example)
            if match:
                number = int(match.group(1))
                notes.append(f"      line {number}: {lines[number - 1]!r}")
    (FAILURES / "failures.txt").write_text("\n".join(_report_lines(s) + notes) + "\n",
                                           encoding="utf-8")


@pytest.fixture(scope="module")
def summary(pytestconfig: pytest.Config) -> Scores:
    s = scores()
    capture = pytestconfig.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture else nullcontext():
        print("\n" + "\n".join(_report_lines(s)))
    if s.failures:
        _write_failures(s)
    return s


def test_corpus_is_big_and_parses(summary: Scores) -> None:
    assert len(exported()) >= 300
    errors = [f"{r.name}: {e}" for r, e in exported() if isinstance(e, str)]
    assert not errors, errors[:5]


def test_cells_right_overall(summary: Scores) -> None:
    assert summary.overall.rate >= TARGET, "\n".join(_report_lines(summary))


@pytest.mark.parametrize("style", STYLE_NAMES)
def test_cells_right_per_style(summary: Scores, style: str) -> None:
    # The overall figure could hide one broken style behind five good ones.
    tally = summary.by["style"][style]
    assert tally.total > 0
    assert tally.rate >= TARGET, f"{style}: {tally}\n" + "\n".join(tally.examples)


def test_positions_match_where_the_value_was_written(summary: Scores) -> None:
    """A right value read from the wrong place is luck, not parsing."""
    tally = Tally()
    for report, export in exported():
        for (table, cell), (line, column) in report.truth.positions.items():
            if (table, cell) in report.truth.ambiguous:
                continue
            got = _cell(export, table, cell)
            if got is None:
                continue  # already counted as a wrong cell
            ok = (got["line"], got["column"]) == (line, column)
            tally.add(ok, f"{report.name} {table}.{cell}: written at {line}:{column}, "
                          f"exported at {got['line']}:{got['column']}")
    assert tally.rate >= TARGET, f"{tally}\n" + "\n".join(tally.examples)


def test_meta(summary: Scores) -> None:
    fields = {name: Tally() for name in ("year", "template", "agency", "published", "period")}
    for report, export in exported():
        truth = report.truth
        meta = {} if isinstance(export, str) else export["meta"]
        published = truth.published.isoformat() if truth.published else None
        wanted: dict[str, tuple[bool, object]] = {
            "year": (meta.get("year") == truth.year, truth.year),
            "template": (meta.get("template") == truth.template, truth.template),
            # any name of the agency is right (short or full, as in the expected files)
            "agency": (meta.get("agency") in truth.agency.names, truth.agency.names),
            "published": (meta.get("published") == published, published),
        }
        if truth.period is not None:  # None: the report states no period
            period = [truth.period[0].isoformat(), truth.period[1].isoformat()]
            wanted["period"] = (meta.get("period") == period, period)
        for field, (ok, want) in wanted.items():
            fields[field].add(ok, f"{report.name}: {field} expected {want!r}, "
                                  f"got {meta.get(field)!r}")
    text = "\n".join(f"{field}: {tally}" + "".join(f"\n  {e}" for e in tally.examples)
                     for field, tally in fields.items())
    print("\nmeta " + text.replace("\n", "\n  "))
    assert all(t.rate >= TARGET for t in fields.values()), text
