"""Every rule's messages in Chinese, and machine output the same in both languages
(issue 11, acceptance 1, 2 and 4).

The corpus (:mod:`tests.message_corpus`) is a folder on which every rule of the
catalog fires: samples, real texts and originals, an agency's seven years, generated
reports with one mutation each, files that are no reports. ``nianbao check`` reads
it once per language and format; under Chinese no finding's message, help or related
note shows two English words in a row, and the JSON and SARIF outputs differ from
the English ones only in the fields that carry words.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from nianbao.cli import main
from nianbao.parser.i18n import set_language
from nianbao.parser.rules.catalog import all_rules
from tests import message_corpus
from tests.language import english_runs, has_chinese


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    yield
    set_language("en")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, tuple[str, ...]]]:
    folder = tmp_path_factory.mktemp("messages") / "corpus"
    expected = message_corpus.build(folder)
    return folder, expected


_RUNS: dict[tuple[str, str, str], str] = {}


def _check(folder: Path, lang: str, fmt: str) -> str:
    """``nianbao check --lang LANG --format FMT`` on the corpus, once per module."""
    key = (str(folder), lang, fmt)
    if key not in _RUNS:
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = main(["check", "--lang", lang, "--format", fmt, "--jobs", "1", str(folder)])
        assert code == 1
        _RUNS[key] = out.getvalue()
        set_language("en")
    return _RUNS[key]


def _findings(folder: Path, lang: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(_check(folder, lang, "json"))
    return found


def test_every_rule_fires_on_the_corpus(corpus: tuple[Path, dict[str, tuple[str, ...]]]) -> None:
    folder, expected = corpus
    found = _findings(folder, "en")
    assert {f["code"] for f in found} == {rule.code for rule in all_rules()}
    by_file: dict[str, set[str]] = {}
    for finding in found:
        by_file.setdefault(Path(finding["path"]).name, set()).add(finding["code"])
    for name, codes in expected.items():
        assert set(codes) <= by_file.get(name, set()), (name, by_file.get(name))


def _words(finding: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, text) of every text of a finding a person reads."""
    texts = [("message", finding["message"]), ("help", finding["help"])]
    texts += [("related", r["message"]) for r in finding["related"]]
    return texts


FAMILIES = sorted({rule.code[0] for rule in all_rules()})


@pytest.mark.parametrize("family", FAMILIES)
def test_every_message_is_chinese(corpus: tuple[Path, dict[str, tuple[str, ...]]],
                                  family: str) -> None:
    folder, _ = corpus
    english: list[tuple[str, str, str, list[str]]] = []
    for finding in _findings(folder, "zh"):
        if finding["code"][0] != family:
            continue
        for field, text in _words(finding):
            if not text:
                continue
            runs = english_runs(text)
            if runs or (field != "related" and not has_chinese(text)):
                english.append((finding["code"], field, text, runs))
    assert english == []


def test_every_variant_of_a_message_is_seen(corpus: tuple[Path,
                                                         dict[str, tuple[str, ...]]]) -> None:
    """The corpus holds many messages of each rule, not one: a variant the corpus never
    produces is not tested, so the count of distinct message shapes must stay high."""
    folder, _ = corpus
    shapes = {(f["code"], "".join(ch for ch in f["message"] if not ch.isdigit())[:12])
              for f in _findings(folder, "zh")}
    assert len(shapes) >= 80


def _strip(data: Any, paths: list[tuple[str, ...]]) -> Any:
    """``data`` with the fields at ``paths`` (``*`` for every item of a list) removed."""
    out = copy.deepcopy(data)

    def drop(node: Any, path: tuple[str, ...]) -> None:
        if not path or node is None:
            return
        head, rest = path[0], path[1:]
        if head == "*":
            for item in node if isinstance(node, list) else []:
                drop(item, rest)
        elif isinstance(node, dict) and head in node:
            if rest:
                drop(node[head], rest)
            else:
                del node[head]

    for path in paths:
        drop(out, path)
    return out


def test_json_differs_only_in_words(corpus: tuple[Path, dict[str, tuple[str, ...]]]) -> None:
    """Same findings, same order, same codes, places and cells in both languages."""
    folder, _ = corpus
    words = [("*", "message"), ("*", "help"), ("*", "related", "*", "message")]
    english, chinese = _findings(folder, "en"), _findings(folder, "zh")
    assert len(english) == len(chinese) > 200
    assert _strip(english, words) == _strip(chinese, words)
    assert all(e["message"] != c["message"] for e, c in zip(english, chinese, strict=True))


def test_sarif_differs_only_in_words(corpus: tuple[Path, dict[str, tuple[str, ...]]]) -> None:
    folder, _ = corpus
    words = [
        ("runs", "*", "results", "*", "message", "text"),
        ("runs", "*", "results", "*", "relatedLocations", "*", "message", "text"),
        ("runs", "*", "results", "*", "properties", "help"),
        ("runs", "*", "tool", "driver", "rules", "*", "shortDescription"),
        ("runs", "*", "tool", "driver", "rules", "*", "fullDescription"),
        ("runs", "*", "tool", "driver", "rules", "*", "help"),
    ]
    english = json.loads(_check(folder, "en", "sarif"))
    chinese = json.loads(_check(folder, "zh", "sarif"))
    assert _strip(english, words) == _strip(chinese, words)
    results = chinese["runs"][0]["results"]
    assert len(results) > 200 and all(has_chinese(r["message"]["text"]) for r in results)
    for rule in chinese["runs"][0]["tool"]["driver"]["rules"]:
        assert has_chinese(rule["shortDescription"]["text"]), rule["id"]
        assert english_runs(rule["fullDescription"]["text"]) == [], rule["id"]


def test_text_output_is_chinese(corpus: tuple[Path, dict[str, tuple[str, ...]]]) -> None:
    """``nianbao check --lang zh`` as a person reads it: findings, help lines, summary.
    Source lines quoted from the reports are the reports' own (some write English);
    everything else is Chinese."""
    folder, _ = corpus
    out = _check(folder, "zh", "text")
    ours = [line for line in out.splitlines()
            if not line.lstrip().startswith(tuple("0123456789")) and "| " not in line[:8]]
    runs = [(line, english_runs(line)) for line in ours
            if english_runs(line.split(": ", 1)[-1])]
    assert runs == []
    assert out.splitlines()[-1].startswith("发现 ")
