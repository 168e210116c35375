from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Tests never write to the user's own cache folder, and read every original afresh
# (a kept rendering would hide what a reader does now); tests/test_cache.py turns the
# cache on where it is what is tested. Set here, so child processes inherit it too.
_CACHE = tempfile.mkdtemp(prefix="nianbao-test-cache-")
atexit.register(shutil.rmtree, _CACHE, True)
os.environ["NIANBAO_CACHE_DIR"] = _CACHE
os.environ["NIANBAO_NO_CACHE"] = "1"

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
