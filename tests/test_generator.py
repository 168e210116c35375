"""The generator checks itself, without the parser: if these fail, parser results
on the generated corpus mean nothing."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings

from nianbao.parser.template import APPLICATION_COLUMN_IDS, cell_ids
from tests.generator import ENCODING_NAMES, NEWLINE_NAMES, STYLE_NAMES, corpus, generate
from tests.generator.chars import RADICAL_CHARS, fullwidth, pdf_glyphs, spaced, undo_pdf_glyphs
from tests.generator.check import normalise, read_number
from tests.generator.document import facts
from tests.generator.encodings import decode_as_written
from tests.generator.strategies import reports
from tests.generator.styles import STYLES, wrap
from tests.generator.truth import TABLE_IDS

_BREAK = re.compile(r"\r\n|\r|\n")


def _lines(text: str) -> list[str]:
    return _BREAK.split(text)


def _self_check(report) -> None:
    truth = report.truth
    # The bytes decode, with the encoding we used, to exactly the text we meant.
    assert decode_as_written(report.data, report.encoding) == report.text
    if report.newline == "crlf":
        assert "\n" not in report.text.replace("\r\n", "")
    else:
        assert "\r" not in report.text
    # Every canonical cell is in the truth, in template order.
    for table in TABLE_IDS:
        assert tuple(truth.cells[table]) == cell_ids(table, truth.template)
    # Styles that cannot write a blank have none left to check.
    if not STYLES[report.style].can_blank:
        assert all(v is not None for _, _, v in truth.checked())
    # Each written value sits where the truth says and reads back as its value.
    lines = _lines(report.text)
    for table, cell, value in truth.checked():
        ref = (table, cell)
        if value is None:
            assert ref not in truth.positions
            continue
        line, column = truth.positions[ref]
        raw = lines[line - 1][column - 1:]
        got = read_number(raw)
        assert got is not None and got == value, (report.name, ref, raw[:20], value)
    # The narrative states the table's numbers.
    flat = normalise(report.text)
    for fact in facts(truth):
        if fact.section == 3 and not any(
                truth.total("applications", f"{r}.total")
                for r in ("new_received", "carried_over", "total")):
            assert "未收到政府信息公开申请" in flat
            continue
        if fact.section == 4 and not any(f.value for f in facts(truth) if f.section == 4):
            assert "未发生因政府信息公开引起的行政复议、行政诉讼" in flat
            continue
        assert f"{fact.phrase}{fact.value}件" in flat, (report.name, fact)


def _arithmetic(truth) -> None:
    cells = truth.cells["applications"]

    def v(cell: str) -> int:
        value = cells[cell]
        return 0 if value is None else int(value)

    rows = {c.rpartition(".")[0] for c in cells}
    results = [r for r in rows if r not in ("new_received", "carried_over", "total",
                                            "carried_forward")]
    for col in APPLICATION_COLUMN_IDS:
        assert v(f"new_received.{col}") + v(f"carried_over.{col}") == \
            v(f"total.{col}") + v(f"carried_forward.{col}")
        assert sum(v(f"{r}.{col}") for r in results) == v(f"total.{col}")
    for row in rows:
        assert sum(v(f"{row}.{c}") for c in APPLICATION_COLUMN_IDS[:-1]) == v(f"{row}.total")
    review = truth.cells["review_litigation"]
    for group in ("review", "litigation_direct", "litigation_after_review"):
        parts = [review[f"{group}.{f}"] or 0 for f in ("upheld", "corrected", "other", "pending")]
        assert sum(parts) == (review[f"{group}.total"] or 0)


@pytest.mark.parametrize("style", STYLE_NAMES)
@pytest.mark.parametrize("encoding", ENCODING_NAMES)
def test_every_style_and_encoding_renders(style: str, encoding: str) -> None:
    for n in range(3):
        report = generate(1000 + n, style=style, encoding=encoding,
                          newline=NEWLINE_NAMES[n % 2])
        _self_check(report)
        _arithmetic(report.truth)


def test_generation_is_deterministic() -> None:
    a = generate(42, style="pdf", encoding="gb18030")
    b = generate(42, style="pdf", encoding="gb18030")
    assert a.data == b.data and a.truth == b.truth and a.quirks == b.quirks


def test_corpus_spans_every_style_encoding_and_line_end() -> None:
    reports_ = corpus()
    assert len(reports_) >= 300
    combos = {(r.style, r.encoding, r.newline) for r in reports_}
    assert combos == {(s, e, n) for s in STYLE_NAMES for e in ENCODING_NAMES
                      for n in NEWLINE_NAMES}
    assert {r.truth.template for r in reports_} == {"2019", "2021"}
    # The hard cases must actually occur, or the accuracy figure flatters.
    quirks = set().union(*(r.quirks for r in reports_))
    for quirk in ("chrome", "notice", "page_break", "spaced_labels", "fullwidth_digits",
                  "amount_units", "radicals", "wrapped_labels", "wrapped_cells", "nbsp",
                  "lost_label", "irregular_grid", "omitted_blanks", "long_table2",
                  "formfeed", "md_headings", "blank_lines"):
        assert quirk in quirks, quirk
    assert any(r.truth.has_blanks for r in reports_ if STYLES[r.style].can_blank)


def test_corpus_self_checks() -> None:
    for report in corpus():
        _self_check(report)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_hypothesis_reports_self_check(report) -> None:
    _self_check(report)
    _arithmetic(report.truth)


def test_pdf_style_uses_radicals_and_they_normalise_back() -> None:
    report = generate(7, style="pdf", quirks={"radicals"})
    assert any(ch in RADICAL_CHARS for ch in report.text)
    text = "人民群众的门户网站：行政规范性文件，长风见车马页"
    import random

    disguised = pdf_glyphs(text, random.Random(1), 1.0)
    assert "⺠" in disguised and "⻔" in disguised and "⾏" in disguised
    assert undo_pdf_glyphs(disguised) == text
    assert len(disguised) == len(text)  # 1:1, so recorded columns stay right


def test_character_helpers() -> None:
    import random

    assert unicodedata.normalize("NFKC", fullwidth("-21.83")) == "-21.83"
    rng = random.Random(3)
    for label in ("3.其他", "（二）部分公开", "一、本年新收政府信息公开申请数量", "尚未审结"):
        for _ in range(20):
            out = spaced(label, rng)
            assert out.replace(" ", "") == label
            # a numbering prefix never splits off as a lone number
            assert not re.match(r"^\d+\s", out)
    assert read_number("95300元") == read_number("9.53")
    assert read_number("21.83 万元") == read_number("21.83")
    assert read_number("１２") == 12
    # wrapping never splits a number with its unit or a date
    text = "本年度新收政府信息公开申请1234件，统计期限自2020年1月1日起至2020年12月31日止。"
    for cols in range(4, 40):
        pieces = wrap(text, cols)
        assert "".join(pieces) == text
        assert not any(re.search(r"\d$", p) and re.match(r"^[\d件]", q)
                       for p, q in zip(pieces, pieces[1:], strict=False))
