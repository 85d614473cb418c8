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

from spacy.language import Language
from spacy.tokens import Doc


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


CHECK_COMPONENT = "sourcemark_deadline"


@Language.component(CHECK_COMPONENT)
def _check_between_components(doc: Doc) -> Doc:
    check()
    return doc


def check_between_components(nlp: Language) -> Language:
    """Check the deadline before each of the pipeline's components (once): a long paragraph
    is stopped after the component at work, not after the whole parse."""
    names = nlp.pipe_names
    for name in names[1:]:
        check = f"{CHECK_COMPONENT}_{name}"
        if not name.startswith(CHECK_COMPONENT) and check not in names:
            nlp.add_pipe(CHECK_COMPONENT, name=check, before=name)
    return nlp
