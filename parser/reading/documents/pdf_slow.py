"""The slow path: pdfplumber's table finder, for a table the fast path cannot settle.

pdfplumber (MIT) parses the whole document again with pdfminer, about forty
times slower than the fast path, so it is imported and opened only when a table
needs it, once per document, and at most ``MAX_TABLES`` times. Without it (an
install without the ``pdf-tables`` extra) such a table is read as lines of text
and a note says how to get it rebuilt.
"""

from __future__ import annotations

import io
from typing import Any

from nianbao.parser.i18n import N_

from .pdf_geometry import Box
from .pdf_grid import Lattice, cells_from_boxes

MAX_TABLES = 20
# How far around the unsettled table's box the finder looks.
MARGIN = 4.0

NOTE_MISSING = (N_("a table could be rebuilt better with pdfplumber installed "
                "(pip install 'nianbao[pdf-tables]')"))


def _overlap(a: Box, b: Box) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return max(0.0, width) * max(0.0, height)


class SlowPath:
    """Callable as :data:`.pdf_layout.SlowPath`."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pdf: Any = None
        self.asked = 0
        self.missing = False

    def __call__(self, page: int, box: Box) -> Lattice | None:
        self.asked += 1
        if self.missing or self.asked > MAX_TABLES:
            return None
        try:
            return self._find(page, box)
        except ImportError:
            self.missing = True
            return None
        except Exception:  # pdfminer on a damaged file: the fast path's fallback stands
            return None

    def _find(self, page: int, box: Box) -> Lattice | None:
        if self._pdf is None:
            import pdfplumber

            self._pdf = pdfplumber.open(io.BytesIO(self._data))
        plumber_page = self._pdf.pages[page - 1]
        x0, top, x1, bottom = plumber_page.bbox
        area = (max(x0, box[0] - MARGIN), max(top, box[1] - MARGIN),
                min(x1, box[2] + MARGIN), min(bottom, box[3] + MARGIN))
        tables = plumber_page.crop(area).find_tables()
        if not tables:
            return None
        best = max(tables, key=lambda t: _overlap(t.bbox, box))
        if _overlap(best.bbox, box) <= 0:
            return None
        return cells_from_boxes([tuple(cell) for cell in best.cells])

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None
