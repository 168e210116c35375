"""Read originals kept in the user's cache folder, so a folder opened again is instant.

A PDF costs 50–500 ms to read and a .doc a LibreOffice run of over a second;
reopening a folder of them must not pay that again. What a reader made of a file
(its :class:`Rendering`, or its one-line refusal when that follows from the bytes
alone) is kept under ``cache_dir()/renderings/`` (:mod:`nianbao.parser.userdirs`),
keyed by the SHA-256 of the bytes and a *stamp*: nianbao's version, this format's
number, the readers' own source files (size and time, so an edited checkout never
reads an old rendering) and whether the optional pdfplumber is there (it changes
what a PDF reads as).

Entries are compressed JSON — never pickle: the folder is only a cache, and what
is read back from it is checked field by field; a damaged or foreign entry is a
miss. The folder is kept under :data:`MAX_BYTES` by dropping the entries used
least recently. Anything that goes wrong with the folder (read-only home, full
disk, a race with another process) only means reading the file again: the cache
never makes a read fail. ``NIANBAO_NO_CACHE`` (any value) turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import zlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, cast, get_args

from nianbao.parser.errors import ReportError
from nianbao.parser.reading.origin import (
    DocxPlace,
    HtmlPlace,
    Kind,
    PdfPlace,
    Place,
    Rendering,
    Span,
)
from nianbao.parser.userdirs import cache_dir

ENV_NO_CACHE = "NIANBAO_NO_CACHE"
FORMAT = 1
FOLDER = "renderings"
# The whole cache folder; the entries used least recently go first beyond it.
MAX_BYTES = 256 * 2**20
# Pruned down to this share of MAX_BYTES, so that it is not pruned at every write.
_LOW_WATER = 0.8
# A rendering longer than this is not kept (a 50 MB web page): one entry must not
# push out hundreds of reports.
MAX_ENTRY_CHARS = 8_000_000
_SUFFIX = ".json.z"

_KINDS: frozenset[str] = frozenset(get_args(Kind))
# Refusals that follow from the bytes alone (a password, damage, a scan) are kept for
# these kinds; not a missing library ("… needs pypdfium2"), and nothing LibreOffice
# said: installing a program, or a slow moment, must be able to change the answer.
_REFUSALS_KEPT: frozenset[str] = frozenset({"pdf", "docx", "html", "mht"})
_ENVIRONMENTAL = ("needs", "pip install", "not installed")

_stamp: str | None = None


def enabled(env: Mapping[str, str] | None = None) -> bool:
    return not (os.environ if env is None else env).get(ENV_NO_CACHE)


def stamp() -> str:
    """What a kept rendering was made by; any change makes every entry a miss."""
    global _stamp
    if _stamp is None:
        from importlib.metadata import PackageNotFoundError, version
        from importlib.util import find_spec

        try:
            installed = version("nianbao")
        except PackageNotFoundError:
            installed = "0+unknown"
        readers = Path(__file__).resolve().parent / "documents"
        sources = sorted(readers.glob("*.py"))
        parts = [installed, str(FORMAT), str(find_spec("pdfplumber") is not None)]
        for source in sources:
            try:
                info = source.stat()
            except OSError:
                continue
            parts.append(f"{source.name}:{info.st_size}:{info.st_mtime_ns}")
        _stamp = hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]
    return _stamp


def entry_path(data: bytes, folder: Path | None = None) -> Path:
    key = hashlib.sha256(data).hexdigest()
    base = (folder or cache_dir()) / FOLDER
    return base / key[:2] / f"{key}-{stamp()}{_SUFFIX}"


def cached_read(data: bytes, path: str, kind: str,
                read: Callable[[bytes, str], Rendering]) -> Rendering:
    """``read(data, path)`` (a reader of files of ``kind``), or what it gave for the
    same bytes before.

    Raises :class:`ReportError` as ``read`` does (a kept refusal is raised again,
    naming ``path``, the file asked for now).
    """
    if not enabled():
        return read(data, path)
    try:
        entry = entry_path(data)
    except Exception:  # noqa: BLE001 - no cache folder to be had (no home): read
        return read(data, path)
    kept = _load(entry)
    if isinstance(kept, Rendering):
        return kept
    if isinstance(kept, str):
        raise ReportError(path, kept)
    try:
        rendering = read(data, path)
    except ReportError as error:
        if kind in _REFUSALS_KEPT and not any(word in error.reason for word in _ENVIRONMENTAL):
            _store(entry, {"format": FORMAT, "error": error.reason})
        raise
    if len(rendering.text) <= MAX_ENTRY_CHARS:
        _store(entry, _encode(rendering))
    return rendering


def _load(entry: Path) -> Rendering | str | None:
    """The kept rendering, or the kept refusal's reason; None for a miss."""
    try:
        packed = entry.read_bytes()
    except OSError:
        return None
    try:
        found = json.loads(zlib.decompress(packed).decode("utf-8"))
        kept = _decode(found)
    except Exception:  # noqa: BLE001 - damaged or foreign: a miss, and gone
        _remove(entry)
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)  # used now: the last to be pruned
    return kept


def _encode(rendering: Rendering) -> dict[str, Any]:
    spans: list[list[Any]] = []
    for span in rendering.spans:
        place = span.place
        if isinstance(place, PdfPlace):
            spans.append([span.start, span.end, "p", place.page, *place.bbox])
        elif isinstance(place, DocxPlace):
            spans.append([span.start, span.end, "d", place.table, place.row, place.cell,
                          place.paragraph])
        else:
            spans.append([span.start, span.end, "h", place.line, place.column])
    return {"format": FORMAT, "kind": rendering.kind, "text": rendering.text,
            "encoding": rendering.encoding, "notes": list(rendering.notes), "spans": spans}


def _decode(found: Any) -> Rendering | str:
    if not isinstance(found, dict) or found.get("format") != FORMAT:
        raise ValueError("not an entry of this format")
    if "error" in found:
        reason = found["error"]
        if not isinstance(reason, str):
            raise ValueError("bad reason")
        return reason
    kind, text, encoding, notes = found["kind"], found["text"], found["encoding"], found["notes"]
    if kind not in _KINDS or not isinstance(text, str) or not (
            encoding is None or isinstance(encoding, str)) or not isinstance(notes, list) or \
            not all(isinstance(note, str) for note in notes):
        raise ValueError("bad fields")
    spans: list[Span] = []
    end = 0
    for item in found["spans"]:
        start, stop, tag, *rest = item
        if not (isinstance(start, int) and isinstance(stop, int) and end <= start < stop
                <= len(text)):
            raise ValueError("bad span")
        spans.append(Span(start, stop, _place(tag, rest)))
        end = stop
    return Rendering(cast(Kind, kind), text, tuple(spans), encoding, tuple(notes))


def _place(tag: str, values: list[Any]) -> Place:
    if tag == "p" and len(values) == 5 and isinstance(values[0], int) and all(
            isinstance(v, int | float) for v in values[1:]):
        x0, top, x1, bottom = (float(v) for v in values[1:])
        return PdfPlace(values[0], (x0, top, x1, bottom))
    if tag == "d" and len(values) == 4 and all(v is None or isinstance(v, int) for v in values) \
            and isinstance(values[3], int):
        return DocxPlace(values[0], values[1], values[2], values[3])
    if tag == "h" and len(values) == 2 and all(isinstance(v, int) for v in values):
        return HtmlPlace(values[0], values[1])
    raise ValueError("bad place")


def _store(entry: Path, payload: dict[str, Any]) -> None:
    try:
        packed = zlib.compress(json.dumps(payload, ensure_ascii=False,
                                          separators=(",", ":")).encode("utf-8"), 6)
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(packed)
            os.replace(temporary, entry)
        except BaseException:
            _remove(Path(temporary))
            raise
        prune(entry.parent.parent)
    except Exception:  # noqa: BLE001, S110 - a cache that cannot be written is no cache
        pass


def prune(folder: Path, limit: int = MAX_BYTES) -> int:
    """Drop the entries used least recently until ``folder`` holds at most ``limit``
    bytes (down to :data:`_LOW_WATER` of it); how many were dropped."""
    entries: list[tuple[int, int, str]] = []
    total = 0
    try:
        shards = list(os.scandir(folder))
    except OSError:
        return 0
    for shard in shards:
        if not shard.is_dir(follow_symlinks=False):
            continue
        try:
            for item in os.scandir(shard.path):
                if item.name.endswith(_SUFFIX) and item.is_file(follow_symlinks=False):
                    info = item.stat(follow_symlinks=False)
                    entries.append((info.st_mtime_ns, info.st_size, item.path))
                    total += info.st_size
        except OSError:
            continue
    if total <= limit:
        return 0
    dropped = 0
    goal = limit * _LOW_WATER
    for _, size, name in sorted(entries):
        if total <= goal:
            break
        _remove(Path(name))
        total -= size
        dropped += 1
    return dropped


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
