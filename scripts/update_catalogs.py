"""Extract the messages, update the Chinese catalogs and compile them (Babel).

    python scripts/update_catalogs.py          # extract, update the .po, compile the .mo
    python scripts/update_catalogs.py --check  # exit 1 if any of that would change a file

Two catalogs, in parser/i18n/locale/zh/LC_MESSAGES/:

* ``nianbao.po``: every message of nianbao/, parser/ and tui/ — calls of ``_``,
  ``gettext``, ``ngettext``, ``pgettext``, ``N_`` and ``L_``, and the titles given to
  ``rule``/``file_rule`` in the rule catalog (their fourth argument). Entries whose
  message left the sources are dropped; a reworded message keeps its old translation
  as a fuzzy guess, which tests/test_catalogs.py refuses until a person checks it.
* ``argparse.po``: the words of the running Python's argparse. Entries are added,
  never dropped: other Pythons word some messages differently.

Then every ``.po`` is compiled to its ``.mo`` beside it. The ``.mo`` files are
committed: an editable install runs no build step. Translate by editing the
``.po`` (every ``msgstr`` in Chinese, placeholders kept), then run this again.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout: nianbao.parser.i18n.paragraphs below

LOCALE = ROOT / "parser" / "i18n" / "locale"
LANGUAGES = ("zh",)
SOURCES = ("nianbao", "parser", "tui")
KEYWORDS: dict[str, Any] = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "N_": None,
    "L_": None,
    # The catalog's rule(...) and file_rule(...): the title is the fourth argument.
    "rule": (4,),
    "file_rule": (4,),
}
# Every paragraph of every rule's explanation is a message (see extract_rule_docs):
# a reworded paragraph needs its Chinese again (tests/test_catalogs.py says so).
RULE_DOCS = True
# A rule's explanation opens with this section (rules.rule.SECTIONS).
RULE_DOC_START = "## What it does"
# Fixed header dates: running this twice on the same sources writes the same files.
FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
HEADER_COMMENT = """\
# Chinese messages of nianbao (issue 11). The English message ids are the source:
# edit msgstr only, keep every placeholder, then run scripts/update_catalogs.py.
# Terms: docs/glossary.md."""
HEADER = {
    "project": "nianbao",
    "version": "1",
    "header_comment": HEADER_COMMENT,
    "copyright_holder": "the nianbao authors",
    "msgid_bugs_address": "the nianbao issue tracker",
    "last_translator": "nianbao",
    "language_team": "nianbao",
    "creation_date": FIXED_DATE,
    "revision_date": FIXED_DATE,
}


def po_path(lang: str, domain: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"


# ---------------------------------------------------------------- extraction


def extract_rule_docs(fileobj: Any, keywords: Any, comment_tags: Any,
                      options: Any) -> Iterator[tuple[int, str, str, list[str]]]:
    """A Babel extractor: every unit of every rule explanation in a Python file.

    Explanations are the docstrings of the rule modules' check functions and the
    ``*_EXPLANATION`` strings of rules without one (E001), recognised by their first
    section heading; units as :func:`nianbao.parser.i18n.paragraphs.paragraphs` splits them.
    """
    import inspect

    from nianbao.parser.i18n.paragraphs import paragraphs

    tree = ast.parse(fileobj.read())
    for node in tree.body:
        doc: str | None = None
        if isinstance(node, ast.FunctionDef):
            doc = ast.get_docstring(node)
        elif (isinstance(node, ast.Assign) and len(node.targets) == 1
              and isinstance(node.targets[0], ast.Name)
              and node.targets[0].id.endswith("_EXPLANATION")
              and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
            doc = inspect.cleandoc(node.value.value)
        if doc and doc.startswith(RULE_DOC_START):
            for unit in paragraphs(doc):
                yield node.lineno, "", unit, []


def _template() -> Catalog:
    template = Catalog(domain="nianbao", **HEADER)
    for folder in SOURCES:
        for filename, lineno, message, comments, context in extract_from_dir(
                ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS,
                comment_tags=("Translators:",), strip_comment_tags=True):
            template.add(message, None, [(f"{folder}/{filename}", lineno)],
                         auto_comments=comments, context=context)
        if RULE_DOCS and folder == "parser":
            for path in sorted((ROOT / folder / "rules").glob("*.py")):
                with path.open("rb") as handle:
                    # extract() gives (line, message, comments, context).
                    for lineno, message, comments, _ in extract(
                            extract_rule_docs, handle, keywords=KEYWORDS):
                        template.add(message, None,
                                     [(str(path.relative_to(ROOT)), lineno)],
                                     auto_comments=comments)
    return template


def extracted_messages() -> set[str | tuple[str, ...]]:
    """The message ids the sources mark now (a plural as its (singular, plural))."""
    return {message.id for message in _template() if message.id}


def argparse_messages() -> list[tuple[int, str | tuple[str, ...]]]:
    """(line, message id) of every message the running Python's argparse translates."""
    with open(argparse.__file__, "rb") as handle:
        return [(lineno, message) for lineno, message, _, _ in extract(
            "python", handle, keywords={"_": None, "ngettext": (1, 2)})]


# ---------------------------------------------------------------- catalogs


def _read(path: Path, lang: str, domain: str) -> Catalog:
    if path.exists():
        with path.open("rb") as handle:
            return read_po(handle, locale=lang, domain=domain)
    return Catalog(locale=lang, domain=domain, **HEADER)


def _po_bytes(catalog: Catalog) -> bytes:
    catalog.fuzzy = False  # the header: a fuzzy one would lose its Plural-Forms when compiled
    catalog.header_comment = HEADER_COMMENT
    catalog.creation_date = FIXED_DATE
    catalog.revision_date = FIXED_DATE
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_by_file=True, include_lineno=False,
             ignore_obsolete=True)
    return out.getvalue()


def updated_nianbao(lang: str) -> bytes:
    catalog = _read(po_path(lang, "nianbao"), lang, "nianbao")
    catalog.update(_template(), update_header_comment=False)
    return _po_bytes(catalog)


def updated_argparse(lang: str) -> bytes:
    catalog = _read(po_path(lang, "argparse"), lang, "argparse")
    for lineno, message in argparse_messages():
        if message not in catalog:
            catalog.add(message, ("", "") if isinstance(message, tuple) else "",
                        [("argparse.py", lineno)])
    for message in catalog:
        message.locations = []  # the line numbers of one Python would churn on every other
    return _po_bytes(catalog)


def compiled(po: bytes, lang: str) -> bytes:
    """The .mo of a .po's bytes (fuzzy entries left out: English shows until checked)."""
    catalog = read_po(io.BytesIO(po), locale=lang)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def planned() -> dict[Path, bytes]:
    """Every catalog file and the bytes it should hold."""
    files: dict[Path, bytes] = {}
    for lang in LANGUAGES:
        for domain, po in (("nianbao", updated_nianbao(lang)),
                           ("argparse", updated_argparse(lang))):
            path = po_path(lang, domain)
            files[path] = po
            files[path.with_suffix(".mo")] = compiled(po, lang)
    return files


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    cli.add_argument("--check", action="store_true",
                     help="change nothing; exit 1 if a catalog is not up to date")
    args = cli.parse_args(argv)
    stale = []
    for path, data in planned().items():
        if path.exists() and path.read_bytes() == data:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    for path in stale:
        verb = "out of date" if args.check else "written"
        print(f"{path.relative_to(ROOT)}: {verb}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
