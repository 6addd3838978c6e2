"""The HTTP backend's retry rules, with httpx.MockTransport (no sockets)."""

from __future__ import annotations

import json

import httpx
import pytest

from governance.adapters.llm.openai_http import OpenAICompatibleLanguageModel
from governance.ports import ChatMessage, GenerationParams, LanguageModelError

MESSAGES = [ChatMessage("system", "s"), ChatMessage("user", "u")]


def completion(content: str) -> httpx.Response:
    return httpx.Response(
        200, json={"choices": [{"message": {"role": "assistant", "content": content}}]}
    )


def model_answering(*responses, **options):
    """A model whose server answers with `responses` in order (Response or exception)."""
    seen: list[httpx.Request] = []
    queue = list(responses)

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = queue.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    sleeps: list[float] = []
    model = OpenAICompatibleLanguageModel(
        "http://llm.test/v1",
        "served-model",
        transport=httpx.MockTransport(handle),
        sleep=sleeps.append,
        **options,
    )
    return model, seen, sleeps


def test_request_shape_and_answer():
    model, seen, _ = model_answering(completion("  hello  "), api_key="k")
    assert model.generate(MESSAGES, GenerationParams(max_new_tokens=7)) == "hello"
    request = seen[0]
    assert request.url == "http://llm.test/v1/chat/completions"
    assert request.headers["Authorization"] == "Bearer k"
    body = json.loads(request.content)
    assert (
        body["model"] == "served-model" and body["max_tokens"] == 7 and body["temperature"] == 0.0
    )
    assert body["messages"] == [
        {"role": "system", "content": "s"},
        {"role": "user", "content": "u"},
    ]


def test_server_errors_and_timeouts_are_retried_with_backoff():
    model, seen, sleeps = model_answering(
        httpx.Response(503), httpx.ReadTimeout("slow"), completion("ok"), backoff_seconds=0.5
    )
    assert model.generate(MESSAGES, GenerationParams()) == "ok"
    assert len(seen) == 3 and sleeps == [0.5, 1.0]


def test_client_errors_are_not_retried():
    model, seen, _ = model_answering(httpx.Response(400, text="bad model"), completion("never"))
    with pytest.raises(LanguageModelError, match="HTTP 400"):
        model.generate(MESSAGES, GenerationParams())
    assert len(seen) == 1


def test_giving_up_after_the_retries_says_why():
    model, _, _ = model_answering(*[httpx.ConnectError("refused")] * 3, max_retries=2)
    with pytest.raises(LanguageModelError, match="cannot reach the server.*3 attempts"):
        model.generate(MESSAGES, GenerationParams())


def test_malformed_answers_are_errors():
    model, _, _ = model_answering(httpx.Response(200, json={"choices": []}))
    with pytest.raises(LanguageModelError, match="choices"):
        model.generate(MESSAGES, GenerationParams())


def test_token_estimate_errs_high():
    model, _, _ = model_answering()
    assert model.count_tokens("governance proposal text " * 100) >= 2500 / 4
