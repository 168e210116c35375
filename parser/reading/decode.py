"""Bytes to text: a strict decoding cascade.

Strict decoders decide where detectors guess: BOM, strict UTF-8, UTF-16 when NUL
bytes sit at odd or even positions, strict GB18030 (a superset of GBK and
GB2312), and charset-normalizer only as a last resort, because detectors reject
GB18030 text full of Kangxi radicals.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from nianbao.parser.errors import ReportError
from nianbao.parser.i18n import _

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SAMPLE = 1 << 16


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    bom: bool
    # Characters replaced because the bytes were invalid in the chosen encoding.
    replacements: int


# What a Chinese report is made of: ASCII text, CJK ideographs and punctuation,
# full-width forms, Kangxi radicals, general punctuation, Latin-1, circled numbers.
_IMPLAUSIBLE = re.compile(
    "[^\t\r\n\x20-\x7e\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2e80-\u2fdf"
    "\u2000-\u206f\u00a0-\u00ff\u3400-\u4dbf\u2460-\u24ff\uf900-\ufaff]")
# Control bytes that text files do not hold (tab, line feed, form feed, CR and ESC do).
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))


def _plausible(text: str) -> float:
    """Share of characters a Chinese report is made of; random bytes score low."""
    sample = text[:_SAMPLE]
    if not sample:
        return 1.0
    bad = sum(1 for _ in _IMPLAUSIBLE.finditer(sample))
    return (len(sample) - bad) / len(sample)


def _looks_binary(data: bytes) -> bool:
    sample = data[:_SAMPLE]
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > 0.02


def _utf16_order(data: bytes) -> str | None:
    sample = data[: _SAMPLE & ~1]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    nul_even = sample[0::2].count(0)
    nul_odd = sample[1::2].count(0)
    if nul_odd > pairs * 0.05 and nul_even * 4 < nul_odd:
        return "utf-16-le"
    if nul_even > pairs * 0.05 and nul_odd * 4 < nul_even:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode(data: bytes, path: str = "<bytes>") -> Decoded:
    """Decode a report's bytes; raise :class:`ReportError` when they are not text."""
    if not data:
        raise ReportError(path, _("the file is empty"))
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            text = _strict(body, encoding)
            if text is not None:
                return Decoded(text, encoding, True, 0)
            text = body.decode(encoding, errors="replace")
            return Decoded(text, encoding, True, text.count("\ufffd"))

    text = _strict(data, "utf-8")
    if text is not None:
        # Control bytes are valid UTF-8; a file made of them is still not text.
        if _looks_binary(data):
            raise ReportError(path, _("not a text file (mostly control characters)"))
        return Decoded(text, "utf-8", False, 0)

    order = _utf16_order(data)
    if order is not None:
        text = _strict(data, order)
        if text is not None and _plausible(text) > 0.9:
            return Decoded(text, order, False, 0)

    if not _looks_binary(data):
        text = _strict(data, "gb18030")
        if text is not None and _plausible(text) > 0.9:
            return Decoded(text, "gb18030", False, 0)

    if len(data) % 2 == 0:
        for encoding in ("utf-16-le", "utf-16-be"):
            text = _strict(data, encoding)
            if text is not None and _plausible(text) > 0.95:
                return Decoded(text, encoding, False, 0)

    if not _looks_binary(data):
        detected = _detect(data)
        if detected is not None:
            return detected
        # Mostly UTF-8 with a few broken bytes: keep it readable and say so (E002).
        text = data.decode("utf-8", errors="replace")
        replaced = text.count("\ufffd")
        if replaced <= max(8, len(text) // 50) and _plausible(text) > 0.9:
            return Decoded(text, "utf-8", False, replaced)
    raise ReportError(path, _("not a text file (binary data or an unknown encoding)"))


def _detect(data: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 1 << 20]).best()
    if best is None or best.encoding is None:
        return None
    text = _strict(data, best.encoding)
    if text is None or _plausible(text) < 0.9:
        return None
    return Decoded(text, best.encoding, False, 0)
