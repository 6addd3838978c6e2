"""Any OpenAI-compatible chat server (vLLM, llama.cpp server, TGI): POST /v1/chat/completions.

Server errors (5xx), timeouts and connection failures are retried with
exponential backoff; 4xx answers are not (the request itself is wrong).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

import httpx

from governance.ports import ChatMessage, GenerationParams, LanguageModelError, ModelInfo

DEFAULT_CONTEXT_WINDOW = 8192
MAX_BACKOFF_SECONDS = 10.0
_BYTES_PER_TOKEN = 3  # below real averages (≈4 for English), so budgets err on the safe side


class OpenAICompatibleLanguageModel:
    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        api_key: str | None = None,
        timeout: float = 120.0,
        connect_timeout: float = 5.0,
        max_retries: int = 2,
        backoff_seconds: float = 0.5,
        context_window: int = DEFAULT_CONTEXT_WINDOW,
        revision: str = "unreported",
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self._info = ModelInfo("http", model, revision)
        self._context_window = context_window
        self.max_retries = max_retries
        self.backoff_seconds = backoff_seconds
        self._sleep = sleep
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(
            base_url=base_url.rstrip("/").removesuffix("/v1"),
            headers=headers,
            timeout=httpx.Timeout(timeout, connect=connect_timeout),
            transport=transport,
        )

    @property
    def info(self) -> ModelInfo:
        return self._info

    @property
    def context_window(self) -> int:
        return self._context_window

    def count_tokens(self, text: str) -> int:
        """An over-estimate: the server's tokenizer is not reachable through this API."""
        return math.ceil(len(text.encode("utf-8")) / _BYTES_PER_TOKEN)

    def generate(self, messages: list[ChatMessage], params: GenerationParams) -> str:
        body = {
            "model": self._info.model_id,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "max_tokens": params.max_new_tokens,
            "temperature": params.temperature,
            "top_p": params.top_p,
            "seed": params.seed,
            "stream": False,
        }
        return _answer_text(self._post_with_retries("/v1/chat/completions", body))

    def close(self) -> None:
        self._client.close()

    def _post_with_retries(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        failure = "no attempt made"
        for attempt in range(self.max_retries + 1):
            if attempt:
                self._sleep(min(self.backoff_seconds * 2 ** (attempt - 1), MAX_BACKOFF_SECONDS))
            try:
                response = self._client.post(path, json=body)
            except httpx.TimeoutException:
                failure = "the server did not answer in time"
                continue
            except httpx.TransportError as error:
                failure = f"cannot reach the server ({type(error).__name__})"
                continue
            if response.status_code >= 500:
                failure = f"the server answered HTTP {response.status_code}"
                continue
            if response.status_code >= 400:
                detail = response.text[:200]
                raise LanguageModelError(
                    f"the server refused the request: HTTP {response.status_code} {detail}"
                )
            try:
                return response.json()
            except ValueError as error:
                raise LanguageModelError("the server's answer is not JSON") from error
        raise LanguageModelError(f"{failure} after {self.max_retries + 1} attempts")


def _answer_text(payload: dict[str, Any]) -> str:
    try:
        content = payload["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError) as error:
        raise LanguageModelError("the server's answer has no choices[0].message.content") from error
    if not isinstance(content, str):
        raise LanguageModelError("the server's answer content is not text")
    return content.strip()
