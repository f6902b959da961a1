"""The foot map widget: what it draws and lights at each size, foot, zone, theme and without colour."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult

from coach.routines import ZONES, Foot, Zone
from coach.ui.widgets.footmap import FootMap
from coach.ui.widgets.footmap_art import VIEW_WIDTH, highlighted_cells, mirror_text, render_art


def art_text(foot: Foot) -> list[str]:
    """The two drawings as plain rows."""
    return ["".join(text for text, _ in row) for row in render_art(foot, None)]


class MapApp(App[None]):
    """Just the map, in a box of the given size."""

    def __init__(self, width: int = 26, height: int = 12, **kwargs: object) -> None:
        super().__init__()
        self.box = (width, height)
        self.kwargs = kwargs

    def compose(self) -> ComposeResult:
        fm = FootMap(**self.kwargs)  # type: ignore[arg-type]
        fm.styles.width, fm.styles.height = self.box
        yield fm


def lit_cells(fm: FootMap, role: str = "footmap--zone") -> set[tuple[int, int]]:
    """Cells drawn in a component's style, read back from the rendered strips."""
    style = fm.get_component_rich_style(role)
    cells: set[tuple[int, int]] = set()
    for y in range(fm.size.height):
        x = 0
        for seg in fm.render_line(y):
            if seg.style == style:
                cells.update((y, x + i) for i in range(cell_len(seg.text)))
            x += cell_len(seg.text)
    return cells


def screen_text(fm: FootMap) -> list[str]:
    return [fm.render_line(y).text for y in range(fm.size.height)]


async def test_setting_zone_and_foot_lights_the_zone() -> None:
    app = MapApp()
    async with app.run_test(size=(40, 14)) as pilot:
        fm = app.query_one(FootMap)
        assert lit_cells(fm) == set()
        assert screen_text(fm)[0].strip() == "foot"
        fm.foot, fm.zone = "right", "toes"
        await pilot.pause()
        expected = {(y + 1, x) for y, x in highlighted_cells(render_art("right", "toes"))}
        assert lit_cells(fm) == expected
        text = screen_text(fm)
        assert text[0].strip() == "RIGHT foot"
        assert text[-1].split() == ["sole", "top"]
        assert text[1:-1] == art_text("right")
        fm.zone = "heel"
        await pilot.pause()
        assert lit_cells(fm) == {(y + 1, x) for y, x in highlighted_cells(render_art("right", "heel"))}


async def test_left_foot_is_drawn_mirrored() -> None:
    app = MapApp(foot="left", zone="arch")
    async with app.run_test(size=(40, 14)):
        fm = app.query_one(FootMap)
        text = screen_text(fm)
        assert text[0].strip() == "LEFT foot"
        sole_left = [row[:VIEW_WIDTH] for row in text[1:-1]]
        sole_right = [row[:VIEW_WIDTH] for row in art_text("right")]
        assert sole_left == [mirror_text(row) for row in sole_right]
        assert lit_cells(fm) == {(y + 1, x) for y, x in highlighted_cells(render_art("left", "arch"))}


async def test_whole_foot_uses_the_light_highlight() -> None:
    app = MapApp(foot="right", zone="whole")
    async with app.run_test(size=(40, 14)):
        fm = app.query_one(FootMap)
        assert lit_cells(fm) == set()
        lit = lit_cells(fm, "footmap--whole")
        assert lit == {(y + 1, x) for y, x in highlighted_cells(render_art("right", "whole"))}


async def test_changes_repaint_without_layout() -> None:
    app = MapApp(foot="right", zone="toes")
    async with app.run_test(size=(40, 14)) as pilot:
        fm = app.query_one(FootMap)
        calls: list[dict[str, object]] = []
        original = fm.refresh

        def spy(*regions: object, **kwargs: object) -> FootMap:
            calls.append(kwargs)
            return original(*regions, **kwargs)  # type: ignore[arg-type]

        fm.refresh = spy  # type: ignore[method-assign]
        fm.zone = "arch"
        fm.foot = "left"
        fm.zone = "arch"  # unchanged: no refresh at all
        await pilot.pause()
        assert len(calls) == 2
        assert all(not c.get("layout") for c in calls)
        assert fm.size == (26, 12)


async def test_theme_and_no_color_keep_the_zone_visible(monkeypatch: pytest.MonkeyPatch) -> None:
    app = MapApp(foot="right", zone="ball")
    async with app.run_test(size=(40, 14)) as pilot:
        fm = app.query_one(FootMap)
        dark = fm.get_component_rich_style("footmap--zone")
        app.theme = "solarized-light"
        await pilot.pause()
        light = fm.get_component_rich_style("footmap--zone")
        assert dark.color != light.color and dark.bgcolor != light.bgcolor and light.bold
        assert lit_cells(fm)
    monkeypatch.setenv("NO_COLOR", "1")
    app = MapApp(foot="right", zone="ball")
    async with app.run_test(size=(40, 14)):
        fm = app.query_one(FootMap)
        assert fm.get_component_rich_style("footmap--zone").reverse
        assert fm.get_component_rich_style("footmap--part").dim
        assert lit_cells(fm) == {(y + 1, x) for y, x in highlighted_cells(render_art("right", "ball"))}


@pytest.mark.parametrize(
    ("box", "zone", "first", "last"),
    [
        ((20, 12), "arch", "RIGHT foot", "sole"),
        ((20, 12), "ankle", "RIGHT foot", "top"),
        ((26, 11), "arch", "RIGHT foot · arch", ""),
        ((26, 3), "whole", "RIGHT foot · whole foot", ""),
        ((14, 2), "heel", "RIGHT · heel", ""),
        ((8, 2), "heel", "heel", ""),
        ((3, 2), "heel", "hee", ""),
    ],
)
async def test_smaller_boxes_draw_less(box: tuple[int, int], zone: Zone, first: str, last: str) -> None:
    app = MapApp(*box, foot="right", zone=zone)
    async with app.run_test(size=(40, 14)):
        fm = app.query_one(FootMap)
        text = screen_text(fm)
        assert len(text) == box[1] and all(len(row) == box[0] for row in text)
        assert text[0].strip() == first
        assert text[-1].strip() == last
        assert lit_cells(fm) or lit_cells(fm, "footmap--whole")


async def test_one_line_without_a_foot_names_the_zone() -> None:
    app = MapApp(26, 1, zone="top")
    async with app.run_test(size=(40, 14)) as pilot:
        fm = app.query_one(FootMap)
        assert screen_text(fm) == ["zone: top".ljust(26)]
        fm.zone = None
        await pilot.pause()
        assert screen_text(fm) == [" " * 26]


@pytest.mark.parametrize("size", [(10, 5), (1, 1), (26, 12), (30, 6), (120, 40)])
async def test_never_crashes_at_any_terminal_size(size: tuple[int, int]) -> None:
    app = MapApp(foot="left", zone="heel")
    async with app.run_test(size=size) as pilot:
        fm = app.query_one(FootMap)
        for zone in (*ZONES, None):
            fm.zone = zone
            await pilot.pause()
            rows = screen_text(fm)
            # Whatever the room, every drawn row fits the widget's own width.
            assert all(len(row) <= max(fm.size.width, 0) for row in rows), (size, zone, rows)
        await pilot.resize_terminal(5, 3)
        await pilot.pause()
        rows = screen_text(fm)
        assert all(len(row) <= max(fm.size.width, 0) for row in rows)
        assert app.is_running
