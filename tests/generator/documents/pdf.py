"""A report as a PDF, laid out the way WPS and Word exports of these reports look.

reportlab (test-only) with its built-in CID font ``STSong-Light`` (no font file, the
PDF names the font and viewers substitute a Song face). The layout is done here,
point by point, so every cell's page and box are known exactly:

- A4 pages, Chinese official-document margins, narrative with a two-character
  first-line indent, a page footer (``- 2 -``) on every page;
- tables on the template's column grid (widths jittered per document), labels
  wrapped over several lines inside narrow cells, numbers centred;
- ``ruled``: every cell boxed, merged cells boxed as one; ``unruled``: the same
  layout with no lines at all, or only the three rules of a 三线表;
- a table crossing a page break: the page footer between two rows, and either the
  header rows repeated or — as in the real WPS exports — the continuation without
  its top rule; a row-spanning label (三、本年度办理结果) continues on the next page
  as an empty box, its text sometimes flowing from one page to the next.

Boxes are in points from the page's top-left corner, as pdfplumber measures.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from io import BytesIO

from ..styles import _breakable
from ..truth import CellRef
from .content import Content, Para, TableBlock
from .grid import Slot, slots
from .places import Box, CellTruth, PdfCell

PAGE_W, PAGE_H = 595.28, 841.89
FONT = "STSong-Light"
DESCENT = 0.271  # STSong-Light's descent (271/1000): glyph boxes sit this far below the baseline

# Column widths of the template's grids (twips), by table number.
_GRIDS = {
    2: [2435] * 4,
    3: [754, 921, 3271, *[685] * 7],
    4: [649] * 7 + [650] * 8,
}

RULED_QUIRKS: dict[str, float] = {
    "repeat_header": 0.3,  # header rows repeated after a page break (else: no top rule)
    "page_footer": 0.9,
}
UNRULED_QUIRKS: dict[str, float] = {
    "three_line_rules": 0.4,  # 三线表: a rule above, one under the header, one below
    "repeat_header": 0.3,
    "page_footer": 0.9,
}


def _font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def text_width(text: str, size: float) -> float:
    from reportlab.pdfbase import pdfmetrics

    return float(pdfmetrics.stringWidth(text, FONT, size))


def wrap_width(text: str, width: float, size: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width``, never inside a number or
    date (``styles._breakable``), nor before closing punctuation."""
    if not text:
        return [""]
    ok = _breakable(text)
    for i, ch in enumerate(text):
        if ch in "，。、；：）》”’！？%":
            ok[i] = False
    lines = []
    start = 0
    while start < len(text):
        end = start
        used = 0.0
        while end < len(text):
            step = text_width(text[end], size)
            if used + step > width and end > start:
                break
            used += step
            end += 1
        if end >= len(text):
            lines.append(text[start:])
            break
        cut = end
        while cut > start + 1 and not ok[cut]:
            cut -= 1
        if cut <= start + 1:
            cut = end
        lines.append(text[start:cut])
        start = cut
    return lines


@dataclass
class _Look:
    """Per-document layout choices."""

    body_size: float
    body_lead: float
    title_size: float
    table_size: float
    left: float
    right: float
    top: float
    bottom: float
    line_width: float
    pad_x: float
    pad_y: float
    min_row: float
    footer: str  # a format with {n}, or "" for none
    rules: str  # grid | none | three_line
    repeat_header: bool

    @property
    def content_width(self) -> float:
        return PAGE_W - self.left - self.right


@dataclass
class _Entry:
    """One table row placed on a page (header rows placed again after a break carry
    ``group`` > 0)."""

    row: int
    page: int
    top: float
    height: float
    group: int = 0

    @property
    def bottom(self) -> float:
        return self.top + self.height


Op = tuple[str, tuple[object, ...]]  # ("text", (x, baseline, size, text)) | ("line", …)


@dataclass
class _Writer:
    """Lays the document out into a display list per page; ``render`` draws them.
    (Tables are laid out whole before their cells are drawn, and a table may have
    moved on to the next page by then.)"""

    look: _Look
    rng: random.Random
    page: int = 1
    y: float = 0.0
    pages: list[list[Op]] = field(default_factory=lambda: [[]])
    used: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.y = self.look.top

    @property
    def limit(self) -> float:
        return PAGE_H - self.look.bottom

    def new_page(self) -> None:
        self.pages.append([])
        self.page += 1
        self.y = self.look.top

    def draw(self, text: str, x: float, baseline: float, size: float, page: int = 0) -> None:
        self.pages[(page or self.page) - 1].append(("text", (x, baseline, size, text)))

    def line(self, page: int, x0: float, y0: float, x1: float, y1: float,
             width: float | None = None) -> None:
        self.pages[page - 1].append(("line", (x0, y0, x1, y1, width or self.look.line_width)))

    def render(self, title: str, author: str) -> bytes:
        from reportlab.pdfgen.canvas import Canvas

        out = BytesIO()
        canvas = Canvas(out, pagesize=(PAGE_W, PAGE_H), invariant=1)
        canvas.setTitle(title)
        canvas.setAuthor(author)
        total = len(self.pages)
        for n, ops in enumerate(self.pages, 1):
            if self.look.footer:
                text = self.look.footer.format(n=n, total=total)
                x = (PAGE_W - text_width(text, 12.0)) / 2
                ops = [*ops, ("text", (x, PAGE_H - self.look.bottom + 36, 12.0, text))]
                self.used.add("page_footer")
            for kind, args in ops:
                if kind == "text":
                    x, baseline, size, text = args
                    canvas.setFont(FONT, size)
                    canvas.drawString(x, PAGE_H - baseline, text)
                else:
                    x0, y0, x1, y1, width = args
                    canvas.setLineWidth(width)
                    canvas.line(x0, PAGE_H - y0, x1, PAGE_H - y1)
            canvas.showPage()
        canvas.save()
        return out.getvalue()

    # ------------------------------------------------------------ paragraphs

    def paragraph(self, para: Para) -> None:
        look = self.look
        size = look.title_size if para.role == "title" else look.body_size
        lead = size * 1.45 if para.role == "title" else look.body_lead
        indent = 2 * size if para.role in ("body", "heading") else 0.0
        first = wrap_width(para.text, look.content_width - indent, size)
        lines = first[:1]
        if len(first) > 1:
            lines += wrap_width("".join(first[1:]), look.content_width, size)
        for n, text in enumerate(lines):
            if self.y + lead > self.limit:
                self.new_page()
            width = text_width(text, size)
            if para.role == "title":
                x = (PAGE_W - width) / 2
            elif para.align == "right":
                x = PAGE_W - look.right - width - 2 * size
            else:
                x = look.left + (indent if n == 0 else 0.0)
            self.draw(text, x, _baseline(self.y, lead, size), size)
            self.y += lead
        if para.role == "title":
            self.y += lead * 0.5

    # ------------------------------------------------------------ tables

    def table(self, block: TableBlock, places: dict[CellRef, CellTruth]) -> None:
        look = self.look
        rng = self.rng
        grid = slots(block.table)
        widths = [w / 20 for w in _GRIDS[block.number]]
        if block.number == 3:  # label columns vary most between reports
            widths[2] *= rng.uniform(0.7, 1.3)
            widths[0] *= rng.uniform(0.8, 1.4)
        scale = look.content_width * rng.uniform(0.94, 1.0) / sum(widths)
        widths = [w * scale for w in widths]
        xs = [look.left + (look.content_width - sum(widths)) / 2]
        for w in widths:
            xs.append(xs[-1] + w)
        size = look.table_size
        lead = size * 1.3

        def inner(slot: Slot) -> float:
            return xs[slot.col + slot.colspan] - xs[slot.col] - 2 * look.pad_x

        texts: dict[tuple[int, int], tuple[list[str], float]] = {}
        for row in grid:
            for slot in row:
                if slot.continues or not slot.cell.text:
                    continue
                if slot.cell.kind == "value":
                    fit = size
                    while text_width(slot.cell.text, fit) > inner(slot) and fit > 5:
                        fit -= 0.5
                    texts[slot.row, slot.col] = [slot.cell.text], fit
                else:
                    lines = wrap_width(slot.cell.text, inner(slot), size)
                    texts[slot.row, slot.col] = lines, size
                    if len(lines) > 1:
                        self.used.add("wrapped_cell_labels")
        heights = [look.min_row] * len(grid)
        for row in grid:
            for slot in row:
                need = len(texts.get((slot.row, slot.col), ([""], 0))[0]) * lead + 2 * look.pad_y
                if slot.rowspan == 1 and not slot.continues:
                    heights[slot.row] = max(heights[slot.row], need)
        for row in grid:
            for slot in row:
                if slot.rowspan > 1:
                    rows = range(slot.row, slot.row + slot.rowspan)
                    need = len(texts.get((slot.row, slot.col), ([""], 0))[0]) * lead \
                        + 2 * look.pad_y
                    short = need - sum(heights[r] for r in rows)
                    if short > 0:
                        for r in rows:
                            heights[r] += short / slot.rowspan
        head = len(block.table.head)
        entries: list[_Entry] = []
        self.y += look.body_lead * 0.3
        start_page = self.page
        groups = 0
        for r, height in enumerate(heights):
            if self.y + height > self.limit:
                placed = bool(entries)
                self.new_page()
                if not placed:
                    start_page = self.page
                elif look.repeat_header and head and r >= head:
                    groups += 1
                    for hr in range(head):
                        entries.append(_Entry(hr, self.page, self.y, heights[hr], groups))
                        self.y += heights[hr]
                    self.used.add("repeat_header")
            entries.append(_Entry(r, self.page, self.y, height))
            self.y += height
        if self.page > start_page:
            self.used.add("table_across_pages")
        first_on_page = {}
        for e in entries:
            first_on_page.setdefault(e.page, e)
        by_group: dict[tuple[int, int], _Entry] = {(e.group, e.row): e for e in entries}
        for e in entries:
            for slot in grid[e.row]:
                if slot.continues:
                    continue
                covered = [by_group[e.group, r] for r in range(slot.row, slot.row + slot.rowspan)]
                self._cell(slot, covered, xs, texts.get((slot.row, slot.col)), lead,
                           first_on_page, start_page, places)
        if look.rules == "three_line":
            self._three_lines(entries, xs, head)
        self.y += look.body_lead * 0.6

    def _cell(self, slot: Slot, covered: list[_Entry], xs: list[float],
              text: tuple[list[str], float] | None, lead: float,
              first_on_page: dict[int, _Entry], start_page: int,
              places: dict[CellRef, CellTruth]) -> None:
        look = self.look
        x0, x1 = xs[slot.col], xs[slot.col + slot.colspan]
        segments: list[list[_Entry]] = []
        for e in covered:
            if segments and segments[-1][0].page == e.page:
                segments[-1].append(e)
            else:
                segments.append([e])
        boxes = [(seg[0].page, seg[0].top, seg[-1].bottom, seg[0]) for seg in segments]
        open_top = False
        if look.rules == "grid":
            for n, (page, top, bottom, first) in enumerate(boxes):
                continuation = page > start_page and first_on_page[page] is first \
                    and first.group == 0
                if not (continuation and not look.repeat_header):
                    self.line(page, x0, top, x1, top)
                else:
                    self.used.add("no_top_rule")
                    open_top = open_top or n == 0
                self.line(page, x0, bottom, x1, bottom)
                self.line(page, x0, top, x0, bottom)
                self.line(page, x1, top, x1, bottom)
        if len(boxes) > 1:
            self.used.add("span_across_pages")
        text_box: Box | None = None
        if text is not None:
            lines, size = text
            center = slot.cell.kind == "value" or slot.cell.kind == "head" or slot.colspan >= 4
            # Lines go in the first box if they fit there (centred), else flow on.
            page, top, bottom, _ = boxes[0]
            fits = len(lines) * lead + 2 * look.pad_y <= bottom - top + 0.01
            at = 0
            for page, top, bottom, _ in boxes:
                room = len(lines) - at if fits else \
                    max(1, int((bottom - top - 2 * look.pad_y) / lead))
                chunk = lines[at:at + room]
                if not chunk:
                    break
                block_top = top + (bottom - top - len(chunk) * lead) / 2 if fits \
                    else top + look.pad_y
                for k, line in enumerate(chunk):
                    width = text_width(line, size)
                    x = x0 + (x1 - x0 - width) / 2 if center else x0 + look.pad_x
                    baseline = _baseline(block_top + k * lead, lead, size)
                    self.draw(line, x, baseline, size, page)
                    text_box = (x, baseline - (1 - DESCENT) * size, x + width,
                                baseline + DESCENT * size)
                at += len(chunk)
                if at >= len(lines):
                    break
                self.used.add("span_text_across_pages")
        ref = slot.cell.ref
        if ref is not None:
            page, top, bottom, _ = boxes[0]
            places[ref] = CellTruth(slot.cell.text, PdfCell(page, (x0, top, x1, bottom),
                                                             text_box, open_top))

    def _three_lines(self, entries: list[_Entry], xs: list[float], head: int) -> None:
        x0, x1 = xs[0], xs[-1]
        first, last = entries[0], entries[-1]
        heavy = self.look.line_width * 2
        self.line(first.page, x0, first.top, x1, first.top, heavy)
        under = [e for e in entries if e.group == 0 and e.row == max(head, 1) - 1]
        if under:
            self.line(under[0].page, x0, under[0].bottom, x1, under[0].bottom)
        self.line(last.page, x0, last.bottom, x1, last.bottom, heavy)
        self.used.add("three_line_rules")


def _baseline(top: float, lead: float, size: float) -> float:
    """The baseline that centres a ``size`` glyph box in a line box ``lead`` high."""
    return top + lead / 2 + (1 - 2 * DESCENT) * size / 2


def _look(rng: random.Random, ruled: bool) -> tuple[_Look, frozenset[str]]:
    table = RULED_QUIRKS if ruled else UNRULED_QUIRKS
    quirks = frozenset(q for q, p in table.items() if rng.random() < p)
    body = rng.choice((14.0, 15.0, 16.0, 16.0))
    footer = rng.choice(("- {n} -", "- {n} -", "— {n} —", "第 {n} 页 共 {total} 页"))
    rules = "grid" if ruled else ("three_line" if "three_line_rules" in quirks else "none")
    look = _Look(
        body_size=body, body_lead=body * rng.uniform(1.6, 1.85), title_size=rng.choice((18.0, 22.0)),
        table_size=rng.choice((9.0, 9.5, 10.0, 10.5)), left=rng.uniform(72, 85),
        right=rng.uniform(68, 80), top=rng.uniform(72, 105), bottom=rng.uniform(80, 100),
        line_width=rng.choice((0.5, 0.75, 1.0)), pad_x=rng.uniform(2.5, 5.0),
        pad_y=rng.uniform(2.0, 4.0), min_row=rng.uniform(16.0, 24.0),
        footer=footer if "page_footer" in quirks else "", rules=rules,
        repeat_header="repeat_header" in quirks,
    )
    return look, quirks


def render_pdf(content: Content, rng: random.Random, *, ruled: bool
               ) -> tuple[bytes, dict[CellRef, CellTruth], frozenset[str]]:
    _font()
    look, _ = _look(rng, ruled)
    writer = _Writer(look, rng)
    places: dict[CellRef, CellTruth] = {}
    for block in content.blocks:
        if isinstance(block, TableBlock):
            writer.table(block, places)
        else:
            writer.paragraph(block)
    data = writer.render(content.title, content.truth.agency.signature_name)
    writer.used.add("ruled" if ruled else "unruled")
    return data, places, frozenset(writer.used)
