"""A session's row in the history: written as the session starts, updated as it ends."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timezone

from stretchcli.core.engine import Summary
from stretchcli.core.model import Exercise, Outcome, Plan
from stretchcli.core.stats import muscle_seconds

from .history import BUSY_TIMEOUT_SECONDS, START_WAIT_SECONDS, History, HistoryUnavailable


class Recording:
    """A session's row in the history, written as it starts and updated as it ends.

    The history is never in the session's way: if it cannot be opened or written,
    one warning says so and the session runs on unrecorded.
    """

    def __init__(self, store: History, session_id: int, warn: Callable[[str], None]) -> None:
        self.store = store
        self.session_id = session_id
        self.warn = warn

    @classmethod
    def begin(cls, plan: Plan, warn: Callable[[str], None]) -> Recording | None:
        """Record the session as started, or warn and return None."""
        store = None
        try:
            store = History.open(wait=START_WAIT_SECONDS)
            started = datetime.now(timezone.utc)
            session_id = store.start(
                plan.routine_id, plan.name, plan.level.value, plan.total_seconds, started
            )
            store.wait_for_others(BUSY_TIMEOUT_SECONDS)  # the end may wait: nobody is waiting
        except HistoryUnavailable as error:
            if store is not None:
                store.close()
            warn(f"stretch: warning: {error}; history is off for this session")
            return None
        return cls(store, session_id, warn)

    def end(self, outcome: Outcome, done: Summary, exercises: Mapping[str, Exercise]) -> None:
        """Record how the session ended; a failure is one warning."""
        try:
            self.store.finish(
                self.session_id,
                datetime.now(timezone.utc),
                outcome,
                held_seconds=done.held_seconds,
                exercises_done=done.exercises_done,
                exercises_skipped=done.exercises_skipped,
                exercises_total=done.exercises_total,
                elapsed_seconds=done.elapsed_seconds,
                muscle_seconds=muscle_seconds(done.held_by_exercise, exercises),
                exercises=done.exercises,
            )
        except HistoryUnavailable as error:
            self.warn(f"stretch: warning: {error}; this session is not recorded")
        finally:
            self.store.close()
