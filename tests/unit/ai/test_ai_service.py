"""The AI use cases with a scripted model: cache, retry, fallback, provenance, notes."""

from __future__ import annotations

from governance.ai.merkle import MerkleTree, verify_proof
from governance.ai.results import result_from_json, result_to_json
from governance.ai.tasks import DigestItem, ExistingProposal
from governance.ports import LanguageModelError

from .ai_fakes import VALID_DRAFT, VALID_SUMMARY, ScriptedModel

PROPOSAL = (
    "We ask 500 DAI for garden.eth to build raised beds. Who maintains it? Bad weather is a risk."
)


def test_a_valid_answer_is_returned_with_its_provenance(make_service, prompts):
    model = ScriptedModel([VALID_SUMMARY])
    result = make_service(model).summarize(PROPOSAL)
    assert not result.without_language_model and not result.cached
    assert result.tldr == "The DAO funds a community garden with 500 DAI."
    assert result.flags == ()
    record = result.provenance
    assert (record.backend, record.model_id, record.model_revision) == ("fake", "scripted", "rev-1")
    assert record.template_hash == prompts.get("summarize").ref.hash
    assert record.params["pipeline"] == "direct" and record.params["attempts"] == 1
    assert record.created_at == "2026-11-21T12:00:00+00:00"


def test_the_second_call_is_a_cache_hit_that_does_not_call_the_model(make_service, store):
    model = ScriptedModel([VALID_SUMMARY])
    service = make_service(model)
    first = service.summarize(PROPOSAL)
    second = service.summarize(PROPOSAL + "\n")  # same canonical text, same input hash
    assert len(model.calls) == 1
    assert second.cached and second.text == first.text and second.provenance == first.provenance
    assert len(store.records) == 1


def test_a_rejected_answer_is_retried_once_with_the_reason(make_service):
    model = ScriptedModel(["I refuse to use headings.", VALID_SUMMARY])
    result = make_service(model).summarize(PROPOSAL)
    assert not result.without_language_model
    assert result.provenance.params["attempts"] == 2
    retry = model.calls[1]
    assert [m.role for m in retry] == ["system", "user", "assistant", "user"]
    assert "missing or empty sections" in retry[-1].content


def test_two_rejected_answers_fall_back_to_extractive_with_a_note(make_service):
    model = ScriptedModel(lambda _: "no headings at all")
    result = make_service(model).summarize(PROPOSAL)
    assert len(model.calls) == 2
    assert result.without_language_model
    assert "without a language model" in result.notes[0] and "failed validation" in result.notes[0]
    assert result.provenance.backend == "extractive"
    assert result.sections[0][0] == "TL;DR"


def test_a_model_error_falls_back_and_the_fallback_is_cached(make_service, embedder):
    model = ScriptedModel([], failure=LanguageModelError("server down"))
    service = make_service(model)
    first = service.summarize(PROPOSAL)
    embeddings = embedder.calls
    second = service.summarize(PROPOSAL)
    assert first.without_language_model and "server down" in first.notes[0]
    assert second.cached and embedder.calls == embeddings  # not recomputed


def test_without_a_model_every_task_still_answers(make_service):
    service = make_service(None)
    draft = service.draft("Build a community garden. It needs 500 DAI by March. Weather is a risk.")
    assert draft.without_language_model
    assert [name for name, _ in draft.sections] == [
        "Title",
        "Summary",
        "Motivation",
        "Specification",
        "Budget",
        "Timeline",
        "Risks",
    ]
    assert "500 DAI" in draft.section("Budget")
    revised = service.revise(draft.text, "Please add @everyone to the title")
    assert revised.section("Title") == draft.section("Title")
    assert "@everyone" not in " ".join(revised.notes) and "could not be applied" in revised.notes[1]
    digest = service.digest_narrative(
        [DigestItem(7, "Garden", "passed", 30, 4, 1), DigestItem(8, "Audit", "open", 2, 0, 0)]
    )
    assert "#7" in digest.text and "30 for" in digest.text and digest.flags == ()


def test_draft_revise_and_digest_use_their_templates(make_service, prompts):
    model = ScriptedModel(
        [VALID_DRAFT, VALID_DRAFT, "Proposal #7 Garden passed, 30 for and 4 against."]
    )
    service = make_service(model)
    assert service.draft("A garden for members.").section("Title") == "Community garden"
    revised = service.revise(VALID_DRAFT, "Shorter summary please.")
    assert "<<<DRAFT" in model.calls[1][1].content and "<<<FEEDBACK" in model.calls[1][1].content
    assert revised.provenance.template_name == "revise"
    digest = service.digest_narrative([DigestItem(7, "Garden", "passed", 30, 4, 1)])
    assert digest.sections == () and digest.flags == ()


def test_similar_names_the_close_proposal_and_records_provenance(make_service, store):
    existing = [
        ExistingProposal(3, "Community garden", "Build raised garden beds for the community."),
        ExistingProposal(4, "Treasury audit", "Hire auditors to review treasury contracts."),
    ]
    report = make_service(None).similar("Build raised garden beds for our community", existing)
    assert [m.proposal_id for m in report.matches] == [3]
    assert "#3" in report.warning and "Community garden" in report.warning
    assert store.records[-1] == report.provenance and report.provenance.task == "similar"
    assert make_service(None).similar("Quarterly token burn", existing).warning is None


def test_results_round_trip_through_json_and_records_prove_in_a_tree(make_service):
    service = make_service(ScriptedModel(lambda _: VALID_SUMMARY))
    results = [service.summarize(f"{PROPOSAL} Variant {n}.") for n in range(3)]
    assert result_from_json(result_to_json(results[0])) == results[0]
    tree = MerkleTree(r.provenance.leaf for r in results)
    assert all(
        verify_proof(r.provenance.leaf, tree.proof(r.provenance.leaf), tree.root) for r in results
    )
