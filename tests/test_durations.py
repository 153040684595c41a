from __future__ import annotations

import re

import pytest

from stretchcli.core.durations import (
    format_clock,
    format_seconds,
    format_span,
    parse_count,
    parse_duration,
    parse_length,
    span_json,
    spoken_length,
)
from stretchcli.core.model import Level, Span


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (30, Span(30, 30)),
        ("30", Span(30, 30)),
        ("45s", Span(45, 45)),
        ("2m", Span(120, 120)),
        ("1m30s", Span(90, 90)),
        (" 1m 30s ", Span(90, 90)),
        ("20-30", Span(20, 30)),
        ("20-30s", Span(20, 30)),
        ("1-2m", Span(60, 120)),
        ("30s-1m", Span(30, 60)),
        ([20, 30], Span(20, 30)),
        (["20s", "1m"], Span(20, 60)),
        (0, Span(0, 0)),
        (3600, Span(3600, 3600)),
        ("60m", Span(3600, 3600)),
    ],
)
def test_durations_people_write(value: object, expected: Span) -> None:
    assert parse_duration(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("thirty", 'expected seconds like 30 or "20-30s", got "thirty"'),
        (2.5, "durations are whole seconds, got 2.5"),
        ("2.5s", 'durations are whole seconds, got "2.5s"'),
        (-5, "a duration cannot be negative, got -5"),
        ("-5s", 'a duration cannot be negative, got "-5s"'),
        (True, 'expected seconds like 30 or "20-30s", got true'),
        (None, 'expected seconds like 30 or "20-30s", got nothing'),
        ("1m30", 'expected seconds like 30 or "20-30s", got "1m30"'),
        ("2h", 'expected seconds like 30 or "20-30s", got "2h"'),
        ("30-20", "the range 30-20s goes down: write the low end first"),
        ([1, 2, 3], "a range list holds two values [low, high], got 3"),
        (3601, "must be at most 1 hour (3600s), got 3601s"),
        ("1-61m", "must be at most 1 hour (3600s), got 3660s"),
    ],
)
def test_bad_durations_say_what_is_wrong(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        parse_duration(value)


def test_a_hold_has_a_minimum_of_one_second() -> None:
    with pytest.raises(ValueError, match="must be at least 1s, got 0s"):
        parse_duration(0, minimum=1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1, Span(1, 1)), ("8-10", Span(8, 10)), ([8, 10], Span(8, 10)), ("3", Span(3, 3))],
)
def test_counts(value: object, expected: Span) -> None:
    assert parse_count(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "must be at least 1, got 0"),
        (1001, "must be at most 1000, got 1001"),
        ("a few", 'expected a whole number like 3 or a range like "8-10", got "a few"'),
        (2.5, "counts are whole numbers, got 2.5"),
        ("10-8", "the range 10-8 goes down: write the low end first"),
    ],
)
def test_bad_counts(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        parse_count(value)


@pytest.mark.parametrize(
    ("span", "level", "value"),
    [
        (Span(5, 10), Level.BEGINNER, 5),
        (Span(5, 10), Level.INTERMEDIATE, 8),  # midpoint 7.5 rounds half up
        (Span(5, 10), Level.ADVANCED, 10),
        (Span(20, 30), Level.INTERMEDIATE, 25),
        (Span(8, 10), Level.INTERMEDIATE, 9),
        (Span(30, 30), Level.ADVANCED, 30),
    ],
)
def test_levels_pick_from_ranges(span: Span, level: Level, value: int) -> None:
    assert span.at(level) == value


def test_formatting() -> None:
    assert [format_seconds(s) for s in (5, 60, 90, 3600)] == ["5s", "1m", "1m30s", "60m"]
    assert [format_clock(s) for s in (0, 155, 3725)] == ["00:00", "02:35", "1:02:05"]
    assert format_span(Span(20, 30)) == "20-30s"
    assert format_span(Span(8, 10), "") == "8-10"
    assert format_span(Span(90, 90)) == "1m30s"
    assert span_json(Span(3, 5)) == [3, 5]
    assert span_json(Span(30, 30)) == 30


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("10m", 600), ("90s", 90), ("1m30s", 90), ("1h", 3600), ("2H", 7200), ("1h30m", 5400),
     (" 3h ", 10800), ("1h5s", 3605), ("120", 120)],
)  # fmt: skip
def test_session_lengths_people_write(text: str, seconds: int) -> None:
    assert parse_length(text, minimum=60, maximum=3 * 3600) == seconds


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("181m", "must be at most 3 hours, got 3h1m"),
        ("20s", "must be at least 1m, got 20s"),
        ("10", 'got 10s (for 10 minutes, write "10m")'),
        ("0", "must be at least 1m, got 0s"),
        ("1h30", 'expected a length like "10m", "1h30m" or "90s", got "1h30"'),
        ("10-20m", 'one length, not a range: "10-20m"'),
        ("", "expected a length"),
        ("ten", "expected a length"),
    ],
)
def test_bad_session_lengths_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)) as raised:
        parse_length(text, minimum=60, maximum=3 * 3600)
    assert "minutes" not in str(raised.value) or text == "10"


def test_lengths_in_messages() -> None:
    assert [spoken_length(s) for s in (45, 600, 3600, 5400, 7200)] == [
        "45s", "10m", "1 hour", "1h30m", "2 hours"
    ]  # fmt: skip
