"""Keep a report's bytes (and its file name) from talking to the terminal.

A report is untrusted text, and so is the name of its file: an ESC starts an
escape sequence that can recolour, move the cursor, retitle the window or hide
lines; bidi controls reorder what a reviewer sees (Trojan Source); C1 controls and
the interlinear annotation characters act on some terminals too.

:data:`UNSAFE_RANGES` is the one table of such characters. Every front end draws
from it, through one of its renderings:

* :func:`visible` — text for a terminal or a log: each character as an escape
  (``\\x1b``, ``\\u202e``), on one line. Every message, path and quoted source
  of ``check``, ``export`` and the shell's stderr goes through it.
* :func:`json_safe` — JSON text: each character as ``\\uXXXX``, the data unchanged.
* :func:`pictured` — the TUI's: each character replaced one for one (a control
  picture such as ␛ for C0, ␡ for DEL, U+FFFD for the rest), so lines and
  character columns stay those of the original.
"""

from __future__ import annotations

import re

# (first, last) code points, inclusive. Tab and the line breaks are in C0: each
# rendering says what it does with them.
UNSAFE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00, 0x1F),  # C0 controls, ESC among them
    (0x7F, 0x9F),  # DEL and the C1 controls (CSI is U+009B)
    (0x061C, 0x061C),  # ARABIC LETTER MARK
    (0x200E, 0x200F),  # LEFT-TO-RIGHT / RIGHT-TO-LEFT MARK
    (0x2028, 0x2029),  # LINE / PARAGRAPH SEPARATOR: line breaks to some terminals
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2066, 0x2069),  # bidi isolates
    (0xFFF9, 0xFFFB),  # interlinear annotation anchor, separator, terminator
)


def _character_class(keep: str = "") -> re.Pattern[str]:
    """The table as one regex character class, less the characters of ``keep``."""
    kept = {ord(ch) for ch in keep}
    parts: list[str] = []
    for first, last in UNSAFE_RANGES:
        run_start: int | None = None
        for code in range(first, last + 2):
            inside = code <= last and code not in kept
            if inside and run_start is None:
                run_start = code
            elif not inside and run_start is not None:
                end = code - 1
                parts.append(f"\\u{run_start:04x}" if run_start == end
                             else f"\\u{run_start:04x}-\\u{end:04x}")
                run_start = None
    return re.compile(f"[{''.join(parts)}]")


_UNSAFE = _character_class()
# json.dumps escapes every C0 control inside a string; the only raw one in its
# output is the newline between lines of an indented document.
_JSON_UNSAFE = _character_class(keep="\n")
# The TUI keeps tabs and line breaks: its source view lays lines out itself.
_PICTURE_UNSAFE = _character_class(keep="\t\n\r")


def is_unsafe(ch: str) -> bool:
    """Whether ``ch`` is in the table (tab and line breaks included)."""
    return _UNSAFE.match(ch) is not None


def escape_char(ch: str) -> str:
    """``\\x1b`` for a character below U+0100, ``\\u202e`` for the others."""
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every character of the table shown as an escape, on one line."""
    return _UNSAFE.sub(lambda m: escape_char(m.group()), text)


def json_safe(encoded: str) -> str:
    """JSON text with the table's characters escaped as ``\\uXXXX``.

    ``json.dumps(ensure_ascii=False)`` escapes only C0; the others can only occur
    inside strings, where ``\\uXXXX`` means the same character, so the data is
    unchanged and the text is safe to print.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


def picture_char(ch: str) -> str:
    """The one character the TUI draws for an unsafe ``ch``."""
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟: visible, one cell
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def pictured(text: str) -> str:
    """``text`` with every character of the table but tab and line breaks replaced one
    for one (:func:`picture_char`): the same length, the same lines."""
    return _PICTURE_UNSAFE.sub(lambda m: picture_char(m.group()), text)
