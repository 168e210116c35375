"""The cache of read originals: keyed by content and version, checked when read back,
bounded in size, never in the way of a read; and the pools spread PDFs over the cores.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from nianbao.parser.core.check import check_file
from nianbao.parser.core.files import read_cost
from nianbao.parser.errors import ReportError
from nianbao.parser.reading import cache
from nianbao.parser.reading.documents.dispatch import read_document
from nianbao.parser.reading.origin import DocxPlace, HtmlPlace, PdfPlace, Rendering, Span
from tests.conftest import ROOT
from tests.generator.documents import generate_document

PDF = ROOT / "tests" / "data" / "originals" / "hongze_2023.pdf"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The cache on, in a folder of this test's own."""
    monkeypatch.delenv(cache.ENV_NO_CACHE, raising=False)
    monkeypatch.setenv("NIANBAO_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _entries(folder: Path) -> list[Path]:
    return sorted((folder / cache.FOLDER).glob(f"*/*{cache._SUFFIX}"))


def _counting(reader: Callable[[bytes, str], Rendering]) -> tuple[list[str], Callable[
        [bytes, str], Rendering]]:
    calls: list[str] = []

    def read(data: bytes, path: str) -> Rendering:
        calls.append(path)
        return reader(data, path)

    return calls, read


def _read(data: bytes, path: str) -> Rendering:
    rendering = read_document(data, path)
    assert rendering is not None
    return rendering


@pytest.mark.parametrize("kind", ["pdf_ruled", "docx", "html_word"])
def test_a_kept_rendering_is_the_rendering(kind: str, folder: Path) -> None:
    doc = generate_document(901, kind)
    calls, read = _counting(_read)
    first = cache.cached_read(doc.data, "a", kind[:4].rstrip("_"), read)
    second = cache.cached_read(doc.data, "b", kind[:4].rstrip("_"), read)
    assert calls == ["a"]  # the second came from the folder
    assert second == first and second.spans == first.spans and second.notes == first.notes
    assert len(_entries(folder)) == 1


def test_the_core_gives_the_same_findings_from_the_cache(folder: Path) -> None:
    cold = check_file(PDF)
    assert len(_entries(folder)) == 1
    warm = check_file(PDF)
    assert [(f.code, f.start, f.message) for f in warm.findings] == \
        [(f.code, f.start, f.message) for f in cold.findings]
    assert warm.report is not None and cold.report is not None
    assert warm.report.rendering == cold.report.rendering


def test_a_text_file_is_never_cached(folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("一、总体情况\n", encoding="utf-8")
    check_file(path)
    assert not (folder / cache.FOLDER).exists()


def test_another_version_or_other_bytes_miss(folder: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    doc = generate_document(902, "docx")
    calls, read = _counting(_read)
    cache.cached_read(doc.data, "a", "docx", read)
    cache.cached_read(doc.data + b"\0", "b", "docx", read)  # other bytes
    monkeypatch.setattr(cache, "_stamp", "another-version")
    cache.cached_read(doc.data, "c", "docx", read)
    assert calls == ["a", "b", "c"]


def test_the_stamp_follows_the_readers_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_stamp", None)
    before = cache.stamp()
    reader = Path(cache.__file__).parent / "documents" / "sniff.py"
    info = reader.stat()
    try:
        os.utime(reader, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
        monkeypatch.setattr(cache, "_stamp", None)
        assert cache.stamp() != before
    finally:
        os.utime(reader, ns=(info.st_atime_ns, info.st_mtime_ns))


def test_a_damaged_or_forged_entry_is_a_miss_and_is_dropped(folder: Path) -> None:
    doc = generate_document(903, "html")
    calls, read = _counting(_read)
    cache.cached_read(doc.data, "a", "html", read)
    [entry] = _entries(folder)
    forged = {"format": cache.FORMAT, "kind": "html", "text": "x", "encoding": None,
              "notes": [], "spans": [[0, 5, "h", 1, 1]]}  # a span past the text
    for content in (b"not zlib", zlib.compress(b"[1, 2]"),
                    zlib.compress(json.dumps(forged).encode())):
        entry.write_bytes(content)
        again = cache.cached_read(doc.data, "b", "html", read)
        assert again == _read(doc.data, "x")
    assert calls == ["a", "b", "b", "b"]


def test_places_of_every_kind_come_back_typed() -> None:
    rendering = Rendering("pdf", "abcdef", (
        Span(0, 1, PdfPlace(4, (1.5, 2.0, 3.25, 4.0))), Span(1, 2, DocxPlace(3, 7, 2, 0)),
        Span(2, 3, DocxPlace(None, None, None, 5)), Span(3, 4, HtmlPlace(1, 5130))),
        encoding="utf-8", notes=("a note",))
    encoded = json.loads(json.dumps(cache._encode(rendering)))
    assert cache._decode(encoded) == rendering


def test_a_refusal_from_the_bytes_is_kept_one_from_the_machine_is_not(
        folder: Path) -> None:
    calls: list[str] = []

    def refuse(reason: str) -> Callable[[bytes, str], Rendering]:
        def read(data: bytes, path: str) -> Rendering:
            calls.append(path)
            raise ReportError(path, reason)
        return read

    damaged = refuse("the PDF is damaged and cannot be read (its structure is broken)")
    for name in ("a.pdf", "b.pdf"):
        with pytest.raises(ReportError) as caught:
            cache.cached_read(b"%PDF-1.4 damaged", name, "pdf", damaged)
        assert str(caught.value) == f"{name}: the PDF is damaged and cannot be read " \
                                    "(its structure is broken)"
    assert calls == ["a.pdf"]
    missing = refuse("reading PDF files needs pypdfium2 (pip install pypdfium2)")
    slow = refuse("LibreOffice took over 120 s to convert the .doc file")
    for name in ("c", "d"):
        with pytest.raises(ReportError):
            cache.cached_read(b"%PDF-1.4 other", name, "pdf", missing)
        with pytest.raises(ReportError):
            cache.cached_read(b"\xd0\xcf\x11\xe0 doc", name, "doc", slow)
    assert calls == ["a.pdf", "c", "c", "d", "d"]


def test_the_folder_is_kept_under_its_limit_dropping_the_least_used(folder: Path) -> None:
    docs = [generate_document(910 + n, "html") for n in range(6)]
    for number, doc in enumerate(docs):
        cache.cached_read(doc.data, str(number), "html", _read)
        for entry in _entries(folder):  # an order of use the test can tell
            if entry.name.startswith(cache.hashlib.sha256(doc.data).hexdigest()):
                os.utime(entry, ns=(number * 10**9, number * 10**9))
    sizes = [entry.stat().st_size for entry in _entries(folder)]
    limit = sum(sizes) - 1
    dropped = cache.prune(folder / cache.FOLDER, limit)
    left = _entries(folder)
    assert dropped >= 1 and sum(e.stat().st_size for e in left) <= limit * 0.8
    newest = cache.hashlib.sha256(docs[-1].data).hexdigest()
    oldest = cache.hashlib.sha256(docs[0].data).hexdigest()
    assert any(e.name.startswith(newest) for e in left)
    assert not any(e.name.startswith(oldest) for e in left)


def test_a_folder_that_cannot_be_written_only_costs_a_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.delenv(cache.ENV_NO_CACHE, raising=False)
    monkeypatch.setenv("NIANBAO_CACHE_DIR", str(blocker / "cache"))  # under a file
    doc = generate_document(904, "docx")
    assert cache.cached_read(doc.data, "a", "docx", _read) == _read(doc.data, "a")


def test_off_when_asked(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV_NO_CACHE, "1")
    check_file(PDF)
    assert _entries(folder) == []


def test_pdfs_repay_the_pool_sooner_than_text_files() -> None:
    from nianbao.tui.pool import POOL_MIN_FILES, pool_size

    assert read_cost("a.PDF") > read_cost("a.html") > read_cost("a.txt") == 1
    assert read_cost("a.doc") >= read_cost("a.pdf") >= read_cost("a.docx")
    pdfs = [f"{n}.pdf" for n in range(4)]
    cost = sum(read_cost(p) for p in pdfs)
    assert pool_size(2, len(pdfs), cost) == 2
    assert pool_size(2, len(pdfs)) == 0  # text files: too few
    assert pool_size(2, 1, 10_000) == 0  # one file: nothing to spread
    assert len(pdfs) < POOL_MIN_FILES


def test_a_few_pdfs_are_checked_on_worker_processes(tmp_path: Path) -> None:
    from nianbao.parser.core.pool import map_paths

    paths = []
    for number in range(3):
        doc = generate_document(920 + number, "pdf_ruled")
        path = tmp_path / f"{number}.pdf"
        path.write_bytes(doc.data)
        paths.append(str(path))
    pids = list(map_paths(_pid_of, paths, jobs=2))
    assert os.getpid() not in pids


def _pid_of(path: str) -> int:
    return os.getpid()
