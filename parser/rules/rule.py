"""What a rule is: its code, severity, title, explanation and check.

The rules themselves are plain functions in the family modules; the catalog
(:mod:`nianbao.parser.rules.catalog`) lists them, as ruff lists its rules. A
rule's explanation is its function's docstring, in ruff's sections; the first
paragraph of "How to fix" doubles as the one-line help of every finding.
"""

from __future__ import annotations

import inspect
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from nianbao.parser.i18n import N_, _, language, pgettext
from nianbao.parser.i18n.paragraphs import translate_paragraphs
from nianbao.parser.model.findings import Severity

if TYPE_CHECKING:
    from nianbao.parser.model.findings import Finding

Scope = Literal["report", "years", "file"]

# Every explanation has these sections, in this order (checked by a meta-test).
SECTIONS = ("What it does", "Why is this bad?", "Example", "How to fix")
# English here (SARIF's tags, which do not change with the language); shown as _(family).
FAMILIES: dict[str, str] = {
    "A": N_("arithmetic (勾稽关系)"),
    "V": N_("values"),
    "S": N_("structure"),
    "M": N_("metadata"),
    "X": N_("narrative against tables"),
    "Y": N_("across years of one agency"),
    "E": N_("reading the file"),
}


def severity_word(severity: Severity) -> str:
    """``error``, ``warning`` or ``info`` in the current language."""
    if severity == "error":
        return pgettext("severity", "error")
    if severity == "warning":
        return pgettext("severity", "warning")
    return pgettext("severity", "info")


def display_width(text: str) -> int:
    """Display columns: a CJK character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def explanation(rule: Rule) -> str:
    """A rule explained whole, as markdown: ``nianbao rules CODE`` prints it, the TUI
    draws it (one text for both, so they never disagree)."""
    head = _("{code} {name} ({severity})").format(code=rule.code, name=rule.name,
                                                   severity=severity_word(rule.severity))
    return (f"{head}\n{'=' * display_width(head)}\n"
            + _("{title}.").format(title=_(rule.title)) + "\n"
            + _("Family: {family}. Select with --select {code}.").format(
                family=_(rule.family), code=rule.code)
            + f"\n\n{rule.explained()}\n")


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str  # kebab-case, unique
    severity: Severity
    title: str  # one line, lower case, no final stop
    scope: Scope
    # ``Context -> findings`` (report), ``YearPair -> findings`` (years), None (file:
    # decided while reading the file).
    check: Callable[..., Iterable[Finding]] | None
    explanation: str  # markdown, the sections of SECTIONS
    help: str = field(init=False)  # the first paragraph of "How to fix", on one line

    def __post_init__(self) -> None:
        text = self.section("How to fix").split("\n\n", 1)[0]
        object.__setattr__(self, "help", " ".join(text.split()))

    @property
    def family(self) -> str:
        return FAMILIES[self.code[0]]

    def explained(self) -> str:
        """The explanation in the current language: as written in English, else each
        heading, paragraph and example translated (:mod:`nianbao.parser.i18n.paragraphs`)."""
        if language() == "en":
            return self.explanation
        return translate_paragraphs(self.explanation)

    def section(self, heading: str) -> str:
        """The text under ``## heading`` of the explanation ('' when absent)."""
        pattern = re.compile(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", re.M | re.S)
        match = pattern.search(self.explanation)
        return match.group(1).strip() if match else ""


def rule(code: str, name: str, severity: Severity, title: str,
         check: Callable[..., Iterable[Finding]], scope: Scope = "report") -> Rule:
    """A rule whose explanation is its check function's docstring."""
    return Rule(code, name, severity, title, scope, check, inspect.cleandoc(check.__doc__ or ""))


def file_rule(code: str, name: str, severity: Severity, title: str, explanation: str) -> Rule:
    """A rule decided while reading the file, with no check function of its own."""
    return Rule(code, name, severity, title, "file", None, inspect.cleandoc(explanation))
