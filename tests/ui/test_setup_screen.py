"""The setup screen: what Enter hands back after ticks, routine, length, mode, feet and oil changes."""

from __future__ import annotations

import pytest

from coach.paths import shipped_routines
from coach.routines.fit import fit_routine
from coach.routines.load import load_library
from coach.sound import SoundConfig
from coach.ui.choices import SetupChoice
from coach.ui.screens.setup import text as words
from coach.ui.screens.setup.screen import SetupScreen
from coach.ui.screens.setup.session_panel import SessionPanel
from coach.ui.widgets.bullets import lines_that_fit
from coach.ui.widgets.checklist import Checklist
from coach.ui.widgets.choice_row import BACK, FORWARD, KEY_WIDTH, LABEL_WIDTH
from coach.ui.widgets.safety_panel import panel_title
from tests.app_helpers import screen_lines
from tests.setup_summary_fixtures import EVENING, LIBRARY, LITERAL, Host, row_offset, screen_text

NATURAL_MINUTES = round(fit_routine(EVENING, 2).total_seconds / 60)


def arrows(value: str) -> str:
    """A value as a row with arrows shows it."""
    return f"{BACK} {value} {FORWARD}"


async def run(keys: list[str], prefill: SetupChoice | None = None, size: tuple[int, int] = (80, 24)) -> Host:
    """Open the setup screen, press ``keys``, and return the host holding what it dismissed with."""
    app = Host(SetupScreen(LIBRARY, prefill or SetupChoice("evening")))
    async with app.run_test(size=size) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
    return app


async def test_enter_hands_back_the_defaults() -> None:
    app = await run(["enter"])
    assert app.results == [SetupChoice("evening", "self", None, ("left", "right"), None, frozenset())]


async def test_q_quits_with_none() -> None:
    app = await run(["t", "q"])
    assert app.results == [None]


async def test_ticking_by_number_space_and_arrows_and_unticking() -> None:
    # 1 ticks the first item; Down Down Space ticks the third; 5 twice leaves the towel unticked.
    app = await run(["1", "down", "down", "space", "5", "5", "7", "enter"])
    result = app.results[0]
    assert isinstance(result, SetupChoice)
    assert result.ticked == frozenset({"lights", "temperature", "wash"})


async def test_nothing_forces_every_item_and_a_full_list_also_starts() -> None:
    app = await run([str(n) for n in range(1, 8)] + ["enter"])
    result = app.results[0]
    assert isinstance(result, SetupChoice)
    assert result.ticked == frozenset(item.id for item in LIBRARY.setup_for("self"))


async def test_a_click_ticks_the_row_and_a_second_click_unticks() -> None:
    app = Host(SetupScreen(LIBRARY, SetupChoice("evening")))
    async with app.run_test(size=(80, 24)) as pilot:
        checklist = app.screen.query_one(Checklist)
        second = (10, checklist.line_of(1))
        assert await pilot.click(checklist, offset=second)
        assert checklist.is_ticked("music")
        assert "[✓] 2 Soft instrumental music" in screen_text(app)
        assert await pilot.click(checklist, offset=second)
        assert not checklist.is_ticked("music")
        await pilot.press("enter")
    assert app.results[0] == SetupChoice("evening")


async def test_a_click_on_the_choice_line_picks_the_next_oil() -> None:
    app = Host(SetupScreen(LIBRARY, SetupChoice("evening")))
    async with app.run_test(size=(80, 24)) as pilot:
        checklist = app.screen.query_one(Checklist)
        index = next(i for i, item in enumerate(checklist.items) if item.id == "oil")
        choice_line = (10, checklist.line_of(index) + 1)  # the item's second line: its choice
        assert await pilot.click(checklist, offset=choice_line)
        assert await pilot.click(checklist, offset=choice_line)
        assert not checklist.is_ticked("oil")
        assert checklist.pick_of("oil") is not None
        await pilot.press("enter")
    assert app.results == [SetupChoice("evening", oil="chamomile")]


async def test_theme_switching_redraws_the_screen() -> None:
    app = Host(SetupScreen(LIBRARY, SetupChoice("evening")))
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "textual-light"
        await pilot.pause()
        assert "Enter  Start the massage" in screen_text(app)
        await pilot.press("t", "enter")
    assert isinstance(app.results[0], SetupChoice)
    assert app.results[0].mode == "partner"


async def test_routine_cycles_with_r_and_shows_its_description() -> None:
    app = Host(SetupScreen(LIBRARY, SetupChoice("evening")))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        text = screen_text(app)
        assert "[bold]Odd[/bold] routine" in text  # literal: the markup is shown, not applied
        assert "Text with [red]brackets[/red]" in text
        assert "r Routine 2 of 2" in text
        await pilot.press("r")
        assert "Evening calm" in screen_text(app)
        await pilot.press("r", "enter")
    assert isinstance(app.results[0], SetupChoice)
    assert app.results[0].routine_id == "literal"


async def test_length_steps_by_a_minute_and_zero_resets() -> None:
    app = await run(["plus", "plus", "minus", "right_square_bracket", "enter"])
    assert isinstance(app.results[0], SetupChoice)
    assert app.results[0].minutes == NATURAL_MINUTES + 2
    app = await run(["left_square_bracket", "enter"])
    assert isinstance(app.results[0], SetupChoice)
    assert app.results[0].minutes == NATURAL_MINUTES - 1
    app = await run(["plus", "plus", "0", "enter"])
    assert isinstance(app.results[0], SetupChoice)
    assert app.results[0].minutes is None


async def test_length_shows_the_plan_and_stops_at_the_shortest_the_routine_does_well() -> None:
    app = Host(SetupScreen(LIBRARY, SetupChoice("evening")))
    async with app.run_test(size=(80, 24)) as pilot:
        text = screen_text(app)
        fit = fit_routine(EVENING, 2)
        assert arrows(f"{NATURAL_MINUTES} min") + "  natural" in text
        assert f"{words.clock(fit.total_seconds)} · range 6-10 min" in text  # one line at 80x24
        low, _ = words.minute_bounds(EVENING, 2)
        await pilot.press(*["minus"] * 30)  # far below: stops at the shortest the routine does well
        assert arrows(f"{low} min") in screen_text(app)
        panel = app.screen.query_one(SessionPanel)
        assert not panel.refused
        assert panel.text("length-plan") == "Fits: timed parts shortened, holds and reps in range."
        assert "Fits: timed parts shortened" in screen_text(app)
        await pilot.press("0")
        assert panel.text("length-plan") == ""
        assert "Fits:" not in screen_text(app)
        await pilot.press("enter")
    assert isinstance(app.results[0], SetupChoice)
    assert app.results[0].minutes is None


async def test_partner_mode_changes_the_checklist_and_keeps_ticks_by_item() -> None:
    app = Host(SetupScreen(LIBRARY, SetupChoice("evening")))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "partner reclines" not in screen_text(app)
        await pilot.press("t")
        await pilot.pause()
        text = screen_text(app)
        assert "[ ] 8 Your partner reclines" in text
        assert "Partner · their feet" in text
        await pilot.press("8", "1", "t")  # tick the partner-only item, then back to self
        await pilot.pause()
        assert app.screen.query_one(Checklist).ticked == frozenset({"lights"})
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("enter")
    result = app.results[0]
    assert isinstance(result, SetupChoice)
    assert result.mode == "partner"
    assert result.ticked == frozenset({"lights", "recline"})


async def test_feet_cycle_both_left_right() -> None:
    for presses, feet in ((0, ("left", "right")), (1, ("left",)), (2, ("right",)), (3, ("left", "right"))):
        app = await run(["f"] * presses + ["enter"])
        assert isinstance(app.results[0], SetupChoice)
        assert app.results[0].feet == feet


async def test_oil_choice_by_o_and_by_arrows_on_the_oil_item() -> None:
    app = await run(["o", "o", "enter"])
    assert isinstance(app.results[0], SetupChoice)
    assert app.results[0].oil == "chamomile"
    # Highlight the oil item (6th) and step back from "not chosen": the last option.
    app = await run(["down"] * 5 + ["left", "enter"])
    assert isinstance(app.results[0], SetupChoice)
    assert app.results[0].oil == "lotion"


async def test_oil_note_shows_for_the_highlighted_item() -> None:
    app = Host(SetupScreen(LIBRARY, SetupChoice("evening")))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*["down"] * 5, "o")
        text = screen_text(app)
        assert arrows("Lavender oil") + "  Calming scent." in text
        assert "Lavender oil: Calming scent." in text


async def test_prefill_is_respected_and_handed_back_unchanged() -> None:
    prefill = SetupChoice("evening", "partner", 12.0, ("right",), "lotion", frozenset({"towel", "recline"}))
    app = Host(SetupScreen(LIBRARY, prefill))
    async with app.run_test(size=(120, 40)) as pilot:
        text = screen_text(app)
        assert "Partner · their feet" in text
        assert "Right only" in text
        assert arrows("12 min") in text  # kept although one foot cannot stretch that far
        panel = app.screen.query_one(SessionPanel)
        assert panel.text("length-plan") == "More than it does well: it plays its longest."
        assert "More than it does well" in text
        assert panel.refused
        assert arrows("Lotion") in text
        assert "[✓] 5 A towel" in text
        assert "[✓] 8 Your partner reclines" in text
        await pilot.press("enter")
    assert app.results == [prefill]


async def test_an_unknown_prefill_falls_back_to_the_default_routine_and_no_oil() -> None:
    app = await run(["enter"], SetupChoice("gone", oil="olive"))
    assert app.results == [SetupChoice("evening")]


async def test_clicks_on_the_setting_rows() -> None:
    app = Host(SetupScreen(LIBRARY, SetupChoice("evening")))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        panel = screen.query_one(SessionPanel)
        assert await pilot.click(panel, offset=row_offset(panel, "routine"))
        assert await pilot.click(panel, offset=row_offset(panel, "routine"))  # twice: back to the first
        assert await pilot.click(panel, offset=row_offset(panel, "mode"))
        assert await pilot.click(panel, offset=row_offset(panel, "feet"))
        assert await pilot.click(panel, offset=row_offset(panel, "routine", below=1))  # the name: nothing
        back = KEY_WIDTH + LABEL_WIDTH
        assert await pilot.click(panel, offset=row_offset(panel, "length", x=back))  # the back arrow: shorter
        one_foot = round(fit_routine(EVENING, 1).total_seconds / 60)
        assert isinstance(screen, SetupScreen)
        assert screen.choice.minutes == one_foot - 1
        assert await pilot.click("#start")
    assert app.results == [SetupChoice("evening", "partner", one_foot - 1, ("left",))]


async def test_s_shows_only_the_safety_notes_and_escape_returns() -> None:
    app = Host(SetupScreen(LIBRARY, SetupChoice("evening")))
    async with app.run_test(size=(40, 12)) as pilot:
        assert "Ask a doctor first" not in screen_text(app)
        await pilot.press("s")
        assert app.screen.has_class("-safety")
        assert "The goal is relaxation" in screen_text(app)
        await pilot.press("escape")
        assert not app.screen.has_class("-safety")
        assert app.focused is app.screen.query_one(Checklist)


async def test_h_asks_the_app_for_history() -> None:
    app = await run(["h"])
    assert app.history_opened == 1
    assert app.results == []


@pytest.mark.parametrize(("size", "narrow", "short"), [((80, 24), False, False), ((40, 12), True, True)])
async def test_small_terminals_drop_extras(size: tuple[int, int], narrow: bool, short: bool) -> None:
    app = Host(SetupScreen(LIBRARY, SetupChoice("evening")))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.screen.has_class("-narrow") is narrow
        assert app.screen.has_class("-short") is short
        assert app.screen.query_one("#item-detail").display is not short
        await pilot.press("r")  # the changed row scrolls into view even when it was below
        assert "[bold]Odd[/bold]" in screen_text(app)


async def test_tiny_terminal_and_resizes_do_not_crash() -> None:
    app = Host(SetupScreen(LIBRARY, SetupChoice("evening")))
    async with app.run_test(size=(10, 5)) as pilot:
        await pilot.press("1", "down", "space", "t", "r", "f", "plus", "o", "s", "s")
        for size in ((120, 40), (40, 12), (80, 24), (12, 6)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
        await pilot.press("enter")
    result = app.results[0]
    assert isinstance(result, SetupChoice)
    assert result.routine_id == LITERAL.id
    assert result.mode == "partner"
    assert result.ticked == frozenset({"lights", "music"})


def test_feet_cycle_includes_an_unusual_prefill_once() -> None:
    assert words.next_feet(("right", "left")) == ("left", "right")
    assert words.next_feet(("left", "right"), -1) == ("right",)


def test_length_bounds_and_steps() -> None:
    low, high = words.natural_bounds(EVENING, 2)
    assert (low, high) == (20 + 30 + 2 * 150, 20 + 30 + 2 * 270)
    # From the shortest it does well (timed parts at half their low end, lead-in and towel at half:
    # 10 + 15 + 2 * 75 s = 2.9 min) to its longest (30 + 45 + 2 * 540 s = 19.25 min).
    assert words.minute_bounds(EVENING, 2) == (3, 19)
    assert words.step_minutes(EVENING, 2, None, 1) == NATURAL_MINUTES + 1
    assert words.step_minutes(EVENING, 2, 19, 1) == 19
    assert words.step_minutes(EVENING, 2, 60, -1) == 19  # from beyond the bounds: back inside
    assert words.step_minutes(EVENING, 2, 1, -1) == 3


def test_length_view_words() -> None:
    natural = words.length_view(EVENING, 2, None)
    assert natural.note == "natural"
    assert natural.plan == ""
    assert natural.detail.startswith("per foot ")
    inside = words.length_view(EVENING, 2, 8)
    assert inside.value == "8 min"
    assert inside.plan == "Fits: every part inside its range."
    assert not inside.refused
    assert inside.fit.total_seconds == 480
    beyond = words.length_view(EVENING, 1, 15)
    assert beyond.plan == "More than it does well: it plays its longest."
    assert beyond.refused
    assert not words.length_view(EVENING, 1, None).detail.startswith("per foot")
    # Too short: the refusal, then what fits instead (with the library to look in).
    short = words.length_view(EVENING, 2, 2, LIBRARY)
    assert short.refused
    assert short.plan == "Too short: it plays its shortest. Instead: one foot only, [bold]Odd[/bold] routine."
    nothing = words.length_view(EVENING, 1, 0.5, LIBRARY)
    assert nothing.plan == "Too short: it plays its shortest. Nothing fits 30 s."
    assert short.fit.total_seconds == 175


async def test_each_routine_shows_its_own_length() -> None:
    screen = SetupScreen(LIBRARY, SetupChoice("evening", minutes=8.0), lengths={"literal": 3.0, "gone": 9.0})
    app = Host(screen)
    async with app.run_test(size=(120, 40)) as pilot:
        assert arrows("8 min") in screen_text(app)
        await pilot.press("r")
        assert arrows("3 min") + "  0 resets" in screen_text(app)
        await pilot.press("0", "r")  # literal back to natural; evening is still at 8
        assert arrows("8 min") in screen_text(app)
        await pilot.press("r")
        assert "natural" in screen_text(app) and screen.minutes is None
        await pilot.press("r", "enter")
    assert app.results == [SetupChoice("evening", minutes=8.0)]


async def test_m_turns_the_sound_on_and_off_v_picks_the_voice_and_a_tests_it() -> None:
    def describe(config: SoundConfig) -> str:
        if not config.sound:
            return "off"
        return f"{config.detail} voice" if config.voice else "chime"

    screen = SetupScreen(LIBRARY, SetupChoice("evening"), sound=SoundConfig(sound=False), describe=describe)
    app = Host(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "m Sound   Off" in screen_text(app)
        await pilot.press("m")
        assert "m Sound   Brief voice" in screen_text(app)
        panel = app.screen.query_one(SessionPanel)
        assert await pilot.click(panel, offset=row_offset(panel, "sound"))
        assert "m Sound   Off" in screen_text(app)
        await pilot.press("v")  # choosing a voice turns the sound on with it
        assert "m Sound   Guide voice" in screen_text(app)
        await pilot.press("v")
        assert "m Sound   Chime" in screen_text(app)
        await pilot.press("v", "a")
    assert app.sounds == [(True, True, False), (False, True, False), (True, True, True), (True, False, False),
                          (True, True, False)]
    assert app.sound_tests == 1


def test_whole_notes_only_and_a_title_that_counts_them() -> None:
    assert lines_that_fit([2, 2, 1, 2], 5) == 3
    assert lines_that_fit([2, 2], 3) == 1
    assert lines_that_fit([3], 2) == 0
    assert panel_title(3, 8) == "Gently · 3 of 8, s for all"
    assert panel_title(8, 8) == "Gently"


async def test_80x24_shows_every_session_row_and_counts_the_safety_notes() -> None:
    library = load_library(shipped_routines())
    app = Host(SetupScreen(library, SetupChoice(library.default_routine, "partner")))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        lines = screen_lines(app)
        text = "\n".join(lines)
        for row in ("r Routine", "-/+ Length", "t Mode", "f Feet", "b Breath", "m Sound"):
            assert row in text, row
        title = next(line for line in lines if "Gently" in line)
        shown = int(title.split("Gently · ")[1].split(" of ")[0])
        assert f"Gently · {shown} of {len(library.safety)}, s for all" in title
        assert 2 <= shown < len(library.safety)
        # The notes shown are whole: the last line of the last one is there, nothing of the next one.
        flat = " ".join(" ".join(line.strip(" │·").split()) for line in lines)
        assert library.safety[shown - 1].split()[-1] in flat
        assert library.safety[shown].split()[0] + " " + library.safety[shown].split()[1] not in flat
        await pilot.press("s")
        await pilot.pause()
        assert "s or Esc: back" in "\n".join(screen_lines(app))
        await pilot.resize_terminal(120, 40)
        await pilot.press("s")
        await pilot.pause()
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "╭─ Gently ─" in text and " of 8" not in text


async def test_the_one_line_safety_note_says_how_many_there_are() -> None:
    library = load_library(shipped_routines())
    app = Host(SetupScreen(library, SetupChoice(library.default_routine)))
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert f"s {len(library.safety)} safety notes: read them first" in "\n".join(screen_lines(app))


async def test_a_first_run_draws_the_safety_notes_without_the_panels_and_keys_wait_for_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The panels are built after the first frame (``_mount_body``): the safety notes need none of them,
    and keys pressed before they are built change what the panels then show."""
    held: list[SetupScreen] = []

    async def hold_back(self: SetupScreen) -> None:
        held.append(self)

    mount_body = SetupScreen._mount_body
    monkeypatch.setattr(SetupScreen, "_mount_body", hold_back)
    app = Host(SetupScreen(LIBRARY, SetupChoice("evening"), safety_first=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SetupScreen) and held == [screen]
        assert not screen.query("#setup-body") and not screen.query(Checklist)
        text = screen_text(app)
        assert "The goal is relaxation" in text and "On to the setup, once read" in text
        await pilot.press("t", "f", "1", "enter")  # partner, left foot, the first item: then the setup
        assert not screen.has_class("-safety")
        await mount_body(screen)
        await pilot.pause()
        assert app.focused is screen.query_one(Checklist)
        text = screen_text(app)
        assert "Partner · their feet" in text and "Left only" in text and "[✓] 1 Dim the lights" in text
        assert "Enter  Start the massage" in text
        await pilot.press("enter")
    assert app.results == [SetupChoice("evening", "partner", feet=("left",), ticked=frozenset({"lights"}))]


async def test_the_panels_follow_the_safety_notes_of_a_first_run_by_themselves() -> None:
    app = Host(SetupScreen(LIBRARY, SetupChoice("evening"), safety_first=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(Checklist).is_mounted  # mounted just after the first frame
        assert app.focused is not app.screen.query_one(Checklist)  # the notes keep the keys
        await pilot.press("enter", "2", "enter")
    assert app.results == [SetupChoice("evening", ticked=frozenset({"music"}))]


async def test_leaving_the_safety_notes_before_the_panels_are_built_builds_them_for_the_next_keys(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Enter on a first run's notes may come before the panels are built just after the first frame
    (a busy machine, a fast hand): leaving the notes builds them, and the keys after it reach them."""
    monkeypatch.setattr(SetupScreen, "on_mount", SetupScreen._show_safety)  # the frame's mount never comes
    app = Host(SetupScreen(LIBRARY, SetupChoice("evening"), safety_first=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query(Checklist)
        await pilot.press("enter", "down", "space", "right")
        assert app.focused is app.screen.query_one(Checklist)
        await pilot.press("enter")
    assert app.results == [SetupChoice("evening", ticked=frozenset({"music"}))]
