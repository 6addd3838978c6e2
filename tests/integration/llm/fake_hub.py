"""A local HTTP server posing as the model hub: the few routes a snapshot download uses
(repository info, its file tree, and each file), serving files from memory."""

from __future__ import annotations

import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import unquote, urlparse

COMMIT = "0123456789abcdef0123456789abcdef01234567"


class FakeHub:
    def __init__(self, repos: dict[str, dict[str, bytes]]):
        self.repos = repos  # repo id -> {path: contents}
        self.requests: list[str] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def route(self, path: str) -> tuple[int, dict[str, str], bytes]:
        parts = [unquote(p) for p in urlparse(path).path.strip("/").split("/")]
        if parts[:2] == ["api", "models"]:
            repo_id, rest = "/".join(parts[2:4]), parts[4:]
            if repo_id not in self.repos:
                return _json(404, {"error": "Repository not found"}, {"X-Error-Code": "RepoNotFound"})
            files = self.repos[repo_id]
            if not rest or rest[0] == "revision":
                siblings = [{"rfilename": name} for name in files]
                return _json(200, {"id": repo_id, "modelId": repo_id, "sha": COMMIT, "siblings": siblings})
            if rest[0] == "tree":
                return _json(200, [{"type": "file", "path": name, "size": len(data), "oid": _oid(data)}
                                   for name, data in files.items()])
        if len(parts) >= 5 and parts[2] == "resolve":
            repo_id, name = "/".join(parts[:2]), "/".join(parts[4:])
            data = self.repos.get(repo_id, {}).get(name)
            if data is None:
                return _json(404, {"error": "Entry not found"}, {"X-Error-Code": "EntryNotFound"})
            return 200, {"X-Repo-Commit": COMMIT, "ETag": f'"{_oid(data)}"',
                         "Content-Type": "application/octet-stream"}, data
        return _json(404, {"error": "not found"})


def _oid(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def _json(status: int, payload: Any, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    return status, {"Content-Type": "application/json", **(headers or {})}, json.dumps(payload).encode()


def _handler(hub: FakeHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._answer(body=True)

        def do_HEAD(self) -> None:
            self._answer(body=False)

        def _answer(self, body: bool) -> None:
            hub.requests.append(f"{self.command} {self.path}")
            status, headers, data = hub.route(self.path)
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if body:
                self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    return Handler
