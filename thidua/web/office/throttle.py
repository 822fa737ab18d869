"""Counting failures per key (a client address) in a sliding window, in this process's
memory: after ``limit`` failures within ``window`` the key is refused until the oldest of
them leaves the window. A success does not clear the count: a guesser who knows one
password must not reset the limit on the others."""

from __future__ import annotations

import threading
from collections import deque
from datetime import datetime, timedelta

MAX_KEYS = 100_000  # bounded memory under a flood of addresses


class Throttle:
    def __init__(self, *, limit: int, window: timedelta) -> None:
        self.limit = limit
        self.window = window
        self._lock = threading.Lock()
        self._failures: dict[str, deque[datetime]] = {}

    def blocked_until(self, key: str, now: datetime) -> datetime | None:
        """When ``key`` may try again, or None if it may now."""
        with self._lock:
            times = self._recent(key, now)
            if len(times) < self.limit:
                return None
            return times[0] + self.window

    def failed(self, key: str, now: datetime) -> None:
        with self._lock:
            if key not in self._failures and len(self._failures) >= MAX_KEYS:
                self._failures.clear()
            self._recent(key, now).append(now)

    def _recent(self, key: str, now: datetime) -> deque[datetime]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times
