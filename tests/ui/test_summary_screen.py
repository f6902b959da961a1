"""The summary screen: ratings by single keys, the steps table's marks, literal text, small sizes."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rich.text import Text

from coach.engine.record import SessionRecord, StepRecord
from coach.ui.choices import Ratings
from coach.ui.screens.summary import SummaryScreen, facts_text, feet_text
from coach.ui.widgets.choice_row import FORWARD
from coach.ui.widgets.ratings import RatingPanel
from coach.ui.widgets.steps_table import StepsTable
from coach.wording import clock, minutes
from tests.setup_summary_fixtures import EVENING, LITERAL, Host, record, screen_text


async def rate(keys: list[str], size: tuple[int, int] = (80, 24)) -> Host:
    """Open the summary, press ``keys``, and return the host holding what it dismissed with."""
    app = Host(SummaryScreen(record(), EVENING))
    async with app.run_test(size=size) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
    return app


@pytest.mark.parametrize(
    ("keys", "ratings"),
    [
        (["enter"], Ratings(None, None)),
        (["4", "enter"], Ratings(4, None)),
        (["4", "2", "enter"], Ratings(4, 2)),
        (["3", "up", "5", "enter"], Ratings(5, None)),  # back to the first question, re-rated
        (["2", "5", "1", "enter"], Ratings(2, 1)),  # the last question stays current
        (["down", "3", "enter"], Ratings(None, 3)),
        (["6", "0", "9", "enter"], Ratings(None, None)),  # only 1-5 rate
        (["5", "4", "q"], Ratings(5, 4)),  # q is done too, keeping the ratings
    ],
)
async def test_ratings_by_single_keys(keys: list[str], ratings: Ratings) -> None:
    app = await rate(keys)
    assert app.results == [ratings]


async def test_the_chosen_value_is_shown_in_words() -> None:
    app = Host(SummaryScreen(record(), EVENING))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "2")
        text = screen_text(app)
        assert "Relaxed  1   2   3   4   5   quite" in text
        assert f"{FORWARD} Sleepy   1   2   3   4   5   a little" in text


async def test_a_click_on_a_number_rates_that_question() -> None:
    app = Host(SummaryScreen(record(), EVENING))
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.screen.query_one(RatingPanel)
        # Second line (sleepy), the fourth number: columns start after the label, 4 cells each.
        assert await pilot.click(panel, offset=(2 + 10 + 3 * 4 + 1, 2))
        assert panel.ratings == Ratings(None, 4)
        await pilot.press("enter")
    assert app.results == [Ratings(None, 4)]


async def test_steps_table_marks_skipped_and_cut_short() -> None:
    app = Host(SummaryScreen(record(), EVENING))
    async with app.run_test(size=(80, 24)):
        table = app.screen.query_one(StepsTable)
        rows = [[cell.plain for cell in table.get_row_at(i)] for i in range(table.row_count)]
    assert rows == [
        ["left", "Gliding strokes", "1:30", "1:32", "✓"],
        ["", "Arch circles", "1:15", "0:12", "skipped"],
        ["", "Closing strokes", "0:45", "0:45", "✓"],
        ["right", "Gliding strokes", "1:30", "1:00", "cut short"],
        ["", "Arch circles", "1:15", "1:15", "✓"],
        ["", "Closing strokes", "0:45", "0:00", "skipped"],
    ]


async def test_outcome_times_and_benefits_are_shown() -> None:
    app = Host(SummaryScreen(record(), EVENING))
    async with app.run_test(size=(120, 40)):
        text = screen_text(app)
    assert "Ended early: Evening calm" in text
    facts = "Left foot done, right partly done · massage 5:34 of 7:50 planned · paused 1:05 · 22:10-22:16"
    assert facts in text
    assert "· Stress reduction" in text
    assert "· Better sleep" in text


async def test_text_from_the_routines_file_is_literal() -> None:
    steps = (StepRecord("x", "[b]x", "left", 60, 60),)
    odd = replace(record(finished=True), routine_name=LITERAL.name, feet=("left",), steps=steps)
    app = Host(SummaryScreen(odd, LITERAL))
    async with app.run_test(size=(80, 24)):
        text = screen_text(app)
        cell = app.screen.query_one(StepsTable).get_row_at(0)[1]
    assert "Finished: [bold]Odd[/bold] routine" in text
    assert "[i]not italic[/i]" in text
    assert isinstance(cell, Text)
    assert cell.plain == "[b]x"
    assert "[b]x" in text


async def test_h_opens_history_and_page_keys_do_not_dismiss() -> None:
    app = await rate(["h", "pagedown", "pageup"])
    assert app.history_opened == 1
    assert app.results == []


async def test_no_benefits_panel_when_the_routine_has_none() -> None:
    app = Host(SummaryScreen(record(), replace(EVENING, benefits=())))
    async with app.run_test(size=(80, 24)):
        assert not app.screen.query("#benefits")


async def test_small_terminals_drop_the_benefits_and_shorten_the_table() -> None:
    app = Host(SummaryScreen(record(), EVENING))
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert app.screen.has_class("-narrow")
        assert app.screen.has_class("-short")
        assert not app.screen.query_one("#benefits").display
        table = app.screen.query_one(StepsTable)
        assert [c.label.plain for c in table.ordered_columns] == ["", "Step", "Plan", "Did", ""]
        assert table.get_row_at(1)[4].plain == "skip"
        assert "Relaxed" in screen_text(app)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert [c.label.plain for c in table.ordered_columns] == ["Foot", "Step", "Planned", "Actual", ""]
        assert app.screen.query_one("#benefits").display


async def test_tiny_terminal_and_resizes_do_not_crash() -> None:
    app = Host(SummaryScreen(record(), EVENING))
    async with app.run_test(size=(10, 5)) as pilot:
        await pilot.press("3", "pagedown")
        for size in ((80, 24), (12, 6), (40, 12)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
        await pilot.press("4", "enter")
    assert app.results == [Ratings(3, 4)]


def test_feet_text() -> None:
    assert feet_text(record(finished=True)) == "Both feet done"
    assert feet_text(record()) == "Left foot done, right partly done"  # its last step not reached
    steps = tuple(replace(s, actual=0.0, skipped=True) if s.foot == "right" else s for s in record().steps)
    assert feet_text(replace(record(), steps=steps)) == "Left foot done, right not reached"
    assert feet_text(replace(record(), steps=())) == "Left foot not reached, right not reached"
    assert feet_text(replace(record(), feet=())) == "No foot done"
    one: SessionRecord = replace(record(), feet=("right",), steps=record().steps[3:])
    assert feet_text(one) == "Right foot partly done"
    finished = record(finished=True)
    assert feet_text(replace(finished, feet=("right",), steps=finished.steps[3:])) == "Right foot done"


def test_facts_text_and_time_words() -> None:
    assert facts_text(record(finished=True)).startswith("Both feet done · massage 6:19 of 7:50 planned")
    assert clock(0) == "0:00"
    assert clock(-3) == "0:00"
    assert clock(float("nan")) == "0:00"
    assert clock(59.6) == "1:00"
    assert clock(3725) == "1:02:05"
    assert minutes(40) == "40 s"
    assert minutes(12.4 * 60) == "12 min"
