"""A routine file's bytes -> exercises and routines, with every problem located.

Nothing here touches the file system: `storage.library_files` reads files and hands
the bytes over. Checking never stops at the first problem; a definition with a problem is
reported and left out, the rest of the file still loads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from enum import Enum
from typing import TypeVar

from .durations import parse_count, parse_duration, parse_seconds, shown
from .errors import Problem, did_you_mean
from .library import exercise_as_routine
from .model import (
    BODY_WEIGHT,
    DEFAULT_PREP,
    DEFAULT_SWITCH,
    NO_TIME,
    Category,
    Caution,
    Condition,
    Cue,
    CueTime,
    Defaults,
    Exercise,
    ExerciseItem,
    Faq,
    Item,
    Level,
    LoadedFile,
    Need,
    Origin,
    Position,
    RestItem,
    Routine,
    Side,
    Sides,
    SoundMode,
    Span,
    TimerItem,
)
from .muscles import key as muscle_key
from .muscles import known as known_muscle
from .muscles import names as muscle_names
from .reminders import (
    MAX_DAILY,
    BadActiveHours,
    DailyTarget,
    Reminders,
    Window,
    parse_active,
    parse_interval,
)
from .timeline import plan_size
from .yamlread import (
    Mark,
    YamlSyntaxError,
    YEntry,
    YInvalid,
    YMap,
    YNode,
    YScalar,
    YSeq,
    join_path,
    location,
    parse,
)

MAX_ID_LENGTH = 64
MAX_NAME_LENGTH = 80  # a name heads the session screen: on one line of a normal terminal
# A set-up or a cue is said aloud during a hold: a sentence or two, not a page.
MAX_SPOKEN_LENGTH = 300
ID_PATTERN = re.compile(rf"[a-z0-9][a-z0-9-]{{0,{MAX_ID_LENGTH - 1}}}")
FILE_KEYS = ("version", "exercises", "routines")
EXERCISE_KEYS = (
    "name", "summary", "setup", "right_side", "target", "secondary", "body_part", "equipment",
    "position", "difficulty", "category", "sides", "hold", "reps", "sets", "rep_rest", "set_rest",
    "steps", "cues", "tips", "mistakes", "safety", "cautions", "faq", "desk_friendly", "aliases",
    "sources", "needs", "images",
)  # fmt: skip
EXERCISE_REQUIRED = ("name", "target", "hold", "steps")
ROUTINE_KEYS = (
    "name", "summary", "level", "tags", "prep", "switch", "rest", "first_side", "rounds",
    "progression", "items",
)  # fmt: skip
ROUTINE_REQUIRED = ("name", "items")
OVERRIDE_KEYS = (
    "hold", "reps", "sets", "sides", "rep_rest", "set_rest", "cues", "note", "prep", "switch",
)  # fmt: skip
ITEM_KINDS = ("exercise", "timer", "rest")
CUE_ANCHORS = ("start", "half", "end")

_E = TypeVar("_E", bound=Enum)
_T = TypeVar("_T")


def _file_problem(path: str, message: str, mark: Mark | None = None) -> Problem:
    line, column = (mark.line, mark.column) if mark else (0, 0)
    return Problem(path, line, column, "", message)


def _read_document(data: bytes, path: str, builtin: bool) -> tuple[YNode | None, _Checker]:
    """Decode and parse; the checker holds the problems so far. None: no document to check."""
    checker = _Checker(path, builtin)
    text_or_problem = _decode(data, path)
    if isinstance(text_or_problem, Problem):
        checker.problems.append(text_or_problem)
        return None, checker
    try:
        root, yaml_problems = parse(text_or_problem)
    except YamlSyntaxError as error:
        checker.problems.append(_file_problem(path, error.message, error.mark))
        return None, checker
    for problem in yaml_problems:
        checker.error(problem.mark, problem.path, problem.message)
    if root is None or (isinstance(root, YScalar) and root.value is None):
        return None, checker
    return root, checker


def load_bytes(data: bytes, path: str, *, builtin: bool = False) -> LoadedFile:
    """Decode, parse and check one routine file; `path` is how messages name it."""
    root, checker = _read_document(data, path, builtin)
    if root is not None:
        checker.check_file(root)
        checker.problems += _too_long_alone(checker.exercises)
    elif not checker.problems:
        checker.problems.append(_file_problem(path, "the file is empty: nothing to load"))
    return LoadedFile(
        path,
        checker.exercises,
        checker.routines,
        tuple(sorted(set(checker.problems))),
        tuple(checker.references),
        tuple(sorted(checker.exercise_ids - checker.exercises.keys())),
        tuple(sorted(set(checker.notices))),
    )


def _too_long_alone(exercises: Mapping[str, Exercise]) -> list[Problem]:
    """Exercises whose dose alone passes the session limits (1000 reps of 1000 sets)."""
    problems = []
    for exercise in exercises.values():
        why = plan_size(exercise_as_routine(exercise), exercises).too_long()
        if why is not None:
            where = exercise.origin
            message = f"run on its own, this exercise {why}"
            problems.append(where.problem(message))
    return problems


def load_config_bytes(data: bytes, path: str) -> tuple[Defaults, tuple[Problem, ...]]:
    """Check a config.yaml: the user's defaults for sessions. An empty file sets nothing."""
    root, checker = _read_document(data, path, builtin=False)
    defaults = Defaults()
    if root is not None:
        defaults = checker.config(root)
    problems = tuple(sorted(set(checker.problems)))
    # A config with problems is not used, but for the conditions it names right: a typo
    # elsewhere must not silently take away the cautions a person asked for.
    return (Defaults(conditions=defaults.conditions) if problems else defaults), problems


def _decode(data: bytes, path: str) -> str | Problem:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _file_problem(path, "the file is UTF-16; save it as UTF-8")
    if b"\x00" in data:
        return _file_problem(path, "this is a binary file, not YAML text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8-sig", "replace")
        return _file_problem(
            path,
            f"invalid UTF-8 (byte 0x{data[error.start]:02x}): save the file as UTF-8",
            location(before, len(before)),
        )


def is_valid_id(text: str) -> bool:
    return ID_PATTERN.fullmatch(text) is not None


def is_too_long_id(text: str) -> bool:
    """A valid id but for its length: worth its own message."""
    return len(text) > MAX_ID_LENGTH and is_valid_id(text[:MAX_ID_LENGTH])


def suggest_id(text: str, fallback: str = "my-id") -> str:
    """An id made from `text` ("Pigeon Pose" -> "pigeon-pose"), to suggest in a message."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:MAX_ID_LENGTH] or fallback


class _Checker:
    """Walks a parsed document; every check records problems and returns None on failure."""

    def __init__(self, path: str, builtin: bool) -> None:
        self.path = path
        self.builtin = builtin
        self.problems: list[Problem] = []
        self.notices: list[Problem] = []
        self.exercises: dict[str, Exercise] = {}
        self.routines: dict[str, Routine] = {}
        self.references: list[ExerciseItem] = []
        self.exercise_ids: set[str] = set()  # every id under exercises:, good or not

    def error(self, mark: Mark, path: str, message: str) -> None:
        self.problems.append(Problem(self.path, mark.line, mark.column, path, message))

    def origin(self, mark: Mark, doc_path: str) -> Origin:
        return Origin(self.path, mark.line, mark.column, self.builtin, doc_path)

    # -- the file ---------------------------------------------------------------
    def check_file(self, root: YNode) -> None:
        top = self.mapping(root, "", "a mapping with exercises: and/or routines:")
        if top is None:
            return
        self.unknown_keys(top, "", FILE_KEYS)
        version = top.entries.get("version")
        if version is not None:
            self.check_version(version.value)
        defined = False
        for section, check in (("exercises", self.exercise), ("routines", self.routine)):
            entry = top.entries.get(section)
            if entry is None or _is_null(entry.value):
                continue
            defs = self.mapping(entry.value, section, f"a mapping of {section[:-1]} ids")
            if defs is None:
                defined = True  # reported already; do not add "defines nothing"
                continue
            defined = defined or bool(defs.entries)
            for def_id, def_entry in defs.entries.items():
                if section == "exercises":
                    self.exercise_ids.add(def_id)
                path = join_path(section, def_id)
                if self.check_id(def_id, def_entry.key_mark, section):
                    check(def_id, def_entry.value, path, def_entry.key_mark)
        if not defined:
            self.error(top.mark, "", "the file defines neither exercises nor routines")

    def check_version(self, node: YNode) -> None:
        if isinstance(node, YInvalid) or _is_null(node):
            return  # an empty version is no version, like any optional key
        value = node.value if isinstance(node, YScalar) else None
        if isinstance(value, int) and not isinstance(value, bool) and value == 1:
            return
        got = shown(value) if isinstance(node, YScalar) else _kind(node)
        self.error(node.mark, "version", f"unsupported version {got}: the only one is 1")

    def check_id(self, text: str, mark: Mark, path: str) -> bool:
        if is_valid_id(text):
            return True
        if is_too_long_id(text):
            self.error(
                mark,
                path,
                f"{shown(text)} is too long for an id ({len(text)} characters; "
                f"at most {MAX_ID_LENGTH})",
            )
            return False
        self.error(
            mark,
            path,
            f"{shown(text)} is not a valid id: use lowercase letters, digits and dashes, "
            f'at most {MAX_ID_LENGTH}, like "{suggest_id(text)}"',
        )
        return False

    # -- the config file --------------------------------------------------------
    def config(self, root: YNode) -> Defaults:
        top = self.mapping(root, "", "a mapping of settings like `level: beginner`")
        if top is None:
            return Defaults()
        self.unknown_keys(top, "", Defaults._fields)
        get = _Getter(top, "")
        return Defaults(
            sound=get("sound", self.sound_mode),
            voice=get("voice", self.flag),
            level=get("level", lambda n, p: self.choice(n, p, Level)),
            prep=get("prep", self.duration),
            switch=get("switch", self.duration),
            rest=get("rest", self.duration),
            first_side=get("first_side", lambda n, p: self.choice(n, p, Side)),
            conditions=get("conditions", self.conditions) or (),
            reminders=get("reminders", self.reminders),
            daily=get("daily", self.daily) or (),
            checkin=get("checkin", self.flag),
            progression=get("progression", self.flag),
        )

    def reminders(self, node: YNode, path: str) -> Reminders | None:
        """`reminders:` true (every default), false, or a mapping of what differs."""
        if isinstance(node, YScalar) and isinstance(node.value, bool):
            return Reminders() if node.value else None
        body = self.mapping(node, path, "a mapping like {every: 60m, routine: desk}, or true")
        if body is None:
            return None
        self.unknown_keys(body, path, Reminders._fields)
        get = _Getter(body, path)
        defaults = Reminders()
        return Reminders(
            every=get("every", lambda n, p: self._seconds(n, p, 5 * 60, 24 * 3600))
            or defaults.every,
            active=get("active", self.active_hours) or defaults.active,
            routine=get("routine", self.routine_name) or defaults.routine,
            snooze=get("snooze", lambda n, p: self._seconds(n, p, 60, 4 * 3600)) or defaults.snooze,
            terminal=get("terminal", self.nonempty_text_list) or defaults.terminal,
        )

    def _seconds(self, node: YNode, path: str, least: int, most: int) -> int | None:
        return self._parsed(node, path, lambda value: parse_interval(value, least, most))

    def active_hours(self, node: YNode, path: str) -> tuple[Window, ...] | None:
        text = self.text(node, path)
        if text is None:
            return None
        try:
            return parse_active(text)
        except BadActiveHours as error:
            self.error(node.mark, path, str(error))
            return None

    def routine_name(self, node: YNode, path: str) -> str | None:
        text = self.text(node, path)
        return text if text is not None and self.check_id(text, node.mark, path) else None

    def daily(self, node: YNode, path: str) -> tuple[DailyTarget, ...] | None:
        """`daily:` routine ids, each with the times a day to do it (1 to 24)."""
        body = self.mapping(node, path, "a mapping like {glute-medius: 3}")
        if body is None:
            return None
        targets = []
        for routine_id, entry in body.entries.items():
            where = join_path(path, routine_id)
            if not self.check_id(routine_id, entry.key_mark, where):
                continue
            times = self._parsed(entry.value, where, lambda v: parse_count(v, maximum=MAX_DAILY))
            if times is not None and times.low != times.high:
                self.error(entry.value.mark, where, "expected a number of times a day, not a range")
            elif times is not None:
                targets.append(DailyTarget(routine_id, times.low))
        return tuple(targets)

    # -- an exercise ------------------------------------------------------------
    def exercise(self, ex_id: str, node: YNode, path: str, key_mark: Mark) -> None:
        body = self.mapping(node, path, "a mapping of exercise fields")
        if body is None:
            return
        before = len(self.problems)
        self.unknown_keys(body, path, EXERCISE_KEYS, EXERCISE_REQUIRED)
        self.required_keys(body, path, EXERCISE_REQUIRED, key_mark)
        get = _Getter(body, path)
        name = get("name", self.name)
        target = get("target", lambda n, p: self.muscles(n, p, self.nonempty_text_list))
        hold = get("hold", lambda n, p: self.duration(n, p, minimum=1))
        steps = get("steps", self.nonempty_text_list)
        exercise = Exercise(
            id=ex_id,
            name=name or "",
            target=target or (),
            hold=hold or Span(1, 1),
            steps=steps or (),
            origin=self.origin(key_mark, path),
            summary=get("summary", self.text),
            secondary=get("secondary", lambda n, p: self.muscles(n, p, self.text_list)) or (),
            body_part=get("body_part", self.text),
            equipment=get("equipment", self.nonempty_text_list) or (BODY_WEIGHT,),
            position=get("position", lambda n, p: self.choice(n, p, Position)),
            difficulty=get("difficulty", lambda n, p: self.choice(n, p, Level)) or Level.BEGINNER,
            category=get("category", lambda n, p: self.choice(n, p, Category))
            or Category.STRETCHING,
            sides=get("sides", lambda n, p: self.choice(n, p, Sides)) or Sides.NONE,
            reps=get("reps", self.count) or Span(1, 1),
            sets=get("sets", self.count) or Span(1, 1),
            rep_rest=get("rep_rest", self.duration) or NO_TIME,
            set_rest=get("set_rest", self.duration),
            cues=get("cues", self.cues) or (),
            tips=get("tips", self.text_list) or (),
            mistakes=get("mistakes", self.text_list) or (),
            safety=get("safety", self.text_list) or (),
            faq=get("faq", self.faq) or (),
            desk_friendly=bool(get("desk_friendly", self.flag)),
            aliases=get("aliases", self.text_list) or (),
            sources=get("sources", self.text_list) or (),
            setup=get("setup", self.spoken),
            right_side=get("right_side", self.spoken),
            cautions=get("cautions", lambda n, p: self._list_of(n, p, self.caution)) or (),
            needs=get("needs", lambda n, p: self.choices(n, p, Need)) or (),
            images=get("images", self.text_list) or (),
            image_origins=self.places(body.entries.get("images"), join_path(path, "images")),
        )
        if len(self.problems) == before:
            self.exercises[ex_id] = exercise

    # -- a routine --------------------------------------------------------------
    def routine(self, routine_id: str, node: YNode, path: str, key_mark: Mark) -> None:
        body = self.mapping(node, path, "a mapping of routine fields")
        if body is None:
            return
        before = len(self.problems)
        self.unknown_keys(body, path, ROUTINE_KEYS, ROUTINE_REQUIRED)
        self.required_keys(body, path, ROUTINE_REQUIRED, key_mark)
        get = _Getter(body, path)
        routine = Routine(
            id=routine_id,
            name=get("name", self.name) or "",
            items=get("items", self.items) or (),
            origin=self.origin(key_mark, path),
            summary=get("summary", self.text),
            level=get("level", lambda n, p: self.choice(n, p, Level)),
            tags=get("tags", self.text_list) or (),
            prep=get("prep", self.duration) or DEFAULT_PREP,
            switch=get("switch", self.duration) or DEFAULT_SWITCH,
            rest=get("rest", self.duration) or NO_TIME,
            first_side=get("first_side", lambda n, p: self.choice(n, p, Side)) or Side.RIGHT,
            rounds=get("rounds", self.count) or Span(1, 1),
            progression=get("progression", self.flag) or False,
        )
        if len(self.problems) == before:
            self.routines[routine_id] = routine

    def items(self, node: YNode, path: str) -> tuple[Item, ...] | None:
        seq = self.sequence(node, path)
        if seq is None:
            return None
        if not seq.items:
            self.error(seq.mark, path, "a routine needs at least one item")
            return None
        checked = [self.item(child, join_path(path, i)) for i, child in enumerate(seq.items)]
        return None if None in checked else tuple(item for item in checked if item is not None)

    def item(self, node: YNode, path: str) -> Item | None:
        if isinstance(node, YInvalid):
            return None
        if isinstance(node, YScalar) and node.value is not None:
            if not self.check_id(node.text, node.mark, path):
                return None
            return self.reference(ExerciseItem(node.text, self.origin(node.mark, path)))
        if not isinstance(node, YMap):
            self.error(
                node.mark,
                path,
                "expected an exercise id or a mapping like {exercise: ...}, {timer: ...} "
                f"or {{rest: ...}}, got {_kind(node)}",
            )
            return None
        kinds = [kind for kind in ITEM_KINDS if kind in node.entries]
        if len(kinds) > 1:
            self.error(
                node.mark,
                path,
                f'an item is one of "exercise", "timer" or "rest", but this one has '
                f'"{kinds[0]}" and "{kinds[1]}"',
            )
            return None
        if not kinds:
            for key, entry in node.entries.items():
                hint = did_you_mean(key, ITEM_KINDS)
                if hint:
                    self.error(entry.key_mark, path, f'unknown key "{key}"{hint}')
                    return None
            self.error(node.mark, path, 'an item needs "exercise", "timer" or "rest"')
            return None
        kind_entry = node.entries[kinds[0]]
        if _is_null(kind_entry.value):
            self.error(kind_entry.key_mark, join_path(path, kinds[0]), "needs a value")
            return None
        return {"exercise": self.exercise_item, "timer": self.timer_item, "rest": self.rest_item}[
            kinds[0]
        ](node, path)

    def exercise_item(self, node: YMap, path: str) -> ExerciseItem | None:
        before = len(self.problems)
        self.unknown_keys(node, path, ("exercise", *OVERRIDE_KEYS))
        id_node = node.entries["exercise"].value
        ex_id = self.text(id_node, join_path(path, "exercise"))
        if ex_id is not None and not self.check_id(
            ex_id, id_node.mark, join_path(path, "exercise")
        ):
            ex_id = None
        get = _Getter(node, path)
        item = ExerciseItem(
            exercise=ex_id or "",
            origin=self.origin(id_node.mark, path),
            hold=get("hold", lambda n, p: self.duration(n, p, minimum=1)),
            reps=get("reps", self.count),
            sets=get("sets", self.count),
            sides=get("sides", lambda n, p: self.choice(n, p, Sides)),
            rep_rest=get("rep_rest", self.duration),
            set_rest=get("set_rest", self.duration),
            cues=get("cues", self.cues),
            note=get("note", self.text),
            prep=get("prep", self.duration),
            switch=get("switch", self.duration),
        )
        if ex_id:
            self.reference(item)
        return item if len(self.problems) == before else None

    def reference(self, item: ExerciseItem) -> ExerciseItem:
        self.references.append(item)
        return item

    def timer_item(self, node: YMap, path: str) -> TimerItem | None:
        before = len(self.problems)
        self.unknown_keys(node, path, ("timer", "seconds"))
        self.required_keys(node, path, ("seconds",), node.mark)
        get = _Getter(node, path)
        label = get("timer", self.text)
        seconds = get("seconds", lambda n, p: self.duration(n, p, minimum=1))
        if len(self.problems) > before or label is None or seconds is None:
            return None
        return TimerItem(label, seconds)

    def rest_item(self, node: YMap, path: str) -> RestItem | None:
        self.unknown_keys(node, path, ("rest",))
        seconds = _Getter(node, path)("rest", lambda n, p: self.duration(n, p, minimum=1))
        return RestItem(seconds) if seconds is not None else None

    # -- shapes -------------------------------------------------------------------
    def mapping(self, node: YNode, path: str, what: str) -> YMap | None:
        if isinstance(node, YMap):
            return node
        if not isinstance(node, YInvalid):
            self.error(node.mark, path, f"expected {what}, got {_kind(node)}")
        return None

    def sequence(self, node: YNode, path: str) -> YSeq | None:
        if isinstance(node, YSeq):
            return node
        if not isinstance(node, YInvalid):
            self.error(node.mark, path, f"expected a list, got {_kind(node)}")
        return None

    def unknown_keys(
        self, node: YMap, path: str, allowed: Collection[str], required: Collection[str] = ()
    ) -> None:
        absent = [key for key in allowed if key not in node.entries]
        missing = [key for key in required if key in absent]
        for key, entry in node.entries.items():
            if key not in allowed:
                # A misspelt key is most likely one the mapping still lacks.
                hint = did_you_mean(key, missing) or did_you_mean(key, absent)
                hint = hint or did_you_mean(key, allowed)
                self.error(entry.key_mark, path, f'unknown key "{key}"{hint}')

    def required_keys(self, node: YMap, path: str, required: Collection[str], owner: Mark) -> None:
        for key in required:
            entry = node.entries.get(key)
            if entry is None:
                self.error(owner, path, f'missing required key "{key}"')
            elif _is_null(entry.value):
                self.error(entry.key_mark, join_path(path, key), "needs a value")

    # -- values -------------------------------------------------------------------
    def text(self, node: YNode, path: str) -> str | None:
        if isinstance(node, YInvalid):
            return None
        if not isinstance(node, YScalar):
            self.error(node.mark, path, f"expected text, got {_kind(node)}")
            return None
        # A plain `name: 2024` or `say: No` is text to the person who wrote it.
        text = node.value if isinstance(node.value, str) else node.text
        if not text.strip():
            self.error(node.mark, path, "must not be empty")
            return None
        return text.strip()

    def name(self, node: YNode, path: str) -> str | None:
        """A name: text on one line, short enough to head a screen and a listing."""
        return self._short_text(node, path, MAX_NAME_LENGTH, "for a name", "say more in summary")

    def spoken(self, node: YNode, path: str) -> str | None:
        """Text said aloud (a set-up, a cue): short enough to say in a few seconds."""
        return self._short_text(
            node,
            path,
            MAX_SPOKEN_LENGTH,
            "to say during a session",
            "put the rest in steps or tips",
        )

    def _short_text(self, node: YNode, path: str, most: int, what: str, instead: str) -> str | None:
        text = self.text(node, path)
        if text is not None and len(text) > most:
            message = f"is too long {what} ({len(text)} characters; at most {most}): {instead}"
            self.error(node.mark, path, message)
            return None
        return text

    def text_list(self, node: YNode, path: str) -> tuple[str, ...] | None:
        if isinstance(node, YScalar):
            one = self.text(node, path)  # a single string is a list of one
            return (one,) if one is not None else None
        seq = self.sequence(node, path)
        if seq is None:
            return None
        texts = [self.text(child, join_path(path, i)) for i, child in enumerate(seq.items)]
        return None if None in texts else tuple(t for t in texts if t is not None)

    def muscles(
        self,
        node: YNode,
        path: str,
        read: Callable[[YNode, str], tuple[str, ...] | None],
    ) -> tuple[str, ...] | None:
        """Muscle names; one the vocabulary does not know is kept, with a notice."""
        names = read(node, path)
        for name, (item, item_path) in zip(names or (), self._items(node, path), strict=False):
            if known_muscle(name):
                continue
            where = item.mark
            hint = did_you_mean(muscle_key(name), muscle_names())
            message = f"a muscle stretchcli does not know: {shown(name)}{hint}"
            self.notices.append(Problem(self.path, where.line, where.column, item_path, message))
        return names

    def nonempty_text_list(self, node: YNode, path: str) -> tuple[str, ...] | None:
        texts = self.text_list(node, path)
        if texts == ():
            self.error(node.mark, path, "needs at least one entry")
            return None
        return texts

    def _parsed(self, node: YNode, path: str, parser: Callable[[object], _T]) -> _T | None:
        if isinstance(node, YInvalid):
            return None
        value: object
        if isinstance(node, YSeq):
            if not all(isinstance(child, YScalar) for child in node.items):
                self.error(node.mark, path, "a range list holds two numbers [low, high]")
                return None
            value = [child.value for child in node.items if isinstance(child, YScalar)]
        elif isinstance(node, YScalar):
            value = node.value
        else:
            value = {}
        try:
            return parser(value)
        except ValueError as error:
            self.error(node.mark, path, str(error))
            return None

    def duration(self, node: YNode, path: str, minimum: int = 0) -> Span | None:
        return self._parsed(node, path, lambda value: parse_duration(value, minimum=minimum))

    def count(self, node: YNode, path: str) -> Span | None:
        return self._parsed(node, path, parse_count)

    def choice(self, node: YNode, path: str, enum: type[_E]) -> _E | None:
        text = self.text(node, path)
        if text is None:
            return None
        choices = [member.value for member in enum]
        if text in choices:
            return enum(text)
        self.error(
            node.mark,
            path,
            f"expected one of {', '.join(choices)}, got {shown(text)}{did_you_mean(text, choices)}",
        )
        return None

    def sound_mode(self, node: YNode, path: str) -> SoundMode | None:
        """chime, bell or off; true and false (and YAML's on and off) as before."""
        if isinstance(node, YScalar) and isinstance(node.value, bool):
            return SoundMode.CHIME if node.value else SoundMode.OFF
        return self.choice(node, path, SoundMode)

    def flag(self, node: YNode, path: str) -> bool | None:
        if isinstance(node, YScalar) and isinstance(node.value, bool):
            return node.value
        if not isinstance(node, YInvalid):
            got = shown(node.value) if isinstance(node, YScalar) else _kind(node)
            self.error(node.mark, path, f"expected true or false, got {got}")
        return None

    def cues(self, node: YNode, path: str) -> tuple[Cue, ...] | None:
        return self._list_of(node, path, self.cue)

    def faq(self, node: YNode, path: str) -> tuple[Faq, ...] | None:
        return self._list_of(node, path, self.faq_entry)

    def _list_of(
        self, node: YNode, path: str, check: Callable[[YNode, str], _T | None]
    ) -> tuple[_T, ...] | None:
        seq = self.sequence(node, path)
        if seq is None:
            return None
        checked = [check(child, join_path(path, i)) for i, child in enumerate(seq.items)]
        return None if None in checked else tuple(c for c in checked if c is not None)

    def _fields_ok(self, body: YMap, path: str, keys: tuple[str, ...]) -> bool:
        """A small mapping with exactly `keys`, all given: reported once if not."""
        before = len(self.problems)
        self.unknown_keys(body, path, keys, keys)
        self.required_keys(body, path, keys, body.mark)
        return len(self.problems) == before

    def _small_mapping(
        self, node: YNode, path: str, example: str, keys: tuple[str, ...]
    ) -> dict[str, tuple[YNode, str]] | None:
        """A mapping like `example` with exactly `keys`: each key's node and path, or None
        (reported) when it is something else."""
        body = self.mapping(node, path, example)
        if body is None or not self._fields_ok(body, path, keys):
            return None
        return {key: (body.entries[key].value, join_path(path, key)) for key in keys}

    def places(self, entry: YEntry | None, path: str) -> tuple[Origin, ...]:
        """Where each item of a list key is written (a warning about one points at it)."""
        if entry is None or _is_null(entry.value):
            return ()
        return tuple(
            self.origin(item.mark, where) for item, where in self._items(entry.value, path)
        )

    @staticmethod
    def _items(node: YNode, path: str) -> list[tuple[YNode, str]]:
        """A list's items with their paths; a single value is a list of one, at `path`."""
        if isinstance(node, YSeq):
            return [(item, join_path(path, index)) for index, item in enumerate(node.items)]
        return [(node, path)]

    def cue(self, node: YNode, path: str) -> Cue | None:
        fields = self._small_mapping(node, path, "a cue like {at: half, say: ...}", ("at", "say"))
        if fields is None:
            return None
        at = self.cue_time(*fields["at"])
        say = self.spoken(*fields["say"])
        return Cue(at, say) if at is not None and say is not None else None

    def cue_time(self, node: YNode, path: str) -> CueTime | None:
        if isinstance(node, YInvalid):
            return None
        value = node.value if isinstance(node, YScalar) else None
        if value in CUE_ANCHORS:
            return CueTime(value)  # type: ignore[arg-type]
        from_end = (isinstance(value, str) and value.strip().startswith("-")) or (
            isinstance(value, int) and not isinstance(value, bool) and value < 0
        )
        magnitude = value.strip()[1:] if isinstance(value, str) and from_end else value
        if isinstance(magnitude, int) and not isinstance(magnitude, bool):
            magnitude = abs(magnitude)
        try:
            seconds = parse_seconds(magnitude)
        except ValueError as error:
            reason = str(error)
            if reason.startswith(("expected", "durations", "a duration")):
                got = shown(value) if isinstance(node, YScalar) else _kind(node)
                reason = f'expected start, half, end, "10s" or "-5s", got {got}'
            self.error(node.mark, path, reason)
            return None
        return CueTime("from-end" if from_end else "from-start", seconds)

    def conditions(self, node: YNode, path: str) -> tuple[Condition, ...] | None:
        """config.yaml's `conditions`: names from the fixed list. A wrong name is a
        problem, and the right ones are kept (see load_config_bytes)."""
        return self.choices(node, path, Condition)

    def choices(self, node: YNode, path: str, enum: type[_E]) -> tuple[_E, ...] | None:
        """A list of names from `enum`, each once; a wrong one is a problem, the rest kept."""
        if self.text_list(node, path) is None:
            return None
        found = [self.choice(item, item_path, enum) for item, item_path in self._items(node, path)]
        return tuple(dict.fromkeys(c for c in found if c is not None))

    def caution(self, node: YNode, path: str) -> Caution | None:
        example = "a caution like {condition: knee, advice: ...}"
        fields = self._small_mapping(node, path, example, ("condition", "advice"))
        if fields is None:
            return None
        condition = self.choice(*fields["condition"], Condition)
        advice = self.text(*fields["advice"])
        return Caution(condition, advice) if condition and advice else None

    def faq_entry(self, node: YNode, path: str) -> Faq | None:
        fields = self._small_mapping(node, path, "a question like {q: ..., a: ...}", ("q", "a"))
        if fields is None:
            return None
        question = self.text(*fields["q"])
        answer = self.text(*fields["a"])
        return Faq(question, answer) if question and answer else None


class _Getter:
    """Reads optional keys of one mapping: a missing or null key is None."""

    def __init__(self, node: YMap, path: str) -> None:
        self.node = node
        self.path = path

    def __call__(self, key: str, check: Callable[[YNode, str], _T | None]) -> _T | None:
        entry = self.node.entries.get(key)
        if entry is None or _is_null(entry.value):
            return None
        return check(entry.value, join_path(self.path, key))


def _is_null(node: YNode) -> bool:
    return isinstance(node, YScalar) and node.value is None


def _kind(node: YNode) -> str:
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YSeq):
        return "a list"
    if isinstance(node, YScalar):
        return shown(node.value)
    return "an invalid value"
