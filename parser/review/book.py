"""The review file: findings a reviewer accepted, each with a note, who and when.

It is a plain JSON file beside the reports (``nianbao-review.json``, docs/formats.md),
written by the TUI and read by ``nianbao check``; people read it, diff it and send it
along with the reports. Marks are keyed by :class:`~nianbao.parser.review.subject.Subject`,
never by line numbers, so a mark follows its finding through reformatting and edits
elsewhere and lets go of it when a number the finding rests on changes.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import ConfigDict, TypeAdapter, ValidationError

from nianbao.parser.i18n import _
from nianbao.parser.model.findings import Finding
from nianbao.parser.model.report import Frozen
from nianbao.parser.review.subject import CellValue, Facts, Subject, display_file, subject_of

REVIEW_FILE = "nianbao-review.json"
SCHEMA = "nianbao.review/1"
MAX_REVIEW_BYTES = 16 * 2**20  # a review file of a whole province is far smaller

State = Literal["accepted"]


class ReviewFileError(Exception):
    """A review file that cannot be read or written; ``str()`` is one line naming it."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class Mark(Frozen):
    """One accepted finding, as stored in the review file."""

    # Keys a later version (or a person) adds are passed over, not refused: the
    # schema's version says when a file can no longer be read.
    model_config = ConfigDict(frozen=True, extra="ignore")

    agency: str | None
    year: int | None
    file: str  # the report, relative to the review file's folder (POSIX), for people
    code: str
    cells: dict[str, CellValue] = {}
    quote: str | None = None
    message: str = ""  # the finding as it read when accepted (for people; not matched)
    state: State = "accepted"
    note: str = ""
    by: str = ""
    at: str = ""  # ISO 8601 with the offset of the reviewer's clock

    def subject(self) -> Subject:
        return Subject(agency=self.agency, year=self.year, file=self.file, code=self.code,
                       cells=tuple(sorted(self.cells.items())), quote=self.quote)


_MARKS: TypeAdapter[tuple[Mark, ...]] = TypeAdapter(tuple[Mark, ...])


def review_user() -> str:
    """Who is reviewing: the login name, as the operating system knows it."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no name (a container without passwd entry)
        return "?"


def now_text() -> str:
    return dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds")


def default_review_file(path: Path) -> Path:
    """Where the review file of a checked folder (or of a file's folder) lives."""
    return (path if path.is_dir() else path.parent) / REVIEW_FILE


@dataclass(frozen=True)
class ReviewBook:
    """The marks of one or more review files, looked up by subject."""

    marks: tuple[Mark, ...] = ()
    # The folder each mark's ``file`` is relative to (the review file's), in order.
    folders: tuple[Path, ...] = ()
    _index: dict[tuple[object, ...], Mark] = field(default_factory=dict, repr=False,
                                                   compare=False)

    # The same marks by :meth:`Subject.in_file`: a mark written when the parser read
    # the agency without its city (or with it) still applies to that file.
    _in_file: dict[tuple[object, ...], list[tuple[Subject, str, Mark]]] = field(
        default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for mark, folder in zip(self.marks, self.folders, strict=True):
            subject = mark.subject()
            file = _absolute(mark.file, folder)
            self._index[subject.identity(file)] = mark
            key = subject.in_file(file)
            if key is not None:
                self._in_file.setdefault(key, []).append((subject, file, mark))

    def __len__(self) -> int:
        return len(self.marks)

    def match(self, subject: Subject) -> Mark | None:
        """The mark on ``subject``, if a reviewer accepted it."""
        if not self._index:
            return None
        file = _absolute(subject.file, Path.cwd())
        mark = self._index.get(subject.identity(file))
        key = subject.in_file(file)
        if mark is None and key is not None:
            mark = next((m for other, other_file, m in self._in_file.get(key, ())
                         if subject.same_as(other, file, other_file)), None)
        return mark

    def merged(self, other: ReviewBook) -> ReviewBook:
        return ReviewBook(self.marks + other.marks, self.folders + other.folders)

    @classmethod
    def read(cls, path: Path, *, missing_ok: bool = True) -> ReviewBook:
        """The marks of the review file ``path`` (none when it does not exist and
        ``missing_ok``); raises :class:`ReviewFileError` for a file that is not one."""
        marks = read_marks(path, missing_ok=missing_ok)
        folder = path.parent
        return cls(marks, (folder,) * len(marks))

    @classmethod
    def read_all(cls, paths: Iterable[Path]) -> ReviewBook:
        book = cls()
        for path in paths:
            book = book.merged(cls.read(path))
        return book

    @classmethod
    def cached(cls, paths: tuple[str, ...]) -> ReviewBook:
        """:meth:`read_all`, once per process while the files are unchanged (every
        worker of a folder's check asks for it)."""
        key = tuple((path, _stamp(path)) for path in paths)
        book = _BOOKS.get(key)
        if book is None:
            if len(_BOOKS) > 8:
                _BOOKS.clear()
            book = _BOOKS[key] = cls.read_all(Path(path) for path in paths)
        return book


_BOOKS: dict[tuple[tuple[str, object], ...], ReviewBook] = {}


def _stamp(path: str) -> object:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


def _absolute(file: str, folder: Path) -> str:
    return os.path.normpath(os.path.join(os.path.abspath(folder), file))


def read_marks(path: Path, *, missing_ok: bool = True) -> tuple[Mark, ...]:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_REVIEW_BYTES + 1)
    except FileNotFoundError:
        if missing_ok:
            return ()
        raise ReviewFileError(path, _("no such review file")) from None
    except OSError as error:
        raise ReviewFileError(path, _("cannot read the review file ({reason})").format(
            reason=error.strerror or error)) from None
    if len(data) > MAX_REVIEW_BYTES:
        raise ReviewFileError(path, _("the review file is over {size} MB").format(
            size=MAX_REVIEW_BYTES // 2**20))
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ReviewFileError(path, _("not a review file: {reason}").format(
            reason=_json_reason(error))) from None
    if not isinstance(raw, dict) or raw.get("schema") != SCHEMA:
        raise ReviewFileError(path, _("not a review file: it does not say "
                                      "\"schema\": \"{schema}\"").format(schema=SCHEMA))
    try:
        marks = _MARKS.validate_python(raw.get("marks", ()))
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in ("marks", *first["loc"]))
        raise ReviewFileError(path, _("not a review file: {where} is missing or not what "
                                      "docs/formats.md says").format(where=where)) from None
    return marks


def _json_reason(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return _("bad JSON at line {line}, column {column}").format(
            line=error.lineno, column=error.colno)
    return _("not UTF-8 text")


# ---------------------------------------------------------------- writing


def mark_of(subject: Subject, *, folder: Path, note: str, message: str,
            by: str | None = None, at: str | None = None) -> Mark:
    """A new mark on ``subject`` for the review file in ``folder``."""
    return Mark(agency=subject.agency, year=subject.year,
                file=display_file(subject.file, folder), code=subject.code,
                cells=dict(subject.cells), quote=subject.quote, message=message,
                note=note, by=review_user() if by is None else by,
                at=now_text() if at is None else at)


def accept(path: Path, subject: Subject, *, note: str, message: str,
           by: str | None = None, at: str | None = None) -> ReviewBook:
    """Mark ``subject`` accepted in the review file ``path`` and write it.

    The file is read again first, so marks another reviewer wrote meanwhile are
    kept; a mark on the same subject is replaced (a new note, a new date).
    """
    mark = mark_of(subject, folder=path.parent, note=note, message=message, by=by, at=at)
    return _change(path, subject, mark)


def withdraw(path: Path, subject: Subject) -> ReviewBook:
    """Take the mark on ``subject`` out of the review file ``path`` (if it is there)."""
    return _change(path, subject, None)


def _change(path: Path, subject: Subject, mark: Mark | None) -> ReviewBook:
    folder = path.parent
    file = _absolute(subject.file, Path.cwd())
    kept = [m for m in read_marks(path)
            if not subject.same_as(m.subject(), file, _absolute(m.file, folder))]
    if mark is not None:
        kept.append(mark)
    write_marks(path, kept)
    return ReviewBook.read(path)


def _order(mark: Mark) -> tuple[str, int, str, str, str, str]:
    return (mark.agency or "", mark.year or 0, mark.file, mark.code,
            json.dumps(sorted(mark.cells.items()), ensure_ascii=False), mark.quote or "")


def dumps_marks(marks: Sequence[Mark]) -> str:
    """The review file's text: one mark per block, in a stable order, for diffs."""
    data = {"schema": SCHEMA,
            "marks": [m.model_dump(mode="json") for m in sorted(marks, key=_order)]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_marks(path: Path, marks: Sequence[Mark]) -> None:
    """Write the review file atomically (a reader never sees half of it); its folder is
    made if it is not there yet (``--review-file`` in a new folder, the demo's in the
    user's folder)."""
    text = dumps_marks(marks)
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as error:
        raise ReviewFileError(path, _("cannot write the review file ({reason})").format(
            reason=error.strerror or error)) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        raise ReviewFileError(path, _("cannot write the review file ({reason})").format(
            reason=error.strerror or error)) from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def marks_for(findings: Iterable[Finding], book: ReviewBook, here: Facts,
              others: Mapping[str, Facts] | None = None) -> list[Mark | None]:
    """The mark on each of ``findings`` (None where it is not accepted)."""
    found = list(findings)
    if not len(book):
        return [None] * len(found)
    return [book.match(subject_of(finding, here, others)) for finding in found]
