"""One installed namespace: ``pip install .`` and ``pip install -e .`` both give ``nianbao``
and nothing else at the top, with the card's ``parser/`` and ``tui/`` folders mounted
under it, and the installed commands work from anywhere.

Each install goes into a fresh venv that borrows this environment's dependencies
through a .pth file, so only nianbao itself is installed there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_the_package_list_matches_the_folders() -> None:
    """pyproject lists the packages (setuptools maps folders to names): none is missed."""
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["setuptools"]["packages"]
    on_disk = {"nianbao", *(
        "nianbao." + ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("parser", "tui") for init in (ROOT / top).rglob("__init__.py"))}
    on_disk |= {"nianbao." + ".".join(init.parent.relative_to(ROOT / "nianbao").parts)
                for init in (ROOT / "nianbao").glob("*/__init__.py")
                if not (ROOT / "nianbao" / init.parent.name).is_symlink()}
    assert sorted(listed) == sorted(on_disk)


def _venv(where: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True)
    python = where / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; "
                                "print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    # This environment's packages (textual, pydantic, pip …) without nianbao itself.
    (site / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def _top_level(site: Path) -> set[str]:
    names = set()
    for entry in site.iterdir():
        if (entry.suffix in (".pth", ".dist-info") or entry.name.startswith("__editable__")
                or entry.name == "__pycache__"):
            continue
        names.add(entry.name)
    return names


@pytest.mark.parametrize("editable", [False, True], ids=["wheel", "editable"])
def test_install_gives_one_namespace_and_working_commands(tmp_path: Path, editable: bool) -> None:
    python = _venv(tmp_path / "venv")
    install = [str(python), "-m", "pip", "install", "--quiet", "--no-deps",
               "--disable-pip-version-check", *(["-e"] if editable else []), str(ROOT)]
    # The borrowed site-packages already holds an editable nianbao: hide its finder.
    # PYTHONPATH dropped: a checkout on it would make `import parser` work from the
    # repository, not from what was installed.
    env = {**{k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
           "PYTHONNOUSERSITE": "1", "PIP_NO_INPUT": "1"}
    done = subprocess.run(install, capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; "
                                "print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    assert _top_level(site) == (set() if editable else {"nianbao"})

    def run(code: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(python), "-c", code], capture_output=True, text=True,
                              env=env, cwd=tmp_path)

    where = run("import nianbao.parser.core.check as c, nianbao.tui.app as a; "
                "print(c.__file__); print(a.__file__)")
    assert where.returncode == 0, where.stderr
    if editable:
        assert all(line.startswith(str(ROOT)) for line in where.stdout.split())
    else:
        assert all(line.startswith(str(site)) for line in where.stdout.split())
    for name in ("parser", "tui"):
        assert run(f"import {name}").returncode != 0, f"`import {name}` works"

    nianbao = python.parent / "nianbao"
    samples = run("from nianbao.commands.tui import demo_path; print(demo_path())").stdout.strip()
    assert Path(samples, "005_arithmetic_slip.txt").is_file()
    # `nianbao demo` shows every kind nianbao reads: the samples ship with the package.
    published = ("009_generated.docx", "010_generated_word_pasted.html", "011_hongze_2023.pdf")
    assert all(Path(samples, name).is_file() for name in published)
    checked = subprocess.run([str(nianbao), "check", "--format", "json", samples],
                             capture_output=True, text=True, env=env, cwd=tmp_path)
    assert checked.returncode == 1, checked.stderr  # the arithmetic-slip sample's errors
    assert '"code": "A' in checked.stdout
    findings = json.loads(checked.stdout)
    assert {Path(f["path"]).name for f in findings} >= set(published)
    # The real PDF's two table-4 errors, found in the installed copy.
    assert sum(f["code"] == "A004" and f["path"].endswith(published[2])
               for f in findings) == 2
    shot = tmp_path / "demo.svg"
    drawn = subprocess.run([str(nianbao), "screenshot", samples, "-o", str(shot),
                            "--size", "100x30"], capture_output=True, text=True, env=env,
                           cwd=tmp_path)
    assert drawn.returncode == 0, drawn.stderr
    assert "005_arithmetic_slip" in shot.read_text(encoding="utf-8")
