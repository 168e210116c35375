"""Writing an output file (``export -o``, ``screenshot -o``) safely.

Outputs are written beside the target and renamed into place, so a reader never
sees half a file and an interrupted run leaves the old one; an existing file is
only replaced with ``--force``, and a report given as input is never written.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from nianbao.parser.i18n import _


def output_problem(target: Path, inputs: list[Path], *, force: bool) -> str | None:
    """Why ``target`` must not be written, as a one-line message, or None."""
    resolved = target.resolve()
    if any(resolved == p.resolve() for p in inputs):
        return _("{path}: is one of the inputs; nianbao never writes over a report").format(
            path=target)
    if target.is_dir():
        return _("{path}: is a folder; give a file name to write to").format(path=target)
    if target.exists() and not force:
        return _("{path}: already exists; add --force to overwrite it").format(path=target)
    if not target.parent.exists():
        return _("{path}: the folder {folder} does not exist").format(path=target,
                                                                      folder=target.parent)
    return None


def _mode_for(target: Path) -> int:
    """The mode a plain ``open(target, "w")`` would give: the old file's, or 0666 & ~umask."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomically(target: Path, text: str | bytes) -> None:
    """Write ``text`` (UTF-8) or bytes (a workbook) to ``target``, renamed into place."""
    mode = _mode_for(target)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8") if isinstance(text, str) else text)
        # mkstemp makes the file private (0600); an export is an ordinary file.
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
