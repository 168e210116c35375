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
from nianbao.parser.rules.catalog import all_rules, get_rule
from nianbao.parser.rules.rule import FAMILIES, Rule


def rule_to_dict(rule: Rule) -> dict[str, str]:
    return {"code": rule.code, "name": rule.name, "severity": rule.severity,
            "title": rule.title, "family": rule.family, "help": rule.help,
            "explanation": rule.explanation}


def listing(rules: Sequence[Rule]) -> str:
    lines: list[str] = []
    family = ""
    for rule in rules:
        if rule.code[0] != family:
            family = rule.code[0]
            if lines:
                lines.append("")
            lines.append(f"{family} — {FAMILIES[family]}")
        lines.append(f"  {rule.code}  {rule.severity:<7}  {rule.title}")
    return "\n".join(lines) + "\n"


def explanation(rule: Rule) -> str:
    head = f"{rule.code} {rule.name} ({rule.severity})"
    return (f"{head}\n{'=' * len(head)}\n{rule.title}.\n"
            f"Family: {rule.family}. Select with --select {rule.code}.\n\n"
            f"{rule.explanation}\n")


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
