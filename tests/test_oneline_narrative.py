"""Issue 14: the prose of a page flattened onto one line.

A one-line page is one physical line that also holds the tables: its prose is the
line outside the tables, not nothing, and the crawler's labels around it (标题：,
发布时间：, 原文链接：) are not prose. Y004 compares sentences with their numbers
masked, so two different reports are not called repeated because their crawler
headers look alike, and a copy that only changed its numbers is.
"""

from __future__ import annotations

from pathlib import Path

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
