"""PDFs that cannot be read, or only partly: a one-line error or a readable result,
never a traceback, in bounded memory.

Each file is read in a child process limited to 1 GB of address space
(RLIMIT_AS); the child prints what it got as JSON, and anything on stderr (a
traceback, a crash) fails the test.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

from nianbao.parser.reading.documents import pdf as pdf_reader
from nianbao.parser.reading.documents.pdf import MAX_PAGE_CHARS, MAX_PAGES, read_pdf_counted
from tests.reading.pdf_drawing import FONT, Sheet

ORIGINAL = Path(__file__).resolve().parent.parent / "data" / "originals" / "hongze_2023.pdf"
ONE_GB = 1 << 30
# A guard against a hang, not a speed target: every case takes a second or two.
HANG = 300

_CHILD = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
from nianbao.parser.errors import ReportError
from nianbao.parser.reading.documents.pdf import read_pdf_counted
path = sys.argv[1]
with open(path, "rb") as handle:
    data = handle.read()
try:
    reading = read_pdf_counted(data, path)
except ReportError as error:
    print(json.dumps({{"error": str(error)}}))
else:
    print(json.dumps({{"pages": reading.pages, "notes": list(reading.rendering.notes),
                       "text": reading.rendering.text}}))
"""


def _read_limited(path: Path) -> dict[str, Any]:
    child = subprocess.run([sys.executable, "-c", _CHILD.format(limit=ONE_GB), str(path)],
                           capture_output=True, text=True, timeout=HANG, check=False)
    assert child.returncode == 0 and child.stderr == "", child.stderr[-2000:]
    result: dict[str, Any] = json.loads(child.stdout)
    if "error" in result:
        error = result["error"]
        assert "\n" not in error and error.startswith(f"{path}: "), error
    return result


def _drawn(**options: Any) -> Sheet:
    sheet = Sheet()
    if options:
        sheet.canvas = canvas.Canvas(sheet.buffer, pagesize=sheet.size, **options)
    sheet.text(72, 72, "一、总体情况")
    return sheet


def _encrypted(user: str) -> bytes:
    encryption = pdfencrypt.StandardEncryption(user, ownerPassword="owner-secret",
                                               canPrint=0, canModify=0, canCopy=0)
    return _drawn(encrypt=encryption).pdf()


def _scan() -> bytes:
    from PIL import Image

    sheet = Sheet()
    image = Image.new("L", (400, 560), 255)
    for x in range(40, 360):
        image.putpixel((x, 80), 0)  # a "line of text" only an OCR could read
    from reportlab.lib.utils import ImageReader

    sheet.canvas.drawImage(ImageReader(image), 0, 0, 595, 842)
    return sheet.pdf()


def _pages(count: int) -> bytes:
    sheet = Sheet()
    for page in range(1, count + 1):
        sheet.text(72, 300, f"正文之{page}")
        if page < count:
            sheet.new_page()
    return sheet.pdf()


def _many_lines() -> bytes:
    """One page with 60,000 tiny ruling lines over a line of text."""
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(595, 842))
    c.setFont(FONT, 12)
    c.drawString(72, 770, "一、总体情况")
    c.setLineWidth(0.3)
    for i in range(60_000):
        x, y = 50 + (i % 300) * 1.6, 50 + (i // 300) * 3.0
        c.line(x, y, x + 1.2, y)
    c.showPage()
    c.save()
    return buffer.getvalue()


def _dense_grid(step: float) -> bytes:
    """A page ruled every ``step`` points each way across a line of text."""
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(595, 842))
    c.setFont(FONT, 12)
    c.drawString(72, 770, "一、总体情况")
    c.setLineWidth(0.2)
    y = 20.0
    while y < 820:
        c.line(20, y, 575, y)
        y += step
    x = 20.0
    while x < 575:
        c.line(x, 20, x, 820)
        x += step
    c.showPage()
    c.save()
    return buffer.getvalue()


def _crowded_page(chars: int) -> bytes:
    """One page of ``chars`` characters in tiny type (no two lines alike: pdfium
    drops text drawn twice in one place)."""
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(1190, 1684))
    c.setFont(FONT, 12)
    c.drawString(72, 1640, "一、总体情况")
    c.setFont("Helvetica", 2.2)
    per_line = 600
    for row in range(chars // per_line):
        c.drawString(5, 1620 - row * 2.4, "".join(str((row * 7 + i * 3) % 10)
                                                   for i in range(per_line)))
    c.showPage()
    c.save()
    return buffer.getvalue()


def _nested_forms(depth: int) -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(595, 842))
    c.beginForm("f0")
    c.line(72, 700, 300, 700)
    c.endForm()
    for level in range(1, depth):
        c.beginForm(f"f{level}")
        c.doForm(f"f{level - 1}")
        c.endForm()
    c.doForm(f"f{depth - 1}")
    c.setFont(FONT, 12)
    c.drawString(72, 770, "一、总体情况")
    c.showPage()
    c.save()
    return buffer.getvalue()


def _by_hand(objects: list[bytes]) -> bytes:
    """A minimal PDF written byte by byte: numbered objects, an xref, a trailer."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def _no_unicode_map() -> bytes:
    """Text in a CID font with Identity-H encoding and no ToUnicode: glyph numbers only."""
    content = b"BT /F1 12 Tf 72 700 Td <0102030405060708090A0B0C> Tj ET"
    return _by_hand([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Glyphs /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Glyphs "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
    ])


def _no_pages() -> bytes:
    return _by_hand([b"<< /Type /Catalog /Pages 2 0 R >>",
                     b"<< /Type /Pages /Kids [] /Count 0 >>"])


REAL = ORIGINAL.read_bytes()

# name → (bytes, what must come back: an error containing these words, or None for text)
CASES: dict[str, tuple[Callable[[], bytes], str | None]] = {
    "empty": (lambda: b"", "not a PDF"),
    "not_a_pdf": (lambda: "一、总体情况\n".encode(), "not a PDF"),
    "header_then_garbage": (lambda: b"%PDF-1.7\n" + bytes(range(256)) * 64, "damaged"),
    "header_only": (lambda: b"%PDF-1.4\n%%EOF\n", "damaged"),
    "user_password": (lambda: _encrypted("user-secret"), "password"),
    "scan_without_text": (_scan, "no text layer (a scan?)"),
    "fonts_without_unicode_map": (_no_unicode_map, "text cannot be decoded"),
    "no_pages": (_no_pages, "cannot be read"),
    "owner_password_only": (lambda: _encrypted(""), None),
    "many_lines": (_many_lines, None),
    "nested_forms": (lambda: _nested_forms(40), None),
    "dense_grid": (lambda: _dense_grid(4.0), None),
    "denser_grid": (lambda: _dense_grid(2.0), None),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_pdf(name: str, tmp_path: Path) -> None:
    build, outcome = CASES[name]
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(build())
    result = _read_limited(path)
    if outcome is None:
        assert "error" not in result, result
        assert "一、总体情况" in result["text"]
    else:
        assert outcome in result.get("error", ""), result


def test_a_page_with_too_many_drawing_objects_says_so(tmp_path: Path) -> None:
    path = tmp_path / "many.pdf"
    path.write_bytes(_many_lines())
    notes = _read_limited(path)["notes"]
    assert notes == ["page 1: too many drawing objects; only the first ones were looked at "
                     "for tables"]


def test_a_crowded_page_is_read_to_the_page_cap_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "crowded.pdf"
    path.write_bytes(_crowded_page(90_000))
    result = _read_limited(path)
    assert "一、总体情况" in result["text"]
    assert len(result["notes"]) == 1
    assert result["notes"][0].startswith(
        f"page 1: only the first {MAX_PAGE_CHARS} of its ")


def test_a_page_with_too_many_ruling_lines_says_so(tmp_path: Path) -> None:
    path = tmp_path / "dense.pdf"
    path.write_bytes(_dense_grid(2.0))
    assert _read_limited(path)["notes"] == [
        "page 1: too many ruling lines to look for tables; its text is read as lines"]


@pytest.mark.parametrize("share", [0.1, 0.3, 0.5, 0.7, 0.9])
def test_a_truncated_pdf_reads_or_fails_in_one_line(share: float, tmp_path: Path) -> None:
    path = tmp_path / f"cut_{share}.pdf"
    path.write_bytes(REAL[:int(len(REAL) * share)])
    result = _read_limited(path)
    assert "error" in result or result["pages"] >= 1


def test_a_500_page_pdf_is_read_to_the_page_cap_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(_pages(500))
    result = _read_limited(path)
    assert result["pages"] == MAX_PAGES == 200
    assert result["notes"] == ["only the first 200 of 500 pages were read"]
    lines = result["text"].splitlines()
    assert lines[0] == "正文之1" and lines[-1] == "正文之200" and len(lines) == 200


def test_the_text_budget_stops_reading_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_CHARS", 1500)
    reading = read_pdf_counted(REAL, "hongze.pdf")
    assert 1 <= reading.pages < 5
    assert reading.rendering.notes == (
        f"only the first {reading.pages} of 5 pages were read (text limit reached)",)


def test_the_file_is_not_modified(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(REAL)
    _read_limited(path)
    assert path.read_bytes() == REAL
