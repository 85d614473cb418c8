"""A cooperative deadline for the analysis of one request.

The API sets it for the request; the pipeline's steps call `check()` between paragraphs and
batches. Past the deadline, or once the client has gone away, `check()` raises, the work
stops, and the worker thread is free for the next request.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


class Stopped(Exception):
    """The work was stopped: out of time, or nobody is waiting for it."""


class OutOfTime(Stopped):
    pass


class ClientGone(Stopped):
    pass


@dataclass(frozen=True)
class _Deadline:
    at: float  # time.monotonic() value
    gone: Callable[[], bool]


_current: ContextVar[_Deadline | None] = ContextVar("sourcemark_deadline", default=None)


def _never() -> bool:
    return False


@contextmanager
def deadline(at: float, client_gone: Callable[[], bool] | None = None) -> Iterator[None]:
    """Within this block, check() raises past time.monotonic() `at`, or when client_gone()."""
    token = _current.set(_Deadline(at, client_gone or _never))
    try:
        yield
    finally:
        _current.reset(token)


def check() -> None:
    """Raise Stopped if the current request's time is up or its client has gone away;
    outside a request (the CLI, the evaluation) it does nothing."""
    current = _current.get()
    if current is None:
        return
    if time.monotonic() > current.at:
        raise OutOfTime("the analysis ran out of time")
    if current.gone():
        raise ClientGone("the client went away")
