"""Which files a command works on: explicit files as given, folders recursed."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from nianbao.parser.i18n import _
from nianbao.parser.reading.oserrors import os_reason

# In a folder, these are taken as reports; a file named explicitly is always taken.
# What a file is, is told later by its content (a ".doc" download is often a web
# page): the names only choose what to look at. OFD files are listed so that a folder
# of downloads says why its OFD reports are not read, rather than skipping them.
REPORT_SUFFIXES = frozenset({
    ".txt", ".text", ".md", ".markdown", ".csv", ".tsv",  # text
    ".htm", ".html", ".xhtml", ".shtml", ".mht", ".mhtml",  # web pages
    ".pdf",
    ".docx", ".docm", ".doc", ".wps", ".rtf",  # Word, WPS, RTF
    ".ofd",
})


# What reading a file costs, in text reports, told by its name (only a guess: it
# decides whether worker processes are worth starting, never how a file is read). A
# PDF or Word file takes 10–50 times a text file's time; a .doc a LibreOffice run.
_COSTS = {".pdf": 16, ".docx": 8, ".docm": 8, ".doc": 40, ".wps": 40, ".rtf": 40,
          ".htm": 2, ".html": 2, ".xhtml": 2, ".shtml": 2, ".mht": 2, ".mhtml": 2}


def read_cost(path: str | Path) -> int:
    """How many text reports reading ``path`` is worth (1 for a text file)."""
    return _COSTS.get(os.path.splitext(str(path))[1].lower(), 1)


@dataclass
class Collected:
    files: list[Path] = field(default_factory=list)
    # One-line errors for paths that could not be read at all (exit status 2).
    errors: list[str] = field(default_factory=list)


def collect(paths: list[str] | list[Path]) -> Collected:
    """Report files under ``paths`` in a stable order, and what could not be read.

    Folders are walked in sorted order without following symlinked folders, so a
    symlink loop cannot trap the walk; hidden folders are skipped.
    """
    out = Collected()
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_symlink() and not path.exists():
            out.errors.append(_("{path}: a dangling symbolic link").format(path=raw))
            continue
        if path.is_dir():
            found_here = _walk(path, out)
            if not found_here:
                kinds = ", ".join(sorted(REPORT_SUFFIXES))
                out.errors.append(_("{path}: a folder with no report files ({kinds}) in it")
                                  .format(path=raw, kinds=kinds))
            for found in found_here:
                if found not in seen:
                    seen.add(found)
                    out.files.append(found)
        elif path.is_file():
            if path not in seen:
                seen.add(path)
                out.files.append(path)
        elif path.exists():
            out.errors.append(_("{path}: not a regular file or folder").format(path=raw))
        else:
            out.errors.append(_("{path}: no such file or folder").format(path=raw))
    return out


def _walk(root: Path, out: Collected) -> list[Path]:
    # Plain strings until the end: pathlib objects for every entry of a folder of
    # thousands cost more than the listing itself.
    found: list[str] = []
    stack = [str(root)]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            out.errors.append(_("{path}: cannot list the folder ({reason})").format(
                path=folder, reason=os_reason(error)))
            continue
        subfolders: list[str] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    subfolders.append(entry.path)
                elif entry.is_file(follow_symlinks=True):
                    if _is_report_name(entry.name):
                        found.append(entry.path)
                elif entry.is_symlink() and _is_report_name(entry.name):
                    out.errors.append(
                        _("{path}: a dangling symbolic link").format(path=entry.path))
            except OSError as error:
                out.errors.append(_("{path}: {reason}").format(path=entry.path,
                                                                reason=os_reason(error)))
        stack.extend(reversed(subfolders))
    return [Path(path) for path in sorted(found, key=_posix)]


def _is_report_name(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in REPORT_SUFFIXES


def _posix(path: str) -> str:
    return path.replace(os.sep, "/") if os.sep != "/" else path
