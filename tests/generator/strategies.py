"""Hypothesis strategies over the generator.

Hypothesis draws a seed, and the generator's own ``random.Random(seed)`` does the
rest: a report makes thousands of random choices, and feeding each through
hypothesis (``st.randoms``) trips its large-base-example health check for no
gain in shrinking. Style, encoding, line end and template are drawn by hypothesis,
so those shrink; a failing example replays from its seed (``report.seed``).
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from hypothesis import strategies as st

from . import GeneratedReport, generate
from .encodings import ENCODING_NAMES, NEWLINE_NAMES
from .styles import STYLE_NAMES
from .truth import TEMPLATES, Truth, random_truth


def reports(
    styles: Sequence[str] = STYLE_NAMES,
    encodings: Sequence[str] = ENCODING_NAMES,
    newlines: Sequence[str] = NEWLINE_NAMES,
    templates: Sequence[str] = TEMPLATES,
) -> st.SearchStrategy[GeneratedReport]:
    return st.builds(
        lambda seed, style, encoding, newline, template: generate(
            seed, style=style, encoding=encoding, newline=newline, template=template),
        st.integers(0, 2**32 - 1),
        st.sampled_from(list(styles)),
        st.sampled_from(list(encodings)),
        st.sampled_from(list(newlines)),
        st.sampled_from(list(templates)),
    )


def truths(templates: Sequence[str] = TEMPLATES) -> st.SearchStrategy[Truth]:
    return st.builds(lambda seed, template: random_truth(random.Random(seed), template=template),
                     st.integers(0, 2**32 - 1), st.sampled_from(list(templates)))
