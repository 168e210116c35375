"""What a file is, told by its content, never by its extension.

Reports are downloaded as ``.doc`` that are web pages, ``.txt`` that are HTML,
``.docx`` that are spreadsheets. The magic bytes decide; the extension is only
used to name a Word-family file ``wps`` rather than ``doc``.

Kinds nianbao reads: ``pdf``, ``docx``, ``doc``/``wps``/``rtf``/``wordml`` (through
LibreOffice), ``html``, ``mht`` and ``text`` (the existing decoder). Every other
kind comes with a one-line ``reason`` telling the user what the file is and what
to do with it.
"""

from __future__ import annotations

import io
import re
import struct
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from nianbao.parser.i18n import N_, _

if TYPE_CHECKING:
    from zipfile import ZipFile

SniffKind = Literal[
    "text", "pdf", "docx", "doc", "wps", "rtf", "wordml", "html", "mht",
    # Not reports, or not readable by nianbao: each has a reason.
    "ofd", "xlsx", "pptx", "odf", "zip", "xls", "ppt", "encrypted", "ole",
]

# User-facing reasons, in one place so they can be wrapped for translation.
REASONS: dict[str, str] = {
    "ofd": N_("an OFD file (China's fixed-layout format), which nianbao cannot read; "
           "export or print it to PDF and check the PDF"),
    "xlsx": N_("an Excel workbook (.xlsx), not a report; save the report itself as .docx or PDF"),
    "pptx": N_("a PowerPoint presentation (.pptx), not a report"),
    "odf": N_("an OpenDocument file ({what}); save it as .docx or PDF"),
    "zip": N_("a zip archive, not a report (it holds no Word document)"),
    "zip_damaged": N_("a damaged or truncated zip archive, not a readable report"),
    "xls": N_("an Excel workbook (.xls), not a report; save the report itself as .docx or PDF"),
    "ppt": N_("a PowerPoint presentation (.ppt), not a report"),
    "encrypted": N_("a password-protected Office file; save an unprotected copy and check that"),
    "ole": N_("an OLE compound file that is neither a Word nor a WPS document"),
}


@dataclass(frozen=True, slots=True)
class Sniffed:
    """A file's kind; ``reason`` (one line) is set when nianbao cannot read that kind."""

    kind: SniffKind
    reason: str | None = None

    @property
    def supported(self) -> bool:
        return self.reason is None


def _unsupported(kind: SniffKind, key: str | None = None, **fill: str) -> Sniffed:
    return Sniffed(kind, _(REASONS[key or kind]).format(**fill))


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_PDF = re.compile(rb"%PDF-\d")
# Acrobat accepts the header anywhere in the first 1024 bytes.
_PDF_WINDOW = 1024
_HEAD = 8192


def sniff(data: bytes, path: str = "") -> Sniffed:
    """The kind of ``data`` (the whole file, or at least its first few kilobytes for
    everything but zip and OLE files, whose directories may lie at the end)."""
    if data.startswith(_ZIP_MAGICS):
        return _sniff_zip(data)
    if data.startswith(_OLE_MAGIC):
        return _sniff_ole(data, path)
    if _PDF.search(data, 0, _PDF_WINDOW + 8):
        return Sniffed("pdf")
    head = _head_text(data[:_HEAD])
    stripped = head.lstrip("\ufeff \t\r\n\f\x00")
    if stripped.startswith("{\\rtf"):
        return Sniffed("rtf")
    if _is_mime(stripped):
        return Sniffed("mht")
    markup = _skip_prolog(stripped).lower()
    if markup.startswith(("<w:worddocument", "<pkg:package")):
        return Sniffed("wordml")
    if markup.startswith(_HTML_STARTS) or _is_word_html(markup):
        return Sniffed("html")
    return Sniffed("text")


def _head_text(head: bytes) -> str:
    """The first bytes as text, enough to see markup: UTF-16 by BOM or NUL pattern,
    everything else byte-for-byte (markers are ASCII in every encoding that matters)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    window = head[:256]
    pairs = len(window) // 2
    even = window[0::2].count(0)
    odd = window[1::2].count(0)
    if pairs >= 4 and odd >= pairs * 0.3 and even <= pairs * 0.05:
        return head.decode("utf-16-le", errors="replace")
    if pairs >= 4 and even >= pairs * 0.3 and odd <= pairs * 0.05:
        return head.decode("utf-16-be", errors="replace")
    return head.decode("latin-1")


_HTML_STARTS = (
    "<html", "<!doctype html", "<table", "<head", "<body", "<meta", "<title", "<div",
    "<p>", "<p ", "<style", "<span", "<font", "<center", "<base", "<link",
)
_PROLOG_ITEM = re.compile(r"\s*(?:<!--.*?-->|<\?.*?\?>)", re.DOTALL)


def _skip_prolog(text: str) -> str:
    """Past comments and processing instructions (``<?xml …?>``, saved-from notes)."""
    position = 0
    while True:
        match = _PROLOG_ITEM.match(text, position)
        if match is None or match.end() == position:
            return text[position:].lstrip()
        position = match.end()


def _is_word_html(markup: str) -> bool:
    # ``<?xml?>`` then ``<html xmlns:o=…>`` is covered above; Word's filtered HTML may
    # open with a bare ``<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 …">``.
    return markup.startswith("<!doctype") and "html" in markup[:80]


_MIME_HEADER = re.compile(r"^[A-Za-z][A-Za-z0-9-]*:", re.MULTILINE)


def _is_mime(text: str) -> bool:
    """A MIME message (``.mht``/``.mhtml``, Word's single-file web page): headers
    first, among them MIME-Version and a multipart or HTML content type."""
    if _MIME_HEADER.match(text) is None:
        return False
    end = re.search(r"\r?\n\r?\n", text)
    headers = (text if end is None else text[:end.start()]).lower()
    return "mime-version:" in headers and (
        "multipart/" in headers or "text/html" in headers)


def _sniff_zip(data: bytes) -> Sniffed:
    import zipfile  # 10 ms to import: only for a zip, so text files do without

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            mimetype = _zip_mimetype(archive, names)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return _sniff_damaged_zip(data)
    return _zip_kind(set(names), mimetype)


def _zip_mimetype(archive: ZipFile, names: list[str]) -> str:
    if "mimetype" not in names or archive.getinfo("mimetype").file_size > 200:
        return ""
    return archive.read("mimetype").decode("ascii", errors="replace").strip()


def _zip_kind(names: set[str], mimetype: str) -> Sniffed:
    if "OFD.xml" in names or any(n.lower() == "ofd.xml" for n in names):
        return _unsupported("ofd")
    if any(n.startswith("word/") for n in names):
        return Sniffed("docx")
    if any(n.startswith("xl/") for n in names):
        return _unsupported("xlsx")
    if any(n.startswith("ppt/") for n in names):
        return _unsupported("pptx")
    if mimetype.startswith("application/vnd.oasis.opendocument."):
        what = {"text": ".odt, a text document", "spreadsheet": ".ods, a spreadsheet",
                "presentation": ".odp, a presentation"}.get(
            mimetype.rsplit(".", 1)[-1], mimetype)
        return _unsupported("odf", what=what)
    return _unsupported("zip")


def _sniff_damaged_zip(data: bytes) -> Sniffed:
    """A zip whose index is gone (truncated download): its local headers still name
    the members, so a truncated Word file is still told to be one."""
    window = data[: 1 << 20]
    if b"word/" in window:
        return Sniffed("docx")
    if b"OFD.xml" in window:
        return _unsupported("ofd")
    if b"xl/" in window:
        return _unsupported("xlsx")
    return _unsupported("zip", "zip_damaged")


def _sniff_ole(data: bytes, path: str) -> Sniffed:
    names = ole_stream_names(data)
    if "WordDocument" in names:
        return Sniffed("wps" if path.lower().endswith(".wps") else "doc")
    if "EncryptedPackage" in names or "EncryptionInfo" in names:
        return _unsupported("encrypted")
    if "Workbook" in names or "Book" in names:
        return _unsupported("xls")
    if "PowerPoint Document" in names:
        return _unsupported("ppt")
    if "CONTENTS" in names:
        # Microsoft Works word processor (.wps); LibreOffice reads it.
        return Sniffed("wps")
    return _unsupported("ole")


_END_OF_CHAIN = 0xFFFFFFFE


def ole_stream_names(data: bytes) -> set[str]:
    """Names in an OLE2 compound file's directory (streams and storages).

    A small reader of the directory only (MS-CFB): the header's DIFAT gives the FAT
    sectors, the FAT gives the directory's chain. Chains are walked at most once per
    sector, so a looped or truncated file ends the walk instead of hanging it.
    """
    if len(data) < 512 or not data.startswith(_OLE_MAGIC):
        return set()
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    if shift not in (9, 12):
        return set()
    size = 1 << shift
    sectors = max(0, (len(data) - size) // size)

    def sector(number: int) -> bytes:
        start = (number + 1) * size
        return data[start:start + size]

    fat_count, first_dir = struct.unpack_from("<II", data, 0x2C)
    first_difat, difat_count = struct.unpack_from("<II", data, 0x44)
    fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < sectors]
    seen: set[int] = set()
    current = first_difat
    while current < sectors and current not in seen and len(seen) < difat_count + 1:
        seen.add(current)
        block = sector(current)
        entries = struct.unpack(f"<{len(block) // 4}I", block[: len(block) // 4 * 4])
        fat_sectors.extend(s for s in entries[:-1] if s < sectors)
        current = entries[-1] if entries else _END_OF_CHAIN
    fat = bytearray()
    for number in fat_sectors[:max(fat_count, 0) or len(fat_sectors)]:
        fat += sector(number)
    entries_in_fat = len(fat) // 4
    names: set[str] = set()
    visited: set[int] = set()
    current = first_dir
    while current < sectors and current not in visited:
        visited.add(current)
        block = sector(current)
        for at in range(0, len(block) - 127, 128):
            length = struct.unpack_from("<H", block, at + 0x40)[0]
            kind = block[at + 0x42]
            if kind in (1, 2, 5) and 2 <= length <= 64:
                names.add(block[at:at + length - 2].decode("utf-16-le", errors="replace"))
        if current >= entries_in_fat:
            break
        current = struct.unpack_from("<I", fat, current * 4)[0]
    return names
