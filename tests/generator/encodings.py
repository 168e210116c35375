"""Byte encodings and line ends a report file arrives in."""

from __future__ import annotations

import codecs

# name → (codec, BOM written before the text)
ENCODINGS: dict[str, tuple[str, bytes]] = {
    "utf-8": ("utf-8", b""),
    "utf-8-bom": ("utf-8", codecs.BOM_UTF8),
    "gb18030": ("gb18030", b""),
    "utf-16-le-bom": ("utf-16-le", codecs.BOM_UTF16_LE),
    "utf-16-be-bom": ("utf-16-be", codecs.BOM_UTF16_BE),
    "utf-16-le": ("utf-16-le", b""),
    "utf-16-be": ("utf-16-be", b""),
}
ENCODING_NAMES: tuple[str, ...] = tuple(ENCODINGS)

NEWLINES: dict[str, str] = {"lf": "\n", "crlf": "\r\n"}
NEWLINE_NAMES: tuple[str, ...] = tuple(NEWLINES)


def encode(text: str, encoding: str) -> bytes:
    codec, bom = ENCODINGS[encoding]
    return bom + text.encode(codec)


def decode_as_written(data: bytes, encoding: str) -> str:
    """Decode with the encoding we know was used (self-tests only; the parser must
    find it out by itself)."""
    codec, bom = ENCODINGS[encoding]
    assert data.startswith(bom)
    return data[len(bom):].decode(codec)
