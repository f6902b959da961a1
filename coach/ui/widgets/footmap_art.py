"""The foot map's drawing as data: a sole and a top view of a foot, and which cells belong to which zone.

Pure text and no textual, so the art is testable on its own. :func:`render_art` turns a foot and a zone
into rows of ``(text, highlight)`` spans that the :class:`~coach.ui.widgets.footmap.FootMap` widget styles.

Orientation, the one thing easy to get backwards:

* The **sole** is drawn as you see it when the sole faces you, toes up (a partner's foot on your lap,
  or a footprint looked at from underneath). A *right* sole has its big toe on the **right**.
* The **top** is drawn as you see it looking down at the foot, toes up. A *right* foot seen from above
  has its big toe on the **left**.

So for one foot the two drawings are mirror images, and the left foot's drawings are the right foot's
mirrored cell by cell (with ``╭``/``╮``, ``╱``/``╲``, ``(``/``)``... swapped). Only the right foot is
stored; the left is derived by :func:`mirror_text`.
"""

# The drawing is made of box-drawing characters on purpose: its diagonals are not mistyped slashes.
# ruff: noqa: RUF001, RUF002
from __future__ import annotations

from typing import Literal

from coach.routines import Foot, Zone

View = Literal["sole", "top"]
"""Which side of the foot a drawing shows."""

VIEWS: tuple[View, ...] = ("sole", "top")
VIEW_WIDTH = 12
"""Columns of one drawing."""
GAP = 2
"""Blank columns between the sole and the top drawing."""
ART_WIDTH = VIEW_WIDTH * 2 + GAP
"""Columns of the two drawings side by side: 26."""
ART_HEIGHT = 10
"""Rows of one drawing."""

Span = tuple[str, Zone | None]
"""Some text and the zone it is highlighted for (``None``: not highlighted)."""

# The right foot. Every drawing row is VIEW_WIDTH cells; the zone rows below say which zone each cell
# belongs to (t toes, b ball, a arch, h heel, p top, k ankle, "." outside the foot), so a zone lights
# up its outline *and* its inside.
_RIGHT_SOLE = (
    "       ╭╮╭─╮",
    "  ╭╮ ╭╮╰╯│ │",
    "()╰╯ ╰╯  ╰─╯",
    "  ╭────────╮",
    " ╱         │",
    " │        ╱ ",
    " │       (  ",
    " │        │ ",
    "  ╲      ╱  ",
    "   ╰────╯   ",
)
_RIGHT_SOLE_ZONES = (
    ".......ttttt",
    "..tt.ttttttt",
    "tttt.tt..ttt",
    "..bbbbbbbbbb",
    ".bbbbbbbbbbb",
    ".aaaaaaaaaa.",
    ".aaaaaaaaa..",
    ".hhhhhhhhhh.",
    "..hhhhhhhh..",
    "...hhhhhh...",
)
_RIGHT_TOP = (
    "╭─╮╭╮       ",
    "│▂╰╯│╭╮╭╮   ",
    "│   ╰╯╰╯│╭╮ ",
    "│       ╰╯│ ",
    "│         │ ",
    "│         │ ",
    " ╲       ╱  ",
    "  ╲     ╱   ",
    "  (│   │)   ",
    "   │   │    ",
)
_RIGHT_TOP_ZONES = (
    "ttttt.......",
    "ttttttttt...",
    "ttttttttttt.",
    "ppppppppttt.",
    "ppppppppppp.",
    "ppppppppppp.",
    ".ppppppppp..",
    "..kkkkkkk...",
    "..kkkkkkk...",
    "...kkkkk....",
)

_ZONE_CODES: dict[str, Zone] = {
    "t": "toes",
    "b": "ball",
    "a": "arch",
    "h": "heel",
    "p": "top",
    "k": "ankle",
}

# Characters whose mirror image is another character; everything else used is symmetric.
_MIRROR_PAIRS = ("╭╮", "╰╯", "╱╲", "()", "/\\", "├┤", "<>", "[]", "{}", "▌▐", "▖▗", "▘▝", "▛▜", "▙▟", "▚▞")
MIRROR: dict[str, str] = {p[0]: p[1] for p in _MIRROR_PAIRS} | {p[1]: p[0] for p in _MIRROR_PAIRS}
"""Each mirrored character's partner (both ways)."""


def mirror_text(line: str) -> str:
    """``line`` as seen in a mirror: reversed, with each character that has a mirror partner swapped."""
    return "".join(MIRROR.get(ch, ch) for ch in reversed(line))


def view_art(view: View, foot: Foot | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The drawing rows and zone-code rows of ``view`` for ``foot`` (no foot: drawn as the right one)."""
    rows, zones = (_RIGHT_SOLE, _RIGHT_SOLE_ZONES) if view == "sole" else (_RIGHT_TOP, _RIGHT_TOP_ZONES)
    if foot == "left":
        return tuple(mirror_text(r) for r in rows), tuple(z[::-1] for z in zones)
    return rows, zones


def lights(code: str, zone: Zone | None) -> bool:
    """True when a cell with zone ``code`` is highlighted while ``zone`` is being worked."""
    if zone is None or code == ".":
        return False
    return zone == "whole" or _ZONE_CODES.get(code) == zone


def view_spans(view: View, foot: Foot | None, zone: Zone | None) -> list[list[Span]]:
    """One drawing as rows of spans, consecutive cells with the same highlight merged into one span."""
    rows, codes = view_art(view, foot)
    result: list[list[Span]] = []
    for row, code_row in zip(rows, codes, strict=True):
        spans: list[Span] = []
        for ch, code in zip(row, code_row, strict=True):
            mark = zone if lights(code, zone) else None
            if spans and spans[-1][1] == mark:
                spans[-1] = (spans[-1][0] + ch, mark)
            else:
                spans.append((ch, mark))
        result.append(spans)
    return result


def render_art(foot: Foot | None, zone: Zone | None) -> list[list[Span]]:
    """Sole and top side by side, :data:`ART_WIDTH` cells wide and :data:`ART_HEIGHT` rows tall."""
    sole = view_spans("sole", foot, zone)
    top = view_spans("top", foot, zone)
    return [[*s, (" " * GAP, None), *t] for s, t in zip(sole, top, strict=True)]


def highlighted_cells(spans: list[list[Span]]) -> set[tuple[int, int]]:
    """The ``(row, column)`` of every highlighted cell in rows of spans."""
    cells: set[tuple[int, int]] = set()
    for y, row in enumerate(spans):
        x = 0
        for text, mark in row:
            if mark is not None:
                cells.update((y, x + i) for i in range(len(text)))
            x += len(text)
    return cells


def zone_views(zone: Zone | None) -> tuple[View, ...]:
    """The drawings where ``zone`` shows: the sole for ball, arch and heel, the top for top and ankle."""
    if zone in ("ball", "arch", "heel"):
        return ("sole",)
    if zone in ("top", "ankle"):
        return ("top",)
    return VIEWS


def foot_label(foot: Foot | None) -> str:
    """The heading over the drawings: ``RIGHT foot``, ``LEFT foot``, or ``foot`` when none is set."""
    return f"{foot.upper()} foot" if foot is not None else "foot"


def zone_name(zone: Zone) -> str:
    """How a zone is named in words: ``arch``, ``whole foot``."""
    return "whole foot" if zone == "whole" else zone
