"""Bring a hub model into the local cache, for machines with internet (`folkmoot model pull`).

The bot itself never downloads: it loads weights from the cache (or a directory, or a GGUF
file) offline. Failures are one user-safe line: offline, no such model, refused.
"""

from __future__ import annotations

import re
from pathlib import Path

from governance.errors import InvalidInput, NotFound, Unavailable

_REPO_ID = re.compile(r"^[A-Za-z0-9][\w.-]{0,95}(?:/[A-Za-z0-9][\w.-]{0,95})?$")
_WEIGHTS_AND_SETUP = [
    "*.json", "*.safetensors", "*.gguf", "*.model", "*.txt", "*.jinja", "tokenizer*", "*.tiktoken",
]


def pull_model(model_id: str, revision: str | None = None, cache_dir: str | None = None) -> Path:
    """Downloads `model_id` (config, tokenizer, safetensors or GGUF weights) into the local
    model cache and returns the snapshot directory."""
    if not _REPO_ID.match(model_id) or ".." in model_id:
        raise InvalidInput(f"{model_id!r} is not a model id (expected owner/name, e.g. Qwen/Qwen2.5-0.5B-Instruct).")
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import (
        GatedRepoError,
        HfHubHTTPError,
        LocalEntryNotFoundError,
        OfflineModeIsEnabled,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

    try:
        path = snapshot_download(
            model_id, revision=revision, cache_dir=cache_dir, allow_patterns=_WEIGHTS_AND_SETUP
        )
    except (RepositoryNotFoundError, GatedRepoError):
        raise NotFound(f"The model hub has no model {model_id} that this machine may download.") from None
    except RevisionNotFoundError:
        raise NotFound(f"{model_id} has no revision {revision}.") from None
    except (OfflineModeIsEnabled, LocalEntryNotFoundError):
        raise Unavailable(
            f"Cannot reach the model hub to download {model_id} (offline, or HF_HUB_OFFLINE is set)."
        ) from None
    except HfHubHTTPError as error:
        status = error.response.status_code if error.response is not None else "?"
        raise Unavailable(f"The model hub refused to send {model_id} (HTTP {status}).") from None
    except OSError as error:
        raise Unavailable(f"Could not store {model_id} in the model cache: {error.strerror or error}.") from None
    return Path(path)
