"""Issue 14: the prose of a page flattened onto one line.

A one-line page is one physical line that also holds the tables: its prose is the
line outside the tables, not nothing, and the crawler's labels around it (标题：,
发布时间：, 原文链接：) are not prose. Y004 compares sentences with their numbers
masked, so two different reports are not called repeated because their crawler
headers look alike, and a copy that only changed its numbers is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nianbao.parser.core.check import check_across, check_file
from nianbao.parser.document.sentences import sentences

REAL = Path(__file__).parent / "data" / "real" / "texts"


def _as_year(tmp_path: Path, stem: str, old: str, new: str) -> Path:
    path = tmp_path / f"{stem}_{new}.txt"
    path.write_text((REAL / f"{stem}.txt").read_text(encoding="utf-8").replace(old, new),
                    encoding="utf-8")
    return path


def _y004(paths: list[Path]) -> list[str]:
    views = [v for v in (check_file(p).view for p in paths) if v is not None]
    return [f.message for found in check_across(views).values() for f in found
            if f.code == "Y004"]


def test_the_prose_of_a_one_line_page_is_read() -> None:
    report = check_file(REAL / "pingtan_2023_oneline.txt").report
    assert report is not None
    prose = sentences(report)
    texts = "".join(s.text for s in prose)
    assert "统计期限自2023年1月1日起至2023年12月31日止" in texts  # before the tables
    assert "三是拓宽政民互动渠道" in texts  # after them
    assert "标题" not in texts and "原文链接" not in texts  # the crawler's labels
    assert "801000081" not in texts  # table 3's glued cells
    assert {s.section for s in prose} >= {0, 1, 5, 6}


def test_different_reports_are_not_called_repeated(tmp_path: Path) -> None:
    """The 2019 page taken as the 2022 report before 2023's: its sentences differ."""
    previous = _as_year(tmp_path, "pingtan_2019_oneline", "2019", "2022")
    assert _y004([previous, REAL / "pingtan_2023_oneline.txt"]) == []


def test_a_copy_with_new_numbers_is_repeated(tmp_path: Path) -> None:
    previous = _as_year(tmp_path, "pingtan_2023_oneline", "2023", "2022")
    [message] = _y004([previous, REAL / "pingtan_2023_oneline.txt"])
    assert message.startswith("100% of the text repeats the 2022 report")


def _folder(tmp_path: Path, last_row: str) -> Path:
    """pingtan 2023 beside a 2022 report of the same agency whose 行政规范性文件 row is
    ``last_row`` (its cells apart, so read)."""
    text = (REAL / "pingtan_2023_oneline.txt").read_text(encoding="utf-8")
    (tmp_path / "2023.txt").write_text(text, encoding="utf-8")
    last = text.replace("2024", "2023x").replace("2023", "2022").replace("2023x", "2023")
    last = last.replace("行政规范性文件77132470", last_row)
    (tmp_path / "2022.txt").write_text(last, encoding="utf-8")
    return tmp_path / "2023.txt"


def test_last_years_report_in_the_folder_decides_a_glued_row(tmp_path: Path) -> None:
    """现行有效 = last year's + 制发 − 废止: 525 + 77 − 132 = 470 leaves one of the 21
    readings of 77132470."""
    outcome = check_file(_folder(tmp_path, "行政规范性文件10 20 525"))
    assert outcome.report is not None
    cells = outcome.report.tables["active_disclosure"].cells
    got = {k: (cells[k].value, cells[k].raw) for k in cells if k.startswith("normative")}
    assert got == {"normative_documents.issued": (77, "77"),
                   "normative_documents.repealed": (132, "132"),
                   "normative_documents.in_force": (470, "470")}
    text = outcome.report.text
    assert all(text.startswith(c.raw, c.start) for c in cells.values())
    assert not [f for f in outcome.findings if f.code == "S007"]


def test_last_years_report_that_fits_no_reading_decides_nothing(tmp_path: Path) -> None:
    outcome = check_file(_folder(tmp_path, "行政规范性文件10 20 9999"))
    assert outcome.report is not None
    assert "normative_documents.issued" not in outcome.report.tables["active_disclosure"].cells
    assert [f.code for f in outcome.findings if f.code == "S007"] == ["S007"]


def _named(path: Path, city: str, name: str) -> Path:
    """A copy of ``path`` named ``name`` whose agency is written with ``city`` before it."""
    text = path.read_text(encoding="utf-8").replace("平潭综合实验区", city + "平潭综合实验区")
    out = path.with_name(name)
    out.write_text(text, encoding="utf-8")
    return out


def test_last_years_report_with_the_city_written_is_the_same_agencys(tmp_path: Path) -> None:
    """2022 names 福州市平潭综合实验区, 2023 平潭综合实验区: one agency (agency_groups),
    unless another city's 平潭综合实验区 is beside them (no guess)."""
    here = _folder(tmp_path, "行政规范性文件10 20 525")
    bare = tmp_path / "2022.txt"
    last = _named(bare, "福州市", "2022福州.txt")
    bare.rename(tmp_path / "bare.txt.orig")  # not a report kind: no sibling
    assert (check_file(last).report or pytest.fail()).meta.agency == "福州市平潭综合实验区"
    outcome = check_file(here)
    assert outcome.report is not None and outcome.report.meta.agency == "平潭综合实验区"
    cells = outcome.report.tables["active_disclosure"].cells
    assert cells["normative_documents.in_force"].value == 470
    _named(tmp_path / "bare.txt.orig", "厦门市", "2022厦门.txt")
    outcome = check_file(here)
    assert outcome.report is not None
    assert "normative_documents.in_force" not in outcome.report.tables["active_disclosure"].cells
    assert [f.code for f in outcome.findings if f.code == "S007"] == ["S007"]
