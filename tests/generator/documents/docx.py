"""A report as a Word (.docx) file, built from the real blank 〔2021〕30号 template.

The template (``tests/data/originals/template_2021_30hao_blank.docx``, a WPS save)
gives the package parts, the page set-up, the paragraph and run formatting and the
three tables. Template-2021 reports fill those tables as they are: every ``<w:tc>``
keeps its ``tcPr`` (``gridSpan``, ``vMerge``, borders) and gets the report's text,
after a check that the generator's table has the same structure. Template-2019
reports get tables of the same make, built to the 2019 rows (``layout.py``).

Written with the standard library only: string XML, ``zipfile`` with fixed times.
"""

from __future__ import annotations

import random
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from ..layout import GTable
from ..styles import split_cell
from ..truth import CellRef
from .content import Content, Para, TableBlock
from .grid import Slot, slots
from .places import CellTruth, DocxCell

TEMPLATE = Path(__file__).resolve().parents[2] / "data" / "originals" / \
    "template_2021_30hao_blank.docx"

# Quirks of Word files, with how often a document gets each.
DOCX_QUIRKS: dict[str, float] = {
    "split_runs": 0.6,  # a word over several <w:r> (Word's revision ids, proofing marks)
    "label_paragraphs": 0.5,  # a label over two <w:p> in its cell (商业 / 企业)
    "ideographic_blank": 0.3,  # a blank cell keeps the template's U+3000 placeholder
    "empty_paragraph_first": 0.15,  # an empty <w:p> above a value in its cell
}

_TR = re.compile(r"<w:tr[ >].*?</w:tr>", re.S)
_TC = re.compile(r"<w:tc>.*?</w:tc>", re.S)
_P = re.compile(r"<w:p[ >].*?</w:p>|<w:p/>", re.S)
_PPR = re.compile(r"<w:pPr>.*?</w:pPr>", re.S)
_RPR = re.compile(r"<w:rPr>.*?</w:rPr>", re.S)
_TCPR = re.compile(r"<w:tcPr>.*?</w:tcPr>", re.S)
_SPAN = re.compile(r'<w:gridSpan w:val="(\d+)"/>')
_VMERGE = re.compile(r'<w:vMerge(?: w:val="(\w+)")?/>')
_JC = re.compile(r'<w:jc w:val="\w+"/>')


@dataclass(frozen=True)
class _Template:
    parts: dict[str, bytes]  # every part but word/document.xml and docProps/core.xml
    head: str  # document.xml up to and including <w:body>
    tail: str  # the body's sectPr and the closing tags
    title: str  # paragraphs of the template, to take formatting from
    heading: str
    body: str
    tables: tuple[str, ...]


@lru_cache(maxsize=1)
def _template() -> _Template:
    with zipfile.ZipFile(TEMPLATE) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    doc = parts.pop("word/document.xml").decode("utf-8")
    parts.pop("docProps/core.xml")  # names the template's author: written anew
    start = doc.index("<w:body>") + len("<w:body>")
    end = doc.index("<w:sectPr")
    body = doc[start:end]
    paras = {_text(p): p for p in _P.findall(re.sub(r"<w:tbl>.*?</w:tbl>", "", body, flags=re.S))}
    tables = tuple(re.findall(r"<w:tbl>.*?</w:tbl>", body, re.S))
    assert len(tables) == 3, "the template has tables 二, 三 and 四"
    return _Template(parts, doc[:start], doc[end:], paras["政府信息公开工作年度报告格式模板"],
                     paras["一、总体情况"], paras["（文字描述）"], tables)


def _text(xml: str) -> str:
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def _ppr(paragraph: str) -> str:
    m = _PPR.search(paragraph)
    return m.group(0) if m else ""


def _rpr(paragraph: str) -> str:
    """The formatting of the paragraph's first run, or of its paragraph mark."""
    run = re.search(r"<w:r>.*?</w:r>", paragraph, re.S)
    m = _RPR.search(run.group(0) if run else _ppr(paragraph))
    return m.group(0) if m else ""


def _align(ppr: str, jc: str) -> str:
    """``ppr`` with its alignment set (``w:jc`` goes before the mark's ``w:rPr``: Word
    holds pPr children to the schema's order)."""
    mark = f'<w:jc w:val="{jc}"/>'
    if _JC.search(ppr):
        return _JC.sub(mark, ppr)
    if not ppr:
        return f"<w:pPr>{mark}</w:pPr>"
    at = ppr.find("<w:rPr>")
    at = at if at >= 0 else ppr.rindex("</w:pPr>")
    return ppr[:at] + mark + ppr[at:]


class _Writer:
    def __init__(self, rng: random.Random, quirks: frozenset[str]) -> None:
        self.rng = rng
        self.quirks = quirks
        self.used: set[str] = set()

    def runs(self, text: str, rpr: str) -> str:
        pieces = [text]
        if "split_runs" in self.quirks and len(text) >= 2 and self.rng.random() < 0.3:
            cut = self.rng.randrange(1, len(text))
            pieces = [text[:cut], text[cut:]]
            self.used.add("split_runs")
        return "".join(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(p)}</w:t></w:r>'
                       for p in pieces)

    def paragraph(self, text: str, ppr: str, rpr: str) -> str:
        return f"<w:p>{ppr}{self.runs(text, rpr) if text else ''}</w:p>"

    def cell_paragraphs(self, slot: Slot, ppr: str, rpr: str) -> tuple[list[str], int]:
        """The cell's paragraphs, and which one holds a value."""
        cell = slot.cell
        if slot.continues:
            return [self.paragraph("", ppr, rpr)], 0
        if cell.kind == "value":
            out: list[str] = []
            if cell.text and "empty_paragraph_first" in self.quirks and self.rng.random() < 0.2:
                out.append(self.paragraph("", ppr, rpr))
                self.used.add("empty_paragraph_first")
            text = cell.text
            if not text and "ideographic_blank" in self.quirks and self.rng.random() < 0.5:
                text = "\u3000"
                self.used.add("ideographic_blank")
            out.append(self.paragraph(text, ppr, rpr))
            return out, len(out) - 1
        text = cell.text
        if text and "label_paragraphs" in self.quirks and len(text) >= 4 \
                and self.rng.random() < 0.25:
            piece = split_cell(text, self.rng)
            if piece:
                self.used.add("label_paragraphs")
                return [self.paragraph(p, ppr, rpr) for p in piece], 0
        return [self.paragraph(text, ppr, rpr)], 0


def _filled(template: str, table: GTable, writer: _Writer, number: int,
            places: dict[CellRef, CellTruth]) -> str:
    """The template's table with the report's text in its cells (same structure)."""
    grid = slots(table)
    rows = _TR.findall(template)
    if len(rows) != len(grid):
        raise ValueError(f"{table.id}: {len(grid)} rows, the template has {len(rows)}")
    out_rows = []
    for r, (row_xml, row_slots) in enumerate(zip(rows, grid, strict=True), 1):
        tcs = _TC.findall(row_xml)
        if len(tcs) != len(row_slots):
            raise ValueError(f"{table.id} row {r}: {len(row_slots)} cells, template {len(tcs)}")
        new_tcs = []
        for c, (tc, slot) in enumerate(zip(tcs, row_slots, strict=True), 1):
            tcpr = _TCPR.search(tc).group(0)  # type: ignore[union-attr]
            span = _SPAN.search(tcpr)
            merge = _VMERGE.search(tcpr)
            if (int(span.group(1)) if span else 1) != slot.colspan or \
                    (merge is not None) != (slot.continues or slot.restarts) or \
                    (merge is not None and (merge.group(1) == "restart") != slot.restarts):
                raise ValueError(f"{table.id} row {r} cell {c}: merges differ from the template")
            first = _P.findall(tc)[0]
            ppr, rpr = _ppr(first), _rpr(first) or _CELL_RPR
            new_tcs.append(_tc(tcpr, slot, ppr, rpr, writer, (number, r, c), places))
        head = row_xml[:row_xml.index("<w:tc>")]
        out_rows.append(head + "".join(new_tcs) + "</w:tr>")
    start = template[:template.index(rows[0])]
    return start + "".join(out_rows) + "</w:tbl>"


_CELL_RPR = ('<w:rPr><w:rFonts w:hint="eastAsia" w:ascii="宋体" w:hAnsi="宋体" '
             'w:eastAsia="宋体" w:cs="宋体"/><w:kern w:val="0"/><w:sz w:val="20"/>'
             '<w:szCs w:val="20"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar"/></w:rPr>')
_BORDERS = ('<w:tcBorders><w:top w:val="single" w:color="auto" w:sz="8" w:space="0"/>'
            '<w:left w:val="single" w:color="auto" w:sz="8" w:space="0"/>'
            '<w:bottom w:val="single" w:color="auto" w:sz="8" w:space="0"/>'
            '<w:right w:val="single" w:color="auto" w:sz="8" w:space="0"/></w:tcBorders>')


def _tc(tcpr: str, slot: Slot, ppr: str, rpr: str, writer: _Writer,
        where: tuple[int, int, int], places: dict[CellRef, CellTruth]) -> str:
    jc = "left" if slot.cell.kind == "label" and slot.colspan < 4 else "center"
    paragraphs, at = writer.cell_paragraphs(slot, _align(ppr, jc), rpr)
    ref = slot.cell.ref
    if ref is not None:
        places[ref] = CellTruth(slot.cell.text, DocxCell(*where, at, slot.col + 1))
    return f"<w:tc>{tcpr}{''.join(paragraphs)}</w:tc>"


def _built(like: str, table: GTable, writer: _Writer, number: int,
           places: dict[CellRef, CellTruth]) -> str:
    """A table of the template's make (table properties, grid, cell formatting)
    with the rows of ``table`` (template 2019, whose rows differ)."""
    start = like[:like.index("</w:tblGrid>") + len("</w:tblGrid>")]
    widths = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', start)]
    if len(widths) != table.width:
        raise ValueError(f"{table.id}: {table.width} columns, the template has {len(widths)}")
    first_row = _TR.findall(like)[1]
    first_tc = _TC.findall(first_row)[0]
    para = _P.findall(first_tc)[0]
    ppr, rpr = _ppr(para), _rpr(para) or _CELL_RPR
    tr_head = re.sub(r' w14:paraId="\w+"', "", first_row[:first_row.index("<w:tc>")])
    rows = []
    for r, row_slots in enumerate(slots(table), 1):
        tcs = []
        for c, slot in enumerate(row_slots, 1):
            width = sum(widths[slot.col:slot.col + slot.colspan])
            tcpr = f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>'
            if slot.colspan > 1:
                tcpr += f'<w:gridSpan w:val="{slot.colspan}"/>'
            if slot.restarts:
                tcpr += '<w:vMerge w:val="restart"/>'
            elif slot.continues:
                tcpr += '<w:vMerge w:val="continue"/>'
            tcpr += _BORDERS + '<w:vAlign w:val="center"/></w:tcPr>'
            tcs.append(_tc(tcpr, slot, ppr, rpr, writer, (number, r, c), places))
        rows.append(tr_head + "".join(tcs) + "</w:tr>")
    return start + "".join(rows) + "</w:tbl>"


def _core(content: Content) -> bytes:
    day = content.truth.published
    stamp = f"{day.isoformat()}T09:00:00Z" if day else f"{content.truth.year + 1}-01-15T09:00:00Z"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(content.title)}</dc:title><dc:creator>Administrator</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "<cp:revision>1</cp:revision></cp:coreProperties>"
    ).encode()


def _zip(parts: dict[str, bytes]) -> bytes:
    out = BytesIO()
    order = ["[Content_Types].xml", *sorted(n for n in parts if n != "[Content_Types].xml")]
    with zipfile.ZipFile(out, "w") as z:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, parts[name])
    return out.getvalue()


def render_docx(content: Content, rng: random.Random
                ) -> tuple[bytes, dict[CellRef, CellTruth], frozenset[str]]:
    tpl = _template()
    quirks = frozenset(q for q, p in DOCX_QUIRKS.items() if rng.random() < p)
    writer = _Writer(rng, quirks)
    places: dict[CellRef, CellTruth] = {}
    title_ppr, title_rpr = _ppr(tpl.title), _rpr(tpl.title)
    head_ppr, head_rpr = _ppr(tpl.heading), _rpr(tpl.heading)
    body_ppr, body_rpr = _ppr(tpl.body), _rpr(tpl.body)
    out: list[str] = []
    blank = f"<w:p>{body_ppr}</w:p>"
    for block in content.blocks:
        if isinstance(block, TableBlock):
            like = tpl.tables[block.number - 2]
            if content.truth.template == "2021":
                out.append(_filled(like, block.table, writer, block.number - 1, places))
            else:
                out.append(_built(like, block.table, writer, block.number - 1, places))
            out.append(blank)
            continue
        assert isinstance(block, Para)
        if block.role == "title":
            out.append(writer.paragraph(block.text, title_ppr, title_rpr))
        elif block.role == "heading":
            out.append(writer.paragraph(block.text, head_ppr, head_rpr))
        elif block.role == "line":
            ppr = _align(body_ppr.replace('w:firstLine="420"', 'w:firstLine="0"'),
                         "right" if block.align == "right" else "left")
            out.append(writer.paragraph(block.text, ppr, body_rpr))
        else:
            out.append(writer.paragraph(block.text, body_ppr, body_rpr))
    document = tpl.head + "".join(out) + tpl.tail
    parts = dict(tpl.parts)
    parts["word/document.xml"] = document.encode("utf-8")
    parts["docProps/core.xml"] = _core(content)
    return _zip(parts), places, frozenset(writer.used)
