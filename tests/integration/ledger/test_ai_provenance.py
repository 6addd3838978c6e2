"""AI outputs end to end: drafted (real MiniLM extractive backend), stored, cached, anchored
on-chain through the outbox, and proven by `verify_ai`."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from governance.adapters.llm.selection import BackendSelection
from governance.bootstrap import bootstrap
from governance.config import Settings
from governance.services.verification import Check
from tests.conftest import GUILD, member

pytestmark = pytest.mark.integration
IDEA = ("Build a community garden on the east lot with 12 raised beds for 1,800 USDC. "
        "Volunteers will maintain it. It should be ready by April.")


@pytest.fixture
def ai_gov(chain_gov, sqlite_engine, chain_clock, connection):
    gov = bootstrap(Settings(), engine=sqlite_engine, clock=chain_clock, chain=connection, migrate=False,
                    model=BackendSelection(None, "extractive, for the test"))
    return gov


@pytest.mark.parametrize("connection", ["py-evm"], indirect=True)
def test_draft_is_recorded_with_its_provenance_and_proven_on_chain(ai_gov, sync):
    gov = ai_gov
    draft = gov.write_draft(IDEA)
    assert draft.result.without_language_model and draft.provenance_id is not None
    assert "## Budget" in draft.body and "1,800 USDC" in draft.body
    proposal = gov.create_draft(GUILD, member(0), draft.title, draft.body, draft.provenance_id)
    summary = gov.summarize(proposal)
    summary_id = summary.provenance_id
    again = gov.summarize(proposal)
    assert again.cached and again.text == summary.text  # the same input is not summarized twice
    assert gov.verify_ai(draft.provenance_id).items[-1].check is Check.PENDING
    anchor = gov.anchor_provenance(GUILD)
    assert anchor.record_count == 2
    sync()
    for provenance_id in (draft.provenance_id, summary_id):
        report = gov.verify_ai(provenance_id)
        assert report.passed, report.items
    checks = {item.name: item.check for item in gov.verify(proposal.id).items}
    assert checks["revision 1 author"] is Check.PASS  # verify names the AI output that wrote it
    on_chain = gov.chain.reader
    revision = on_chain.connection.w3.eth.contract(
        address=gov.chain.relayer.store.deployment(GUILD).address, abi=on_chain.abi
    ).functions.revisionOf(proposal.id.to_bytes(32, "big"), 1).call()
    assert "0x" + revision[1].hex() == draft.result.provenance.record_hash  # the revision names its AI output
    with gov.uow() as uow:  # a stored record edited behind the bot's back
        uow.session.execute(text("UPDATE provenance SET canonical = replace(canonical, 'draft', 'drafT')"))
        uow.commit()
    failed = [i.name for i in gov.verify_ai(draft.provenance_id).items if i.check is Check.FAIL]
    assert failed == ["record hash", "inclusion proof"]


@pytest.mark.parametrize("connection", ["py-evm"], indirect=True)
def test_similar_idea_names_the_existing_proposal(ai_gov):
    gov = ai_gov
    existing = gov.create_draft(GUILD, member(0), "Community garden on the east lot",
                                "Raised beds and a shed on the east lot, run by volunteers.")
    report = gov.find_similar(GUILD, "A shared vegetable garden with raised beds on the east lot")
    assert report.matches and report.matches[0].proposal_id == existing.id
    assert f"#{existing.id}" in report.warning


@pytest.mark.parametrize("connection", ["py-evm"], indirect=True)
def test_a_summary_is_filed_with_its_provenance_in_two_transactions(ai_gov, sqlite_engine):
    """The cache lookup and the save (which files the output under the community); a second
    summary of the same text is one (the lookup)."""
    from sqlalchemy import event

    gov = ai_gov
    proposal = gov.create_draft(GUILD, member(0), "Bike racks", "Ten bike racks by the library, 900 USDC.")
    began: list[object] = []

    def count(connection) -> None:
        began.append(connection)

    event.listen(sqlite_engine, "begin", count)
    try:
        summary = gov.summarize(proposal)
        first = len(began)
        gov.summarize(proposal)
        second = len(began) - first
    finally:
        event.remove(sqlite_engine, "begin", count)
    assert (first, second) == (2, 1)
    with gov.uow() as uow:
        assert uow.provenance.get(summary.provenance_id).community_id == GUILD
