"""The truth a generated report is rendered from: metadata and every table cell.

Cell values are keyed by the canonical ids of ``parser/template.py`` and are
arithmetically consistent the way real tables are meant to be (row sums, 一+二 =
总计+四, the table-4 totals), so a parser that swaps two cells shows up as wrong
values rather than hiding behind zeros. ``None`` is a blank cell; only styles that
can show a blank get one (see ``generator.styles``).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal

from nianbao.parser.template import (
    ACTIVE_ITEMS,
    APPLICATION_COLUMN_IDS,
    APPLICATION_ROWS,
    REVIEW_CELL_IDS,
    cell_ids,
)

Value = int | Decimal | None
CellRef = tuple[str, str]  # (table id, cell id)
TABLE_IDS = ("active_disclosure", "applications", "review_litigation")
TEMPLATES = ("2019", "2021")
PROFILES = ("quiet", "busy")
BLANK_MODES = ("none", "scatter", "applicants")

# Places and departments for agency names. Some carry characters PDFs turn into
# radicals (长 马 门 青 风), so the agency itself must survive the disguise.
_PLACES: tuple[tuple[str, str | None], ...] = (
    ("泉州市", "泉港区"), ("朔州市", None), ("威海市", "文登区"), ("周口市", None),
    ("邢台市", "襄都区"), ("杭州市", "西湖区"), ("成都市", "武侯区"), ("长沙市", "岳麓区"),
    ("南宁市", "青秀区"), ("兰州市", "城关区"), ("洛阳市", "涧西区"), ("赣州市", "章贡区"),
    ("佛山市", "顺德区"), ("绵阳市", None), ("大连市", "甘井子区"), ("宜昌市", None),
    ("铜川市", "耀州区"), ("马鞍山市", None), ("荆门市", "东宝区"), ("黄山市", "屯溪区"),
)
_DEPARTMENTS: tuple[tuple[str, str | None], ...] = (
    ("科学技术局", "科技局"), ("教育局", None), ("财政局", None), ("生态环境局", None),
    ("住房和城乡建设局", "住建局"), ("交通运输局", None), ("水利局", None),
    ("农业农村局", None), ("商务局", None), ("文化和旅游局", "文旅局"),
    ("卫生健康委员会", "卫健委"), ("应急管理局", None), ("审计局", None),
    ("市场监督管理局", "市场监管局"), ("统计局", None), ("医疗保障局", "医保局"),
    ("民政局", None), ("人力资源和社会保障局", "人社局"), ("司法局", None),
    ("科技和工业信息化局", None),
)


@dataclass(frozen=True, slots=True)
class Agency:
    title_name: str  # the name the title uses
    signature_name: str  # the name under the report (often the full one)
    names: tuple[str, ...]  # every correct name: the parser may give any of them
    department: str  # the bare department, as web chrome's 发布机构 writes it
    local_government: bool


def random_agency(rng: random.Random) -> Agency:
    city, county = rng.choice(_PLACES)
    if rng.random() < 0.12:
        place = county or city
        name = f"{place}人民政府办公室" if rng.random() < 0.5 else f"{place}人民政府"
        full = f"{city}{name}" if county else name
        names = tuple(dict.fromkeys((name, full)))
        return Agency(name, rng.choice(names), names, name.removeprefix(place), True)
    dept, short = rng.choice(_DEPARTMENTS)
    prefixes = [city] if county is None else [county, city + county]
    depts = [dept] if short is None else [dept, short]
    names = tuple(p + d for p in prefixes for d in depts)
    title_name = rng.choice(names)
    signature_name = rng.choice((title_name, names[-1] if county is None else prefixes[-1] + dept))
    return Agency(title_name, signature_name, names, dept, False)


@dataclass(frozen=True)
class Truth:
    template: str  # "2019" or "2021"
    year: int
    agency: Agency
    published: dt.date | None  # None: the report shows no publication date
    period: tuple[dt.date, dt.date] | None  # None: no statistics period in the text
    cells: dict[str, dict[str, Value]]  # table id → cell id → value (None: blank)
    # Cells whose value the rendered text cannot tell (a blank dropped from a
    # whitespace-separated row): excluded from accuracy, reported on their own.
    ambiguous: frozenset[CellRef] = frozenset()
    # (line, column), both 1-based, of every non-blank value as written.
    positions: dict[CellRef, tuple[int, int]] = field(default_factory=dict)
    # The flattenings learnt from real reports (``generator.real_styles``) add these.
    # Cells the text does not hold at all (a converter lost them): a parser must leave
    # them out and name their place in a finding.
    absent: frozenset[CellRef] = frozenset()
    # Cells whose digits are glued to their neighbours with more than one reading that
    # no identity decides: absent with a finding that lists the readings, or right.
    undecidable: frozenset[CellRef] = frozenset()
    # For every glued run with several readings: (table, row or "review") → the
    # readings, each the run's cut into the row's cell texts, the true one included.
    readings: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # Template 2021 with template 2019's single （六）其他处理 row (row id ``other``).
    old_other_row: bool = False
    # Table-3 rows whose label is misspelt (a character dropped or swapped).
    misspelt: frozenset[str] = frozenset()
    # Paragraphs of this report's own, after section 1's first (``generator.folders``:
    # an agency's years that do not repeat each other's text, Y004).
    prose: tuple[str, ...] = ()

    def value(self, table: str, cell: str) -> Value:
        return self.cells[table][cell]

    def checked(self) -> Iterator[tuple[str, str, Value]]:
        """Every cell the text determines, in template order."""
        for table in TABLE_IDS:
            for cell, value in self.cells[table].items():
                ref = (table, cell)
                if ref not in self.ambiguous and ref not in self.absent \
                        and ref not in self.undecidable:
                    yield table, cell, value

    def blanks_as_zero(self) -> Truth:
        cells = {t: {c: (0 if v is None else v) for c, v in row.items()}
                 for t, row in self.cells.items()}
        return replace(self, cells=cells)

    @property
    def has_blanks(self) -> bool:
        return any(v is None for row in self.cells.values() for v in row.values())

    def total(self, table: str, cell: str) -> int | Decimal:
        """A value with blank read as 0, for narrative sentences and sums."""
        value = self.cells[table][cell]
        return 0 if value is None else value


def _count(rng: random.Random, profile: str, small: bool = False) -> int:
    if profile == "quiet":
        return 0 if rng.random() < 0.8 else rng.randint(1, 9)
    if rng.random() < 0.3:
        return 0
    top = 20 if small else rng.choice((9, 99, 999))
    return rng.randint(1, top)


def _amount(rng: random.Random, template: str, profile: str) -> Decimal:
    if profile == "quiet" and rng.random() < 0.5:
        return Decimal(0)
    places = rng.choice((0, 1, 2, 4) if template == "2019" else (0, 2, 4, 6))
    whole = rng.choice((99, 999, 99999))
    return Decimal(rng.randint(1, whole * 10**places)) / Decimal(10**places)


def _active(rng: random.Random, template: str, profile: str) -> dict[str, Value]:
    values: dict[str, Value] = {}
    for item in ACTIVE_ITEMS[template]:  # type: ignore[index]
        for fid, _ in item.fields:
            key = f"{item.id}.{fid}"
            if fid == "amount":
                values[key] = _amount(rng, template, profile)
            elif fid == "change":
                prev = values.get(f"{item.id}.prev_count")
                base = prev if isinstance(prev, int) else 0
                # Negative changes are real (items abolished); never below -prev.
                values[key] = rng.randint(-base, 5) if rng.random() < 0.5 else 0
            elif fid == "total_published":
                # A005: what is published in all can never be less than what was new.
                new = values.get(f"{item.id}.new_published")
                values[key] = (new if isinstance(new, int) else 0) + _count(rng, profile)
            else:
                values[key] = _count(rng, profile)
    return values


def _applications(rng: random.Random, template: str, profile: str) -> dict[str, Value]:
    rows = [r.id for r in APPLICATION_ROWS[template]]  # type: ignore[index]
    fixed = ("new_received", "carried_over", "total", "carried_forward")
    results = [r for r in rows if r not in fixed]
    grid: dict[str, dict[str, int]] = {r: {} for r in rows}
    for col in APPLICATION_COLUMN_IDS[:-1]:
        for r in results:
            grid[r][col] = _count(rng, profile)
        done = sum(grid[r][col] for r in results)
        forward = _count(rng, profile, small=True) if rng.random() < 0.3 else 0
        # 一 + 二 = 总计 + 四 must hold column by column.
        over = rng.randint(0, done + forward) if rng.random() < 0.4 else 0
        grid["total"][col] = done
        grid["carried_forward"][col] = forward
        grid["carried_over"][col] = over
        grid["new_received"][col] = done + forward - over
    for r in rows:
        grid[r]["total"] = sum(grid[r].values())
    return {f"{r}.{c}": grid[r][c] for r in rows for c in APPLICATION_COLUMN_IDS}


def _review(rng: random.Random, profile: str) -> dict[str, Value]:
    values: dict[str, Value] = {}
    for group in ("review", "litigation_direct", "litigation_after_review"):
        parts = {f: (_count(rng, profile, small=True) if rng.random() < 0.5 else 0)
                 for f in ("upheld", "corrected", "other", "pending")}
        for f, v in parts.items():
            values[f"{group}.{f}"] = v
        values[f"{group}.total"] = sum(parts.values())
    assert tuple(values) == REVIEW_CELL_IDS
    return values


def _blank_out(rng: random.Random, cells: dict[str, dict[str, Value]], mode: str) -> None:
    """Blank some zero cells, as real tables leave them empty instead of writing 0.

    ``applicants`` is seed 000: every applicant column empty, only 总计 written;
    ``scatter`` is seed 001: empty cells here and there. Only zeros are blanked,
    so the arithmetic still holds with blank read as 0.
    """
    if mode == "none":
        return
    rate = rng.uniform(0.2, 0.7)
    for table, row in cells.items():
        for cell, value in row.items():
            if value != 0:
                continue
            if mode == "applicants":
                if table == "applications" and not cell.endswith(".total"):
                    row[cell] = None
            elif rng.random() < rate:
                row[cell] = None


def random_truth(
    rng: random.Random,
    *,
    template: str | None = None,
    profile: str | None = None,
    blank_mode: str | None = None,
) -> Truth:
    template = template or rng.choice(TEMPLATES)
    profile = profile or rng.choice(PROFILES)
    blank_mode = blank_mode or rng.choice(BLANK_MODES)
    year = rng.choice((2019, 2020)) if template == "2019" else rng.randint(2021, 2024)
    agency = random_agency(rng)
    # On time (条例第四十九条): departments by 31 January, local governments by 31 March.
    last_day = 89 if agency.local_government else 30
    published = (dt.date(year + 1, 1, 1) + dt.timedelta(days=rng.randint(4, last_day))
                 if rng.random() < 0.85 else None)
    period = (dt.date(year, 1, 1), dt.date(year, 12, 31)) if rng.random() < 0.7 else None
    cells: dict[str, dict[str, Value]] = {
        "active_disclosure": _active(rng, template, profile),
        "applications": _applications(rng, template, profile),
        "review_litigation": _review(rng, profile),
    }
    for table in TABLE_IDS:
        assert tuple(cells[table]) == cell_ids(table, template)  # type: ignore[arg-type]
    _blank_out(rng, cells, blank_mode)
    return Truth(template, year, agency, published, period, cells)


def keep_old_other_row(truth: Truth) -> Truth:
    """A template-2021 truth whose table 3 keeps template 2019's single （六）其他处理
    row (as hongze 2023 does): the three 2021 sub-rows summed into row ``other``, in
    their place, so every identity still holds."""
    assert truth.template == "2021"
    old = truth.cells["applications"]
    cells: dict[str, Value] = {}
    for key, value in old.items():
        row, _, col = key.rpartition(".")
        if not row.startswith("other."):
            cells[key] = value
            continue
        if key != f"other.no_correction.{APPLICATION_COLUMN_IDS[0]}":
            continue  # the other sub-row cells are summed when the first one comes
        for c in APPLICATION_COLUMN_IDS:
            parts = [old[f"other.{sub}.{c}"] for sub in ("no_correction", "no_fee", "other")]
            cells[f"other.{c}"] = None if all(v is None for v in parts) else \
                sum(int(v or 0) for v in parts)
    return replace(truth, cells={**truth.cells, "applications": cells}, old_other_row=True)
