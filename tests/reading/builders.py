"""Small hand-made originals: OLE2 compound files, .docx zips, MIME messages."""

from __future__ import annotations

import io
import struct
import zipfile
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END, _FREE, _FAT_SECTOR, _NONE = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def ole_file(names: list[str]) -> bytes:
    """An OLE2 compound file (512-byte sectors) whose directory holds ``names`` as
    empty streams: sector 0 is the FAT, the directory's sectors follow, chained."""
    entries = ["Root Entry", *names]
    directory_sectors = (len(entries) + 3) // 4
    fat = [_FAT_SECTOR]
    for index in range(directory_sectors):
        fat.append(index + 2 if index + 1 < directory_sectors else _END)
    fat += [_FREE] * (128 - len(fat))
    header = bytearray(512)
    header[0:8] = OLE_MAGIC
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIII", header, 0x2C, 1, 1, 0, 4096, _END, 0, _END)
    struct.pack_into("<I", header, 0x48, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([_FREE] * 108))
    directory = bytearray()
    for index, name in enumerate(entries):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le")
        entry[0:len(encoded)] = encoded
        struct.pack_into("<HBB", entry, 0x40, len(encoded) + 2, 5 if index == 0 else 2, 1)
        struct.pack_into("<III", entry, 0x44, _NONE, _NONE, _NONE)
        struct.pack_into("<I", entry, 0x74, _END)
        directory += entry
    directory += b"\x00" * (directory_sectors * 512 - len(directory))
    return bytes(header) + struct.pack("<128I", *fat) + bytes(directory)


def zip_of(members: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return out.getvalue()


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def document_xml(body: str, namespace: str = W_NS) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{namespace}"><w:body>{body}</w:body></w:document>')


def docx_of(body: str, namespace: str = W_NS) -> bytes:
    """A minimal .docx whose body is ``body`` (WordprocessingML with the ``w:`` prefix)."""
    return zip_of({
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxml'
                               'formats.org/package/2006/content-types"/>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxml'
                       'formats.org/package/2006/relationships"><Relationship Id="rId1" '
                       'Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                       'relationships/officeDocument" Target="word/document.xml"/>'
                       '</Relationships>',
        "word/document.xml": document_xml(body, namespace),
    })


def p(text: str = "", *, raw: str | None = None) -> str:
    """A paragraph of one run (``raw`` is the run content as XML instead)."""
    inner = raw if raw is not None else (f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
                                         if text else "")
    return f"<w:p>{inner}</w:p>"


def tc(*paragraphs: str, span: int = 1, merge: str | None = None) -> str:
    properties = ""
    if span > 1:
        properties += f'<w:gridSpan w:val="{span}"/>'
    if merge == "restart":
        properties += '<w:vMerge w:val="restart"/>'
    elif merge == "continue":
        properties += "<w:vMerge/>"
    body = "".join(paragraphs) or "<w:p/>"
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{body}</w:tc>"


def tr(*cells: str) -> str:
    return f"<w:tr>{''.join(cells)}</w:tr>"


def tbl(*rows: str) -> str:
    return f"<w:tbl>{''.join(rows)}</w:tbl>"


def mht(html: bytes, *, charset: str, encoding: str, start: bool = False,
        extra_html: bytes | None = None) -> bytes:
    """A multipart/related MHT with ``html`` as its page, transfer-encoded with
    ``encoding`` (``quoted-printable`` or ``base64``), plus an image part."""
    from email import encoders

    message = MIMEMultipart("related")
    message["MIME-Version"] = "1.0"
    message["Subject"] = "saved page"
    parts: list[MIMEBase] = []
    if extra_html is not None:
        decoy = MIMEBase("text", "html", charset="utf-8")
        decoy.set_payload(extra_html)
        encoders.encode_base64(decoy)
        decoy["Content-ID"] = "<decoy>"
        parts.append(decoy)
    page = MIMEBase("text", "html", charset=charset)
    page.set_payload(html)
    if encoding == "base64":
        encoders.encode_base64(page)
    else:
        encoders.encode_quopri(page)
    page["Content-ID"] = "<page>"
    parts.append(page)
    image = MIMEBase("image", "png")
    image.set_payload(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    encoders.encode_base64(image)
    parts.append(image)
    for part in parts:
        message.attach(part)
    if start:
        message.set_param("start", "<page>")
    return message.as_bytes()
