"""Text from files, the history and the command line, made safe to print on a terminal.

A routine file can hold any character, including the escape sequences that move the
cursor, clear the screen, retitle the window or write the clipboard (`\\x1b]52;...`),
and line breaks that would forge a second diagnostic line. The data keeps them (a copy
of a routine is exact); what is printed shows them as visible escapes (`\\x1b`, `\\u2028`).
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

# C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the
# bidirectional overrides that can make text read other than it runs.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile("[\t\n\r]")
_T = TypeVar("_T")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_ANY = re.compile(f"{_UNSAFE.pattern}|{_BREAKS.pattern}")


def needs_escaping(text: str) -> bool:
    """Whether `visible(text)` would change anything: one scan, for text in bulk."""
    return _ANY.search(text) is not None


def visible(text: str) -> str:
    """`text` as one line, every control character shown as an escape (a break: `\\n`)."""
    return _UNSAFE.sub(_escaped, _BREAKS.sub(_escaped, text))


def visible_lines(text: str) -> str:
    """`text` with its line breaks kept and every other control character escaped."""
    return _UNSAFE.sub(_escaped, text)


def json_safe(text: str) -> str:
    """JSON text with what json leaves raw (C1, separators, bidi) as \\u escapes."""
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def made_visible(value: _T) -> _T:
    """A record (or tuple, or mapping) with every text in it made `visible`."""
    return _made_visible(value)  # type: ignore[no-any-return]


def _made_visible(value: Any) -> Any:
    if isinstance(value, str):
        return visible(value) if _UNSAFE.search(value) or _BREAKS.search(value) else value
    if isinstance(value, tuple) and hasattr(value, "_replace"):
        return type(value)(*(_made_visible(field) for field in value))
    if isinstance(value, tuple):
        return tuple(_made_visible(item) for item in value)
    if isinstance(value, dict):
        return {key: _made_visible(item) for key, item in value.items()}
    return value
