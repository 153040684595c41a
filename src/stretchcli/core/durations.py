"""Durations, counts and ranges as people write them: 30, "45s", "1m30s", "20-30s", [8, 10].

Parsers raise ValueError with a message meant for the user; the caller adds where.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from .model import Span
from .text import visible

MAX_SECONDS = 3600
MAX_COUNT = 1000

# ASCII digits only: "²".isdigit() is true, but it is no number a person typed.
# At most 18 digits: every limit is far below, and int() refuses past 4,300 digits with a
# message about Python, not the file. A longer number is refused as the text it is.
_DURATION = re.compile(r"(?:(?P<m>[0-9]{1,18})\s*m)?\s*(?:(?P<s>[0-9]{1,18})\s*s?)?")
_WHOLE = re.compile(r"\s*[0-9]{1,18}\s*")
_EXPECTED_DURATION = 'expected seconds like 30 or "20-30s"'
_EXPECTED_COUNT = 'expected a whole number like 3 or a range like "8-10"'
_CLOCK = re.compile(r"\s*([0-9]+):([0-9]+)\s*")


def _clock_hint(value: object) -> str:
    """For "1:30" (which YAML 1.1 would read as 90): how to write it so it means one thing."""
    match = _CLOCK.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return ""
    minutes, seconds = (int(part) for part in match.groups())
    return f' (for {minutes} min {seconds} s, write "{minutes}m{seconds}s")'


def shown(value: object) -> str:
    """A value as the user wrote it in YAML, for messages; long text is clipped."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        one_line = visible(" ".join(value.split()))
        return f'"{one_line[:40]}..."' if len(one_line) > 40 else f'"{one_line}"'
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return str(value)


def _single_seconds(text: str, unit_hint: str | None = None) -> int | None:
    """Seconds in "90", "45s", "2m", "1m30s"; a bare number takes `unit_hint`."""
    text = text.strip()
    if not text:
        return None
    if _WHOLE.fullmatch(text) and unit_hint == "m":
        return int(text) * 60
    match = _DURATION.fullmatch(text)
    if match is None or (match["m"] is None and match["s"] is None):
        return None
    if match["m"] is not None and match["s"] is not None and not text.endswith("s"):
        return None  # "1m30" is ambiguous enough to refuse
    return int(match["m"] or 0) * 60 + int(match["s"] or 0)


def _check_bounds(span: Span, minimum: int, maximum: int, unit: str) -> Span:
    if span.low > span.high:
        raise ValueError(
            f"the range {span.low}-{span.high}{unit} goes down: write the low end first"
        )
    if span.low < minimum:
        raise ValueError(f"must be at least {minimum}{unit}, got {span.low}{unit}")
    if span.high > maximum:
        limit = f"1 hour ({MAX_SECONDS}s)" if unit == "s" else str(maximum)
        raise ValueError(f"must be at most {limit}, got {span.high}{unit}")
    return span


def _duration_scalar(value: object) -> int:
    if isinstance(value, bool) or value is None:
        raise ValueError(f"{_EXPECTED_DURATION}, got {shown(value)}{_clock_hint(value)}")
    if isinstance(value, int):
        if value < 0:
            raise ValueError(f"a duration cannot be negative, got {value}")
        return value
    if isinstance(value, float):
        raise ValueError(f"durations are whole seconds, got {value}")
    if isinstance(value, str):
        seconds = _single_seconds(value)
        if seconds is not None:
            return seconds
        if value.strip().startswith("-") and _single_seconds(value.strip()[1:]) is not None:
            raise ValueError(f"a duration cannot be negative, got {shown(value)}")
        if re.fullmatch(r"\s*\d+\.\d+\s*[ms]?\s*", value):
            raise ValueError(f"durations are whole seconds, got {shown(value)}")
    raise ValueError(f"{_EXPECTED_DURATION}, got {shown(value)}{_clock_hint(value)}")


# A session's length: hours too ("1h30m"), as nobody writes three hours as 180m.
_LENGTH = re.compile(
    r"(?:(?P<h>[0-9]{1,6})\s*h)?\s*(?:(?P<m>[0-9]{1,6})\s*m)?\s*(?:(?P<s>[0-9]{1,6})\s*(?P<unit>s)?)?"
)
_EXPECTED_LENGTH = 'expected a length like "10m", "1h30m" or "90s"'


def spoken_length(seconds: int) -> str:
    """3600 -> "1 hour", 5400 -> "1h30m", 600 -> "10m": a length in a message."""
    hours, rest = divmod(seconds, 3600)
    if not hours:
        return format_seconds(seconds)
    if not rest:
        return f"{hours} hour" + ("s" if hours > 1 else "")
    return f"{hours}h{format_seconds(rest)}"


def parse_length(text: str, *, minimum: int, maximum: int) -> int:
    """One length of time: "10m", "90s", "1h30m", "2h"; a bare number is seconds, as
    everywhere else, and one too short to be meant so is answered with the minutes."""
    written = text.strip().lower()
    match = _LENGTH.fullmatch(written) if written else None
    if match is None or not any(match[part] for part in ("h", "m", "s")):
        if "-" in written.lstrip("-"):
            raise ValueError(f"one length, not a range: {shown(text)}")
        raise ValueError(f"{_EXPECTED_LENGTH}, got {shown(text)}")
    if match["s"] is not None and match["unit"] is None and (match["h"] or match["m"]):
        raise ValueError(f"{_EXPECTED_LENGTH}, got {shown(text)}")  # "1h30": 30 what?
    seconds = int(match["h"] or 0) * 3600 + int(match["m"] or 0) * 60 + int(match["s"] or 0)
    if seconds < minimum:
        bare = _WHOLE.fullmatch(written) is not None and seconds * 60 >= minimum
        hint = f' (for {seconds} minutes, write "{seconds}m")' if bare else ""
        raise ValueError(
            f"must be at least {spoken_length(minimum)}, got {spoken_length(seconds)}{hint}"
        )
    if seconds > maximum:
        raise ValueError(f"must be at most {spoken_length(maximum)}, got {spoken_length(seconds)}")
    return seconds


def parse_seconds(value: object, *, maximum: int = MAX_SECONDS) -> int:
    """One duration, no range: 10, "10s", "1m"."""
    return _check_bounds(Span.fixed(_duration_scalar(value)), 0, maximum, "s").low


def parse_duration(value: object, *, minimum: int = 0, maximum: int = MAX_SECONDS) -> Span:
    """A duration or a range of durations in seconds."""
    if isinstance(value, list | tuple):
        if len(value) != 2:
            raise ValueError(f"a range list holds two values [low, high], got {len(value)}")
        low, high = (_duration_scalar(part) for part in value)
        return _check_bounds(Span(low, high), minimum, maximum, "s")
    if isinstance(value, str) and "-" in value.strip()[1:]:
        low_text, _, high_text = value.strip().partition("-")
        upper = _single_seconds(high_text)
        # "1-2m": the unit written once applies to both ends.
        unit = "m" if high_text.strip().endswith("m") else None
        lower = _single_seconds(low_text, unit_hint=unit)
        if lower is None or upper is None:
            raise ValueError(f"{_EXPECTED_DURATION}, got {shown(value)}{_clock_hint(value)}")
        return _check_bounds(Span(lower, upper), minimum, maximum, "s")
    return _check_bounds(Span.fixed(_duration_scalar(value)), minimum, maximum, "s")


def _count_scalar(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _WHOLE.fullmatch(value):
        return int(value)
    if isinstance(value, float):
        raise ValueError(f"counts are whole numbers, got {value}")
    raise ValueError(f"{_EXPECTED_COUNT}, got {shown(value)}")


def parse_count(value: object, *, maximum: int = MAX_COUNT) -> Span:
    """A count of at least 1 (reps, sets, rounds) or a range of counts."""
    if isinstance(value, list | tuple):
        if len(value) != 2:
            raise ValueError(f"a range list holds two values [low, high], got {len(value)}")
        low, high = (_count_scalar(part) for part in value)
        return _check_bounds(Span(low, high), 1, maximum, "")
    if isinstance(value, str) and "-" in value.strip()[1:]:
        low_text, _, high_text = value.strip().partition("-")
        if not (_WHOLE.fullmatch(low_text) and _WHOLE.fullmatch(high_text)):
            raise ValueError(f"{_EXPECTED_COUNT}, got {shown(value)}")
        return _check_bounds(Span(int(low_text), int(high_text)), 1, maximum, "")
    return _check_bounds(Span.fixed(_count_scalar(value)), 1, maximum, "")


def plural(number: int, noun: str) -> str:
    """ "1 routine", "3 routines", "2 stretches": counts in messages."""
    if number == 1:
        return f"{number} {noun}"
    return f"{number} {noun}{'es' if noun.endswith(('ch', 'sh', 's', 'x')) else 's'}"


def format_seconds(seconds: int) -> str:
    """45 -> "45s", 120 -> "2m", 90 -> "1m30s": the way the files write it."""
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest}s"
    return f"{minutes}m{rest}s" if rest else f"{minutes}m"


def format_clock(seconds: int) -> str:
    """A clock reading: "02:35", or "1:02:35" past an hour."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def format_span(span: Span, unit: str = "s") -> str:
    """A span the way a file writes it: "30s", "20-30s", "8-10"."""
    if unit == "s" and not span.is_range:
        return format_seconds(span.low)
    text = f"{span.low}-{span.high}" if span.is_range else str(span.low)
    return text + unit


def span_json(span: Span) -> int | list[int]:
    """A span in the JSON outputs: a number, or [low, high] (both valid file input)."""
    return [span.low, span.high] if span.is_range else span.low


def utc_text(moment: datetime) -> str:
    """An aware datetime as stored: ISO 8601 in UTC, to the second, with Z."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"a recorded time needs a time zone, got naive {moment.isoformat()}")
    utc = moment.astimezone(timezone.utc)
    # Not strftime("%Y"): it writes year 2 as "2", which is no ISO 8601.
    return (
        f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}"
        f"T{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}Z"
    )
