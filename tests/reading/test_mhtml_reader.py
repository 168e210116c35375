"""Single-file web pages: the page part decoded, then read as a web page."""

from __future__ import annotations

from nianbao.parser.reading.documents.mhtml import read_mhtml
from nianbao.parser.reading.origin import HtmlPlace
from tests.reading.builders import mht

PAGE = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "</head><body>\n<p>沭阳县发展和改革局</p>\n<table><tr><td>一、本年新收政府信息公开申请数量"
        "</td>\n<td>26</td><td><o:p>&nbsp;</o:p></td></tr></table></body></html>")


def test_quoted_printable_gb2312_part() -> None:
    data = mht(PAGE.encode("gb18030"), charset="gb2312", encoding="quoted-printable")
    assert b"=" in data and "沭".encode("gb18030") not in data  # really encoded
    rendering = read_mhtml(data, "page.mht")
    assert rendering.kind == "mht" and rendering.encoding == "gb18030"
    assert rendering.text == "沭阳县发展和改革局\n一、本年新收政府信息公开申请数量\t26\t\n"
    # Places count in the decoded page, not in the .mht file's own lines.
    assert rendering.place_at(rendering.text.index("26")) == HtmlPlace(4, 5)
    assert PAGE.split("\n")[3][4:6] == "26"


def test_base64_utf8_part_and_the_start_parameter() -> None:
    page = PAGE.replace("gb2312", "utf-8").encode("utf-8")
    decoy = "<html><body><p>不是这一页</p></body></html>".encode()
    data = mht(page, charset="utf-8", encoding="base64", start=True, extra_html=decoy)
    rendering = read_mhtml(data, "page.mht")
    assert rendering.text.startswith("沭阳县发展和改革局\n")
    # Without ``start`` the first HTML part is the page.
    first = read_mhtml(mht(page, charset="utf-8", encoding="base64", extra_html=decoy), "p")
    assert first.text == "不是这一页\n"


def test_word_saved_mht_with_us_ascii_label_and_entities() -> None:
    page = b"<html><body><p>&#34892;&#25919;&#35768;&#21487;</p></body></html>"
    rendering = read_mhtml(mht(page, charset="us-ascii", encoding="quoted-printable"), "p")
    assert rendering.text == "行政许可\n"
