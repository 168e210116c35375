"""Bytes → the text that is checked, with its map back to the original file.

This is the reading stage's one entry: every front end's bytes pass here (through
the core), and every reader of a published format plugs in here. The kind of file
is told by its content (:mod:`.documents.sniff`): a PDF, Word file or web page is
read by its reader into a :class:`Rendering` whose spans lead back to pages, cells
and tags; a plain text file is decoded (the strict cascade of :mod:`.decode`), its
text *is* the original, so its map is the identity and it has no spans.
"""

from __future__ import annotations

from dataclasses import dataclass

from nianbao.parser.reading.decode import decode
from nianbao.parser.reading.origin import Rendering


@dataclass(frozen=True, slots=True)
class Reading:
    """What reading one file gave: the rendering that is checked, and how it was decoded."""

    rendering: Rendering
    bom: bool = False
    # Characters decoding had to replace (E002).
    replacements: int = 0

    @property
    def text(self) -> str:
        return self.rendering.text


def read_bytes(data: bytes, path: str) -> Reading:
    """Read ``data`` (the bytes of ``path``); raises :class:`~nianbao.parser.errors.ReportError`
    with a one-line reason when they are not a readable report."""
    # The sniffer is light (standard library only); each reader, and the cache, is
    # imported only for a file of its kind.
    from nianbao.parser.reading.documents.sniff import sniff

    sniffed = sniff(data, path) if data else None
    if sniffed is not None and sniffed.kind != "text":
        from nianbao.parser.reading.cache import cached_read

        rendering = cached_read(data, path, sniffed.kind, _document)
        return Reading(rendering)
    decoded = decode(data, path)
    return Reading(Rendering("text", decoded.text, encoding=decoded.encoding),
                   bom=decoded.bom, replacements=decoded.replacements)


def _document(data: bytes, path: str) -> Rendering:
    """The reader of a file that is not plain text (never ``None`` for one)."""
    from nianbao.parser.reading.documents.dispatch import read_document

    rendering = read_document(data, path)
    if rendering is None:  # the dispatcher's sniff saw text after all
        decoded = decode(data, path)
        return Rendering("text", decoded.text, encoding=decoded.encoding)
    return rendering
