"""Issue 14: glued cells split by the template's identities, checked by brute force.

``layout.glued.readings`` searches the cuts of a run with the sums in hand and
prunes; ``layout.glued.consistent`` keeps the readings that can stand together in
table 3. Both are compared here with the obvious exhaustive search on small random
cases, and the parser's readings of the real one-line pages with the committed
lists (``tests/data/real/findings``) and with the generator's own brute force
(``tests.generator.readings``, written apart from the parser on purpose).
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao.parser.core.check import check_file
from nianbao.parser.layout.glued import (
    Chunk,
    Kind,
    Sum,
    consistent,
    group_sums,
    pieces,
    readings,
    row_sum,
)
from tests.generator.readings import resolve
from tests.test_generator_real_styles import _pingtan_runs

REAL = Path(__file__).parent / "data" / "real"
_VALID = {"count": re.compile(r"0|[1-9]\d*"), "signed": re.compile(r"-?(?:0|[1-9]\d*)"),
          "amount": re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?(?:万元|元)?")}


def _run(*texts: str) -> tuple[Chunk, ...]:
    return tuple(Chunk(t, t, 0, 1) for t in texts)


def _brute(texts: list[str], kinds: list[Kind], sums: tuple[Sum, ...],
           check: Callable[[list[Decimal]], bool] | None = None) -> set[tuple[str, ...]]:
    """Every cut of every chunk, kept when each piece is a number of its kind and the
    sums and the check hold; as many chunks (or characters) as cells: the one cut."""
    whole = "".join(texts)
    count = len(kinds)
    # A boundary must fall between chunks; inside them, anywhere.
    forced = set(itertools.accumulate(len(t) for t in texts[:-1]))
    inner = [i for i in range(1, len(whole)) if i not in forced]
    out: set[tuple[str, ...]] = set()
    if len(forced) > count - 1:
        return out
    for extra in itertools.combinations(inner, count - 1 - len(forced)):
        bounds = (0, *sorted(forced | set(extra)), len(whole))
        cut = tuple(whole[a:b] for a, b in itertools.pairwise(bounds))
        if not all(_VALID[k].fullmatch(p) for p, k in zip(cut, kinds, strict=True)):
            continue
        if any(not p[-1].isdigit() for p in cut[:-1]):
            continue  # a unit ends the run
        values = [Decimal(p.removesuffix("元")) for p in cut]
        unique = len(texts) == count or len(whole) == count
        if unique or (all(values[r] == sum(values[a] for a in adds) for r, adds in sums)
                      and (check is None or check(values))):
            out.add(cut)
    return out


def _found(texts: list[str], kinds: list[Kind], sums: tuple[Sum, ...],
           check: Callable[[list[Decimal]], bool] | None = None) -> set[tuple[str, ...]]:
    run = _run(*texts)
    got = readings(run, kinds, sums, check)
    assert got is not None
    return {tuple(pieces(run, r)) for r in got}


_digits = st.text("0123456789", min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.lists(_digits, min_size=1, max_size=3))
def test_a_table3_row_matches_the_brute_force(texts: list[str]) -> None:
    if len("".join(texts)) > 16:
        return
    kinds: list[Kind] = ["count"] * 7
    assert _found(texts, kinds, row_sum(7)) == _brute(texts, kinds, row_sum(7))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text("0123456789", min_size=1, max_size=9), min_size=1, max_size=4))
def test_a_table4_line_matches_the_brute_force(texts: list[str]) -> None:
    if not 15 <= len("".join(texts)) <= 19:
        return
    kinds: list[Kind] = ["count"] * 15
    assert _found(texts, kinds, group_sums(15)) == _brute(texts, kinds, group_sums(15))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text("0123456789-.", min_size=1, max_size=6), min_size=1, max_size=3),
       st.sampled_from([("count", "signed", "count"), ("count", "amount"), ("count",) * 3]),
       st.booleans())
def test_a_table2_item_matches_the_brute_force(texts: list[str], kinds: tuple[Kind, ...],
                                               yuan: bool) -> None:
    if yuan:
        texts = [*texts[:-1], texts[-1] + "元"]
    check = (lambda v: v[2] >= v[1]) if kinds == ("count",) * 3 else None
    assert _found(texts, list(kinds), (), check) == _brute(texts, list(kinds), (), check)


def test_the_search_is_bounded() -> None:
    run = _run("1" * 40)
    assert readings(run, ["count"] * 7, row_sum(7), limit=1000) is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=1,
                         max_size=3), min_size=1, max_size=4),
       st.lists(st.tuples(st.integers(-1, 1), st.integers(-1, 1)), min_size=4, max_size=4))
def test_rows_that_stand_together_match_the_brute_force(
        options: list[list[tuple[int, int]]], weights: list[tuple[int, int]]) -> None:
    weights = weights[:len(options)]
    kept = consistent(options, weights)
    want: list[set[int]] = [set() for _ in options]
    for choice in itertools.product(*(range(len(o)) for o in options)):
        if all(sum(w[e] * options[i][k][c] for i, (k, w) in enumerate(zip(choice, weights,
                                                                          strict=True))) == 0
               for e in range(2) for c in range(2)):
            for i, k in enumerate(choice):
                want[i].add(k)
    assert kept == want


# ---------------------------------------------------------------- the real pages


def _undecided(stem: str) -> dict[tuple[str, str], tuple[str, ...]]:
    report = check_file(REAL / "texts" / f"{stem}.txt").report
    assert report is not None
    return {(table.id, row.id): row.candidates for table in report.tables.values()
            for row in table.rows if row.glued is not None and not row.assigned}


@pytest.mark.parametrize("stem", ["pingtan_2019_oneline", "pingtan_2023_oneline"])
def test_the_real_pages_readings_are_the_brute_forces(stem: str) -> None:
    """Each glued run left unread has exactly the readings of the committed list and of
    the generator's brute force; every other run is read."""
    got = _undecided(stem)
    listed = {}
    for entry in json.loads((REAL / "findings" / f"{stem}.json").read_text(encoding="utf-8")):
        if entry["code"] == "S007" and "readings" in entry:
            table, _, cell = entry["cells"][0].partition(":")
            listed[(table, cell.rpartition(".")[0])] = tuple(sorted(entry["readings"]))
    assert {k: tuple(sorted(v)) for k, v in got.items()} == listed
    runs, results, _ = _pingtan_runs(stem)
    brute = resolve(runs, results).readings
    # The generator's truth leaves A005 out (总数 ≥ 新公开 of table 2, template 2019): it
    # may call a cell undecidable that the parser decides, never the other way round.
    a005 = {k: tuple(sorted("|".join(r) for r in v if not (
        "2019" in stem and k[0] == "active_disclosure" and k[1] in ("regulations", "normative_documents")
        and int(r[2]) < int(r[1])))) for k, v in brute.items()}
    assert {k: v for k, v in a005.items() if len(v) > 1} == listed
