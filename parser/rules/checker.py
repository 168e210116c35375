"""Running the rules: the findings of one report, and those across years of one agency.

Every front end gets its findings through the core (:mod:`nianbao.parser.core.check`),
which calls these. Findings come in one order everywhere (:func:`finding_order`):
severity, then position, then the rule's place in the catalog (never the message,
which changes with the language).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from nianbao.parser.errors import ReportError
from nianbao.parser.i18n import _
from nianbao.parser.model.findings import SEVERITY_RANK, Finding
from nianbao.parser.model.report import Report
from nianbao.parser.rules.catalog import BY_CODE, INDEX, enabled_rules
from nianbao.parser.rules.context import Context, YearPair, YearView, agency_groups
from nianbao.parser.rules.reading import reading_notes
from nianbao.parser.rules.rule import Rule

__all__ = [
    "check_report",
    "cross_year_findings",
    "finding_order",
    "run_rules",
    "sort_findings",
    "not_a_report_finding",
    "reading_note_findings",
    "unreadable_finding",
]


def finding_order(finding: Finding) -> tuple[int, int, int]:
    """The one order of findings: severity, position (the whole file first), rule.

    Not the message: it is in the chosen language, and the order must be the same in
    every language. Findings equal in all three keep the order their rule made them
    in (every sort of findings is stable)."""
    return (SEVERITY_RANK[finding.severity],
            finding.start if finding.start is not None else -1,
            INDEX[finding.code])


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=finding_order)


def run_rules(report: Report, rules: Sequence[Rule], ctx: Context | None = None) -> list[Finding]:
    """The findings of the single-report rules among ``rules``, in :func:`finding_order`.

    Pass a :class:`Context` to share its work with :func:`~.context.year_view`.
    """
    ctx = ctx if ctx is not None and ctx.report is report else Context(report, BY_CODE)
    found: list[Finding] = []
    for rule in rules:
        if rule.scope == "report" and rule.check is not None:
            found.extend(rule.check(ctx))
    return sort_findings(found)


def check_report(report: Report, *, select: Sequence[str] | None = None,
                 ignore: Sequence[str] | None = None) -> list[Finding]:
    """The findings of every enabled single-report rule on an already parsed ``report``."""
    return run_rules(report, enabled_rules(select, ignore))


_MAX_COPIES = 8


def cross_year_findings(views: Sequence[YearView],
                        rules: Sequence[Rule]) -> dict[str, list[Finding]]:
    """Run the Y rules on every pair of one agency's reports for years Y−1 and Y.

    Reports are grouped by their agency's name (spelling variants such as
    科学技术局/科技局 count as one; a name with its city and without it, as
    :func:`~.context.agency_groups` decides among ``views``); a report without an
    agency or a year takes part in no pair.
    """
    year_rules = [r for r in rules if r.scope == "years" and r.check is not None]
    out: dict[str, list[Finding]] = defaultdict(list)
    if not year_rules or len(views) < 2:
        return out
    agencies = agency_groups(view.agency_key for view in views)
    groups: dict[str, dict[int, list[YearView]]] = defaultdict(lambda: defaultdict(list))
    for view in views:
        if view.agency_key is not None and view.year is not None:
            groups[agencies[view.agency_key]][view.year].append(view)
    for years in groups.values():
        for year, current in sorted(years.items()):
            # Copies of one report (the same year twice) pair with each other's
            # neighbours; a few are compared, not every copy with every copy.
            for prev in years.get(year - 1, [])[:_MAX_COPIES]:
                for cur in current[:_MAX_COPIES]:
                    pair = YearPair(prev, cur, BY_CODE)
                    for rule in year_rules:
                        assert rule.check is not None
                        out[cur.path].extend(rule.check(pair))
    return out


def unreadable_finding(error: ReportError) -> Finding:
    """E001 for a file that cannot be read as a report; it points at no position."""
    rule = BY_CODE["E001"]
    return Finding(code="E001", severity=rule.severity, message=error.reason, path=error.path,
                   start=None, end=None, help=_(rule.help))


def not_a_report_finding(report: Report) -> Finding:
    """E003 for a file that was read but shows nothing of an annual report; about the
    whole file."""
    rule = BY_CODE["E003"]
    message = _("not a government information disclosure annual report: no title naming "
                "one, none of the six sections and none of the three tables were found")
    return Finding(code="E003", severity=rule.severity, message=message,
                   path=report.source.path, start=None, end=None, help=_(rule.help))


def reading_note_findings(report: Report) -> list[Finding]:
    """E004, one per note of the reader (pages left unread, a table not settled …);
    about the whole file."""
    rule = BY_CODE["E004"]
    return [Finding(code="E004", severity=rule.severity, path=report.source.path,
                    message=_("reading the file: {note}").format(note=note),
                    start=None, end=None, help=_(rule.help))
            for note in reading_notes(report)]
