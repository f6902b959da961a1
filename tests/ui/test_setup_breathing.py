"""The breathing choice: b cycles the routine's own and every pattern, named with its pacing; the app
plays it, remembers it and offers it again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from coach.routines import BreathingPattern
from coach.settings import Settings, load_settings, save_settings
from coach.ui.app import CoachApp
from coach.ui.choices import SetupChoice
from coach.ui.screens.setup import text as words
from coach.ui.screens.setup.screen import SetupScreen
from coach.ui.screens.setup.session_panel import SessionPanel
from tests.app_helpers import start
from tests.engine_helpers import CALM as MINI_CALM
from tests.engine_helpers import FOUR_SEVEN_EIGHT
from tests.setup_summary_fixtures import CALM, EVENING, LIBRARY, Host, row_offset, screen_text

AppFactory = Callable[..., CoachApp]

BOX = BreathingPattern("box", "Box breath", 4, 4, 4, 4)
SLOW = BreathingPattern("slow", "Slow breath", 5.5, 0, 5.5, 0)
PATTERNS = replace(LIBRARY, breathing={"calm": CALM, "box": BOX, "slow": SLOW})


def test_pacing_reads_each_count_and_leaves_out_zero_holds() -> None:
    assert words.pacing(FOUR_SEVEN_EIGHT) == "4 in · 7 hold · 8 out"
    assert words.pacing(BOX) == "4 in · 4 hold · 4 out · 4 rest"
    assert words.pacing(SLOW) == "5.5 in · 5.5 out"


def test_next_breathing_cycles_own_then_each_pattern_in_file_order() -> None:
    seen = [None]
    for _ in range(4):
        seen.append(words.next_breathing(PATTERNS, seen[-1]))
    assert seen == [None, "calm", "box", "slow", None]
    assert words.next_breathing(PATTERNS, None, -1) == "slow"
    assert words.next_breathing(PATTERNS, "gone") == "calm"  # an unknown one starts from the routine's own


def test_breathing_view_names_the_routines_own_pattern() -> None:
    assert words.breathing_view(PATTERNS, EVENING, None) == ("Routine's own", "4 in · 6 out")
    assert words.breathing_view(PATTERNS, EVENING, "box") == ("Box breath", "4 in · 4 hold · 4 out · 4 rest")
    stepped = replace(EVENING, steps=(replace(EVENING.steps[0], breathing="box"), *EVENING.steps[1:]))
    assert words.breathing_view(PATTERNS, stepped, None)[1] == "4 in · 6 out, steps vary"


async def test_b_cycles_the_breathing_row_and_enter_hands_it_back() -> None:
    app = Host(SetupScreen(PATTERNS, SetupChoice("evening")))
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.screen.query_one(SessionPanel)
        assert panel.value("breathing") == "Routine's own"
        await pilot.press("b", "b")
        assert panel.value("breathing") == "Box breath"
        assert "4 in · 4 hold · 4 out · 4" in screen_text(app)  # the rest wraps at 80 columns
        await pilot.click(panel, offset=row_offset(panel, "breathing"))
        assert panel.value("breathing") == "Slow breath"
        await pilot.press("enter")
    (choice,) = app.results
    assert isinstance(choice, SetupChoice) and choice.breathing == "slow"


async def test_a_prefilled_breathing_is_kept_and_an_unknown_one_dropped() -> None:
    for prefill, expected in (("box", "box"), ("gone", None)):
        app = Host(SetupScreen(PATTERNS, SetupChoice("evening", breathing=prefill)))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter")
        (choice,) = app.results
        assert isinstance(choice, SetupChoice) and choice.breathing == expected


async def test_the_app_plays_the_chosen_breathing_and_remembers_it(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b", "b")  # routine's own -> calm -> 4-7-8
        player = await start(pilot)
        assert {s.breathing for s in player.session.plan.segments} == {FOUR_SEVEN_EIGHT}
    assert load_settings(tmp_path).settings.breathing == "478"


async def test_a_remembered_breathing_prefills_the_setup(make_app: AppFactory, tmp_path: Path) -> None:
    save_settings(tmp_path, Settings(breathing="calm"))
    app = make_app()
    assert app.last_choice.breathing == "calm"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(SessionPanel).value("breathing") == "Calm"
        player = await start(pilot)
        assert {s.breathing for s in player.session.plan.segments} == {MINI_CALM}
    save_settings(tmp_path, Settings(breathing="no-such-pattern"))
    assert make_app().last_choice.breathing is None
