"""AI outputs as use cases: a summary is filed under its community as it is stored, a draft when it
becomes a revision, and anchoring puts a community's outputs under one root that verify_ai proves.
On the in-memory unit of work and record store, with a scripted model (tests/unit/ai)."""

from __future__ import annotations

import pytest

from governance.ai.extractive import ExtractiveWriter
from governance.ai.service import AiService
from governance.application import Governance
from governance.errors import InvalidInput, Unavailable
from governance.services.verification import Check
from tests.conftest import member
from tests.fakes.ai_records import InMemoryAiRecordStore
from tests.fakes.ledger import relay
from tests.fakes.unit_of_work import InMemoryUnitOfWork
from tests.unit.ai.ai_fakes import VALID_SUMMARY, HashingEmbedder, ScriptedModel
from tests.unit.services.conftest import PerfectChain


@pytest.fixture
def ai_gov(database, clock):
    service = AiService(model=ScriptedModel(lambda _: VALID_SUMMARY), extractive=ExtractiveWriter(HashingEmbedder()),
                        store=InMemoryAiRecordStore(database), clock=clock)
    return Governance(uow=lambda: InMemoryUnitOfWork(database), clock=clock, chain=PerfectChain(database),
                      ai=service, ai_backend="a scripted model")


def test_a_summary_is_filed_under_its_community_as_it_is_stored(ai_gov, community, database):
    proposal = ai_gov.create_draft(community.id, member(0), "Garden", "We ask 500 DAI for garden.eth.")
    summary = ai_gov.summarize(proposal)
    assert summary.provenance_id is not None and summary.tldr.startswith("The DAO funds")
    assert database.state.provenance[summary.provenance_id].community_id == community.id
    assert ai_gov.summarize(proposal).cached  # the same text is not summarized twice


def test_anchored_outputs_are_proven_against_the_chain(ai_gov, community, database):
    proposal = ai_gov.create_draft(community.id, member(0), "Garden", "We ask 500 DAI for garden.eth.")
    first = ai_gov.summarize(proposal)
    second = ai_gov.summarize(ai_gov.revise(proposal.id, member(0), body="We ask 600 DAI for garden.eth."))
    assert ai_gov.verify_ai(first.provenance_id).items[-1].check is Check.PENDING  # not anchored yet
    anchor = ai_gov.anchor_provenance(community.id)
    assert anchor.record_count == 2 and ai_gov.anchor_provenance(community.id) is None
    relay(database)
    for output in (first, second):
        report = ai_gov.verify_ai(output.provenance_id)
        assert report.passed, report.items
        assert [item.name for item in report.items] == ["record hash", "batch root", "root on-chain",
                                                        "inclusion proof"]


def test_ideas_are_checked_before_the_model_runs(ai_gov, community):
    for idea, problem in (("   ", "empty"), ("x" * 4_001, "the limit is 4,000")):
        with pytest.raises(InvalidInput, match=problem):
            ai_gov.write_draft(idea)


def test_without_a_model_the_ai_use_cases_say_so(gov, draft):
    with pytest.raises(Unavailable):
        gov.summarize(draft)
    assert gov.narrator() is None
