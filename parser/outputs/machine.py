"""``--format json|github|sarif``: findings for other programs.

* json — the array of docs/formats.md: code, severity, message, path, line,
  column, end_line, end_column, related (line, column, message; and path when the
  place is in another file), help. Lines and columns are 1-based and count
  characters; a finding about the whole file is at 1:1. On a PDF, Word file or web
  page, line and column count in the text rendering that was checked, and the
  finding and each related place carry ``origin``, the place in the original.
* github — one workflow command per finding (``::error file=…,line=…,col=…::…``),
  escaped as GitHub's toolkit escapes them. On a web page the line and column are
  the original's; on a PDF or Word file the annotation is on the file, and the
  message names the place in words (``PDF page 4``).
* sarif — SARIF 2.1.0 with the rule catalog in ``tool.driver.rules``, related
  places in ``relatedLocations`` and ``columnKind: unicodeCodePoints``. The
  artifact is always the original file: a web page's region is its source's line
  and column; a PDF's or Word file's location has no region but its page and box
  (or table, row, cell, paragraph) in ``properties``, the line and column in the
  text rendering as ``properties.renderingRegion``, and the cell's name in the
  template as a logical location (``表三/（三）不予公开/1.属于国家秘密/自然人``).
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from nianbao.parser.i18n import _, pgettext
from nianbao.parser.model.findings import Finding, Severity
from nianbao.parser.model.refs import CellRef
from nianbao.parser.outputs.origins import (
    logical_name,
    origin_dict,
    origin_region,
    origin_words,
)
from nianbao.parser.outputs.safe import json_safe, visible
from nianbao.parser.outputs.sources import Checked, Sources
from nianbao.parser.reading.origin import Place
from nianbao.parser.reading.positions import Position
from nianbao.parser.review.book import Mark
from nianbao.parser.rules.catalog import all_rules
from nianbao.parser.rules.rule import Rule, severity_word

TOOL = "nianbao"
INFORMATION_URI = "https://github.com/nianbao/nianbao"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

def dumps(data: object) -> str:
    """A small document (the statistics, a rule) as people read it, indented."""
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


# ---------------------------------------------------------------- json


def finding_to_dict(finding: Finding, sources: Sources) -> dict[str, Any]:
    start = sources.start(finding)
    end = sources.end(finding)
    related: list[dict[str, Any]] = []
    for place in finding.related:
        position = sources.related_start(finding, place)
        entry: dict[str, Any] = {"line": position.line, "column": position.column,
                                 "message": place.message}
        if place.path is not None and place.path != finding.path:
            entry["path"] = place.path
        origin = sources.origin(sources.related_path(finding, place), place.start)
        if origin is not None:
            entry["origin"] = origin_dict(origin)
        related.append(entry)
    out: dict[str, Any] = {
        "code": finding.code,
        "severity": finding.severity,
        "message": finding.message,
        "path": finding.path,
        "line": start.line,
        "column": start.column,
        "end_line": end.line,
        "end_column": end.column,
        "related": related,
        "help": finding.help,
    }
    origin = sources.origin(finding.path, finding.start)
    if origin is not None:
        out["origin"] = origin_dict(origin)
    return out


def _encode(data: object) -> str:
    """Compact JSON from the json module's C encoder (``indent`` would switch it to the
    pure-Python one), with the characters that can talk to a terminal escaped."""
    return json_safe(json.dumps(data, ensure_ascii=False))


def json_item(finding: Finding, sources: Sources) -> str:
    """One finding as one line of the JSON array."""
    return _encode(finding_to_dict(finding, sources))


def assemble_json(items: Sequence[str]) -> str:
    out = io.StringIO()
    write_json(out, items)
    return out.getvalue()


def write_json(out: TextIO, items: Iterable[str]) -> None:
    """The array, one finding per line: a folder's output is never held whole in memory."""
    first = True
    for item in items:
        out.write("[\n" if first else ",\n")
        out.write(item)
        first = False
    out.write("[]\n" if first else "\n]\n")


def format_json(files: Sequence[Checked]) -> str:
    sources = Sources(files)
    return assemble_json([json_item(f, sources) for checked in files for f in checked.findings])


# ---------------------------------------------------------------- github

_GITHUB_LEVEL: dict[Severity, str] = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_item(finding: Finding, sources: Sources) -> str:
    """One workflow command, on one line (its own line breaks escaped)."""
    start = sources.start(finding)
    end = sources.end(finding)
    props = [f"file={_escape_property(visible(finding.path))}"]
    origin = sources.origin(finding.path, finding.start)
    in_original = origin_region(origin) if origin is not None else None
    if in_original is not None:
        # A web page: the annotation goes on the HTML source where the cell's tag is.
        props.extend((f"line={in_original[0]}", f"col={in_original[1]}"))
    elif origin is None:
        props.extend((f"line={start.line}", f"col={start.column}"))
        if end.line >= start.line:
            props.append(f"endLine={end.line}")
            if end.line == start.line and end.column > start.column:
                props.append(f"endColumn={end.column}")
    # A PDF or Word file has no lines: the annotation is on the file, its place in words.
    props.append(f"title={_escape_property(f'{TOOL} {finding.code}')}")
    message = f"{finding.code} {visible(finding.message)}"
    if origin is not None:
        message += f" ({origin_words(origin)})"
    if finding.help:
        message += "\n" + pgettext("finding", "help") + pgettext("after a label", ": ") \
            + visible(finding.help)
    return f"::{_GITHUB_LEVEL[finding.severity]} {','.join(props)}::{_escape_data(message)}"


def assemble_github(items: Sequence[str]) -> str:
    out = io.StringIO()
    write_github(out, items)
    return out.getvalue()


def write_github(out: TextIO, items: Iterable[str]) -> None:
    for item in items:
        out.write(item)
        out.write("\n")


def format_github(files: Sequence[Checked]) -> str:
    """GitHub Actions annotations: one line per finding."""
    sources = Sources(files)
    return assemble_github([github_item(f, sources) for checked in files
                            for f in checked.findings])


# ---------------------------------------------------------------- sarif

_SARIF_LEVEL: dict[Severity, str] = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A URI reference for a path: relative paths stay relative, percent-encoded."""
    candidate = Path(path)
    if candidate.is_absolute():
        return candidate.as_uri()
    return quote(candidate.as_posix(), safe="/")


def _region(start_line: int, start_column: int, end_line: int, end_column: int) -> dict[str, int]:
    region = {"startLine": start_line, "startColumn": start_column}
    if (end_line, end_column) > (start_line, start_column):
        region["endLine"] = end_line
        region["endColumn"] = end_column
    return region


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """The rule in ``tool.driver.rules``: descriptions in the current language, ids and
    tags (the family's English name) the same in every language."""
    explained = rule.explained()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _(rule.title)},
        "fullDescription": {"text": explained, "markdown": explained},
        "help": {"text": _(rule.help), "markdown": _(rule.help)},
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
        "properties": {"tags": [rule.family], "severity": rule.severity},
    }


def suppression(mark: Mark) -> dict[str, Any]:
    """A finding accepted in the review file, as SARIF says it (§3.35)."""
    return {"kind": "external", "status": "accepted", "justification": mark.note,
            "properties": {"by": mark.by, "at": mark.at}}


def _physical(path: str, start: Position, end: Position, origin: Place | None
              ) -> dict[str, Any]:
    """Where a place is in the file: a region of a text file or web page; for a PDF
    or Word file, its page and box (or table cell) and its region in the rendering
    in ``properties``, since SARIF's regions are only text or bytes."""
    location: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(path)}}
    if origin is None:
        location["region"] = _region(start.line, start.column, end.line, end.column)
        return location
    in_original = origin_region(origin)
    properties: dict[str, Any] = {}
    if in_original is not None:
        location["region"] = {"startLine": in_original[0], "startColumn": in_original[1]}
    else:
        properties.update(origin_dict(origin))
    properties["renderingRegion"] = _region(start.line, start.column, end.line, end.column)
    location["properties"] = properties
    return location


def _logical(cell: CellRef | None, path: str, offset: int | None,
             sources: Sources) -> list[dict[str, str]]:
    """The cell's name in the template, for a place in a published original."""
    if cell is None or sources.origin(path, offset) is None:
        return []
    return [{"fullyQualifiedName": logical_name(cell, sources.template(path)),
             "kind": "element"}]


def sarif_result(finding: Finding, sources: Sources, mark: Mark | None = None) -> dict[str, Any]:
    start = sources.start(finding)
    end = sources.end(finding)
    location: dict[str, Any] = {"physicalLocation": _physical(
        finding.path, start, end, sources.origin(finding.path, finding.start))}
    logical = _logical(finding.cells[0] if finding.cells else None, finding.path,
                       finding.start, sources)
    if logical:
        location["logicalLocations"] = logical
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": _rule_index()[finding.code],
        "level": _SARIF_LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [location],
    }
    related: list[dict[str, Any]] = []
    for number, place in enumerate(finding.related, start=1):
        path = sources.related_path(finding, place)
        rs = sources.related_start(finding, place)
        rend = sources.related_end(finding, place)
        entry: dict[str, Any] = {
            "id": number,
            "message": {"text": place.message},
            "physicalLocation": _physical(path, rs, rend, sources.origin(path, place.start)),
        }
        logical = _logical(place.cell, path, place.start, sources)
        if logical:
            entry["logicalLocations"] = logical
        related.append(entry)
    if related:
        result["relatedLocations"] = related
    result["partialFingerprints"] = {"nianbao/v2": fingerprint(finding, sources)}
    if mark is not None:
        result["suppressions"] = [suppression(mark)]
    if finding.help:
        result["properties"] = {"help": finding.help}
    return result


def fingerprint(finding: Finding, sources: Sources | None = None) -> str:
    """Stable across runs while the finding is the same, whatever lines move around it,
    and the same in every language.

    The rule, the file and the cells at fault; for a finding about no cell, the text
    it points at (from ``sources``; a file-wide finding has none) — never the line
    numbers (as ruff's GitLab fingerprints), nor the message, which changes with the
    language.
    """
    subject = "|".join(map(str, finding.cells)) if finding.cells else _quote(finding, sources)
    digest = hashlib.sha256(f"{finding.code}|{finding.path}|{subject}".encode()).hexdigest()
    return digest[:32]


_MAX_QUOTE = 200


def _quote(finding: Finding, sources: Sources | None) -> str:
    """The text a finding about no cell points at (its first line, at most 200 characters)."""
    if finding.start is None or sources is None:
        return ""
    start, end = sources.start(finding), sources.end(finding)
    excerpt = sources.excerpt(finding.path, start.line, start.column - 1)
    if excerpt is None:  # no text kept: the place itself
        return f"@{finding.start}"
    first = start.column - 1 - excerpt.base
    last = end.column - 1 - excerpt.base if end.line == start.line else len(excerpt.text)
    return excerpt.text[first:max(first + 1, min(last, first + _MAX_QUOTE))]


def sarif_item(finding: Finding, sources: Sources, mark: Mark | None = None) -> str:
    """One result of the SARIF log, on one line."""
    return _encode(sarif_result(finding, sources, mark))


def assemble_sarif(items: Sequence[str], version: str) -> str:
    out = io.StringIO()
    write_sarif(out, items, version)
    return out.getvalue()


def sarif_log(version: str) -> dict[str, Any]:
    """The SARIF log with its rule catalog and no results yet."""
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": TOOL, "version": version,
                                "informationUri": INFORMATION_URI,
                                "rules": [rule_descriptor(r) for r in all_rules()]}},
            "columnKind": "unicodeCodePoints",
        }],
    }


def write_sarif(out: TextIO, items: Iterable[str], version: str) -> None:
    """The log with its results one per line, streamed: ``…"results": [`` is the run
    object's last member, so the encoded log is cut before the run's closing brace."""
    head = _encode(sarif_log(version))
    suffix = "}]}"
    assert head.endswith(suffix)
    out.write(head[:-len(suffix)])
    out.write(', "results": [')
    first = True
    for item in items:
        out.write("\n" if first else ",\n")
        out.write(item)
        first = False
    out.write("]" if first else "\n]")
    out.write(suffix + "\n")


def format_sarif(files: Sequence[Checked], version: str) -> str:
    sources = Sources(files)
    return assemble_sarif([sarif_item(f, sources) for checked in files
                           for f in checked.findings], version)


_RULE_INDEX: dict[str, int] = {}


def _rule_index() -> dict[str, int]:
    if not _RULE_INDEX:
        _RULE_INDEX.update({rule.code: i for i, rule in enumerate(all_rules())})
    return _RULE_INDEX


# ---------------------------------------------------------------- statistics


def statistics(codes: Iterable[str]) -> list[dict[str, Any]]:
    """Count per code, most frequent first (ruff's --statistics)."""
    counts: dict[str, int] = {}
    for code in codes:
        counts[code] = counts.get(code, 0) + 1
    rules = {rule.code: rule for rule in all_rules()}
    out: list[dict[str, Any]] = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = rules.get(code)
        out.append({"code": code, "name": rule.name if rule else code,
                    "severity": rule.severity if rule else "error", "count": count,
                    "title": _(rule.title) if rule else ""})
    return out


def format_statistics_text(rows: Sequence[dict[str, Any]]) -> str:
    if not rows:
        return ""
    width = max(len(str(row["count"])) for row in rows)
    return "".join(f"{row['count']:>{width}}\t{row['code']}\t"
                   f"[{severity_word(row['severity'])}] {row['title']}\n" for row in rows)
