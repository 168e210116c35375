from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from nianbao.parser.reading import normalize as normalize_module
from nianbao.parser.reading.normalize import match_key, normalize
from nianbao.parser.reading.positions import LineIndex
from nianbao.parser.reading.radicals import RADICALS_SUPPLEMENT


def test_every_radical_with_an_equivalent_becomes_an_ideograph() -> None:
    for cp in list(range(0x2F00, 0x2FD6)) + list(RADICALS_SUPPLEMENT):
        out = normalize(chr(cp)).text
        assert len(out) == 1
        assert not 0x2E80 <= ord(out) <= 0x2FDF, hex(cp)
        assert unicodedata.category(out) == "Lo", hex(cp)


def test_supplement_radicals_from_seed_002() -> None:
    assert normalize("⼈⺠⻓⻔⻛").text == "人民长门风"


def test_kangxi_door_is_simplified() -> None:
    # NFKC gives traditional 戶; the reports are simplified Chinese.
    assert normalize("⻔⼾⽹站").text == "门户网站"
    assert normalize("戶").text == "戶"  # a genuine traditional character is left alone


def test_spaces_and_full_width() -> None:
    assert normalize("\u3000１２\u00a0（三）").text == " 12 (三)"
    assert match_key("尚 未 审 结") == "尚未审结"
    assert match_key("（三） 不予\u200b公开") == "三不予公开"


def test_expansions_map_back_to_the_original() -> None:
    norm = normalize("a㈠b")
    assert norm.text == "a(一)b"
    assert [norm.to_original(i) for i in range(len(norm.text) + 1)] == [0, 1, 1, 1, 2, 3]


@given(st.text(alphabet=st.sampled_from("a⼀㈠①…\u3000⺠\r\n１"), max_size=40))
def test_position_map_is_monotonic_and_in_range(text: str) -> None:
    norm = normalize(text)
    mapped = [norm.to_original(i) for i in range(len(norm.text) + 1)]
    assert mapped == sorted(mapped)
    assert all(0 <= m <= len(text) for m in mapped)


def test_line_index_counts_cr_crlf_and_lf() -> None:
    index = LineIndex("a\r\nbc\rd\ne\x0bf\u2028g")
    assert index.line_count == 4
    assert str(index.position(3)) == "2:1"
    assert str(index.position(6)) == "3:1"
    assert index.line_text(4) == "e\x0bf\u2028g"  # only CR and LF end lines
    assert index.offset(4, 3) == 10


@given(st.text(alphabet=st.characters(codec="utf-8")) | st.text(
    alphabet=st.sampled_from([chr(cp) for cp in sorted(normalize_module._ONE_TO_ONE)] + list("年报a1 ，"))))
def test_changed_characters_replaced_as_the_table_says(text: str) -> None:
    # The regex that finds changed characters must agree with the table it was built from.
    replaced = normalize_module._CHANGED_RE.sub(normalize_module._replace, text)
    assert replaced == text.translate(normalize_module._ONE_TO_ONE)
