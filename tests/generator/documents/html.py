"""A report as a web page: a clean HTML table, or Word pasted into a CMS page.

``word=False``: a plain page, ``<table border="1">`` with ``rowspan``/``colspan`` where
the template merges cells.

``word=True``: the markup of a Word document pasted into a government CMS, as in
``tests/data/originals/shuyang_fgj_2023_table3_excerpt.html``: MsoNormal paragraphs
with mso styles, a word split over ``<span>``s, a label over two ``<p>``s,
``<o:p>&nbsp;</o:p>`` in blank cells, Word's hidden ``supportMisalignedColumns`` row,
and the site's page around the article (menus, 当前位置, 字体:[大 中 小], scripts,
sometimes a layout table). Some pages hold the whole document on one line; some
declare GB2312 while their bytes are GB18030 (characters GB2312 lacks).

The writer tracks line and column as it goes, so each value cell's ``<td`` place is
known exactly (``places.HtmlCell``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from html import escape

from ..layout import GTable
from ..styles import split_cell
from ..truth import CellRef
from .content import Content, Para, TableBlock
from .grid import Slot, slots
from .places import CellTruth, HtmlCell

PLAIN_QUIRKS: dict[str, float] = {
    "th_head": 0.4,  # header cells as <th>
    "tbody": 0.5,  # rows inside <thead>/<tbody>
    "nbsp_blank": 0.4,  # a blank cell holds &nbsp;
    "crlf": 0.3,
}
WORD_QUIRKS: dict[str, float] = {
    "one_line": 0.3,  # the whole page on one line (cells at columns in the thousands)
    "gb2312_declared": 0.4,  # declares gb2312, bytes are gb18030 with characters beyond it
    "label_two_paragraphs": 0.7,  # 商业 / 企业
    "empty_paragraph_in_cell": 0.3,  # a blank <p> above a label, as 自然人 in the excerpt
    "misaligned_columns_row": 0.4,  # <![if !supportMisalignedColumns]> row of empty cells
    "layout_table": 0.4,  # the article inside the site's own layout table
    "named_entities": 0.4,  # &ldquo; &rdquo; &mdash; instead of the characters
    "unquoted_attrs": 0.5,  # Word's own class=MsoNormal style='…'
    "split_number": 0.15,  # a number over two <span>s (typed in two sittings)
    "crlf": 0.5,
}

# Column widths of the template's grids (twips), by table number, for width attributes.
_GRIDS = {
    2: [2435] * 4,
    3: [754, 921, 3271, *[685] * 7],
    4: [649] * 7 + [650] * 8,
}


@dataclass(frozen=True)
class HtmlPage:
    data: bytes
    source: str  # the HTML as decoded
    charset: str  # the codec the bytes are in
    declared: str  # the charset the page declares
    cells: dict[CellRef, CellTruth]
    quirks: frozenset[str]


class _Source:
    """Text written piece by piece, knowing the line and column it has reached."""

    def __init__(self, newline: str, one_line: bool) -> None:
        self.parts: list[str] = []
        self.newline = newline
        self.one_line = one_line
        self.line = 1
        self.column = 1

    def write(self, text: str) -> None:
        self.parts.append(text)
        breaks = text.count("\n")
        if breaks:
            self.line += breaks
            self.column = len(text) - text.rindex("\n")
        else:
            self.column += len(text)

    def nl(self, indent: str = "") -> None:
        if not self.one_line:
            self.write(self.newline + indent)

    def here(self) -> tuple[int, int]:
        return self.line, self.column

    def text(self) -> str:
        return "".join(self.parts)


_ENTITIES = {"“": "&ldquo;", "”": "&rdquo;", "—": "&mdash;", "·": "&middot;"}


class _Writer:
    def __init__(self, rng: random.Random, quirks: frozenset[str], word: bool) -> None:
        self.rng = rng
        self.quirks = quirks
        self.word = word
        self.used: set[str] = set()
        self.src = _Source("\r\n" if "crlf" in quirks else "\n", "one_line" in quirks)

    def on(self, quirk: str, rate: float = 1.0) -> bool:
        if quirk in self.quirks and self.rng.random() < rate:
            self.used.add(quirk)
            return True
        return False

    def esc(self, text: str) -> str:
        out = escape(text, quote=False)
        if "named_entities" in self.quirks and any(ch in out for ch in _ENTITIES):
            self.used.add("named_entities")
            for ch, entity in _ENTITIES.items():
                out = out.replace(ch, entity)
        return out

    def attrs(self, pairs: list[tuple[str, str]]) -> str:
        """Attributes as Word writes them (bare or single-quoted) or as a CMS does."""
        word_style = self.word and "unquoted_attrs" in self.quirks
        out = []
        for name, value in pairs:
            if word_style and value and all(ch.isalnum() or ch in "-_.%" for ch in value):
                out.append(f"{name}={value}")
            elif word_style:
                out.append(f"{name}='{value}'")
            else:
                out.append(f'{name}="{value}"')
        return "".join(" " + a for a in out)

    # ------------------------------------------------------------ Word runs

    def spans(self, text: str, style: str, number: bool = False) -> str:
        """``text`` over one or more ``<span>``s, as Word's runs split it."""
        pieces = [text]
        if number:
            if len(text) >= 2 and text.isdigit() and self.on("split_number", 0.3):
                cut = self.rng.randrange(1, len(text))
                pieces = [text[:cut], text[cut:]]
        elif len(text) >= 2 and self.rng.random() < 0.5:
            cut = self.rng.randrange(1, len(text))
            pieces = [text[:cut], text[cut:]]
            self.used.add("span_split")
        lang = self.attrs([("lang", "EN-US")]) if number else ""
        return "".join(f"<span{lang}{self.attrs([('style', style)])}>{self.esc(p)}</span>"
                       for p in pieces)

    def word_p(self, inner: str, align: str | None, extra: str = "") -> str:
        style = (f"text-align:{align};" if align else "") + extra + "mso-pagination:widow-orphan"
        pairs = [("class", "MsoNormal")]
        if align:
            pairs.append(("align", align))
        pairs.append(("style", style))
        return f"<p{self.attrs(pairs)}>{inner}</p>"


_CELL_FONT = "font-size:10.0pt;font-family:宋体;mso-bidi-font-family:宋体;color:black;" \
    "mso-font-kerning:0pt"
_BODY_FONT = "font-size:16.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:宋体"
_HEAD_FONT = "font-size:16.0pt;font-family:黑体;mso-hansi-font-family:宋体"


def _cell_inner(w: _Writer, slot: Slot) -> str:
    cell = slot.cell
    value = cell.kind == "value"
    align = "center" if value or cell.kind == "head" or slot.colspan >= 4 else "left"
    if not w.word:
        if cell.text:
            return w.esc(cell.text)
        return "&nbsp;" if w.on("nbsp_blank", 0.7) else ""
    mark = f"<span{w.attrs([('lang', 'EN-US'), ('style', _CELL_FONT)])}><o:p>{{}}</o:p></span>"
    if not cell.text:
        w.used.add("o_p_blank")
        return w.word_p(mark.format(w.rng.choice(("&nbsp;", "&nbsp;", " "))), align)
    paragraphs: list[str] = []
    if not value and w.on("empty_paragraph_in_cell", 0.1):
        paragraphs.append(w.word_p(mark.format("&nbsp;"), align))
    pieces = (cell.text,)
    if not value and len(cell.text) >= 4 and w.on("label_two_paragraphs", 0.3):
        pieces = split_cell(cell.text, w.rng) or pieces
    for n, piece in enumerate(pieces):
        inner = w.spans(piece, _CELL_FONT, number=value)
        if n == len(pieces) - 1:
            inner += mark.format("")
        paragraphs.append(w.word_p(inner, align))
    return "".join(paragraphs)


def _table(w: _Writer, table: GTable, number: int, places: dict[CellRef, CellTruth]) -> None:
    src = w.src
    widths = [twips / 15 for twips in _GRIDS[number]]
    total = sum(widths)
    if w.word:
        style = (f"width:{total * 0.75:.1f}pt;border-collapse:collapse;border:none;"
                 "mso-border-alt:solid windowtext .5pt;mso-yfti-tbllook:1184;"
                 "mso-padding-alt:0cm 5.4pt 0cm 5.4pt")
        src.write(f"<div{w.attrs([('align', 'center')])}>")
        src.nl()
        src.write("<table" + w.attrs([("class", "MsoNormalTable"), ("border", "1"),
                                      ("cellspacing", "0"), ("cellpadding", "0"),
                                      ("width", f"{total:.0f}"), ("style", style)]) + ">")
    else:
        src.write('<table border="1" cellspacing="0" cellpadding="4">')
    grid = slots(table)
    head_rows = sum(1 for row in table.rows if row.kind == "head") if table.head else 0
    sections = not w.word and head_rows > 0 and w.on("tbody")
    for r, row_slots in enumerate(grid):
        if sections and r == 0:
            src.nl()
            src.write("<thead>")
        if sections and r == head_rows:
            src.nl()
            src.write("</thead><tbody>")
        src.nl(" ")
        if w.word:
            row_style = f"mso-yfti-irow:{r};height:20.0pt" + (";mso-yfti-firstrow:yes" if r == 0
                                                              else "")
            src.write(f"<tr{w.attrs([('style', row_style)])}>")
        else:
            src.write("<tr>")
        for slot in row_slots:
            if slot.continues:
                continue
            src.nl("  ")
            width = sum(widths[slot.col:slot.col + slot.colspan])
            tag = "td"
            if not w.word and slot.cell.kind == "head" and w.on("th_head"):
                tag = "th"
            pairs: list[tuple[str, str]] = []
            if w.word:
                pairs.append(("width", f"{width:.0f}"))
            if slot.colspan > 1:
                pairs.append(("colspan", str(slot.colspan)))
            if slot.rowspan > 1:
                pairs.append(("rowspan", str(slot.rowspan)))
            if w.word:
                pairs += [("valign", "center"), ("style", (
                    f"width:{width * 0.75:.1f}pt;border:solid windowtext 1.0pt;"
                    "mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt;"
                    "height:20.0pt"))]
            if slot.cell.ref is not None:
                line, column = src.here()
                places[slot.cell.ref] = CellTruth(slot.cell.text, HtmlCell(line, column))
            src.write(f"<{tag}{w.attrs(pairs)}>")
            if w.word:
                src.nl("  ")
            src.write(_cell_inner(w, slot))
            if w.word:
                src.nl("  ")
            src.write(f"</{tag}>")
        src.nl(" ")
        src.write("</tr>")
    if w.word and w.on("misaligned_columns_row"):
        src.nl(" ")
        src.write("<![if !supportMisalignedColumns]>")
        src.nl(" ")
        src.write("<tr height=0>" if "unquoted_attrs" in w.quirks else '<tr height="0">')
        for width in widths:
            src.write(f"<td{w.attrs([('width', f'{width:.0f}'), ('style', 'border:none')])}>"
                      "</td>")
        src.write("</tr>")
        src.nl(" ")
        src.write("<![endif]>")
    if sections:
        src.nl()
        src.write("</tbody>")
    src.nl()
    src.write("</table>")
    if w.word:
        src.nl()
        src.write("</div>")


def _paragraph(w: _Writer, para: Para) -> None:
    src = w.src
    src.nl()
    if not w.word:
        if para.role == "title":
            src.write(f"<h1>{w.esc(para.text)}</h1>")
        elif para.role == "heading":
            src.write(f"<h2>{w.esc(para.text)}</h2>")
        elif para.align == "right":
            src.write(f'<p style="text-align:right">{w.esc(para.text)}</p>')
        else:
            src.write(f"<p>{w.esc(para.text)}</p>")
        return
    if para.role == "title":
        inner = f"<b>{w.spans(para.text, 'font-size:22.0pt;font-family:方正小标宋简体')}</b>"
        src.write(w.word_p(inner, "center", "line-height:28.0pt;mso-line-height-rule:exactly;"))
    elif para.role == "heading":
        src.write(w.word_p(w.spans(para.text, _HEAD_FONT), None,
                           "text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt;"))
    elif para.align == "right":
        src.write(w.word_p(w.spans(para.text, _BODY_FONT), "right", "line-height:28.0pt;"))
    else:
        src.write(w.word_p(w.spans(para.text, _BODY_FONT), None,
                           "text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt;"))


def _chrome_top(w: _Writer, content: Content, declared: str) -> None:
    src = w.src
    truth = content.truth
    title = content.title or f"{truth.agency.title_name}{truth.year}年政府信息公开工作年度报告"
    site = truth.agency.names[-1]
    nbsp = "\xa0" if "gb2312_declared" in w.quirks else "&nbsp;"  # GB2312 has no U+00A0
    for piece in (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:o="urn:schemas-microsoft-com:office:'
        'office">',
        "<head>",
        f'<meta http-equiv="Content-Type" content="text/html; charset={declared}" />',
        f'<meta name="ArticleTitle" content="{escape(title)}" />',
        *([f'<meta name="PubDate" content="{truth.published.isoformat()} 09:00" />']
          if truth.published else []),
        f"<title>{w.esc(title)}_{w.esc(site)}</title>",
        '<link href="/css/style.css" rel="stylesheet" type="text/css" />',
        '<script type="text/javascript" src="/js/jquery.min.js"></script>',
        "<style>p.MsoNormal{margin:0cm;text-align:justify;font-size:10.5pt;"
        "font-family:Calibri}</style>",
        "</head>",
        "<body>",
    ):
        src.write(piece)
        src.nl()
    if w.on("layout_table"):
        src.write('<table width="1000" border="0" cellspacing="0" cellpadding="0" '
                  'align="center"><tr><td class="main">')
        src.nl()
    src.write(f'<div class="header"><div class="logo"><img src="/images/logo.png" '
              f'alt="{escape(site)}" /></div><ul class="nav"><li><a href="/">首页</a></li>'
              '<li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li>'
              '<li><a href="/bsfw/">办事服务</a></li></ul></div>')
    src.nl()
    src.write('<div class="location">当前位置：<a href="/">首页</a> &gt; '
              '<a href="/xxgk/">政府信息公开</a> &gt; <a href="/xxgk/ndbg/">政府信息公开年报</a>'
              "</div>")
    src.nl()
    stamp = f"发布时间：{truth.published.isoformat()}{nbsp}{nbsp}" if truth.published else ""
    src.write(f'<div class="article"><h1 class="title">{w.esc(title)}</h1>')
    src.nl()
    src.write(f'<div class="info">{stamp}来源：{w.esc(truth.agency.department)}{nbsp}{nbsp}'
              '浏览次数：<span id="hits"></span>'
              f'{nbsp}{nbsp}字体：[<a href="javascript:doZoom(18)">大</a> '
              '<a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>]'
              "</div>")
    src.nl()
    src.write('<div id="zoom" class="TRS_Editor">')


def _chrome_bottom(w: _Writer, content: Content) -> None:
    src = w.src
    src.nl()
    src.write("</div>")
    src.nl()
    src.write('<div class="share">扫一扫在手机打开当前页 【<a href="javascript:window.print()">'
              '打印本页</a>】 【<a href="javascript:window.close()">关闭窗口</a>】</div></div>')
    src.nl()
    src.write(f'<div class="footer">主办：{w.esc(content.truth.agency.names[-1])} '
              "联系电话：0631-8480818</div>")
    if "layout_table" in w.used:
        src.nl()
        src.write("</td></tr></table>")
    src.nl()
    # Scripts hold markup-like text the page's own reader must not take for tags.
    src.write("<script type=\"text/javascript\">function doZoom(size){var z=document."
              "getElementById('zoom');if(z && size > 0){z.style.fontSize=size+'px';}}"
              "var _hmt=_hmt||[];if(1<2){document.getElementById('hits').innerHTML="
              "'<b>'+(128)+'</b>';}</script>")
    src.nl()
    src.write("</body>")
    src.nl()
    src.write("</html>")
    src.nl()


def render_html(content: Content, rng: random.Random, *, word: bool,
                gb2312: bool | None = None, crlf: bool | None = None) -> HtmlPage:
    """The page; ``gb2312`` and ``crlf`` force those choices (a saved page's wrapper
    decides them) instead of drawing them."""
    table = WORD_QUIRKS if word else PLAIN_QUIRKS
    drawn = {q for q, p in table.items() if rng.random() < p}
    for quirk, forced in (("gb2312_declared", gb2312), ("crlf", crlf)):
        if forced is not None:
            drawn = drawn | {quirk} if forced else drawn - {quirk}
    if not word:
        drawn -= {"gb2312_declared"}
    quirks = frozenset(drawn)
    w = _Writer(rng, quirks, word)
    for q in ("one_line", "crlf", "unquoted_attrs"):
        if q in quirks:
            w.used.add(q)
    if "one_line" in quirks:
        w.used.discard("crlf")
    places: dict[CellRef, CellTruth] = {}
    declared = charset = "utf-8"
    if word:
        if "gb2312_declared" in quirks:
            declared, charset = "gb2312", "gb18030"
            w.used.add("gb2312_declared")
        w.used.add("page_chrome")
        _chrome_top(w, content, declared)
    else:
        title = escape(content.title)
        for piece in ("<!DOCTYPE html>", '<html lang="zh-CN">', "<head>",
                      '<meta charset="utf-8">', f"<title>{title}</title>", "</head>", "<body>"):
            w.src.write(piece)
            w.src.nl()
    for block in content.blocks:
        if isinstance(block, TableBlock):
            w.src.nl()
            _table(w, block.table, block.number, places)
        else:
            _paragraph(w, block)
    if word:
        _chrome_bottom(w, content)
    else:
        w.src.nl()
        w.src.write("</body>")
        w.src.nl()
        w.src.write("</html>")
        w.src.nl()
    source = w.src.text()
    data = source.encode(charset)
    if charset == "gb18030":
        try:
            source.encode("gb2312")
        except UnicodeEncodeError:
            w.used.add("beyond_gb2312")
    return HtmlPage(data, source, charset, declared, places, frozenset(w.used))
