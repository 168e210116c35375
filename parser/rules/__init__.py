"""The rule catalog of ``spec/rules.md``: one module per family, one function per rule.

Import :mod:`nianbao.parser.rules.registry` for the registry; importing a family module
registers its rules.
"""

from __future__ import annotations

from nianbao.parser.rules.registry import (
    Rule,
    UnknownRuleError,
    all_rules,
    get_rule,
    resolve,
)

__all__ = ["Rule", "UnknownRuleError", "all_rules", "get_rule", "resolve"]
