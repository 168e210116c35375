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


def _digests(folder: Path) -> dict[Path, str]:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if p.is_file()}


@pytest.fixture(autouse=True)
def samples_unchanged() -> Iterator[None]:
    """Every test: the bundled sample reports are byte for byte what they were.

    nianbao only ever reads its inputs; a test that let any command write to one
    fails here, whatever it asserted itself.
    """
    before = _digests(SAMPLES)
    yield
    assert _digests(SAMPLES) == before, "a sample report was modified"
