"""The rule registry: every rule's code, severity, title and explanation in one place.

A rule is a small function registered with :func:`report_rule` (it looks at one
report) or :func:`years_rule` (it compares two reports of one agency for
consecutive years). Its docstring is the explanation ``nianbao rules CODE``
prints, in ruff's sections; the first paragraph of "How to fix" doubles as the
one-line help of every finding. Rules are selected by code prefix, as in ruff:
``--select A,X001 --ignore A005``.
"""

from __future__ import annotations

import inspect
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeVar

from nianbao.parser.model.findings import Severity

if TYPE_CHECKING:
    from nianbao.parser.model.findings import Finding
    from nianbao.parser.rules.context import Context, YearView

Scope = Literal["report", "years", "file"]
ReportCheck = Callable[["Context"], Iterable["Finding"]]
YearsCheck = Callable[["YearView", "YearView"], Iterable["Finding"]]
F = TypeVar("F", bound=Callable[..., object])

# Every explanation has these sections, in this order (checked by a meta-test).
SECTIONS = ("What it does", "Why is this bad?", "Example", "How to fix")
_CODE = re.compile(r"^[A-Z]\d{3}$")
FAMILIES: dict[str, str] = {
    "A": "arithmetic (勾稽关系)",
    "V": "values",
    "S": "structure",
    "M": "metadata",
    "X": "narrative against tables",
    "Y": "across years of one agency",
    "E": "reading the file",
}


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str  # kebab-case, unique
    severity: Severity
    title: str  # one line, lower case, no final stop
    explanation: str  # markdown, the sections of SECTIONS
    scope: Scope
    check: Callable[..., Iterable[Finding]] | None

    @property
    def family(self) -> str:
        return FAMILIES[self.code[0]]

    def section(self, heading: str) -> str:
        """The text under ``## heading`` of the explanation ('' when absent)."""
        pattern = re.compile(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", re.M | re.S)
        match = pattern.search(self.explanation)
        return match.group(1).strip() if match else ""

    @property
    def help(self) -> str:
        """The first paragraph of "How to fix", on one line."""
        # Every finding carries it: read out of the explanation once per rule.
        cached = _HELP.get(self.code)
        if cached is None:
            text = self.section("How to fix").split("\n\n", 1)[0]
            cached = _HELP[self.code] = " ".join(text.split())
        return cached


_HELP: dict[str, str] = {}


_RULES: dict[str, Rule] = {}


def _register(code: str, name: str, severity: Severity, title: str, scope: Scope,
              func: Callable[..., Iterable[Finding]] | None, doc: str | None) -> Rule:
    if not _CODE.match(code):
        raise ValueError(f"rule code {code!r} is not a letter and three digits")
    if code in _RULES:
        raise ValueError(f"rule code {code} is registered twice")
    if any(rule.name == name for rule in _RULES.values()):
        raise ValueError(f"rule name {name} is registered twice")
    rule = Rule(code=code, name=name, severity=severity, title=title,
                explanation=inspect.cleandoc(doc or ""), scope=scope, check=func)
    _RULES[code] = rule
    return rule


def report_rule(code: str, name: str, severity: Severity, title: str) -> Callable[[F], F]:
    def decorate(func: F) -> F:
        _register(code, name, severity, title, "report", func, func.__doc__)  # type: ignore[arg-type]
        return func

    return decorate


def years_rule(code: str, name: str, severity: Severity, title: str) -> Callable[[F], F]:
    def decorate(func: F) -> F:
        _register(code, name, severity, title, "years", func, func.__doc__)  # type: ignore[arg-type]
        return func

    return decorate


def file_rule(code: str, name: str, severity: Severity, title: str, doc: str) -> Rule:
    """A rule decided while reading the file (no check function of its own)."""
    return _register(code, name, severity, title, "file", None, doc)


def all_rules() -> list[Rule]:
    """Every rule, in the catalog's order: A, V, S, M, X, Y, E, then by number."""
    _load()
    order = list(FAMILIES)
    return [_RULES[code] for code in sorted(_RULES, key=lambda c: (order.index(c[0]), c))]


def get_rule(code: str) -> Rule | None:
    _load()
    return _RULES.get(code.strip().upper())


def severity_of(code: str) -> Severity:
    rule = get_rule(code)
    if rule is None:
        raise KeyError(code)
    return rule.severity


class UnknownRuleError(ValueError):
    """A --select or --ignore entry that names no rule."""

    def __init__(self, selector: str) -> None:
        super().__init__(f"unknown rule code or prefix {selector!r} "
                         "(see `nianbao rules` for the list)")
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
    rules = all_rules()
    chosen = [s.strip().upper() for s in (select or ["ALL"]) if s.strip()] or ["ALL"]
    dropped = [s.strip().upper() for s in (ignore or []) if s.strip()]
    for selector in (*chosen, *dropped):
        if not any(_matches(selector, rule.code) for rule in rules):
            raise UnknownRuleError(selector)
    enabled: set[str] = set()
    for rule in rules:
        best_select = max((_specificity(s) for s in chosen if _matches(s, rule.code)),
                          default=-1)
        best_ignore = max((_specificity(s) for s in dropped if _matches(s, rule.code)),
                          default=-1)
        if best_select >= 0 and best_select > best_ignore:
            enabled.add(rule.code)
    return frozenset(enabled)


_loaded = False
# The TUI checks reports from several worker threads at once; the first to arrive
# imports the rule families while the others wait for a complete registry.
_load_lock = threading.RLock()


def _load() -> None:
    """Import the rule families once, which registers their rules."""
    global _loaded
    if _loaded:
        return
    with _load_lock:
        if _loaded:
            return
        _import_families()
        _loaded = True


def _import_families() -> None:
    from nianbao.parser.rules import (  # noqa: F401
        arithmetic,
        meta,
        narrative,
        reading,
        structure,
        values,
        years,
    )
