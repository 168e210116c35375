"""The core: read, parse and check one file, for every front end.

``nianbao check``, ``nianbao export``, the TUI and the worker pools all call
:func:`check_file` (or :func:`read_report`, its reading half): one size gate, one
way a file turns into a report and findings, one order of findings. It never
raises: what went wrong is in the :class:`Outcome`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from nianbao.parser.core.files import REPORT_SUFFIXES
from nianbao.parser.core.summary import ReportSummary, summarize
from nianbao.parser.document.parse import parse_bytes
from nianbao.parser.errors import FileError, ReportError
from nianbao.parser.i18n import _
from nianbao.parser.model.findings import Finding
from nianbao.parser.model.report import Report
from nianbao.parser.reading.oserrors import os_reason
from nianbao.parser.rules.catalog import BY_CODE, enabled_rules
from nianbao.parser.rules.checker import (
    cross_year_findings,
    not_a_report_finding,
    reading_note_findings,
    run_rules,
    sort_findings,
    unreadable_finding,
)
from nianbao.parser.rules.context import (
    Context,
    YearView,
    agency_groups,
    agency_key,
    year_view,
)
from nianbao.parser.rules.reading import is_report
from nianbao.parser.rules.rule import Rule
from nianbao.parser.tables.glued import narrow_with_previous

MB = 2**20
DEFAULT_MAX_BYTES = 64 * MB


@dataclass(frozen=True, slots=True)
class Options:
    """What to do with every file of a run; small and picklable, for worker processes."""

    max_bytes: int = DEFAULT_MAX_BYTES
    # The rules to run, by code: None for every rule, () to read and parse only.
    codes: tuple[str, ...] | None = None
    # Also keep what the cross-year rules need of the report (cheap beside the rules,
    # but seconds on a 5 MB line: a file opened alone does without).
    year_view: bool = True


@dataclass(frozen=True, slots=True)
class Outcome:
    """One file after the core: its report and findings, or what went wrong."""

    path: str
    # None when the file could not be read; a file read but not a report (E003) keeps
    # its report, so its text can still be shown.
    report: Report | None
    findings: tuple[Finding, ...] = ()  # in the one order (rules.checker.finding_order)
    view: YearView | None = None  # what the cross-year rules compare, if asked for
    # The path could not be read at all (missing, a folder, too large, an I/O error),
    # or a bug stopped the core: one line without the path. Front ends report it apart
    # from findings (``check`` exits 2).
    error: str | None = None
    # Why a file that was read is not a report (binary, empty, an unknown encoding):
    # the E001 finding's message, kept even when E001 is not selected.
    unreadable: str | None = None

    @property
    def text(self) -> str | None:
        """The text that was checked (its offsets are every position of the findings)."""
        return None if self.report is None else self.report.text

    def summary(self) -> ReportSummary:
        """What the folder views keep of this file (small and picklable)."""
        return summarize(self.path, self.report, self.findings, self.error or self.unreadable)


def read_report(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """Read and parse one file, opened read-only and never changed.

    Raises :class:`~nianbao.parser.errors.FileError` when the path cannot be read at
    all and :class:`~nianbao.parser.errors.ReportError` when its bytes are not a report.
    """
    return parse_bytes(_read_limited(str(path), max_bytes), str(path))


def _read_limited(path: str, limit: int) -> bytes:
    try:
        if Path(path).is_dir():
            raise FileError(path, _("is a folder, not a report file"))
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise FileError(path, _("cannot read the file ({reason})").format(
            reason=os_reason(error))) from None
    if len(data) > limit:
        size = Path(path).stat().st_size
        raise FileError(path, _("the file is {size} MB, over the {limit} MB limit (--max-size)")
                        .format(size=f"{size / MB:.1f}", limit=f"{limit / MB:g}"))
    return data


_RULES: dict[tuple[str, ...] | None, tuple[Rule, ...]] = {}


def rules_for(codes: tuple[str, ...] | None) -> tuple[Rule, ...]:
    """The rules of ``codes`` (None: all), in catalog order; looked up once per process."""
    found = _RULES.get(codes)
    if found is None:
        found = _RULES[codes] = (enabled_rules() if codes is None
                                 else tuple(BY_CODE[code] for code in codes))
    return found


def check_file(path: str | Path, options: Options = Options()) -> Outcome:
    """Read, parse and check ``path``. Never raises."""
    name = str(path)
    try:
        report = read_report(name, max_bytes=options.max_bytes)
    except FileError as error:
        return Outcome(name, None, error=error.reason)
    except ReportError as error:
        wanted = options.codes is None or "E001" in options.codes
        return Outcome(name, None, (unreadable_finding(error),) if wanted else (),
                       unreadable=error.reason)
    except Exception as error:  # noqa: BLE001 - one bad file must not stop a folder
        return Outcome(name, None, error=_internal("reading", error))
    try:
        report = _with_last_year(report, name, options.max_bytes)
    except Exception as error:  # noqa: BLE001
        return Outcome(name, report, error=_internal("reading", error))
    rules = rules_for(options.codes)
    if not rules:
        return Outcome(name, report)
    if not is_report(report):
        # One finding, not every section, table and year a notice lacks.
        wanted = options.codes is None or "E003" in options.codes
        return Outcome(name, report, (not_a_report_finding(report),) if wanted else ())
    try:
        ctx = Context(report, BY_CODE)
        findings = run_rules(report, rules, ctx)
        if report.source.notes and (options.codes is None or "E004" in options.codes):
            findings = sort_findings([*findings, *reading_note_findings(report)])
        view = (year_view(report, ctx)
                if options.year_view and any(r.scope == "years" for r in rules) else None)
    except Exception as error:  # noqa: BLE001
        return Outcome(name, report, error=_internal("checking", error))
    return Outcome(name, report, tuple(findings), view)


# Files of the folder looked at for last year's report, at most, and their kinds (not
# the ones that need LibreOffice).
_MAX_SIBLINGS = 50
_SIBLING_SUFFIXES = REPORT_SUFFIXES - {".doc", ".wps", ".rtf", ".ofd"}


def _with_last_year(report: Report, name: str, max_bytes: int) -> Report:
    """``report`` with table 2's glued rows read again beside the same agency's report of
    the year before, when the folder holds it (an extra identity: 现行有效 = last year's
    + 制发 − 废止). Looked for only when such a row is left unread."""
    meta = report.meta
    key = agency_key(meta.agency)
    if meta.year is None or key is None or not any(
            row.glued is not None and not row.assigned
            for row in report.tables["active_disclosure"].rows):
        return report
    here = Path(name)
    try:
        siblings = sorted(p for p in here.parent.iterdir()
                          if p.suffix.lower() in _SIBLING_SUFFIXES and p.name != here.name
                          and p.is_file())
    except OSError:
        return report
    # Last year's report under the same key is taken at once; one that names the
    # agency with or without its city is the same agency only as the whole set of
    # siblings shows it (agency_groups: no other city's name for the same district).
    keys: list[str | None] = [key]
    last_year: list[tuple[Report, str]] = []  # kept only those of the year before
    for sibling in siblings[:_MAX_SIBLINGS]:
        try:
            other = read_report(sibling, max_bytes=max_bytes)
        except (FileError, ReportError):
            continue
        other_key = agency_key(other.meta.agency)
        if other.meta.year == meta.year - 1 and other_key == key:
            return narrow_with_previous(report, other) or report
        keys.append(other_key)
        if other.meta.year == meta.year - 1 and other_key is not None:
            last_year.append((other, other_key))
    agencies = agency_groups(keys)
    for other, other_key in last_year:
        if agencies[other_key] == agencies[key]:
            return narrow_with_previous(report, other) or report
    return report


def _internal(stage: str, error: Exception) -> str:
    detail = f"{type(error).__name__}: {error}"
    if stage == "reading":
        return _("internal error while reading ({error}); please report it").format(error=detail)
    return _("internal error while checking ({error}); please report it").format(error=detail)


def check_across(views: Sequence[YearView],
                 codes: tuple[str, ...] | None = None) -> dict[str, list[Finding]]:
    """The findings that need several reports at once (Y rules), by path, each list in
    the one order."""
    return {path: sort_findings(found)
            for path, found in cross_year_findings(views, rules_for(codes)).items() if found}
