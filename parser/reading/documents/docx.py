"""Word ``.docx``: paragraphs and tables in body order, with merged cells resolved.

Stdlib only: ``zipfile`` and ``xml.etree.ElementTree``. Hostile files are refused
before they cost memory or time:

* zip bombs: the member count, the main part's declared size and compression ratio
  are checked before reading, and decompression stops at a byte cap whatever the
  headers claim;
* XML bombs and external entities: a DOCTYPE (the only place entities can be
  declared, and never written by Word) stops the parse where it starts;
* memory: the body is parsed as a stream and each top-level paragraph or table is
  rendered and dropped as soon as it ends.

Places are :class:`~..origin.DocxPlace`: ``table`` counts every table of the body
from 1 in document order (nested tables included, outer first), ``row`` the table's
``w:tr`` from 1, ``cell`` the row's ``w:tc`` from 1 (a merged cell's continuation
counts, as Word counts it), ``paragraph`` from 0 within the cell, or within the
body for paragraphs outside tables.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from io import BytesIO
from typing import IO
from xml.etree import ElementTree as ET

from nianbao.parser.i18n import N_, _

from ...errors import ReportError
from ..origin import DocxPlace, Rendering
from .layout import MAX_TABLE_DEPTH, Cell, Para, Slot, Table, Writer, joiner

# The main part of a report is a few hundred kilobytes; 32 MB of XML is far beyond
# any real one and still parses in bounded memory (the body is streamed).
MAX_PART_BYTES = 32_000_000
# Word's XML compresses 5-20 times; zip bombs a thousand times and more.
MAX_RATIO = 200
MAX_MEMBERS = 20_000
_CHUNK = 1 << 16

REASONS: dict[str, str] = {
    "damaged": N_("the Word file is damaged or truncated ({detail})"),
    "not_word": N_("a zip file without a Word document in it (no word/document.xml), not a report"),
    "too_big": N_("the Word document's text part is {size:.0f} MB, over the {limit:.0f} MB limit"),
    "bomb": N_("the Word file's text part would unpack {ratio:.0f} times its packed size: "
            "refused as a zip bomb"),
    "members": N_("the zip holds {count} files, too many for a Word document"),
    "doctype": N_("the Word document declares a DOCTYPE (entity definitions), which Word never "
               "writes: refused"),
    "xml": N_("the Word document's XML is broken ({detail})"),
    "encrypted": N_("the Word file is encrypted; save an unprotected copy"),
}
# Not a refusal: a notice sent as .docx has no tables either, and is told apart from a
# report (E003) by what its text holds.
NOTE_NO_TABLES = (N_("the Word document has no tables: the report's tables are missing or are "
                  "pictures"))

_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # ISO 29500 strict
)
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_OFFICE_DOCUMENT = re.compile(
    rb'<Relationship\b[^>]*?Type="[^"]*/officeDocument"[^>]*?>', re.DOTALL)
_TARGET = re.compile(rb'Target="([^"]+)"')


_LOCAL_NAMES: dict[str, str] = {}


def _local(tag: str) -> str:
    """``w:p`` for any WordprocessingML namespace, ``""`` for other namespaces."""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = _local_name(tag)
        if len(_LOCAL_NAMES) < 4096:  # a hostile file's made-up tags are not kept
            _LOCAL_NAMES[tag] = name
    return name


def _local_name(tag: str) -> str:
    if tag.startswith("{"):
        namespace, _brace, name = tag[1:].partition("}")
        if namespace in _NAMESPACES:
            return name
        if tag.startswith(_MC):
            return "mc:" + name
        return ""
    return tag


def read_docx(data: bytes, path: str) -> Rendering:
    """Render a .docx (``data`` is the whole file); raise :class:`ReportError` when the
    file cannot be read (a document without tables is read, with a note)."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise ReportError(path, _(REASONS["damaged"]).format(detail=_detail(error))) from None
    with archive:
        info = _main_part(archive, path)
        _check_sizes(info, path)
        try:
            with archive.open(info) as stream:
                body = _Body(path)
                _stream_xml(stream, body, path)
        except ReportError:
            raise
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError,
                NotImplementedError, RuntimeError) as error:
            raise ReportError(path, _(REASONS["damaged"]).format(detail=_detail(error))) from None
    notes = tuple(body.notes) if body.tables else (*body.notes, _(NOTE_NO_TABLES))
    return Rendering(kind="docx", text=body.writer.text, spans=tuple(body.writer.spans),
                     encoding="utf-8", notes=notes)


def _detail(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:120]


def _main_part(archive: zipfile.ZipFile, path: str) -> zipfile.ZipInfo:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ReportError(path, _(REASONS["members"]).format(count=len(infos)))
    names = {info.filename: info for info in infos}
    target = "word/document.xml"
    rels = names.get("_rels/.rels")
    if rels is not None and rels.file_size < 1 << 20:
        try:
            found = _OFFICE_DOCUMENT.search(archive.read(rels))
        except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError,
                NotImplementedError, RuntimeError):
            found = None
        target_match = _TARGET.search(found.group(0)) if found else None
        if target_match:
            candidate = posixpath.normpath(
                target_match.group(1).decode("utf-8", errors="replace").lstrip("/"))
            if candidate in names:
                target = candidate
    if target not in names:
        raise ReportError(path, _(REASONS["not_word"]))
    info = names[target]
    if info.flag_bits & 0x1:
        raise ReportError(path, _(REASONS["encrypted"]))
    return info


def _check_sizes(info: zipfile.ZipInfo, path: str) -> None:
    if info.file_size > MAX_PART_BYTES:
        raise ReportError(path, _(REASONS["too_big"]).format(
            size=info.file_size / 1e6, limit=MAX_PART_BYTES / 1e6))
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > 1 << 20 and ratio > MAX_RATIO:
        raise ReportError(path, _(REASONS["bomb"]).format(ratio=ratio))


def _stream_xml(stream: IO[bytes], body: _Body, path: str) -> None:
    parser = ET.XMLParser(target=body)
    read = 0
    try:
        while chunk := stream.read(_CHUNK):
            read += len(chunk)
            # Headers can lie about sizes: the cap holds whatever they say.
            if read > MAX_PART_BYTES:
                raise ReportError(path, _(REASONS["too_big"]).format(
                    size=read / 1e6, limit=MAX_PART_BYTES / 1e6))
            parser.feed(chunk)
        parser.close()
    except ET.ParseError as error:
        raise ReportError(path, _(REASONS["xml"]).format(detail=_detail(error))) from None


class _Body(ET.TreeBuilder):
    """Builds the tree of one top-level body element at a time and renders it."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.writer = Writer()
        self.notes: list[str] = []
        self.tables = 0
        self._stack: list[ET.Element] = []
        self._body_depth = -1
        self._paragraphs = 0

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        # Called at ``<!DOCTYPE``, before any entity of its internal subset is declared.
        raise ReportError(self.path, _(REASONS["doctype"]))

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        element = super().start(tag, attrs)
        self._stack.append(element)
        if self._body_depth < 0 and _local(tag) == "body":
            self._body_depth = len(self._stack)
        return element

    def end(self, tag: str) -> ET.Element:
        element = super().end(tag)
        self._stack.pop()
        depth = len(self._stack)
        if self._body_depth >= 0 and depth == self._body_depth:
            self._top_level(element)
            # Forget it: the body keeps no rendered element, so memory stays flat.
            del self._stack[-1][-1]
        elif depth < self._body_depth:
            self._body_depth = -1
        return element

    def _top_level(self, element: ET.Element) -> None:
        """Render a direct child of ``w:body`` and forget it."""
        for block in _blocks(element):
            if _local(block.tag) == "p":
                self.writer.paragraph(Para(
                    _paragraph_text(block, in_cell=False),
                    DocxPlace(None, None, None, self._paragraphs)))
                self._paragraphs += 1
            else:
                self.writer.table(self._table(block, 1))

    def _table(self, element: ET.Element, depth: int) -> Table:
        self.tables += 1
        number = self.tables
        table = Table()
        for row_number, row in enumerate(_children(element, "tr"), start=1):
            slots: list[Slot] = []
            properties = _child(row, "trPr")
            slots.extend([None] * _grid_value(properties, "gridBefore"))
            for cell_number, cell in enumerate(_children(row, "tc"), start=1):
                place = DocxPlace(number, row_number, cell_number, 0)
                cell_properties = _child(cell, "tcPr")
                span = max(1, _grid_value(cell_properties, "gridSpan"))
                if _continues_merge(cell_properties) and not _has_text(cell):
                    slots.extend([None] * span)
                    continue
                slots.append(self._cell(cell, place, depth))
                slots.extend([None] * (span - 1))
            table.rows.append(slots)
        return table

    def _cell(self, element: ET.Element, place: DocxPlace, depth: int) -> Cell:
        cell = Cell(place)
        paragraph = 0
        for block in _blocks(element):
            if _local(block.tag) == "p":
                cell.items.append(Para(
                    _paragraph_text(block, in_cell=True),
                    DocxPlace(place.table, place.row, place.cell, paragraph)))
                paragraph += 1
            elif depth < MAX_TABLE_DEPTH:
                cell.items.append(self._table(block, depth + 1))
            else:
                for inner in block.iter():
                    if _local(inner.tag) == "p":
                        cell.items.append(Para(
                            _paragraph_text(inner, in_cell=True),
                            DocxPlace(place.table, place.row, place.cell, paragraph)))
                        paragraph += 1
        return cell


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    """Children named ``name``, looking through content controls and custom XML."""
    found: list[ET.Element] = []
    pending = list(element)
    pending.reverse()
    while pending:
        child = pending.pop()
        local = _local(child.tag)
        if local == name:
            found.append(child)
        elif local in ("sdt", "sdtContent", "customXml", "smartTag"):
            inner = list(child)
            inner.reverse()
            pending.extend(inner)
    return found


def _blocks(element: ET.Element) -> list[ET.Element]:
    """Paragraphs and tables in order, looking through content controls."""
    found: list[ET.Element] = []
    pending = [element] if _local(element.tag) in ("p", "tbl") else list(reversed(element))
    while pending:
        child = pending.pop()
        local = _local(child.tag)
        if local in ("p", "tbl"):
            found.append(child)
        elif local in ("sdt", "sdtContent", "customXml"):
            pending.extend(reversed(child))
    return found


def _child(element: ET.Element, name: str) -> ET.Element | None:
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _attribute(element: ET.Element, name: str) -> str | None:
    for key, value in element.attrib.items():
        if key.endswith("}" + name) or key == name:
            return value
    return None


def _grid_value(properties: ET.Element | None, name: str) -> int:
    if properties is None:
        return 0
    element = _child(properties, name)
    if element is None:
        return 0
    value = _attribute(element, "val") or ""
    # Clamped: a hostile gridSpan must not make a million empty slots.
    return min(int(value), 64) if value.isdigit() else 0


def _continues_merge(properties: ET.Element | None) -> bool:
    """A cell that continues a vertical merge (``w:vMerge`` without ``restart``) or the
    old horizontal one (``w:hMerge`` continue)."""
    if properties is None:
        return False
    for name in ("vMerge", "hMerge"):
        element = _child(properties, name)
        if element is not None and (_attribute(element, "val") or "continue") == "continue":
            return True
    return False


def _has_text(cell: ET.Element) -> bool:
    return any(_local(e.tag) == "t" and (e.text or "").strip() for e in cell.iter())


_SKIPPED = frozenset({"pPr", "rPr", "delText", "instrText", "mc:Fallback", "del",
                      "moveFrom", "commentReference", "footnoteReference", "endnoteReference"})


def _paragraph_text(paragraph: ET.Element, *, in_cell: bool) -> str:
    """The text of a paragraph's runs: ``w:t`` as written, ``w:tab`` a TAB (a space in a
    cell, where TAB separates cells), ``w:br``/``w:cr`` a line break (joined in a cell).
    Deleted text, field codes and a drawing's fallback copy are left out."""
    pieces: list[str] = []
    pending = list(reversed(paragraph))
    while pending:
        element = pending.pop()
        local = _local(element.tag)
        if local == "t":
            pieces.append(element.text or "")
        elif local == "tab":
            pieces.append(" " if in_cell else "\t")
        elif local in ("br", "cr"):
            pieces.append("\n")
        elif local == "noBreakHyphen":
            pieces.append("-")
        elif local == "p":
            # A text box's paragraph inside this one: its own line.
            pieces.append("\n")
            pending.extend(reversed(element))
        elif local not in _SKIPPED:
            pending.extend(reversed(element))
    text = "".join(pieces)
    if in_cell:
        lines = [line.strip() for line in text.split("\n")]
        joined = ""
        for line in lines:
            if line:
                joined += joiner(joined, line) + line
        return joined
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
