"""Issue 3, points 2 and 3, over the project's generated reports (hypothesis).

* Change any single number of table 3 or table 4 of a generated report, in any
  flattening style: some A finding has that cell's line as its line or as one of
  its related lines.
* A clean generated report gets no finding of severity error; one whose text
  states a different number of applications than table 3 gets X001 on that
  sentence's line.

"Clean" means what the catalog means: the truth obeys every identity of
rules.md, and the text determines every cell (a PDF that drops blank cells,
``truth.ambiguous``, does not — S007 says so, rightly).
"""

from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from nianbao.parser.document.parse import parse_bytes
from nianbao.parser.errors import ReportError
from nianbao.parser.reading.normalize import normalize
from nianbao.parser.reading.positions import LineIndex
from nianbao.parser.rules.checker import check_report
from tests.generator import GeneratedReport
from tests.generator.strategies import reports
from tests.generator.truth import Truth

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
_DIGITS = re.compile(r"[0-9０-９]+")


def obeys_the_catalog(truth: Truth) -> bool:
    """A005 of template 2019, which the generator's truths keep like every other identity."""
    if truth.template != "2019":
        return True
    active = truth.cells["active_disclosure"]

    def value(key: str) -> int | Decimal:
        v = active[key]
        return 0 if v is None else v

    for item in ("regulations", "normative_documents"):
        if value(f"{item}.total_published") < value(f"{item}.new_published"):
            return False
    return True


def determined(report: GeneratedReport) -> bool:
    return not report.truth.ambiguous


@SETTINGS
@given(report=reports(), data=st.data())
def test_any_changed_number_of_tables_3_and_4_is_caught_at_its_line(
        report: GeneratedReport, data: st.DataObject) -> None:
    assume(determined(report))
    truth = report.truth
    cells = sorted((table, cell) for (table, cell) in truth.positions
                   if table in ("applications", "review_litigation")
                   and truth.cells[table][cell] is not None)
    assume(cells)
    table, cell = data.draw(st.sampled_from(cells), label="cell")
    old = truth.cells[table][cell]
    new = data.draw(st.integers(0, 999).filter(lambda v: v != old), label="new value")
    line, column = truth.positions[(table, cell)]
    index = LineIndex(report.text)
    offset = index.offset(line, column)
    match = _DIGITS.match(report.text, offset)
    assert match is not None, (report.name, table, cell, report.text[offset:offset + 10])
    text = report.text[:offset] + str(new) + report.text[match.end():]
    parsed = parse_bytes(text.encode("utf-8"), report.name)
    found = check_report(parsed, select=["A"])
    lines = set()
    for finding in found:
        places = [finding.start, *(r.start for r in finding.related if r.path is None)]
        if line in {parsed.position(p).line for p in places if p is not None}:
            lines.add(line)
    assert lines, (f"{report.name} (seed {report.seed}): {table}.{cell} {old} → {new} on "
                   f"line {line}: {[(f.code, f.message) for f in found]}")


@SETTINGS
@given(report=reports())
def test_clean_generated_reports_have_no_error(report: GeneratedReport) -> None:
    assume(determined(report))
    assert obeys_the_catalog(report.truth)
    parsed = parse_bytes(report.data, report.name)
    errors = [(f.code, f.message) for f in check_report(parsed) if f.severity == "error"]
    assert errors == [], f"{report.name} (seed {report.seed})"


_STATED = re.compile(r"新\s*收\s*政\s*府\s*信\s*息\s*公\s*开\s*申\s*请\s*([0-9]+)\s*件")
_NONE = re.compile(r"未\s*收\s*到\s*政\s*府\s*信\s*息\s*公\s*开\s*申\s*请")


@SETTINGS
@given(report=reports(), delta=st.integers(1, 50))
def test_a_wrong_count_of_applications_in_the_text_is_x001_on_its_line(
        report: GeneratedReport, delta: int) -> None:
    assume(determined(report))
    norm = normalize(report.text)
    stated = _STATED.search(norm.text)
    if stated is not None:
        start = norm.to_original(stated.start(1))
        end = norm.to_original(stated.end(1) - 1) + 1
        wrong = str(int(stated.group(1)) + delta)
    else:
        none = _NONE.search(norm.text)
        assert none is not None, report.name
        # "未收到…申请" against a table of zeros becomes "收到…申请N件".
        start = norm.to_original(none.start())
        end = norm.to_original(none.end() - 1) + 1
        wrong = f"新收政府信息公开申请{delta}件"
    text = report.text[:start] + wrong + report.text[end:]
    line = LineIndex(text).position(start).line
    parsed = parse_bytes(text.encode("utf-8"), report.name)
    found = [f for f in check_report(parsed, select=["X001"])]
    assert any(parsed.position(f.start).line == line for f in found if f.start is not None), (
        f"{report.name} (seed {report.seed}) line {line}: {[f.message for f in found]}")


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(report=reports(), data=st.data())
def test_mangled_reports_never_break_the_checker(report: GeneratedReport,
                                                 data: st.DataObject) -> None:
    """Lines dropped, repeated or swapped anywhere: findings, never an exception."""
    lines = report.text.split("\n")
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        if not lines:
            break
        at = data.draw(st.integers(0, len(lines) - 1), label="line")
        edit = data.draw(st.sampled_from(["drop", "repeat", "swap", "junk"]), label="edit")
        if edit == "drop":
            del lines[at]
        elif edit == "repeat":
            lines.insert(at, lines[at])
        elif edit == "swap" and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        else:
            lines.insert(at, data.draw(st.text(max_size=40), label="junk"))
    text = "\n".join(lines)
    try:
        parsed = parse_bytes(text.encode("utf-8", "surrogatepass"), report.name)
    except ReportError:
        return
    for finding in check_report(parsed):
        if finding.start is not None:
            assert finding.end is not None and 0 <= finding.start <= finding.end
            assert finding.end <= len(parsed.text) + 1
            parsed.position(finding.start)
        for related in finding.related:
            assert 0 <= related.start <= related.end <= len(parsed.text) + 1
