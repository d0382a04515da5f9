"""The fuzz targets (tests/fuzz_targets.py) in CI: a few hundred hostile inputs per kind, no crash.

``TGTCHECK_FUZZ_EXAMPLES=50000`` runs them longer; ``python -m tests.fuzz_targets KIND --examples N`` counts
inputs and distinct crashes instead of stopping at the first (docs/fuzzing.md).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .fuzz_targets import DOCUMENTS, TARGETS

EXAMPLES = int(os.environ.get("TGTCHECK_FUZZ_EXAMPLES", "100"))


@pytest.mark.parametrize("kind", sorted(TARGETS))
def test_no_input_crashes(kind: str) -> None:
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    @given(DOCUMENTS[kind])
    def explore(raw: bytes) -> None:
        TARGETS[kind](raw)

    explore()


@pytest.mark.parametrize("kind", sorted(TARGETS))
@settings(max_examples=EXAMPLES // 3, deadline=None, suppress_health_check=list(HealthCheck))
@given(raw=st.binary(max_size=300))
def test_no_bytes_crash(kind: str, raw: bytes) -> None:
    TARGETS[kind](raw)
