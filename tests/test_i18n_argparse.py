"""argparse's own words in Chinese: usage, headings, -h, and its error messages."""

from __future__ import annotations

import argparse
import contextlib
import io
from collections.abc import Iterator

import pytest

from nianbao.parser.i18n import set_language
from nianbao.parser.i18n.argparse_words import (
    ArgumentParser,
    HelpFormatter,
    language_in_argv,
    translate_argparse,
)
from tests.language import english_runs


@pytest.fixture(autouse=True)
def argparse_in_our_catalog() -> Iterator[None]:
    translate_argparse()
    yield
    set_language("en")


def _parser(cls: type[argparse.ArgumentParser] = ArgumentParser) -> argparse.ArgumentParser:
    # Our own help strings, as the shell will write them through _(): here already Chinese.
    parser = cls(prog="nianbao", description="检查政府信息公开工作年度报告。")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = sub.add_parser("check", help="检查报告并列出问题")
    check.add_argument("paths", nargs="+", metavar="PATH", help="文件或文件夹")
    check.add_argument("--format", choices=("text", "json", "github", "sarif"), default="text",
                       help="输出格式")
    check.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="进程数")
    check.add_argument("--lang", choices=("zh", "en"), help="界面语言")
    return parser


def _run(parser: argparse.ArgumentParser, argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            parser.parse_args(argv)
        except SystemExit as stop:
            code = int(stop.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_help_is_chinese() -> None:
    set_language("zh")
    code, out, _ = _run(_parser(), ["check", "-h"])
    assert code == 0
    assert out.startswith("用法：nianbao check [-h]")
    assert "\n位置参数：\n" in out
    assert "\n选项：\n" in out
    assert "-h, --help" in out and "显示此帮助并退出" in out
    assert ":" not in out.replace("{text,json,github,sarif}", "")
    assert english_runs(out) == [], out


def test_top_level_help_and_usage_are_chinese() -> None:
    set_language("zh")
    parser = _parser()
    assert parser.format_usage().startswith("用法：nianbao [-h] COMMAND ...")
    help_text = parser.format_help()
    assert "位置参数：" in help_text and "检查报告并列出问题" in help_text
    assert english_runs(help_text) == [], help_text


@pytest.mark.parametrize(("argv", "message"), [
    (["check"], "nianbao check：错误：缺少以下必需参数：PATH"),
    (["check", "a.txt", "--format", "xml"],
     "nianbao check：错误：参数 --format：无效的选项值：'xml'（可选：'text', 'json', 'github', "
     "'sarif'）"),
    (["check", "a.txt", "-j", "many"], "nianbao check：错误：参数 --jobs/-j：无效的 int 值：'many'"),
    (["check", "a.txt", "--bogus"], "nianbao：错误：无法识别的参数：--bogus"),
    (["check", "a.txt", "--format"], "nianbao check：错误：参数 --format：需要一个参数值"),
    (["lint"], "nianbao：错误：参数 COMMAND：无效的选项值：'lint'（可选：'check'）"),
])
def test_errors_are_chinese_and_exit_2(argv: list[str], message: str) -> None:
    set_language("zh")
    code, out, err = _run(_parser(), argv)
    assert code == 2 and out == ""
    lines = err.splitlines()  # the usage (wrapped), then the error
    assert lines[0].startswith("用法：nianbao")
    assert lines[-1] == message
    assert english_runs(err) == []


@pytest.mark.parametrize("argv", [["check", "-h"], ["-h"], ["check"], ["check", "a", "-j", "x"],
                                  ["check", "a", "--nope"]])
def test_english_is_argparse_unchanged(argv: list[str]) -> None:
    set_language("en")
    assert _run(_parser(), argv) == _run(_parser(argparse.ArgumentParser), argv)


def test_language_switch_applies_to_the_next_parse() -> None:
    parser = _parser()
    set_language("zh")
    assert _run(parser, ["check"])[2].splitlines()[-1].startswith("nianbao check：错误：")
    set_language("en")
    assert _run(parser, ["check"])[2].splitlines()[-1].startswith("nianbao check: error: ")


def test_formatter_can_be_given_alone() -> None:
    set_language("zh")
    parser = argparse.ArgumentParser(prog="x", formatter_class=HelpFormatter)
    assert "\n选项：\n" in parser.format_help()


@pytest.mark.parametrize(("argv", "expected"), [
    (["check", "--lang", "zh", "x"], "zh"),
    (["check", "--lang=en", "x"], "en"),
    (["--lang", "zh", "check", "--lang", "en"], "en"),
    (["check", "x"], None),
    (["check", "--", "--lang", "zh"], None),
    (["check", "--lang"], None),
])
def test_language_in_argv(argv: list[str], expected: str | None) -> None:
    assert language_in_argv(argv) == expected
