"""The catalog itself: every rule documented, selection by prefix like ruff."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nianbao.parser.rules.catalog import UnknownRuleError, all_rules, get_rule, resolve
from nianbao.parser.rules.rule import SECTIONS

# A copy of the catalog's specification, kept with the tests.
RULES_MD = Path(__file__).parent / "data" / "spec" / "rules.md"
CATALOG = ["A001", "A002", "A003", "A004", "A005", "V001", "V002", "V003", "V004", "V005",
           "S001", "S002", "S003", "S004", "S005", "S006", "S007", "S008", "S009",
           "S010",
           "M001", "M002", "M003", "M004", "M005", "M006", "X001", "X002", "X003", "X004",
           "Y001", "Y002", "Y003", "Y004", "E001", "E002", "E003", "E004"]


def test_every_rule_of_the_catalog_is_registered() -> None:
    assert sorted(r.code for r in all_rules()) == sorted(CATALOG)


def test_the_specification_lists_exactly_our_rules() -> None:
    codes = set(re.findall(r"^\| ([A-Z]\d{3}) \|", RULES_MD.read_text(encoding="utf-8"), re.M))
    assert codes == {r.code for r in all_rules()}


def test_codes_are_a_letter_and_three_digits_and_unique() -> None:
    codes = [r.code for r in all_rules()]
    assert all(re.fullmatch(r"[AVSMXYE]\d{3}", code) for code in codes)
    assert len(codes) == len(set(codes))


def test_catalog_order_is_family_then_number() -> None:
    order = "AVSMXYE"
    codes = [r.code for r in all_rules()]
    assert codes == sorted(codes, key=lambda c: (order.index(c[0]), c))


@pytest.mark.parametrize("code", CATALOG)
def test_rule_is_documented(code: str) -> None:
    rule = get_rule(code)
    assert rule is not None
    assert rule.severity in ("error", "warning", "info")
    assert rule.title and not rule.title.endswith(".")
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    positions = [rule.explanation.find(f"## {s}") for s in SECTIONS]
    assert all(p >= 0 for p in positions), f"{code} lacks a section"
    assert positions == sorted(positions)
    for section in SECTIONS:
        assert len(rule.section(section)) > 20, f"{code}: '{section}' is too short"
    assert rule.help and "\n" not in rule.help


def test_severities_follow_the_catalog() -> None:
    expected = {"A": "error", "X": "warning"}
    for rule in all_rules():
        if rule.code[0] in expected:
            assert rule.severity == expected[rule.code[0]], rule.code
    assert get_rule("Y004").severity == "info"  # type: ignore[union-attr]
    assert get_rule("V001").severity == "warning"  # type: ignore[union-attr]
    assert get_rule("S002").severity == "info"  # type: ignore[union-attr]


def test_names_are_unique() -> None:
    names = [r.name for r in all_rules()]
    assert len(names) == len(set(names))


def test_select_by_prefix_and_specificity() -> None:
    assert resolve(["A"]) == {"A001", "A002", "A003", "A004", "A005"}
    assert resolve(["A", "X001"]) == {"A001", "A002", "A003", "A004", "A005", "X001"}
    assert resolve(["A"], ["A00"]) == set()
    assert resolve(["A"], ["A005"]) == {"A001", "A002", "A003", "A004"}
    assert resolve(["A001"], ["A"]) == {"A001"}  # the more specific selector wins
    assert resolve(None, ["V001"]) == set(CATALOG) - {"V001"}
    assert resolve(["all"]) == set(CATALOG)
    assert resolve(["a001"]) == {"A001"}


def test_unknown_selector_is_an_error() -> None:
    with pytest.raises(UnknownRuleError):
        resolve(["Z9"])
    with pytest.raises(UnknownRuleError):
        resolve(None, ["A9"])
