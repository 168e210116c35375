"""Which command opens ``$EDITOR`` at a line: editors disagree on how to say "line N"."""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping
from pathlib import Path

# Editors that take ``--goto FILE:LINE`` or ``FILE:LINE`` instead of vi's ``+LINE FILE``.
_GOTO_FLAG = frozenset({"code", "code-insiders", "codium", "cursor", "windsurf"})
_COLON_SUFFIX = frozenset({"hx", "helix", "subl", "sublime_text", "zed"})


def editor_command(path: Path, line: int, environ: Mapping[str, str] | None = None) -> list[str]:
    env = os.environ if environ is None else environ
    argv = shlex.split(env.get("VISUAL") or env.get("EDITOR") or "vi") or ["vi"]
    name = Path(argv[0]).name
    line = max(1, line)
    if name in _GOTO_FLAG:
        return [*argv, "--goto", f"{path}:{line}"]
    if name in _COLON_SUFFIX:
        return [*argv, f"{path}:{line}"]
    return [*argv, f"+{line}", str(path)]
