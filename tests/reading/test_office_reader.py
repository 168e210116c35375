"""Legacy Word, WPS and RTF through LibreOffice, and the clear error without it."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import pytest

from nianbao.parser.document.parse import parse_bytes
from nianbao.parser.errors import ReportError
from nianbao.parser.outputs.export import report_to_dict
from nianbao.parser.reading.documents import read_document
from nianbao.parser.reading.documents.office import find_soffice, read_office
from tests.reading.fill_template import consistent_values, exported_cells, filled_docx

SOFFICE = find_soffice()
if SOFFICE is None and os.environ.get("CI"):
    raise RuntimeError("CI must install LibreOffice: apt-get install -y libreoffice-writer-nogui")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed here")


@pytest.fixture(scope="module")
def legacy_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The filled template saved by LibreOffice as .doc and .rtf (made once)."""
    assert SOFFICE is not None
    folder = tmp_path_factory.mktemp("legacy")
    source = folder / "filled.docx"
    source.write_bytes(filled_docx(consistent_values()))
    made: dict[str, bytes] = {}
    for kind in ("doc", "rtf"):
        subprocess.run([SOFFICE, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                        "--headless", "--convert-to", kind, "--outdir", str(folder),
                        str(source)], check=True, capture_output=True, timeout=180)
        made[kind] = (folder / f"filled.{kind}").read_bytes()
    return made


def _cells_right(data: bytes, name: str) -> None:
    values = consistent_values()
    rendering = read_document(data, name)
    assert rendering is not None
    found = exported_cells(report_to_dict(parse_bytes(rendering.text.encode(), name)))
    wrong = {k: (found.get(k), v) for k, v in values.items()
             if found.get(k) is None or Decimal(str(found[k])) != v}
    assert not wrong


@needs_soffice
def test_doc_saved_by_word_97_filter_every_cell(legacy_files: dict[str, bytes]) -> None:
    data = legacy_files["doc"]
    assert data.startswith(b"\xd0\xcf\x11\xe0")
    _cells_right(data, "report.doc")
    rendering = read_document(data, "report.doc")
    assert rendering is not None and rendering.kind == "doc"
    assert any("LibreOffice" in note for note in rendering.notes)


@needs_soffice
def test_wps_named_word_file_and_rtf(legacy_files: dict[str, bytes]) -> None:
    rendering = read_document(legacy_files["doc"], "report.wps")
    assert rendering is not None and rendering.kind == "wps"
    _cells_right(legacy_files["rtf"], "report.rtf")


@needs_soffice
def test_parallel_conversions_each_with_its_own_profile(legacy_files: dict[str, bytes]) -> None:
    with ThreadPoolExecutor(2) as pool:
        texts = list(pool.map(lambda n: read_office(legacy_files["doc"], n, "doc").text,
                              ["a.doc", "b.doc"]))
    assert texts[0] == texts[1] and "行政许可\t1286" in texts[0]


@needs_soffice
def test_damaged_doc_is_a_one_line_error(tmp_path: Path) -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000
    with pytest.raises(ReportError) as caught:
        read_office(data, "broken.doc", "doc")
    message = str(caught.value)
    assert message.startswith("broken.doc: LibreOffice could not convert") and "\n" not in message


def _fake_soffice(folder: Path, script: str) -> Path:
    folder.mkdir()
    fake = folder / "soffice"
    fake.write_text("#!/bin/sh\n" + script)
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    return folder


def test_without_libreoffice_the_error_says_what_to_do(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    for kind, name in (("doc", "r.doc"), ("rtf", "r.rtf"), ("wps", "r.wps")):
        with pytest.raises(ReportError) as caught:
            read_office(b"{\\rtf1 x}", name, kind)
        message = str(caught.value)
        assert message.startswith(f"{name}: a ") and "\n" not in message
        assert "install LibreOffice or save the file as .docx" in message
    with pytest.raises(ReportError, match="install LibreOffice"):
        read_document(b"{\\rtf1\\ansi report}", "r.doc")


def test_a_conversion_that_hangs_is_ended(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # The fake starts a helper of its own, as soffice does, and never finishes.
    sleep = shutil.which("sleep")
    assert sleep is not None
    folder = _fake_soffice(tmp_path / "bin", f"{sleep} 300 &\nexec {sleep} 300\n")
    monkeypatch.setenv("PATH", str(folder))
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    with pytest.raises(ReportError, match=r"took over 1 s .*save it as \.docx"):
        read_office(b"{\\rtf1 x}", "slow.rtf", "rtf", timeout=1.0)
    assert list(temp.iterdir()) == []  # the private folder is gone


def test_a_conversion_that_fails_or_writes_nothing(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _fake_soffice(tmp_path / "bin", "echo 'Error: source file could not be loaded' >&2\n"
                                             "exit 1\n")
    monkeypatch.setenv("PATH", str(folder))
    with pytest.raises(ReportError, match="source file could not be loaded"):
        read_office(b"x", "bad.doc", "doc")
    (folder / "soffice").write_text("#!/bin/sh\nexit 0\n")
    with pytest.raises(ReportError, match="could not convert"):
        read_office(b"x", "bad.doc", "doc")
