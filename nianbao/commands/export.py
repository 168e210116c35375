"""``nianbao export``: the parsed model of each report as JSON, JSON lines or CSV, or
the text that was checked (``--format text``: for a PDF, Word file or web page, the
rendering whose lines and columns the findings and cells count in)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nianbao import diagnostics
from nianbao.diagnostics import EXIT_OK
from nianbao.parser.core.check import DEFAULT_MAX_BYTES, MB, Options, check_file
from nianbao.parser.core.files import collect
from nianbao.parser.i18n import language, set_language
from nianbao.parser.outputs.export import csv_rows, csv_text, report_to_dict, to_json_line
from nianbao.parser.outputs.outfile import output_problem, write_atomically
from nianbao.parser.outputs.safe import json_safe, pictured, visible


def _export_one(path: str, fmt: str, max_bytes: int, lang: str) -> tuple[str, object]:
    """Read one file through the core in a worker; return what the parent writes, in order.

    ``lang`` is the language of the messages: a worker process does not inherit it."""
    if language() != lang:
        set_language(lang)
    outcome = check_file(path, Options(max_bytes=max_bytes, codes=()))
    report = outcome.report
    if report is None:
        return "error", f"{path}: {outcome.error or outcome.unreadable}"
    if fmt == "json":
        return "ok", report_to_dict(report)
    if fmt == "jsonl":
        return "ok", to_json_line(report)
    if fmt == "text":
        # Controls pictured one for one: safe on a terminal, every line and column kept.
        return "ok", pictured(report.text)
    return "ok", csv_rows(report)


def run(args: argparse.Namespace) -> int:
    from nianbao.parser.core.pool import map_paths
    from nianbao.progress import with_progress

    fmt: str = args.format
    output: str | None = args.output
    collected = collect(args.paths)
    status = EXIT_OK
    for message in collected.errors:
        status = diagnostics.problem(message)
    if args.max_size is not None and args.max_size <= 0:
        return diagnostics.max_size_not_positive("export")
    if output is not None:
        problem = output_problem(Path(output), collected.files, force=args.force)
        if problem:
            return diagnostics.problem(problem)
    max_bytes = DEFAULT_MAX_BYTES if args.max_size is None else args.max_size * MB

    import json

    chunks: list[str] = []
    objects: list[object] = []
    rows: list[list[str]] = []
    paths = [str(p) for p in collected.files]
    results = with_progress(map_paths(_export_one, paths, (fmt, max_bytes, language()),
                                      jobs=args.jobs), len(paths))
    # map_paths yields in the order of the paths.
    for path, (kind, payload) in zip(paths, results, strict=True):
        if kind == "error":
            status = diagnostics.problem(str(payload))
        elif fmt == "json":
            objects.append(payload)
        elif fmt == "jsonl":
            chunks.append(str(payload))
        elif fmt == "text":
            body = str(payload)
            if len(paths) > 1:  # several files: each under a header, as head(1) does
                chunks.append(f"==> {visible(path)} <==\n")
            chunks.append(body if not body or body.endswith("\n") else body + "\n")
        else:
            rows.extend(payload)  # type: ignore[arg-type]
    if fmt == "json":
        text = json_safe(json.dumps(objects, ensure_ascii=False, indent=2)) + "\n"
    elif fmt in ("jsonl", "text"):
        text = "".join(chunks)
    else:
        text = csv_text(rows)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomically(Path(output), text)
    return status
