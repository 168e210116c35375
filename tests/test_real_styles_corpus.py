"""The parser on the flattenings learnt from real reports (``generator.real_corpus``).

Like ``test_generated_corpus`` for the seed styles: every report goes through
``parse_bytes`` → ``report_to_dict`` and the checker, and every cell is compared
with the truth. Per style the figures are printed (with ``-s`` or not):

* right — a cell the text determines, exported with its true value;
* wrong — a value other than the true one, or a value for a cell the text does not
  hold (a lost cell; "extra": a 2021 sub-row of a report that keeps the old single row);
* absent with a finding — not exported, and some finding names the cell;
* absent without a finding — not exported, and nothing says why (a silent gap).

Cells the truth calls *undecidable* (glued digits with several readings) and
*absent* (lost by a converter) must be absent with a finding — or, if undecidable,
right. The tests that fail today are ``xfail(strict=True)`` per style: whoever fixes
the reader flips them by removing the marker.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pytest

from nianbao.parser.document.parse import parse_bytes
from nianbao.parser.errors import ReportError
from nianbao.parser.outputs.export import report_to_dict
from nianbao.parser.rules.checker import check_report
from tests.generator import REAL_STYLE_NAMES, GeneratedReport, real_corpus
from tests.generator.check import same_value

TARGET = 0.995
TABLE_WARNINGS = frozenset({"V001", "V002", "V003", "V004", "S004", "S005", "S006", "S007",
                            "S008", "S010"})
# decided: the text determines the cell; undecidable: glued digits, several readings;
# absent: lost by a converter; extra: a cell the report does not have at all.
CATEGORIES = ("decided", "undecidable", "absent", "extra")


@dataclass
class Tally:
    right: int = 0
    wrong: int = 0
    named: int = 0  # absent, with a finding naming the cell
    silent: int = 0  # absent, nothing says why
    examples: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.right + self.wrong + self.named + self.silent

    def note(self, example: str) -> None:
        if len(self.examples) < 6:
            self.examples.append(example)

    def __str__(self) -> str:
        return (f"{self.right:5d} right {self.wrong:4d} wrong {self.named:4d} absent+finding "
                f"{self.silent:4d} absent-silent (of {self.total})")


@dataclass
class Checked:
    report: GeneratedReport
    export: dict[str, Any] | None  # None: the parser refused the file
    named: set[tuple[str, str]]  # cells some finding names
    errors: list[str]  # findings of severity error
    codes: set[str]
    # Warnings about the tables (A/V rules, S004–S008, S010): code and cells named.
    table_warnings: list[tuple[str, frozenset[tuple[str, str]]]] = field(default_factory=list)


@lru_cache(maxsize=1)
def checked() -> tuple[Checked, ...]:
    out = []
    for report in real_corpus():
        try:
            parsed = parse_bytes(report.data, report.name)
        except ReportError as error:
            out.append(Checked(report, None, set(), [f"ReportError: {error}"], set(), []))
            continue
        findings = check_report(parsed)
        named = set()
        for finding in findings:
            for ref in (*finding.cells, *(r.cell for r in finding.related if r.cell)):
                named.add((ref.table, ref.id))
        out.append(Checked(report, report_to_dict(parsed), named,
                           [f"{f.code} {f.message}" for f in findings if f.severity == "error"],
                           {f.code for f in findings},
                           [(f.code, frozenset((c.table, c.id) for c in f.cells)) for f in findings
                            if f.severity == "warning" and f.code in TABLE_WARNINGS]))
    return tuple(out)


def _category(report: GeneratedReport, ref: tuple[str, str]) -> str:
    if ref in report.truth.absent:
        return "absent"
    if ref in report.truth.undecidable:
        return "undecidable"
    return "decided"


@lru_cache(maxsize=1)
def scores() -> dict[str, dict[str, Tally]]:
    """style → category → tally."""
    by: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    for item in checked():
        report, truth = item.report, item.report.truth
        tables = item.export["tables"] if item.export else {}
        for table, cells in truth.cells.items():
            got = {c: v["value"] for c, v in tables.get(table, {}).get("cells", {}).items()}
            for cell in sorted(cells.keys() | got.keys()):
                ref = (table, cell)
                if cell not in cells:  # a cell this report does not have
                    tally = by[report.style]["extra"]
                    tally.wrong += 1
                    tally.note(f"{report.name} {table}.{cell}: not in the report, got {got[cell]!r}")
                    continue
                category = _category(report, ref)
                tally = by[report.style][category]
                want = cells[cell]
                if cell in got:
                    if category != "absent" and same_value(want, got[cell]):
                        tally.right += 1
                    else:
                        tally.wrong += 1
                        tally.note(f"{report.name} {table}.{cell}: true {want!r}, got {got[cell]!r}"
                                   f" ({category})")
                elif ref in item.named:
                    tally.named += 1
                else:
                    tally.silent += 1
                    tally.note(f"{report.name} {table}.{cell}: absent, no finding ({category})")
    return by


def _figures() -> list[str]:
    lines = [f"real-style corpus: {len(checked())} reports ({len(REAL_STYLE_NAMES)} styles × "
             f"{len(checked()) // len(REAL_STYLE_NAMES)})"]
    for style in REAL_STYLE_NAMES:
        for category in CATEGORIES:
            tally = scores()[style][category]
            if tally.total:
                lines.append(f"  {style:11} {category:11} {tally}")
        refused = [c.report.name for c in checked() if c.report.style == style and not c.export]
        if refused:
            lines.append(f"  {style:11} refused: {refused[:3]}")
    return lines


@pytest.fixture(scope="module", autouse=True)
def figures(pytestconfig: pytest.Config) -> None:
    capture = pytestconfig.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture else nullcontext():
        print("\n" + "\n".join(_figures()))


# What fails today, per style and test (issue 13). Remove an entry when it passes.
KNOWN_FAILING: dict[tuple[str, str], str] = {
}


def cases(test: str, styles: tuple[str, ...] = REAL_STYLE_NAMES) -> list[Any]:
    out = []
    for style in styles:
        reason = KNOWN_FAILING.get((style, test))
        marks = [pytest.mark.xfail(strict=True, reason=f"issue 13: {reason}")] if reason else []
        out.append(pytest.param(style, marks=marks, id=style))
    return out


def _examples(tallies: dict[str, Tally]) -> str:
    return "\n".join(e for t in tallies.values() for e in t.examples)


@pytest.mark.parametrize("style", cases("no_wrong_cell"))
def test_no_wrong_cell(style: str) -> None:
    """First law: a cell exported is a cell right."""
    tallies = scores()[style]
    assert sum(t.wrong for t in tallies.values()) == 0, _examples(tallies)
    assert not [c for c in checked() if c.report.style == style and c.export is None]


@pytest.mark.parametrize("style", cases("decided_cells_read"))
def test_decided_cells_read(style: str) -> None:
    tally = scores()[style]["decided"]
    assert tally.total > 0
    assert tally.right / tally.total >= TARGET, f"{tally}\n" + "\n".join(tally.examples)


# The styles that damage cells: a converter loses one, a one-line page glues them.
DAMAGING = ("md_loose", "md_groups", "oneline")


@pytest.mark.parametrize("style", cases("damaged_cells_named", DAMAGING))
def test_damaged_cells_named(style: str) -> None:
    """A lost cell, or glued digits no identity decides: absent with a finding naming
    it (an undecidable cell may also be given its true value)."""
    tallies = {c: scores()[style][c] for c in ("undecidable", "absent")}
    assert sum(t.total for t in tallies.values()) > 0
    for category, tally in tallies.items():
        ok = tally.named + (tally.right if category == "undecidable" else 0)
        assert ok == tally.total, f"{category}: {tally}\n" + "\n".join(tally.examples)


@pytest.mark.parametrize("style", cases("no_false_error"))
def test_no_false_error(style: str) -> None:
    """Second law: every identity of these truths holds, so no finding is an error."""
    found = [f"{c.report.name}: {e}" for c in checked() if c.report.style == style
             for e in c.errors]
    assert not found, "\n".join(found[:10])


@pytest.mark.parametrize("style", cases("no_false_table_warning"))
def test_no_false_table_warning(style: str) -> None:
    """Third point of issue 13: a generated report's tables draw no warning but the
    ones its truth calls for — S010 for the old single row, S007 on damaged cells."""
    false = []
    for c in checked():
        if c.report.style != style:
            continue
        damaged = c.report.truth.absent | c.report.truth.undecidable
        for code, cells in c.table_warnings:
            if code == "S010" and c.report.truth.old_other_row:
                continue
            if code == "S007" and cells and cells <= damaged:
                continue
            false.append(f"{c.report.name}: {code} {sorted(cells)[:3]}")
    assert not false, "\n".join(false[:10])


@pytest.mark.parametrize("style", cases("old_row_flagged"))
def test_old_row_flagged(style: str) -> None:
    """A template-2021 table 3 keeping the single （六）其他处理 row: one S010, and only
    there (the new code of tests/data/real/findings/README.md)."""
    wrong = [c.report.name for c in checked() if c.report.style == style
             and c.report.truth.old_other_row != ("S010" in c.codes)]
    assert any(c.report.truth.old_other_row for c in checked() if c.report.style == style)
    assert not wrong, wrong[:6]
