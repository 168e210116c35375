from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_reports"
SEEDS = sorted(SAMPLES.glob("00[0-4]_*.txt"))


def seed(prefix: str) -> Path:
    return next(SAMPLES.glob(f"{prefix}_*"))


@pytest.fixture
def samples_unchanged() -> Iterator[None]:
    """Fails the test if any bundled sample report was modified by it."""
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in SAMPLES.iterdir()}
    yield
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in SAMPLES.iterdir()}
    assert before == after, "a sample report was modified"
