"""Keep a report's bytes from talking to the terminal.

A report is untrusted text: an ESC starts an escape sequence that can recolour,
move the cursor, retitle the window or hide lines; bidi controls reorder what a
reviewer sees (Trojan Source). Everything printed from a report goes through
:func:`visible`, which shows such characters as escapes (``\\x1b``, ``\\u202e``)
instead of sending them.
"""

from __future__ import annotations

import re

# C0 (but tab and newline, which callers handle), DEL, C1, bidi controls, and the
# line/paragraph separators some terminals treat as line breaks.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
    "\ufff9-\ufffb]"
)
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufff9-\ufffb]")
_UNSAFE_WITH_BREAKS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufff9-\ufffb]"
)


def escape_char(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def is_unsafe(ch: str) -> bool:
    return _UNSAFE_WITH_BREAKS.match(ch) is not None and ch != "\t"


def visible(text: str, *, keep_tabs: bool = False) -> str:
    """``text`` with every control character shown as an escape, on one line."""
    pattern = _UNSAFE if keep_tabs else _UNSAFE_WITH_BREAKS
    if keep_tabs:
        text = text.replace("\n", "\\n").replace("\r", "\\r")
    return pattern.sub(lambda m: escape_char(m.group()), text)


def json_safe(encoded: str) -> str:
    """JSON text with C1, DEL and bidi characters escaped as ``\\uXXXX``.

    ``json.dumps(ensure_ascii=False)`` escapes only C0; the others can only occur
    inside strings, where ``\\uXXXX`` means the same character, so the data is
    unchanged and the text is safe to print.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)
