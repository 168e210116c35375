"""The TUI's words for choosing a language, and the names the languages go by.

Data only (importing it does not import Textual). Each language is named in its
own words (中文, English), the way language menus do, so a person who cannot read
the current language still finds theirs.
"""

from __future__ import annotations

from nianbao.parser.i18n import N_, Language

LANGUAGE_NAMES: dict[Language, str] = {"zh": "中文", "en": "English"}
# The binding that switches between the two, as the footer and the help show it.
SWITCH_LANGUAGE = N_("Language")
# The toast after a switch; {name} is one of LANGUAGE_NAMES.
LANGUAGE_SWITCHED = N_("Language: {name}")
HELP = N_("Help")
CLOSE = N_("Close")
