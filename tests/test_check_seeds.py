"""The acceptance points of issue 3 on the real seeds, through the real parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from nianbao.parser.core.check import read_report
from nianbao.parser.model.findings import Finding
from nianbao.parser.rules.checker import check_report, finding_order
from tests.conftest import SAMPLES, SEEDS, seed


def findings(prefix: str) -> tuple[list[Finding], object]:
    report = read_report(seed(prefix))
    return check_report(report), report


def lines(report: object, found: list[Finding], code: str) -> list[int]:
    return [report.position(f.start).line for f in found  # type: ignore[attr-defined]
            if f.code == code and f.start is not None]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_no_arithmetic_finding_on_any_seed(path: Path) -> None:
    report = read_report(path)
    assert [f for f in check_report(report) if f.code.startswith("A")] == []


def test_seed_003_has_nothing_above_info() -> None:
    found, _ = findings("003")
    assert [f for f in found if f.severity in ("error", "warning")] == []


def test_seed_004_only_m004() -> None:
    found, _ = findings("004")
    assert [f.code for f in found] == ["M004"]


def test_seed_001() -> None:
    found, report = findings("001")
    assert lines(report, found, "S006") == [41]
    [s006] = [f for f in found if f.code == "S006"]
    assert "8.属于行政查询事项" in s006.message
    assert lines(report, found, "S007") == [57]
    [s007] = [f for f in found if f.code == "S007"]
    assert "12 of 15 cells" in s007.message
    codes = {f.code for f in found}
    assert {"V001", "S002"} <= codes
    assert not any(c.startswith(("A", "X", "E")) for c in codes)


def test_seed_001_blank_cells_one_finding_per_row() -> None:
    found, report = findings("001")
    v001 = [f for f in found if f.code == "V001"]
    rows = lines(report, v001, "V001")
    assert len(rows) == len(set(rows)), "two V001 findings on one row"


def test_seed_000_all_applicant_columns_blank_is_one_finding() -> None:
    found, _ = findings("000")
    v001 = [f for f in found if f.code == "V001"]
    assert len(v001) == 1
    assert "applicant columns blank in all" in v001[0].message


def test_seed_002() -> None:
    found, report = findings("002")
    codes = [f.code for f in found]
    assert "S003" in codes and "M004" in codes
    [m002] = [f for f in found if f.code == "M002"]
    assert "2019" in m002.message
    assert "60号" in report.text[m002.start:m002.end]  # type: ignore[attr-defined,misc]
    assert not any(c.startswith(("A", "X")) for c in codes)


def test_no_narrative_false_alarm_on_the_seeds() -> None:
    for path in SEEDS:
        report = read_report(path)
        assert check_report(report, select=["X"]) == [], path.name


def test_arithmetic_slip_sample_is_caught_at_its_cell() -> None:
    report = read_report(SAMPLES / "005_arithmetic_slip.txt")
    found = check_report(report, select=["A"])
    assert {f.code for f in found} == {"A001", "A002"}
    for finding in found:
        places = [finding.start, *(r.start for r in finding.related)]
        assert 63 in {report.position(p).line for p in places if p is not None}


def test_other_encodings_check_like_their_seed() -> None:
    def summary(name: str) -> list[tuple[str, str]]:
        return [(f.code, f.message) for f in check_report(read_report(SAMPLES / name))]

    assert summary("006_gb18030.txt") == summary(seed("002").name)
    assert summary("007_utf16_crlf.txt") == summary(seed("003").name)


def test_findings_are_sorted_by_severity_then_position() -> None:
    for path in SEEDS:
        found = check_report(read_report(path))
        keys = [finding_order(f) for f in found]
        assert keys == sorted(keys)
