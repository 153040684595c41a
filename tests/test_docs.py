"""Links in the README and docs/ lead somewhere: to a file or folder, and to a heading there."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parents[1]
MARKDOWN_FILES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
EXTERNAL = ("http://", "https://", "mailto:")

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
# [text](target) and ![alt](target), with an optional "title"; the target may be in <...>.
_INLINE_LINK = re.compile(
    r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
_REFERENCE_LINK = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)", re.M)
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)\s*$")
_HTML_ANCHOR = re.compile(r"<a\s[^>]*\b(?:name|id)=\"([^\"]+)\"", re.I)


class Link(NamedTuple):
    """A relative link: the file it points at (the page itself for `#x`) and its fragment."""

    text: str
    target: Path
    fragment: str | None


def _prose_lines(markdown: str) -> list[str]:
    """The lines outside fenced code blocks (blank lines stand in for the code)."""
    lines: list[str] = []
    fence: str | None = None
    for line in markdown.splitlines():
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            lines.append("")
        elif fence is not None:
            # A closing fence: the same character, at least as long, and nothing after it.
            marker = match.group(1) if match else ""
            if marker.startswith(fence) and not line.strip()[len(marker) :].strip():
                fence = None
            lines.append("")
        else:
            lines.append(line)
    return lines


def _prose(markdown: str) -> str:
    """The markdown without code: no fenced blocks, and code spans as a placeholder."""
    return _CODE_SPAN.sub("code", "\n".join(_prose_lines(markdown)))


def link_targets(markdown: str) -> list[str]:
    """Every link target written in `markdown`, in order, code left out."""
    prose = _prose(markdown)
    found = [m.group(1) for m in _INLINE_LINK.finditer(prose)]
    found += [m.group(1) for m in _REFERENCE_LINK.finditer(prose)]
    return [target.removeprefix("<").removesuffix(">") for target in found]


def relative_links(page: Path) -> list[Link]:
    """The links of `page` that stay in the repository, resolved from the page's folder."""
    links: list[Link] = []
    for text in link_targets(page.read_text(encoding="utf-8")):
        if text.lower().startswith(EXTERNAL):
            continue
        path, _, fragment = text.partition("#")
        if not path:
            target = page
        elif path.startswith("/"):  # GitHub reads /x as the top of the repository
            target = ROOT / unquote(path).lstrip("/")
        else:
            target = page.parent / unquote(path)
        links.append(Link(text, target, unquote(fragment) if fragment else None))
    return links


def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lowercase, punctuation dropped, spaces to dashes.

    Letters, digits, `-`, `_` and spaces are kept (as GitHub keeps them); link markup
    keeps its text, and backticks, colons, dots and the like go.
    """
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    text = re.sub(r"<[^>]+>", "", text).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(markdown: str) -> set[str]:
    """Every anchor a page offers: its headings (repeats get -1, -2 ...) and <a name/id>."""
    lines = _prose_lines(markdown)
    headings: list[str] = []
    for index, line in enumerate(lines):
        atx = _ATX_HEADING.match(line)
        if atx:
            headings.append(atx.group(1) or "")
        elif index and _SETEXT_UNDERLINE.match(line) and lines[index - 1].strip():
            headings.append(lines[index - 1].strip())
    seen: dict[str, int] = {}
    found: set[str] = set()
    for heading in headings:
        slug = github_anchor(heading)
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    found.update(_HTML_ANCHOR.findall("\n".join(lines)))
    return found


def _in_repository(path: Path) -> bool:
    return path.resolve().is_relative_to(ROOT)


def _name(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("page", MARKDOWN_FILES, ids=_name)
def test_relative_links_lead_to_a_file_or_folder_in_the_repository(page: Path) -> None:
    broken = [
        link.text
        for link in relative_links(page)
        if link.target != page and not (_in_repository(link.target) and link.target.exists())
    ]
    assert broken == [], f"{_name(page)} links to what is not in the repository: {broken}"


@pytest.mark.parametrize("page", MARKDOWN_FILES, ids=_name)
def test_link_fragments_name_a_heading_of_the_markdown_file(page: Path) -> None:
    missing = []
    for link in relative_links(page):
        target = link.target
        if link.fragment is None or target.suffix.lower() != ".md" or not target.is_file():
            continue  # no fragment, or not into a markdown page (the test above checks files)
        if link.fragment not in anchors(target.read_text(encoding="utf-8")):
            missing.append(link.text)
    assert missing == [], f"{_name(page)} links to headings that do not exist: {missing}"


def test_the_readme_links_to_the_routine_format() -> None:
    pages = [link.target.resolve() for link in relative_links(ROOT / "README.md")]
    assert ROOT / "docs" / "routine-format.md" in pages


# -- the checker itself -----------------------------------------------------------


def test_github_anchor_follows_githubs_rules() -> None:
    assert github_anchor("Exit codes and errors") == "exit-codes-and-errors"
    assert github_anchor("Your defaults: `config.yaml`") == "your-defaults-configyaml"
    assert (
        github_anchor("`stretch plan TARGET`: every step of a session")
        == "stretch-plan-target-every-step-of-a-session"
    )
    assert github_anchor("Dependencies, and why each") == "dependencies-and-why-each"
    assert github_anchor("A [linked](x.md) heading") == "a-linked-heading"


def test_anchors_number_repeated_headings_and_skip_code() -> None:
    page = "# Notes\n\n## Notes\n\n```yaml\n# not a heading\n```\n\nSetext\n---\n"
    assert anchors(page) == {"notes", "notes-1", "setext"}


def test_link_targets_skip_code_and_read_every_form() -> None:
    page = (
        'See [a](a.md#x), ![img](<img dir/p.png> "title") and `[no](code.md)`.\n'
        "```\n[no](block.md)\n```\n"
        "[ref]: ref.md\n"
    )
    assert link_targets(page) == ["a.md#x", "img dir/p.png", "ref.md"]
