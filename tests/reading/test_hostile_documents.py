"""Hostile originals, each read in a child process under a 1 GB address-space limit.

Each must end with a rendering or a one-line refusal naming the file, in bounded
memory (a blow-up is a MemoryError traceback here), never with a traceback.
"""

from __future__ import annotations

import base64
import resource
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.reading.builders import document_xml, docx_of, p, tbl, tc, tr, zip_of
from tests.reading.fill_template import BLANK

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 1 << 30
RUNNER = r"""
import sys
from nianbao.parser.errors import ReportError
from nianbao.parser.reading.documents import read_document
path = sys.argv[1]
with open(path, "rb") as handle:
    data = handle.read()
try:
    rendering = read_document(data, path)
except ReportError as error:
    print("REFUSED", error)
else:
    text = rendering.text
    shown = text if len(text) <= 2000 else text[:1000] + "..." + text[-1000:]
    notes = " / ".join(rendering.notes)
    print("READ", rendering.kind, repr(shown), *(["|", notes] if notes else []))
"""


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def read_limited(path: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, str(path)], capture_output=True, text=True,
        cwd=ROOT, preexec_fn=_limit_memory, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    out = result.stdout.strip()
    assert out.count("\n") == 0, out[:500]
    return out


def _stream_member(archive: zipfile.ZipFile, name: str, pieces: Callable[[], list[bytes]],
                   repeat: int) -> None:
    with archive.open(name, "w", force_zip64=True) as member:
        for _ in range(repeat):
            for piece in pieces():
                member.write(piece)


def _bomb(path: Path, megabytes: int, *, lie: bool = False) -> Path:
    """A .docx whose document.xml unpacks to ``megabytes`` MB of one repeated run."""
    head = document_xml("").split("<w:body>")[0].encode() + b"<w:body><w:p><w:r><w:t>"
    chunk = b"0" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        _stream_member(archive, "word/document.xml", lambda: [chunk], megabytes)
    if lie:
        _declare_size(path, "word/document.xml", 4096)
    del head
    return path


def _declare_size(path: Path, name: str, size: int) -> None:
    """Rewrite a member's uncompressed size in its local and central headers (and zip64
    extra fields) to ``size``: the headers lie, the data does not."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    local = info.header_offset
    name_length, extra_length = struct.unpack_from("<HH", data, local + 26)
    struct.pack_into("<I", data, local + 22, size)
    _patch_zip64(data, local + 30 + name_length, extra_length, size)
    central = data.rfind(b"PK\x01\x02" + data[local + 4:local + 6])
    while central >= 0:
        length, extra, comment = struct.unpack_from("<HHH", data, central + 28)
        if data[central + 46:central + 46 + length] == name.encode():
            struct.pack_into("<I", data, central + 24, size)
            _patch_zip64(data, central + 46 + length, extra, size)
            break
        central = data.rfind(b"PK\x01\x02", 0, central)
    path.write_bytes(bytes(data))


def _patch_zip64(data: bytearray, start: int, length: int, size: int) -> None:
    at = start
    while at + 4 <= start + length:
        kind, field_length = struct.unpack_from("<HH", data, at)
        if kind == 1 and field_length >= 8:
            struct.pack_into("<Q", data, at + 4, size)
        at += 4 + field_length


def test_zip_bomb_named_docx_declared_huge(tmp_path: Path) -> None:
    out = read_limited(_bomb(tmp_path / "report.docx", 300))
    assert out.startswith("REFUSED") and "over the 32 MB limit" in out


def test_zip_bomb_under_the_size_limit_refused_by_its_ratio(tmp_path: Path) -> None:
    out = read_limited(_bomb(tmp_path / "report.docx", 30))
    assert out.startswith("REFUSED") and "zip bomb" in out


def test_zip_bomb_with_lying_headers_stops_at_the_cap(tmp_path: Path) -> None:
    out = read_limited(_bomb(tmp_path / "report.docx", 400, lie=True))
    assert out.startswith("REFUSED") and ("damaged" in out or "limit" in out)


def test_zip_with_too_many_members(tmp_path: Path) -> None:
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", document_xml(tbl(tr(tc(p("1"))))))
        for index in range(25_000):
            archive.writestr(f"word/media/{index}.bin", b"")
    out = read_limited(path)
    assert out.startswith("REFUSED") and "too many" in out


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>&secret;</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"""


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL], ids=["billion-laughs", "external"])
def test_entity_expansion_in_document_xml(tmp_path: Path, xml: str) -> None:
    path = tmp_path / "entities.docx"
    path.write_bytes(zip_of({"word/document.xml": xml}))
    out = read_limited(path)
    assert out.startswith("REFUSED") and "DOCTYPE" in out
    assert "root:" not in out


def test_undeclared_entity_is_broken_xml(tmp_path: Path) -> None:
    path = tmp_path / "entity.docx"
    path.write_bytes(zip_of({"word/document.xml": document_xml(p("&nbsp;"))}))
    out = read_limited(path)
    assert out.startswith("REFUSED") and "XML is broken" in out


def test_docx_with_no_tables(tmp_path: Path) -> None:
    path = tmp_path / "prose.docx"
    path.write_bytes(docx_of(p("一、总体情况") + p("本机关……")))
    out = read_limited(path)
    # Read, with a note: a notice sent as .docx has no tables either (the core then
    # tells it from a report whose tables are pictures).
    assert out == "READ docx '一、总体情况\\n本机关……\\n' | the Word document has no tables: " \
                  "the report's tables are missing or are pictures"


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.999])
def test_truncated_docx(tmp_path: Path, keep: float) -> None:
    blank = BLANK.read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(blank[: int(len(blank) * keep)])
    out = read_limited(path)
    assert out.startswith(f"REFUSED {path}: the Word file is damaged or truncated")


def test_deeply_nested_tables_in_docx(tmp_path: Path) -> None:
    inner = tbl(tr(tc(p("规章"), ), tc(p("7"))))
    for _ in range(3000):
        inner = tbl(tr(tc(inner)))
    path = tmp_path / "deep.docx"
    path.write_bytes(docx_of(inner))
    out = read_limited(path)
    assert out.startswith("READ docx") and "规章" in out and "7" in out


REPORT_ROW = "<table><tr><td>一、本年新收政府信息公开申请数量</td><td>26</td><td>&nbsp;</td></tr></table>"


def test_50mb_page_of_dense_markup_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.write(b"<html><body>")
        for _ in range(50):
            handle.write(b"<div><span>x</span></div>" * 40_000)
        handle.write(REPORT_ROW.encode())
    assert path.stat().st_size > 50_000_000
    out = read_limited(path)
    assert out == f"REFUSED {path}: the web page has over 200,000 tags: too large to be a report"


def test_50mb_page_with_an_inline_image_is_read(tmp_path: Path) -> None:
    path = tmp_path / "image.html"
    image = base64.b64encode(b"\x89PNG" + bytes(range(256)) * 150_000)
    with path.open("wb") as handle:
        handle.write(b'<html><head><meta charset="gb2312"></head><body><p>')
        handle.write("沭阳县发展和改革局".encode("gb18030") + b'</p><img src="data:image/png;base64,')
        for _ in range(int(50_000_000 / len(image)) + 1):
            handle.write(image)
        handle.write(b'">' + REPORT_ROW.encode("gb18030") + b"</body></html>")
    assert path.stat().st_size > 50_000_000
    out = read_limited(path)
    assert out == "READ html '沭阳县发展和改革局\\n一、本年新收政府信息公开申请数量\\t26\\t\\n'"


def test_50mb_page_of_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "text.html"
    line = "本机关认真贯彻落实《中华人民共和国政府信息公开条例》。\n".encode()
    with path.open("wb") as handle:
        handle.write(b"<html><body><p>")
        handle.write(line * (50_000_000 // len(line) + 1))
        handle.write(b"</p>" + REPORT_ROW.encode() + b"</body></html>")
    out = read_limited(path)
    assert out.startswith("READ html '本机关认真贯彻落实")


def test_deeply_nested_tables_in_html(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_bytes(b"<table><tr><td>" * 50_000 + "规章</td><td>7".encode())
    out = read_limited(path)
    assert out.startswith("READ html") and "规章" in out


MHT_HEAD = (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n"
            b"--B\r\nContent-Type: text/html; charset=\"gb2312\"\r\n")
PAGE = ("<html><body><p>年度报告</p>" + REPORT_ROW + "</body></html>").encode("gb18030")


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("garbage base64", MHT_HEAD + b"Content-Transfer-Encoding: base64\r\n\r\n"
     + base64.encodebytes(PAGE)[:-20] + b"!!@@##$$\r\n--B--\r\n", "READ mht '年度报告"),
    ("cut mid-part", MHT_HEAD + b"Content-Transfer-Encoding: base64\r\n\r\n"
     + base64.encodebytes(PAGE)[:60], "READ mht '年度报告\\n一\ufffd\\n' | 1 bytes that are not valid gb18030"),
    ("no closing boundary", MHT_HEAD + b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
     + PAGE.replace(b"=", b"=3D"), "READ mht '年度报告"),
    ("no html part", b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\""
     b"\r\n\r\n--B\r\nContent-Type: image/png\r\n\r\nxx\r\n--B--\r\n",
     "REFUSED {path}: the MHT file holds no web page (no text/html part)"),
    ("unknown charset", MHT_HEAD.replace(b"gb2312", b"x-no-such-charset")
     + b"\r\n" + PAGE + b"\r\n--B--\r\n", "READ mht '年度报告"),
    ("boundary missing", b"MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n"
     + PAGE, "REFUSED {path}: the MHT file holds no web page"),
    ("empty part", MHT_HEAD + b"\r\n\r\n--B--\r\n", "REFUSED {path}: the MHT file is damaged"),
])
def test_mht_with_broken_parts(tmp_path: Path, name: str, data: bytes, expected: str) -> None:
    path = tmp_path / "page.mht"
    path.write_bytes(data)
    out = read_limited(path)
    assert out.startswith(expected.format(path=path)), (name, out)


def test_zlib_of_helpers_is_real() -> None:
    # The bomb helper really writes what it claims (so the refusals above are earned).
    path = Path(__file__)
    assert zlib.decompress(zlib.compress(path.read_bytes())) == path.read_bytes()
