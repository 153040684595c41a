"""The text of a new routine file (`stretch new`): a commented skeleton, valid as written.

Pure: `storage.new_routine` writes the text. Values copied from another routine come
from jsonout.routine_json, whose objects (less their id) are valid file input, so a
copy loads to the same items and settings as its source.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .catalog import dosage_ranges
from .errors import StretchError, UsageError, did_you_mean
from .jsonout import routine_json
from .loader import MAX_ID_LENGTH, is_too_long_id, is_valid_id, suggest_id
from .model import Exercise, Routine
from .text import visible

if TYPE_CHECKING:
    from .library import Library

SCHEMA_FILE = "routine.schema.json"
# Built in, so a skeleton made without --exercise or --from runs as written.
STARTER_EXERCISES = ("seated-glute-stretch", "pigeon-pose")

_NO_EXERCISES: Mapping[str, Exercise] = MappingProxyType({})
_DURATION_KEYS = frozenset({"hold", "rep_rest", "set_rest", "seconds", "rest", "prep", "switch"})
_COUNT_KEYS = frozenset({"reps", "sets", "rounds"})
# The routine settings a skeleton shows, with their defaults and what they mean.
_DEFAULT = Routine._field_defaults
_SETTINGS = (
    ("prep", _DEFAULT["prep"].low, "seconds to get ready for each exercise"),
    ("switch", _DEFAULT["switch"].low, "seconds to change sides"),
    ("rest", _DEFAULT["rest"].low, "seconds of rest between two items"),
    ("rounds", _DEFAULT["rounds"].low, "times through the whole list"),
    ("first_side", _DEFAULT["first_side"].value, "or left: the side to start on"),
    ("progression", _DEFAULT["progression"], "true: holds grow when rated easy"),
)
_COMMENT_COLUMN = 36  # where trailing comments line up; longer code just gets two spaces

# Outside a double-quoted YAML scalar's safe characters: controls, the C1 block
# (PyYAML rejects most of it, and reads U+0085 as a line break), the Unicode line
# and paragraph separators (also line breaks to YAML 1.1) and the byte order mark.
_UNSAFE = re.compile(
    "[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}  # the rest as \uXXXX
_LINE_BREAKS = re.compile("[\r\n\x85\u2028\u2029]+")


def schema_text() -> str:
    """The JSON Schema of the file format, as written next to a new routine file."""
    from .schema import routine_file_schema

    return json.dumps(routine_file_schema(), indent=2) + "\n"


def title_from_id(routine_id: str) -> str:
    """A display name from an id: "my-hips" -> "My Hips"."""
    return " ".join(word[:1].upper() + word[1:] for word in routine_id.split("-") if word)


def check_new(
    routine_id: str, exercise_ids: Sequence[str], library: Library, source: str | None = None
) -> None:
    """Refuse an id `stretch new` cannot use, or exercises no loaded file defines.

    A built-in id is refused too, unless the new file is a copy of that very routine:
    replacing a built-in routine is a choice, not an accident of naming.
    """
    if not is_valid_id(routine_id):
        # A bad argument, as `stretch edit` says of one: a usage error.
        if is_too_long_id(routine_id):
            raise UsageError(
                f'"{routine_id}" is too long for a routine id ({len(routine_id)} characters; '
                f"at most {MAX_ID_LENGTH})"
            )
        raise UsageError(
            f'"{routine_id}" is not a valid routine id: use lowercase letters, digits and '
            f'dashes, like "{suggest_id(routine_id, "my-routine")}"'
        )
    if routine_id in library.exercises:
        # `stretch session NAME` finds a routine before an exercise: the exercise would be
        # out of reach by its id.
        raise StretchError(
            f'"{routine_id}" is the id of an exercise, and a routine with that id would hide '
            "it from `stretch session`; pick another name"
        )
    existing = library.routines.get(routine_id)
    if existing is not None and not existing.origin.builtin:
        # Two user files defining one id would both be left out.
        raise StretchError(
            f'a routine "{routine_id}" is already defined at {existing.origin}; '
            "edit that file, or pick another name"
        )
    if existing is not None and source != routine_id:
        raise StretchError(
            f'"{routine_id}" is a built-in routine, and a file of yours with that id would '
            f"replace it; to change it, start from a copy: stretch new {routine_id} --from "
            f"{routine_id}; for a routine of your own, pick another name"
        )
    unknown = [ex_id for ex_id in dict.fromkeys(exercise_ids) if ex_id not in library.exercises]
    if unknown:
        missing = "; ".join(
            f'no exercise "{ex_id}"{did_you_mean(ex_id, library.exercises)}' for ex_id in unknown
        )
        raise StretchError(f"{missing}; `stretch exercises` lists them")


def new_routine_text(
    routine_id: str,
    *,
    schema_path: str,
    source: Routine | None = None,
    exercise_ids: Sequence[str] = (),
    exercises: Mapping[str, Exercise] = _NO_EXERCISES,
    made_by: str | None = None,
) -> str:
    """A new routine file: from a copy of `source`, a list of exercises, or a starter.

    `made_by`: how a `source` that no file defines was made (a session built by `--for`),
    said in the header in place of where it was copied from."""
    name = title_from_id(routine_id)
    header = _header(routine_id, name, None if made_by else source)
    if made_by:
        import textwrap

        wrapped = textwrap.wrap(_comment(made_by), width=86, break_on_hyphens=False)
        header += ["#", *(f"# {line}" for line in wrapped)]
    lines = [f"# yaml-language-server: $schema={schema_path}", *header]
    lines += ["", "version: 1", "", "routines:", f"  {_key(routine_id)}:"]
    body = _routine_body(name, source, exercise_ids, exercises)
    lines += [f"    {line}" if line else "" for line in body]
    lines += ["", *_exercise_example()]
    return "\n".join(lines) + "\n"


def _header(routine_id: str, name: str, source: Routine | None) -> list[str]:
    commands = [
        (f"stretch session {routine_id}", "run it, with a timer and cues"),
        (f"stretch plan {routine_id}", "see every step and the total time"),
        (f"stretch edit {routine_id}", "change it; it is checked when you close the editor"),
        ("stretch validate", "check your files: every mistake with its line"),
        ("stretch exercises", "the exercises you can use, by id"),
    ]
    width = max(len(command) for command, _ in commands)
    lines = [
        "#",
        f"# {_comment(name)}: a routine of your own for stretchcli, which loads every",
        "# *.yaml file in this folder along with its built-in library.",
        "#",
        *(f"#   {command:<{width}}  {what}" for command, what in commands),
        "#",
        '# The format: the README ("Your own routines"), and `stretch schema`, the copy in',
        f"# {SCHEMA_FILE} that the first line shows your editor. A line starting",
        "# with # is a comment: delete the # (keep the indentation) to use an optional key.",
        '# Durations are seconds (30) or text with a unit ("45s", "2m", "1m30s"); a range',
        '# like "20-30s" runs its low end for beginners and its high end for advanced.',
    ]
    if source is not None:
        where = "the built-in routine" if source.origin.builtin else "the routine"
        place = "" if source.origin.builtin else f" in {_comment(source.origin.path)}"
        copied = f'{where} "{source.id}" ({_comment(source.name)}){place}'
        lines += ["#", f"# Started as a copy of {copied}."]
        if source.origin.builtin and source.id == routine_id:
            lines.append("# It has the same id, so it replaces the built-in one.")
    return lines


def _routine_body(
    name: str,
    source: Routine | None,
    exercise_ids: Sequence[str],
    exercises: Mapping[str, Exercise],
) -> list[str]:
    data: dict[str, Any] = routine_json(source) if source is not None else {}
    rows: list[tuple[str, str]] = [(f"name: {_quote(name)}", "")]
    if source is None:
        rows.append((f"summary: {_quote(_default_summary(exercise_ids, exercises))}", ""))
    elif data["summary"] is None:  # a copy stays a copy: no summary where it had none
        rows.append(('# summary: "What it is for, in a sentence or two."', ""))
    else:
        rows.append((f"summary: {_quote(data['summary'])}", ""))
    level_note = "or intermediate, advanced: where in each range"
    if source is None:
        rows.append(("level: beginner", level_note))
    elif data["level"] is None:
        rows.append(("# level: beginner", level_note))
    else:
        rows.append((f"level: {data['level']}", level_note))
    if data.get("tags"):
        rows.append((f"tags: {_flow(data['tags'])}", "words to find it by"))
    else:
        rows.append(('# tags: ["hips", "daily"]', "words to find it by"))
    for key, default, meaning in _SETTINGS:
        value = data.get(key, default)
        prefix = "" if value != default else "# "
        rows.append((f"{prefix}{key}: {_value(key, value)}", meaning))
    lines = _aligned(rows, _COMMENT_COLUMN - 4)
    lines += ["items:", *(f"  {line}" for line in _items(data, exercise_ids, exercises))]
    return lines


def _default_summary(exercise_ids: Sequence[str], exercises: Mapping[str, Exercise]) -> str:
    names = [exercises[ex_id].name for ex_id in exercise_ids if ex_id in exercises]
    if not names:
        return "A routine of my own: say here what it is for."
    if len(names) == 1:
        return names[0] + "."
    return ", ".join(names[:-1]) + " and " + names[-1] + "."


def _items(
    data: Mapping[str, Any], exercise_ids: Sequence[str], exercises: Mapping[str, Exercise]
) -> list[str]:
    lines: list[str] = []
    rows: list[tuple[str, str]] = []
    for item in data.get("items", ()):
        if isinstance(item, str):
            rows.append((f"- {_key(item)}", _about(item, exercises)))
        else:
            rows.append((f"- {_flow(item)}", _about(str(item.get("exercise", "")), exercises)))
    rows += [(f"- {_key(ex_id)}", _about(ex_id, exercises)) for ex_id in exercise_ids]
    if not rows:
        lines.append("# Two exercises to start with: replace them with yours.")
        rows = [(f"- {ex_id}", _about(ex_id, exercises)) for ex_id in STARTER_EXERCISES]
    lines += _aligned(rows, _COMMENT_COLUMN - 6)
    examples = [
        ("# - {exercise: pigeon-pose, hold: 45, sets: 2}", "an exercise, your dosage"),
        ('# - {timer: "Walk around", seconds: 60}', "a timed step, no exercise"),
        ("# - {rest: 30}", "a pause"),
    ]
    lines += [
        "# Other kinds of item (delete the # to use one):",
        *_aligned(examples, max(len(code) for code, _ in examples) + 2),
        "# An exercise item may also set reps, sides, rep_rest, set_rest, cues, its own",
        "# prep and switch times, and a note shown during it:",
        '# {exercise: pigeon-pose, switch: 10, note: "Go easy"}.',
    ]
    return lines


def _about(ex_id: str, exercises: Mapping[str, Exercise]) -> str:
    exercise = exercises.get(ex_id)
    if exercise is None:
        return ""
    ranges = dosage_ranges(exercise)
    dosage = [f"hold {ranges.hold}"]
    dosage += [f"{ranges.reps} reps"] if ranges.reps else []
    dosage += [f"{ranges.sets} sets"] if ranges.sets else []
    dosage += ["each side"] if ranges.each_side else []
    return f"{_comment(exercise.name)}: {', '.join(dosage)}"


def _exercise_example() -> list[str]:
    return [
        "# Your own exercises: define one here (or in another file of this folder) and",
        "# put its id in the items above. Delete the # signs (keep the indentation) to",
        "# use this one; `stretch show pigeon-pose` shows every key an exercise can have.",
        "#",
        "# exercises:",
        "#   wall-calf-stretch:",
        *(
            f"#     {line}"
            for line in _aligned(
                [
                    ('name: "Wall Calf Stretch"', ""),
                    ('target: ["calves"]', "the muscles it stretches most"),
                    ("sides: both", "both: right, then left; none: once"),
                    ('hold: "20-30s"', "one hold"),
                    ("steps:", "how to do it, one line each"),
                ],
                _COMMENT_COLUMN - 6,
            )
        ),
        '#       - "Stand facing a wall with both hands on it."',
        '#       - "Step your right foot back and press its heel to the floor."',
        '#       - "Lean in until the back of the calf stretches, and breathe."',
    ]


# -- YAML text ------------------------------------------------------------------


def _aligned(rows: Sequence[tuple[str, str]], column: int) -> list[str]:
    """Code lines with their comments lined up at `column` (a long line's just follow it)."""
    return [f"{code:<{column - 2}}  # {comment}" if comment else code for code, comment in rows]


def _comment(text: str) -> str:
    # A line break would end the comment and leave the rest as YAML; a control character
    # would make the file binary to the loader (and reach a terminal that shows it).
    return visible(_LINE_BREAKS.sub(" ", text))


def _quote(text: str) -> str:
    """A double-quoted YAML scalar that reads back as exactly `text`."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        return _ESCAPES.get(char) or f"\\u{ord(char):04x}"

    return '"' + _UNSAFE.sub(escape, text.replace("\\", "\\\\").replace('"', '\\"')) + '"'


def _key(text: str) -> str:
    """An id, plain when YAML reads it back as that text (not 123, null or a date)."""
    import yaml

    resolver = yaml.resolver.Resolver()
    tag = resolver.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    plain = is_valid_id(text) and tag == "tag:yaml.org,2002:str"
    return text if plain else _quote(text)


def _value(key: str, value: Any) -> str:
    """One value of jsonout.routine_json as file text: ranges become "20-30s" or "8-10"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list) and len(value) == 2 and key in _DURATION_KEYS | _COUNT_KEYS:
        unit = "s" if key in _DURATION_KEYS else ""
        return _quote(f"{value[0]}-{value[1]}{unit}")
    if key == "exercise" and isinstance(value, str):
        return _key(value)
    if key == "first_side" and isinstance(value, str) and is_valid_id(value):
        return value
    return _flow(value)


def _flow(value: Any) -> str:
    """A value in YAML flow style: {a: 1}, ["x", "y"], "text"."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {_value(k, v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    if isinstance(value, str):
        return _quote(value)
    if value is None:
        return "null"
    return _value("", value)
