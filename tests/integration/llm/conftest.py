"""Real models, offline: a tiny GPT-2 built once per session, the packaged MiniLM."""

from __future__ import annotations

import os

# Before transformers/huggingface_hub are imported: they read these once.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

from pathlib import Path

import pytest

from governance.adapters.llm.minilm import MiniLmEmbedder
from tests.fakes.tiny_gpt2 import build_tiny_gpt2, with_chat_template


@pytest.fixture(scope="session", autouse=True)
def _quiet_transformers():
    from transformers.utils import logging

    logging.set_verbosity_error()
    logging.disable_progress_bar()


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> Path:
    """Plain tokenizer, no chat template: the backend's fallback prompt format."""
    return build_tiny_gpt2(tmp_path_factory.mktemp("tiny-gpt2"))


@pytest.fixture(scope="session")
def tiny_chat_model_dir(tiny_model_dir, tmp_path_factory) -> Path:
    return with_chat_template(tiny_model_dir, tmp_path_factory.mktemp("tiny-gpt2-chat"))


@pytest.fixture(scope="session")
def minilm() -> MiniLmEmbedder:
    return MiniLmEmbedder()
