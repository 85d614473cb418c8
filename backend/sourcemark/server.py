"""The waitress server for the API, set up so that it stays reachable and reads no more
than it must.

- A body over the size limit is refused from its Content-Length, and a chunked one as soon
  as its count passes the limit, before the rest is read; bodies are kept in memory, never
  spooled to disk.
- Idle connections are closed after a few seconds, and there is room for many of them,
  so that a pile of open sockets doesn't lock everyone out.
- Errors that waitress answers itself (a bad header, a body too large) are JSON, like the
  API's own.
- Requests are looked ahead of, so that the app can see a client that went away.
"""

from __future__ import annotations

import json
import sys

from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer, create_server
from waitress.task import ErrorTask

from .admission import threads_needed
from .config import Settings

MAX_CONNECTIONS = 500  # open connections at once; below the usual limit of 1024 files
CLEANUP_INTERVAL = 2  # seconds between sweeps for idle connections
# How long a thread that wants the GIL waits for the one analysing (Python's default is
# 5 ms): the event loop and a health check take several turns, each waiting this long.
SWITCH_INTERVAL = 0.0005


_CODES = {400: "bad_request", 413: "payload_too_large", 431: "headers_too_large"}


class JsonErrorTask(ErrorTask):
    """waitress' own errors (a malformed request, a body too large) in the API's shape."""

    def execute(self):
        error = self.request.error
        code = _CODES.get(error.code, "http_error")
        message = f"{error.reason}: {error.body}"
        body = json.dumps({"error": {"code": code, "message": message}}).encode()
        self.status = f"{error.code} {error.reason}"
        self.response_headers.append(("Content-Type", "application/json"))
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class JsonErrorChannel(HTTPChannel):
    error_task_class = JsonErrorTask


def make_server(app, settings: Settings, **adjustments):
    """A waitress server for `app`, not yet running (call .run())."""
    sys.setswitchinterval(SWITCH_INTERVAL)
    server = create_server(
        app,
        host=settings.host,
        port=settings.port,
        ident="sourcemark",
        threads=threads_needed(settings.max_analyses, settings.max_waiting),
        max_request_body_size=settings.max_body_bytes,
        inbuf_overflow=settings.max_body_bytes + 1,  # whole bodies in memory, none on disk
        connection_limit=MAX_CONNECTIONS,
        channel_timeout=settings.idle_timeout,
        cleanup_interval=CLEANUP_INTERVAL,
        asyncore_use_poll=True,  # select() can't watch more than 1024 sockets
        channel_request_lookahead=1,  # lets the app ask whether the client went away
        **adjustments,
    )
    # One listening socket, or several (a name that is both 127.0.0.1 and ::1).
    listeners = [server] if isinstance(server, BaseWSGIServer) else list(server.map.values())
    for listener in listeners:
        if isinstance(listener, BaseWSGIServer):
            listener.channel_class = JsonErrorChannel
    return server
