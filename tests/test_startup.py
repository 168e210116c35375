"""Start-up stays lean: a command loads only what its job needs.

``check`` and ``export`` on a text file never load Textual (nor the TUI) or a reader
of PDF and Word files; the TUI drawing a text report loads no PDF or Word library.
Each command runs in a fresh interpreter, and the modules it loaded are listed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import seed

DOCUMENT_LIBRARIES = ("pypdfium2", "pdfplumber", "pdfminer", "docx", "lxml", "olefile",
                      "openpyxl", "PIL", "reportlab", "nianbao.parser.reading.documents.pdf",
                      "nianbao.parser.reading.documents.docx",
                      "nianbao.parser.reading.documents.html")
UI = ("textual", "nianbao.tui")

_RUN = """
import sys
from nianbao.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
sys.stdout.flush()
print("\\n@@" + " ".join(sorted(sys.modules)), file=sys.stderr)
"""


def _loaded(*argv: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", _RUN, *argv], capture_output=True, text=True)
    marker = done.stderr.rpartition("@@")[2]
    assert marker, done.stderr
    return set(marker.split())


def _among(modules: set[str], prefixes: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes))


@pytest.mark.parametrize("argv", [
    ("check", "--format", "json"), ("check",), ("export", "--format", "json"),
    ("export", "--format", "csv"),
], ids=" ".join)
def test_check_and_export_of_a_text_file_load_no_ui_and_no_document_reader(
        argv: tuple[str, ...]) -> None:
    modules = _loaded(*argv, str(seed("001")))
    assert "nianbao.parser.core.check" in modules  # the command did run
    assert _among(modules, UI) == []
    assert _among(modules, DOCUMENT_LIBRARIES) == []


def test_the_tui_on_a_text_report_loads_no_document_reader(tmp_path: Path) -> None:
    modules = _loaded("screenshot", str(seed("001")), "-o", str(tmp_path / "s.svg"))
    assert "textual" in modules
    assert _among(modules, DOCUMENT_LIBRARIES) == []
