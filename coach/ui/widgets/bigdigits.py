"""Digit fonts for the big countdown, from three rows (Textual's line-drawn digits) to block letters.

Pure functions of text and size (no textual widgets), so the choice of font can be tested alone. The
block fonts are bitmaps drawn with full blocks "█": one pixel is two cells wide and one row high (a
terminal cell is about twice as tall as it is wide), times a whole scale factor.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from textual.renderables.digits import DIGITS, DIGITS3X3

_THREE: list[str] = list(DIGITS3X3)

_FIVE: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", ".##", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
}
"""Three pixels wide, five high: square and plain, readable at a glance."""

_SEVEN: dict[str, tuple[str, ...]] = {
    "0": (".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "1": ("..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."),
    "2": (".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"),
    "3": (".###.", "#...#", "....#", "..##.", "....#", "#...#", ".###."),
    "4": ("...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."),
    "5": ("#####", "#....", "####.", "....#", "....#", "#...#", ".###."),
    "6": (".###.", "#....", "#....", "####.", "#...#", "#...#", ".###."),
    "7": ("#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."),
    "8": (".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."),
    "9": (".###.", "#...#", "#...#", ".####", "....#", "....#", ".###."),
    ":": (".", ".", "#", ".", "#", ".", "."),
}
"""Five pixels wide, seven high: rounder, for the middle sizes."""


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: a few fixed instances
class Font:
    """A digit font at one size: ``rows`` high; ``bitmap`` None means Textual's three-row digits."""

    name: str
    rows: int
    bitmap: dict[str, tuple[str, ...]] | None = None
    scale: int = 1

    def width(self, text: str) -> int:
        """Cells ``text`` takes in this font."""
        return len(self.lines(text)[0]) if text else 0

    def lines(self, text: str) -> tuple[str, ...]:
        """``text`` drawn in this font, one string per row, all the same width."""
        return _draw(self, text)


THREE = Font("three", 3)
FONTS: tuple[Font, ...] = (
    THREE,
    Font("five", 5, _FIVE),
    Font("seven", 7, _SEVEN),
    Font("five-x2", 10, _FIVE, 2),
    Font("seven-x2", 14, _SEVEN, 2),
)
"""Every size the countdown can take, smallest first."""

SHAPE_MIN = "0:00"
"""Fonts are chosen for at least this many glyphs, so 0:08 and 9:59 use the same size."""


def choose_font(text: str, width: int, height: int) -> Font:
    """The biggest font in which ``text`` (or a text as wide as ``0:00``) fits ``width`` x ``height``.

    Never smaller than the three-row digits: a countdown too big for its box is cropped, not hidden.
    """
    shape = text if len(text) > len(SHAPE_MIN) else SHAPE_MIN  # every digit is as wide as any other
    best = THREE
    for font in FONTS:
        if font.rows <= height and font.width(shape) <= width:
            best = font
    return best


@lru_cache(maxsize=64)
def _draw(font: Font, text: str) -> tuple[str, ...]:
    if font.bitmap is None:
        return _draw_three(text)
    pixel, blank = "█" * 2 * font.scale, " " * 2 * font.scale
    gap = blank
    rows: list[str] = []
    for y in range(len(next(iter(font.bitmap.values())))):
        glyphs = []
        for char in text:
            glyph = font.bitmap.get(char)
            if glyph is None:
                continue  # only digits and the colon have glyphs
            glyphs.append("".join(pixel if px == "#" else blank for px in glyph[y]))
        row = gap.join(glyphs)
        rows.extend([row] * font.scale)
    return tuple(rows)


def _draw_three(text: str) -> tuple[str, ...]:
    """Textual's own three-row line-drawn digits (what its ``Digits`` widget shows)."""
    rows = ["", "", ""]
    for char in text:
        position = DIGITS.find(char)
        for y in range(3):
            if position >= 0:
                rows[y] += _THREE[position * 3 + y].ljust(3)
            else:
                rows[y] += char if y == 2 else " "
    return tuple(rows)
