"""Local generation with Hugging Face transformers (the default backend).

A model is a hub id, a local directory, or a GGUF file (`/path/model.gguf`, the format
most models are downloaded in for CPU inference; needs the `gguf` package).

Tokenizer, config and weights load lazily, once, under a lock: constructing
the backend costs nothing and the bot starts fast. Greedy decoding by default,
so the same prompt gives the same answer (which is what makes caching sound).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from governance.adapters.llm.quiet import quiet_model_loading
from governance.adapters.llm.weights import is_gguf, resolve_revision
from governance.ports import (
    ChatMessage,
    GenerationParams,
    LanguageModelError,
    ModelInfo,
    PromptTooLongError,
)

DEFAULT_MODEL_ID = "Qwen/Qwen2.5-0.5B-Instruct"
DEFAULT_MAX_CONTEXT = 8192  # CPU time and memory grow with it; the model may allow more
_MIN_NEW_TOKENS = 16


def plain_prompt(messages: Sequence[ChatMessage]) -> str:
    """For tokenizers without a chat template: role-headed turns, then the answer's header."""
    turns = [f"### {m.role.capitalize()}:\n{m.content}" for m in messages]
    return "\n\n".join([*turns, "### Assistant:\n"])


class TransformersLanguageModel:
    def __init__(
        self,
        model_id: str = DEFAULT_MODEL_ID,
        *,
        revision: str | None = None,
        local_files_only: bool = True,
        device: str | None = None,
        max_context_tokens: int = DEFAULT_MAX_CONTEXT,
        cache_dir: str | None = None,
    ):
        self.model_id = model_id
        self.cache_dir = cache_dir
        self.revision = revision
        self.local_files_only = local_files_only
        self.max_context_tokens = max_context_tokens
        self._device = device
        self._lock = threading.RLock()
        self._tokenizer: Any = None
        self._model: Any = None
        self._info: ModelInfo | None = None
        self._context_window: int | None = None

    # ------------------------------------------------------------------ port

    @property
    def info(self) -> ModelInfo:
        with self._lock:
            if self._info is None:
                revision = self._guard(
                    "resolve the model's revision",
                    lambda: resolve_revision(
                        self.model_id, self.revision, self.local_files_only, self.cache_dir
                    ),
                )
                self._info = ModelInfo("transformers", self.model_id, revision)
            return self._info

    @property
    def context_window(self) -> int:
        with self._lock:
            if self._context_window is None:
                self._context_window = min(self._model_limit(), self.max_context_tokens)
            return self._context_window

    def count_tokens(self, text: str) -> int:
        tokenizer = self._load_tokenizer()
        return len(tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"])

    def generate(self, messages: list[ChatMessage], params: GenerationParams) -> str:
        import torch

        tokenizer, model = self._load_tokenizer(), self._load_model()
        inputs = self.encode(messages).to(model.device)
        prompt_length = inputs["input_ids"].shape[1]
        room = self.context_window - prompt_length
        if room < _MIN_NEW_TOKENS:
            raise PromptTooLongError(
                f"the prompt has {prompt_length} tokens; the context is {self.context_window}"
            )
        try:
            with torch.inference_mode():
                if not params.greedy:
                    torch.manual_seed(params.seed)
                output = model.generate(
                    **inputs,
                    max_new_tokens=min(params.max_new_tokens, room),
                    pad_token_id=_pad_token_id(tokenizer),
                    **_sampling(params),
                )
        except (RuntimeError, ValueError) as error:  # out of memory, bad generation config
            raise LanguageModelError(f"generation failed: {error}") from error
        return tokenizer.decode(output[0][prompt_length:], skip_special_tokens=True).strip()

    # ------------------------------------------------------------------ helpers

    def format_prompt(self, messages: Sequence[ChatMessage]) -> str:
        """The exact text the model reads: the chat template's rendering, or plain_prompt."""
        tokenizer = self._load_tokenizer()
        if tokenizer.chat_template:
            return tokenizer.apply_chat_template(
                _as_dicts(messages), tokenize=False, add_generation_prompt=True
            )
        return plain_prompt(messages)

    def encode(self, messages: Sequence[ChatMessage]) -> Any:
        """The token ids (and attention mask) the model reads for these messages.

        Control tokens inside message text are encoded as plain text, so data
        cannot open a turn even if it slipped past our own neutralising.
        """
        tokenizer = self._load_tokenizer()
        if tokenizer.chat_template:
            return tokenizer.apply_chat_template(
                _as_dicts(messages),
                add_generation_prompt=True,
                tokenize=True,
                return_dict=True,
                return_tensors="pt",
                sanitize_control_tokens=True,
            )
        return tokenizer(plain_prompt(messages), return_tensors="pt", split_special_tokens=True)

    def _model_limit(self) -> int:
        from transformers import AutoConfig

        config = self._guard(
            "read the model's config",
            lambda: AutoConfig.from_pretrained(self._location, **self._source()),
        )
        for name in ("max_position_embeddings", "n_positions", "max_sequence_length"):
            if isinstance(getattr(config, name, None), int):
                return getattr(config, name)
        return self.max_context_tokens

    def _load_tokenizer(self) -> Any:
        with self._lock:
            if self._tokenizer is None:
                from transformers import AutoTokenizer

                self._tokenizer = self._guard(
                    "load the tokenizer",
                    lambda: AutoTokenizer.from_pretrained(self._location, **self._source()),
                )
            return self._tokenizer

    def _load_model(self) -> Any:
        with self._lock:
            if self._model is None:
                self._model = self._guard("load the model weights", self._read_weights)
            return self._model

    def _read_weights(self) -> Any:
        import torch
        from transformers import AutoModelForCausalLM

        device = self._device or ("cuda" if torch.cuda.is_available() else "cpu")
        model = AutoModelForCausalLM.from_pretrained(
            self._location, dtype="auto" if device != "cpu" else torch.float32, **self._source()
        )
        return model.to(device).eval()

    @property
    def _location(self) -> str:
        """A GGUF file loads from its directory, naming the file (transformers dequantizes it)."""
        return str(Path(self.model_id).expanduser().parent) if is_gguf(self.model_id) else self.model_id

    def _source(self) -> dict[str, Any]:
        if is_gguf(self.model_id):
            return {"gguf_file": Path(self.model_id).name, "local_files_only": True}
        return {
            "revision": self.revision,
            "local_files_only": self.local_files_only,
            "cache_dir": self.cache_dir,
        }

    def _guard(self, action: str, load: Any) -> Any:
        quiet_model_loading()
        try:
            return load()
        except (OSError, ValueError, ImportError, KeyError) as error:
            raise LanguageModelError(f"could not {action} for {self.model_id}: {error}") from error


def _pad_token_id(tokenizer: Any) -> int | None:
    # GPT-2-style tokenizers have no pad token; generate() then warns unless told eos.
    return tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id


def _as_dicts(messages: Sequence[ChatMessage]) -> list[dict[str, str]]:
    return [{"role": m.role, "content": m.content} for m in messages]


def _sampling(params: GenerationParams) -> dict[str, Any]:
    if params.greedy:
        # Explicit Nones override a checkpoint's sampling defaults (generation_config.json).
        return {"do_sample": False, "temperature": None, "top_p": None, "top_k": None}
    return {"do_sample": True, "temperature": params.temperature, "top_p": params.top_p}
