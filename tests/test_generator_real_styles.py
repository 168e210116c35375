"""The generator's flattenings learnt from the real reports (``generator.real_styles``).

* The six seed styles are untouched: their corpus and 200 reports of random style
  are byte for byte (and truth for truth) what they were before the new styles came.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from tests.generator import GeneratedReport, corpus, generate

# sha256 of the seed styles' output, taken before the real styles were added.
SEED_CORPUS_DIGEST = "3665ab781d82e7bc4a864b5cd614eb1bae449f1e997da0cea399e4e930cdfc0e"
RANDOM_STYLE_DIGEST = "ec2e0757bb294d70255fb699f62c7d48a89875087274d8d181c34ca33cdbff6f"


def digest(reports: Iterable[GeneratedReport]) -> str:
    """Bytes, name, quirks and every field of the truth the seed styles fill."""
    h = hashlib.sha256()
    for r in reports:
        t = r.truth
        h.update(r.data)
        h.update(repr((
            r.name, sorted(r.quirks), t.template, t.year, t.agency, t.published, t.period,
            sorted((table, c, str(v)) for table, cells in t.cells.items() for c, v in cells.items()),
            sorted(t.positions.items()), sorted(t.ambiguous),
        )).encode())
    return h.hexdigest()


def test_seed_styles_are_byte_identical() -> None:
    assert digest(corpus()) == SEED_CORPUS_DIGEST
    assert digest(generate(seed) for seed in range(200)) == RANDOM_STYLE_DIGEST
