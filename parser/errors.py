"""The one documented error of the parser: a file that cannot be read as a report."""

from __future__ import annotations


class ReportError(Exception):
    """A file that is not a readable report: empty, binary, too large, unreadable.

    ``str(error)`` is one line naming the file and what is wrong, fit to show a user,
    in the language of the moment it was raised (``reason`` may be a lazy message).
    """

    def __init__(self, path: str, reason: object) -> None:
        text = str(reason)
        super().__init__(f"{path}: {text}")
        self.path = path
        self.reason = text


class FileError(ReportError):
    """A path that could not be read at all: missing, unreadable, a folder, too large.

    Front ends tell it from a file that was read but is not a report (E001): ``check``
    exits 2 for it.
    """

