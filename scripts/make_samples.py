"""Derive the extra sample reports from the seeds (run once; the outputs are committed).

Each one shows something nianbao catches or reads: an arithmetic slip, a GB18030
file full of Kangxi radicals, a UTF-16 file with CRLF line ends, a markdown table.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "sample_reports"


def seed(name: str) -> str:
    return next(HERE.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def arithmetic_slip() -> None:
    text = seed("004")
    # 科研机构 received 2, not 1: the row total (4) and the column identity break.
    old = "一、本年新收政府信息公开申请数量\t\t0\t3\t1\t0\t0\t0\t4\t"
    new = "一、本年新收政府信息公开申请数量\t\t0\t3\t2\t0\t0\t0\t4\t"
    assert old in text
    (HERE / "005_arithmetic_slip.txt").write_text(text.replace(old, new), encoding="utf-8")


def gb18030() -> None:
    (HERE / "006_gb18030.txt").write_bytes(seed("002").encode("gb18030"))


def utf16() -> None:
    text = seed("003").replace("\n", "\r\n")
    (HERE / "007_utf16_crlf.txt").write_bytes(text.encode("utf-16"))


def markdown() -> None:
    lines = []
    for line in seed("004").splitlines():
        if "\t" in line:
            cells = [c.strip() for c in line.split("\t")]
            while cells and not cells[-1]:
                cells.pop()
            lines.append("| " + " | ".join(cells) + " |")
            if len(lines) >= 2 and not lines[-2].startswith("|"):
                lines.append("|" + "---|" * len(cells))
        else:
            lines.append(line)
    (HERE / "008_markdown_tables.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    arithmetic_slip()
    gb18030()
    utf16()
    markdown()
