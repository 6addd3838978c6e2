"""A JSON-RPC proxy in front of a node that tests can break on purpose.

`down`: every request's connection is dropped (the node is unreachable).
`lose_reply_to`: the request reaches the node, but the reply is dropped: the
relayer cannot tell whether its transaction was accepted, the case exactly-once
has to survive.
`stall_after`: once a request of that method went through, every later request hangs until
`release()` (a node that stopped answering mid-pass: the relayer waits for a receipt); `stalled`
is set when the first one hangs.
"""

from __future__ import annotations

import json
import socket
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class RpcProxy:
    def __init__(self, upstream: str):
        self.upstream = upstream
        self.down = False
        self.lose_reply_to: set[str] = set()
        self.lost = 0
        self.stall_after: str | None = None
        self.stalled = threading.Event()
        self._released = threading.Event()
        self._passed: set[str] = set()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if proxy.down:
                    return self._drop()
                if proxy.stall_after in proxy._passed and not proxy._released.is_set():
                    proxy.stalled.set()
                    proxy._released.wait(120)
                request = urllib.request.Request(proxy.upstream, data=body,
                                                 headers={"Content-Type": "application/json"})
                with urllib.request.urlopen(request, timeout=30) as response:
                    reply = response.read()
                method = json.loads(body).get("method") if body.startswith(b"{") else None
                proxy._passed.add(method)
                if method in proxy.lose_reply_to:
                    proxy.lose_reply_to.discard(method)
                    proxy.lost += 1
                    return self._drop()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def _drop(self):
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                self.connection.close()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def release(self) -> None:
        self.stall_after = None
        self._released.set()

    def close(self) -> None:
        self._released.set()
        self.server.shutdown()
        self.server.server_close()
