"""``check --format json`` and ``sarif``: written by the json module's C encoder, one finding
(or SARIF result) per line; whatever the strings hold, the output parses back to the same
data and no character that can talk to a terminal is written raw."""

from __future__ import annotations

import io
import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao.parser.core.check import read_report
from nianbao.parser.model.findings import Finding, Related
from nianbao.parser.outputs.machine import (
    finding_to_dict,
    json_item,
    sarif_item,
    sarif_result,
    write_json,
    write_sarif,
)
from nianbao.parser.outputs.sources import Checked, SourceMap, Sources, finding_offsets
from nianbao.parser.rules.checker import check_report
from tests.conftest import SAMPLES

# What may not reach a terminal raw: C0 but tab/LF/CR are escaped by JSON itself.
_RAW_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                         "\u2028\u2029\ufff9-\ufffb]")


def _sources(path: str, text: str, findings: list[Finding]) -> Sources:
    from nianbao.parser.reading.positions import LineIndex

    return Sources([Checked(path, SourceMap.build(LineIndex(text), finding_offsets(findings)),
                            findings)])


def test_seed_findings_round_trip_one_per_line() -> None:
    compared = related = 0
    for path in sorted(SAMPLES.glob("*.txt")):
        report = read_report(path)
        findings = check_report(report)
        sources = Sources([Checked.from_report(report, findings)])
        items = [json_item(f, sources) for f in findings]
        out = io.StringIO()
        write_json(out, items)
        lines = out.getvalue().split("\n")
        assert lines == ["[]", ""] if not findings else (
            lines[0] == "[" and lines[-2] == "]" and len(lines) == len(findings) + 3)
        assert json.loads(out.getvalue()) == [finding_to_dict(f, sources) for f in findings]
        for finding, item in zip(findings, items, strict=True):
            assert "\n" not in item
            assert json.loads(item) == finding_to_dict(finding, sources)
            compared += 1
            related += bool(finding.related)
    assert compared > 20 and related > 5  # the seeds do exercise related places


def test_sarif_streams_results_one_per_line() -> None:
    report = read_report(next(SAMPLES.glob("005_*")))
    findings = check_report(report)
    sources = Sources([Checked.from_report(report, findings)])
    out = io.StringIO()
    write_sarif(out, [sarif_item(f, sources) for f in findings], "9.9")
    log = json.loads(out.getvalue())
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["tool"]["driver"]["version"] == "9.9"
    assert run["results"] == [sarif_result(f, sources) for f in findings]
    assert len(out.getvalue().splitlines()) == len(findings) + 2
    empty = io.StringIO()
    write_sarif(empty, [], "9.9")
    assert json.loads(empty.getvalue())["runs"][0]["results"] == []


_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)


@settings(max_examples=200, deadline=None)
@given(message=_TEXT, path=_TEXT, help_text=_TEXT,
       related=st.lists(_TEXT, max_size=3),
       start=st.none() | st.integers(0, 30))
def test_any_strings_round_trip_and_stay_safe(message: str, path: str, help_text: str,
                                              related: list[str],
                                              start: int | None) -> None:
    text = "第一行\n第二行 \u202e[bold]\x1b[31m\n\n末行"
    places = tuple(Related(start=i, end=i + 1, message=m) for i, m in enumerate(related))
    finding = Finding(code="A001", severity="error", message=message, path=path, start=start,
                      end=None if start is None else start + 2, related=places, help=help_text)
    sources = _sources(path, text, [finding])
    for item, data in ((json_item(finding, sources), finding_to_dict(finding, sources)),
                       (sarif_item(finding, sources), sarif_result(finding, sources))):
        assert "\n" not in item
        assert _RAW_UNSAFE.search(item) is None
        assert json.loads(item) == data
