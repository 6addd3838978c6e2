"""Which backend is active and why; no weights are loaded here."""

from __future__ import annotations

import pytest

from governance.adapters.llm.selection import select_backend


def fake_model_dir(tmp_path, weights: bool = True):
    (tmp_path / "config.json").write_text("{}")
    if weights:
        (tmp_path / "model.safetensors").write_bytes(b"\0" * 64)
    return tmp_path


def test_auto_uses_local_weights_when_they_exist(tmp_path):
    selection = select_backend("auto", model_id=str(fake_model_dir(tmp_path)))
    assert selection.name == "transformers" and "local model directory" in selection.reason


def test_auto_falls_back_to_extractive_and_says_why(tmp_path):
    selection = select_backend("auto", model_id=str(fake_model_dir(tmp_path, weights=False)))
    assert selection.model is None and selection.name == "extractive"
    assert "lacks config.json or weight files" in selection.reason


def test_an_uncached_hub_model_is_not_downloaded():
    selection = select_backend("auto", model_id="someone/not-cached-model")
    assert selection.model is None and "not in the local model cache" in selection.reason


def test_auto_prefers_a_configured_server():
    selection = select_backend("auto", http_base_url="http://127.0.0.1:9/v1", http_model="m")
    assert selection.name == "http" and selection.model.info.model_id == "m"


def test_explicit_choices():
    assert select_backend("extractive").model is None
    with pytest.raises(ValueError):
        select_backend("http")
    with pytest.raises(ValueError):
        select_backend("gpt-9")
