"""argparse's own words (``usage:``, ``options:``, ``error:``, "the following arguments
are required") in the current language.

argparse looks every one of them up at the moment it uses it, through the names
``_`` and ``ngettext`` it imported from :mod:`gettext` into its module. Pointing
those two names at the ``argparse`` catalog of the current language translates
usage, help and errors alike, with no copy of argparse's formatting code. The
global gettext domain is left alone, so no other library's words change.

The catalog (``locale/zh/LC_MESSAGES/argparse.po``) holds the message ids of the
argparse of every Python we have run ``scripts/update_catalogs.py`` on: entries
are added, never dropped, since 3.11 and 3.13 word some errors differently.

One word is out of the catalog's reach: the colon argparse puts after a section
heading (``options:``) is written into its format string. :class:`HelpFormatter`
writes the headings through the catalog instead (``{heading}:`` is ``{heading}：``
in Chinese); :class:`ArgumentParser` uses it, and its subcommands inherit both.

Help strings of our own arguments are ours (``_()`` in the shell); so is the help
of ``--version``, which argparse 3.11 does not translate.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from typing import Any

from nianbao.parser.i18n.catalog import ARGPARSE_DOMAIN, N_, gettext, language, translations

# Translators: a heading of the --help text, such as "options:".
HEADING = N_("{heading}:")


def argparse_gettext(message: str) -> str:
    """One of argparse's own messages in the current language."""
    return translations(language(), ARGPARSE_DOMAIN).gettext(message)


def _argparse_ngettext(singular: str, plural: str, n: int) -> str:
    return translations(language(), ARGPARSE_DOMAIN).ngettext(singular, plural, n)


def translate_argparse() -> None:
    """From now on argparse speaks the current language (follows ``set_language``)."""
    names = vars(argparse)
    if "_" not in names or "ngettext" not in names:
        # A Python whose argparse no longer looks its words up this way: the test
        # of this module fails there rather than the help silently staying English.
        raise RuntimeError("argparse does not look its messages up through _ and ngettext")
    names["_"] = argparse_gettext
    names["ngettext"] = _argparse_ngettext


def language_in_argv(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` in ``argv`` (``--lang zh``, ``--lang=zh``), before parsing.

    argparse's words of the help and the errors are produced while it parses, so the
    language has to be known before. The last ``--lang`` wins, as in argparse; words
    after ``--`` are paths, not options. An abbreviation (``--la zh``) is not seen
    here: argparse still accepts it, and the shell sets the language again from the
    parsed value.
    """
    found: str | None = None
    for index, word in enumerate(argv):
        if word == "--":
            break
        if word == "--lang" and index + 1 < len(argv):
            found = argv[index + 1]
        elif word.startswith("--lang="):
            found = word.partition("=")[2]
    return found


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help, with the colon after each section heading in the current language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._headings: list[str] = []

    def start_section(self, heading: str | None) -> None:
        if heading:
            self._headings.append(heading)
        super().start_section(heading)

    def format_help(self) -> str:
        text = super().format_help()
        pattern = gettext(HEADING)
        if pattern == HEADING:
            return text
        for heading in self._headings:
            line = pattern.format(heading=heading).replace("\\", "\\\\")
            text = re.sub(rf"^( *){re.escape(heading)}:$", rf"\g<1>{line}", text, flags=re.M)
        return text


class ArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help uses :class:`HelpFormatter` (its subcommands' too)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
