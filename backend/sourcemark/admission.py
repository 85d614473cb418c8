"""Admission control: a few analyses run at once, a few more wait, the rest are turned
away at once, so that a burst of clients can't hold every worker thread (health checks
and CORS preflights never wait here)."""

from __future__ import annotations

import threading
import time

SPARE_THREADS = 2  # worker threads left for health checks and preflights at all times


def threads_needed(running: int, waiting: int) -> int:
    """Worker threads for a server whose analyses may hold `running + waiting` of them."""
    return running + waiting + SPARE_THREADS


class Busy(Exception):
    """No room to run or wait: answer 503 and ask the client to retry later."""


class Admission:
    def __init__(self, running: int, waiting: int):
        self._slots = threading.BoundedSemaphore(running)
        self._room = threading.BoundedSemaphore(running + waiting)

    def enter(self, until: float) -> None:
        """Take a slot, waiting at most until time.monotonic() `until`; Busy if the queue
        is full, or no slot freed up in time."""
        if not self._room.acquire(blocking=False):
            raise Busy("every analysis slot is taken and the queue is full")
        if not self._slots.acquire(timeout=max(0.0, until - time.monotonic())):
            self._room.release()
            raise Busy("no analysis slot came free in time")

    def leave(self) -> None:
        self._slots.release()
        self._room.release()
