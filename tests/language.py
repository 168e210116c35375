"""Is this text Chinese? Runs of English words left in text shown under ``--lang zh``.

Issue 11: under Chinese, no screen, message or help may show two or more
consecutive English words, outside a short allowlist (rule codes, file formats,
names of programs). :func:`english_runs` finds them.

How text is read:

* Only ASCII stretches can hold an English run: any other character (Chinese,
  full-width punctuation, box drawing, a line break) ends one. So ``PDF 文件`` and a
  table whose cells are ``总计 | Total`` are judged cell by cell, and two English
  labels side by side in one line are one run.
* Code is not prose: text between backticks, fenced blocks (```), and choice sets
  in braces (argparse's ``{text,json}``) are skipped.
* A token counts as an English word when it is letters only (an inner hyphen or
  apostrophe allowed: ``carried-over``, ``year's``) and at least two letters long.
  Everything else is neutral, neither a word nor a break: rule codes (A002),
  numbers, options (``--lang``), paths and file names (``sample_reports/x.txt``),
  cell ids (``applications:new_received.total``), key chords (``ctrl+p``), single
  letters (keys: ``j``, ``G``) and ALL-CAPS words (file formats, metavariables:
  PDF, SARIF, PATH).
* Allowlisted words (names of programs and formats, below, plus any a test adds)
  are neutral too. Neutral tokens do not break a run: ``open PDF file`` is a run
  of two words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Names, not words: programs, formats and standards a Chinese text writes in Latin letters.
ALLOWED: frozenset[str] = frozenset({
    "nianbao", "LibreOffice", "tmux", "Textual", "Rich", "Python", "GitHub", "Actions",
    "Word", "Excel", "Babel", "gettext", "pip", "SSH", "OSC",
    "json", "jsonl", "csv", "sarif", "github", "text", "svg", "pdf", "docx", "doc", "html",
    "txt", "utf", "gbk", "gb18030", "htm", "md", "markdown", "tsv", "mht", "mhtml", "rtf",
    "docm", "ofd", "shtml", "xhtml",
    "wps",
})
# Key names as Textual displays them, for screens that list keys (help, footer).
KEY_NAMES: frozenset[str] = frozenset({
    "esc", "escape", "enter", "tab", "space", "home", "end", "pgup", "pgdn", "pageup",
    "pagedown", "up", "down", "left", "right", "ctrl", "shift", "alt", "delete", "backspace",
    "insert",
})

_CODE = re.compile(r"```.*?(?:```|\Z)|`[^`\n]*`|\{[^{}\n]*\}", re.S)
_ASCII_STRETCH = re.compile(r"[\x20-\x7e\t]+")
_TOKEN = re.compile(r"[^\s,;!?()\[\]\"<>|=]+")
_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")


def _is_word(token: str, allowed: frozenset[str]) -> bool:
    token = token.strip(".:'’")  # sentence punctuation and quotes around a word
    if not _WORD.fullmatch(token) or len(token) < 2:
        return False
    return not (token.isupper() or token in allowed or token.lower() in allowed)


def english_runs(text: str, allow: Iterable[str] = ()) -> list[str]:
    """Every run of two or more consecutive English words in ``text``, words joined by spaces.

    ``allow`` adds names to :data:`ALLOWED` (say :data:`KEY_NAMES` for a help screen).
    """
    allowed = ALLOWED | frozenset(allow)
    runs: list[str] = []
    for stretch in _ASCII_STRETCH.findall(_CODE.sub("\n", text)):
        words: list[str] = []
        for token in _TOKEN.findall(stretch):
            if _is_word(token, allowed):
                words.append(token.strip(".:'’"))
        if len(words) >= 2:
            runs.append(" ".join(words))
    return runs


def has_chinese(text: str) -> bool:
    """Whether ``text`` holds a Chinese character or Chinese (full-width) punctuation."""
    return any("\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
               or "\uff00" <= ch <= "\uffef" for ch in text)
