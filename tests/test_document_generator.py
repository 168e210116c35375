"""The document generator checks itself with libraries of its own choosing, without
the parser: every generated Word file, web page, saved page and PDF opens, and the
text at each cell's recorded place is the value the truth says.

If these fail, reader scores on the generated documents mean nothing.
"""

from __future__ import annotations

import email
import hashlib
import io
import os
import re
import subprocess
import sys
from collections import Counter
from email import policy
from html.parser import HTMLParser
from pathlib import Path

import pytest

from nianbao.parser.template import APPLICATION_COLUMN_IDS, REVIEW_CELL_IDS, cell_ids
from tests.generator.check import normalise, read_number
from tests.generator.document import facts
from tests.generator.documents import KINDS, GeneratedDocument, document_corpus, generate_document
from tests.generator.documents.content import CONTENT_QUIRKS
from tests.generator.documents.docx import DOCX_QUIRKS
from tests.generator.documents.html import PLAIN_QUIRKS, WORD_QUIRKS
from tests.generator.documents.pdf import RULED_QUIRKS, UNRULED_QUIRKS
from tests.generator.truth import TABLE_IDS

ROOT = Path(__file__).resolve().parent.parent
_SPACE = re.compile(r"\s+")


def _bare(text: str) -> str:
    return _SPACE.sub("", text)


def _docs(*kinds: str) -> list[GeneratedDocument]:
    return [d for d in document_corpus() if d.kind in kinds]


# ---------------------------------------------------------------- every kind


def test_corpus_covers_every_kind_and_both_templates() -> None:
    seen = Counter((d.kind, d.truth.template) for d in document_corpus())
    assert {k for k, _ in seen} == set(KINDS)
    assert all(seen[kind, template] >= 10 for kind in KINDS for template in ("2019", "2021"))


@pytest.mark.parametrize("kind", KINDS)
def test_every_cell_has_a_place_and_its_text_reads_as_the_value(kind: str) -> None:
    for doc in _docs(kind):
        truth = doc.truth
        refs = set()
        for table in TABLE_IDS:
            assert tuple(truth.cells[table]) == cell_ids(table, truth.template)  # type: ignore[arg-type]
            refs |= {(table, cell) for cell in truth.cells[table]}
        assert set(doc.cells) == refs, doc.name
        for ref, cell in doc.cells.items():
            value = truth.value(*ref)
            if value is None:
                assert cell.text == "", (doc.name, ref)
            else:
                assert read_number(cell.text) == value, (doc.name, ref, cell.text, value)


@pytest.mark.parametrize("kind", KINDS)
def test_same_seed_same_bytes(kind: str) -> None:
    for seed in (5, 6):
        first = generate_document(seed, kind)
        again = generate_document(seed, kind)
        assert first.data == again.data
        assert first.cells == again.cells
    assert generate_document(5, kind).data != generate_document(6, kind).data


def test_same_bytes_in_another_process() -> None:
    """No hash order, clock or process state leaks into the files."""
    script = (
        "import hashlib\n"
        "from tests.generator.documents import KINDS, generate_document\n"
        "for kind in KINDS:\n"
        "    print(kind, hashlib.sha256(generate_document(11, kind).data).hexdigest())\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout
    here = "".join(f"{kind} {hashlib.sha256(generate_document(11, kind).data).hexdigest()}\n"
                   for kind in KINDS)
    assert out == here


def test_each_quirk_appears_in_the_corpus() -> None:
    seen = Counter(q for d in document_corpus() for q in d.quirks)
    drawn = {*CONTENT_QUIRKS, *DOCX_QUIRKS, *PLAIN_QUIRKS, *WORD_QUIRKS, *RULED_QUIRKS,
             *UNRULED_QUIRKS}
    made = {"span_split", "o_p_blank", "page_chrome", "beyond_gb2312", "table_across_pages",
            "no_top_rule", "span_across_pages", "span_text_across_pages", "ruled", "unruled",
            "mht_ie", "mht_blink", "mht_quoted_printable", "mht_base64", "mht_gb2312",
            "mht_utf8", "mht_extra_parts", "wrapped_cell_labels", "repeat_header",
            "three_line_rules", "page_footer"}
    missing = sorted(q for q in drawn | made if not seen[q])
    assert not missing, missing


@pytest.mark.parametrize("kind", ["docx", "html", "html_word"])
def test_narrative_states_the_tables_numbers(kind: str) -> None:
    for doc in _docs(kind)[:8]:
        flat = normalise(_plain_text(doc))
        for fact in facts(doc.truth):
            if fact.value == 0:
                continue  # "未收到…申请" / "未发生…" sentences stand for zeros
            assert f"{fact.phrase}{fact.value}件" in flat, (doc.name, fact)


def _plain_text(doc: GeneratedDocument) -> str:
    if doc.kind == "docx":
        import docx

        return "\n".join(p.text for p in docx.Document(io.BytesIO(doc.data)).paragraphs)
    assert doc.html is not None
    texts: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            texts.append(data)

    Text().feed(doc.html)
    return "".join(texts)


# ---------------------------------------------------------------- Word


def test_docx_cells_as_python_docx_reads_them() -> None:
    import docx
    from docx.table import _Cell

    for doc in _docs("docx"):
        document = docx.Document(io.BytesIO(doc.data))
        tables = document.tables
        assert len(tables) == 3, doc.name
        rows = [list(t.rows) for t in tables]
        grids: dict[tuple[int, int], list] = {}  # row.cells builds the whole grid: once a row
        for ref, cell in doc.cells.items():
            place = cell.place
            at = (place.table - 1, place.row - 1)  # type: ignore[union-attr]
            row = rows[at[0]][at[1]]
            tc = _Cell(row._tr.tc_lst[place.cell - 1], tables[at[0]])  # type: ignore[union-attr]
            paragraph = tc.paragraphs[place.paragraph].text  # type: ignore[union-attr]
            assert paragraph.strip() == cell.text, (doc.name, ref, paragraph)
            # python-docx's own view: a cell per grid column, merges repeated
            if at not in grids:
                grids[at] = row.cells
            by_grid = grids[at][place.grid_column - 1].text  # type: ignore[union-attr]
            assert by_grid.strip() == cell.text, (doc.name, ref, by_grid)


def test_docx_keeps_the_templates_merges() -> None:
    import docx
    from docx.oxml.ns import qn

    for doc in _docs("docx"):
        document = docx.Document(io.BytesIO(doc.data))
        spans = [tc.tcPr.find(qn("w:gridSpan")) for t in document.tables
                 for tc in t._tbl.iter(qn("w:tc"))]
        merges = [tc.tcPr.find(qn("w:vMerge")) for t in document.tables
                  for tc in t._tbl.iter(qn("w:tc"))]
        assert sum(s is not None for s in spans) >= 8, doc.name
        assert sum(m is not None for m in merges) >= 20, doc.name
        # Table 三's label column is one merged cell from 三、本年度办理结果 down.
        rows = document.tables[1].rows
        label = rows[5].cells[0]
        assert normalise(label.text).startswith("三、本年度办理结果"), doc.name
        assert all(r.cells[0]._tc is label._tc for r in rows[5:-1]), doc.name


# ---------------------------------------------------------------- web pages


class _Tables(HTMLParser):
    """Every <td>/<th>: its text (by start-tag place) and its grid slot in its table,
    rowspan and colspan resolved with an occupied-slot grid; nested tables kept apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[tuple[int, int], list[str]]] = []
        self.text: dict[tuple[int, int], str] = {}
        self.slot: dict[tuple[int, int], tuple[int, int, int]] = {}  # place → table, row, col
        self.tables: list[dict[str, object]] = []
        self.stack: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append({"row": -1, "taken": set()})
            self.stack.append(len(self.tables) - 1)
        elif tag == "tr" and self.stack:
            self.tables[self.stack[-1]]["row"] += 1  # type: ignore[operator]
        elif tag in ("td", "th") and self.stack:
            line, offset = self.getpos()
            place = (line, offset + 1)
            table = self.tables[self.stack[-1]]
            row: int = table["row"]  # type: ignore[assignment]
            taken: set[tuple[int, int]] = table["taken"]  # type: ignore[assignment]
            col = 0
            while (row, col) in taken:
                col += 1
            a = dict(attrs)
            for r in range(int(a.get("rowspan") or 1)):
                for c in range(int(a.get("colspan") or 1)):
                    taken.add((row + r, col + c))
            self.slot[place] = (self.stack[-1], row, col)
            self.open.append((place, []))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.open:
            place, parts = self.open.pop()
            self.text[place] = "".join(parts)
        elif tag == "table" and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.open:
            self.open[-1][1].append(data)


def _grid_column(ref: tuple[str, str]) -> int | None:
    table, cell = ref
    if table == "applications":
        return 3 + APPLICATION_COLUMN_IDS.index(cell.rpartition(".")[2])
    if table == "review_litigation":
        return REVIEW_CELL_IDS.index(cell)
    return None


def _check_page(doc: GeneratedDocument, source: str) -> None:
    parser = _Tables()
    parser.feed(source)
    parser.close()
    for ref, cell in doc.cells.items():
        place = (cell.place.line, cell.place.column)  # type: ignore[union-attr]
        assert place in parser.text, (doc.name, ref, place)
        assert parser.text[place].strip(" \t\r\n\xa0") == cell.text, (doc.name, ref)
        column = _grid_column(ref)
        if column is not None:
            assert parser.slot[place][2] == column, (doc.name, ref, parser.slot[place])


def _codec(charset: str) -> str:
    return "gb18030" if charset.lower() in ("gb2312", "gbk") else charset


def test_html_cells_found_by_html_parser() -> None:
    for doc in _docs("html", "html_word"):
        declared = re.search(rb'charset="?([\w-]+)', doc.data[:2000])
        assert declared is not None, doc.name
        source = doc.data.decode(_codec(declared.group(1).decode("ascii")))
        assert source == doc.html, doc.name
        _check_page(doc, source)


def test_word_pasted_pages_look_pasted() -> None:
    for doc in _docs("html_word"):
        assert doc.html is not None
        assert "MsoNormal" in doc.html and "<o:p>" in doc.html, doc.name
        assert "当前位置" in doc.html and "字体：[" in doc.html, doc.name
        if "one_line" in doc.quirks:
            assert "\n" not in doc.html, doc.name
            assert max(c.place.column for c in doc.cells.values()) > 5000  # type: ignore[union-attr]
        if "gb2312_declared" in doc.quirks:
            assert b"charset=gb2312" in doc.data
            with pytest.raises(UnicodeDecodeError):
                doc.data.decode("gb2312")


def test_mht_parts_and_cells() -> None:
    for doc in _docs("mht"):
        message = email.message_from_bytes(doc.data, policy=policy.default)
        assert message.get_content_type() == "multipart/related", doc.name
        parts = list(message.iter_parts())  # type: ignore[attr-defined]
        assert parts[0].get_content_type() == "text/html", doc.name
        charset = parts[0].get_content_charset() or "utf-8"
        source = parts[0].get_payload(decode=True).decode(_codec(charset))
        assert source.replace("\r\n", "\n") == (doc.html or "").replace("\r\n", "\n")
        _check_page(doc, source)


# ---------------------------------------------------------------- PDF


def _pdf_chars(doc: GeneratedDocument) -> tuple[list[list[dict]], list[list[tuple]]]:
    import pdfplumber

    chars, cells = [], []
    settings = {"snap_tolerance": 0.5, "join_tolerance": 0.5}
    with pdfplumber.open(io.BytesIO(doc.data)) as pdf:
        for page in pdf.pages:
            chars.append(list(page.chars))
            cells.append([c for t in page.find_tables(settings) for c in t.cells]
                         if doc.kind == "pdf_ruled" else [])
    return chars, cells


@pytest.mark.parametrize("kind", ["pdf_ruled", "pdf_unruled"])
def test_pdf_cells_as_pdfplumber_reads_them(kind: str) -> None:
    for doc in _docs(kind)[:12]:
        chars, found = _pdf_chars(doc)
        for ref, cell in doc.cells.items():
            place = cell.place
            x0, top, x1, bottom = place.bbox  # type: ignore[union-attr]
            inside = [c for c in chars[place.page - 1]  # type: ignore[union-attr]
                      if x0 <= (c["x0"] + c["x1"]) / 2 <= x1
                      and top <= (c["top"] + c["bottom"]) / 2 <= bottom]
            assert _bare("".join(c["text"] for c in inside)) == _bare(cell.text), (doc.name, ref)
            if cell.text:
                glyphs = [c for c in inside if c["text"].strip()]
                box = (min(c["x0"] for c in glyphs), min(c["top"] for c in glyphs),
                       max(c["x1"] for c in glyphs), max(c["bottom"] for c in glyphs))
                want = place.text_bbox  # type: ignore[union-attr]
                assert max(abs(a - b) for a, b in zip(box, want, strict=True)) < 0.3, ref
            if kind == "pdf_ruled":
                hit = any(max(abs(a - b) for a, b in zip(f, place.bbox, strict=True)) < 1.0
                          for f in found[place.page - 1])  # type: ignore[union-attr]
                # pdfplumber closes every ruled cell, except the ones whose top rule a
                # continued table lacks: that is the quirk the readers must survive.
                assert hit != place.open_top, (doc.name, ref)  # type: ignore[union-attr]


def test_pdf_text_at_each_box_with_pypdfium2() -> None:
    import pypdfium2 as pdfium

    for doc in _docs("pdf_ruled", "pdf_unruled")[::2]:
        pdf = pdfium.PdfDocument(doc.data)
        try:
            pages, heights = {}, {}
            for ref, cell in doc.cells.items():
                if not cell.text:
                    continue
                place = cell.place
                page = place.page  # type: ignore[union-attr]
                if page not in pages:
                    pages[page] = pdf[page - 1].get_textpage()
                    heights[page] = pdf[page - 1].get_height()
                height = heights[page]
                x0, top, x1, bottom = place.text_bbox  # type: ignore[union-attr]
                text = pages[page].get_text_bounded(x0 - 0.5, height - bottom - 0.5,
                                                    x1 + 0.5, height - top + 0.5)
                assert _bare(text) == _bare(cell.text), (doc.name, ref, text)
        finally:
            pdf.close()


def test_a_ruled_table_continues_after_a_footer_without_its_top_rule() -> None:
    import pdfplumber

    docs = [d for d in _docs("pdf_ruled") if {"no_top_rule", "page_footer"} <= d.quirks]
    assert docs
    doc = docs[0]
    pages = {c.place.page for c in doc.cells.values() if c.place.open_top}  # type: ignore[union-attr]
    with pdfplumber.open(io.BytesIO(doc.data)) as pdf:
        for page in pages:
            footer = pdf.pages[page - 2].extract_text().strip().splitlines()[-1]
            assert str(page - 1) in footer, footer
