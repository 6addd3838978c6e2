"""Which weights a model is: the hub commit when known, else a hash of the weight files."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from eth_hash.auto import keccak

WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".pth", ".gguf")
_READ_SIZE = 8 * 1024 * 1024


def hash_weight_files(directory: Path) -> str:
    """keccak over (relative path, keccak of contents) of every weight file, sorted by path."""
    files = sorted(
        p for p in directory.rglob("*") if p.is_file() and p.name.endswith(WEIGHT_SUFFIXES)
    )
    if not files:
        raise FileNotFoundError(f"no weight files in {directory}")
    combined = keccak.new(b"")
    for path in files:
        contents = keccak.new(b"")
        with path.open("rb") as stream:
            while chunk := stream.read(_READ_SIZE):
                contents.update(chunk)
        combined.update(path.relative_to(directory).as_posix().encode() + b"\0" + contents.digest())
    return "0x" + combined.digest().hex()


def is_gguf(model_id: str) -> bool:
    return model_id.lower().endswith(".gguf")


def hash_file(path: Path) -> str:
    contents = keccak.new(b"")
    with path.open("rb") as stream:
        while chunk := stream.read(_READ_SIZE):
            contents.update(chunk)
    return "0x" + contents.digest().hex()


def resolve_revision(
    model_id: str, revision: str | None, local_files_only: bool, cache_dir: str | None = None
) -> str:
    """A GGUF file or a local directory is hashed; a hub model names its snapshot commit."""
    if is_gguf(model_id):
        return hash_file(Path(model_id).expanduser())
    directory = Path(model_id).expanduser()
    if directory.is_dir():
        return hash_weight_files(directory)
    from transformers.utils.hub import cached_file, extract_commit_hash

    config = cached_file(
        model_id,
        "config.json",
        revision=revision,
        local_files_only=local_files_only,
        cache_dir=cache_dir,
    )
    if config is None:
        raise FileNotFoundError(f"{model_id} has no config.json")
    return extract_commit_hash(config, None) or hash_weight_files(Path(config).parent)


def locally_available(
    model_id: str, revision: str | None = None, cache_dir: str | None = None
) -> tuple[bool, str]:
    """Whether the weights can load without the network, and why not (never downloads)."""
    if is_gguf(model_id):
        path = Path(model_id).expanduser()
        if not path.is_file():
            return False, f"GGUF file {path} does not exist"
        if importlib.util.find_spec("gguf") is None:
            return False, f"{path} is a GGUF file and the gguf package is not installed"
        return True, f"local GGUF file {path}"
    directory = Path(model_id).expanduser()
    if directory.is_dir():
        has_weights = any(p.name.endswith(WEIGHT_SUFFIXES) for p in directory.rglob("*"))
        if (directory / "config.json").is_file() and has_weights:
            return True, f"local model directory {directory}"
        return False, f"{directory} lacks config.json or weight files"
    if model_id.startswith((".", "/", "~")):
        return False, f"model directory {directory} does not exist"
    from huggingface_hub import try_to_load_from_cache

    config = try_to_load_from_cache(model_id, "config.json", cache_dir=cache_dir, revision=revision)
    if not isinstance(config, str):
        return False, f"{model_id} is not in the local model cache"
    if not any(p.name.endswith(WEIGHT_SUFFIXES) for p in Path(config).parent.iterdir()):
        return False, f"{model_id} is cached without its weights"
    return True, f"{model_id} from the local model cache"
