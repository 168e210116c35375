"""The user's own folders: settings and caches, where each platform keeps them.

``config_dir()``: the saved settings (the TUI's language); ``cache_dir()``: what can
be thrown away and made again (read PDF/Word originals, keyed by content). Both come
from platformdirs (``~/.config/nianbao`` and ``~/.cache/nianbao`` on Linux), unless
``NIANBAO_CONFIG_DIR`` / ``NIANBAO_CACHE_DIR`` name others (tests, read-only homes).
Nothing is created until something is written there.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ENV_CONFIG_DIR = "NIANBAO_CONFIG_DIR"
ENV_CACHE_DIR = "NIANBAO_CACHE_DIR"
APP = "nianbao"


def config_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    chosen = env.get(ENV_CONFIG_DIR)
    if chosen:
        return Path(chosen)
    import platformdirs  # only when a setting is read or written

    return platformdirs.user_config_path(APP, appauthor=False)


def cache_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    chosen = env.get(ENV_CACHE_DIR)
    if chosen:
        return Path(chosen)
    import platformdirs

    return platformdirs.user_cache_path(APP, appauthor=False)
