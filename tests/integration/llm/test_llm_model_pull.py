"""`folkmoot model pull` against a local server posing as the model hub (HF_ENDPOINT), the
downloaded model loading offline from the cache, and one-line errors when it cannot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .fake_hub import FakeHub

pytestmark = pytest.mark.integration
MODEL_ID = "folkmoot-tests/tiny-gpt2"


def folkmoot(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main())", *args]
    return subprocess.run(command, env={**os.environ, **env}, capture_output=True, text=True, timeout=240)


@pytest.fixture(scope="module")
def hub(tiny_model_dir):
    files = {p.name: p.read_bytes() for p in Path(tiny_model_dir).iterdir() if p.is_file()}
    with FakeHub({MODEL_ID: files}) as running:
        yield running


def hub_env(hub: FakeHub, home: Path) -> dict[str, str]:
    return {"HF_ENDPOINT": hub.url, "HF_HOME": str(home), "HF_HUB_OFFLINE": "0",
            "HF_HUB_DISABLE_TELEMETRY": "1", "HF_HUB_DISABLE_PROGRESS_BARS": "1"}


def test_pull_downloads_into_the_cache_and_the_model_then_loads_offline(hub, tmp_path):
    done = folkmoot("model", "pull", MODEL_ID, env=hub_env(hub, tmp_path))
    assert done.returncode == 0, done.stderr
    assert f"{MODEL_ID} is in the local model cache" in done.stdout
    assert any("/resolve/" in request for request in hub.requests)
    check = (
        "from governance.adapters.llm.selection import select_backend\n"
        "from governance.ports import ChatMessage, GenerationParams\n"
        f"s = select_backend('auto', model_id='{MODEL_ID}')\n"
        "print(s.reason)\nprint(s.model.info.revision)\n"
        "print(bool(s.model.generate([ChatMessage('user', 'hi')], GenerationParams(max_new_tokens=4))))"
    )
    offline = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, timeout=240,
                             env={**os.environ, "HF_HOME": str(tmp_path), "HF_HUB_OFFLINE": "1"})
    assert offline.returncode == 0, offline.stderr
    lines = offline.stdout.splitlines()
    assert lines[0] == f"transformers: {MODEL_ID} from the local model cache"
    assert lines[1] == "0123456789abcdef0123456789abcdef01234567" and lines[2] == "True"


def test_an_unknown_model_is_one_error_line(hub, tmp_path):
    done = folkmoot("model", "pull", "nobody/nothing", env=hub_env(hub, tmp_path))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "error: The model hub has no model nobody/nothing that this machine may download."
    ]


def test_offline_is_one_error_line(tmp_path):
    env = {"HF_ENDPOINT": "http://127.0.0.1:9", "HF_HOME": str(tmp_path), "HF_HUB_OFFLINE": "0"}
    done = folkmoot("model", "pull", MODEL_ID, env=env)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().startswith("error: Cannot reach the model hub to download")
    offline = folkmoot("model", "pull", MODEL_ID, env={**env, "HF_HUB_OFFLINE": "1"})
    assert offline.returncode == 2 and "HF_HUB_OFFLINE" in offline.stderr


def test_a_bad_model_id_is_refused_before_any_network():
    done = folkmoot("model", "pull", "../etc/passwd", env={"HF_ENDPOINT": "http://127.0.0.1:9"})
    assert done.returncode == 2 and done.stderr.startswith("error: '../etc/passwd' is not a model id")
