"""``nianbao serve [PATH]``: the TUI in a web browser, through textual-serve (an extra).

Every browser tab gets its own ``nianbao tui --read-only PATH`` process, drawn by
Textual's web driver; read-only, so a page open to others can neither edit a report
nor write a file (no review marks, no export). The server listens on the loopback
address unless ``--host`` says otherwise.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from nianbao import diagnostics
from nianbao.diagnostics import EXIT_OK
from nianbao.parser.i18n import _, language


def app_command(path: Path) -> str:
    """The shell command textual-serve runs for each browser tab (quoted: any path)."""
    return shlex.join([sys.executable, "-m", "nianbao", "--lang", language(), "tui",
                       "--read-only", str(path.resolve())])


def run(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if not path.exists():
        return diagnostics.no_such_path(path)
    if not 0 < args.port < 65536:
        return diagnostics.problem(_("--port must be between 1 and 65535"), "serve")
    try:
        from textual_serve.server import Server
    except ImportError:
        return diagnostics.problem(
            _("serve needs textual-serve: pip install 'nianbao[serve]'"), "serve")
    host: str = args.host
    shown = f"[{host}]" if ":" in host else host
    server = Server(app_command(path), host=host, port=args.port, title="nianbao",
                    public_url=args.public_url or f"http://{shown}:{args.port}")
    server.serve()
    return EXIT_OK
