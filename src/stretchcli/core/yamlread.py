"""YAML text -> a small tree of located nodes, safely.

PyYAML's loaders are not used to build values: they keep the last of two
duplicate keys, construct whatever a tag asks for, and expand aliases without
limit. Instead the parser's events are folded into `YMap`/`YSeq`/`YScalar`
nodes that remember their line and column, with an explicit stack (no
recursion, so deep nesting cannot overflow), a depth limit, and a count of
nodes after alias expansion (so an alias bomb fails at once, in bounded memory).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, Literal

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.resolver import Resolver

from .text import visible

try:  # libyaml's parser is several times faster; the pure one gives the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64
# Nodes after alias expansion. The built-in library has a few thousand; a file
# the size limit allows, written without aliases, stays far below this.
MAX_NODES = 250_000

_CORE = "tag:yaml.org,2002:"
_MERGE_TAG = _CORE + "merge"


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


@dataclass(frozen=True)
class YScalar:
    value: object  # str, int, float, bool or None, as YAML 1.1 reads it
    text: str  # the characters as written, for fields that want text
    mark: Mark


@dataclass(frozen=True)
class YSeq:
    items: tuple[YNode, ...]
    mark: Mark


@dataclass(frozen=True)
class YEntry:
    key_mark: Mark
    value: YNode


@dataclass(frozen=True)
class YMap:
    entries: dict[str, YEntry]
    mark: Mark


@dataclass(frozen=True)
class YInvalid:
    """A node already reported as a problem (a refused tag); checks skip it silently."""

    mark: Mark


YNode = YScalar | YSeq | YMap | YInvalid


@dataclass(frozen=True)
class YamlProblem:
    mark: Mark
    path: str
    message: str


class YamlSyntaxError(Exception):
    """The text is not YAML; parsing stopped at `mark`."""

    def __init__(self, mark: Mark, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


def join_path(path: str, key: str | int) -> str:
    """Extend a dotted document path with a mapping key or a list index."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _quoted(value: str) -> str:
    """A value in a message: escaped, on one line, and clipped when long."""
    one_line = visible(value)
    return f'"{one_line[:40]}..."' if len(one_line) > 40 else f'"{one_line}"'


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


class _Resolver(Resolver):
    pass


_RESOLVER = _Resolver()
_CONSTRUCTOR = SafeConstructor()
_DECIMAL = re.compile(r"[-+]?[0-9][0-9_]*")


def _decimal_int(node: yaml.ScalarNode) -> int | str:
    """A whole number as people write it: `030` is thirty, and `1:30` is not a number.

    YAML 1.1 reads `030` as octal 24 and `1:30` as 90 (base 60). Digits alone are read
    as decimal, whatever zeros lead them; a form with `:` stays text, so the checks refuse
    it and say what to write instead; `0x1F` and `0b101` are as YAML reads them.
    """
    text = str(node.value)
    if len(text) > 30:  # past any limit; int() itself stops at 4,300 digits
        return text
    if _DECIMAL.fullmatch(text):
        return int(text.replace("_", ""), 10)
    if ":" in text:
        return text
    value: int = _CONSTRUCTOR.construct_yaml_int(node)
    return value


_SCALAR_BUILDERS: dict[str, Any] = {
    _CORE + "str": None,  # keep the text
    _CORE + "int": _decimal_int,
    _CORE + "float": _CONSTRUCTOR.construct_yaml_float,
    _CORE + "bool": _CONSTRUCTOR.construct_yaml_bool,
    _CORE + "null": _CONSTRUCTOR.construct_yaml_null,
    _CORE + "timestamp": None,  # a date is only ever wanted as text here
}


def _implicit_tag(event: yaml.ScalarEvent) -> str:
    """The tag YAML 1.1 gives an untagged scalar: int for 30, bool for yes, and so on."""
    tag: str = _RESOLVER.resolve(  # type: ignore[no-untyped-call]
        yaml.ScalarNode, event.value, event.implicit
    )
    return tag


# The line ends an editor knows. YAML 1.1 also breaks lines at U+0085, U+2028 and
# U+2029, so its own line numbers run ahead of what a person sees after one of those.
_LINE_END = re.compile(r"\r\n|\r|\n")


class _Locator:
    """Where a character of the text is, as an editor shows it: line and column, 1-based."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(end.end() for end in _LINE_END.finditer(text))]

    def at(self, index: int) -> Mark:
        line = bisect.bisect_right(self.starts, index) - 1
        return Mark(line + 1, index - self.starts[line] + 1)

    def mark(self, yaml_mark: Any) -> Mark:
        """A parser's mark, by its character index (its line counts YAML's line breaks)."""
        return self.at(min(max(yaml_mark.index, 0), len(self.text)))

    def at_byte(self, offset: int) -> Mark:
        """libyaml's reader counts bytes of UTF-8."""
        before = self.text.encode("utf-8", "surrogatepass")[:offset]
        return self.at(len(before.decode("utf-8", "ignore")))


_KeyKind = Literal["keep", "merge", "drop"]


@dataclass
class _Frame:
    """A collection being built, with what is needed to finish it."""

    kind: type[YMap] | type[YSeq]
    mark: Mark
    path: str
    anchor: str | None
    size: int = 1
    items: list[YNode] = field(default_factory=list)
    entries: dict[str, YEntry] = field(default_factory=dict)
    merges: list[YNode] = field(default_factory=list)
    # The key waiting for its value: (text, mark, what to do with the value).
    pending_key: tuple[str, Mark, _KeyKind] | None = None
    refused: bool = False  # its tag was refused: it becomes a YInvalid


class _Builder:
    def __init__(self, locator: _Locator) -> None:
        self.locator = locator
        self.problems: list[YamlProblem] = []
        self.anchors: dict[str, tuple[YNode, int]] = {}
        self.stack: list[_Frame] = []
        self.nodes = 0
        self.root: YNode | None = None
        self.documents = 0
        self.aliases = 0  # alias events read: the usual cause of a document too big

    # -- events -------------------------------------------------------------
    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise YamlSyntaxError(
                    self.locator.mark(event.start_mark),
                    "a routine file holds one YAML document; remove the second '---'",
                )
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            self._open(event)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            self._close()
        elif isinstance(event, yaml.ScalarEvent):
            self._scalar(event)
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event)

    def _child_path(self) -> str:
        if not self.stack:
            return ""
        frame = self.stack[-1]
        if frame.kind is YSeq:
            return join_path(frame.path, len(frame.items))
        return join_path(frame.path, frame.pending_key[0]) if frame.pending_key else frame.path

    def _count(self, size: int, mark: Mark) -> None:
        self.nodes += size
        if self.nodes > MAX_NODES:
            why = "aliases repeated inside aliases?" if self.aliases else "split it into files"
            raise YamlSyntaxError(
                mark,
                f"the document expands to more than {MAX_NODES:,} values ({why}); "
                "refusing to read it",
            )

    def _open(self, event: yaml.MappingStartEvent | yaml.SequenceStartEvent) -> None:
        mark = self.locator.mark(event.start_mark)
        kind: type[YMap] | type[YSeq] = YMap if isinstance(event, yaml.MappingStartEvent) else YSeq
        expected = _CORE + ("map" if kind is YMap else "seq")
        path = self._child_path()
        if len(self.stack) >= MAX_DEPTH:
            raise YamlSyntaxError(mark, f"nested more than {MAX_DEPTH} levels deep")
        refused = event.tag is not None and event.tag not in ("!", expected)
        if event.tag is not None and refused:
            self._refuse_tag(event.tag, mark, path)
        self._count(1, mark)
        self.stack.append(_Frame(kind, mark, path, event.anchor, refused=refused))

    def _close(self) -> None:
        frame = self.stack.pop()
        node: YNode
        if frame.refused:
            node = YInvalid(frame.mark)
        elif frame.kind is YSeq:
            node = YSeq(tuple(frame.items), frame.mark)
        else:
            node = YMap(self._merged(frame), frame.mark)
        self._done(node, frame.size, frame.anchor)

    def _merged(self, frame: _Frame) -> dict[str, YEntry]:
        """Apply `<<: *base` merge keys: keys written in the mapping win."""
        if not frame.merges:
            return frame.entries
        merged: dict[str, YEntry] = {}
        for source in frame.merges:
            sources = source.items if isinstance(source, YSeq) else (source,)
            for one in sources:
                if isinstance(one, YMap):
                    for key, entry in one.entries.items():
                        merged.setdefault(key, entry)
                elif not isinstance(one, YInvalid):
                    self.problems.append(
                        YamlProblem(one.mark, frame.path, "'<<' merges only mappings")
                    )
        merged.update(frame.entries)
        return merged

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        mark = self.locator.mark(event.start_mark)
        frame = self.stack[-1] if self.stack else None
        if frame is not None and frame.kind is YMap and frame.pending_key is None:
            tag = event.tag
            if tag not in (None, "!", _CORE + "str"):
                self._refuse_tag(tag, mark, frame.path)
            is_merge = tag is None and _implicit_tag(event) == _MERGE_TAG
            frame.pending_key = (event.value, mark, "merge" if is_merge else "keep")
            return
        path = self._child_path()
        self._count(1, mark)
        self._done(self._scalar_node(event, mark, path), 1, event.anchor)

    def _scalar_node(self, event: yaml.ScalarEvent, mark: Mark, path: str) -> YNode:
        tag = event.tag
        if tag is None or tag == "!":
            tag = _implicit_tag(event)
        if tag not in _SCALAR_BUILDERS:
            return self._refuse_tag(tag, mark, path)
        build = _SCALAR_BUILDERS[tag]
        if build is None:
            return YScalar(event.value, event.value, mark)
        try:
            value = build(yaml.ScalarNode(tag, event.value))
        except (ConstructorError, ValueError):
            self.problems.append(
                YamlProblem(mark, path, f"{_quoted(event.value)} is not a valid {_short_tag(tag)}")
            )
            return YInvalid(mark)
        return YScalar(value, event.value, mark)

    def _refuse_tag(self, tag: str, mark: Mark, path: str) -> YInvalid:
        self.problems.append(
            YamlProblem(
                mark,
                path,
                f"the tag {_short_tag(tag)} is not allowed: routine files hold plain "
                "text, numbers, lists and mappings (nothing of it was run)",
            )
        )
        return YInvalid(mark)

    def _alias(self, event: yaml.AliasEvent) -> None:
        self.aliases += 1
        mark = self.locator.mark(event.start_mark)
        anchor = event.anchor or ""
        frame = self.stack[-1] if self.stack else None
        if frame is not None and frame.kind is YMap and frame.pending_key is None:
            self.problems.append(YamlProblem(mark, frame.path, "keys must be plain text"))
            frame.pending_key = ("", mark, "drop")
            return
        found = self.anchors.get(anchor)
        if found is None:
            message = f"the alias *{anchor} has no complete anchor &{anchor} before it"
            self.problems.append(YamlProblem(mark, self._child_path(), message))
            self._done(YInvalid(mark), 1, None)
            return
        node, size = found
        self._count(size, mark)
        self._done(node, size, None)

    def _done(self, node: YNode, size: int, anchor: str | None) -> None:
        """Hand a finished node to its parent (or make it the document)."""
        if anchor is not None:
            self.anchors[anchor] = (node, size)
        if not self.stack:
            self.root = node
            return
        frame = self.stack[-1]
        frame.size += size
        if frame.kind is YSeq:
            frame.items.append(node)
            return
        if frame.pending_key is None:
            # A mapping or list used as a key.
            self.problems.append(YamlProblem(node.mark, frame.path, "keys must be plain text"))
            frame.pending_key = ("", node.mark, "drop")
            return
        key, key_mark, key_kind = frame.pending_key
        frame.pending_key = None
        if key_kind == "drop":
            return
        if key_kind == "merge":
            frame.merges.append(node)
        elif key in frame.entries:
            first = frame.entries[key].key_mark
            self.problems.append(
                YamlProblem(key_mark, frame.path, _duplicate_message(key, first, key_mark))
            )
        else:
            frame.entries[key] = YEntry(key_mark, node)


def _duplicate_message(key: str, first: Mark, again: Mark) -> str:
    if first.line == again.line:
        where = f"first at line {first.line} column {first.column}, again at column {again.column}"
    else:
        where = f"first defined on line {first.line}, again on line {again.line}"
    return f'duplicate key "{key}" ({where})'


def location(text: str, index: int) -> Mark:
    """Line and column of `text[index]` as an editor shows them (CR, LF or CRLF ends a line)."""
    return _Locator(text).at(index)


def _syntax_message(error: yaml.MarkedYAMLError, locator: _Locator) -> str:
    problem = error.problem or str(error)
    mark = error.problem_mark
    if mark is not None and locator.text[mark.index : mark.index + 1] == "\t":
        return "a tab character here: YAML indents with spaces only"
    context = f" ({error.context}" if error.context else ""
    opened = error.context_mark
    if context and opened is not None and mark is not None:
        began = locator.mark(opened).line
        if began != locator.mark(mark).line:
            # Say where the unclosed thing began, not only where the parser gave up.
            context += f" started on line {began}"
    return f"not valid YAML: {problem}{context}{')' if context else ''}"


def parse(text: str) -> tuple[YNode | None, list[YamlProblem]]:
    """Parse one YAML document into located nodes; None when the text holds no value.

    Raises YamlSyntaxError when the text cannot be parsed at all.
    """
    locator = _Locator(text)
    builder = _Builder(locator)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as error:
        found = error.problem_mark or error.context_mark
        where = locator.mark(found) if found else Mark(1, 1)
        raise YamlSyntaxError(where, _syntax_message(error, locator)) from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(_reader_mark(error, locator), _reader_message(error)) from None
    return builder.root, builder.problems


def _reader_mark(error: yaml.YAMLError, locator: _Locator) -> Mark:
    """Where the reader stopped (a control character): it gives an offset, not a mark."""
    position = getattr(error, "position", None)
    if not isinstance(position, int):
        return Mark(1, 1)
    if getattr(error, "encoding", None) == "unicode":  # the pure-Python reader: characters
        return locator.at(min(position, len(locator.text)))
    return locator.at_byte(position)


def _reader_message(error: yaml.YAMLError) -> str:
    reason = getattr(error, "reason", None) or "not valid YAML"
    return f"not valid YAML: {reason}"
