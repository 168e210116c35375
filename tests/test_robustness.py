"""Any input at all gives a Report or a ReportError, never another exception.

Hypothesis feeds arbitrary bytes, truncated seeds, seeds with lines deleted,
duplicated or shuffled, and seeds with hostile characters inserted (radicals,
U+3000, bidi controls, NUL, BOMs, line separators, lone surrogates). Each result
also goes through ``report_to_dict`` and the whole checker (every rule, the text
and JSON renderings), since export and check are what users run.
Example counts are sized for a 2-core CI machine: the file takes well under a
minute.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nianbao.parser.document.parse import parse_bytes
from nianbao.parser.errors import ReportError
from nianbao.parser.model.report import Report
from nianbao.parser.outputs.export import report_to_dict
from nianbao.parser.outputs.machine import format_json
from nianbao.parser.outputs.sources import Checked
from nianbao.parser.outputs.text import format_text
from nianbao.parser.rules.checker import check_report
from tests.generator import ENCODING_NAMES, generate
from tests.generator.encodings import encode

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "sample_reports").glob("00[0-4]_*.txt"))
SEED_BYTES = [p.read_bytes() for p in SEEDS]
SEED_LINES = [re.split(r"(?<=\n)", p.read_text(encoding="utf-8")) for p in SEEDS]

# A few generated reports in the encodings the seeds lack (UTF-16 without BOM,
# GB18030), so truncation also cuts through multi-byte and two-byte units.
OTHERS = [generate(90_000 + n, encoding=enc).data for n, enc in enumerate(ENCODING_NAMES)]

FAST = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

HOSTILE = (
    "⼀⼆⾏⽂⼈⺠⻔⻓⻛⼾"  # Kangxi radicals and CJK Radicals Supplement
    "\u3000\xa0\u200b\ufeff"  # ideographic space, NBSP, zero width, BOM
    "\u202e\u202d\u2066\u2067\u2068\u2069\u200f\u200e"  # bidi controls
    "\x00\x0b\x0c\x1c\x85\u2028\u2029\r\n\t"  # NUL and every odd line break
    "０１２３４５６７８９－．％|｜"  # full-width digits and pipes
    "\ud800\udfff"  # lone surrogates (encode to invalid UTF-8)
)


def _parses_or_refuses(data: bytes) -> None:
    try:
        report = parse_bytes(data, "hypothesis.txt")
    except ReportError as error:
        assert str(error).startswith("hypothesis.txt: ")
        assert "\n" not in str(error)  # one line, fit to show a user
        return
    assert isinstance(report, Report)
    text = report.text
    # Every exported cell's raw text sits where its line and column say.
    exported = report_to_dict(report)
    for table in exported["tables"].values():
        for cell_id, cell in table["cells"].items():
            at = report.line_index.offset(cell["line"], cell["column"])
            assert text.startswith(cell["raw"], at), (cell_id, cell)
    findings = check_report(report)
    for finding in findings:
        assert finding.severity in ("error", "warning", "info")
        if finding.start is not None:
            assert 0 <= finding.start <= (finding.end or finding.start) <= len(text) + 1
        assert all(0 <= r.start <= r.end <= len(text) + 1 for r in finding.related)
    checked = [Checked.from_report(report, findings)]
    # What check --format json prints parses back, one item per finding.
    items = json.loads(format_json(checked))
    assert [item["code"] for item in items] == [f.code for f in findings]
    # The text format: one block per finding, led by its place and code, then a summary.
    blocks = list(format_text(checked, width=100))
    assert len(blocks) == len(findings) + 1
    for block, finding in zip(blocks, findings, strict=False):
        assert f": {finding.code} " in block.plain.split("\n", 1)[0]


@FAST
@given(st.binary(max_size=4096))
def test_any_bytes(data: bytes) -> None:
    _parses_or_refuses(data)


@FAST
@given(st.sampled_from(SEED_BYTES + OTHERS), st.floats(0, 1))
def test_truncated(data: bytes, share: float) -> None:
    _parses_or_refuses(data[: int(len(data) * share)])


@FAST
@given(st.sampled_from(SEED_BYTES), st.integers(0, 2**16), st.binary(min_size=1, max_size=64))
def test_seed_with_bytes_spliced_in(data: bytes, at: int, junk: bytes) -> None:
    at %= len(data) + 1
    _parses_or_refuses(data[:at] + junk + data[at:])


@st.composite
def _edited_lines(draw: st.DrawFn) -> list[str]:
    lines = list(draw(st.sampled_from(SEED_LINES)))
    for _ in range(draw(st.integers(1, 12))):
        if not lines:
            break
        op = draw(st.sampled_from(("delete", "duplicate", "move", "delete_run", "dup_run")))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "move":
            lines.insert(draw(st.integers(0, len(lines) - 1)), lines.pop(i))
        elif op == "delete_run":
            del lines[i:i + draw(st.integers(2, 60))]
        else:
            lines[i:i] = lines[i:i + draw(st.integers(2, 60))]
    return lines


@FAST
@given(_edited_lines())
def test_seed_lines_deleted_duplicated_moved(lines: list[str]) -> None:
    _parses_or_refuses("".join(lines).encode("utf-8"))


@settings(FAST, max_examples=80)
@given(st.sampled_from(SEED_LINES), st.randoms(use_true_random=False))
def test_seed_lines_shuffled(lines: list[str], rng) -> None:
    shuffled = list(lines)
    rng.shuffle(shuffled)
    _parses_or_refuses("".join(shuffled).encode("utf-8"))


@FAST
@given(
    st.sampled_from(SEED_LINES),
    st.lists(st.tuples(st.integers(0, 2**16), st.text(alphabet=HOSTILE, min_size=1,
                                                      max_size=8)), min_size=1, max_size=30),
    st.sampled_from(("utf-8", "utf-16-le", "utf-16-be-bom", "gb18030")),
)
def test_seed_with_hostile_characters(lines: list[str], inserts, encoding: str) -> None:
    text = "".join(lines)
    for at, chars in inserts:
        at %= len(text) + 1
        text = text[:at] + chars + text[at:]
    # Lone surrogates cannot be encoded; write them as the invalid bytes a broken
    # converter would (surrogatepass), which is exactly the input we want.
    try:
        data = encode(text, encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8", errors="surrogatepass")
    _parses_or_refuses(data)


@settings(FAST, max_examples=60)
@given(st.sampled_from(SEED_LINES), st.sampled_from(("", " ", "\t", "\u3000")))
def test_seed_on_one_line(lines: list[str], joiner: str) -> None:
    """Web pages flattened whole reports onto one line (domain.md)."""
    _parses_or_refuses(joiner.join(line.rstrip("\r\n") for line in lines).encode("utf-8"))
