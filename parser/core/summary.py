"""One report in a few hundred bytes: who, which year, how many findings, the key figures.

A folder's views (the overview of every report, the totals per year, an agency's
years side by side) need this much of each report and no more, so a worker process
can send it back instead of the report: :class:`ReportSummary` is a frozen
dataclass of plain values (picklable, no pydantic model inside).

The figures are :data:`MEASURES`: the key cells of tables 2–4, each read from the
cells its report's template has. Where the two templates word a row differently or
split it (（六）其他处理 became three rows in 2021), the measure says so
(:attr:`Measure.changed`) so a view shows the change rather than a break.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from types import MappingProxyType

from nianbao.parser.i18n import N_
from nianbao.parser.model.findings import Finding
from nianbao.parser.model.report import Report
from nianbao.parser.rules.context import agency_key
from nianbao.parser.template import (
    ACTIVE_ITEMS,
    APPLICATION_ROW_SHORT,
    APPLICATION_ROWS,
    REVIEW_GROUP_NAMES,
    TableId,
    TemplateId,
)

Value = Decimal | None  # None: the report gives no number there (absent, text, no such row)


@dataclass(frozen=True, slots=True)
class Measure:
    """One key figure: the sum of some cells of one table, per template.

    A template without the row has no cells for it (an empty tuple); its years show
    no value there, which is not a zero.
    """

    id: str
    table: TableId
    label: str  # the template's words (the same in every language)
    cells: Mapping[TemplateId, tuple[str, ...]]
    short: str = ""  # a narrow view's label (the template's words, cut); "" the label

    @property
    def name(self) -> str:
        return self.short or self.label

    @property
    def changed(self) -> bool:
        """The two templates give this figure from different rows (or one lacks it)."""
        return self.cells.get("2019", ()) != self.cells.get("2021", ())

    def rows(self, template: TemplateId) -> frozenset[str]:
        """The template rows this measure reads (a finding on any of their cells is about it)."""
        return frozenset(cell.rpartition(".")[0] for cell in self.cells.get(template, ()))


def _both(*cells: str) -> Mapping[TemplateId, tuple[str, ...]]:
    return MappingProxyType({"2019": cells, "2021": cells})


def _group(prefix: str, template: TemplateId) -> tuple[str, ...]:
    """The 总计 cells of every row of a table-3 group (（三）不予公开 is eight rows)."""
    return tuple(f"{row.id}.total" for row in APPLICATION_ROWS[template]
                 if row.id == prefix or row.id.startswith(prefix + "."))


def _groups(prefix: str) -> Mapping[TemplateId, tuple[str, ...]]:
    return MappingProxyType({t: _group(prefix, t) for t in ("2019", "2021")})


def _item_label(item: str, field_id: str, template: TemplateId) -> str:
    for spec in ACTIVE_ITEMS[template]:
        if spec.id == item:
            return f"{spec.label}·{dict(spec.fields)[field_id]}"
    raise KeyError(item)


_GROUP_LABELS = {
    "denied": "(三)不予公开",
    "unavailable": "(四)无法提供",
    "not_processed": "(五)不予处理",
    "other": "(六)其他处理",
}

# The key cells of tables 2–4, in the order of the tables. Template 2019's
# 本年新制作数量 and template 2021's 本年制发件数 of 行政规范性文件 count the same thing (the
# documents the year brought) under the two templates' words; the other table-2 rows
# of one template have no counterpart in the other and are shown for its years only.
MEASURES: tuple[Measure, ...] = (
    Measure("normative.new", "active_disclosure",
            f"{_item_label('normative_documents', 'issued', '2021')}"
            f" / {_item_label('normative_documents', 'new_made', '2019').partition('·')[2]}",
            MappingProxyType({"2019": ("normative_documents.new_made",),
                              "2021": ("normative_documents.issued",)}), "规范性文件·制发"),
    Measure("normative.in_force", "active_disclosure",
            _item_label("normative_documents", "in_force", "2021"),
            MappingProxyType({"2019": (), "2021": ("normative_documents.in_force",)}),
            "规范性文件·现行有效"),
    Measure("licensing", "active_disclosure", _item_label("licensing", "decisions", "2019"),
            _both("licensing.decisions"), "行政许可·决定"),
    Measure("penalty", "active_disclosure", _item_label("penalty", "decisions", "2019"),
            _both("penalty.decisions"), "行政处罚·决定"),
    Measure("enforcement", "active_disclosure", _item_label("enforcement", "decisions", "2019"),
            _both("enforcement.decisions"), "行政强制·决定"),
    Measure("fees", "active_disclosure", _item_label("fees", "amount", "2021"),
            MappingProxyType({"2019": (), "2021": ("fees.amount",)}), "收费金额（万元）"),
    Measure("new_received", "applications", APPLICATION_ROW_SHORT["new_received"],
            _both("new_received.total")),
    Measure("carried_over", "applications", APPLICATION_ROW_SHORT["carried_over"],
            _both("carried_over.total")),
    Measure("granted", "applications", APPLICATION_ROW_SHORT["granted"],
            _both("granted.total")),
    Measure("partially_granted", "applications", APPLICATION_ROW_SHORT["partially_granted"],
            _both("partially_granted.total")),
    *(Measure(group, "applications", label, _groups(group))
      for group, label in _GROUP_LABELS.items()),
    Measure("total", "applications", APPLICATION_ROW_SHORT["total"], _both("total.total")),
    Measure("carried_forward", "applications", APPLICATION_ROW_SHORT["carried_forward"],
            _both("carried_forward.total")),
    Measure("review", "review_litigation", f"{REVIEW_GROUP_NAMES['review']}·总计",
            _both("review.total"), "行政复议"),
    Measure("litigation_direct", "review_litigation",
            f"{REVIEW_GROUP_NAMES['litigation_direct']}·总计", _both("litigation_direct.total"),
            "诉讼·直接起诉"),
    Measure("litigation_after_review", "review_litigation",
            f"{REVIEW_GROUP_NAMES['litigation_after_review']}·总计",
            _both("litigation_after_review.total"), "诉讼·复议后起诉"),
    # Not a row of its own: 行政诉讼 as reviewers count it, both kinds of suit.
    Measure("litigation", "review_litigation", "行政诉讼·总计",
            _both("litigation_direct.total", "litigation_after_review.total")),
)
BY_ID: Mapping[str, Measure] = MappingProxyType({m.id: m for m in MEASURES})


@dataclass(frozen=True, slots=True)
class KeyFigure:
    """A column of the folder overview: one measure under a short heading."""

    measure: str  # a Measure id
    heading: str  # marked for translation (N_): translate where shown


# The overview's figures: 本年新收, 予以公开, 行政复议 and 行政诉讼 totals.
KEY_FIGURES: tuple[KeyFigure, ...] = (
    KeyFigure("new_received", N_("New")),
    KeyFigure("granted", N_("Granted")),
    KeyFigure("review", N_("Reviews")),
    KeyFigure("litigation", N_("Suits")),
)
# The rows of an agency's years (table 2–4 key cells; the 行政诉讼 sum is the overview's).
YEAR_MEASURES: tuple[Measure, ...] = tuple(m for m in MEASURES if m.id != "litigation")


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """What the folder views keep of one report (picklable, small)."""

    path: str
    agency: str | None = None
    agency_key: str | None = None  # one key for the spellings of the agency's name
    year: int | None = None
    template: TemplateId | None = None
    # A local government's own report (县级以上地方人民政府), not a department's.
    government: bool = False
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    codes: tuple[str, ...] = ()  # the rule codes of its findings, each once, sorted
    # Measure id → value, for every measure of MEASURES (None: no number).
    values: Mapping[str, Value] = field(default_factory=dict)
    # Why there is no report (cannot be read, not a report); None when there is one.
    problem: str | None = None

    @property
    def findings(self) -> int:
        return self.errors + self.warnings + self.infos

    def value(self, measure: str) -> Value:
        return self.values.get(measure)

    def with_findings(self, extra: Iterable[Finding]) -> ReportSummary:
        """The summary with more findings counted (those across reports, found later)."""
        extra = list(extra)
        if not extra:
            return self
        errors, warnings, infos = _counts(extra)
        return replace(self, errors=self.errors + errors, warnings=self.warnings + warnings,
                       infos=self.infos + infos,
                       codes=tuple(sorted(set(self.codes) | {f.code for f in extra})))


    def counting(self, findings: Iterable[Finding]) -> ReportSummary:
        """The summary counting only ``findings`` of its file, counts and codes alike
        (the TUI leaves out those a review mark accepts, as ``check`` does)."""
        found = list(findings)
        errors, warnings, infos = _counts(found)
        return replace(self, errors=errors, warnings=warnings, infos=infos,
                       codes=tuple(sorted({f.code for f in found})))


def _counts(findings: Iterable[Finding]) -> tuple[int, int, int]:
    errors = warnings = infos = 0
    for finding in findings:
        if finding.severity == "error":
            errors += 1
        elif finding.severity == "warning":
            warnings += 1
        else:
            infos += 1
    return errors, warnings, infos


def measure_value(report: Report, measure: Measure) -> Value:
    """The sum of the measure's cells in ``report`` (a blank cell reads as 0, as the
    template means it); None when a cell is missing or holds no number, or the report's
    template has no such row."""
    template = report.meta.template
    cells = measure.cells.get(template, ()) if template is not None else ()
    if not cells:
        return None
    table = report.tables.get(measure.table)
    if table is None:
        return None
    total = Decimal(0)
    for cell_id in cells:
        cell = table.cells.get(cell_id)
        if cell is None:
            return None
        if cell.kind == "blank":
            continue
        if cell.kind != "number" or cell.value is None:
            return None
        total += cell.value
    return total


def summarize(path: str, report: Report | None, findings: Iterable[Finding] = (),
              problem: str | None = None) -> ReportSummary:
    """The summary of one checked file (``report`` None: it could not be read)."""
    found = list(findings)
    errors, warnings, infos = _counts(found)
    codes = tuple(sorted({f.code for f in found}))
    if report is None:
        return ReportSummary(path, errors=errors, warnings=warnings, infos=infos,
                             codes=codes, problem=problem or "not a report")
    meta = report.meta
    return ReportSummary(
        path=path,
        agency=meta.agency,
        agency_key=agency_key(meta.agency),
        year=meta.year,
        template=meta.template,
        government=meta.is_local_government,
        errors=errors, warnings=warnings, infos=infos, codes=codes,
        values={m.id: measure_value(report, m) for m in MEASURES},
        problem=problem,
    )
