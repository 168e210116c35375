"""``nianbao check`` and ``nianbao rules`` end to end: formats, exit codes, safety."""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len

from nianbao.cli import main
from nianbao.parser.rules.catalog import all_rules
from tests.conftest import ROOT, SAMPLES, seed

SLIP = SAMPLES / "005_arithmetic_slip.txt"


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _inputs_unchanged(samples_unchanged: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Colour decisions must not depend on the environment the tests run in.
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield


def test_no_color_and_force_color(capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, out, _ = run_cli(capsys, "check", str(SLIP))
    assert "\x1b[" in out
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = run_cli(capsys, "check", str(SLIP))
    assert "\x1b" not in out
    _, out, _ = run_cli(capsys, "check", "--color", "always", str(SLIP))
    assert "\x1b[" in out


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- exit codes


def test_exit_0_when_no_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "check", str(seed("004")))
    assert code == 0
    assert "M004" in out
    assert out.rstrip().endswith("0 errors, 0 warnings, 1 info.")


def test_exit_1_on_an_error_and_exit_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "check", str(SLIP))
    assert code == 1
    assert re.search(r"005_arithmetic_slip\.txt:63:31: A001 ", out)
    code, _, _ = run_cli(capsys, "check", "--exit-zero", str(SLIP))
    assert code == 0


def test_exit_2_for_a_missing_path_but_the_others_are_checked(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run_cli(capsys, "check", str(tmp_path / "nope.txt"), str(SLIP))
    assert code == 2
    assert "nope.txt" in err and "Traceback" not in err
    assert "A001" in out
    code, _, _ = run_cli(capsys, "check", "--exit-zero", str(tmp_path / "nope.txt"))
    assert code == 2


def test_path_errors_on_stderr_are_terminal_safe(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    code, _, err = run_cli(capsys, "check", str(tmp_path / "no\x1b]0;x\x07such.txt"))
    assert code == 2
    assert "\x1b" not in err and "\x07" not in err and "\\x1b]0;x\\x07" in err


def test_unknown_rule_code_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "check", "--select", "Z9", str(SLIP))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Z9" in err


@pytest.mark.parametrize("content", [b"", random.Random(1).randbytes(4000),
                                     bytes(range(256)) * 40], ids=["empty", "random", "bytes"])
def test_unreadable_file_is_e001_not_a_traceback(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path, "bad.txt", content)
    code, out, err = run_cli(capsys, "check", "--format", "json", str(path))
    assert code == 1 and err == ""
    [finding] = json.loads(out)
    assert finding["code"] == "E001" and finding["line"] == 1 and finding["column"] == 1


def test_unreadable_file_counts_only_when_e001_is_selected(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "bad.txt", b"")
    code, out, _ = run_cli(capsys, "check", "--ignore", "E", "--format", "json", str(path))
    assert code == 0 and json.loads(out) == []


# ---------------------------------------------------------------- select / ignore / statistics


def test_select_and_ignore(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "check", "--format", "json", "--select", "A", str(SLIP))
    assert {f["code"] for f in json.loads(out)} == {"A001", "A002"}
    _, out, _ = run_cli(capsys, "check", "--format", "json", "--select", "A,M", "--ignore",
                        "A002", str(SLIP))
    assert {f["code"] for f in json.loads(out)} == {"A001", "M004"}
    code, out, _ = run_cli(capsys, "check", "--format", "json", "--ignore", "M004",
                           str(seed("004")))
    assert code == 0 and json.loads(out) == []


def test_statistics(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "check", "--statistics", str(SAMPLES))
    assert code == 1
    rows = [line.split("\t") for line in out.splitlines()]
    assert all(len(row) == 3 for row in rows)
    counts = {row[1]: int(row[0]) for row in rows}
    assert counts["A001"] == 1 and counts["V001"] >= 2
    assert [int(r[0]) for r in rows] == sorted((int(r[0]) for r in rows), reverse=True)
    _, out, _ = run_cli(capsys, "check", "--statistics", "--format", "json", str(SAMPLES))
    data = json.loads(out)
    assert {"code": "A001", "name": "row-total", "severity": "error", "count": 1,
            "title": all_rules()[0].title} in data


# ---------------------------------------------------------------- json


def test_json_matches_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "check", "--format", "json", str(SLIP))
    data = json.loads(out)
    a001 = next(f for f in data if f["code"] == "A001")
    assert list(a001) == ["code", "severity", "message", "path", "line", "column", "end_line",
                          "end_column", "related", "help"]
    assert (a001["line"], a001["column"], a001["end_line"], a001["end_column"]) == (63, 31, 63, 32)
    assert a001["related"][0] == {"line": 63, "column": 19, "message": "自然人 = 0"}
    assert a001["severity"] == "error" and a001["path"] == str(SLIP)
    lines = SLIP.read_text(encoding="utf-8").splitlines()
    for finding in data:
        for place in [finding, *finding["related"]]:
            assert 1 <= place["line"] <= len(lines)


def test_json_positions_point_at_the_cell_text(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "check", "--format", "json", "--select", "A", str(SLIP))
    lines = SLIP.read_text(encoding="utf-8").splitlines()
    for finding in json.loads(out):
        line = lines[finding["line"] - 1]
        assert line[finding["column"] - 1].isdigit()
        for place in finding["related"]:
            value = place["message"].rsplit(" = ", 1)[1]
            assert lines[place["line"] - 1][place["column"] - 1:].startswith(value)


# ---------------------------------------------------------------- github


def test_github_one_annotation_per_finding(capsys: pytest.CaptureFixture[str]) -> None:
    _, json_out, _ = run_cli(capsys, "check", "--format", "json", str(SAMPLES))
    _, out, _ = run_cli(capsys, "check", "--format", "github", str(SAMPLES))
    lines = out.splitlines()
    assert len(lines) == len(json.loads(json_out))
    # A place in a text or web page is a line and column; a Word or PDF file has no lines GitHub
    # could point at, so its annotation names the file and says the place (table, row, cell) in words.
    pattern = re.compile(r"^::(error|warning|notice) file=([^,]+?)(,line=\d+,col=\d+)?(,[a-zA-Z]+=[^,]*)*::.+")
    for line in lines:
        match = pattern.match(line)
        assert match, line
        if match[2].endswith((".txt", ".md")):
            assert match[3], line
        if match[2].endswith(".docx"):
            assert not match[3] and "(Word " in line, line
    assert any(line.startswith("::error file=") and "A001" in line for line in lines)
    assert any(line.startswith("::notice ") for line in lines)


def test_github_escapes_data_and_properties(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path) -> None:
    path = write(tmp_path, "a,b:100%.txt", SLIP.read_text(encoding="utf-8"))
    _, out, _ = run_cli(capsys, "check", "--format", "github", "--select", "A001", str(path))
    [line] = out.splitlines()
    assert "file=" + str(tmp_path).replace(":", "%3A").replace(",", "%2C") in line
    assert "a%2Cb%3A100%25.txt" in line
    assert "%0Ahelp: " in line  # the help on a second line of the annotation


# ---------------------------------------------------------------- sarif

_ALLOWED = {
    "log": {"$schema", "version", "runs", "inlineExternalProperties", "properties"},
    "run": {"tool", "results", "columnKind", "invocations", "artifacts", "originalUriBaseIds",
            "properties"},
    "driver": {"name", "version", "informationUri", "rules", "semanticVersion", "properties"},
    "rule": {"id", "name", "shortDescription", "fullDescription", "help", "helpUri",
             "defaultConfiguration", "properties"},
    "result": {"ruleId", "ruleIndex", "level", "message", "locations", "relatedLocations",
               "properties", "kind", "fingerprints", "partialFingerprints", "suppressions"},
    "location": {"id", "physicalLocation", "logicalLocations", "message", "properties"},
    "logical": {"name", "fullyQualifiedName", "kind", "index", "properties"},
    "physical": {"artifactLocation", "region", "properties"},
    "region": {"startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength"},
}


def check_keys(kind: str, obj: dict[str, object]) -> None:
    assert isinstance(obj, dict)
    extra = set(obj) - _ALLOWED[kind]
    assert not extra, f"{kind} has properties SARIF 2.1.0 does not define: {extra}"


def check_location(loc: dict, related: bool) -> None:  # type: ignore[type-arg]
    check_keys("location", loc)
    if related:
        assert isinstance(loc["id"], int) and loc["id"] >= 0
        assert isinstance(loc["message"]["text"], str)
    phys = loc["physicalLocation"]
    check_keys("physical", phys)
    assert isinstance(phys["artifactLocation"]["uri"], str)
    assert " " not in phys["artifactLocation"]["uri"]
    for logical in loc.get("logicalLocations", []):
        check_keys("logical", logical)
        assert logical["kind"] == "element" and logical["fullyQualifiedName"]
    if "region" not in phys:
        # A place in a Word, PDF or web page has no lines in the file itself: it is told as
        # the document's own place (table, row, cell or page) in the location's properties.
        assert not phys["artifactLocation"]["uri"].endswith((".txt", ".md"))
        assert set(phys["properties"]) & {"table", "page", "paragraph"}
        return
    region = phys["region"]
    check_keys("region", region)
    for key in region:
        assert isinstance(region[key], int) and region[key] >= 1, key
    if "endLine" in region:
        assert (region["endLine"], region.get("endColumn", 1)) >= (region["startLine"],
                                                                    region["startColumn"])


def test_sarif_2_1_0_structure(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    other = write(tmp_path, "空 格.txt", b"")  # E001, a name to percent-encode
    _, out, _ = run_cli(capsys, "check", "--format", "sarif", str(SAMPLES), str(other))
    log = json.loads(out)
    check_keys("log", log)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    [run] = log["runs"]
    check_keys("run", run)
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    check_keys("driver", driver)
    assert driver["name"] == "nianbao"
    ids = [rule["id"] for rule in driver["rules"]]
    assert len(ids) == len(set(ids)) == len(all_rules())
    for rule in driver["rules"]:
        check_keys("rule", rule)
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("none", "note", "warning", "error")
        assert all(isinstance(t, str) for t in rule["properties"]["tags"])
    assert run["results"]
    for result in run["results"]:
        check_keys("result", result)
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("none", "note", "warning", "error")
        assert isinstance(result["message"]["text"], str) and result["message"]["text"]
        [loc] = result["locations"]
        check_location(loc, related=False)
        for rel in result.get("relatedLocations", []):
            check_location(rel, related=True)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in run["results"]}
    assert any("%20" in uri and "%E7%A9%BA" in uri for uri in uris)
    prints = [r["partialFingerprints"]["nianbao/v2"] for r in run["results"]]
    assert len(set(prints)) == len(prints)
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["A001"] == "error" and levels["M004"] == "note"


# ---------------------------------------------------------------- text output


def test_text_output_reads_like_a_compiler(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "check", "--select", "A001", str(SLIP))
    lines = out.splitlines()
    assert lines[0].startswith(f"{SLIP}:63:31: A001 一、本年新收: ")
    source = next(line for line in lines if line.startswith("63 | "))
    assert "一、本年新收政府信息公开申请数量" in source
    assert any("- 科研机构 = 2" in line for line in lines)
    assert any(line.strip().startswith("= help: ") for line in lines)


def test_carets_line_up_under_the_cell_with_wide_characters(
        capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "check", "--select", "A001", str(SLIP))
    lines = out.splitlines()
    source_index = next(i for i, line in enumerate(lines) if line.startswith("63 | "))
    source = lines[source_index]
    caret = lines[source_index + 1]
    assert caret.rstrip().endswith("^")
    caret_column = cell_len(caret[:caret.index("^")])
    # The cell under the caret is 总计 = "4": count display columns on the source line.
    row = SLIP.read_text(encoding="utf-8").splitlines()[62]
    expanded = ""
    for ch in row[:30]:  # column 31 is the total cell
        expanded += " " * (4 - cell_len(expanded) % 4) if ch == "\t" else ch
    assert caret_column == cell_len("63 | ") + cell_len(expanded)
    assert source[len("63 | "):].startswith(expanded)
    for label, value in (("科研机构", "2"), ("商业企业", "3")):
        marker = next(line for line in lines if f"- {label} = {value}" in line)
        column = cell_len(marker[:marker.index("-")])
        assert source_text_at(source, column) == value


def source_text_at(line: str, display_column: int) -> str:
    width = 0
    for ch in line:
        if width == display_column:
            return ch
        width += cell_len(ch)
    return ""


HOSTILE = ("\x1b[31mRED\x1b]0;pwned\x07\x9b2J\u202eevil\u2066[bold red]MARKUP[/bold red]"
           "[link=https://x]y[/link]\x08\x7f")


def hostile_report(tmp_path: Path) -> Path:
    text = (SAMPLES / "005_arithmetic_slip.txt").read_text(encoding="utf-8")
    text = text.replace("一、本年新收政府信息公开申请数量\t", f"一、本年新收政府信息公开申请数量{HOSTILE}\t", 1)
    # Inside heading 五, which it makes non-standard: S002 quotes the line whole.
    text = text.replace("五、存在的主要问题及改进情况", f"五、存在的主要问题{HOSTILE}及改进情况", 1)
    return write(tmp_path, f"x{HOSTILE[:6]}.txt", text)


@pytest.mark.parametrize("color", ["never", "always", "auto"])
def test_no_control_character_reaches_the_terminal(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, color: str) -> None:
    path = hostile_report(tmp_path)
    before = digest(path)
    _, out, err = run_cli(capsys, "check", "--color", color, str(path))
    assert "A001" in out and "M004" in out
    # The only escape sequences allowed are our own colours (SGR: ESC [ digits ; m).
    stripped = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", stripped)
    if color == "never" or color == "auto":
        assert "\x1b" not in out
    else:
        assert "\x1b[" in out
    assert "\\x1b[31mRED" in stripped and "\\u202e" in stripped and "\\x9b2J" in stripped
    # Rich markup from the report prints as written.
    assert "[bold red]MARKUP[/bold red]" in stripped and "[link=https://x]y[/link]" in stripped
    assert digest(path) == before


@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_machine_formats_are_terminal_safe(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                           fmt: str) -> None:
    path = hostile_report(tmp_path)
    _, out, _ = run_cli(capsys, "check", "--format", fmt, str(path))
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out)
    if fmt != "github":
        data = json.loads(out)  # still valid JSON, the data unchanged
        paths = ([f["path"] for f in data] if fmt == "json" else
                 [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                  for r in data["runs"][0]["results"]])
        assert all(HOSTILE[:6] in p or "%1B%5B31mR" in p for p in paths)


def test_color_only_on_request_or_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    _, plain, _ = run_cli(capsys, "check", str(SLIP))
    assert "\x1b" not in plain
    _, colored, _ = run_cli(capsys, "check", "--color", "always", str(SLIP))
    assert "\x1b[" in colored
    assert re.sub(r"\x1b\[[0-9;]*m", "", colored) == plain


def test_long_lines_are_cut_around_the_marker(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path) -> None:
    text = seed("004").read_text(encoding="utf-8").replace(
        "全年共办理政府信息公开申请4件", "全年共办理政府信息公开申请9件")
    path = write(tmp_path, "long.txt", text)
    _, out, _ = run_cli(capsys, "check", "--select", "X001", str(path))
    source = next(line for line in out.splitlines() if line.startswith("27 | "))
    assert cell_len(source) <= 100 + 30 and "…" in source and "9件" in source
    caret = out.splitlines()[out.splitlines().index(source) + 1]
    assert source_text_at(source, cell_len(caret[:caret.index("^")])) == "9"


# ---------------------------------------------------------------- many files, years


def test_pool_output_is_deterministic(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for i in range(30):
        source = [SLIP, seed("001"), seed("002"), seed("004")][i % 4]
        write(tmp_path, f"r{i:02d}.txt", source.read_bytes())
    _, serial, _ = run_cli(capsys, "check", "--format", "json", "--jobs", "1", str(tmp_path))
    _, pooled, _ = run_cli(capsys, "check", "--format", "json", "--jobs", "3", str(tmp_path))
    assert serial == pooled
    assert len({f["path"] for f in json.loads(serial)}) == 30


def test_a_folder_of_one_agency_gets_cross_year_findings(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = seed("004").read_text(encoding="utf-8")
    write(tmp_path, "2020.txt", text.replace(
        "四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0", "四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t2").replace(
        "二、上年结转政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0", "二、上年结转政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t2"))
    write(tmp_path, "2021.txt", text.replace("2020", "2021").replace("2021 年 1 月", "2021 年 1 月"))
    _, out, _ = run_cli(capsys, "check", "--format", "json", "--select", "Y", str(tmp_path))
    data = json.loads(out)
    y001 = [f for f in data if f["code"] == "Y001"]
    assert len(y001) == 1 and y001[0]["path"].endswith("2021.txt")
    assert y001[0]["related"][0]["path"].endswith("2020.txt")
    assert any(f["code"] == "Y004" for f in data)  # the same text, year changed
    _, text_out, _ = run_cli(capsys, "check", "--select", "Y001", str(tmp_path))
    assert "::: " in text_out and "2020.txt:85:" in text_out


# ---------------------------------------------------------------- rules command


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "rules")
    assert code == 0
    for rule in all_rules():
        assert f"  {rule.code}  " in out


def test_rules_explains_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "rules", "a002")
    assert code == 0
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## How to fix"):
        assert heading in out
    assert out.startswith("A002 column-balance (error)")


def test_rules_prefix_json_and_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "rules", "X", "--format", "json")
    assert code == 0 and [r["code"] for r in json.loads(out)] == ["X001", "X002", "X003", "X004"]
    code, out, err = run_cli(capsys, "rules", "Q123")
    assert code == 2 and out == "" and err.count("\n") == 1 and "Q123" in err


# ---------------------------------------------------------------- as a program


def test_subprocess_run_has_no_traceback_and_keeps_inputs(tmp_path: Path) -> None:
    paths = [write(tmp_path, "empty.txt", b""), hostile_report(tmp_path), SLIP]
    before = [digest(p) for p in paths]
    for fmt in ("text", "json", "github", "sarif"):
        done = subprocess.run([sys.executable, "-m", "nianbao", "check", "--format", fmt,
                               *map(str, paths)], capture_output=True, text=True, cwd=ROOT,
                              env={**os.environ, "COLUMNS": "80"}, timeout=120)
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr
    assert [digest(p) for p in paths] == before
