"""What one PDF page holds for layout: its characters with boxes, and its ruling lines.

Everything pdfium-specific about a page lives here; the layout modules see plain
boxes measured in points from the top-left corner of the page as it is shown
(crop box and /Rotate applied), the way pdfplumber and PDF viewers measure.
The hot loops call pdfium's C functions directly: the object wrappers cost more
than the work per character.
"""

from __future__ import annotations

import ctypes
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .pdf_geometry import Char, Rule

# A path this many points thin or less is a line when it is filled (borders drawn
# as thin rectangles); a stroked segment is a line whatever its width.
THIN = 3.0
MIN_RULE = 3.0
# Bounds on hostile pages: objects visited, segments per path, form nesting.
MAX_OBJECTS = 50_000
MAX_SEGMENTS = 20_000
MAX_FORM_DEPTH = 8
# A loose box (the font's full height) this many times larger than the page's
# usual one is the font's error (seen: a 199-point box round a 9-point glyph; a
# title is three or four times the body's size) ...
LOOSE_AT_MOST = 10.0
# ... and so is a page whose usual loose box is taller than this.
PLAUSIBLE_HEIGHT = 72.0
# Unicode map errors are looked for on one character in this many.
MAP_SAMPLE = 4
# Colours at least this light (0-255 each) are paper: white cell backgrounds and
# white strokes draw nothing a reader sees.
PAPER = 235

Point = tuple[float, float]
# An affine map (a, b, c, d, e, f): x' = a*x + c*y + e, y' = b*x + d*y + f, as PDF
# writes matrices; composed by hand in the loops, where a call per point costs more.
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True, slots=True)
class PageContent:
    number: int  # counting from 1
    width: float
    height: float
    chars: tuple[Char, ...]
    rules: tuple[Rule, ...]
    images: int
    # Characters whose font has no Unicode map (their text is a guess).
    unmapped: int
    # Set when the page had more objects than are read (its rules are incomplete).
    truncated_objects: bool


def _pdfium() -> Any:
    import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

    return pdfium_c


def page_transform(cropbox: tuple[float, float, float, float],
                   rotation: int) -> tuple[Matrix, float, float]:
    """PDF user space to the shown page's top-left coordinates, and the shown size."""
    left, bottom, right, top = cropbox
    width, height = right - left, top - bottom
    if rotation == 90:  # shown turned clockwise: the PDF's left edge is on top
        return (0.0, 1.0, 1.0, 0.0, -bottom, -left), height, width
    if rotation == 180:
        return (-1.0, 0.0, 0.0, 1.0, right, -bottom), width, height
    if rotation == 270:
        return (0.0, -1.0, -1.0, 0.0, top, right), height, width
    return (1.0, 0.0, 0.0, -1.0, -left, top), width, height


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying ``inner`` first, then ``outer`` (PDF row-vector convention)."""
    a1, b1, c1, d1, e1, f1 = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


def _codes(c: Any, handle: Any, count: int) -> list[int]:
    """Every character's UTF-16 code unit, with one call for the page when pdfium's
    text lines up one unit per character (it does unless characters were left out
    or lie beyond the basic plane), else one call per character."""
    if count:
        buffer = (ctypes.c_ushort * (2 * count + 2))()
        written = int(c.FPDFText_GetText(handle, 0, count, buffer)) - 1
        if written == count:
            return list(buffer[:count])
    get_unicode = c.FPDFText_GetUnicode
    return [get_unicode(handle, index) for index in range(count)]


def read_chars(textpage: Any, transform: Matrix, limit: int) -> tuple[list[Char], int, int]:
    """(characters, about how many have no Unicode map, how many the page has).

    pdfium's generated characters (the spaces and line breaks it infers) are left
    out: lines and gaps are found from the boxes instead. White space drawn in the
    PDF is left out too, for the same reason. A character's box is its loose box
    (the font's height, so a line's characters line up), or its glyph's own box
    where the font's is implausible. Unicode map errors are counted on every
    ``MAP_SAMPLE``-th character: enough to tell a text layer of garbage.
    """
    c = _pdfium()
    handle = textpage.raw
    count = max(0, int(c.FPDFText_CountChars(handle)))
    codes = _codes(c, handle, min(count, limit))
    rect = c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    map_error = c.FPDFText_HasUnicodeMapError
    loose_box = c.FPDFText_GetLooseCharBox
    category = unicodedata.category
    found: list[tuple[str, int, float, float, float, float]] = []
    unmapped = 0
    pending_high = 0
    for index, code in enumerate(codes):
        # Generated characters are spaces and line breaks: this drops them too.
        if code <= 0x20:
            continue
        if not (0x4E00 <= code <= 0x9FFF or code < 0x7F):
            if 0xD800 <= code < 0xDC00:
                pending_high = code
                continue
            if 0xDC00 <= code < 0xE000:
                if not pending_high:
                    continue
                code = 0x10000 + ((pending_high - 0xD800) << 10) + (code - 0xDC00)
            if code > 0x10FFFF or chr(code).isspace() or category(chr(code)) in _NOT_TEXT:
                pending_high = 0
                continue
        pending_high = 0
        if not loose_box(handle, index, rect_ref):
            continue
        if not index % MAP_SAMPLE and map_error(handle, index) == 1:
            unmapped += MAP_SAMPLE
        found.append((chr(code), index, rect.left, rect.bottom, rect.right, rect.top))
    return _boxed(c, handle, found, transform), min(unmapped, len(found)), count


_NOT_TEXT = frozenset(("Cc", "Cf", "Cs", "Cn"))


def _boxed(c: Any, handle: Any, found: list[tuple[str, int, float, float, float, float]],
           transform: Matrix) -> list[Char]:
    """The characters with their boxes on the shown page; the glyph's own box where
    the loose box is far larger than the page's usual one."""
    if not found:
        return []
    heights = sorted(t - b for _, _, _, b, _, t in found)
    usual = heights[len(heights) // 2]
    limit = LOOSE_AT_MOST * usual if usual <= PLAUSIBLE_HEIGHT else 0.0
    left, right, low, high = (ctypes.c_double() for _ in range(4))
    refs = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(low), ctypes.byref(high))
    a, b, cc, d, e, f = transform
    chars: list[Char] = []
    append = chars.append
    for text, index, x0, y0, x1, y1 in found:
        if (y1 - y0 > limit or x1 - x0 > limit) and c.FPDFText_GetCharBox(handle, index, *refs):
            x0, y0, x1, y1 = left.value, low.value, right.value, high.value
        ax, ay = a * x0 + cc * y0 + e, b * x0 + d * y0 + f
        bx, by = a * x1 + cc * y1 + e, b * x1 + d * y1 + f
        if ax > bx:
            ax, bx = bx, ax
        if ay > by:
            ay, by = by, ay
        if bx > ax and by > ay:
            append(Char(text, ax, ay, bx, by))
    return chars


def _rule_from_box(x0: float, top: float, x1: float, bottom: float, into: list[Rule]) -> None:
    """A thin box (a line's extent, or a bar) as the line along its middle."""
    width, height = x1 - x0, bottom - top
    if height <= THIN and width >= max(MIN_RULE, 2 * height):
        into.append(Rule(True, (top + bottom) / 2, x0, x1))
    elif width <= THIN and height >= max(MIN_RULE, 2 * width):
        into.append(Rule(False, (x0 + x1) / 2, top, bottom))


def _stroked_rules(subpaths: list[list[Point]], into: list[Rule]) -> None:
    for points in subpaths:
        for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
            if abs(ay - by) <= 0.5 and abs(ax - bx) >= MIN_RULE:
                into.append(Rule(True, (ay + by) / 2, min(ax, bx), max(ax, bx)))
            elif abs(ax - bx) <= 0.5 and abs(ay - by) >= MIN_RULE:
                into.append(Rule(False, (ax + bx) / 2, min(ay, by), max(ay, by)))


def _filled_rules(subpaths: list[list[Point]], into: list[Rule]) -> None:
    for points in subpaths:
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        _rule_from_box(min(xs), min(ys), max(xs), max(ys), into)


class _Drawing:
    """A walk over a page's drawing objects, into forms, collecting ruling lines."""

    def __init__(self, transform: Matrix) -> None:
        self.c = _pdfium()
        self.transform = transform
        self.rules: list[Rule] = []
        self.images = 0
        self.visited = 0
        self.truncated = False
        self._ints = (ctypes.c_int(), ctypes.c_int())
        self._int_refs = tuple(ctypes.byref(v) for v in self._ints)
        self._colour = (ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint())
        self._colour_refs = tuple(ctypes.byref(v) for v in self._colour)
        self._floats = (ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float())
        self._float_refs = tuple(ctypes.byref(v) for v in self._floats)
        self._matrix = self.c.FS_MATRIX()

    def walk(self, container: Any, count: int, get: Callable[[Any, int], Any],
             parent: Matrix | None, depth: int) -> None:
        c = self.c
        get_type = c.FPDFPageObj_GetType
        path, image, form = c.FPDF_PAGEOBJ_PATH, c.FPDF_PAGEOBJ_IMAGE, c.FPDF_PAGEOBJ_FORM
        allowed = MAX_OBJECTS - self.visited
        if count > allowed:
            count = max(allowed, 0)
            self.truncated = True
        self.visited += count
        for index in range(count):
            obj = get(container, index)
            if not obj:
                continue
            kind = get_type(obj)
            if kind == path:
                self._path(obj, parent)
            elif kind == image:
                self.images += 1
            elif kind == form and depth < MAX_FORM_DEPTH:
                own = self._own_matrix(obj)
                matrix = own if parent is None else _compose(own, parent)
                self.walk(obj, int(c.FPDFFormObj_CountObjects(obj)), c.FPDFFormObj_GetObject,
                          matrix, depth + 1)

    def _own_matrix(self, obj: Any) -> Matrix:
        m = self._matrix
        if not self.c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
            return IDENTITY
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def _visible(self, obj: Any, getter: Any) -> bool:
        r, g, b, a = self._colour
        if not getter(obj, *self._colour_refs):
            return True
        if a.value == 0:
            return False
        return not (r.value >= PAPER and g.value >= PAPER and b.value >= PAPER)

    def _path(self, obj: Any, parent: Matrix | None) -> None:
        c = self.c
        fill, stroke = self._ints
        if not c.FPDFPath_GetDrawMode(obj, *self._int_refs):
            return
        stroked = bool(stroke.value) and self._visible(obj, c.FPDFPageObj_GetStrokeColor)
        filled = (fill.value != c.FPDF_FILLMODE_NONE
                  and self._visible(obj, c.FPDFPageObj_GetFillColor))
        if not (stroked or filled):
            return
        if parent is None and c.FPDFPageObj_GetBounds(obj, *self._float_refs):
            # Most table lines are single segments or thin bars: their bounds say all.
            left, bottom, right, top = (v.value for v in self._floats)
            if min(right - left, top - bottom) <= THIN:
                a, b, cc, d, e, f = self.transform
                ax, ay = a * left + cc * bottom + e, b * left + d * bottom + f
                bx, by = a * right + cc * top + e, b * right + d * top + f
                _rule_from_box(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by), self.rules)
                return
        own = self._own_matrix(obj)
        inner = own if parent is None else _compose(own, parent)
        subpaths = self._subpaths(obj, _compose(inner, self.transform))
        if subpaths is None:
            return
        if stroked:
            _stroked_rules(subpaths, self.rules)
        else:
            _filled_rules(subpaths, self.rules)

    def _subpaths(self, path: Any, matrix: Matrix) -> list[list[Point]] | None:
        """The path's straight-edged subpaths as points on the shown page (``matrix``
        maps path space there); closed ones repeat their first point. ``None`` for a
        path too large to read."""
        c = self.c
        count = int(c.FPDFPath_CountSegments(path))
        if count <= 0 or count > MAX_SEGMENTS:
            return None
        a, b, cc, d, e, f = matrix
        x, y = self._floats[0], self._floats[1]
        xr, yr = self._float_refs[0], self._float_refs[1]
        moveto, lineto = c.FPDF_SEGMENT_MOVETO, c.FPDF_SEGMENT_LINETO
        out: list[list[Point]] = []
        current: list[Point] = []
        for index in range(count):
            segment = c.FPDFPath_GetPathSegment(path, index)
            if not segment or not c.FPDFPathSegment_GetPoint(segment, xr, yr):
                continue
            kind = c.FPDFPathSegment_GetType(segment)
            point = (a * x.value + cc * y.value + e, b * x.value + d * y.value + f)
            if kind == moveto or kind != lineto or not current:
                # A move, or a curve: what follows is not a straight edge of this subpath.
                if len(current) > 1:
                    out.append(current)
                current = [point]
            else:
                current.append(point)
            if c.FPDFPathSegment_GetClose(segment):
                current.append(current[0])
        if len(current) > 1:
            out.append(current)
        return out


def read_drawing(page: Any, transform: Matrix) -> _Drawing:
    drawing = _Drawing(transform)
    c = drawing.c
    handle = page.raw
    drawing.walk(handle, max(0, int(c.FPDFPage_CountObjects(handle))), c.FPDFPage_GetObject,
                 None, 0)
    return drawing


def read_page(page: Any, number: int, char_limit: int) -> tuple[PageContent, int]:
    """The page's content, and how many characters pdfium counted on it."""
    transform, width, height = page_transform(page.get_cropbox(), page.get_rotation())
    textpage = page.get_textpage()
    try:
        chars, unmapped, counted = read_chars(textpage, transform, char_limit)
    finally:
        textpage.close()
    drawing = read_drawing(page, transform)
    content = PageContent(number=number, width=width, height=height, chars=tuple(chars),
                          rules=tuple(drawing.rules), images=drawing.images, unmapped=unmapped,
                          truncated_objects=drawing.truncated)
    return content, counted
