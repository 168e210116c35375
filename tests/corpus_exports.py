"""The generated corpus parsed once per test session, shared by the tests that
compare it with its truth (``test_generated_corpus``) and check positions
(``test_positions``)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from nianbao.parser.document.parse import parse_bytes
from nianbao.parser.errors import ReportError
from nianbao.parser.outputs.export import report_to_dict
from tests.generator import GeneratedReport, corpus

Export = dict[str, Any] | str  # the export object, or the ReportError's text


@lru_cache(maxsize=1)
def exported() -> tuple[tuple[GeneratedReport, Export], ...]:
    """Each generated report with its export, exactly as a user's file would go."""
    out = []
    for report in corpus():
        try:
            out.append((report, report_to_dict(parse_bytes(report.data, report.name))))
        except ReportError as error:
            out.append((report, f"ReportError: {error}"))
    return tuple(out)
