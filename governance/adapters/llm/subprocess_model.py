"""A language model served by a child process, so generation never holds the bot's GIL.

The transformers backend spends much of `generate()` in Python between tensor operations;
in a thread of the bot's process it competes with the event loop for the GIL, and Discord
interactions then wait to be acknowledged. In a child process it only competes for a core.
The child is spawned lazily, builds the model from a picklable factory, and answers one
request at a time over a pipe; if it dies, the call fails with LanguageModelError (the AI
service then answers with the extractive backend) and the next call starts a new child.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from typing import Any

from governance.ports import ChatMessage, GenerationParams, LanguageModel, LanguageModelError, ModelInfo

START_TIMEOUT = 120.0  # importing torch and transformers takes seconds on a busy machine
CALL_TIMEOUT = 600.0  # a long generation on a CPU; past this the child is presumed hung


def _serve(factory: Callable[[], LanguageModel], connection) -> None:
    """The child: build the model once, then answer (method, args) requests until the pipe closes."""
    import torch

    # Leave a core to the bot: with every core busy generating, acknowledgements queue up.
    torch.set_num_threads(max(1, (os.cpu_count() or 2) - 1))
    model = factory()
    while True:
        try:
            method, args = connection.recv()
        except EOFError:
            return
        try:
            if method == "info":
                reply = (True, (model.info, model.context_window))
            elif method == "count_tokens":
                reply = (True, model.count_tokens(*args))
            else:
                reply = (True, model.generate(*args))
        except Exception as error:  # noqa: BLE001 - handed back to the parent as text
            reply = (False, f"{type(error).__name__}: {error}")
        connection.send(reply)


class SubprocessLanguageModel:
    def __init__(self, factory: Callable[[], LanguageModel], timeout: float = CALL_TIMEOUT):
        self._factory = factory
        self._timeout = timeout
        self._lock = threading.Lock()  # one request in flight: the pipe is a conversation
        self._process: multiprocessing.process.BaseProcess | None = None
        self._connection = None
        self._info: tuple[ModelInfo, int] | None = None

    @property
    def info(self) -> ModelInfo:
        return self._identity()[0]

    @property
    def context_window(self) -> int:
        return self._identity()[1]

    def count_tokens(self, text: str) -> int:
        return self._call("count_tokens", text)

    def generate(self, messages: list[ChatMessage], params: GenerationParams) -> str:
        return self._call("generate", list(messages), params)

    def close(self) -> None:
        with self._lock:
            self._stop()

    def _identity(self) -> tuple[ModelInfo, int]:
        if self._info is None:
            self._info = self._call("info")
        return self._info

    def _call(self, method: str, *args: Any) -> Any:
        with self._lock:
            if self._process is None or not self._process.is_alive():
                self._start()
            try:
                self._connection.send((method, args))
                if not self._connection.poll(START_TIMEOUT + self._timeout):  # the first call also loads
                    raise EOFError(f"no answer within {START_TIMEOUT + self._timeout:.0f} s")
                ok, value = self._connection.recv()
            except (EOFError, OSError, BrokenPipeError) as error:
                self._stop()
                raise LanguageModelError(f"the model process stopped ({error or 'no answer'})") from None
        if not ok:
            raise LanguageModelError(value)
        return value

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")  # no fork: the parent holds threads and sockets
        parent, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(self._factory, child), daemon=True,
                                        name="folkmoot-model")
        self._process.start()
        child.close()
        self._connection = parent

    def _stop(self) -> None:
        if self._connection is not None:
            self._connection.close()
        if self._process is not None:
            self._process.join(timeout=5)
            if self._process.is_alive():
                self._process.kill()
        self._process = self._connection = None
