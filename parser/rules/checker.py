"""The checker: run the rule catalog over reports and return sorted findings.

Public API (the TUI and the ``check`` command use it; keep it stable):

* :func:`check_report` — the rules of one report.
* :func:`check_reports` — the same for several reports, plus the Y rules across
  consecutive years of one agency; keyed by ``report.source.path``.
* :func:`unreadable_finding` — the E001 finding for a file that could not be read.

Findings come sorted by severity, then position, then code.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from nianbao.parser.errors import ReportError
from nianbao.parser.model.findings import Finding
from nianbao.parser.model.report import Report
from nianbao.parser.rules.context import Context, YearView, year_view
from nianbao.parser.rules.registry import Rule, all_rules, get_rule, resolve

__all__ = [
    "check_report",
    "check_reports",
    "cross_year_findings",
    "enabled_rules",
    "run_rules",
    "sort_findings",
    "unreadable_finding",
]


def enabled_rules(select: Sequence[str] | None = None,
                  ignore: Sequence[str] | None = None) -> list[Rule]:
    """The rules ``select``/``ignore`` leave on, in code order.

    Raises :class:`~nianbao.parser.rules.registry.UnknownRuleError` for an entry that
    names no rule.
    """
    codes = resolve(select, ignore)
    return [rule for rule in all_rules() if rule.code in codes]


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (*f.sort_key, f.message))


def check_report(report: Report, *, select: Sequence[str] | None = None,
                 ignore: Sequence[str] | None = None) -> list[Finding]:
    """The findings of every enabled single-report rule on ``report``."""
    return run_rules(report, enabled_rules(select, ignore))


def run_rules(report: Report, rules: Sequence[Rule], ctx: Context | None = None) -> list[Finding]:
    """The findings of the single-report rules among ``rules`` (see :func:`enabled_rules`).

    Pass a :class:`Context` to share its work with :func:`year_view`.
    """
    ctx = ctx if ctx is not None and ctx.report is report else Context(report)
    found: list[Finding] = []
    for rule in rules:
        if rule.scope == "report" and rule.check is not None:
            found.extend(rule.check(ctx))
    return sort_findings(found)


def check_reports(reports: Sequence[Report], *, select: Sequence[str] | None = None,
                  ignore: Sequence[str] | None = None) -> dict[str, list[Finding]]:
    """Findings per report path, the cross-year (Y) rules included."""
    rules = enabled_rules(select, ignore)
    out: dict[str, list[Finding]] = {}
    views: list[YearView] = []
    for report in reports:
        ctx = Context(report)
        out[report.source.path] = run_rules(report, rules, ctx)
        if any(rule.scope == "years" for rule in rules):
            views.append(year_view(report, ctx))
    extra = cross_year_findings(views, rules)
    for path, findings in extra.items():
        out[path] = sort_findings([*out.get(path, []), *findings])
    return out


_MAX_COPIES = 8


def cross_year_findings(views: Sequence[YearView],
                        rules: Sequence[Rule]) -> dict[str, list[Finding]]:
    """Run the Y rules on every pair of one agency's reports for years Y−1 and Y.

    Reports are grouped by their agency's name (spelling variants such as
    科学技术局/科技局 count as one); a report without an agency or a year takes
    part in no pair.
    """
    year_rules = [r for r in rules if r.scope == "years" and r.check is not None]
    out: dict[str, list[Finding]] = defaultdict(list)
    if not year_rules or len(views) < 2:
        return out
    groups: dict[str, dict[int, list[YearView]]] = defaultdict(lambda: defaultdict(list))
    for view in views:
        if view.agency_key is not None and view.year is not None:
            groups[view.agency_key][view.year].append(view)
    for years in groups.values():
        for year, current in sorted(years.items()):
            # Copies of one report (the same year twice) pair with each other's
            # neighbours; a few are compared, not every copy with every copy.
            for prev in years.get(year - 1, [])[:_MAX_COPIES]:
                for cur in current[:_MAX_COPIES]:
                    for rule in year_rules:
                        assert rule.check is not None
                        out[cur.path].extend(rule.check(prev, cur))
    return out


def unreadable_finding(error: ReportError) -> Finding:
    """E001 for a file that cannot be read as a report; it points at no position."""
    rule = get_rule("E001")
    assert rule is not None
    return Finding(code="E001", severity=rule.severity, message=error.reason, path=error.path,
                   start=None, end=None, help=rule.help)
