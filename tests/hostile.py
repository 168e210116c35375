"""A catalogue of bad inputs that reviewers' folders really contain.

Each entry builds files under a folder and names the path a command should be
pointed at. Commands must answer each with findings or a one-line error naming
the file — never a traceback — and must leave every input byte for byte as it was.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import seed

SEED_004 = seed("004").read_text(encoding="utf-8")
SEED_002 = seed("002").read_text(encoding="utf-8")
SEED_000 = seed("000").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Hostile:
    name: str
    build: Callable[[Path], Path]
    # True when the input cannot be read as a report at all (a one-line error / E001).
    unreadable: bool = False
    # True when what it builds is a folder (for the commands, not the file reader).
    folder: bool = False


def _file(name: str, data: bytes | str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    return build


def _png() -> bytes:
    raw = b"".join(b"\x00" + bytes((x * y) % 256 for x in range(64)) for y in range(64))
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 13 + zlib.compress(raw)


def _odd_numbers() -> str:
    odd = ["３", "1件", "-1", "1,234", "0.5", "/", "无", "—", "N/A", "二"]
    text = SEED_004
    row = "二、上年结转政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t"
    assert row in text
    return text.replace(row, "二、上年结转政府信息公开申请数量\t\t" + "\t".join(odd[:7]) + "\t")


def _huge_numbers() -> str:
    return SEED_004.replace("规章\t0\t0\t0", "规章\t" + "9" * 5000 + "\t0\t0")


def _symlink_loop(folder: Path) -> Path:
    loop = folder / "loop"
    loop.mkdir()
    (loop / "report.txt").write_text(SEED_004, encoding="utf-8")
    (loop / "again").symlink_to(loop, target_is_directory=True)
    return loop


def _dangling(folder: Path) -> Path:
    link = folder / "gone.txt"
    link.symlink_to(folder / "does-not-exist.txt")
    return link


def _folder_named_like_file(folder: Path) -> Path:
    path = folder / "report.txt"
    path.mkdir()
    return path


def _markup_and_escapes() -> str:
    nasty = "[bold red]假标题[/] [link=https://example.com]x[/link] [@click=app.quit]q[/] \x1b]0;pwned\x07\x1b[31m红\x1b[0m"
    return SEED_004.replace("朔州市科技局 2020 年政府信息公开工作 年度报告",
                            f"朔州市科技局 2020 年政府信息公开工作 年度报告 {nasty}")


CATALOGUE: tuple[Hostile, ...] = (
    Hostile("empty", _file("empty.txt", b""), unreadable=True),
    Hostile("binary", _file("random.txt", bytes(range(256)) * 64), unreadable=True),
    Hostile("png-named-txt", _file("picture.txt", _png()), unreadable=True),
    Hostile("nul-bytes", _file("nul.txt", SEED_004.replace("一、总体情况", "一、总\x00体情况"))),
    Hostile("invalid-utf8-middle", _file("broken.txt", SEED_004.encode()[:3000] + b"\xff\xfe\x80"
                                         + SEED_004.encode()[3000:])),
    Hostile("gbk", _file("gbk.txt", SEED_004.encode("gbk"))),
    Hostile("gb18030-kangxi", _file("gb18030.txt", SEED_002.encode("gb18030"))),
    Hostile("utf16-bom", _file("utf16.txt", SEED_004.encode("utf-16"))),
    Hostile("utf16-no-bom", _file("utf16le.txt", SEED_004.encode("utf-16-le"))),
    Hostile("cr-only", _file("cr.txt", SEED_004.replace("\n", "\r"))),
    Hostile("truncated", _file("truncated.txt", SEED_004.encode()[: len(SEED_004.encode()) // 3])),
    Hostile("only-heading", _file("heading.txt", "朔州市科技局2020年政府信息公开工作年度报告\n")),
    Hostile("single-5mb-line", _file("oneline.txt", ("规章 0 0 0 " * 500_000)[:5_000_000])),
    Hostile("4mb-180k-lines", _file("long.txt", (SEED_000 + "\n") * 390)),
    Hostile("huge-numbers", _file("huge.txt", _huge_numbers())),
    Hostile("odd-numbers", _file("odd.txt", _odd_numbers())),
    Hostile("folder-named-like-file", _folder_named_like_file, unreadable=True, folder=True),
    Hostile("dangling-symlink", _dangling, unreadable=True),
    Hostile("symlink-loop", _symlink_loop, folder=True),
    Hostile("name-with-shell-chars", _file("报告 [2020] $(touch pwned).txt", SEED_004)),
    Hostile("html-page", _file("page.txt", "<html><head><title>年报</title></head><body><table><tr>"
                                "<td>规章</td><td>0</td></tr></table><script>alert(1)</script>"
                                "</body></html>")),
    Hostile("markup-and-escapes", _file("markup.txt", _markup_and_escapes())),
)


def build_all(folder: Path) -> dict[str, Path]:
    return {item.name: item.build(folder) for item in CATALOGUE}
