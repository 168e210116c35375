"""No private Textual attribute outside tui/compat.py (issue 10).

Textual may rename, move or drop any name that starts with ``_`` in any release.
The TUI and its tests touch such names only in ``tui/compat.py``, where each use
has a test (tests/tui/test_compat.py). Here every ``._name`` in ``tui/`` and
``tests/tui`` is looked up among the private names Textual's own source uses
(attributes, methods, class attributes, modules): one found outside compat.py
fails, and so does a method of ours named like one of Textual's (an override by
accident, or a private hook overridden on purpose outside compat.py).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import textual

ROOT = Path(__file__).resolve().parent.parent
SCANNED = (ROOT / "tui", ROOT / "tests" / "tui")
COMPAT = ROOT / "tui" / "compat.py"

_ACCESS = re.compile(r"\.(_[a-z]\w*)")
_DEF = re.compile(r"^\s*(?:async\s+)?def (_[a-z]\w*)", re.M)
_TEXTUAL_IMPORT = re.compile(r"^\s*(?:from|import)\s+(textual(?:\.\w+)*)", re.M)
_OWN = (re.compile(r"\bself\.(_[a-z]\w*)\s*(?::[^=\n]*)?=(?!=)"),
        re.compile(r"^\s+(?:async\s+)?def (_[a-z]\w*)", re.M),
        re.compile(r"^\s+(_[a-z]\w*)\s*[:=]", re.M))


@cache
def textual_private_names() -> frozenset[str]:
    """Every ``_name`` Textual's source uses as an attribute, method or module."""
    names: set[str] = set()
    root = Path(textual.__file__).parent
    for path in root.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        names.update(re.findall(r"\b(?:self|cls)\.(_[a-z]\w*)", source))
        names.update(_DEF.findall(source))
        names.update(re.findall(r"^\s+(_[a-z]\w*)\s*[:=]", source, re.M))
        names.update(part for part in path.relative_to(root).with_suffix("").parts
                     if part.startswith("_") and not part.startswith("__"))
    return frozenset(names)


def _sources() -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8")
            for folder in SCANNED for path in sorted(folder.rglob("*.py"))}


def own_names(sources: list[str]) -> frozenset[str]:
    """The private names our code gives its own attributes and methods.

    Whether one of them hides one of Textual's on the same class is
    :func:`test_no_class_of_ours_overrides_a_private_textual_name`'s question.
    """
    return frozenset(name for source in sources for pattern in _OWN
                     for name in pattern.findall(source))


def private_uses(source: str, own: frozenset[str] = frozenset()) -> list[str]:
    """The private Textual names ``source`` touches or imports from (not ours: ``own``)."""
    private = textual_private_names() - own
    found = []
    for line in source.splitlines():
        imported = _TEXTUAL_IMPORT.match(line)
        if imported:
            if any(part.startswith("_") for part in imported.group(1).split(".")):
                found.append(f"import {imported.group(1)}")
            continue
        found += [f".{name}" for name in _ACCESS.findall(line) if name in private]
    return found


def test_the_detector_sees_what_it_looks_for() -> None:
    assert "_compositor" in textual_private_names()
    assert "_invalidate" in textual_private_names()
    assert private_uses("app.screen._compositor.render_update()") == ["._compositor"]
    assert private_uses("from textual.widgets._footer import FooterKey") == [
        "import textual.widgets._footer"]
    assert private_uses("self._my_own_cache_of_things = {}") == []
    assert own_names(["    def _invalidate(self):\n        self._cache = 1\n"]) == {
        "_invalidate", "_cache"}
    # compat.py itself holds some, or it would have nothing to gather.
    assert private_uses(COMPAT.read_text(encoding="utf-8"))


def test_no_private_textual_name_outside_compat() -> None:
    sources = _sources()
    own = own_names(list(sources.values()))
    offenders = {path.relative_to(ROOT).as_posix(): sorted(set(found))
                 for path, source in sources.items()
                 if path != COMPAT and (found := private_uses(source, own))}
    assert offenders == {}, (
        "private Textual names outside tui/compat.py (move them there, with a test in "
        f"tests/tui/test_compat.py, or use public API): {offenders}")


def _textual_bases(cls: type) -> list[type]:
    return [base for base in cls.__mro__[1:] if base.__module__.split(".")[0] == "textual"]


def test_no_class_of_ours_overrides_a_private_textual_name() -> None:
    """Our private names on a Textual subclass hide none of Textual's (compat.py excepted)."""
    import importlib
    import inspect
    import pkgutil

    import nianbao.tui

    offenders: list[str] = []
    checked = 0
    for info in pkgutil.walk_packages(nianbao.tui.__path__, "nianbao.tui."):
        if info.name == "nianbao.tui.compat":
            continue
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if not isinstance(cls, type) or cls.__module__ != module.__name__:
                continue
            bases = _textual_bases(cls)
            if not bases:
                continue
            checked += 1
            theirs = set().union(*(vars(base) for base in bases))
            base_sources = "".join(inspect.getsource(base) for base in bases)
            theirs |= set(re.findall(r"\bself\.(_[a-z]\w*)", base_sources))
            # What Textual puts on every subclass itself (merged bindings, CSS names…).
            automatic = set(vars(type("Probe", (bases[0],), {"__module__": __name__})))
            mine = {name for name in vars(cls) if name.startswith("_")
                    and not name.startswith("__") and name not in automatic}
            mine |= set(_OWN[0].findall(inspect.getsource(cls)))
            offenders += [f"{cls.__qualname__}.{name}" for name in sorted(mine & theirs)]
    assert checked >= 10  # the widgets, screens and the app were all looked at
    assert offenders == []
