"""A file's kind by its content: magic bytes, zip members, the OLE directory."""

from __future__ import annotations

import codecs

import pytest

from nianbao.parser.reading.documents.sniff import ole_stream_names, sniff
from tests.reading.builders import docx_of, mht, ole_file, p, zip_of
from tests.reading.fill_template import BLANK

REPORT_TEXT = "一、总体情况\n本机关2023年……\n二、主动公开政府信息情况\n".encode()


def test_pdf_header_at_start_and_after_junk() -> None:
    assert sniff(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj").kind == "pdf"
    assert sniff(b"\r\n\x00\x00HTTP junk\r\n" + b"x" * 900 + b"%PDF-1.4\n").kind == "pdf"
    # Past the window a reader accepts, the marker is just text.
    assert sniff(REPORT_TEXT + b"x" * 2000 + b"%PDF-1.4").kind == "text"


def test_word_file_by_its_document_part_whatever_its_name() -> None:
    blank = BLANK.read_bytes()
    assert sniff(blank, "报告.docx").kind == "docx"
    assert sniff(blank, "报告.doc").kind == "docx"
    assert sniff(docx_of(p("x")), "report.zip").kind == "docx"


@pytest.mark.parametrize(("members", "kind", "words"), [
    ({"xl/workbook.xml": "<x/>", "[Content_Types].xml": "<x/>"}, "xlsx", "Excel"),
    ({"ppt/presentation.xml": "<x/>"}, "pptx", "PowerPoint"),
    ({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"},
     "odf", ".odt"),
    ({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}, "odf", ".ods"),
    ({"OFD.xml": "<ofd:OFD/>", "Doc_0/Document.xml": "<x/>"}, "ofd", "OFD"),
    ({"readme.txt": "hello"}, "zip", "zip archive"),
])
def test_other_zips_are_named_not_read(members: dict[str, bytes | str], kind: str,
                                       words: str) -> None:
    sniffed = sniff(zip_of(members), "report.docx")
    assert sniffed.kind == kind
    assert not sniffed.supported
    assert sniffed.reason is not None and words in sniffed.reason
    assert "\n" not in sniffed.reason


def test_ofd_reason_points_to_pdf() -> None:
    reason = sniff(zip_of({"OFD.xml": "<x/>"})).reason
    assert reason is not None and "OFD" in reason and "PDF" in reason


def test_truncated_word_file_is_still_a_word_file() -> None:
    blank = BLANK.read_bytes()
    assert sniff(blank[: len(blank) // 2], "cut.docx").kind == "docx"
    damaged = sniff(b"PK\x03\x04" + b"\x00" * 100)
    assert damaged.kind == "zip" and damaged.reason is not None
    assert "damaged" in damaged.reason


def test_ole_directory_tells_word_from_excel() -> None:
    word = ole_file(["WordDocument", "1Table", "\x05SummaryInformation"])
    assert ole_stream_names(word) == {"Root Entry", "WordDocument", "1Table",
                                      "\x05SummaryInformation"}
    assert sniff(word, "a.doc").kind == "doc"
    assert sniff(word, "A.WPS").kind == "wps"
    assert sniff(word, "a.xls").kind == "doc"  # content decides, not the name
    excel = sniff(ole_file(["Workbook", "\x05SummaryInformation"]), "a.doc")
    assert excel.kind == "xls" and excel.reason is not None and "Excel" in excel.reason
    assert sniff(ole_file(["PowerPoint Document"])).kind == "ppt"
    assert sniff(ole_file(["EncryptionInfo", "EncryptedPackage"]), "a.docx").kind == "encrypted"
    assert sniff(ole_file(["CONTENTS", "SPELLING"]), "a.wps").kind == "wps"
    assert sniff(ole_file(["Something"])).kind == "ole"


def test_ole_directory_over_several_sectors() -> None:
    names = [f"Stream{i}" for i in range(9)] + ["WordDocument"]
    assert "WordDocument" in ole_stream_names(ole_file(names))


def test_damaged_ole_does_not_hang_or_raise() -> None:
    word = bytearray(ole_file(["WordDocument"]))
    # The FAT chains the directory sector to itself: the walk must end.
    word[512 + 4:512 + 8] = (1).to_bytes(4, "little")
    assert "WordDocument" in ole_stream_names(bytes(word))
    assert sniff(bytes(word[:600])).kind == "ole"
    assert sniff(ole_file(["WordDocument"])[:8]).kind == "ole"


@pytest.mark.parametrize("data", [
    b"<html><body><table><tr><td>1</td></tr></table></body></html>",
    b"\xef\xbb\xbf  \r\n<!DOCTYPE html>\n<html lang=zh>",
    b"<!-- saved from url=(0046)http://www.example.gov.cn/ -->\n<html>",
    b"\n\n   <table border=1><tr><td>\xd2\xbb</td></tr></table>",
    b'<?xml version="1.0"?>\n<html xmlns:o="urn:schemas-microsoft-com:office:office">',
    b'<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN">\n<HTML>',
    codecs.BOM_UTF16_LE + "<html><body>报告</body></html>".encode("utf-16-le"),
    "<html><body>报告</body></html>".encode("utf-16-le"),
])
def test_html_however_it_is_saved(data: bytes) -> None:
    for name in ("page.html", "report.doc", "report.txt"):
        assert sniff(data, name).kind == "html"


def test_mht_single_file_pages() -> None:
    assert sniff(mht(b"<html>x</html>", charset="utf-8", encoding="base64")).kind == "mht"
    saved_by_ie = (b"From: <Saved by Windows Internet Explorer 8>\r\nSubject: report\r\n"
                   b"MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n"
                   b'\ttype="text/html";\r\n\tboundary="----=_NextPart_000"\r\n\r\n')
    assert sniff(saved_by_ie, "a.doc").kind == "mht"
    # Headers alone, without MIME-Version, are a text that starts with "Subject:".
    assert sniff("Subject: 年度报告\n\n一、总体情况\n".encode()).kind == "text"


def test_rtf_and_word_xml() -> None:
    assert sniff(b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}").kind == "rtf"
    assert sniff(b"\xef\xbb\xbf{\\rtf1").kind == "rtf"
    word_xml = (b'<?xml version="1.0"?><?mso-application progid="Word.Document"?>'
                b'<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml">')
    assert sniff(word_xml).kind == "wordml"


@pytest.mark.parametrize("data", [
    REPORT_TEXT,
    "一、总体情况\n表格见下：<table> 不是网页\n".encode("gb18030"),
    b"",
    "\ufeff政府信息公开工作年度报告".encode("utf-16"),
])
def test_plain_text_stays_text(data: bytes) -> None:
    sniffed = sniff(data, "report.txt")
    assert sniffed.kind == "text" and sniffed.supported
