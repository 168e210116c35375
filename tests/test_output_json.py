"""The JSON array items are written by hand for speed; they must stay exactly what
``json.dumps(indent=2)`` writes (indented by two), escaping included."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao.parser.core.check import read_report
from nianbao.parser.model.findings import Finding, Related
from nianbao.parser.outputs.machine import finding_to_dict, json_item
from nianbao.parser.outputs.safe import json_safe
from nianbao.parser.outputs.sources import Checked, SourceMap, Sources, finding_offsets
from nianbao.parser.rules.checker import check_report
from tests.conftest import SAMPLES


def _reference(finding: Finding, sources: Sources) -> str:
    text = json_safe(json.dumps(finding_to_dict(finding, sources), ensure_ascii=False, indent=2))
    return "\n".join("  " + line for line in text.split("\n"))


def _sources(path: str, text: str, findings: list[Finding]) -> Sources:
    from nianbao.parser.reading.positions import LineIndex

    return Sources([Checked(path, SourceMap.build(LineIndex(text), finding_offsets(findings)),
                            findings)])


def test_seed_findings_match_json_dumps() -> None:
    compared = related = 0
    for path in sorted(SAMPLES.glob("*.txt")):
        report = read_report(path)
        findings = check_report(report)
        sources = Sources([Checked.from_report(report, findings)])
        for finding in findings:
            assert json_item(finding, sources) == _reference(finding, sources)
            compared += 1
            related += bool(finding.related)
    assert compared > 20 and related > 5  # the seeds do exercise related places


_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)


@settings(max_examples=200, deadline=None)
@given(message=_TEXT, path=_TEXT, help_text=_TEXT,
       related=st.lists(_TEXT, max_size=3),
       start=st.none() | st.integers(0, 30))
def test_any_strings_match_json_dumps(message: str, path: str, help_text: str,
                                      related: list[str],
                                      start: int | None) -> None:
    text = "第一行\n第二行 \u202e[bold]\x1b[31m\n\n末行"
    places = tuple(Related(start=i, end=i + 1, message=m) for i, m in enumerate(related))
    finding = Finding(code="A001", severity="error", message=message, path=path, start=start,
                      end=None if start is None else start + 2, related=places, help=help_text)
    sources = _sources(path, text, [finding])
    item = json_item(finding, sources)
    assert item == _reference(finding, sources)
    assert json.loads(item) == finding_to_dict(finding, sources)
