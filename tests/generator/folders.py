"""Folders of reports with known truth across them, for the folder views (issue 15).

    years = agency_years(7)           # one agency, 2019 … 2025, one report a year
    years.write(tmp_path / "years")   # 2019.txt … 2025.txt
    city = city_year(7)               # one year: a district's departments + its government
    city.write(tmp_path / "city")

* :func:`agency_years`: seven years of one department, both templates (2019 and 2020
  on template 2019, 2021 on on template 2021). Across years the truths obey every
  cross-year identity: 二、上年结转 of year N is 四、结转下年度 of year N−1 column by
  column (Y001), 现行有效 = last year's + 本年制发 − 本年废止 between template-2021 years
  (Y002), 上一年项目数量 = last year's + 本年增/减 between template-2019 years (Y003),
  and every year's text is its own (no Y004) — except the breaks it is asked for
  (``carry_break``, ``in_force_break``), recorded in the folder's truth.
* :func:`city_year`: one year's reports of a district's departments and the
  district government's own report, whose tables 3 and 4 are the departments' sums
  plus the government office's own cases: the government's figures minus the
  departments' totals are the office's, known.

Every report is written in one clean style (tab-separated tables, UTF-8, no quirks),
so what the folder views show depends on the folder, not on reading.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from nianbao.parser.template import APPLICANT_ONLY_IDS, APPLICATION_COLUMN_IDS

from . import GeneratedReport, generate_with
from .truth import Agency, Truth, Value, random_truth

YEARS = tuple(range(2019, 2026))
STYLE = "tab"

# Sentences of a report's own (section 1): four pools whose products are drawn
# without repeats, so no two years of an agency share one (Y004 compares sentences).
_TOPICS = ("优化营商环境", "乡村振兴", "生态环境保护", "安全生产", "教育发展", "医疗卫生",
           "社会保障", "科技创新", "城市更新", "公共资源配置", "重大建设项目", "财政预决算")
_ACTIONS = ("集中发布", "专题解读", "定期更新", "系统梳理", "全面公开", "逐项核查")
_OBJECTS = ("政策文件及解读材料", "办事指南和服务清单", "重点项目进展信息", "专项资金使用情况",
            "权责清单和工作规则", "民生实事办理进度")
_RESULTS = ("方便群众及时查阅", "回应社会公众关切", "提升了政策知晓度", "主动接受社会监督",
            "提高了公开工作实效")
_OWN_SENTENCES = 30


@dataclass(frozen=True)
class FolderReport:
    name: str  # the file's name in the folder
    report: GeneratedReport

    @property
    def truth(self) -> Truth:
        return self.report.truth


def _write(folder: Path, reports: tuple[FolderReport, ...]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for item in reports:
        path = folder / item.name
        path.write_bytes(item.report.data)
        paths.append(path)
    return paths


def _render(rng: random.Random, truth: Truth) -> GeneratedReport:
    return generate_with(rng, style=STYLE, encoding="utf-8", newline="lf",
                         quirks=frozenset(), truth=truth)


def _own_prose(rng: random.Random, used: set[tuple[str, ...]]) -> tuple[str, ...]:
    sentences = []
    while len(sentences) < _OWN_SENTENCES:
        parts = (rng.choice(_TOPICS), rng.choice(_ACTIONS), rng.choice(_OBJECTS),
                 rng.choice(_RESULTS))
        if parts in used:
            continue
        used.add(parts)
        topic, action, thing, result = parts
        sentences.append(f"围绕{topic}，{action}{thing}，{result}。")
    return tuple("".join(sentences[i:i + 10]) for i in range(0, len(sentences), 10))


# ------------------------------------------------------------------ truths across years


def _column_totals(cells: dict[str, Value]) -> dict[str, Value]:
    """Every table-3 row's 总计 again, as the sum of its six applicant columns."""
    rows = {key.rpartition(".")[0] for key in cells}
    out = dict(cells)
    for row in rows:
        out[f"{row}.total"] = sum(int(out[f"{row}.{c}"] or 0) for c in APPLICANT_ONLY_IDS)
    return out


def carry_into(truth: Truth, forward: dict[str, Value]) -> Truth:
    """``truth`` with 二、上年结转 = last year's 四、结转下年度 (``forward``, by column),
    一、本年新收 adjusted so that 一+二 = （七）总计+四 still holds in every column."""
    cells = dict(truth.cells["applications"])
    for col in APPLICANT_ONLY_IDS:
        over = int(forward.get(col) or 0)
        done = int(cells[f"total.{col}"] or 0)
        ahead = int(cells[f"carried_forward.{col}"] or 0)
        new = done + ahead - over
        if new < 0:  # more came in from last year than this year dealt with: grant them
            cells[f"granted.{col}"] = int(cells[f"granted.{col}"] or 0) - new
            cells[f"total.{col}"] = done - new
            new = 0
        cells[f"carried_over.{col}"] = over
        cells[f"new_received.{col}"] = new
    return replace(truth, cells={**truth.cells, "applications": _column_totals(cells)})


def _forward(truth: Truth) -> dict[str, Value]:
    return {c: truth.cells["applications"][f"carried_forward.{c}"] for c in APPLICANT_ONLY_IDS}


def _continue_in_force(truth: Truth, last: Truth) -> Truth:
    """现行有效 = last year's + 本年制发 − 本年废止 (both years on template 2021)."""
    active = dict(truth.cells["active_disclosure"])
    for item in ("regulations", "normative_documents"):
        before = int(last.cells["active_disclosure"][f"{item}.in_force"] or 0)
        issued = int(active[f"{item}.issued"] or 0)
        repealed = min(int(active[f"{item}.repealed"] or 0), before + issued)
        active[f"{item}.repealed"] = repealed
        active[f"{item}.in_force"] = before + issued - repealed
    return replace(truth, cells={**truth.cells, "active_disclosure": active})


def _continue_items(truth: Truth, last: Truth) -> Truth:
    """上一年项目数量 = last year's + last year's 本年增/减 (both years on template 2019)."""
    active = dict(truth.cells["active_disclosure"])
    before = last.cells["active_disclosure"]
    for item in ("licensing", "other_services", "penalty", "enforcement", "fees"):
        count = int(before[f"{item}.prev_count"] or 0) + int(before[f"{item}.change"] or 0)
        active[f"{item}.prev_count"] = count
        active[f"{item}.change"] = max(int(active[f"{item}.change"] or 0), -count)
    return replace(truth, cells={**truth.cells, "active_disclosure": active})


def _break_carry(truth: Truth) -> Truth:
    """One more application carried over (自然人) than last year carried forward, and
    one fewer new: the report's own identities hold, the link to last year breaks."""
    cells = dict(truth.cells["applications"])
    col = APPLICANT_ONLY_IDS[0]
    cells[f"carried_over.{col}"] = int(cells[f"carried_over.{col}"] or 0) + 1
    if int(cells[f"new_received.{col}"] or 0) > 0:
        cells[f"new_received.{col}"] = int(cells[f"new_received.{col}"] or 0) - 1
    else:
        cells[f"granted.{col}"] = int(cells[f"granted.{col}"] or 0) + 1
        cells[f"total.{col}"] = int(cells[f"total.{col}"] or 0) + 1
    return replace(truth, cells={**truth.cells, "applications": _column_totals(cells)})


def _break_in_force(truth: Truth) -> Truth:
    active = dict(truth.cells["active_disclosure"])
    active["normative_documents.in_force"] = int(active["normative_documents.in_force"] or 0) + 2
    return replace(truth, cells={**truth.cells, "active_disclosure": active})


def _department(rng: random.Random, city: str, county: str | None,
                dept: str, short: str | None) -> Agency:
    prefixes = [city] if county is None else [county, city + county]
    names = tuple(p + d for p in prefixes for d in ([dept] if short is None else [dept, short]))
    full = (city + (county or "")) + dept
    return Agency(rng.choice(names), full, tuple(dict.fromkeys((*names, full))), dept, False)


def _template(year: int) -> str:
    return "2019" if year < 2021 else "2021"


def _dated(truth: Truth, year: int, agency: Agency, rng: random.Random) -> Truth:
    last_day = 80 if agency.local_government else 25
    return replace(truth, year=year, agency=agency,
                   published=dt.date(year + 1, 1, 1) + dt.timedelta(days=rng.randint(4, last_day)),
                   period=(dt.date(year, 1, 1), dt.date(year, 12, 31)))


# ------------------------------------------------------------------ an agency's years


@dataclass(frozen=True)
class YearsFolder:
    """One agency's reports, one a year, with the truth across them."""

    agency: Agency
    reports: tuple[FolderReport, ...]  # ascending years
    # The years whose report breaks a cross-year identity on purpose, by rule.
    breaks: dict[str, frozenset[int]] = field(default_factory=dict)

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(r.truth.year for r in self.reports)

    def truth(self, year: int) -> Truth:
        return next(r.truth for r in self.reports if r.truth.year == year)

    def value(self, year: int, table: str, cell: str) -> int:
        """A cell's true value (blank: 0)."""
        return int(self.truth(year).total(table, cell))

    def write(self, folder: Path) -> list[Path]:
        return _write(folder, self.reports)


def agency_years(seed: int, years: tuple[int, ...] = YEARS, *,
                 carry_break: int | None = 2023,
                 in_force_break: int | None = 2025,
                 named: Mapping[int, Agency] | None = None) -> YearsFolder:
    """One department's reports for ``years`` (consecutive), files ``<year>.txt``.

    ``carry_break``: the year whose 二、上年结转 (自然人, so also 总计) is one more than
    the year before carried forward (Y001 there); ``in_force_break``: a template-2021
    year whose 行政规范性文件 现行有效 is two more than continuity gives (Y002 there).
    None: no break. ``named``: the agency as some years' reports name it (one agency
    written with its city one year and without it another); the truths do not change.
    """
    rng = random.Random(seed)
    agency = _department(rng, "威海市", "文登区", "科学技术局", "科技局")
    used: set[tuple[str, ...]] = set()
    truths: list[Truth] = []
    for year in years:
        truth = random_truth(rng, template=_template(year), profile="busy", blank_mode="none")
        truth = replace(_dated(truth, year, (named or {}).get(year, agency), rng),
                        prose=_own_prose(rng, used))
        if truths:
            last = truths[-1]
            truth = carry_into(truth, _forward(last))
            if truth.template == last.template == "2021":
                truth = _continue_in_force(truth, last)
            elif truth.template == last.template == "2019":
                truth = _continue_items(truth, last)
        if year == carry_break:
            truth = _break_carry(truth)
        if year == in_force_break:
            assert truth.template == "2021" and truths and truths[-1].template == "2021"
            truth = _break_in_force(truth)
        truths.append(truth)
    reports = tuple(FolderReport(f"{t.year}.txt", _render(rng, t)) for t in truths)
    breaks = {"Y001": frozenset({carry_break} if carry_break is not None else ()),
              "Y002": frozenset({in_force_break} if in_force_break is not None else ())}
    return YearsFolder(agency, reports, breaks)


# ------------------------------------------------------------------ one year of a district

_CITY_DEPARTMENTS = (
    ("教育局", None), ("财政局", None), ("生态环境局", None), ("住房和城乡建设局", "住建局"),
    ("交通运输局", None), ("卫生健康委员会", "卫健委"), ("民政局", None), ("司法局", None),
)
KEY_CELLS = {
    "new_received": (("applications", "new_received.total"),),
    "granted": (("applications", "granted.total"),),
    "review": (("review_litigation", "review.total"),),
    "litigation": (("review_litigation", "litigation_direct.total"),
                   ("review_litigation", "litigation_after_review.total")),
}


def key_figure(truth: Truth, figure: str) -> int:
    """The overview's key figure (summary.KEY_FIGURES) as the truth has it."""
    return sum(int(truth.total(table, cell)) for table, cell in KEY_CELLS[figure])


@dataclass(frozen=True)
class CityFolder:
    """One year's reports of a district's departments and its government."""

    year: int
    departments: tuple[FolderReport, ...]
    government: FolderReport
    office: Truth  # the government office's own cases, which the government adds

    @property
    def reports(self) -> tuple[FolderReport, ...]:
        return (*self.departments, self.government)

    def total(self, figure: str) -> int:
        """The departments' total of a key figure."""
        return sum(key_figure(r.truth, figure) for r in self.departments)

    def difference(self, figure: str) -> int:
        """The government's figure minus the departments' total: the office's own."""
        return key_figure(self.office, figure)

    def write(self, folder: Path) -> list[Path]:
        return _write(folder, self.reports)


def _summed(parts: list[Truth], table: str) -> dict[str, Value]:
    keys = parts[0].cells[table]
    return {key: sum(int(p.cells[table][key] or 0) for p in parts) for key in keys}


def city_year(seed: int, year: int = 2023, departments: int = 6) -> CityFolder:
    """``departments`` departments of 威海市文登区 and 文登区人民政府 for ``year``.

    Files: ``dept01.txt`` … and ``government.txt``.
    """
    rng = random.Random(seed)
    template = _template(year)
    chosen = rng.sample(_CITY_DEPARTMENTS, departments)
    depts: list[Truth] = []
    for dept, short in chosen:
        agency = _department(rng, "威海市", "文登区", dept, short)
        truth = random_truth(rng, template=template, profile="busy", blank_mode="none")
        depts.append(_dated(truth, year, agency, rng))
    office = random_truth(rng, template=template, profile="busy", blank_mode="none")
    government = Agency("文登区人民政府", "威海市文登区人民政府",
                        ("文登区人民政府", "威海市文登区人民政府"), "人民政府", True)
    parts = [*depts, office]
    cells = {**office.cells,
             "applications": _summed(parts, "applications"),
             "review_litigation": _summed(parts, "review_litigation")}
    assert set(cells["applications"]) == {f"{r}.{c}" for r in
                                          {k.rpartition(".")[0] for k in cells["applications"]}
                                          for c in APPLICATION_COLUMN_IDS}
    gov = _dated(replace(office, cells=cells), year, government, rng)
    reports = tuple(FolderReport(f"dept{i:02d}.txt", _render(rng, t))
                    for i, t in enumerate(depts, 1))
    return CityFolder(year, reports, FolderReport("government.txt", _render(rng, gov)), office)
