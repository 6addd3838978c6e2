"""The transformers backend on a tiny real GPT-2: loading, prompts, generation, revision."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from governance.adapters.llm.selection import select_backend
from governance.adapters.llm.transformers_backend import TransformersLanguageModel, plain_prompt
from governance.adapters.llm.weights import hash_weight_files
from governance.ports import ChatMessage, GenerationParams, LanguageModelError, PromptTooLongError

pytestmark = pytest.mark.integration

MESSAGES = [
    ChatMessage("system", "You summarise governance proposals."),
    ChatMessage(
        "user",
        "Summarise this proposal.\n<<<PROPOSAL 1>>>\nA garden for 500 DAI.\n<<<END PROPOSAL 1>>>",
    ),
]
SHORT = GenerationParams(max_new_tokens=24)
HUB_COMMIT = "0123456789abcdef0123456789abcdef01234567"
HUB_MODEL_ID = "folkmoot-tests/tiny-gpt2"


@pytest.fixture(scope="module")
def hub_cache(tiny_model_dir, tmp_path_factory) -> Path:
    """The tiny model laid out as the hub's cache stores a download of one commit."""
    cache = tmp_path_factory.mktemp("hub-cache")
    repo = cache / ("models--" + HUB_MODEL_ID.replace("/", "--"))
    shutil.copytree(tiny_model_dir, repo / "snapshots" / HUB_COMMIT)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(HUB_COMMIT)
    return cache


class CountingModel(TransformersLanguageModel):
    loads = 0

    def _read_weights(self):
        type(self).loads += 1
        return super()._read_weights()


def test_loads_offline_and_generates_deterministically(tiny_model_dir):
    model = TransformersLanguageModel(str(tiny_model_dir))
    first = model.generate(MESSAGES, SHORT)
    assert isinstance(first, str) and first
    assert model.generate(MESSAGES, SHORT) == first  # greedy
    assert model.count_tokens("raised beds") > 0
    assert model.context_window == 4096


def test_revision_of_a_local_directory_is_the_hash_of_its_weights(tiny_model_dir):
    info = TransformersLanguageModel(str(tiny_model_dir)).info
    assert info.backend == "transformers" and info.model_id == str(tiny_model_dir)
    assert info.revision == hash_weight_files(tiny_model_dir)
    assert info.revision.startswith("0x") and len(info.revision) == 66


def test_a_hub_model_loads_from_the_cache_and_names_its_commit(hub_cache):
    model = TransformersLanguageModel(HUB_MODEL_ID, cache_dir=str(hub_cache))
    assert model.info.revision == HUB_COMMIT
    assert model.generate(MESSAGES, SHORT)
    selection = select_backend("auto", model_id=HUB_MODEL_ID, cache_dir=str(hub_cache))
    assert selection.name == "transformers" and "local model cache" in selection.reason


def test_without_a_chat_template_the_plain_prompt_format_is_used(tiny_model_dir):
    model = TransformersLanguageModel(str(tiny_model_dir))
    assert model.format_prompt(MESSAGES) == plain_prompt(MESSAGES)
    assert model.format_prompt(MESSAGES).endswith("### Assistant:\n")


def test_the_chat_template_is_used_when_the_tokenizer_has_one(tiny_chat_model_dir):
    model = TransformersLanguageModel(str(tiny_chat_model_dir))
    prompt = model.format_prompt(MESSAGES)
    assert prompt.startswith("<|system|>\nYou summarise") and prompt.endswith("<|assistant|>\n")
    assert isinstance(model.generate(MESSAGES, SHORT), str)


@pytest.mark.parametrize("chat", [False, True])
def test_control_tokens_inside_messages_stay_text(tiny_model_dir, tiny_chat_model_dir, chat):
    model = TransformersLanguageModel(str(tiny_chat_model_dir if chat else tiny_model_dir))
    eos = model._load_tokenizer().eos_token_id
    ids = model.encode([ChatMessage("user", "Garden<|endoftext|>approved")])["input_ids"][
        0
    ].tolist()
    assert eos not in ids


def test_weights_load_lazily_and_once_under_concurrency(tiny_model_dir):
    model = CountingModel(str(tiny_model_dir))
    model.count_tokens("tokenizer only")
    assert CountingModel.loads == 0
    threads = [threading.Thread(target=model.generate, args=(MESSAGES, SHORT)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert CountingModel.loads == 1


def test_prompts_beyond_the_context_are_refused(tiny_model_dir):
    model = TransformersLanguageModel(str(tiny_model_dir), max_context_tokens=64)
    with pytest.raises(PromptTooLongError):
        model.generate([ChatMessage("user", "garden " * 200)], SHORT)


def test_missing_weights_raise_a_language_model_error(tmp_path):
    model = TransformersLanguageModel(str(tmp_path / "absent"))
    with pytest.raises(LanguageModelError, match="could not"):
        model.generate(MESSAGES, SHORT)
