"""Issue 14: metadata of every real text and every seed, as a table.

Year, template, agency, publication date and the 条例第四十九条 deadline that applies
(a local government's own report by 31 March, a department's by 31 January, none
when the agency's kind cannot be told), read through the core as a user's file is.
The values come from the texts (the real ones' ``expected/*.json`` and the seeds'
``tests/data/expected``); the kind of agency from its name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nianbao.parser.core.check import check_file
from nianbao.parser.outputs.export import report_to_dict

ROOT = Path(__file__).resolve().parent.parent
REAL = Path(__file__).parent / "data" / "real" / "texts"
SEEDS = ROOT / "sample_reports"

# file: year, template, agency, published, deadline
TABLE: dict[str, tuple[int, str, str, str | None, str | None]] = {
    # The title says 洪泽区人民政府; the opening, 本报告由淮安市洪泽区人民政府办公室…编制 and
    # 请与淮安市洪泽区人民政府办公室联系 (地址：淮安市洪泽区…): the city is the name's.
    "hongze_2023_pdftotext.txt": (2023, "2021", "淮安市洪泽区人民政府", None, "2024-03-31"),
    "hongze_2023_pdftotext_layout.txt": (2023, "2021", "淮安市洪泽区人民政府", None,
                                         "2024-03-31"),
    "hongze_2023_pdftotext_raw.txt": (2023, "2021", "淮安市洪泽区人民政府", None, "2024-03-31"),
    "011_hongze_2023.pdf": (2023, "2021", "淮安市洪泽区人民政府", None, "2024-03-31"),
    # 平潭综合实验区 reports for its whole area: a local government's deadline.
    "pingtan_2019_oneline.txt": (2019, "2019", "平潭综合实验区", "2020-01-20", "2020-03-31"),
    "pingtan_2023_oneline.txt": (2023, "2021", "平潭综合实验区", "2024-03-08", "2024-03-31"),
    # The title wrapped over two lines names the agency between the year and 政府信息公开.
    "shanghai_kw_2024_markdown.txt": (2024, "2021", "上海市科委", None, "2025-01-31"),
    # 采集时间 2025-12-30 is the crawler's; 公开日期 2024-01-17 is the page's.
    "shuyang_fgj_2023_webpage.txt": (2023, "2021", "沭阳县发展和改革局", "2024-01-17",
                                     "2024-01-31"),
    "shuyang_xzf_2025_ocr_markdown.txt": (2025, "2021", "沐阳县人民政府", "2026-01-23",
                                          "2026-03-31"),
    "000_7e335010be635ecf.txt": (2020, "2019", "泉港区科学技术局", "2021-01-12", "2021-01-31"),
    "001_1722c90fa512988b.txt": (2020, "2019", "襄都区科技和工业信息化局", "2021-01-27",
                                 "2021-01-31"),
    "002_5e13778fbfad6663.txt": (2021, "2021", "周口市科技局", None, "2022-01-31"),
    "003_32627ba4512e0993.txt": (2021, "2021", "威海市文登区科学技术局", "2022-01-27",
                                 "2022-01-31"),
    "004_4c4c59ed5f5017a7.txt": (2020, "2019", "朔州市科技局", None, "2021-01-31"),
}


def _path(name: str) -> Path:
    return REAL / name if (REAL / name).exists() else SEEDS / name


@pytest.mark.parametrize("name", sorted(TABLE))
def test_metadata(name: str) -> None:
    report = check_file(_path(name)).report
    assert report is not None
    meta = report_to_dict(report)["meta"]
    got = (meta["year"], meta["template"], meta["agency"], meta["published"], meta["deadline"])
    assert got == TABLE[name]


HEAD_TEXT = """{title}
2023 年政府信息公开工作年度报告
{opening}
一、总体情况
2023 年，洪泽区人民政府坚持依法公开。
二、主动公开政府信息情况
"""
OPENING = ("本报告由淮安市洪泽区人民政府办公室编制。如对本报告有疑问，请与淮安市洪泽区人民政府"
           "办公室联系（地址：淮安市洪泽区洪泽湖大道 90 号）。")


@pytest.mark.parametrize(("title", "opening", "agency"), [
    # The city before the district after different words: where it begins is shown.
    ("洪泽区人民政府", OPENING, "淮安市洪泽区人民政府"),
    # The same, wrapped over lines as a PDF's text wraps them.
    ("洪泽区人民政府", OPENING.replace("淮安市洪", "淮安市洪\n").replace("请与淮", "请与\n淮"),
     "淮安市洪泽区人民政府"),
    ("洪泽区教育局", "本报告由淮安市洪泽区教育局编制。地址：淮安市洪泽区东风路 1 号。",
     "淮安市洪泽区教育局"),
    # Only one word before the city: 请与淮安市 or 与淮安市 or 淮安市, nothing tells.
    ("洪泽区人民政府", "如有疑问，请与淮安市洪泽区人民政府办公室联系。", "洪泽区人民政府"),
    # The city before the district, but the agency's full name never written.
    ("洪泽区人民政府", "本报告由洪泽区人民政府办公室编制。地址：淮安市洪泽区东风路，邮寄至淮安市洪泽区。",
     "洪泽区人民政府"),
    # A province is not part of the name agencies use; its city is.
    ("洪泽区人民政府", "本报告由江苏省淮安市洪泽区人民政府编制，请与淮安市洪泽区人民政府联系。",
     "淮安市洪泽区人民政府"),
    # A name that already has its city keeps it; one without an area is left alone.
    ("淮安市洪泽区人民政府", OPENING, "淮安市洪泽区人民政府"),
    ("科学技术局", "本报告由淮安市科学技术局编制，请与淮安市科学技术局联系。", "科学技术局"),
], ids=["city-shown", "wrapped", "department", "one-word-before", "full-name-unwritten",
        "province", "already-full", "no-area"])
def test_the_agency_keeps_the_city_the_report_writes_before_it(
        title: str, opening: str, agency: str, tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(HEAD_TEXT.format(title=title, opening=opening), encoding="utf-8")
    report = check_file(path).report
    assert report is not None
    assert report.meta.agency == agency
    at = report.meta.agency_at
    assert at is not None
    assert "".join(report.text[at.start:at.end].split()) == agency


def test_no_deadline_when_the_agency_cannot_be_told(tmp_path: Path) -> None:
    text = (SEEDS / "003_32627ba4512e0993.txt").read_text(encoding="utf-8")
    text = text.replace("威海市文登区科学技术局", "本单位")
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    outcome = check_file(path)
    assert outcome.report is not None
    assert outcome.report.meta.deadline is None
    assert not [f for f in outcome.findings if f.code == "M003"]


@pytest.mark.parametrize(("name", "kind"), [
    ("洪泽区人民政府", "local_government"), ("沭阳县人民政府", "local_government"),
    ("内蒙古自治区人民政府", "local_government"), ("平潭综合实验区", "local_government"),
    ("平潭综合实验区管委会", "local_government"), ("北京市", "local_government"),
    ("洪泽区人民政府办公室", "department"), ("洪泽区发改局", "department"),
    ("沭阳县发展和改革局", "department"), ("上海市科委", "department"),
    ("高作镇人民政府", "department"), ("本单位", None), (None, None),
])
def test_the_kind_of_agency_decides_the_deadline(name: str | None, kind: str | None) -> None:
    from nianbao.parser.document.meta import agency_kind

    assert agency_kind(name) == kind
