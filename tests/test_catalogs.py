"""The translation catalogs: complete, Chinese, placeholders kept, compiled and current."""

from __future__ import annotations

import gettext
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from nianbao.parser.i18n import paragraphs, translations
from nianbao.parser.i18n.catalog import catalog_path
from scripts import update_catalogs
from tests.language import has_chinese

DOMAINS = ("nianbao", "argparse")
# {name}, {0}, {} of str.format; %(name)s, %s, %r, %d of printf style.
_PLACEHOLDER = re.compile(r"\{[A-Za-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}|%(?:\([A-Za-z0-9_]+\))?[srdif]")
# ASCII punctuation touching a Chinese character: Chinese text takes ，：；（）！？
_HALF_WIDTH_BESIDE_CJK = re.compile(r"[\u4e00-\u9fff][,:;!?()]|[,;!?(][\u4e00-\u9fff]")


def _catalog(domain: str) -> Catalog:
    with open(catalog_path("zh", domain, ".po"), "rb") as handle:
        return read_po(handle, locale="zh", domain=domain)


def _messages(domain: str) -> list[Message]:
    return [m for m in _catalog(domain) if m.id]


def _pairs(message: Message) -> list[tuple[str, str]]:
    """(message id, translation) for every form, plural forms against the plural id."""
    if isinstance(message.id, tuple):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        return [(message.id[min(i, 1)], s) for i, s in enumerate(strings)]
    return [(message.id, message.string)]


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_message_is_translated_into_chinese(domain: str) -> None:
    messages = _messages(domain)
    assert messages
    untranslated = [m.id for m in messages for _, text in _pairs(m) if not has_chinese(text)]
    assert untranslated == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_no_fuzzy_entry(domain: str) -> None:
    assert [m.id for m in _messages(domain) if m.fuzzy] == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_translations_keep_every_placeholder(domain: str) -> None:
    broken = [
        (source, text) for m in _messages(domain) for source, text in _pairs(m)
        if Counter(_PLACEHOLDER.findall(source)) != Counter(_PLACEHOLDER.findall(text))
    ]
    assert broken == []


def test_placeholder_pattern() -> None:
    found = _PLACEHOLDER.findall("{n} {0} {} {x!r} {v:>4} %(prog)s %s %r %d 100% 5%")
    assert found == ["{n}", "{0}", "{}", "{x!r}", "{v:>4}", "%(prog)s", "%s", "%r", "%d"]


@pytest.mark.parametrize("domain", DOMAINS)
def test_chinese_text_uses_chinese_punctuation(domain: str) -> None:
    wrong = [text for m in _messages(domain) for _, text in _pairs(m)
             if _HALF_WIDTH_BESIDE_CJK.search(text)]
    assert wrong == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_committed_mo_is_compiled_from_the_po(domain: str) -> None:
    po = Path(catalog_path("zh", domain, ".po")).read_bytes()
    fresh = gettext.GNUTranslations(io.BytesIO(update_catalogs.compiled(po, "zh")))
    with open(catalog_path("zh", domain), "rb") as handle:
        committed = gettext.GNUTranslations(handle)
    assert committed._catalog == fresh._catalog  # type: ignore[attr-defined]
    assert committed.plural(5) == 0  # Plural-Forms survived: nplurals=1


def test_the_mo_the_package_loads_is_the_committed_one() -> None:
    with open(catalog_path("zh", "nianbao"), "rb") as handle:
        committed = gettext.GNUTranslations(handle)
    assert translations("zh")._catalog == committed._catalog  # type: ignore[attr-defined]


def test_the_catalog_holds_every_marked_message_and_nothing_else() -> None:
    in_po = {m.id for m in _messages("nianbao")}
    in_sources = update_catalogs.extracted_messages()
    assert in_sources - in_po == set(), "run scripts/update_catalogs.py"
    assert in_po - in_sources == set(), "run scripts/update_catalogs.py"


def test_argparse_catalog_covers_this_pythons_argparse() -> None:
    in_po = {m.id for m in _messages("argparse")}
    missing = [message for _, message in update_catalogs.argparse_messages()
               if message not in in_po]
    assert missing == [], "run scripts/update_catalogs.py and translate the new entries"


def _content(path: Path, data: bytes) -> object:
    """What a catalog file says, without the Babel version that wrote it."""
    if path.suffix == ".mo":
        return gettext.GNUTranslations(io.BytesIO(data))._catalog  # type: ignore[attr-defined]
    return [(m.id, m.string, m.context, sorted(m.flags), m.auto_comments)
            for m in read_po(io.BytesIO(data), locale="zh")]


def test_update_script_finds_nothing_to_change() -> None:
    """Running scripts/update_catalogs.py now would change no entry of any catalog."""
    planned = update_catalogs.planned()
    assert len(planned) == 4
    for path, data in planned.items():
        assert _content(path, path.read_bytes()) == _content(path, data), path


def test_rule_titles_are_extracted() -> None:
    from nianbao.parser.rules.catalog import all_rules

    in_po = {m.id for m in _messages("nianbao")}
    assert [rule.code for rule in all_rules() if rule.title not in in_po] == []


# ---------------------------------------------------------------- explanations

EXPLANATION = '''\
## What it does
In every row of table 3, checks that 总计 equals
the sum of the six applicant columns.

A second paragraph.

## Example
```
一、本年新收   0  3  2

0+3+2 = 5
```
0+3+2 = 5, but 总计 says 4.
'''


def test_explanations_split_into_headings_paragraphs_and_blocks() -> None:
    assert paragraphs.paragraphs(EXPLANATION) == [
        "## What it does",
        "In every row of table 3, checks that 总计 equals the sum of the six applicant columns.",
        "A second paragraph.",
        "## Example",
        "```\n一、本年新收   0  3  2\n\n0+3+2 = 5\n```",
        "0+3+2 = 5, but 总计 says 4.",
    ]


def test_translate_paragraphs_looks_up_each_unit() -> None:
    table = {"## Example": "## 示例", "A second paragraph.": "第二段。"}
    out = paragraphs.translate_paragraphs(EXPLANATION, lambda unit: table.get(unit, unit))
    assert "## 示例" in out and "第二段。" in out and "## What it does" in out


def test_rule_help_is_a_unit_of_its_explanation() -> None:
    """A finding's help is looked up with the same message id as its paragraph."""
    from nianbao.parser.rules.catalog import all_rules

    for rule in all_rules():
        assert rule.help in paragraphs.paragraphs(rule.explanation), rule.code


def test_rule_doc_extractor_reads_every_rule() -> None:
    from nianbao.parser.rules.catalog import all_rules

    rules_dir = update_catalogs.ROOT / "parser" / "rules"
    units: set[str] = set()
    for path in sorted(rules_dir.glob("*.py")):
        with path.open("rb") as handle:
            units |= {message for _, _, message, _ in update_catalogs.extract_rule_docs(
                handle, {}, (), {})}
    for rule in all_rules():
        assert set(paragraphs.paragraphs(rule.explanation)) <= units, rule.code
