"""Bindings gathered from the panes that declare them, for the help screen and the palette.

Each pane declares its own bindings; this walks them so help and the command
palette can never disagree with what the keys actually do.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.dom import DOMNode

from nianbao.parser.i18n import N_

# Moving in any list, vi keys beside the arrows (vi order: g top, G bottom).
LIST_MOVES: list[Binding] = [
    Binding("up,k", "cursor_up", N_("Up"), show=False),
    Binding("down,j", "cursor_down", N_("Down"), show=False),
    Binding("g,home", "first", N_("First"), show=False),
    Binding("G,end", "last", N_("Last"), show=False),
    Binding("pageup,ctrl+u", "page_up", N_("Page up"), show=False),
    Binding("pagedown,ctrl+d", "page_down", N_("Page down"), show=False),
]


def shown(node: object, action: str) -> bool:
    """Whether ``node`` lists ``action`` in the footer, the help and the palette.

    A node leaves out what it refuses where it is (read-only, served in a browser: edit,
    accept, export) with a method ``shows_action(action) -> bool``. Unlike Textual's
    ``check_action`` this keeps the key bound, so pressing it still says why not.
    """
    check = getattr(node, "shows_action", None)
    return check is None or bool(check(action))


@dataclass(frozen=True)
class KeyHelp:
    keys: tuple[str, ...]  # as displayed: ("j", "↓")
    description: str
    action: str
    id: str | None
    node: DOMNode


def gather(node: DOMNode, *classes: type[DOMNode]) -> list[KeyHelp]:
    """The bindings of ``node`` (and of its classes' declarations), keys merged per action."""
    merged: dict[tuple[str, str], list[str]] = {}
    ids: dict[tuple[str, str], str | None] = {}
    sources = classes or (type(node),)
    for cls in sources:
        for binding in Binding.make_bindings(cls.BINDINGS):
            if not binding.description or binding.system or not shown(node, binding.action):
                continue
            # The footer wants a word; help and the palette can afford the full phrase.
            key = (binding.action, binding.tooltip or binding.description)
            display = node.app.get_key_display(binding)
            merged.setdefault(key, [])
            if display not in merged[key]:
                merged[key].append(display)
            ids.setdefault(key, binding.id)
    return [KeyHelp(tuple(keys), description, action, ids[(action, description)], node)
            for (action, description), keys in merged.items()]
