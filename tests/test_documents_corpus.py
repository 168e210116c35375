"""Acceptance (issue 12): the generated corpora of published originals through the
whole pipeline — the file on disk, ``check_file`` (sniffing, the reader, the parser,
the rules) — give at least 99.9% of their cells right and no cell a wrong value.

The corpus is the document generator's (``tests/generator/documents``): .docx filling
the real template's structure, web pages plain and Word-pasted, saved .mht pages and
PDFs with ruled and unruled tables, tables across page breaks, both templates —
6 kinds × 24 documents, about 28,700 value cells with known truth. A blank cell and 0
are the same value here (the rules read a blank as 0 and say so, V001).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest

from nianbao.parser.core.check import Options, check_file
from tests.generator.documents import KINDS, document_corpus

RIGHT_SHARE = 0.999


@dataclass
class Tally:
    right: int = 0
    missing: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.right + len(self.missing) + len(self.wrong)

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0


def _number(value: Decimal | float | int | None) -> float:
    return 0.0 if value is None else float(value)


@pytest.fixture(scope="module")
def tallies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Tally]:
    folder = tmp_path_factory.mktemp("published")
    out = {kind: Tally() for kind in KINDS}
    for doc in document_corpus():
        path = folder / doc.name
        path.write_bytes(doc.data)
        outcome = check_file(path, Options(codes=()))
        tally = out[doc.kind]
        if outcome.report is None:
            tally.unreadable.append(f"{doc.name}: {outcome.error or outcome.unreadable}")
            continue
        tables = outcome.report.tables
        for table, cell_id, want in doc.truth.checked():
            cell = tables[table].cells.get(cell_id)
            where = f"{doc.name} {table}:{cell_id}"
            if cell is None:
                tally.missing.append(where)
            elif _number(cell.value) != _number(want):
                tally.wrong.append(f"{where} = {cell.value} (truth {want})")
            else:
                tally.right += 1
    return out


# What the corpus shows today where the target is not met: strict, so each one
# fails loudly the day it is fixed and must be moved into the plain list.
_NOT_YET: dict[str, str] = {}
_RATE_NOT_YET: dict[str, str] = {**_NOT_YET}


def _kinds(known: dict[str, str]) -> list[object]:
    return [pytest.param(kind, marks=pytest.mark.xfail(strict=True, reason=known[kind]))
            if kind in known else kind for kind in KINDS]


@pytest.mark.parametrize("kind", _kinds(_NOT_YET))
def test_no_cell_has_a_wrong_value(tallies: dict[str, Tally], kind: str) -> None:
    tally = tallies[kind]
    assert tally.unreadable == []
    assert tally.wrong == [], tally.wrong[:10]


@pytest.mark.parametrize("kind", _kinds(_RATE_NOT_YET))
def test_at_least_999_in_1000_cells_right(tallies: dict[str, Tally], kind: str) -> None:
    tally = tallies[kind]
    assert tally.total > 4000
    missing = Counter(where.split(" ")[0] for where in tally.missing)
    assert tally.share >= RIGHT_SHARE, (f"{tally.right}/{tally.total}", missing.most_common(5))


def test_the_corpus_covers_what_the_issue_asks(tallies: dict[str, Tally]) -> None:
    docs = document_corpus()
    quirks = set().union(*(doc.quirks for doc in docs))
    assert {"table_across_pages", "unruled", "o_p_blank", "span_split"} <= quirks
    assert {doc.truth.template for doc in docs} == {"2019", "2021"}
    assert sum(t.total for t in tallies.values()) > 28_000


def test_documents_are_read_from_disk_unchanged(tmp_path: Path) -> None:
    doc = document_corpus()[0]
    path = tmp_path / doc.name
    path.write_bytes(doc.data)
    check_file(path)
    assert path.read_bytes() == doc.data
