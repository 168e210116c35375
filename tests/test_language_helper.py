"""tests/language.py: what counts as English left in Chinese text."""

from __future__ import annotations

import pytest

from tests.language import KEY_NAMES, english_runs, has_chinese


@pytest.mark.parametrize("text", [
    "一、本年新收：六类申请人合计 0+3+2+0+0+0=5，与总计 4 不符",
    "A002 一+二=3+0=3，但（七）总计+四=2+0=2（商业企业列）",
    "发现 44 个问题：2 个错误、34 个警告、8 个提示",
    "sample_reports/005_arithmetic_slip.txt:143:9: A001 错误",
    "单元格 applications:new_received.total 为空",
    "按 ctrl+p 搜索命令，--lang zh 切换语言",
    "导出为 JSON、CSV 或 SARIF；PDF、DOCX、HTML 文件按内容识别",
    "需要 LibreOffice 才能读取 .doc 文件；在 tmux 中运行 nianbao",
    "运行 `nianbao rules --format json` 查看规则",
    "用法：nianbao check [-h] [--format {text,json,github,sarif}] PATH [PATH ...]",
    "```\nthe six applicant columns add up\n```\n说明",
    "按 j 或 G 移动",
    "X001 text-applications（警告）",
])
def test_chinese_text_has_no_english_run(text: str) -> None:
    assert english_runs(text) == []


@pytest.mark.parametrize(("text", "runs"), [
    ("一、本年新收: the six applicant columns add up to 5", ["the six applicant columns add up to"]),
    ("发现 3 个问题 (2 errors, 1 warning)", ["errors warning"]),
    ("open PDF file", ["open file"]),
    ("按 A002 see the rule 查看", ["see the rule"]),
    ("Files 文件 Sections", []),
    ("Files  Sections", ["Files Sections"]),
    ("the year's results", ["the year's results"]),
    ("carried-over applications", ["carried-over applications"]),
    ("错误：Quit the app.", ["Quit the app"]),
    ("one\ntwo", []),
])
def test_english_runs_are_found(text: str, runs: list[str]) -> None:
    assert english_runs(text) == runs


def test_key_names_are_words_unless_allowed() -> None:
    line = "g home  G end  首项与末项"
    assert english_runs(line) == ["home end"]
    assert english_runs(line, allow=KEY_NAMES) == []


def test_has_chinese() -> None:
    assert has_chinese("错误")
    assert has_chinese("{heading}：")
    assert not has_chinese("error: %(message)s")
    assert not has_chinese("")
