"""One vocabulary of muscles and body regions, with groups and aliases (pure).

Each term has an id, the other names people use for it, and the term it is part
of: `piriformis` is one of the `deep-rotators`, which are part of the `glutes`,
which are part of the `hips`. Asking for a term finds everything under it, so
`--muscle glutes` finds a stretch of the gluteus medius, and `--muscle butt` or
`--muscle glute` the same. A muscle a file names that the vocabulary does not know
still matches by its own name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import NamedTuple


class Term(NamedTuple):
    id: str
    aliases: tuple[str, ...] = ()
    part_of: str | None = None  # None: a body region, the top of the tree
    # Other groups it belongs to, for finding only (totals go by `part_of`): the gluteus
    # medius is a glute, and the main muscle that moves the leg out to the side too.
    also_in: tuple[str, ...] = ()


# Regions first, then what each holds. Ids are what listings show; aliases are any
# spelling a person or a file may use (matched without case, spaces or dashes mattering).
TERMS: tuple[Term, ...] = (
    Term("hips", ("hip",)),
    Term("legs", ("leg", "lower body")),
    Term("back", ("spine",)),
    Term("core", ("trunk", "torso")),
    Term("upper-body", ("arms and shoulders",)),
    # The hips
    Term("glutes", ("glute", "gluteals", "butt", "buttocks", "bottom", "seat"), "hips"),
    Term("gluteus-maximus", ("glute max", "gluteus max"), "glutes"),
    Term("gluteus-medius", ("glute med", "gluteus med"), "glutes", ("hip-abductors",)),
    Term("gluteus-minimus", ("glute min", "gluteus min"), "glutes", ("hip-abductors",)),
    Term("deep-rotators", ("deep hip rotators", "hip rotators", "external rotators"), "glutes"),
    Term("piriformis", (), "deep-rotators"),
    Term("hip-flexors", ("hip flexor", "iliopsoas", "psoas", "iliacus", "front of hip"), "hips"),
    Term("hip-abductors", ("abductors", "outer hip", "tensor fasciae latae", "tfl"), "hips"),
    Term("adductors", ("adductor", "groin", "inner thigh"), "hips"),
    Term("rear-hip", ("back of hip", "posterior hip"), "hips"),
    # The legs
    Term("hamstrings", ("hamstring", "hams", "back of thigh"), "legs"),
    Term("quadriceps", ("quads", "quad", "front of thigh"), "legs"),
    Term("calves", ("calf", "gastrocnemius", "soleus"), "legs"),
    Term("it-band", ("iliotibial band", "itb"), "legs"),
    Term("shins", ("shin", "tibialis anterior"), "legs"),
    Term("ankles", ("ankle",), "legs"),
    # The back and the core
    Term("lower-back", ("low back", "lumbar", "erector spinae"), "back"),
    Term("upper-back", ("rhomboids", "thoracic spine", "mid back"), "back"),
    Term("latissimus-dorsi", ("lats", "lat", "latissimus"), "back"),
    Term("obliques", ("oblique", "side waist"), "core"),
    Term("abdominals", ("abs", "abdominal", "rectus abdominis"), "core"),
    # The upper body
    Term("neck", ("neck muscles",), "upper-body"),
    Term("shoulders", ("shoulder", "deltoids", "delts"), "upper-body"),
    Term("chest", ("pecs", "pectorals", "pectoralis"), "upper-body"),
    Term("arms", ("arm", "triceps", "biceps", "forearms"), "upper-body"),
    Term("wrists", ("wrist",), "upper-body"),
)


def key(name: str) -> str:
    """A name as it is matched: lower case, words joined by dashes ("Gluteus Medius" and
    "gluteus_medius" are "gluteus-medius")."""
    return re.sub(r"[\s_\-]+", "-", name.casefold().strip()).strip("-")


@cache
def _by_name() -> Mapping[str, Term]:
    names: dict[str, Term] = {}
    for term in TERMS:
        for name in (term.id, *term.aliases):
            names[key(name)] = term
    return names


@cache
def _parts(finding: bool = True) -> Mapping[str, tuple[str, ...]]:
    """Each group's terms: by `part_of` and, when `finding`, by `also_in` too."""
    children: dict[str, list[str]] = {}
    for term in TERMS:
        groups = (term.part_of,) if term.part_of else ()
        for group in (*groups, *term.also_in) if finding else groups:
            children.setdefault(group, []).append(term.id)
    return {parent: tuple(kids) for parent, kids in children.items()}


def find(name: str) -> Term | None:
    """The term `name` means (an id or an alias, a plural "s" or not), or None."""
    names = _by_name()
    wanted = key(name)
    return names.get(wanted) or names.get(wanted.removesuffix("s")) or names.get(wanted + "s")


def within(term: Term) -> frozenset[str]:
    """`term` and every term under it, as ids."""
    found = {term.id}
    waiting = [term.id]
    while waiting:
        for child in _parts().get(waiting.pop(), ()):
            if child not in found:
                found.add(child)
                waiting.append(child)
    return frozenset(found)


def names_match(asked: str, named: Iterable[str]) -> bool:
    """Whether any of `named` (an exercise's muscles) is `asked` or part of it.

    A muscle the vocabulary does not know matches by its own name containing the words.
    """
    term = find(asked)
    wanted = within(term) if term is not None else frozenset()
    for name in named:
        known = find(name)
        if known is not None and known.id in wanted:
            return True
        if known is None and key(asked) in key(name):
            return True
    return False


def group_of(name: str) -> str:
    """The group a muscle is counted under in totals: the term just below its region
    ("gluteus medius" and "piriformis" are "glutes"); a name not in the vocabulary as is."""
    term = find(name)
    if term is None:
        return name
    terms = {each.id: each for each in TERMS}
    while term.part_of is not None and terms[term.part_of].part_of is not None:
        term = terms[term.part_of]
    return term.id


class Listed(NamedTuple):
    """A term as `stretch muscles` lists it."""

    term: Term
    depth: int  # 0 for a region
    exercises: int  # exercises whose target or secondary muscles are this term or under it


def listing(exercise_muscles: Iterable[tuple[str, ...]]) -> list[Listed]:
    """Every term, each region followed by what it holds (depth first), with counts of the
    exercises (given by their muscles) that work it."""
    known_ids = [
        frozenset(term.id for name in names if (term := find(name)) is not None)
        for names in exercise_muscles
    ]
    rows: list[Listed] = []

    def visit(term_id: str, depth: int) -> None:
        term = next(each for each in TERMS if each.id == term_id)
        under = within(term)
        count = sum(1 for ids in known_ids if ids & under)
        rows.append(Listed(term, depth, count))
        for child in _parts(finding=False).get(term_id, ()):
            visit(child, depth + 1)

    for term in TERMS:
        if term.part_of is None:
            visit(term.id, 0)
    return rows


def completions(start: str) -> list[str]:
    """The ids and aliases (as typed on a command line) that begin with `start`."""
    wanted = key(start)
    return sorted(name for name in _by_name() if name.startswith(wanted))


def known(name: str) -> bool:
    return find(name) is not None


def names() -> list[str]:
    """Every id and alias, as matched (for "did you mean")."""
    return list(_by_name())


def all_ids() -> list[str]:
    """Every term's id, in the vocabulary's order (regions, then what they hold)."""
    return [term.id for term in TERMS]
