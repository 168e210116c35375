"""E rules: unreadable files and lossy text."""

from __future__ import annotations

from nianbao.parser.document.parse import parse_bytes
from nianbao.parser.errors import ReportError
from nianbao.parser.rules.checker import check_report, unreadable_finding
from tests.report_builder import ReportBuilder


def test_e001_from_a_report_error() -> None:
    finding = unreadable_finding(ReportError("x.txt", "the file is empty"))
    assert finding.code == "E001" and finding.severity == "error"
    assert finding.start is None and finding.path == "x.txt"
    assert finding.message == "the file is empty"
    assert finding.help


def test_e002_replacements_and_question_runs() -> None:
    report = ReportBuilder(replacements=3).build()
    [finding] = check_report(report, select=["E002"])
    assert "replaced 3 invalid byte sequence(s)" in finding.message
    b = ReportBuilder(prose={1: ["本年度???????????工作情况良好。"]})
    report = b.build()
    [finding] = check_report(report, select=["E002"])
    assert "1 run(s) of '?'" in finding.message
    assert report.text[finding.start:finding.end] == "???????????"  # type: ignore[misc]


def test_e002_silent_on_clean_text_and_single_question_marks() -> None:
    b = ReportBuilder(prose={1: ["是否需要公开?请联系我们。"]})
    assert check_report(b.build(), select=["E002"]) == []


def test_e002_on_a_utf8_file_with_broken_bytes() -> None:
    text = "一、总体情况\n本年度工作情况良好。\n".encode() * 20
    data = text[:50] + b"\xff\xfe\xfa" + text[50:]
    report = parse_bytes(data, "broken.txt")
    found = check_report(report, select=["E002"])
    assert len(found) == 1
