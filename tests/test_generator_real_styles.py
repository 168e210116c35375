"""The generator's flattenings learnt from the real reports (``generator.real_styles``),
checked without the parser.

* The six seed styles are untouched: their corpus and 200 reports of random style
  are byte for byte (and truth for truth) what they were before the new styles came.
* Each real style renders its truth: cells where the truth says, the identities kept,
  lost cells written nowhere, glued runs whose readings the truth lists.
* The brute force that decides which glued cells are undecidable agrees with an
  obvious exhaustive search, and on the two real one-line pages with the hand-made
  ``open`` lists.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import random
import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao.parser.template import (
    ACTIVE_ITEMS,
    APPLICATION_COLUMN_IDS,
    APPLICATION_ROWS,
    REVIEW_CELL_IDS,
    cell_ids,
)
from tests.generator import (
    ENCODING_NAMES,
    NEWLINE_NAMES,
    REAL_STYLE_NAMES,
    GeneratedReport,
    corpus,
    generate,
    real_corpus,
)
from tests.generator.check import read_number
from tests.generator.encodings import decode_as_written
from tests.generator.layout import application_rows, misspell
from tests.generator.readings import Run, cuts, resolve, value_of
from tests.generator.truth import TABLE_IDS, Truth

REAL = Path(__file__).parent / "data" / "real"
_BREAK = re.compile(r"\r\n|\r|\n")
# A run of glued cells on a real page: digits, points, spaces, a unit; it stops before
# the next label, which may itself start with a digit and a point (2.其他法律…).
_RUN = re.compile(r"[0-9][0-9. ]*?(?=\d\.\D|[^0-9. ]|$)(?:万元|元)?")

# sha256 of the seed styles' output, taken before the real styles were added.
SEED_CORPUS_DIGEST = "3665ab781d82e7bc4a864b5cd614eb1bae449f1e997da0cea399e4e930cdfc0e"
RANDOM_STYLE_DIGEST = "ec2e0757bb294d70255fb699f62c7d48a89875087274d8d181c34ca33cdbff6f"


def digest(reports: Iterable[GeneratedReport]) -> str:
    """Bytes, name, quirks and every field of the truth the seed styles fill."""
    h = hashlib.sha256()
    for r in reports:
        t = r.truth
        h.update(r.data)
        h.update(repr((
            r.name, sorted(r.quirks), t.template, t.year, t.agency, t.published, t.period,
            sorted((table, c, str(v)) for table, cells in t.cells.items() for c, v in cells.items()),
            sorted(t.positions.items()), sorted(t.ambiguous),
        )).encode())
    return h.hexdigest()


def test_seed_styles_are_byte_identical() -> None:
    assert digest(corpus()) == SEED_CORPUS_DIGEST
    assert digest(generate(seed) for seed in range(200)) == RANDOM_STYLE_DIGEST


# ---------------------------------------------------------------- the real styles' truth


def _lines(text: str) -> list[str]:
    return _BREAK.split(text)


def _row_ids(truth: Truth) -> list[str]:
    return [spec.id for spec in application_rows(truth)]


def _self_check(report: GeneratedReport) -> None:
    truth = report.truth
    assert decode_as_written(report.data, report.encoding) == report.text
    # The cells are the template's, or template 2021's with the single old row.
    for table in TABLE_IDS:
        want = cell_ids(table, truth.template)  # type: ignore[arg-type]
        if table == "applications":
            want = tuple(f"{r}.{c}" for r in _row_ids(truth) for c in APPLICATION_COLUMN_IDS)
        assert tuple(truth.cells[table]) == want
    assert truth.old_other_row == ("old_other_row" in report.quirks)
    # None of these styles can write a blank cell: the truth has none.
    assert all(v is not None for row in truth.cells.values() for v in row.values())
    # Every written value sits where the truth says; a lost cell is written nowhere.
    lines = _lines(report.text)
    glued = report.style == "oneline"
    for table, cells in truth.cells.items():
        for cell, value in cells.items():
            ref = (table, cell)
            if ref in truth.absent:
                assert ref not in truth.positions
                continue
            line, column = truth.positions[ref]
            raw = lines[line - 1][column - 1:]
            if cell.endswith(".amount"):
                assert read_number(raw) == value, (report.name, ref, raw[:20], value)
                continue
            assert raw.startswith(str(value)), (report.name, ref, raw[:20], value)
            if not glued:  # a number ends where its cell does
                assert not raw[len(str(value)):][:1].isdigit(), (report.name, ref, raw[:20])
    # The glued runs: the true reading is one of the readings; undecidable cells are
    # exactly the cells whose value differs between readings.
    undecided = set()
    for (table, row), readings in truth.readings.items():
        assert len(readings) > 1
        refs = [r for r in truth.positions if r[0] == table and (
            r[1].rpartition(".")[0] == row or row == "review")]
        refs.sort(key=lambda r: truth.positions[r])
        true = tuple(_written(truth, r) for r in refs)
        assert any(tuple(value_of(x) for x in reading) == true for reading in readings), \
            (report.name, row, readings[:3], true)
        for i, ref in enumerate(refs):
            if len({value_of(reading[i]) for reading in readings}) > 1:
                undecided.add(ref)
    assert undecided == truth.undecidable, report.name
    if not glued:
        assert not truth.readings and not truth.undecidable
    if truth.misspelt:
        assert "misspelt_labels" in report.quirks


def _written(truth: Truth, ref: tuple[str, str]) -> Decimal:
    value = truth.cells[ref[0]][ref[1]]
    assert value is not None
    return Decimal(value)


def _arithmetic(truth: Truth) -> None:
    cells = truth.cells["applications"]
    rows = _row_ids(truth)
    results = [r for r in rows if r not in ("new_received", "carried_over", "total",
                                            "carried_forward")]

    def v(row: str, col: str) -> int:
        return int(cells[f"{row}.{col}"] or 0)

    for col in APPLICATION_COLUMN_IDS:
        assert v("new_received", col) + v("carried_over", col) == \
            v("total", col) + v("carried_forward", col)
        assert sum(v(r, col) for r in results) == v("total", col)
    for row in rows:
        assert sum(v(row, c) for c in APPLICATION_COLUMN_IDS[:-1]) == v(row, "total")
    review = truth.cells["review_litigation"]
    for group in ("review", "litigation_direct", "litigation_after_review"):
        parts = [review[f"{group}.{f}"] or 0 for f in ("upheld", "corrected", "other", "pending")]
        assert sum(parts) == (review[f"{group}.total"] or 0)


@pytest.mark.parametrize("style", REAL_STYLE_NAMES)
@pytest.mark.parametrize("template", ["2019", "2021"])
def test_real_styles_render_their_truth(style: str, template: str) -> None:
    for n in range(6):
        report = generate(3000 + n, style=style, template=template,
                          encoding=ENCODING_NAMES[n % len(ENCODING_NAMES)],
                          newline=NEWLINE_NAMES[n % 2])
        _self_check(report)
        _arithmetic(report.truth)


def test_real_corpus_self_checks_and_covers_every_style_and_quirk() -> None:
    reports = real_corpus()
    for report in reports:
        _self_check(report)
        _arithmetic(report.truth)
    assert {r.style for r in reports} == set(REAL_STYLE_NAMES)
    for style in REAL_STYLE_NAMES:
        assert {r.truth.template for r in reports if r.style == style} == {"2019", "2021"}
    quirks = set().union(*(r.quirks for r in reports))
    for quirk in ("misspelt_labels", "old_other_row", "lost_cell", "labels_after", "t4_split",
                  "detached_block", "wrong_header", "value_notes", "cell_spaces", "page_break",
                  "formfeed"):
        assert quirk in quirks, quirk
    # the cases the accuracy figures must face do occur
    assert any(r.truth.absent for r in reports)
    assert any(r.truth.undecidable for r in reports if r.truth.template == "2019")
    assert any(r.truth.undecidable for r in reports if r.truth.template == "2021")
    assert any(r.truth.misspelt for r in reports)


@pytest.mark.parametrize("style", REAL_STYLE_NAMES)
def test_real_styles_are_deterministic(style: str) -> None:
    a = generate(77, style=style, encoding="gb18030")
    b = generate(77, style=style, encoding="gb18030")
    assert a.data == b.data and a.truth == b.truth and a.quirks == b.quirks


def test_misspell_keeps_the_numbering_and_changes_the_words() -> None:
    rng = random.Random(5)
    changed = 0
    for spec in APPLICATION_ROWS["2021"]:
        head = re.match(r"^(?:\d+\.|（[一二三四五六七]）|[一二三四]、)", spec.label)
        prefix = head.group() if head else ""
        for _ in range(30):
            wrong = misspell(spec.label, rng)
            if len(spec.label) - len(prefix) < 6:
                assert wrong == spec.label  # too short to stay recognisable
                continue
            changed += wrong != spec.label
            assert wrong.startswith(prefix) and wrong[-1] == spec.label[-1]
            assert len(spec.label) - 3 <= len(wrong) <= len(spec.label)
            others = {r.label for r in APPLICATION_ROWS["2021"]} - {spec.label}
            assert wrong not in others
    assert changed > 300


# ---------------------------------------------------------------- the brute force itself


def _every_cut(run: Run) -> set[tuple[str, ...]]:
    """The slow, obvious way: every set of cut points of the digits, then every rule."""
    written = "".join(t + (" " if s else "") for t, s in zip(run.texts, run.spaced, strict=True))
    digits = written.replace(" ", "")
    forced = set()  # a space is a boundary
    for i, ch in enumerate(written.rstrip()):
        if ch == " ":
            forced.add(len(written[:i].replace(" ", "")))
    fields = run.fields()
    out = set()
    for points in itertools.combinations(range(1, len(digits)), len(fields) - 1):
        if not forced <= set(points):
            continue
        pieces = [digits[a:b] for a, b in zip((0, *points), (*points, len(digits)), strict=True)]
        if not all(re.fullmatch(r"0|[1-9]\d*", p) for p in pieces):
            continue
        values = [int(p) for p in pieces]
        if run.table == "applications" and values[-1] != sum(values[:-1]):
            continue
        out.add(tuple(pieces))
    return out


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_cuts_are_the_cuts_the_obvious_search_finds(data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from(["t2", "t3"]), label="table")
    if kind == "t3":
        parts = data.draw(st.lists(st.integers(0, 120), min_size=6, max_size=6), label="cells")
        values = [*parts, sum(parts)]
        refs = tuple(("applications", f"granted.{c}") for c in APPLICATION_COLUMN_IDS)
        table = "applications"
    else:
        values = data.draw(st.lists(st.integers(0, 3000), min_size=3, max_size=3), label="cells")
        refs = tuple(("active_disclosure", f"licensing.{f}")
                     for f in ("prev_count", "change", "decisions"))
        table = "active_disclosure"
    spaced = tuple(data.draw(st.lists(st.booleans(), min_size=len(values), max_size=len(values)),
                             label="spaces"))
    run = Run(table, refs[0][1].rpartition(".")[0], refs, tuple(str(v) for v in values), spaced)
    found = set(cuts(run))
    assert run.texts in found
    if len("".join(run.texts)) <= 16:  # the obvious search is exponential
        assert found == _every_cut(run)


def _pingtan_runs(stem: str) -> tuple[list[Run], list[str], dict[str, Any]]:
    """The glued runs of a real one-line page, cut by its expected values."""
    exp = json.loads((REAL / "expected" / f"{stem}.json").read_text(encoding="utf-8"))
    template = exp["meta"]["template"]
    body = (REAL / "texts" / f"{stem}.txt").read_text(encoding="utf-8").split("\n")[9]
    cells = {**exp["active_disclosure"], **exp["review_litigation"],
             **{f"{r}.{c}": v for r, cs in exp["applications"].items() for c, v in cs.items()}}
    rows = [("active_disclosure", it.id, "规范性文件" if it.id == "normative_documents" else it.label,
             [f"{it.id}.{f}" for f, _ in it.fields]) for it in ACTIVE_ITEMS[template]]
    rows += [("applications", r.id, r.label, [f"{r.id}.{c}" for c in APPLICATION_COLUMN_IDS])
             for r in APPLICATION_ROWS[template]]
    rows += [("review_litigation", "review", "尚未审结总计", list(REVIEW_CELL_IDS))]
    at = body.index("二、主动公开政府信息情况")
    runs = []
    for table, row, label, ids in rows:
        if table == "review_litigation":
            start = body.rindex(label, 0, body.index("五、存在的主要问题")) + len(label)
        else:
            start = body.index(label, at) + len(label)
        while body[start] == " ":
            start += 1
        match = _RUN.match(body, start)
        assert match is not None, (stem, row)
        raw = match.group().rstrip()
        at = match.end()
        texts, spaced, k = [], [], 0
        for cid in ids:
            text = raw[k:] if cid.endswith(".amount") else str(cells[cid])
            assert raw[k:k + len(text)] == text, (stem, row, raw)
            k += len(text)
            spaced.append(raw[k:k + 1] == " ")
            while raw[k:k + 1] == " ":
                k += 1
            texts.append(text)
        assert k == len(raw), (stem, row, raw)
        runs.append(Run(table, row, tuple((table, c) for c in ids), tuple(texts), tuple(spaced)))
    results = [r.id for r in APPLICATION_ROWS[template]
               if r.id not in ("new_received", "carried_over", "total", "carried_forward")]
    return runs, results, exp


@pytest.mark.parametrize("stem", ["pingtan_2019_oneline", "pingtan_2023_oneline"])
def test_readings_of_the_real_one_line_pages_match_their_open_cells(stem: str) -> None:
    """The brute force on the real pages' glued runs finds exactly the cells the
    hand-made expected file calls ``open`` (read from the pages' HTML tables)."""
    runs, results, exp = _pingtan_runs(stem)
    found = resolve(runs, results)
    assert sorted(f"{t}:{c}" for t, c in found.undecidable) == sorted(exp["open"])
