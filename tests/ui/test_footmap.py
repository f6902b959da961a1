"""The foot map: its drawing as pure data (mirroring, zones, sizes) and the widget that shows it."""

# The art's diagonals are box-drawing characters on purpose, not mistyped slashes.
# ruff: noqa: RUF001
from __future__ import annotations

import unicodedata
from itertools import combinations, pairwise

import pytest
from rich.cells import cell_len

from coach.routines import FEET, ZONES, Foot, Zone
from coach.ui.widgets.footmap import FULL_HEIGHT, choose_layout
from coach.ui.widgets.footmap_art import (
    ART_HEIGHT,
    ART_WIDTH,
    GAP,
    MIRROR,
    VIEW_WIDTH,
    VIEWS,
    foot_label,
    highlighted_cells,
    lights,
    mirror_text,
    render_art,
    view_art,
    view_spans,
    zone_name,
    zone_views,
)

# The mirror partners, written out independently of the module under test.
PAIRS = [("╭", "╮"), ("╰", "╯"), ("(", ")"), ("/", "\\"), ("╱", "╲")]
PARTNERS = {a: b for a, b in PAIRS} | {b: a for a, b in PAIRS}
SYMMETRIC = set(" │─▂")


def art_text(foot: Foot | None) -> list[str]:
    return ["".join(text for text, _ in row) for row in render_art(foot, None)]


# -- the drawing as data ----------------------------------------------------------------------------


@pytest.mark.parametrize("view", VIEWS)
def test_left_drawing_is_the_right_one_in_a_mirror(view: str) -> None:
    right, right_zones = view_art(view, "right")  # type: ignore[arg-type]
    left, left_zones = view_art(view, "left")  # type: ignore[arg-type]
    expected = ["".join(PARTNERS.get(ch, ch) for ch in reversed(row)) for row in right]
    assert list(left) == expected
    assert list(left_zones) == [z[::-1] for z in right_zones]
    assert left != right  # the drawing is not symmetric, so mirroring shows


def test_mirror_text_swaps_partners_and_reverses() -> None:
    assert mirror_text("╭─╮(") == ")╭─╮"
    assert mirror_text("╰╱ ╲╯") == "╰╱ ╲╯"
    assert mirror_text("a/b") == "b\\a"
    assert all(MIRROR[MIRROR[ch]] == ch for ch in MIRROR)


def test_every_character_is_symmetric_or_has_a_partner() -> None:
    # A character with no mirror image (say ┤ alone) would make the left foot subtly wrong.
    used = {ch for foot in FEET for row in art_text(foot) for ch in row}
    assert used - SYMMETRIC - set(MIRROR) == set()


def test_no_foot_is_drawn_as_the_right_foot() -> None:
    assert art_text(None) == art_text("right")


def test_big_toes_follow_the_stated_convention() -> None:
    # Right sole seen from below: big toe (the wide pad, ╭─╮) on the right; seen from above (top view,
    # its nail ▂): on the left. The left foot is the other way round.
    for foot, sole_side, top_side in (("right", "right", "left"), ("left", "left", "right")):
        sole, _ = view_art("sole", foot)  # type: ignore[arg-type]
        top, _ = view_art("top", foot)  # type: ignore[arg-type]
        big_sole = sole[0].index("─")
        nail = next(row.index("▂") for row in top if "▂" in row)
        assert (big_sole >= VIEW_WIDTH // 2) == (sole_side == "right")
        assert (nail >= VIEW_WIDTH // 2) == (top_side == "right")


@pytest.mark.parametrize("foot", FEET)
def test_rows_fit_and_hold_no_wide_characters(foot: Foot) -> None:
    rows = art_text(foot)
    assert len(rows) == ART_HEIGHT
    assert FULL_HEIGHT == ART_HEIGHT + 2 <= 12
    for row in rows:
        assert len(row) == ART_WIDTH == 26
        assert cell_len(row) == len(row)
        for ch in row:
            assert unicodedata.east_asian_width(ch) not in ("W", "F"), ch
            assert not unicodedata.combining(ch)
            assert ch.isprintable()


@pytest.mark.parametrize("view", VIEWS)
def test_every_drawn_cell_belongs_to_a_zone(view: str) -> None:
    rows, zones = view_art(view, "right")  # type: ignore[arg-type]
    assert [len(r) for r in rows] == [len(z) for z in zones] == [VIEW_WIDTH] * ART_HEIGHT
    for row, codes in zip(rows, zones, strict=True):
        for ch, code in zip(row, codes, strict=True):
            if ch != " ":
                assert code != ".", (row, ch)


@pytest.mark.parametrize("foot", FEET)
def test_each_zone_lights_a_distinct_non_empty_set_of_cells(foot: Foot) -> None:
    cells = {zone: highlighted_cells(render_art(foot, zone)) for zone in ZONES}
    assert all(cells.values())
    for a, b in combinations(ZONES, 2):
        assert cells[a] != cells[b], (a, b)
    assert highlighted_cells(render_art(foot, None)) == set()
    everything = set().union(*(cells[z] for z in ZONES if z != "whole"))
    assert cells["whole"] == everything


@pytest.mark.parametrize("foot", FEET)
def test_zones_sit_where_they_are_on_a_foot(foot: Foot) -> None:
    top_view = range(VIEW_WIDTH + GAP, ART_WIDTH)

    def rows(zone: Zone) -> list[int]:
        return sorted(y for y, _ in highlighted_cells(render_art(foot, zone)))

    def cols(zone: Zone) -> set[int]:
        return {x for _, x in highlighted_cells(render_art(foot, zone))}

    # The sole-only zones stay on the sole, in order from toes to heel.
    for zone in ("ball", "arch", "heel"):
        assert max(cols(zone)) < VIEW_WIDTH
    assert max(rows("toes")) < min(rows("arch"))
    assert max(rows("ball")) < min(rows("arch")) and max(rows("arch")) < min(rows("heel"))
    assert rows("heel")[-1] == ART_HEIGHT - 1
    # The top and the ankle are on the top view, the ankle below the top of the foot.
    assert cols("top") <= set(top_view) and cols("ankle") <= set(top_view)
    assert max(rows("top")) < min(rows("ankle"))
    # Toes show on both drawings.
    assert min(cols("toes")) < VIEW_WIDTH and max(cols("toes")) in top_view


def test_spans_merge_cells_and_rebuild_the_rows() -> None:
    rows, _ = view_art("sole", "left")
    spans = view_spans("sole", "left", "arch")
    assert ["".join(t for t, _ in row) for row in spans] == list(rows)
    for row in spans:
        assert all(a[1] != b[1] for a, b in pairwise(row))
    marks = {mark for row in spans for _, mark in row}
    assert marks == {None, "arch"}


def test_small_helpers() -> None:
    assert foot_label("left") == "LEFT foot" and foot_label("right") == "RIGHT foot"
    assert foot_label(None) == "foot"
    assert zone_name("whole") == "whole foot" and zone_name("arch") == "arch"
    assert zone_views("heel") == ("sole",) and zone_views("ankle") == ("top",)
    assert zone_views("toes") == VIEWS and zone_views(None) == VIEWS
    assert lights("t", "toes") and lights("t", "whole") and not lights(".", "whole")
    assert not lights("t", None) and not lights("h", "toes")


@pytest.mark.parametrize(
    ("size", "layout"),
    [
        ((26, 12), "both"),
        ((80, 40), "both"),
        ((25, 12), "one"),
        ((12, 12), "one"),
        ((11, 12), "line"),
        ((26, 11), "line"),
        ((0, 0), "line"),
    ],
)
def test_layout_follows_the_room_given(size: tuple[int, int], layout: str) -> None:
    assert choose_layout(*size) == layout
