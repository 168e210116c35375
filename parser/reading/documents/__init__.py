"""Readers of published reports: PDF, Word, web pages; the kind told by content.

:func:`read_document` is the one entry point: it sniffs the bytes and calls the
reader of their kind. Plain text is not read here: for kind ``text`` it returns
``None`` and the caller decodes the bytes with the existing decoder (``decode.py``)
as before, so text reports take exactly the path they always took.
"""

from __future__ import annotations

from .dispatch import read_document
from .sniff import Sniffed, sniff

__all__ = ["Sniffed", "read_document", "sniff"]
