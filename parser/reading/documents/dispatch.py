"""Bytes of any kind to a :class:`Rendering`, or ``None`` for plain text."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from nianbao.parser.i18n import N_, _

from ...errors import ReportError
from ..origin import Rendering
from .sniff import sniff

PDF_UNAVAILABLE = N_("a PDF file, and this installation of nianbao has no PDF reader")
PDF_NEEDS = N_("a PDF file; reading it needs the Python package {package}, which is not installed")


def read_document(data: bytes, path: str) -> Rendering | None:
    """The rendering of a PDF, Word file or web page; ``None`` when ``data`` is plain
    text (decode it with the existing decoder). Raises :class:`ReportError` with a
    one-line reason for a kind nianbao cannot read or a file it cannot open.

    Readers are imported on the path that needs them, so reading a text file loads
    none of them.
    """
    sniffed = sniff(data, path)
    if sniffed.reason is not None:
        raise ReportError(path, sniffed.reason)
    kind = sniffed.kind
    if kind == "text":
        return None
    if kind == "pdf":
        return _read_pdf(data, path)
    if kind == "docx":
        from .docx import read_docx

        return read_docx(data, path)
    if kind in ("doc", "wps", "rtf", "wordml"):
        from .office import read_office

        return read_office(data, path, kind)
    if kind == "html":
        from .html import read_html

        return read_html(data, path)
    if kind == "mht":
        from .mhtml import read_mhtml

        return read_mhtml(data, path)
    raise ReportError(path, _("an unsupported kind of file ({kind})").format(kind=kind))


def _read_pdf(data: bytes, path: str) -> Rendering:
    """``pdf.read_pdf`` (the PDF reader beside this one), imported only for a PDF."""
    try:
        module = import_module(".pdf", __package__)
    except ModuleNotFoundError as error:
        if error.name is None or error.name.endswith(".pdf"):
            raise ReportError(path, _(PDF_UNAVAILABLE)) from None
        raise ReportError(path, _(PDF_NEEDS).format(package=error.name)) from None
    read_pdf: Callable[[bytes, str], Rendering] = module.read_pdf
    return read_pdf(data, path)
