"""The rule catalog (tests/data/spec/rules.md): every rule, listed once, in catalog order.

As ruff lists its rules in one table, this module is the one place a rule is
declared: its code, name, severity and title beside the function that checks
it. Adding a rule is a function in its family's module and a line here.
Rules are selected by code prefix, as in ruff: ``--select A,X001 --ignore A005``.
"""

from __future__ import annotations

from collections.abc import Sequence

from nianbao.parser.i18n import _
from nianbao.parser.rules import (
    arithmetic,
    meta,
    narrative,
    reading,
    structure,
    values,
    years,
)
from nianbao.parser.rules.rule import FAMILIES, Rule, file_rule, rule

RULES: tuple[Rule, ...] = (
    rule("A001", "row-total", "error",
         "a table-3 row's 总计 differs from the sum of its six applicant columns",
         arithmetic.row_total),
    rule("A002", "column-balance", "error",
         "a table-3 column breaks 一+二 = (七)总计+四",
         arithmetic.column_balance),
    rule("A003", "results-total", "error",
         "a table-3 column's (七)总计 differs from the sum of the result rows",
         arithmetic.results_total),
    rule("A004", "review-total", "error",
         "a table-4 group's 总计 differs from 维持+纠正+其他+尚未审结",
         arithmetic.review_total),
    rule("A005", "active-disclosure-bounds", "error",
         "template 2019 table 2: a total below this year's count, or a count below zero",
         arithmetic.active_bounds),
    rule("V001", "blank-cells", "warning", "blank cells read as 0", values.blank_cells),
    rule("V002", "not-a-number", "error", "a cell that is not a number", values.not_a_number),
    rule("V003", "negative-count", "error",
         "a negative count (only 本年增/减 may be negative)",
         values.negative_count),
    rule("V004", "fractional-count", "error",
         "a fractional count (only amounts may have decimals)",
         values.fractional_count),
    rule("V005", "amount-unit", "info",
         "an amount without a unit, or in 元 where the template asks for 万元",
         values.amount_unit),
    rule("S001", "missing-section", "error",
         "a section of the six is missing",
         structure.missing_section),
    rule("S002", "nonstandard-heading", "info",
         "a section heading differs from the standard wording",
         structure.nonstandard_heading),
    rule("S003", "heading-order", "warning",
         "a section number repeats or goes backwards",
         structure.heading_order),
    rule("S004", "missing-table", "error",
         "a table (2, 3 or 4) is not found",
         structure.missing_table),
    rule("S005", "missing-row", "error",
         "a template row is not found in its table",
         structure.missing_row),
    rule("S006", "recovered-row", "warning",
         "a row recovered by position because its label is missing or unreadable",
         structure.recovered_row),
    rule("S007", "cell-count", "warning",
         "a row, or the table-4 line, has more or fewer cells than the template",
         structure.cell_count),
    rule("S008", "unknown-row", "warning",
         "a row label that belongs to no template",
         structure.unknown_row),
    rule("S009", "empty-problems-section", "warning",
         "section 5 says nothing of problems or of improvements",
         structure.empty_problems),
    rule("S010", "old-other-row", "warning",
         "a template-2021 table 3 keeps template 2019's single （六）其他处理 row",
         structure.old_other_row),
    rule("M001", "missing-year", "error", "the report year cannot be found", meta.missing_year),
    rule("M002", "template-year-mismatch", "warning",
         "the tables' template does not match the year, or the text cites the other notice",
         meta.template_mismatch),
    rule("M003", "published-late", "warning",
         "published after the deadline of 条例第四十九条",
         meta.published_late),
    rule("M004", "missing-publication-date", "info",
         "no publication date in the text",
         meta.missing_published),
    rule("M005", "year-contradiction", "error",
         "the statistics period or a title year contradicts the report year",
         meta.year_contradiction),
    rule("M006", "missing-agency", "warning", "the agency cannot be found", meta.missing_agency),
    rule("X001", "text-applications", "warning",
         "a count of applications in the text differs from table 3",
         narrative.text_applications),
    rule("X002", "text-results", "warning",
         "a result count in the text differs from table 3",
         narrative.text_results),
    rule("X003", "text-review-litigation", "warning",
         "a count of 行政复议 / 行政诉讼 in the text, or 均获维持 / 均已审结, contradicts table 4",
         narrative.text_review),
    rule("X004", "text-active-disclosure", "warning",
         "a count of 规章 / 规范性文件 or another table-2 figure in the text differs from table 2",
         narrative.text_active),
    rule("Y001", "carried-over-mismatch", "warning",
         "二、上年结转 differs from last year's 四、结转下年度继续办理",
         years.carried_over, scope="years"),
    rule("Y002", "in-force-continuity", "warning",
         "template 2021: 现行有效 ≠ last year's 现行有效 + 本年制发 − 本年废止",
         years.in_force, scope="years"),
    rule("Y003", "item-count-continuity", "warning",
         "template 2019: 上一年项目数量 ≠ last year's count + its 本年增/减",
         years.item_counts, scope="years"),
    rule("Y004", "repeated-text", "info",
         "the text repeats most of the previous year's report",
         years.repeated_text, scope="years"),
    file_rule("E001", "unreadable-file", "error",
              "the file cannot be decoded as text; nothing else is checked",
              reading.E001_EXPLANATION),
    rule("E002", "lossy-text", "warning",
         "decoding needed replacements, or the text shows signs of a lossy re-encoding",
         reading.lossy_text),
    file_rule("E003", "not-a-report", "warning",
              "the file is not a government information disclosure annual report; "
              "nothing else is checked",
              reading.E003_EXPLANATION),
    file_rule("E004", "partly-read", "warning",
              "the reader could not read all of the file as it is; what it left out is "
              "not checked",
              reading.E004_EXPLANATION),
)
BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
INDEX: dict[str, int] = {r.code: i for i, r in enumerate(RULES)}


def all_rules() -> tuple[Rule, ...]:
    """Every rule, in the catalog's order: A, V, S, M, X, Y, E, then by number."""
    return RULES


def get_rule(code: str) -> Rule | None:
    return BY_CODE.get(code.strip().upper())


class UnknownRuleError(ValueError):
    """A --select or --ignore entry that names no rule."""

    def __init__(self, selector: str) -> None:
        super().__init__(_("unknown rule code or prefix {code} (see `nianbao rules` for the list)")
                         .format(code=repr(selector)))
        self.selector = selector


def _matches(selector: str, code: str) -> bool:
    return selector == "ALL" or code.startswith(selector)


def _specificity(selector: str) -> int:
    return 0 if selector == "ALL" else len(selector)


def resolve(select: Sequence[str] | None = None,
            ignore: Sequence[str] | None = None) -> frozenset[str]:
    """The codes enabled by ``select`` and ``ignore`` (prefixes, or ``ALL``).

    As in ruff, the more specific selector wins: ``--select A001 --ignore A``
    keeps A001, ``--select A --ignore A001`` drops it; on a tie, ignore wins.
    Raises :class:`UnknownRuleError` for an entry that matches no rule.
    """
    chosen = [s.strip().upper() for s in (select or ["ALL"]) if s.strip()] or ["ALL"]
    dropped = [s.strip().upper() for s in (ignore or []) if s.strip()]
    for selector in (*chosen, *dropped):
        if not any(_matches(selector, r.code) for r in RULES):
            raise UnknownRuleError(selector)
    enabled: set[str] = set()
    for r in RULES:
        best_select = max((_specificity(s) for s in chosen if _matches(s, r.code)), default=-1)
        best_ignore = max((_specificity(s) for s in dropped if _matches(s, r.code)), default=-1)
        if best_select >= 0 and best_select > best_ignore:
            enabled.add(r.code)
    return frozenset(enabled)


def enabled_rules(select: Sequence[str] | None = None,
                  ignore: Sequence[str] | None = None) -> tuple[Rule, ...]:
    """The rules ``select``/``ignore`` leave on, in catalog order.

    Raises :class:`UnknownRuleError` for an entry that names no rule.
    """
    codes = resolve(select, ignore)
    return tuple(r for r in RULES if r.code in codes)


__all__ = ["FAMILIES", "RULES", "Rule", "UnknownRuleError", "all_rules", "enabled_rules",
           "get_rule", "resolve"]
