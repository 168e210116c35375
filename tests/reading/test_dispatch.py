"""read_document: one entry point, the reader chosen by content."""

from __future__ import annotations

import pytest

from nianbao.parser.errors import ReportError
from nianbao.parser.reading.documents import read_document
from tests.reading.builders import docx_of, mht, p, tbl, tc, tr, zip_of

TABLE = "<table><tr><td>规章</td><td>3</td></tr></table>"


def test_each_kind_goes_to_its_reader() -> None:
    word = read_document(docx_of(tbl(tr(tc(p("规章")), tc(p("3"))))), "r.doc")
    assert word is not None and (word.kind, word.text) == ("docx", "规章\t3\n")
    page = read_document(TABLE.encode(), "r.txt")
    assert page is not None and (page.kind, page.text) == ("html", "规章\t3\n")
    single = read_document(mht(TABLE.encode(), charset="utf-8", encoding="base64"), "r.doc")
    assert single is not None and (single.kind, single.text) == ("mht", "规章\t3\n")


def test_plain_text_is_left_to_the_decoder() -> None:
    assert read_document("一、总体情况\n规章\t3\n".encode("gb18030"), "r.txt") is None
    assert read_document(b"", "empty.txt") is None


@pytest.mark.parametrize(("data", "words"), [
    (zip_of({"OFD.xml": "<x/>"}), "OFD"),
    (zip_of({"xl/workbook.xml": "<x/>"}), "Excel"),
    (zip_of({"other.txt": "x"}), "zip archive"),
])
def test_unsupported_kinds_are_one_line_errors(data: bytes, words: str) -> None:
    with pytest.raises(ReportError) as caught:
        read_document(data, "report.docx")
    message = str(caught.value)
    assert message.startswith("report.docx: ") and words in message and "\n" not in message


def test_pdf_goes_to_the_pdf_reader_or_says_it_has_none() -> None:
    data = b"%PDF-1.7\n%%EOF\n"
    try:
        import nianbao.parser.reading.documents.pdf  # noqa: F401  (written by the PDF reader's author)
    except ModuleNotFoundError:
        with pytest.raises(ReportError, match="no PDF reader"):
            read_document(data, "r.pdf")
    else:
        with pytest.raises(ReportError):
            read_document(data, "r.pdf")  # a PDF without pages is not a report
