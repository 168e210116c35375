"""Acceptance (issue 12): the real PDF ``hongze_2023.pdf`` through ``nianbao check``
and ``nianbao export`` as a reviewer runs them.

Its two real errors are in table 四 (行政复议 总计 0 although 维持 10 + 纠正 1; 复议后起诉
总计 0 although 维持 5). ``check`` must report them with ``origin.page`` 4 and a box
whose centre lies inside the 总计 cell pdfplumber (an independent extraction, a
test-only dependency here) draws for each group.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pdfplumber
import pytest

from nianbao.cli import main
from tests.conftest import ROOT

ORIGINALS = ROOT / "tests" / "data" / "originals"
PDF = ORIGINALS / "hongze_2023.pdf"
EXPECTED = json.loads((ORIGINALS / "hongze_2023.expected.json").read_text(encoding="utf-8"))
Box = tuple[float, float, float, float]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert err == ""
    return code, json.loads(out)


def _total_cells() -> dict[str, Box]:
    """The 总计 cells of 行政复议 and of 复议后起诉 in table 四, as pdfplumber draws them."""
    with pdfplumber.open(PDF) as pdf:
        table = next(t for t in pdf.pages[3].find_tables() if "行政复议" in str(t.extract()))
        texts = table.extract()
    header, sub_header = texts[1], texts[2]
    review = next(i for i, t in enumerate(header) if t and re.sub(r"\s", "", t) == "总计")
    after_review = max(i for i, t in enumerate(sub_header)
                       if t and re.sub(r"\s", "", t) == "总计")
    values = table.rows[-1].cells
    boxes = {"review": values[review], "after_review": values[after_review]}
    assert all(box is not None for box in boxes.values())
    return boxes  # type: ignore[return-value]


def _centre_inside(bbox: list[float], box: Box) -> bool:
    x, y = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def test_check_reports_the_two_table4_errors_on_page_4_in_their_total_cells(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, findings = _run(capsys, "check", "--format", "json", str(PDF))
    assert code == 1
    a004 = [f for f in findings if f["code"] == "A004"]
    assert len(a004) == 2
    boxes = _total_cells()
    groups = {"review" if f["message"].startswith("行政复议") else "after_review": f
              for f in a004}
    assert set(groups) == {"review", "after_review"}
    for group, finding in groups.items():
        assert finding["severity"] == "error"
        assert finding["origin"]["page"] == 4
        assert _centre_inside(finding["origin"]["bbox"], boxes[group]), (group, finding)


def test_export_gives_every_expected_cell_and_no_wrong_one(
        capsys: pytest.CaptureFixture[str]) -> None:
    _, exported = _run(capsys, "export", "--format", "json", str(PDF))
    tables = exported[0]["tables"]
    expected = dict(EXPECTED["active_disclosure"].items())
    got = {cell: data["value"] for cell, data in tables["active_disclosure"]["cells"].items()}
    for row, columns in EXPECTED["applications"].items():
        for column, value in columns.items():
            expected[f"applications:{row}.{column}"] = value
    for cell, data in tables["applications"]["cells"].items():
        got[f"applications:{cell}"] = data["value"]
    for cell, value in EXPECTED["review_litigation"].items():
        expected[f"review:{cell}"] = value
    for cell, data in tables["review_litigation"]["cells"].items():
        got[f"review:{cell}"] = data["value"]
    wrong = {k: (got[k], v) for k, v in expected.items()
             if k in got and float(got[k] or 0) != float(v or 0)}
    assert wrong == {}
    # The misspelt row 2.其他法律行政止公开 and the old single （六）其他处理 row included.
    missing = [k for k in expected if k not in got]
    assert missing == [] and len(expected) > 180
    assert all("origin" in data for body in tables.values() for data in body["cells"].values())


def test_no_other_error_or_warning_than_the_readme_lists(
        capsys: pytest.CaptureFixture[str]) -> None:
    _, findings = _run(capsys, "check", "--format", "json", str(PDF))
    assert sorted(f["code"] for f in findings) == ["A004", "A004", "M004", "S010"]
