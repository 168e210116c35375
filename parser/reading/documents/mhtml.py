"""Single-file web pages (``.mht``/``.mhtml``, Word's "single file web page").

The stdlib ``email`` parser opens the MIME message; its web page is the
``multipart/related`` root named by the ``start`` parameter, or else the first
``text/html`` part. Its transfer encoding (quoted-printable, base64) is undone and
its charset (often GB2312, read as GB18030) applied, then the page is read by
:mod:`.html`.

Places are :class:`~..origin.HtmlPlace` into that HTML part *as decoded* (after
quoted-printable or base64 and the charset), not into the ``.mht`` file itself:
quoted-printable soft line breaks make the file's own lines meaningless to a
reader, and the decoded page is what a browser's "view source" shows.
"""

from __future__ import annotations

import base64
import binascii
import email
import email.policy
import re
from email.message import Message

from nianbao.parser.i18n import N_, _

from ...errors import ReportError
from ..origin import Rendering
from .html import MAX_HTML_BYTES, declared_charset, read_html

_WHITE = re.compile(r"\s+")
_NOT_BASE64 = re.compile(r"[^A-Za-z0-9+/=]")

REASONS: dict[str, str] = {
    "too_big": N_("the MHT file is {size:.0f} MB, over the {limit:.0f} MB limit"),
    "no_html": N_("the MHT file holds no web page (no text/html part)"),
    "broken": N_("the MHT file is damaged: its web page part cannot be decoded"),
}


def read_mhtml(data: bytes, path: str) -> Rendering:
    if len(data) > MAX_HTML_BYTES:
        raise ReportError(path, _(REASONS["too_big"]).format(
            size=len(data) / 1e6, limit=MAX_HTML_BYTES / 1e6))
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    part = _page_part(message)
    if part is None:
        raise ReportError(path, _(REASONS["no_html"]))
    payload, skipped = _payload(part)
    if not payload.strip():
        raise ReportError(path, _(REASONS["broken"]))
    notes: list[str] = []
    if skipped:
        notes.append(_("{n} characters that are not base64 were skipped in the MHT file's web "
                       "page part").format(n=skipped))
    defects = [type(defect).__name__ for item in message.walk() for defect in item.defects]
    if defects:
        notes.append(_("the MHT file is malformed ({defects})").format(
            defects=", ".join(sorted(set(defects))[:3])))
    rendering = read_html(payload, path, charset=_charset(part), kind="mht")
    return Rendering(kind=rendering.kind, text=rendering.text, spans=rendering.spans,
                     encoding=rendering.encoding, notes=(*rendering.notes, *notes))


def _payload(part: Message) -> tuple[bytes, int]:
    """The part's bytes, and how many characters of a base64 body were not base64.

    ``email`` hands back a base64 body it cannot decode as it is, base64 text and
    all; here the characters outside the alphabet are skipped (and counted), so a
    damaged line costs its own bytes, not the page.
    """
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if encoding != "base64":
        try:
            payload = part.get_payload(decode=True)
        except (ValueError, TypeError, LookupError):
            return b"", 0
        return (payload, 0) if isinstance(payload, bytes) else (b"", 0)
    body = part.get_payload(decode=False)
    text = body if isinstance(body, str) else ""
    compact = _WHITE.sub("", text)
    clean = _NOT_BASE64.sub("", compact).rstrip("=").replace("=", "")
    skipped = len(compact) - len(_NOT_BASE64.sub("", compact))
    clean = clean[: len(clean) - len(clean) % 4] if len(clean) % 4 == 1 else clean
    try:
        return base64.b64decode(clean + "=" * (-len(clean) % 4)), skipped
    except (binascii.Error, ValueError):
        return b"", skipped


def _page_part(message: Message) -> Message | None:
    start = (message.get_param("start") or "") if message.is_multipart() else ""
    start_id = str(start).strip("<>") if start else ""
    first_html: Message | None = None
    for part in message.walk():
        if part.is_multipart():
            continue
        if start_id and str(part.get("Content-ID", "")).strip().strip("<>") == start_id:
            return part
        if first_html is None and part.get_content_type() == "text/html":
            first_html = part
    return first_html


def _charset(part: Message) -> str | None:
    name = part.get_content_charset()
    if not name:
        return None
    # The same names and GB18030 rule as a page's own <meta charset>.
    return declared_charset(f'<meta charset="{name}">'.encode("ascii", errors="replace"))
