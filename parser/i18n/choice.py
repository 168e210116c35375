"""Which language to speak: the command line, then NIANBAO_LANG, then the setting the
user saved in the TUI, then the locale, else English.

The saved setting is ``settings.json`` in the user's config folder (platformdirs:
``~/.config/nianbao/settings.json`` on Linux, ``%APPDATA%\\nianbao\\settings.json``
on Windows, ``~/Library/Application Support/nianbao/settings.json`` on macOS), or in
``$NIANBAO_CONFIG_DIR`` when that is set. It is one JSON object; ``"language"`` is
``"zh"`` or ``"en"``; other keys are kept when it is written.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from nianbao.parser.i18n.catalog import DEFAULT_LANGUAGE, Language
from nianbao.parser.userdirs import config_dir

ENV_LANGUAGE = "NIANBAO_LANG"
# In the order gettext itself reads them: the first one set decides.
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
SETTINGS_NAME = "settings.json"
SETTING_KEY = "language"


def parse_language(value: str | None) -> Language | None:
    """A language named the ways people write it (``zh``, ``zh_CN.UTF-8``, ``cn``, ``en_US``).

    None for an empty or unknown value.
    """
    if not value:
        return None
    name = value.strip().lower().replace("-", "_")
    if name.startswith("zh") or name in ("cn", "chinese", "中文"):
        return "zh"
    if name.startswith("en") or name in ("c", "posix") or name.startswith(("c.", "posix.")):
        return "en"
    return None


def locale_language(env: Mapping[str, str]) -> Language | None:
    """The language of the locale variables: ``zh_*`` is Chinese, any other locale English.

    None when none of them is set. ``LANGUAGE`` is a list (``zh_CN:en``); its first
    entry counts.
    """
    for name in LOCALE_VARIABLES:
        value = env.get(name, "")
        if name == "LANGUAGE":
            value = next((part for part in value.split(":") if part), "")
        if value:
            return "zh" if value.strip().lower().startswith("zh") else "en"
    return None


def settings_file(env: Mapping[str, str] | None = None) -> Path:
    """The file the TUI saves the user's settings in."""
    return config_dir(env) / SETTINGS_NAME


def _read_settings(path: Path) -> dict[str, Any]:
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}  # none saved, or unreadable: the next way of choosing decides
    return data if isinstance(data, dict) else {}


def saved_language(path: Path) -> Language | None:
    """The language saved in the settings file at ``path``; None when none is."""
    value = _read_settings(path).get(SETTING_KEY)
    return parse_language(value) if isinstance(value, str) else None


def save_language(lang: Language, path: Path | None = None) -> Path:
    """Save ``lang`` as the user's choice (other settings kept); the file written."""
    import json

    target = settings_file() if path is None else path
    data = _read_settings(target)
    data[SETTING_KEY] = lang
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, target)  # readers see the old file or the new one, never half
    return target


def choose_language(cli: str | None, env: Mapping[str, str] | None = None, *,
                    settings: Path | None = None) -> Language:
    """The language to speak, by the order of issue 11.

    ``cli`` is the ``--lang`` value (None when not given); ``env`` the environment
    (``os.environ`` by default); ``settings`` the settings file (by default
    :func:`settings_file`, read only when neither the flag nor NIANBAO_LANG chose).
    An unknown ``--lang`` raises ``ValueError``; an unknown NIANBAO_LANG or saved
    value is passed over, as an unknown locale is.
    """
    env = os.environ if env is None else env
    if cli is not None:
        chosen = parse_language(cli)
        if chosen is None:
            raise ValueError(f"unknown language {cli!r}: expected zh or en")
        return chosen
    chosen = parse_language(env.get(ENV_LANGUAGE))
    if chosen is not None:
        return chosen
    chosen = saved_language(settings if settings is not None else settings_file(env))
    if chosen is not None:
        return chosen
    return locale_language(env) or DEFAULT_LANGUAGE
