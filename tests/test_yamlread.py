"""The YAML reader: what it keeps of YAML, beyond the error cases."""

from __future__ import annotations

from stretchcli.core.yamlread import YMap, YScalar, YSeq, parse


def entries(text: str) -> YMap:
    root, problems = parse(text)
    assert problems == []
    assert isinstance(root, YMap)
    return root


def value(node: object) -> object:
    assert isinstance(node, YScalar)
    return node.value


def test_scalars_keep_their_text_and_yaml_values() -> None:
    root = entries("a: yes\nb: 0x1F\nc: '30'\nd: 2024-01-01\ne: ~\n")
    got = {key: value(entry.value) for key, entry in root.entries.items()}
    assert got == {"a": True, "b": 31, "c": "30", "d": "2024-01-01", "e": None}
    a = root.entries["a"].value
    assert isinstance(a, YScalar)
    assert a.text == "yes"


def test_keys_are_always_text_as_written() -> None:
    assert list(entries("yes: 1\n123: 2\nnull: 3\n").entries) == ["yes", "123", "null"]


def test_positions_are_one_based() -> None:
    root = entries("a:\n  b: [1, 2]\n")
    inner = root.entries["a"].value
    assert isinstance(inner, YMap)
    assert inner.entries["b"].key_mark.line == 2
    assert inner.entries["b"].key_mark.column == 3
    seq = inner.entries["b"].value
    assert isinstance(seq, YSeq)
    assert (seq.items[1].mark.line, seq.items[1].mark.column) == (2, 10)


def test_aliases_and_merge_keys_work_for_people_who_use_them() -> None:
    root = entries("base: &base {hold: 30, sets: 2}\nx:\n  <<: *base\n  sets: 3\ny: *base\n")
    x = root.entries["x"].value
    assert isinstance(x, YMap)
    assert {k: value(e.value) for k, e in x.entries.items()} == {"hold": 30, "sets": 3}
    assert root.entries["y"].value is root.entries["base"].value
