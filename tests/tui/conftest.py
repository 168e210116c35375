from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tui_helpers import copy_samples


@pytest.fixture
def reports(tmp_path: Path) -> Callable[..., Path]:
    """Copy samples into ``tmp_path/reports`` (a stable name: paths show relative to it)."""

    def make(*prefixes: str) -> Path:
        return copy_samples(tmp_path / "reports", *prefixes)

    return make


@pytest.fixture(autouse=True)
def _samples_stay_unchanged(samples_unchanged: None) -> None:
    """Every TUI test works on copies; the bundled samples must come out untouched."""
