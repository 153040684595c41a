"""The countdown's big digits: a 3x5 block font drawn with full blocks, readable from a mat."""

from __future__ import annotations

# A 3x5 block font: "#" is a lit pixel. Square, blocky shapes stay readable from a mat.
_GLYPHS = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
}
FONT_ROWS = 5


def countdown_text(seconds: int) -> str:
    """Whole seconds as the countdown shows them: 25 -> "0:25", 605 -> "10:05"."""
    minutes, secs = divmod(max(seconds, 0), 60)
    return f"{minutes}:{secs:02d}"


def big_digits(text: str, scale: int = 2, tall: int = 1) -> list[str]:
    """`text` (digits and ':') in the block font: `scale` columns and `tall` rows a pixel
    (5 * `tall` rows in all). A terminal cell is about twice as tall as it is wide, so
    `scale` = 2 * `tall` draws square pixels."""
    blank = ("...",) * FONT_ROWS
    rows = []
    for row in range(FONT_ROWS):
        cells = [
            "".join("█" * scale if pixel == "#" else " " * scale for pixel in glyph[row])
            for glyph in (_GLYPHS.get(char, blank) for char in text)
        ]
        rows.extend([(" " * scale).join(cells)] * tall)
    return rows
