"""Issues 13 and 14: real reports, read right (``tests/data/real/``).

Each real text is read and checked through the core as a user's file would be
(``check_file`` → ``report_to_dict``), all texts together (``check_across``, so the
cross-year rules run too). Compared per text:

* cells — ``no_wrong_cell``: no exported cell differs from the truth of
  ``expected/<stem>.json`` (blank and 0 count as the same, as ``real_accuracy.py``
  counts), an ``open`` cell (glued digits no identity decides) is absent or right, and
  no cell is exported that the report does not have (the first law: never a silent wrong
  number); ``every_cell_read``: every cell that is not ``open`` is exported;
* findings — against ``findings/<stem>.json`` (its README says how they were decided):
  ``no_false_finding``: nothing given that is not listed, infos included;
  ``expected_findings``: everything listed is given, on its line, naming its cells;
* ``meta`` — year, template, agency (any listed name), publication date.

Most of these fail today; each failing case is an ``xfail(strict=True)`` naming what
fails, so the suite stays green and a fix that makes one pass turns it into a failure
until its marker is removed. Run with ``-s`` (or not: the summary bypasses capture) for
the per-text figures.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from nianbao.parser.core.check import check_across, check_file
from nianbao.parser.model.findings import Finding
from nianbao.parser.model.report import Report
from nianbao.parser.outputs.export import report_to_dict
from nianbao.parser.rules.catalog import all_rules
from nianbao.parser.rules.checker import sort_findings
from nianbao.parser.template import cell_ids

REAL = Path(__file__).parent / "data" / "real"
STEMS = tuple(sorted(p.stem for p in (REAL / "texts").glob("*.txt")))
TABLES = ("active_disclosure", "applications", "review_litigation")
# Codes the findings lists use that rules.md does not have yet (findings/README.md).
NEW_CODES: dict[str, str] = {}
_BREAK = re.compile(r"\r\n|\r|\n")

# What fails today, per text and aspect. Remove an entry when its case passes: strict
# xfail turns "unexpectedly passing" into a failure so that nobody forgets.
KNOWN_FAILING: dict[tuple[str, str], str] = {}


def cases(aspect: str) -> list[Any]:
    out = []
    for stem in STEMS:
        reason = KNOWN_FAILING.get((stem, aspect))
        marks = [pytest.mark.xfail(strict=True, reason=f"issue 13: {reason}")] if reason else []
        out.append(pytest.param(stem, marks=marks, id=stem))
    return out


# ---------------------------------------------------------------- the data


def expected(stem: str) -> dict[str, Any]:
    return json.loads((REAL / "expected" / f"{stem}.json").read_text(encoding="utf-8"))


def expected_findings(stem: str) -> list[dict[str, Any]]:
    return json.loads((REAL / "findings" / f"{stem}.json").read_text(encoding="utf-8"))


def expected_cells(exp: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        "active_disclosure": dict(exp.get("active_disclosure", {})),
        "applications": {f"{row}.{col}": v for row, cols in exp.get("applications", {}).items()
                         for col, v in cols.items()},
        "review_litigation": dict(exp.get("review_litigation", {})),
    }


def same(want: object, got: object) -> bool:
    """Blank and 0 are the same here (as ``real_accuracy.py`` counts); amounts to 1e-6."""
    if want in (None, 0) and got in (None, 0):
        return True
    if want is None or got is None or isinstance(got, bool):
        return False
    return abs(float(want) - float(got)) < 1e-6  # type: ignore[arg-type]


@dataclass
class Parsed:
    report: Report
    export: dict[str, Any]
    findings: list[Finding]

    def line_of(self, finding: Finding) -> tuple[int, int] | None:
        if finding.start is None:
            return None
        position = self.report.position(finding.start)
        return position.line, position.column


@lru_cache(maxsize=1)
def parsed() -> dict[str, Parsed]:
    outcomes = {stem: check_file(REAL / "texts" / f"{stem}.txt") for stem in STEMS}
    across = check_across([o.view for o in outcomes.values() if o.view is not None])
    out = {}
    for stem, outcome in outcomes.items():
        report = outcome.report
        assert report is not None, outcome.error or outcome.unreadable
        findings = sort_findings([*outcome.findings, *across.get(outcome.path, [])])
        out[stem] = Parsed(report, report_to_dict(report), findings)
    return out


# ---------------------------------------------------------------- cells


@dataclass
class CellScore:
    right: list[str]
    wrong: list[str]  # a value other than the truth, or a cell the report does not have
    missing: list[str]  # not open, not exported
    open_absent: list[str]
    open_right: list[str]


def score_cells(stem: str) -> CellScore:
    exp = expected(stem)
    tables = parsed()[stem].export["tables"]
    open_refs = set(exp.get("open", []))
    score = CellScore([], [], [], [], [])
    for table, want in expected_cells(exp).items():
        got = {cell: c["value"] for cell, c in tables.get(table, {}).get("cells", {}).items()}
        for cell in sorted(want.keys() | got.keys()):
            name = f"{table}:{cell}"
            if cell not in want:
                score.wrong.append(f"{name}: not in the report, exported as {got[cell]!r}")
            elif name in open_refs:
                if cell not in got:
                    score.open_absent.append(name)
                elif same(want[cell], got[cell]):
                    score.open_right.append(name)
                else:
                    score.wrong.append(f"{name} (open): true {want[cell]!r}, got {got[cell]!r}")
            elif cell not in got:
                score.missing.append(name)
            elif same(want[cell], got[cell]):
                score.right.append(name)
            else:
                score.wrong.append(f"{name}: true {want[cell]!r}, got {got[cell]!r}")
    return score


@pytest.mark.parametrize("stem", cases("no_wrong_cell"))
def test_no_wrong_cell(stem: str) -> None:
    wrong = score_cells(stem).wrong
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("stem", cases("every_cell_read"))
def test_every_cell_read(stem: str) -> None:
    score = score_cells(stem)
    assert not score.missing, f"{len(score.missing)} cells not read: {score.missing[:12]}"


# ---------------------------------------------------------------- findings


@dataclass
class Match:
    missing: list[dict[str, Any]]  # listed, not given
    false: list[tuple[Finding, tuple[int, int] | None]]  # given, not listed


def _fits(entry: dict[str, Any], finding: Finding, where: tuple[int, int] | None) -> bool:
    if (finding.code, finding.severity) != (entry["code"], entry["severity"]):
        return False
    line = None if where is None else where[0]
    if line != entry["line"]:
        return False
    if "span" in entry and (where is None or not entry["span"][0] <= where[1] <= entry["span"][1]):
        return False
    named = {str(c) for c in finding.cells} | {str(r.cell) for r in finding.related if r.cell}
    wanted = set(entry.get("cells", [])) | ({entry["cell"]} if entry.get("cell") else set())
    return wanted <= named


def match_findings(stem: str) -> Match:
    p = parsed()[stem]
    given = [(f, p.line_of(f)) for f in p.findings]
    missing = []
    for entry in expected_findings(stem):
        hit = next((i for i, (f, where) in enumerate(given) if _fits(entry, f, where)), None)
        if hit is None:
            missing.append(entry)
        else:
            del given[hit]
    return Match(missing, given)


def _show(finding: Finding, where: tuple[int, int] | None) -> str:
    at = "-" if where is None else f"{where[0]}:{where[1]}"
    return f"{at} {finding.code} {finding.severity}: {finding.message[:120]}"


@pytest.mark.parametrize("stem", cases("no_false_finding"))
def test_no_false_finding(stem: str) -> None:
    false = match_findings(stem).false
    assert not false, f"{len(false)} findings not in findings/{stem}.json:\n" + "\n".join(
        _show(f, w) for f, w in false[:30])


@pytest.mark.parametrize("stem", cases("expected_findings"))
def test_expected_findings(stem: str) -> None:
    missing = match_findings(stem).missing
    assert not missing, "\n".join(
        f"{e['line']}:{e.get('column', '')} {e['code']} {e['severity']} "
        f"{e.get('cell') or e.get('row') or ''}: {e['why'][:100]}" for e in missing)


# ---------------------------------------------------------------- meta


@pytest.mark.parametrize("stem", cases("meta"))
def test_meta(stem: str) -> None:
    want = expected(stem)["meta"]
    got = parsed()[stem].export["meta"]
    wrong = []
    if got["year"] != want["year"]:
        wrong.append(f"year: {got['year']!r}, true {want['year']!r}")
    if str(got["template"]) != str(want["template"]):
        wrong.append(f"template: {got['template']!r}, true {want['template']!r}")
    if got["agency"] not in want["agency"]:
        wrong.append(f"agency: {got['agency']!r}, true one of {want['agency']}")
    if "published" in want and got["published"] != want["published"]:
        wrong.append(f"published: {got['published']!r}, true {want['published']!r}")
    assert not wrong, "; ".join(wrong)


# ---------------------------------------------------------------- the lists themselves


def _catalog() -> dict[str, str]:
    return {**{rule.code: rule.severity for rule in all_rules()}, **NEW_CODES}


@pytest.mark.parametrize("stem", STEMS)
def test_findings_lists_are_well_formed(stem: str) -> None:
    """The committed lists point at real places and cells, with the catalog's severities;
    on the one-line pages the glued groups are exactly the expected json's ``open`` cells."""
    text = (REAL / "texts" / f"{stem}.txt").read_text(encoding="utf-8")
    lines = _BREAK.split(text)
    exp = expected(stem)
    template = exp["meta"]["template"]
    valid = {f"{t}:{c}" for t in TABLES for c in cell_ids(t, template)}  # type: ignore[arg-type]
    valid |= {f"applications:other.{c}" for c in ("natural_person", "commercial", "research",
                                                  "social_welfare", "legal_service", "other_org",
                                                  "total")}  # the old single row (template.md)
    catalog = _catalog()
    grouped: set[str] = set()
    for entry in expected_findings(stem):
        assert catalog.get(entry["code"]) == entry["severity"], entry
        assert entry["why"].strip(), entry
        for cell in [entry.get("cell"), *entry.get("cells", [])]:
            assert cell is None or cell in valid, cell
        if entry["line"] is None:
            continue
        line = lines[entry["line"] - 1]
        assert line.strip(), entry
        if "span" in entry:
            first, last = entry["span"]
            assert first <= entry["column"] <= entry["end_column"] == last <= len(line), entry
            run = line[entry["column"] - 1:entry["end_column"]]
            assert re.fullmatch(r"[0-9.]+元?", run), run
            if entry["code"] == "S007":
                grouped |= set(entry["cells"])
                for reading in entry["readings"]:  # each reading is a cut of the run
                    assert reading.replace("|", "") == run, reading
                    assert reading.count("|") == len(entry["cells"]) - 1, reading
    assert grouped == set(exp.get("open", [])), "glued groups vs open cells"


# ---------------------------------------------------------------- figures


def _figures() -> list[str]:
    out = ["real reports (tests/data/real): cells right/wrong/missing, open cells absent; "
           "findings expected → given, missing, false"]
    for stem in STEMS:
        s = score_cells(stem)
        m = match_findings(stem)
        listed = len(expected_findings(stem))
        given = len(parsed()[stem].findings)
        bad = Counter(f.severity for f, _ in m.false)
        out.append(
            f"  {stem:32} cells {len(s.right) + len(s.open_right):3d} right {len(s.wrong):3d} wrong "
            f"{len(s.missing):3d} missing"
            + (f" ({len(s.open_absent)} open absent)" if s.open_absent else "")
            + f"; findings {listed:2d} → {given:2d} given, {len(m.missing)} missing, "
            f"{len(m.false)} false ({bad['error']} E, {bad['warning']} W, {bad['info']} I)")
    return out


@pytest.fixture(scope="module", autouse=True)
def figures(pytestconfig: pytest.Config) -> None:
    """The measured baseline the reader work starts from, printed once per run."""
    capture = pytestconfig.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture else nullcontext():
        print("\n" + "\n".join(_figures()))
