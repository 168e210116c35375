"""Write the published-format samples into sample_reports/ (run once; the outputs
are committed), so ``nianbao demo`` shows every kind of file nianbao reads:

- 009_generated.docx: the real 〔2021〕30号 Word template filled in (merged cells as
  gridSpan/vMerge, words over several runs, labels over two paragraphs), from the
  document generator in tests/generator/documents;
- 010_generated_word_pasted.html: Word pasted into a CMS page (page chrome, spans,
  <o:p>&nbsp;</o:p> blank cells, declared GB2312 with GB18030 bytes), from the same;
- 011_hongze_2023.pdf: a copy of the real report tests/data/originals/hongze_2023.pdf
  (淮安市洪泽区人民政府, 2023, published by the agency; a WPS export with ruled tables
  across page breaks and two real arithmetic errors in table 四).

The first seed from 1 up whose document shows the wanted quirks is used, so the
files are the same on every run.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.generator.documents import GeneratedDocument, generate_document  # noqa: E402

HERE = ROOT / "sample_reports"

WANTED = {
    ("docx", "009_generated.docx"): {"split_runs", "label_paragraphs"},
    ("html_word", "010_generated_word_pasted.html"): {
        "gb2312_declared", "beyond_gb2312", "o_p_blank", "label_two_paragraphs", "span_split",
        "misaligned_columns_row"},
}


def first_with(kind: str, quirks: set[str]) -> GeneratedDocument:
    for seed in range(1, 10_000):
        doc = generate_document(seed, kind, template="2021")
        # Readable in an editor: not the one-line form of a web page.
        if quirks <= doc.quirks and "one_line" not in doc.quirks and doc.truth.has_blanks:
            return doc
    raise SystemExit(f"no {kind} document with {sorted(quirks)}")


REAL_PDF = ROOT / "tests" / "data" / "originals" / "hongze_2023.pdf"


def main() -> None:
    (HERE / "011_hongze_2023.pdf").write_bytes(REAL_PDF.read_bytes())
    for (kind, name), quirks in WANTED.items():
        doc = first_with(kind, quirks)
        (HERE / name).write_bytes(doc.data)
        print(f"{name}: seed {doc.seed}, template {doc.truth.template}, "
              f"{len(doc.data)} bytes, quirks {', '.join(sorted(doc.quirks))}")


if __name__ == "__main__":
    main()
