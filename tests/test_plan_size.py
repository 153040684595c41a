"""plan_size counts exactly what build_plan builds, and the session limits hold without building."""

from __future__ import annotations

import random

import pytest

from stretchcli.core.library import find_target
from stretchcli.core.model import Level, Side, Span
from stretchcli.core.timeline import (
    MAX_SESSION_SECONDS,
    MAX_SESSION_STEPS,
    PlanOptions,
    SessionTooLong,
    build_plan,
    plan_size,
)
from stretchcli.storage.library_files import load_library

LIBRARY = load_library()


def _fixed(low: int, high: int, rng: random.Random) -> Span:
    value = rng.randint(low, high)
    return Span(value, value)


@pytest.mark.parametrize("seed", range(20))
def test_the_size_is_the_built_plans_for_any_options(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(50):
        routine = find_target(LIBRARY, rng.choice([*LIBRARY.routines, *LIBRARY.exercises]))
        options = PlanOptions(
            level=rng.choice([None, *Level]),
            hold=rng.choice([None, _fixed(1, 60, rng)]),
            scale=rng.choice([None, 0.5, 1.7]),
            reps=rng.choice([None, _fixed(1, 5, rng)]),
            sets=rng.choice([None, _fixed(1, 4, rng)]),
            prep=rng.choice([None, _fixed(0, 15, rng)]),
            switch=rng.choice([None, _fixed(0, 10, rng)]),
            rest=rng.choice([None, _fixed(0, 30, rng)]),
            rounds=rng.choice([None, _fixed(1, 3, rng)]),
            first_side=rng.choice([None, *Side]),
        )
        size = plan_size(routine, LIBRARY.exercises, options)
        if size.too_long():
            continue
        plan = build_plan(routine, LIBRARY.exercises, options)
        assert (len(plan.steps), plan.total_seconds) == size


def test_options_past_the_limits_are_refused_before_anything_is_built() -> None:
    # Built, these would be 10^10 steps: the test would not end, let alone pass.
    routine = LIBRARY.routines["glutes"]
    huge = PlanOptions(reps=Span(1000, 1000), sets=Span(1000, 1000), rounds=Span(1000, 1000))
    size = plan_size(routine, LIBRARY.exercises, huge)
    assert size.steps > MAX_SESSION_STEPS
    with pytest.raises(SessionTooLong, match=r"glutes: this session makes [\d,]+ steps"):
        build_plan(routine, LIBRARY.exercises, huge)


def test_the_time_limit_is_a_day() -> None:
    routine = LIBRARY.routines["glutes"]
    long = PlanOptions(hold=Span(3600, 3600), rounds=Span(3, 3))
    size = plan_size(routine, LIBRARY.exercises, long)
    assert size.steps <= MAX_SESSION_STEPS
    assert size.seconds > MAX_SESSION_SECONDS
    with pytest.raises(SessionTooLong, match="hours; a session lasts at most 24"):
        build_plan(routine, LIBRARY.exercises, long)
