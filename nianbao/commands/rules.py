"""``nianbao rules [CODE]``: list the rule catalog, or explain one rule.

A code prefix (``A``, ``S00``) lists the rules it selects, the way ``--select``
would. ``--format json`` prints the same as data.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from nianbao import diagnostics
from nianbao.diagnostics import EXIT_OK
from nianbao.parser.i18n import _
from nianbao.parser.rules.catalog import all_rules, get_rule
from nianbao.parser.rules.rule import FAMILIES, Rule, display_width, explanation, severity_word


def rule_to_dict(rule: Rule) -> dict[str, str]:
    """A rule as data: code, name, severity and family keep their English ids (``family``
    is the family's code letter's name as SARIF tags it); title, help and explanation
    are in the current language."""
    return {"code": rule.code, "name": rule.name, "severity": rule.severity,
            "title": _(rule.title), "family": rule.family, "help": _(rule.help),
            "explanation": rule.explained()}




def listing(rules: Sequence[Rule]) -> str:
    lines: list[str] = []
    family = ""
    severity_width = max(display_width(severity_word(rule.severity)) for rule in all_rules())
    for rule in rules:
        if rule.code[0] != family:
            family = rule.code[0]
            if lines:
                lines.append("")
            lines.append(f"{family} — {_(FAMILIES[family])}")
        severity = severity_word(rule.severity)
        pad = " " * (severity_width - display_width(severity))
        lines.append(f"  {rule.code}  {severity}{pad}  {_(rule.title)}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    code: str | None = args.code
    fmt: str = args.format
    rules = all_rules()
    if code is None:
        chosen = rules
    else:
        wanted = code.strip().upper()
        exact = get_rule(wanted)
        if exact is not None:
            if fmt == "json":
                sys.stdout.write(json.dumps(rule_to_dict(exact), ensure_ascii=False, indent=2)
                                 + "\n")
            else:
                sys.stdout.write(explanation(exact))
            return EXIT_OK
        chosen = tuple(rule for rule in rules if wanted and rule.code.startswith(wanted))
        if not chosen:
            return diagnostics.unknown_rule_code(code)
    if fmt == "json":
        sys.stdout.write(json.dumps([rule_to_dict(r) for r in chosen], ensure_ascii=False,
                                    indent=2) + "\n")
    else:
        sys.stdout.write(listing(chosen))
    return EXIT_OK
