"""Saved web pages: the article's paragraphs and its real ``<table>`` markup.

Stdlib ``html.parser``, because ``getpos()`` gives the line and column of every
tag and text in the source. Government pages are mostly Word pasted into a CMS,
and this reader is made for what that looks like:

* a word split over ``<span>``s is joined as written; a label over two ``<p>``s in
  one cell joins without a space between two CJK characters;
* ``<o:p>&nbsp;</o:p>`` is a blank cell; ``rowspan``/``colspan`` are laid out on an
  occupied-slot grid, a merged cell written once, where it starts;
* nested tables: a row holding one is page layout, written block by block;
* scripts, styles, the ``<head>``, ``<select>`` menus and comments are dropped;
  ``<br>`` and block elements make lines.

Places are :class:`~..origin.HtmlPlace` in the decoded source (line breaks
normalised to ``\\n``, as editors count lines): a cell's or paragraph's text maps
to where its first character is written; a blank cell to its ``<td>`` tag.

Limits, so that a 50 MB page costs bounded time and memory. ``html.parser`` costs
about 10 µs a tag on the 2-core machine, whatever the bytes between tags, so tags
are what is limited: a page may have at most ``MAX_TAGS`` (counted as ``<``
characters before parsing, so a page over the limit is refused at once; a real
report page has a few thousand). It is also at most ``MAX_HTML_BYTES`` long, holds
at most ``MAX_ITEMS`` paragraphs and table cells, and its tables at most
``MAX_GRID_SLOTS`` grid slots. Over a limit the page is refused with a one-line
error. Measured on 50 MB pages: one holding a 50 MB inline image reads in 0.7 s,
one of 50 MB of text in 2 s; 50 MB of dense markup is refused at once; the
largest page accepted (200,000 tags) takes about 3.5 s.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from nianbao.parser.i18n import N_, _

from ...errors import ReportError
from ..origin import HtmlPlace, Rendering
from .layout import MAX_TABLE_DEPTH, Cell, Para, Slot, Table, Writer, wide

MAX_HTML_BYTES = 64_000_000
MAX_TAGS = 200_000
MAX_ITEMS = 400_000
MAX_GRID_SLOTS = 4_000_000
_MAX_COLSPAN = 1000  # the HTML standard's own limit
_MAX_ROWSPAN = 65534

REASONS: dict[str, str] = {
    "too_big": N_("the web page is {size:.0f} MB, over the {limit:.0f} MB limit"),
    "tags": N_("the web page has over {limit:,} tags: too large to be a report"),
    "items": N_("the web page holds over {limit:,} paragraphs and table cells: too large to be "
             "a report"),
    "grid": N_("a table of the web page spans over {limit:,} grid cells: too large to be a report"),
    "markup": N_("the web page's markup could not be read ({detail})"),
    "no_text": N_("the web page has no text"),
}

_BLOCKS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "blockquote", "hr", "section", "article", "header", "footer", "aside", "address",
    "center", "form", "fieldset", "figure", "figcaption", "main", "nav", "legend", "pre",
    "body", "html", "br", "option", "tbody", "thead", "tfoot", "caption", "colgroup",
})
# Dropped with their content. Script and style are raw text to html.parser, so they
# always end at their end tag; the others also end where a block of the page starts,
# so that one left unclosed cannot swallow the report.
_DROPPED = frozenset({"script", "style", "template", "noscript", "select", "svg", "textarea",
                      "iframe", "object", "math"})
_RAW_TEXT = frozenset({"script", "style"})
_ENDS_DROPPED = frozenset({"p", "div", "table", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5",
                           "h6", "body", "ul", "ol", "li", "pre", "section", "article",
                           "center", "main"})
_HEAD_ONLY = frozenset({"meta", "link", "title", "style", "script", "base", "noscript",
                        "template", "head", "html", "object", "!doctype"})
_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
_LEADING = re.compile(r"[ \t\n\r\f]*")


@dataclass(slots=True)
class _RawCell:
    cell: Cell
    colspan: int
    rowspan: int


@dataclass(slots=True)
class _TableBuild:
    table: Table
    rows: list[list[_RawCell]] = field(default_factory=list)
    row: list[_RawCell] | None = None
    cell: Cell | None = None


class _Reader(HTMLParser):
    def __init__(self, path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.items: list[Para | Table] = []
        self._pieces: list[str] = []
        self._first: HtmlPlace | None = None
        self._dropped: list[str] = []
        self._in_head = False
        self._pre = 0
        self._tables: list[_TableBuild] = []
        self._count = 0

    # -- where things go -------------------------------------------------------------

    def _place(self) -> HtmlPlace:
        line, offset = self.getpos()
        return HtmlPlace(line, offset + 1)

    def _counted(self) -> None:
        self._count += 1
        if self._count > MAX_ITEMS:
            raise ReportError(self.path, _(REASONS["items"]).format(limit=MAX_ITEMS))

    def _container(self) -> list[Para | Table]:
        if not self._tables:
            return self.items
        build = self._tables[-1]
        if build.cell is None:
            # Text inside a table but outside its cells: kept, in a cell of its own.
            self._open_cell(build, 1, 1)
        assert build.cell is not None
        return build.cell.items

    def _flush(self) -> None:
        if not self._pieces:
            return
        text = _collapse("".join(self._pieces))
        first = self._first
        self._pieces = []
        self._first = None
        if text and first is not None:
            self._counted()
            self._container().append(Para(text, first))

    # -- tables ----------------------------------------------------------------------

    def _open_row(self, build: _TableBuild) -> None:
        self._close_row(build)
        build.row = []
        build.rows.append(build.row)

    def _close_row(self, build: _TableBuild) -> None:
        build.cell = None
        build.row = None

    def _open_cell(self, build: _TableBuild, colspan: int, rowspan: int) -> None:
        if build.row is None:
            self._open_row(build)
        assert build.row is not None
        self._counted()
        build.cell = Cell(self._place())
        build.row.append(_RawCell(build.cell, colspan, rowspan))

    def _open_table(self) -> None:
        table = Table()
        self._container().append(table)
        self._tables.append(_TableBuild(table))

    def _close_table(self) -> None:
        build = self._tables.pop()
        build.table.rows = _grid(build.rows, self.path)

    # -- parser events ---------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._dropped:
            if tag == self._dropped[-1]:
                self._dropped.append(tag)
                return
            if self._dropped[-1] in _RAW_TEXT or tag not in _ENDS_DROPPED:
                return
            self._dropped.clear()
        if self._in_head:
            if tag in _HEAD_ONLY and tag != "html":
                if tag in _DROPPED:
                    self._dropped.append(tag)
                return
            self._in_head = False
        if tag == "head":
            self._flush()
            self._in_head = True
        elif tag in _DROPPED:
            self._flush()
            self._dropped.append(tag)
        elif tag == "title":
            self._dropped.append(tag)
        elif tag == "table":
            self._flush()
            if len(self._tables) < MAX_TABLE_DEPTH:
                self._open_table()
        elif tag in ("td", "th") and self._tables:
            self._flush()
            build = self._tables[-1]
            build.cell = None
            values = dict(attrs)
            self._open_cell(build, _span(values.get("colspan"), _MAX_COLSPAN),
                            _span(values.get("rowspan"), _MAX_ROWSPAN, zero=_MAX_ROWSPAN))
        elif tag == "tr" and self._tables:
            self._flush()
            self._open_row(self._tables[-1])
        elif tag in _BLOCKS or tag in ("td", "th", "tr"):
            self._flush()
            if tag == "pre":
                self._pre += 1
            elif tag in ("tbody", "thead", "tfoot") and self._tables:
                self._close_row(self._tables[-1])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # ``<br/>``, ``<td/>``: a start tag only (void elements have no content).
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "td", "th", "tr", "table", "p", "div"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._dropped:
            if tag == self._dropped[-1]:
                self._dropped.pop()
            return
        if tag == "head":
            self._in_head = False
        elif tag == "table":
            if self._tables:
                self._flush()
                self._close_table()
        elif tag in ("td", "th"):
            if self._tables:
                self._flush()
                self._tables[-1].cell = None
        elif tag == "tr":
            if self._tables:
                self._flush()
                self._close_row(self._tables[-1])
        elif tag in _BLOCKS:
            self._flush()
            if tag == "pre" and self._pre:
                self._pre -= 1

    def handle_data(self, data: str) -> None:
        if self._dropped or self._in_head:
            return
        if self._pre:
            self._preformatted(data)
            return
        if self._first is None:
            skipped = _LEADING.match(data)
            lead = skipped.end() if skipped else 0
            if lead == len(data):
                if self._pieces:
                    self._pieces.append(data)
                return
            self._first = self._advance(data, lead)
        self._pieces.append(data)

    def _preformatted(self, data: str) -> None:
        """``<pre>`` text: every line of it a line of the rendering."""
        line, offset = self.getpos()
        column = offset + 1
        for index, part in enumerate(data.split("\n")):
            if index:
                self._flush()
                line += 1
                column = 1
            if part.strip():
                if self._first is None:
                    lead = len(part) - len(part.lstrip())
                    self._first = HtmlPlace(line, column + lead)
                self._pieces.append(part)
            column += len(part)

    def _advance(self, data: str, count: int) -> HtmlPlace:
        """The place ``count`` characters into the current text event (all of them
        literal white space, so the source holds them as written)."""
        line, offset = self.getpos()
        prefix = data[:count]
        breaks = prefix.count("\n")
        if breaks:
            return HtmlPlace(line + breaks, count - prefix.rfind("\n"))
        return HtmlPlace(line, offset + count + 1)

    def handle_comment(self, data: str) -> None:
        pass

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        # Word's ``<![if !supportLists]>``, ``<![endif]>``, and any other ``<![…]>``:
        # skipped whole (the stdlib raises on keywords it does not know).
        end = self.rawdata.find("]>", i + 3)
        return -1 if end < 0 else end + 2

    def finish(self) -> None:
        self._flush()
        while self._tables:
            self._close_table()


def _span(value: str | None, limit: int, zero: int = 1) -> int:
    digits = re.match(r"\s*(\d+)", value or "")
    if digits is None:
        return 1
    number = int(digits.group(1)[:7])
    if number == 0:
        return zero
    return min(number, limit)


def _collapse(text: str) -> str:
    """HTML white space: a run is one space, or nothing where it breaks a line between
    two CJK characters (text wrapped in the source is one word in a browser)."""
    if "\n" not in text:
        return _WHITESPACE.sub(" ", text).strip()

    def replace(match: re.Match[str]) -> str:
        start, end = match.span()
        if ("\n" in match.group() and start > 0 and end < len(text)
                and wide(text[start - 1]) and wide(text[end])):
            return ""
        return " "

    return _WHITESPACE.sub(replace, text).strip()


def _grid(rows: list[list[_RawCell]], path: str) -> list[list[Slot]]:
    """Lay cells out on the table's grid: each cell takes the first slot its row has
    free, and covers ``colspan`` × ``rowspan`` slots (rows past the table's end are
    not made). The slots it covers stay ``None``."""
    grid: list[list[Slot]] = []
    carried: list[tuple[int, int, int]] = []  # (column, width, rows still covered)
    slots_made = 0
    for index, cells in enumerate(rows):
        rows_left = len(rows) - index
        covered: set[int] = set()
        for column, width, _cell in carried:
            covered.update(range(column, column + width))
        placed: dict[int, Cell] = {}
        column = 0
        end = 0
        for raw in cells:
            while column in covered:
                column += 1
            placed[column] = raw.cell
            rowspan = min(raw.rowspan, rows_left)
            if rowspan > 1:
                carried.append((column, raw.colspan, rowspan))
            column += raw.colspan
            end = column
        width = max([end, *(c + 1 for c in covered)]) if covered else end
        slots_made += width + len(covered)
        if slots_made > MAX_GRID_SLOTS:
            raise ReportError(path, _(REASONS["grid"]).format(limit=MAX_GRID_SLOTS))
        row: list[Slot] = [None] * width
        for column, cell in placed.items():
            row[column] = cell
        grid.append(row)
        carried = [(c, w, left - 1) for c, w, left in carried if left > 1]
    return grid


# --- charsets ---------------------------------------------------------------------

_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_GB = frozenset({"gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80", "euc-cn", "csgb2312",
                 "gb18030", "chinese", "iso-ir-58", "windows-936", "ms936"})
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def declared_charset(head: bytes) -> str | None:
    """The charset a page declares in its first 64 KB (``<meta charset>``, the
    ``http-equiv`` Content-Type, an XML declaration), as a Python codec name; GB2312
    and GBK are read as GB18030, their superset."""
    match = _META_CHARSET.search(head[:65536]) or _XML_ENCODING.search(head[:1024])
    if match is None:
        return None
    name = match.group(1).decode("ascii").strip().lower()
    if name in _GB:
        return "gb18030"
    if name == "unicode":  # Word's label for UTF-16 (little-endian)
        return "utf-16-le"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


@dataclass(frozen=True, slots=True)
class DecodedPage:
    text: str
    encoding: str
    notes: tuple[str, ...] = ()


def decode_page(data: bytes, path: str, declared: str | None = None) -> DecodedPage:
    """A page's bytes as text: BOM, then the declared charset (strictly), then the
    project's decoding cascade. ``declared`` (from a MIME part) wins over the page's."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return DecodedPage(data[len(bom):].decode(encoding, errors="replace"), encoding)
    notes: list[str] = []
    charset = declared or declared_charset(data)
    if charset is not None:
        try:
            return DecodedPage(data.decode(charset), charset)
        except LookupError:
            notes.append(_("the page declares an unknown charset ({charset}); its encoding was "
                           "detected instead").format(charset=charset))
        except UnicodeDecodeError:
            # A page saved in GBK that says UTF-8 decodes strictly in another encoding
            # of the cascade: it lied. A page cut short or with a stray byte does not;
            # it keeps its charset, the bad bytes replaced (a detector's guess would
            # turn the whole page into mojibake).
            lied = _strict_cascade(data, path)
            if lied is not None:
                return DecodedPage(lied[0], lied[1], (
                    _("the page declares {declared} but is {actual}").format(
                        declared=charset, actual=lied[1]),))
            text = data.decode(charset, errors="replace")
            return DecodedPage(text, charset, (
                _("{n} bytes that are not valid {charset} were replaced").format(
                    n=text.count(chr(0xFFFD)), charset=charset),))
    from ..decode import decode

    decoded = decode(data, path)
    if decoded.replacements:
        notes.append(_("{n} invalid bytes replaced").format(n=decoded.replacements))
    return DecodedPage(decoded.text, decoded.encoding, tuple(notes))


_STRICT_ENCODINGS = frozenset({"utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be",
                               "gb18030"})


def _strict_cascade(data: bytes, path: str) -> tuple[str, str] | None:
    """The project decoder's answer when it decoded every byte without guessing."""
    from ..decode import decode

    try:
        decoded = decode(data, path)
    except ReportError:
        return None
    if decoded.replacements or decoded.encoding not in _STRICT_ENCODINGS:
        return None
    return decoded.text, decoded.encoding


# --- the reader -------------------------------------------------------------------


def read_html(data: bytes, path: str, *, charset: str | None = None,
              kind: str = "html") -> Rendering:
    """Render a saved web page (``charset`` overrides the page's own declaration)."""
    if len(data) > MAX_HTML_BYTES:
        raise ReportError(path, _(REASONS["too_big"]).format(
            size=len(data) / 1e6, limit=MAX_HTML_BYTES / 1e6))
    page = decode_page(data, path, charset)
    return render_html(page.text, path, encoding=page.encoding, notes=page.notes, kind=kind)


def render_html(source: str, path: str, *, encoding: str | None = None,
                notes: tuple[str, ...] = (), kind: str = "html") -> Rendering:
    """Render HTML already decoded to text."""
    if source.count("<") > MAX_TAGS:
        raise ReportError(path, _(REASONS["tags"]).format(limit=MAX_TAGS))
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    reader = _Reader(path)
    try:
        reader.feed(source)
        reader.close()
    except ReportError:
        raise
    except (AssertionError, ValueError, IndexError, TypeError) as error:
        detail = (str(error) or type(error).__name__).splitlines()[0][:100]
        raise ReportError(path, _(REASONS["markup"]).format(detail=detail)) from None
    reader.finish()
    writer = Writer()
    writer.items(reader.items)
    text = writer.text
    if not text.strip():
        raise ReportError(path, _(REASONS["no_text"]))
    return Rendering(kind="mht" if kind == "mht" else "html", text=text,
                     spans=tuple(writer.spans), encoding=encoding, notes=notes)
