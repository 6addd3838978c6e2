"""Which backend answers, and why: the one decision the bot logs at start-up.

"auto"          an OpenAI-compatible server if a URL is configured, else the
                transformers model if its weights load without the network,
                else extractive (no language model) with the reason.
"transformers"  that model, or extractive with the reason if it cannot load.
"http"          the configured server (a URL is required).
"extractive"    no language model.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import partial

from governance.adapters.llm.openai_http import OpenAICompatibleLanguageModel
from governance.adapters.llm.subprocess_model import SubprocessLanguageModel
from governance.adapters.llm.transformers_backend import DEFAULT_MODEL_ID, TransformersLanguageModel
from governance.adapters.llm.weights import locally_available
from governance.ports import LanguageModel
from governance.redaction import public_url

BACKENDS = ("auto", "transformers", "http", "extractive")


@dataclass(frozen=True)
class BackendSelection:
    model: LanguageModel | None  # None: the extractive backend answers everything
    reason: str

    @property
    def name(self) -> str:
        return self.model.info.backend if self.model is not None else "extractive"


def select_backend(
    backend: str = "auto",
    *,
    model_id: str = DEFAULT_MODEL_ID,
    revision: str | None = None,
    allow_download: bool = False,
    max_context_tokens: int | None = None,
    cache_dir: str | None = None,
    http_base_url: str | None = None,
    http_model: str | None = None,
    http_api_key: str | None = None,
    http_timeout: float = 120.0,
    in_subprocess: bool = False,
) -> BackendSelection:
    """Never loads weights (the chosen model loads on first use) and never downloads."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown language-model backend {backend!r}; choose from {BACKENDS}")
    if backend == "extractive":
        return BackendSelection(None, "configured: extractive, no language model")
    if backend == "http" or (backend == "auto" and http_base_url):
        if not http_base_url:
            raise ValueError("the http backend needs a server URL")
        model = OpenAICompatibleLanguageModel(
            http_base_url,
            http_model or model_id,
            api_key=http_api_key,
            timeout=http_timeout,
            **({"context_window": max_context_tokens} if max_context_tokens else {}),
        )
        return BackendSelection(model, f"OpenAI-compatible server at {public_url(http_base_url)}")
    usable, why = _transformers_usable(model_id, revision, allow_download, cache_dir)
    if not usable:
        return BackendSelection(None, f"no generative model can be loaded ({why}); extractive only")
    factory = partial(
        TransformersLanguageModel,
        model_id,
        revision=revision,
        local_files_only=not allow_download,
        cache_dir=cache_dir,
        **({"max_context_tokens": max_context_tokens} if max_context_tokens else {}),
    )
    if in_subprocess:  # keeps generation off the bot's GIL (see subprocess_model.py)
        return BackendSelection(SubprocessLanguageModel(factory), f"transformers in a child process: {why}")
    return BackendSelection(factory(), f"transformers: {why}")


def _transformers_usable(
    model_id: str, revision: str | None, allow_download: bool, cache_dir: str | None
) -> tuple[bool, str]:
    missing = [name for name in ("torch", "transformers") if importlib.util.find_spec(name) is None]
    if missing:
        return False, f"{' and '.join(missing)} not installed"
    available, why = locally_available(model_id, revision, cache_dir)
    if available or not allow_download:
        return available, why
    return True, f"{model_id}, downloaded on first use"
