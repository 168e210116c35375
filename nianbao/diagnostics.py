"""Everything the shell tells a person on stderr, and every exit status.

A command writes its output (findings, the model, the rule catalog) to stdout and
nothing else there. Whatever else is said — a path that cannot be read, a usage
error, a file written — is said here: each message is one line, ``nianbao: …`` or
``nianbao COMMAND: …``, in the chosen language, and passes through
:func:`~nianbao.parser.outputs.safe.visible` (the one table of unsafe characters),
so a file name or a report can never send an escape sequence or a bidi control to
the terminal. The progress bar (:mod:`nianbao.progress`) draws on stderr too, only
on a terminal, and only its own words.

No other module of the shell writes to ``sys.stderr`` (tests/test_architecture.py);
tests/test_hostile_names.py runs every command on a file whose name and content are
full of escapes and controls and sees none reach stdout or stderr raw.
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from nianbao.parser.i18n import _
from nianbao.parser.i18n.argparse_words import argparse_gettext
from nianbao.parser.outputs.safe import visible

# The exit statuses of every command (docs/formats.md).
EXIT_OK = 0
EXIT_FINDINGS = 1  # check: at least one finding of severity error (0 with --exit-zero)
EXIT_USAGE = 2  # a usage error, or a path that could not be read or written
EXIT_INTERRUPTED = 130  # interrupted (Ctrl-C): 128 + SIGINT, as shells count it

PROGRAM = "nianbao"


def say(message: str, command: str | None = None) -> None:
    """``message`` on stderr as one safe line, after ``nianbao:`` or ``nianbao COMMAND:``."""
    prefix = PROGRAM if command is None else f"{PROGRAM} {command}"
    sys.stderr.write(f"{prefix}: {visible(message)}\n")
    sys.stderr.flush()


def problem(text: str, command: str | None = None) -> int:
    """A problem the core described (a path, an output file): said; :data:`EXIT_USAGE`."""
    say(text, command)
    return EXIT_USAGE


# ---------------------------------------------------------------- the shell's own words


def no_such_path(path: object) -> int:
    say(_("{path}: no such file or folder").format(path=path))
    return EXIT_USAGE


def unknown_rule_code(code: str) -> int:
    say(_("unknown rule code {code} (run `nianbao rules` for the list)").format(code=repr(code)),
        "rules")
    return EXIT_USAGE


def max_size_not_positive(command: str) -> int:
    say(_("--max-size must be a positive number of megabytes"), command)
    return EXIT_USAGE


def wrote(path: object, width: int, height: int) -> None:
    say(_("wrote {path} ({width}x{height})").format(path=path, width=width, height=height))


def reader_went_away() -> int:
    """stdout's reader is gone (``nianbao check … | head``): nothing more to say, and
    nothing said about it either (closing stderr keeps Python's own complaint away)."""
    sys.stderr.close()
    return EXIT_OK


def usage_error(parser: argparse.ArgumentParser, message: str) -> NoReturn:
    """argparse's error (a bad option or value): the usage, then the error, then exit 2.

    The same words argparse writes, through its catalog (``usage:``, ``error:``),
    but each line made safe: an option's value can hold anything a shell can type.
    """
    for line in parser.format_usage().splitlines():
        sys.stderr.write(visible(line) + "\n")
    template = argparse_gettext("%(prog)s: error: %(message)s\n")
    line = template % {"prog": parser.prog, "message": message}
    sys.stderr.write(visible(line.rstrip("\n")) + "\n")
    sys.stderr.flush()
    sys.exit(EXIT_USAGE)
