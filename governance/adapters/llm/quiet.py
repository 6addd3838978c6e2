"""Model loading without noise: no "Loading weights" progress bar on every load, no transformers
advice on stderr. What transformers still logs goes through Python logging (and so through the
entry point's secret-scrubbing handler) instead of its own stderr handler.

TRANSFORMERS_VERBOSITY (default here: error) and HF_HUB_DISABLE_PROGRESS_BARS still decide, if set."""

from __future__ import annotations

import functools
import os


@functools.cache
def quiet_model_loading() -> None:
    """Once per process (the model's child process too), before the first from_pretrained."""
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    level = transformers_logging.get_log_levels_dict().get(os.environ["TRANSFORMERS_VERBOSITY"].lower(), 40)
    transformers_logging.set_verbosity(level)
    transformers_logging.disable_default_handler()
    transformers_logging.enable_propagation()
