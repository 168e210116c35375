"""Legacy Word (``.doc``), WPS (``.wps``), RTF and Word 2003 XML through LibreOffice.

``soffice --headless --convert-to docx`` turns the file into a .docx in a private
temporary folder, which :mod:`.docx` then reads. Each call has its own LibreOffice
profile (``-env:UserInstallation``) so parallel workers never share one (a shared
profile makes a second instance hand its job to the first, or fail), a timeout,
and the folder is removed whatever happens. The input file is never touched: its
bytes are copied into the folder first.

Without LibreOffice the error says what to do: install it, or save the file as
.docx. CI needs Debian's ``libreoffice-writer-nogui`` (plus ``fonts-noto-cjk`` only
for drawing, not for reading).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from nianbao.parser.i18n import N_, _

from ...errors import ReportError
from ..origin import Kind, Rendering
from .docx import read_docx

TIMEOUT_SECONDS = 120.0
_NAMES = ("soffice", "libreoffice")
_SUFFIX = {"doc": ".doc", "wps": ".wps", "rtf": ".rtf", "wordml": ".xml"}
_KIND: dict[str, Kind] = {"doc": "doc", "wps": "wps", "rtf": "rtf", "wordml": "doc"}
_LABEL = {"doc": "Word 97-2003 (.doc)", "wps": "WPS (.wps)", "rtf": "RTF",
          "wordml": "Word 2003 XML"}

REASONS: dict[str, str] = {
    "missing": N_("a {label} file: reading it needs LibreOffice (soffice), which is not "
               "installed; install LibreOffice or save the file as .docx"),
    "timeout": N_("LibreOffice took over {seconds:.0f} s to convert the {label} file; "
               "save it as .docx"),
    "failed": N_("LibreOffice could not convert the {label} file ({detail}); it may be damaged; "
              "save it as .docx"),
}


def find_soffice() -> str | None:
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def read_office(data: bytes, path: str, kind: str,
                *, timeout: float = TIMEOUT_SECONDS) -> Rendering:
    """Convert ``data`` (a ``kind`` of ``doc``, ``wps``, ``rtf`` or ``wordml`` file) to
    .docx with LibreOffice and read that."""
    label = _LABEL.get(kind, kind)
    soffice = find_soffice()
    if soffice is None:
        raise ReportError(path, _(REASONS["missing"]).format(label=label))
    converted = convert_to_docx(data, path, kind, soffice=soffice, timeout=timeout)
    rendering = read_docx(converted, path)
    return Rendering(kind=_KIND.get(kind, "doc"),
                     text=rendering.text, spans=rendering.spans,
                     encoding=rendering.encoding,
                     notes=(*rendering.notes,
                            _("converted from {label} by LibreOffice; places count in the "
                              "converted .docx").format(label=label)))


def convert_to_docx(data: bytes, path: str, kind: str, *, soffice: str,
                    timeout: float = TIMEOUT_SECONDS) -> bytes:
    label = _LABEL.get(kind, kind)
    with tempfile.TemporaryDirectory(prefix="nianbao-office-") as folder:
        work = Path(folder)
        source = work / f"input{_SUFFIX.get(kind, '.doc')}"
        source.write_bytes(data)
        out = work / "out"
        out.mkdir()
        command = [
            soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless", "--norestore", "--nolockcheck", "--nodefault",
            "--convert-to", "docx", "--outdir", str(out), str(source),
        ]
        environment = {**os.environ, "HOME": str(work)}
        try:
            process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, env=environment, cwd=work, start_new_session=True)
        except OSError as error:
            raise ReportError(path, _(REASONS["failed"]).format(
                label=label, detail=error.strerror or str(error))) from None
        try:
            _out, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            raise ReportError(path, _(REASONS["timeout"]).format(
                seconds=timeout, label=label)) from None
        finally:
            # LibreOffice may leave helpers (oosplash, soffice.bin) behind: end its group.
            _kill_group(process)
        result = out / "input.docx"
        if process.returncode != 0 or not result.is_file():
            detail = _last_line(stderr) or _("exit status {code}").format(code=process.returncode)
            raise ReportError(path, _(REASONS["failed"]).format(label=label, detail=detail))
        return result.read_bytes()


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """End the session LibreOffice was started in (its own, so only its processes)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _last_line(stderr: bytes | None) -> str:
    lines = [line for line in (stderr or b"").decode("utf-8", "replace").splitlines()
             if line.strip() and "javaldx" not in line]
    return lines[-1].strip()[:120] if lines else ""
