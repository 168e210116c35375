"""The pipeline: bytes → text → sections → tables → metadata → :class:`Report`.

``read_report`` and ``parse_bytes`` either return a report or raise
:class:`~nianbao.parser.errors.ReportError` (one line naming the file and the problem);
no other exception escapes for any input.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from nianbao.parser.document.meta import guess_year, read_meta
from nianbao.parser.errors import ReportError
from nianbao.parser.layout.regions import detect_template, find_regions
from nianbao.parser.layout.sections import find_sections
from nianbao.parser.model.report import Report, Source
from nianbao.parser.reading.decode import decode
from nianbao.parser.reading.lines import Line, split_lines
from nianbao.parser.reading.normalize import normalize
from nianbao.parser.tables.build import read_tables

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


def read_report(path: str | Path, *, max_bytes: int | None = None) -> Report:
    """Read and parse one report file. The file is opened read-only and never changed."""
    path = Path(path)
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    try:
        if path.is_dir():
            raise ReportError(str(path), "is a folder, not a report file")
        size = path.stat().st_size
        if size > limit:
            raise ReportError(str(path), f"the file is {size / 1e6:.1f} MB, over the "
                                         f"{limit / 1e6:.0f} MB limit (--max-size)")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except ReportError:
        raise
    except OSError as error:
        raise ReportError(str(path), f"cannot read the file ({error.strerror or error})") from None
    if len(data) > limit:
        raise ReportError(str(path), f"the file is over the {limit / 1e6:.0f} MB limit (--max-size)")
    return parse_bytes(data, str(path))


def parse_bytes(data: bytes, path: str = "<bytes>") -> Report:
    decoded = decode(data, path)
    whole = normalize(decoded.text)
    lines = split_lines(decoded.text, whole)
    source = Source(
        path=path,
        encoding=decoded.encoding,
        bom=decoded.bom,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        lines=_physical_lines(decoded.text),
        replacements=decoded.replacements,
    )
    report = _parse(decoded.text, lines, source)
    report.share_normalized(whole)
    return report


def _physical_lines(text: str) -> int:
    """Lines as an editor counts them (a long line the parser cut is still one)."""
    if not text:
        return 0
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    return breaks + (0 if text.endswith(("\n", "\r")) else 1)


def _parse(text: str, lines: list[Line], source: Source) -> Report:
    layout = find_sections(lines)
    year = guess_year(lines, layout)
    regions = find_regions(lines, layout)
    template = detect_template(regions)
    template_source = "tables"
    if template is None:
        template_source = "year"
        if year is not None:
            template = "2021" if year[0] >= 2021 else "2019"
    tables = read_tables(regions, template or "2021")
    meta = read_meta(lines, layout, template, template_source, year)
    return Report(
        source=source,
        text=text,
        meta=meta,
        preamble_end=layout.sections[0].start if layout.sections else 0,
        sections=layout.sections,
        heading_anomalies=layout.anomalies,
        tables=tables,
    )
