"""The pipeline: bytes → text → sections → tables → metadata → :class:`Report`.

``parse_bytes`` either returns a report or raises
:class:`~nianbao.parser.errors.ReportError` (one line naming the file and the problem);
no other exception escapes for any input. Reading a file from disk (and its size
limit) is the core's (:mod:`nianbao.parser.core.check`).
"""

from __future__ import annotations

import hashlib

from nianbao.parser.document.meta import guess_year, read_meta
from nianbao.parser.layout.regions import detect_template, find_regions
from nianbao.parser.layout.sections import find_sections
from nianbao.parser.model.report import Report, Source, TemplateSource
from nianbao.parser.reading.lines import Line, split_lines
from nianbao.parser.reading.normalize import normalize
from nianbao.parser.reading.origin import Rendering
from nianbao.parser.reading.read import Reading, read_bytes
from nianbao.parser.tables.build import read_tables, template_of_cells


def parse_bytes(data: bytes, path: str = "<bytes>") -> Report:
    return parse_reading(read_bytes(data, path), data, path)


def parse_reading(reading: Reading, data: bytes, path: str) -> Report:
    """The report in what reading ``data`` (the bytes of ``path``) gave."""
    text = reading.text
    whole = normalize(text)
    lines = split_lines(text, whole)
    source = Source(
        path=path,
        encoding=reading.rendering.encoding or "",
        bom=reading.bom,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        lines=_physical_lines(text),
        replacements=reading.replacements,
        kind=reading.rendering.kind,
        notes=reading.rendering.notes,
    )
    rendering = reading.rendering if reading.rendering.spans else None
    report = _parse(text, lines, source, rendering)
    report.share_normalized(whole)
    return report


def _physical_lines(text: str) -> int:
    """Lines as an editor counts them (a long line the parser cut is still one)."""
    if not text:
        return 0
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    return breaks + (0 if text.endswith(("\n", "\r")) else 1)


def _parse(text: str, lines: list[Line], source: Source,
           rendering: Rendering | None) -> Report:
    layout = find_sections(lines)
    year = guess_year(lines, layout)
    regions = find_regions(lines, layout)
    # The template is decided here, once, for every later stage: from the tables' own
    # labels, else from the year, else from the cells the tables gave.
    template = detect_template(regions)
    decided_by: TemplateSource = "tables"
    if template is None and year is not None:
        template, decided_by = ("2021" if year[0] >= 2021 else "2019"), "year"
    tables = read_tables(regions, template or "2021")
    if template is None:
        template = template_of_cells(tables)
        decided_by = "cells" if template is not None else "none"
    meta = read_meta(lines, layout, template, decided_by, year)
    return Report(
        source=source,
        text=text,
        meta=meta,
        preamble_end=layout.sections[0].start if layout.sections else 0,
        sections=layout.sections,
        heading_anomalies=layout.anomalies,
        tables=tables,
        rendering=rendering,
    )
