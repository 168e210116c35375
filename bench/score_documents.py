"""Generated published documents outside the corpus test, scored cell by cell.

The corpus test (tests/test_documents_corpus.py) reads documents 0–23 of each kind:
kind number ``k`` in ``KINDS`` (docx 0 … pdf_ruled 4, pdf_unruled 5), document ``n``
is ``generate_document(31_000_000 + 1000 * k + n, kind)``, template 2019 for even
``n`` and 2021 for odd. This reads documents ``FROM`` to ``TO - 1`` the same way
through ``check_file`` and prints every cell with a wrong value, the documents with
cells missing, and the share right (a blank and 0 are the same value, as there).

Run: ``python bench/score_documents.py pdf_ruled 24 224``. Prints, never asserts.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nianbao.parser.core.check import Options, check_file  # noqa: E402
from tests.generator.documents import KINDS, generate_document  # noqa: E402

BASE_SEED = 31_000_000


def _number(value: Decimal | float | int | None) -> float:
    return 0.0 if value is None else float(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=KINDS)
    parser.add_argument("first", type=int, help="first document number (the corpus reads 0–23)")
    parser.add_argument("end", type=int, help="one past the last document number")
    args = parser.parse_args()
    k = KINDS.index(args.kind)
    right = 0
    wrong: list[str] = []
    missing: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as folder:
        for n in range(args.first, args.end):
            doc = generate_document(BASE_SEED + 1000 * k + n, args.kind,
                                    template=("2019", "2021")[n % 2])
            path = Path(folder) / doc.name
            path.write_bytes(doc.data)
            outcome = check_file(path, Options(codes=()))
            if outcome.report is None:
                print(f"{doc.name}: unreadable: {outcome.error or outcome.unreadable}")
                continue
            for table, cell_id, want in doc.truth.checked():
                cell = outcome.report.tables[table].cells.get(cell_id)
                if cell is None:
                    missing[doc.name] += 1
                elif _number(cell.value) != _number(want):
                    wrong.append(f"{doc.name} {table}:{cell_id} = {cell.value} (truth {want})")
                else:
                    right += 1
    for line in wrong:
        print("wrong", line)
    total = right + len(wrong) + sum(missing.values())
    print(f"{args.kind} {args.first}–{args.end - 1}: {right}/{total} right "
          f"({right / total:.4%}), {len(wrong)} wrong, {sum(missing.values())} missing")
    for name, count in missing.most_common(10):
        print(f"  missing {count:4d}  {name}")


if __name__ == "__main__":
    main()
