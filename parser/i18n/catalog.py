"""The current language and the lookups every person-read string goes through.

English is the source language: a message id *is* the English text, so English
needs no catalog and any string missing from the Chinese one shows in English
rather than not at all. Chinese comes from the compiled catalog beside this
module (``locale/zh/LC_MESSAGES/<domain>.mo``), read with the standard library
the first time Chinese is chosen: importing this costs the ``gettext`` module
and nothing else.

The language is one per process. ``set_language`` swaps a single reference, so a
thread that is producing messages sees the old language or the new one, never a
half of each; worker processes do not inherit it (forkserver, spawn) and are given
it as a plain string in their job options, then call ``set_language`` themselves.
"""

from __future__ import annotations

import gettext as _gettext
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

Language = Literal["en", "zh"]
LANGUAGES: tuple[Language, ...] = ("en", "zh")
DEFAULT_LANGUAGE: Language = "en"

DOMAIN = "nianbao"
# argparse's own words (usage:, options:, error:) in a catalog of their own: their
# message ids belong to the Python that runs us, not to our sources.
ARGPARSE_DOMAIN = "argparse"
LOCALE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")

_ENGLISH = _gettext.NullTranslations()
_loaded: dict[tuple[Language, str], _gettext.NullTranslations] = {}
_load_lock = threading.Lock()

_language: Language = DEFAULT_LANGUAGE
_current: _gettext.NullTranslations = _ENGLISH


def catalog_path(lang: Language, domain: str = DOMAIN, suffix: str = ".mo") -> str:
    """Where the compiled (``.mo``) or source (``.po``) catalog of ``lang`` lives."""
    return os.path.join(LOCALE_DIR, lang, "LC_MESSAGES", domain + suffix)


def translations(lang: Language, domain: str = DOMAIN) -> _gettext.NullTranslations:
    """The catalog of ``lang`` for ``domain``, read once per process.

    Raises ``FileNotFoundError`` when a Chinese catalog is missing: an installation
    without it is broken, and silently printing English would hide that.
    """
    if lang == "en":
        return _ENGLISH
    key = (lang, domain)
    found = _loaded.get(key)
    if found is None:
        with _load_lock:
            found = _loaded.get(key)
            if found is None:
                with open(catalog_path(lang, domain), "rb") as handle:
                    found = _loaded[key] = _gettext.GNUTranslations(handle)
    return found


def as_language(value: str) -> Language:
    """``value`` as one of :data:`LANGUAGES`; ``ValueError`` for anything else."""
    for lang in LANGUAGES:
        if value == lang:
            return lang
    raise ValueError(f"unknown language {value!r}: expected one of {', '.join(LANGUAGES)}")


def set_language(lang: str) -> None:
    """Make ``lang`` ("zh" or "en") the language of every message from now on."""
    global _language, _current
    chosen = as_language(lang)
    catalog = translations(chosen)
    _current, _language = catalog, chosen


def language() -> Language:
    """The language messages are produced in now."""
    return _language


@contextmanager
def using_language(lang: str) -> Iterator[None]:
    """``lang`` inside the block, the previous language after it (tests, one-off renders)."""
    before = _language
    set_language(lang)
    try:
        yield
    finally:
        set_language(before)


def gettext(message: str) -> str:
    """``message`` (English, the message id) in the current language."""
    return _current.gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` for ``n``, in the current language."""
    return _current.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, told apart from the same English in other places."""
    return _current.pgettext(context, message)


def quote(text: str) -> str:
    """A quotation (of a report, a heading, a cell) as the current language writes one:
    “…” in Chinese, ``'…'`` (Python's repr, which also shows odd characters) in English."""
    if _language == "zh":
        return f"“{text}”"
    return repr(text)


def labelled_quote(label: str, text: str) -> str:
    """``label 'text'`` in English, ``label“text”`` in Chinese (a cell and what it holds)."""
    if _language == "zh":
        return f"{label}“{text}”"
    return f"{label} {text!r}"


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it (it is translated where shown)."""
    return message


class LazyString:
    """A message translated each time it is turned into text, not when it is made.

    For module-level constants (pane titles, group names, key descriptions): they
    are made at import, before any language is chosen, and must follow a language
    switched at run time. Rich and Textual render it through ``__rich__``.
    """

    __slots__ = ("msgid",)

    def __init__(self, msgid: str) -> None:
        self.msgid = msgid

    def __str__(self) -> str:
        return _current.gettext(self.msgid)

    def __rich__(self) -> str:
        return str(self)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def format(self, *args: object, **kwargs: object) -> str:
        """The translation with its ``{placeholders}`` filled."""
        return str(self).format(*args, **kwargs)

    def __add__(self, other: str) -> str:
        return str(self) + other

    def __radd__(self, other: str) -> str:
        return other + str(self)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LazyString):
            return NotImplemented
        return self.msgid == other.msgid

    def __hash__(self) -> int:
        return hash((LazyString, self.msgid))

    def __repr__(self) -> str:
        return f"L_({self.msgid!r})"


def L_(message: str) -> LazyString:
    """A :class:`LazyString` of ``message``, marked for the catalog."""
    return LazyString(message)
