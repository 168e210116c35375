"""The command line in Chinese (issue 11): ``--lang`` on every command, NIANBAO_LANG and
the locale choose it; help, errors, summaries and the rule catalog are Chinese.

Runs of English are found with :func:`tests.language.english_runs`: under Chinese no
two English words may follow each other outside its allowlist (rule codes, formats,
names of programs).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from nianbao.cli import COMMANDS, main
from nianbao.parser.i18n import language, set_language
from tests.conftest import ROOT, SAMPLES
from tests.language import english_runs, has_chinese

SLIP = SAMPLES / "005_arithmetic_slip.txt"


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No language from the machine the tests run on: no variable, no saved setting."""
    for name in ("NIANBAO_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NIANBAO_CONFIG_DIR", str(tmp_path / "config"))
    yield
    set_language("en")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_of_every_command_is_chinese(capsys: pytest.CaptureFixture[str],
                                          command: str | None) -> None:
    argv = ["--lang", "zh", "--help"] if command is None else [command, "--lang", "zh", "-h"]
    code, out, _ = _run(capsys, *argv)
    assert code == 0
    assert out.startswith("用法：nianbao")
    assert english_runs(out) == [], out


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_of_every_command_is_english_by_default(capsys: pytest.CaptureFixture[str],
                                                     command: str | None) -> None:
    argv = ["--help"] if command is None else [command, "-h"]
    code, out, _ = _run(capsys, *argv)
    assert code == 0 and out.startswith("usage: nianbao")
    assert not has_chinese(out.replace("政府信息公开工作年度报告", ""))


@pytest.mark.parametrize("where", ["before", "after", "equals"])
def test_lang_is_taken_before_or_after_the_command(capsys: pytest.CaptureFixture[str],
                                                   where: str) -> None:
    argv = {"before": ["--lang", "zh", "check", str(SLIP)],
            "after": ["check", str(SLIP), "--lang", "zh"],
            "equals": ["check", "--lang=zh", str(SLIP)]}[where]
    code, out, _ = _run(capsys, *argv)
    assert code == 1
    assert out.splitlines()[-1].startswith("发现 ")
    assert language() == "zh"


def test_unknown_language_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "check", "--lang", "fr", str(SLIP))
    assert code == 2 and out == ""
    assert "fr" in err and err.splitlines()[-1].startswith("nianbao check: error:")


def test_usage_errors_are_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "check", "--lang", "zh", "--format", "xml", str(SLIP))
    assert code == 2 and out == ""
    assert err.startswith("用法：") and "错误：" in err
    assert english_runs(err) == [], err
    code, _, err = _run(capsys, "screenshot", "--lang", "zh", str(SLIP), "-o", "x.svg",
                        "--size", "5x5")
    assert code == 2 and "尺寸至少为 20x10" in err


def test_error_paths_are_chinese(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    exists = tmp_path / "out.json"
    exists.write_text("", encoding="utf-8")
    cases = [
        ["check", str(tmp_path / "missing.txt")],
        ["check", str(empty)],
        ["check", str(tmp_path)],
        ["check", "--select", "Z9", str(SLIP)],
        ["check", "--max-size", "0", str(SLIP)],
        ["export", str(tmp_path / "missing.txt")],
        ["export", str(SLIP), "-o", str(exists)],
        ["export", str(SLIP), "-o", str(SLIP), "--force"],
        ["export", str(SLIP), "-o", str(tmp_path)],
        ["export", str(SLIP), "-o", str(tmp_path / "no" / "x.json")],
        ["rules", "Z9"],
        ["screenshot", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "x.svg")],
        ["tui", str(tmp_path / "missing.txt")],
    ]
    for argv in cases:
        code, _, err = _run(capsys, *argv, "--lang", "zh")
        assert code == 2, argv
        assert err.strip() and has_chinese(err), (argv, err)
        assert english_runs(err.replace(str(tmp_path), "")) == [], (argv, err)


def test_unreadable_paths_say_why_in_chinese(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (2 * 2**20))
    code, _, err = _run(capsys, "check", "--lang", "zh", "--max-size", "1", str(big))
    assert code == 2 and "超过 1 MB 的上限" in err
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    code, out, _ = _run(capsys, "check", "--lang", "zh", "--format", "json", str(binary))
    [finding] = json.loads(out)
    assert code == 1 and finding["message"] == "不是文本文件（二进制数据或无法识别的编码）"


def test_rule_listing_is_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "rules", "--lang", "zh")
    assert code == 0
    assert "A — 勾稽关系" in out and "  A001  错误  " in out
    assert english_runs(out) == [], out


def test_statistics_are_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "check", "--lang", "zh", "--statistics", str(SAMPLES))
    assert code == 1
    assert "[错误]" in out and english_runs(out) == [], out


def test_the_summary_is_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "check", "--lang", "zh", str(SAMPLES))
    summary = out.splitlines()[-1]
    assert summary.startswith("发现 ") and "个文件中的" in summary
    assert summary.endswith("个提示。") and "个错误、" in summary and "个警告、" in summary
    _, out, _ = _run(capsys, "check", "--lang", "zh", "--select", "A001",
                     str(SAMPLES / "000_7e335010be635ecf.txt"))
    assert out == "全部通过：1 个文件，未发现问题。\n"


def _cli(env: dict[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if k not in ("NIANBAO_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    return subprocess.run([sys.executable, "-m", "nianbao", *argv], cwd=ROOT,
                          env={**clean, **env}, capture_output=True, text=True,
                          encoding="utf-8", check=False)


def test_the_locale_chooses_chinese_without_the_flag(tmp_path: Path) -> None:
    config = {"NIANBAO_CONFIG_DIR": str(tmp_path)}
    chinese = _cli({**config, "LANG": "zh_CN.UTF-8"}, "check", "--statistics", "sample_reports/")
    assert chinese.returncode == 1 and "[错误]" in chinese.stdout
    english = _cli({**config, "LANG": "en_US.UTF-8"}, "check", "--statistics", "sample_reports/")
    assert "[error]" in english.stdout
    # NIANBAO_LANG before the locale; --lang before both.
    assert "[错误]" in _cli({**config, "LANG": "en_US.UTF-8", "NIANBAO_LANG": "zh"},
                           "check", "--statistics", "sample_reports/").stdout
    assert "[error]" in _cli({**config, "NIANBAO_LANG": "zh"}, "check", "--lang", "en",
                             "--statistics", "sample_reports/").stdout


def test_worker_processes_speak_the_chosen_language(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path) -> None:
    """A folder big enough for the process pool: every worker's messages are Chinese."""
    for index in range(30):
        (tmp_path / f"{index:02}.txt").write_bytes(b"")
    code, out, _ = _run(capsys, "check", "--lang", "zh", "--jobs", "2", "--format", "json",
                        str(tmp_path))
    assert code == 1
    messages = {finding["message"] for finding in json.loads(out)}
    assert messages == {"文件为空"}


def test_every_rule_is_explained_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    """``nianbao rules CODE --lang zh``: what it does, why, an example and how to fix, in
    Chinese, for every rule of the catalog."""
    code, out, _ = _run(capsys, "rules", "--lang", "zh", "--format", "json")
    assert code == 0
    rules = json.loads(out)
    assert len(rules) >= 35
    for rule in rules:
        text = rule["explanation"]
        for heading in ("## 检查内容", "## 为什么是问题", "## 示例", "## 如何修改"):
            assert heading in text, rule["code"]
        assert english_runs(text) == [], (rule["code"], english_runs(text))
        assert english_runs(rule["title"]) == [] and has_chinese(rule["title"]), rule["code"]
        assert english_runs(rule["help"]) == [] and has_chinese(rule["help"]), rule["code"]
        assert rule["help"] in text
    code, out, _ = _run(capsys, "rules", "A002", "--lang", "zh")
    assert out.startswith("A002 column-balance（错误）\n")
    assert "一+二=（七）总计+四" in out and "## 如何修改" in out
    assert english_runs(out) == [], out


def test_rules_keep_their_ids_in_every_language(capsys: pytest.CaptureFixture[str]) -> None:
    _, english, _ = _run(capsys, "rules", "--format", "json")
    _, chinese, _ = _run(capsys, "rules", "--lang", "zh", "--format", "json")
    ids = ("code", "name", "severity", "family")
    assert ([{k: r[k] for k in ids} for r in json.loads(english)]
            == [{k: r[k] for k in ids} for r in json.loads(chinese)])


def _our_lines(out: str) -> list[str]:
    """The lines nianbao writes itself: not the source lines it quotes from reports
    (``63 | …``, ``   | ^^^``), which are the reports' own words."""
    return [line for line in out.splitlines()
            if line.strip() and not line.lstrip().split(" ", 1)[0].isdigit()
            and not line.lstrip().startswith(("|", "..."))]


def test_the_samples_in_chinese_from_the_locale(tmp_path: Path) -> None:
    """Issue 11, acceptance 2: ``LANG=zh_CN.UTF-8 nianbao check sample_reports/``: every
    finding, help line and the summary in Chinese, as with ``--lang zh``."""
    run = _cli({"NIANBAO_CONFIG_DIR": str(tmp_path), "LANG": "zh_CN.UTF-8"},
               "check", "sample_reports/")
    assert run.returncode == 1 and run.stderr == ""
    flagged = _cli({"NIANBAO_CONFIG_DIR": str(tmp_path)}, "check", "--lang", "zh",
                   "sample_reports/")
    assert run.stdout == flagged.stdout
    lines = _our_lines(run.stdout)
    findings = [line for line in lines if line.startswith("sample_reports/")]
    helps = [line for line in lines if line.lstrip().startswith("= 建议：")]
    assert len(findings) > 40 and len(helps) == len(findings)
    for line in lines:
        words = line.split(": ", 1)[-1] if line.startswith("sample_reports/") else line
        assert has_chinese(words) and english_runs(words) == [], line
    assert lines[-1].startswith("发现 ") and lines[-1].endswith("。")


def test_the_readmes_link_each_other() -> None:
    english = (ROOT / "README.md").read_text(encoding="utf-8")
    chinese = (ROOT / "README.zh.md").read_text(encoding="utf-8")
    assert "(README.zh.md)" in "\n".join(english.splitlines()[:4])
    assert "(README.md)" in "\n".join(chinese.splitlines()[:4])
    assert english_runs(chinese) == []
    # The same commands and sections in both.
    for word in ("nianbao check", "nianbao export", "nianbao rules", "nianbao screenshot",
                 "--lang", "NIANBAO_LANG", "ARCHITECTURE.md", "docs/formats.md"):
        assert word in english and word in chinese, word


def test_screenshot_says_what_it_wrote_in_chinese(capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    target = tmp_path / "shot.svg"
    code, out, err = _run(capsys, "screenshot", "--lang", "zh", str(SLIP), "-o", str(target),
                          "--size", "80x24")
    assert code == 0 and out == "" and target.exists()
    assert err.startswith("nianbao: 已写入 ") and english_runs(err.replace(str(target), "")) == []


def test_lang_before_a_bare_path_opens_the_tui(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    """``nianbao --lang zh PATH`` is ``nianbao tui PATH`` in Chinese."""
    code, out, err = _run(capsys, "--lang", "zh", str(tmp_path / "missing"))
    assert code == 2 and out == ""
    assert err == f"nianbao: {tmp_path / 'missing'}：文件或文件夹不存在\n"
