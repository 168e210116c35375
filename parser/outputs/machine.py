"""``--format json|github|sarif``: findings for other programs.

* json — the array of ``spec/contract.md``: code, severity, message, path, line,
  column, end_line, end_column, related (line, column, message; and path when the
  place is in another file), help. Lines and columns are 1-based and count
  characters; a finding about the whole file is at 1:1.
* github — one workflow command per finding (``::error file=…,line=…,col=…::…``),
  escaped as GitHub's toolkit escapes them.
* sarif — SARIF 2.1.0 with the rule catalog in ``tool.driver.rules``, related
  places in ``relatedLocations`` and ``columnKind: unicodeCodePoints``.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from nianbao.parser.model.findings import Finding, Severity
from nianbao.parser.outputs.safe import json_safe, visible
from nianbao.parser.outputs.sources import Checked, Sources
from nianbao.parser.rules.catalog import all_rules
from nianbao.parser.rules.rule import Rule

TOOL = "nianbao"
INFORMATION_URI = "https://github.com/nianbao/nianbao"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

# JSON's string escaping, the json module's C function where there is one.
_string: Callable[[str], str] = json.encoder.encode_basestring


def dumps(data: object) -> str:
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
        related.append(entry)
    return {
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


def _indent(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line for line in text.split("\n"))


def json_item(finding: Finding, sources: Sources) -> str:
    """One finding as it appears in the JSON array: ``json.dumps(indent=2)``, indented by 2.

    Written field by field because ``json.dumps`` falls back to its pure-Python
    encoder whenever ``indent`` is set, and a folder's check renders thousands of
    findings; strings still go through the json module's C escaper.
    """
    item = finding_to_dict(finding, sources)
    out = ["  {"]
    last = len(item) - 1
    for index, (key, value) in enumerate(item.items()):
        comma = "," if index < last else ""
        if key == "related":
            out.append(f'    "related": {_related_json(value)}{comma}')
        else:
            out.append(f"    {_string(key)}: {_scalar(value)}{comma}")
    out.append("  }")
    return json_safe("\n".join(out))


def _related_json(places: list[dict[str, Any]]) -> str:
    if not places:
        return "[]"
    blocks = []
    for place in places:
        fields = [f"        {_string(key)}: {_scalar(value)}" for key, value in place.items()]
        blocks.append("      {\n" + ",\n".join(fields) + "\n      }")
    return "[\n" + ",\n".join(blocks) + "\n    ]"


def _scalar(value: object) -> str:
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def assemble_json(items: Sequence[str]) -> str:
    out = io.StringIO()
    write_json(out, items)
    return out.getvalue()


def write_json(out: TextIO, items: Iterable[str]) -> None:
    """The array, item by item: a folder's output is never held whole in memory."""
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
    props = [f"file={_escape_property(visible(finding.path))}",
             f"line={start.line}", f"col={start.column}"]
    if end.line >= start.line:
        props.append(f"endLine={end.line}")
        if end.line == start.line and end.column > start.column:
            props.append(f"endColumn={end.column}")
    props.append(f"title={_escape_property(f'{TOOL} {finding.code}')}")
    message = f"{finding.code} {visible(finding.message)}"
    if finding.help:
        message += f"\nhelp: {visible(finding.help)}"
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
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.explanation, "markdown": rule.explanation},
        "help": {"text": rule.help, "markdown": rule.help},
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
        "properties": {"tags": [rule.family], "severity": rule.severity},
    }


def sarif_result(finding: Finding, sources: Sources) -> dict[str, Any]:
    start = sources.start(finding)
    end = sources.end(finding)
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": _rule_index()[finding.code],
        "level": _SARIF_LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(finding.path)},
            "region": _region(start.line, start.column, end.line, end.column),
        }}],
    }
    related: list[dict[str, Any]] = []
    for number, place in enumerate(finding.related, start=1):
        path = sources.related_path(finding, place)
        rs = sources.related_start(finding, place)
        rend = sources.related_end(finding, place)
        related.append({
            "id": number,
            "message": {"text": place.message},
            "physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(path)},
                "region": _region(rs.line, rs.column, rend.line, rend.column),
            },
        })
    if related:
        result["relatedLocations"] = related
    result["partialFingerprints"] = {"nianbao/v1": fingerprint(finding)}
    if finding.help:
        result["properties"] = {"help": finding.help}
    return result


def fingerprint(finding: Finding) -> str:
    """Stable across runs while the finding is the same, whatever lines move around it.

    The rule, the file and the cells at fault (or, for findings about no cell, the
    message), not the line numbers — as ruff's GitLab fingerprints.
    """
    subject = "|".join(map(str, finding.cells)) if finding.cells else finding.message
    digest = hashlib.sha256(f"{finding.code}|{finding.path}|{subject}".encode()).hexdigest()
    return digest[:32]


_RESULTS_DEPTH = 8  # runs[0].results[i] in a log dumped with indent=2
_PLACEHOLDER = "@@nianbao-results@@"


def sarif_item(finding: Finding, sources: Sources) -> str:
    text = json.dumps(sarif_result(finding, sources), ensure_ascii=False, indent=2)
    return _indent(json_safe(text), _RESULTS_DEPTH)


def assemble_sarif(items: Sequence[str], version: str) -> str:
    out = io.StringIO()
    write_sarif(out, items, version)
    return out.getvalue()


def write_sarif(out: TextIO, items: Iterable[str], version: str) -> None:
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": TOOL, "version": version,
                                "informationUri": INFORMATION_URI,
                                "rules": [rule_descriptor(r) for r in all_rules()]}},
            "columnKind": "unicodeCodePoints",
            "results": [_PLACEHOLDER],
        }],
    }
    text = dumps(log)
    marker = " " * _RESULTS_DEPTH + json.dumps(_PLACEHOLDER)
    head, tail = text.split(marker)
    first = True
    for item in items:
        out.write(head if first else ",\n")
        out.write(item)
        first = False
    if first:  # no results: an empty array
        out.write(head.rstrip()[:-1] + "[]" + tail.lstrip()[1:])
    else:
        out.write(tail)


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
                    "title": rule.title if rule else ""})
    return out


def format_statistics_text(rows: Sequence[dict[str, Any]]) -> str:
    if not rows:
        return ""
    width = max(len(str(row["count"])) for row in rows)
    return "".join(f"{row['count']:>{width}}\t{row['code']}\t[{row['severity']}] {row['title']}\n"
                   for row in rows)
