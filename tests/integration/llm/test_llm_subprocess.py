"""The transformers backend served from a child process: same answers as in process, and a
crashed child is a LanguageModelError (the AI service falls back), then a fresh child."""

from __future__ import annotations

import os
import signal
from functools import partial

import pytest

from governance.adapters.llm.subprocess_model import SubprocessLanguageModel
from governance.adapters.llm.transformers_backend import TransformersLanguageModel
from governance.ports import ChatMessage, GenerationParams, LanguageModelError

pytestmark = pytest.mark.integration
MESSAGES = [ChatMessage("system", "Summarise."), ChatMessage("user", "The garden needs twelve beds.")]
PARAMS = GenerationParams(max_new_tokens=12)


def test_answers_like_the_model_in_process_and_survives_a_crash(tiny_model_dir):
    factory = partial(TransformersLanguageModel, str(tiny_model_dir))
    local = factory()
    remote = SubprocessLanguageModel(factory)
    try:
        assert remote.info == local.info and remote.context_window == local.context_window
        assert remote.count_tokens("twelve raised beds") == local.count_tokens("twelve raised beds")
        assert remote.generate(MESSAGES, PARAMS) == local.generate(MESSAGES, PARAMS)  # greedy: identical
        assert remote._process.pid != os.getpid()

        os.kill(remote._process.pid, signal.SIGKILL)  # killed between requests: replaced unseen
        remote._process.join(timeout=10)
        assert remote.generate(MESSAGES, PARAMS) == local.generate(MESSAGES, PARAMS)
    finally:
        remote.close()


class DiesWhileGenerating(TransformersLanguageModel):
    """Dies in the middle of a request, as an out-of-memory kill would."""

    def generate(self, messages, params):
        os._exit(9)


def test_a_child_dying_mid_request_is_a_language_model_error_then_a_new_child(tiny_model_dir):
    remote = SubprocessLanguageModel(partial(DiesWhileGenerating, str(tiny_model_dir)))
    try:
        for _ in range(2):  # each call gets a fresh child, and each dies
            with pytest.raises(LanguageModelError, match="model process stopped"):
                remote.generate(MESSAGES, PARAMS)
        assert remote.count_tokens("beds") > 0
    finally:
        remote.close()


def test_a_model_that_fails_in_the_child_is_a_language_model_error(tmp_path):
    remote = SubprocessLanguageModel(partial(TransformersLanguageModel, str(tmp_path / "missing")))
    try:
        with pytest.raises(LanguageModelError):
            remote.generate(MESSAGES, PARAMS)
    finally:
        remote.close()
