"""Build :class:`nianbao.parser.model.report.Report` objects directly, for rule unit tests.

The rules see only the model, so their tests construct it here without the
parser: a consistent, complete report laid out like seed 004 (tab-separated
rows), every cell knowing its offset in a real text, so positions in findings
and the text output can be checked too. Tests change what they need::

    b = ReportBuilder()
    b.apps["new_received"][1] = 5           # 商业企业 of 一、本年新收
    report = b.build()
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from nianbao.parser.layout.numbers import read_number, to_wanyuan
from nianbao.parser.model.report import (
    Cell,
    HeadingAnomaly,
    Located,
    Meta,
    NoticeCitation,
    Report,
    RowInfo,
    Section,
    Source,
    StrayRow,
    Table,
)
from nianbao.parser.reading.positions import LineIndex
from nianbao.parser.template import (
    ACTIVE_ITEMS,
    AMOUNT_FIELDS,
    APPLICATION_COLUMN_IDS,
    APPLICATION_ROWS,
    REVIEW_CELL_IDS,
    SECTIONS,
    TableId,
    TemplateId,
)

Raw = int | str | Decimal | None  # None: a blank cell; str: written as is


def zero_apps(template: TemplateId) -> dict[str, list[Raw]]:
    return {row.id: [0] * len(APPLICATION_COLUMN_IDS) for row in APPLICATION_ROWS[template]}


def zero_active(template: TemplateId) -> dict[str, Raw]:
    return {f"{item.id}.{f}": 0 for item in ACTIVE_ITEMS[template] for f, _ in item.fields}


@dataclass
class ReportBuilder:
    template: TemplateId = "2019"
    year: int | None = 2020
    agency: str | None = "朔州市科技局"
    published: dt.date | None = dt.date(2021, 1, 20)
    period: tuple[dt.date, dt.date] | None = None
    title_year: int | None = None
    is_local_government: bool = False
    template_source: str = "tables"
    notices: list[tuple[TemplateId, str]] = field(default_factory=list)
    path: str = "report.txt"
    # Narrative per section number (1–6), inserted before the section's table.
    prose: dict[int, list[str]] = field(default_factory=dict)
    headings: dict[int, str] = field(default_factory=dict)
    missing_sections: set[int] = field(default_factory=set)
    missing_tables: set[TableId] = field(default_factory=set)
    missing_rows: set[str] = field(default_factory=set)
    recovered_rows: set[str] = field(default_factory=set)
    label_only_rows: set[str] = field(default_factory=set)  # the label, no numbers
    stray_rows: list[tuple[TableId, str, int]] = field(default_factory=list)
    anomalies: list[tuple[int, str, str]] = field(default_factory=list)  # after section 5
    review_found: int | None = None  # table-4 cells found, when not all 15 (S007)
    replacements: int = 0
    apps: dict[str, list[Raw]] = field(default_factory=dict)
    active: dict[str, Raw] = field(default_factory=dict)
    review: list[Raw] = field(default_factory=lambda: [0] * 15)

    def __post_init__(self) -> None:
        if not self.apps:
            self.apps = zero_apps(self.template)
        if not self.active:
            self.active = zero_active(self.template)

    def set_apps(self, row: str, values: list[Raw]) -> ReportBuilder:
        self.apps[row] = list(values)
        return self

    def set_column(self, column: str, values: dict[str, Raw]) -> ReportBuilder:
        index = APPLICATION_COLUMN_IDS.index(column)
        for row, value in values.items():
            self.apps[row][index] = value
        return self

    # ------------------------------------------------------------ build

    def build(self) -> Report:
        w = _Writer()
        year = self.year if self.year is not None else 2020
        title_year = self.title_year if self.title_year is not None else year
        title_text = (f"{self.agency or ''}{title_year if self.year is not None else ''}"
                      "年政府信息公开工作年度报告")
        title_start = w.line(title_text)
        title_at = Located(start=title_start, end=title_start + len(title_text))
        for _template, text in self.notices:
            w.line(f"根据《通知》（{text}）要求，编制本报告。")
        notices = []
        for template, text in self.notices:
            at = w.text.find(text)
            notices.append(NoticeCitation(template=template, text=text, start=at))
        period_at = None
        if self.period is not None:
            first, last = self.period
            sentence = (f"所列数据的统计期限自{first.year}年{first.month}月{first.day}日起至"
                        f"{last.year}年{last.month}月{last.day}日止。")
            start = w.line(sentence)
            period_at = Located(start=start, end=start + len(sentence))
        sections: list[tuple[int, str, int, int]] = []
        tables: dict[TableId, Table] = {}
        anomalies: list[HeadingAnomaly] = []
        for spec in SECTIONS:
            number = spec.number
            if number in self.missing_sections:
                continue
            heading = self.headings.get(number, spec.standard)
            start = w.line(heading)
            heading_end = start + len(heading)
            for sentence in self.prose.get(number, []):
                w.line(sentence)
            if number == 5 and not self.prose.get(5):
                w.line("存在的主要问题是公开内容不够丰富。下一步将加强培训，改进工作。")
            if number == 5:
                for anomaly_number, heading_text, kind in self.anomalies:
                    at = w.line(heading_text)
                    anomalies.append(HeadingAnomaly(number=anomaly_number, heading=heading_text,
                                                    start=at, kind=kind,  # type: ignore[arg-type]
                                                    previous=5))
            table_id = {2: "active_disclosure", 3: "applications", 4: "review_litigation"}.get(
                number)
            if table_id is not None and table_id not in self.missing_tables:
                region_start = w.offset
                tables[table_id] = self._table(table_id, w)  # type: ignore[arg-type]
                tables[table_id] = tables[table_id].model_copy(
                    update={"start": region_start, "end": w.offset})
            sections.append((number, heading, start, heading_end))
        if self.published is not None:
            date = self.published
            published_text = f"{date.year}年{date.month}月{date.day}日"
            published_start = w.line(published_text)
            published_at = Located(start=published_start,
                                   end=published_start + len(published_text))
        else:
            published_at = None
        text = w.text
        for table_id in ("active_disclosure", "applications", "review_litigation"):
            if table_id not in tables:
                tables[table_id] = Table(id=table_id, start=None, end=None, cells={})
        built_sections = []
        for index, (number, heading, start, heading_end) in enumerate(sections):
            end = sections[index + 1][2] if index + 1 < len(sections) else len(text)
            spec = SECTIONS[number - 1]
            built_sections.append(Section(number=number, heading=heading, start=start,
                                          heading_end=heading_end, end=end,
                                          standard=heading == spec.standard))
        meta = Meta(
            title=title_text, title_at=title_at,
            agency=self.agency, agency_at=Located(start=0, end=len(self.agency or "")) if
            self.agency else None,
            year=self.year, year_at=title_at if self.year is not None else None,
            template=self.template, template_source=self.template_source,  # type: ignore[arg-type]
            published=self.published, published_at=published_at,
            period=self.period, period_at=period_at,
            title_year=title_year if self.year is not None else None,
            notices=tuple(notices),
            agency_kind="local_government" if self.is_local_government else (
                "department" if self.agency else None),
        )
        data = text.encode("utf-8")
        source = Source(path=self.path, encoding="utf-8", bom=False,
                        sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                        lines=LineIndex(text).line_count, replacements=self.replacements)
        return Report(source=source, text=text, meta=meta,
                      preamble_end=built_sections[0].start if built_sections else 0,
                      sections=tuple(built_sections), heading_anomalies=tuple(anomalies),
                      tables=tables)

    def _table(self, table_id: TableId, w: _Writer) -> Table:
        cells: dict[str, Cell] = {}
        rows: list[RowInfo] = []
        strays: list[StrayRow] = []
        if table_id == "applications":
            for spec in APPLICATION_ROWS[self.template]:
                if spec.id in self.label_only_rows:
                    w.line(spec.label)
                    continue
                if spec.id in self.missing_rows:
                    continue
                label = "" if spec.id in self.recovered_rows else spec.label
                values = self.apps[spec.id]
                starts = w.row(label, [_raw(v) for v in values])
                for column, value, start in zip(APPLICATION_COLUMN_IDS, values, starts,
                                                strict=True):
                    cell_id = f"{spec.id}.{column}"
                    cells[cell_id] = _cell(table_id, cell_id, value, start)
                row_start = starts[0] if not label else starts[0] - len(label) - 1
                rows.append(RowInfo(table=table_id, id=spec.id, label=label,
                                    label_start=None if not label else row_start,
                                    start=row_start, cells_found=len(values),
                                    cells_expected=len(APPLICATION_COLUMN_IDS),
                                    recovered=not label))
        elif table_id == "active_disclosure":
            for item in ACTIVE_ITEMS[self.template]:
                if item.id in self.label_only_rows:
                    w.line(item.label)
                    continue
                if item.id in self.missing_rows:
                    continue
                ids = [f"{item.id}.{f}" for f, _ in item.fields]
                values = [self.active[i] for i in ids]
                starts = w.row(item.label, [_raw(v) for v in values])
                for cell_id, value, start in zip(ids, values, starts, strict=True):
                    cells[cell_id] = _cell(table_id, cell_id, value, start,
                                           amount=cell_id.rpartition(".")[2] in AMOUNT_FIELDS)
                rows.append(RowInfo(table=table_id, id=item.id, label=item.label,
                                    label_start=starts[0] - len(item.label) - 1,
                                    start=starts[0] - len(item.label) - 1,
                                    cells_found=len(values), cells_expected=len(values)))
        else:
            w.line("行政复议\t行政诉讼")
            found = self.review_found if self.review_found is not None else 15
            values = self.review[:found]
            starts = w.row("", [_raw(v) for v in values])
            if found == 15:
                for cell_id, value, start in zip(REVIEW_CELL_IDS, values, starts, strict=True):
                    cells[cell_id] = _cell(table_id, cell_id, value, start)
            rows.append(RowInfo(table=table_id, id="review_litigation", label="",
                                label_start=None, start=starts[0], cells_found=found,
                                cells_expected=15, assigned=found == 15))
        for stray_table, label, count in self.stray_rows:
            if stray_table == table_id:
                starts = w.row(label, ["1"] * count)
                strays.append(StrayRow(table=table_id, label=label,
                                       start=starts[0] - len(label) - 1, values=count))
        return Table(id=table_id, start=None, end=None, cells=cells, rows=tuple(rows),
                     stray_rows=tuple(strays))


def _raw(value: Raw) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _cell(table: TableId, cell_id: str, value: Raw, start: int, *, amount: bool = False) -> Cell:
    raw = _raw(value)
    number = read_number(raw)
    parsed = to_wanyuan(number) if amount else number.value
    return Cell(table=table, id=cell_id, value=parsed, raw=raw, start=start, kind=number.kind,
                unit=number.unit)


class _Writer:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offset = 0

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def line(self, text: str) -> int:
        start = self.offset
        self.parts.append(text + "\n")
        self.offset += len(text) + 1
        return start

    def row(self, label: str, raws: list[str]) -> list[int]:
        """``label\\tv1\\tv2…``; the offsets of the values (of the empty field when blank)."""
        starts: list[int] = []
        position = self.offset + len(label)
        for raw in raws:
            position += 1  # the tab
            starts.append(position)
            position += len(raw)
        self.line(label + "".join(f"\t{raw}" for raw in raws))
        return starts
