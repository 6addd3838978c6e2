"""Loading a model is quiet (#12): no "Loading weights" progress bar, no transformers advice on
stderr, in a fresh process that set nothing beforehand (the suite's own conftest silences
transformers, so this runs in a child process with a clean environment)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[3]
LOAD = """
import sys
from governance.adapters.llm.minilm import MiniLmEmbedder
from governance.adapters.llm.transformers_backend import TransformersLanguageModel
from governance.ports import ChatMessage, GenerationParams
model = TransformersLanguageModel(sys.argv[1], local_files_only=True)
model.generate([ChatMessage("user", "Hello.")], GenerationParams(max_new_tokens=4))
MiniLmEmbedder().embed(["a garden"])
print("loaded")
"""


def test_loading_models_prints_no_progress_bar(tiny_model_dir):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_"))}
    env.update(PYTHONPATH=str(REPO), HF_HUB_OFFLINE="1")
    result = subprocess.run([sys.executable, "-c", LOAD, str(tiny_model_dir)], capture_output=True, text=True,
                            env=env, cwd=REPO, timeout=300)
    assert result.returncode == 0 and result.stdout.strip() == "loaded", result.stderr
    assert "Loading weights" not in result.stderr and "it/s]" not in result.stderr, result.stderr
    assert "[transformers]" not in result.stderr, result.stderr
