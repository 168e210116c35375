"""A report as a saved web page (.mht): the page's HTML wrapped as MIME
multipart/related, the way Internet Explorer / Word ("Single File Web Page") and
Chromium ("Saved by Blink") write it.

Variants: the HTML part in quoted-printable or base64; a GB2312-declared page (its
bytes GB18030, the part's ``charset="gb2312"``) or a UTF-8 one; the page's
stylesheet and logo as further parts. The cell places are those of the HTML part as
decoded (transfer encoding, then charset), which is what ``GeneratedDocument.html``
holds.
"""

from __future__ import annotations

import base64
import datetime as dt
import random

from .content import Content
from .html import HtmlPage, render_html

_GIF = "R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="  # 1×1 transparent
_CSS = "body{margin:0;font-family:\"微软雅黑\";}\r\n.article h1{font-size:22px;text-align:center;}\r\n"
_SAFE = frozenset(range(33, 127)) - {ord("=")}


def quoted_printable(data: bytes) -> bytes:
    """RFC 2045 quoted-printable with CRLF hard breaks where ``data`` has line breaks
    and soft breaks (``=`` CRLF) keeping lines within 76 characters."""
    out: list[bytes] = []
    for line in data.split(b"\n"):
        line = line.removesuffix(b"\r")
        encoded = []
        for n, byte in enumerate(line):
            trailing_space = byte in (9, 32) and n == len(line) - 1
            literal = (byte in _SAFE or byte in (9, 32)) and not trailing_space
            encoded.append(bytes([byte]) if literal else b"=%02X" % byte)
        current = b""
        pieces = []
        for token in encoded:
            if len(current) + len(token) > 75:
                pieces.append(current + b"=")
                current = b""
            current += token
        pieces.append(current)
        out.append(b"\r\n".join(pieces))
    return b"\r\n".join(out)


def _base64_lines(data: bytes) -> bytes:
    text = base64.b64encode(data)
    return b"\r\n".join(text[i:i + 76] for i in range(0, len(text), 76))


def _mime_word(text: str, charset: str) -> str:
    codec = "gb18030" if charset == "gb2312" else charset
    return f"=?{charset}?B?{base64.b64encode(text.encode(codec)).decode('ascii')}?="


def render_mht(content: Content, rng: random.Random
               ) -> tuple[HtmlPage, bytes, frozenset[str]]:
    blink = rng.random() < 0.4
    word = rng.random() < 0.8
    gb2312 = word and not blink and rng.random() < 0.6
    page = render_html(content, rng, word=word, gb2312=gb2312, crlf=True)
    base64_body = rng.random() < 0.4
    extra_parts = rng.random() < 0.6
    truth = content.truth
    day = truth.published or dt.date(truth.year + 1, 1, 15)
    date = dt.datetime(day.year, day.month, day.day, 9, rng.randrange(60), rng.randrange(60))
    stamp = date.strftime("%a, %d %b %Y %H:%M:%S +0800")
    token = "".join(rng.choice("0123456789ABCDEF") for _ in range(24))
    site = "http://www.example.gov.cn"
    location = f"{site}/xxgk/ndbg/{day.year}{day.month:02d}/t{day:%Y%m%d}_{token[:6]}.html"
    charset = page.declared
    title = content.title or "政府信息公开工作年度报告"
    if blink:
        boundary = f"----MultipartBoundary--{token}----"
        head = [
            "From: <Saved by Blink>", f"Snapshot-Content-Location: {location}",
            f"Subject: {_mime_word(title, 'utf-8')}", f"Date: {stamp}", "MIME-Version: 1.0",
            "Content-Type: multipart/related;", '\ttype="text/html";', f'\tboundary="{boundary}"',
            "", "",
        ]
        html_type = ["Content-Type: text/html", f"Content-ID: <frame-{token}@mhtml.blink>"]
    else:
        boundary = f"----=_NextPart_000_0000_{token[:8]}.{token[8:16]}"
        head = [
            "From: <Saved by Windows Internet Explorer 8>",
            f"Subject: {_mime_word(title, charset)}", f"Date: {stamp}", "MIME-Version: 1.0",
            "Content-Type: multipart/related;", '\ttype="text/html";', f'\tboundary="{boundary}"',
            "X-MimeOLE: Produced By Microsoft MimeOLE V6.1.7601.17514", "",
            "This is a multi-part message in MIME format.", "",
        ]
        html_type = ["Content-Type: text/html;", f'\tcharset="{charset}"']
    body = _base64_lines(page.data) if base64_body else quoted_printable(page.data)
    parts: list[bytes] = ["\r\n".join(head).encode("ascii")]
    parts.append("\r\n".join([
        f"--{boundary}", *html_type,
        f"Content-Transfer-Encoding: {'base64' if base64_body else 'quoted-printable'}",
        f"Content-Location: {location}", "", ""]).encode("ascii") + body + b"\r\n")
    if extra_parts:
        css = _CSS.encode("gb18030" if charset == "gb2312" else "utf-8")
        parts.append("\r\n".join([
            f"--{boundary}", "Content-Type: text/css;", f'\tcharset="{charset}"',
            "Content-Transfer-Encoding: quoted-printable",
            f"Content-Location: {site}/css/style.css", "", ""]).encode("ascii")
            + quoted_printable(css) + b"\r\n")
        parts.append("\r\n".join([
            f"--{boundary}", "Content-Type: image/gif", "Content-Transfer-Encoding: base64",
            f"Content-Location: {site}/images/logo.png", "", _GIF, ""]).encode("ascii"))
    parts.append(f"--{boundary}--\r\n".encode("ascii"))
    quirks = {"mht_blink" if blink else "mht_ie",
              "mht_base64" if base64_body else "mht_quoted_printable",
              "mht_gb2312" if charset == "gb2312" else "mht_utf8"}
    if extra_parts:
        quirks.add("mht_extra_parts")
    if not word:
        quirks.add("mht_plain_page")
    return page, b"\r\n".join(parts[:1]) + b"\r\n" + b"".join(parts[1:]), frozenset(quirks)
