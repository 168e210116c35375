from __future__ import annotations

import codecs

import pytest

from nianbao.parser.errors import ReportError
from nianbao.parser.reading.decode import decode
from tests.conftest import seed

KANGXI = seed("002").read_text(encoding="utf-8")
GBK = KANGXI.encode("gbk", errors="ignore")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (KANGXI.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + KANGXI.encode("utf-8"), "utf-8"),
        # Detectors reject GB18030 full of Kangxi radicals; the strict cascade does not.
        (KANGXI.encode("gb18030"), "gb18030"),
        (GBK, "gb18030"),
        (KANGXI.encode("utf-16"), "utf-16-le"),
        (KANGXI.encode("utf-16-le"), "utf-16-le"),
        (KANGXI.encode("utf-16-be"), "utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16-bom", "utf16le", "utf16be"],
)
def test_cascade_decodes_each_encoding(data: bytes, encoding: str) -> None:
    decoded = decode(data)
    assert decoded.encoding == encoding
    assert decoded.replacements == 0
    # GBK cannot hold the radicals, so that file lost them when it was made.
    expected = KANGXI.encode("gbk", errors="ignore").decode("gbk") if data == GBK else KANGXI
    assert decoded.text == expected


def test_gb18030_round_trip_is_exact() -> None:
    assert decode(KANGXI.encode("gb18030")).text == KANGXI


def test_utf16_with_crlf_keeps_the_text() -> None:
    text = KANGXI.replace("\n", "\r\n")
    assert decode(text.encode("utf-16")).text == text


def test_utf16_pure_chinese_without_bom() -> None:
    text = "政府信息公开工作年度报告" * 40
    assert decode(text.encode("utf-16-le")).text == text


@pytest.mark.parametrize(
    "data",
    [b"", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, bytes(range(256)) * 50],
    ids=["empty", "png", "binary"],
)
def test_non_text_is_a_report_error(data: bytes) -> None:
    with pytest.raises(ReportError) as info:
        decode(data, "x.txt")
    assert str(info.value).startswith("x.txt: ")
    assert "\n" not in str(info.value)


def test_a_few_invalid_bytes_are_replaced_and_counted() -> None:
    data = KANGXI.encode("utf-8")
    broken = data[:300] + b"\xff\xfe\xfa" + data[300:]
    decoded = decode(broken)
    assert decoded.replacements >= 1
    assert "\ufffd" in decoded.text
