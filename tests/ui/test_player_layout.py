"""The player at different terminal sizes, resized mid-session, and with its words shown literally."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest

from coach.paths import shipped_routines
from coach.routines.load import load_library
from coach.ui.app import CoachApp
from coach.ui.widgets.breathing import BreathingCue
from coach.ui.widgets.countdown import Countdown
from tests.app_helpers import advance, player_of, screen_lines, shown, start
from tests.engine_helpers import FakeClock

AppFactory = Callable[..., CoachApp]


def visible(app: CoachApp, widget_id: str) -> bool:
    """Whether the widget takes room on screen (not hidden by a size class)."""
    widget = player_of(app).query_one(f"#{widget_id}")
    return bool(widget.display) and widget.region.area > 0


async def test_resizing_mid_session_keeps_the_essentials(make_app: AppFactory, fake_clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        player = await start(pilot)
        await pilot.press("n")
        await advance(pilot, fake_clock, 12)
        text = "\n".join(screen_lines(app))
        for expected in ("Step 1 of 3 · Warming strokes", "LEFT FOOT · whole foot", "Long strokes",
                         "Glide both hands", "Warms the foot and calms the nerves.", "Step ", "Session ",
                         "1:18 left", "then: Ankle circles"):
            assert expected in text, expected
        for name in ("countdown", "footmap", "breathing", "words", "step-meter"):
            assert visible(app, name), name

        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert player.has_class("-narrow", "-short", "-tiny")
        assert not visible(app, "footmap") and not visible(app, "step-meter")
        for name in ("countdown", "words", "foot", "counter", "breathing", "session-meter"):
            assert visible(app, name), name
        lines = screen_lines(app)
        assert len(lines) == 12 and all(len(line) == 40 for line in lines)
        text = "\n".join(lines)
        assert "LEFT FOOT · whole foot · gentle" in text and "Long strokes" in text
        assert "Glide both hands from toes to ankle." in text, "the instruction stays at 40x12"

        await pilot.resize_terminal(10, 5)
        await pilot.pause()
        await advance(pilot, fake_clock, 1)
        await pilot.press("space")
        await pilot.press("space")
        assert len(screen_lines(app)) == 5

        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not player.has_class("-narrow") and not player.has_class("-short")
        assert visible(app, "footmap") and visible(app, "words")
        assert shown(app)["countdown"] == "1:17"


async def test_pausing_moves_nothing(make_app: AppFactory) -> None:
    """The banner takes the blank line above the head: the countdown stays where the eye expects it."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        player = await start(pilot)
        before = player.query_one(Countdown).region
        await pilot.press("space")
        assert "PAUSED" in screen_lines(app)[1]
        assert player.query_one(Countdown).region.y >= before.y - 2


async def test_routine_text_is_shown_literally(make_app: AppFactory, library) -> None:
    from dataclasses import replace

    from coach.routines import Texts

    routine = library.routines["fixed"]
    odd = replace(routine.steps[0], title="[bold]Rub[/bold]", texts=Texts("Press [red]here[/red] \\[ok]"))
    odd_routine = replace(routine, steps=(odd, *routine.steps[1:]))
    odd_library = replace(library, routines={**library.routines, "fixed": odd_routine})
    app = make_app(library=odd_library, routine_id="fixed", feet=("left",))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        text = "\n".join(screen_lines(app))
        assert "Step 1 of 2 · [bold]Rub[/bold]" in text
        assert "Press [red]here[/red] \\[ok]" in text


async def test_breathing_bar_grows_and_shrinks(make_app: AppFactory, fake_clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        player = await start(pilot)
        cue = player.query_one(BreathingCue)
        widths = []
        for _ in range(10):  # calm: in for 4 s, out for 6 s
            await advance(pilot, fake_clock, 1)
            widths.append(cue.text().split("\n")[1].count("▄"))
        assert widths[:4] == sorted(widths[:4]) and widths[3] > widths[0]
        assert widths[4:] == sorted(widths[4:], reverse=True) and widths[4] > widths[9]


async def test_theme_switch_recolours_the_player_and_is_remembered(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path
) -> None:
    from coach.ui.widgets.progress import Meter

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        player = await start(pilot)
        assert app.theme == "coach-night"
        cue, meter = player.query_one(BreathingCue), player.query_one("#step-meter", Meter)
        before = (cue.render_line(0), meter.render_line(0))
        app.theme = "nord"
        await pilot.pause()
        await advance(pilot, fake_clock, 1)
        after = (cue.render_line(0), meter.render_line(0))
        for old, new in zip(before, after, strict=True):
            old_colours = {seg.style.color for seg in old if seg.style and seg.text.strip()}
            new_colours = {seg.style.color for seg in new if seg.style and seg.text.strip()}
            assert old_colours.isdisjoint(new_colours), "the cached colours must follow the theme"
    assert 'theme = "nord"' in (tmp_path / "config" / "settings.toml").read_text()


async def test_no_color_is_honoured(make_app: AppFactory, monkeypatch) -> None:
    from textual.filter import Monochrome

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        assert app.no_color
        assert any(isinstance(f, Monochrome) for f in app._filters)
        await pilot.press("space")
        assert "PAUSED" in screen_lines(app)[1], "paused must read without colour"


SIZES = [(40, 12), (50, 14), (60, 16), (80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_every_size_keeps_the_instruction_and_draws_every_row(
    make_app: AppFactory, fake_clock: FakeClock, size: tuple[int, int]
) -> None:
    # The shipped routine's long words, partner mode: the instruction is what must not go.
    app = make_app(library=load_library(shipped_routines()), mode="partner")
    async with app.run_test(size=size) as pilot:
        player = await start(pilot)
        await pilot.press("down")
        await advance(pilot, fake_clock, 3)
        lines = screen_lines(app)
        text = "\n".join(lines)
        assert len(lines) == size[1] and all(len(line) == size[0] for line in lines)
        assert "LONG STROKES, TOES TO CALF" in text, "the cue, read from a metre away, comes first"
        assert "Rest your partner's foot in your lap" in text, "the instruction's first words"
        if size[1] >= 16:
            assert "Preparation and relaxing effleurage" in text  # the title gives way only when small
        assert "Breathe in" in text and "Session" in text and "then: " in text
        short = size[1] < 20
        assert ("▄" in text) != short, "the breathing bar goes first where rows are short"
        blank = [not line.strip() for line in lines]
        if size == (40, 12):
            # Every row carries something: no band kept for a bar that is not drawn.
            assert not any(blank), "\n".join(lines)
        elif short:
            # A blank line under the title, or after words that are all there, but never a band.
            assert not any(a and b for a, b in itertools.pairwise(blank)), "\n".join(lines)
        assert visible(app, "countdown") and player.query_one(Countdown).value == "2:27"


async def test_the_breathing_word_stays_when_its_bar_goes(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        player = await start(pilot)
        cue = player.query_one(BreathingCue)
        assert cue.size.height == 1 and cue.text().strip() == "Breathe in"


async def test_step_words_above_the_part_and_the_benefit_below(make_app: AppFactory) -> None:
    from coach.ui.widgets.words import Words

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        player = await start(pilot)
        words = player.query_one(Words)
        await pilot.press("down", "down")  # ankle circles: the step's words and the part's own
        assert words.lines()[:4] == [
            "Clockwise circles", "", "Circle the ankle slowly.", "Five circles clockwise.",
        ]
        await pilot.press("down")  # the ball of the foot: and the step's benefit, after a blank line
        assert words.lines() == [
            "Ball point 1 of 3", "",
            "Press points along the ball of the foot.", "Hold this point, then release.",
            "", "In reflexology this area is linked to the chest", "and lungs.",
        ]
        styles = {span.style for span in words.render().spans}  # type: ignore[union-attr]
        assert any(getattr(style, "italic", False) for style in styles), "the benefit is in italics"
        await pilot.press("up", "up")  # back to the strokes: the step's text is the part's, shown once
        assert words.lines()[:3] == ["Long strokes", "", "Glide both hands from toes to ankle."]
        assert "Warms the foot and calms the nerves." in words.lines()

        await pilot.resize_terminal(60, 16)  # small: the benefit is the first to go
        await pilot.pause()
        assert "Warms the foot and calms the nerves." not in "\n".join(screen_lines(app))
        assert "Glide both hands from toes to ankle." in "\n".join(screen_lines(app))


async def test_the_countdown_grows_with_the_terminal_and_keeps_its_font_between_ticks(
    make_app: AppFactory, fake_clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        player = await start(pilot)
        countdown = player.query_one(Countdown)
        assert countdown.font.rows == 3
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert countdown.font.rows == 5
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        font = countdown.font
        assert font.rows >= 7 and countdown.region.height >= font.rows
        drawn = [countdown.render_line(y).text for y in range(countdown.size.height)]
        assert sum("█" in line for line in drawn) == font.rows
        # Centred: as much room left of the digits as right of them (give or take a cell).
        row = next(line for line in drawn if "█" in line)
        left, right = len(row) - len(row.lstrip()), len(row) - len(row.rstrip())
        assert abs(left - right) <= 1
        for _ in range(5):
            await advance(pilot, fake_clock, 1)
            assert countdown.font is font
        assert shown(app)["countdown"] == "0:05"


async def test_muted_sound_is_marked_on_screen(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        assert "sound off" not in screen_lines(app)[1]
        await pilot.press("m")
        assert "sound off" in screen_lines(app)[1]
        await pilot.press("m")
        assert "sound off" not in screen_lines(app)[1]
    app = make_app(sound=False)
    async with app.run_test(size=(40, 12)) as pilot:
        await start(pilot)
        assert "sound off" in screen_lines(app)[0]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_first_frame_draws_the_countdown_in_the_font_for_its_size(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    """The player is laid out more than once as it comes up: the digits on screen are in the font for
    the countdown's final size at once, not in the first layout's until the next second."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        player = await start(pilot)
        await pilot.pause()
        countdown = player.query_one(Countdown)
        rows = countdown.font.rows
        assert rows >= 5
        top = countdown.region.y
        drawn = screen_lines(app)[top : top + countdown.region.height]
        assert sum("█" in line for line in drawn) == rows
