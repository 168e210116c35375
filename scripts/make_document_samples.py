"""Write two generated published-format samples into sample_reports/ (run once; the
outputs are committed), from the document generator in tests/generator/documents:

- 009_generated.docx: the real 〔2021〕30号 Word template filled in (merged cells as
  gridSpan/vMerge, words over several runs, labels over two paragraphs);
- 010_generated_word_pasted.html: Word pasted into a CMS page (page chrome, spans,
  <o:p>&nbsp;</o:p> blank cells, declared GB2312 with GB18030 bytes).

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


def main() -> None:
    for (kind, name), quirks in WANTED.items():
        doc = first_with(kind, quirks)
        (HERE / name).write_bytes(doc.data)
        print(f"{name}: seed {doc.seed}, template {doc.truth.template}, "
              f"{len(doc.data)} bytes, quirks {', '.join(sorted(doc.quirks))}")


if __name__ == "__main__":
    main()
