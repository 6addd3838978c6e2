"""A local OpenAI-compatible chat server on 127.0.0.1 for tests and benchmarks.

It answers POST /v1/chat/completions with `reply(messages)`, and can be told to
fail the next requests (HTTP status) or to stall them (seconds), to exercise
retries and timeouts.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

Reply = Callable[[list[dict[str, str]]], str]


class FakeOpenAIServer:
    def __init__(self, reply: Reply, model: str = "fake-model"):
        self.reply = reply
        self.model = model
        self.requests: list[dict[str, Any]] = []  # bodies received, in order
        self.authorizations: list[str | None] = []  # their Authorization headers
        self._faults: deque[tuple[int, float]] = deque()  # (status or 0, delay seconds)
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def fail_next(self, status: int, times: int = 1) -> None:
        with self._lock:
            self._faults.extend([(status, 0.0)] * times)

    def stall_next(self, seconds: float, times: int = 1) -> None:
        with self._lock:
            self._faults.extend([(0, seconds)] * times)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next_fault(self) -> tuple[int, float]:
        with self._lock:
            return self._faults.popleft() if self._faults else (0, 0.0)


def _handler_for(fake: FakeOpenAIServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            fake.requests.append(body)
            fake.authorizations.append(self.headers.get("Authorization"))
            status, delay = fake._next_fault()
            if delay:
                time.sleep(delay)
            if status:
                return self._send(status, {"error": {"message": "injected failure"}})
            if self.path != "/v1/chat/completions":
                return self._send(404, {"error": {"message": "not found"}})
            content = fake.reply(body["messages"])
            self._send(
                200,
                {
                    "id": "chatcmpl-fake",
                    "object": "chat.completion",
                    "model": fake.model,
                    "choices": [
                        {
                            "index": 0,
                            "finish_reason": "stop",
                            "message": {"role": "assistant", "content": content},
                        }
                    ],
                },
            )

        def _send(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client timed out and left
                pass

        def log_message(self, *args: Any) -> None:  # keep test output clean
            pass

    return Handler
