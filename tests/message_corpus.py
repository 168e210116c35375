"""A folder of reports on which every rule fires, for the tests of messages (issue 11).

The bundled samples, the real texts and originals, seven years of one agency
(``generator.folders``) and generated reports with one mutation each: a number
changed, a cell made text or negative, a section or date changed, a sentence of
the text contradicting a table, files that are not reports at all. Each mutation
names the rules it is meant to fire; :func:`build` writes them all into a folder
that ``nianbao check`` reads in one run (the Y rules need the years together).
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from nianbao.parser.reading.positions import LineIndex
from tests.conftest import ROOT, SAMPLES
from tests.generator import GeneratedReport, generate_with
from tests.generator.folders import agency_years
from tests.generator.truth import random_truth

_DIGITS = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")

Mutation = Callable[[GeneratedReport], str]


def base(seed: int, template: str) -> GeneratedReport:
    """A clean generated report: tab-separated tables, no blank cell, no quirk."""
    rng = random.Random(seed)
    truth = random_truth(rng, template=template, profile="busy", blank_mode="none")
    return generate_with(rng, style="tab", encoding="utf-8", newline="lf", truth=truth,
                         quirks=frozenset(), seed=seed)


def set_cell(report: GeneratedReport, text: str, table: str, cell: str, value: str) -> str:
    """``text`` (the report's, or already mutated without moving lines) with ``cell`` written
    as ``value``: the number at the cell's place replaced."""
    line, column = report.truth.positions[(table, cell)]
    index = LineIndex(text)
    offset = index.offset(line, column)
    match = _DIGITS.match(text, offset)
    assert match is not None, (report.name, table, cell)
    return text[:offset] + value + text[match.end():]


def set_cells(report: GeneratedReport, changes: dict[tuple[str, str], str]) -> str:
    """Several cells changed; right to left so earlier places do not move."""
    text = report.text
    places = sorted(changes, key=lambda ref: report.truth.positions[ref], reverse=True)
    for table, cell in places:
        text = set_cell(report, text, table, cell, changes[(table, cell)])
    return text


def _value(report: GeneratedReport, table: str, cell: str) -> int:
    value = report.truth.cells[table][cell]
    return 0 if value is None else int(value)


def _bump(report: GeneratedReport, table: str, cell: str, by: int = 1) -> str:
    return str(_value(report, table, cell) + by)


def _sub(pattern: str, replacement: str, text: str) -> str:
    changed, count = re.subn(pattern, replacement, text, count=1)
    assert count == 1, pattern
    return changed


A = "applications"
R = "review_litigation"
T2 = "active_disclosure"

# Each: (file name, template, the codes it is meant to fire, the mutation).
MUTATIONS: list[tuple[str, str, tuple[str, ...], Mutation]] = [
    ("row_total.txt", "2019", ("A001", "A002"),
     lambda r: set_cells(r, {(A, "new_received.natural_person"):
                             _bump(r, A, "new_received.natural_person")})),
    ("results_total.txt", "2021", ("A003",),
     lambda r: set_cells(r, {(A, "granted.total"): _bump(r, A, "granted.total", 5),
                             (A, "granted.natural_person"):
                                 _bump(r, A, "granted.natural_person", 5)})),
    ("review_total.txt", "2019", ("A004",),
     lambda r: set_cells(r, {(R, "review.total"): _bump(r, R, "review.total")})),
    ("active_bounds.txt", "2019", ("A005",),
     lambda r: set_cells(r, {(T2, "regulations.new_published"): "5",
                             (T2, "regulations.total_published"): "2",
                             (T2, "licensing.prev_count"): "1",
                             (T2, "licensing.change"): "-4"})),
    ("not_numbers.txt", "2019", ("V002",),
     lambda r: set_cells(r, {(A, "granted.natural_person"): "/",
                             (A, "granted.commercial"): "三",
                             (R, "review.upheld"): "无"})),
    ("negative.txt", "2021", ("V003",),
     lambda r: set_cells(r, {(A, "carried_over.total"): "-2"})),
    ("fraction.txt", "2019", ("V004",),
     lambda r: set_cells(r, {(A, "new_received.total"): "3.5"})),
    ("units.txt", "2019", ("V005",),
     lambda r: set_cells(r, {(T2, "procurement.amount"): "95300元"})),
    ("units_foreign.txt", "2019", ("V005",),
     lambda r: set_cells(r, {(T2, "procurement.amount"): "12项"})),
    ("title_year.txt", "2021", ("M005",),
     lambda r: _sub(r"\n", f"\n本报告所列数据的统计期限自{r.truth.year}年1月1日起至"
                          f"{r.truth.year}年12月31日止。\n",
                    _sub(rf"{r.truth.year}(年度?政府信息公开)", rf"{r.truth.year - 1}\g<1>",
                         r.text))),
    ("period.txt", "2021", ("M005",),
     lambda r: _sub(r"\n", f"\n本报告所列数据的统计期限自{r.truth.year - 1}年1月1日起至"
                          f"{r.truth.year - 1}年12月31日止。\n", r.text)),
    ("late.txt", "2019", ("M003",),
     lambda r: _sub(r"(\d{4})年\d{1,2}月\d{1,2}日\s*$", r"\g<1>年6月30日\n", r.text)),
    ("no_agency_no_year.txt", "2021", ("M001", "M006"),
     lambda r: "政府信息公开工作年度报告\n" + "\n".join(
         line for line in r.text.splitlines()[1:]
         if not re.search(r"\d{4}年|统计期限|局|委|办公室|政府", line)
         or line.lstrip().startswith(("一、", "二、", "三、", "四、", "五、", "六、", "（"))) + "\n"),
    ("text_counts.txt", "2019", ("X001", "X002", "X003"),
     lambda r: _sub(r"新收政府信息公开申请(\d+)件", "新收政府信息公开申请999件",
                    _sub(r"予以公开(\d+)件", "予以公开998件，占99.5%",
                         _sub(r"被申请行政复议(\d+)件", "被申请行政复议997件，均获维持，均已审结",
                              _sub(r"规范性文件(\d+)件", "规范性文件996件", r.text))))),
    ("documents.txt", "2021", ("X004",),
     lambda r: _sub(r"(\n一、[^\n]*\n)", "\\g<1>本年度共出台行政规范性文件996件，废止行政规范性文件"
                    "995件，行政处罚决定994件。\n", r.text)),
    ("stray_row.txt", "2021", ("S008",),
     lambda r: _sub(r"(\n[^\n]*8\.属于行政查询事项[^\n]*\n)",
                    "\\g<1>\t\t9.属于其他情形\t1\t0\t0\t0\t0\t0\t1\n", r.text)),
    ("no_applications.txt", "2021", ("X001",),
     lambda r: _sub(r"本年度新收政府信息公开申请\d+件[^。]*。", "本年度未收到政府信息公开申请。",
                    r.text)),
    ("no_table4.txt", "2019", ("S004",),
     lambda r: re.sub(r"(\n四、[^\n\t]*行政复议[^\n\t]*\n).*?(\n五、)",
                      "\\g<1>行政复议、行政诉讼情况统计表从略。\\g<2>", r.text, count=1,
                      flags=re.DOTALL)),
]

_NOT_A_REPORT = """关于做好2024年政务公开工作的通知

各乡镇人民政府，区政府各部门：
现将有关事项通知如下，请认真贯彻落实。
一是加强组织领导。二是突出公开重点。三是强化监督检查。
"""

_OLD_STRUCTURE = """某县人民政府办公室{year}年政府信息公开工作年度报告

本年度，我办认真贯彻落实政府信息公开工作要求，主动公开政府信息120条。
全年共受理依申请公开3件，均已按时答复。
某县人民政府办公室
{year}年3月20日
"""


def _originals(folder: Path) -> None:
    for source in [*sorted(SAMPLES.iterdir()),
                   *sorted((ROOT / "tests" / "data" / "real" / "texts").iterdir()),
                   *sorted((ROOT / "tests" / "data" / "originals").glob("*.*"))]:
        if source.is_file() and not source.name.endswith(".json"):
            shutil.copy(source, folder / source.name)


def _years(folder: Path) -> None:
    years = agency_years(7)
    paths = years.write(folder / "years")
    by_year = {int(path.stem): path for path in paths}
    # Y004: a year that is the year before with its year changed.
    copied = by_year[2024].read_text(encoding="utf-8").replace("2024", "2025")
    (folder / "years" / "2025_copy.txt").write_text(copied.replace("2023", "2024"),
                                                    encoding="utf-8")
    # Y003: template 2019's 上一年项目数量 that does not follow on from 2019.
    report = years.reports[1].report
    assert report.truth.year == 2020
    by_year[2020].write_text(set_cells(report, {(T2, "licensing.prev_count"):
                                                _bump(report, T2, "licensing.prev_count", 7)}),
                             encoding="utf-8")


def _broken(folder: Path) -> None:
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (folder / "not_a_report.txt").write_text(_NOT_A_REPORT, encoding="utf-8")
    (folder / "old_structure.txt").write_text(_OLD_STRUCTURE.format(year=2017), encoding="utf-8")
    (folder / "no_sections.txt").write_text(_OLD_STRUCTURE.format(year=2022), encoding="utf-8")
    lossy = base(11, "2021").text
    lossy = lossy.replace("政府信息公开工作", "政府信息公开\ufffd\ufffd", 2)
    (folder / "lossy.txt").write_text(lossy.replace("总体情况", "????情况", 1), encoding="utf-8")
    page = base(12, "2021").text
    # E004: a page that says UTF-8 and is GB18030 (the reader notes it).
    html = ("<html><head><meta charset=\"utf-8\"><title>年度报告</title></head>"
            "<body><pre>" + page + "</pre></body></html>")
    (folder / "wrong_charset.html").write_bytes(html.encode("gb18030"))


def build(folder: Path) -> dict[str, tuple[str, ...]]:
    """Write the corpus into ``folder``; the mutated files and the codes each should fire."""
    folder.mkdir(parents=True, exist_ok=True)
    _originals(folder)
    _years(folder)
    _broken(folder)
    expected: dict[str, tuple[str, ...]] = {}
    for seed, (name, template, codes, mutate) in enumerate(MUTATIONS):
        report = base(100 + seed, template)
        (folder / name).write_text(mutate(report), encoding="utf-8")
        expected[name] = codes
    return expected
