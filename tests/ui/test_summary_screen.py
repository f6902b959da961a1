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


async def test_steps_table_marks_skipped_shortened_and_not_reached() -> None:
    app = Host(SummaryScreen(record(), EVENING))
    async with app.run_test(size=(80, 24)):
        table = app.screen.query_one(StepsTable)
        rows = [[cell.plain for cell in table.get_row_at(i)] for i in range(table.row_count)]
    assert rows == [
        ["left", "Gliding strokes", "1:30", "1:32", "✓"],
        ["", "Arch circles", "1:15", "0:12", "skipped"],
        ["", "Closing strokes", "0:45", "0:45", "✓"],
        ["right", "Gliding strokes", "1:30", "1:00", "shortened"],
        ["", "Arch circles", "1:15", "1:15", "✓"],
        ["", "Closing strokes", "0:45", "0:00", "not reached"],
    ]


async def test_outcome_times_and_benefits_are_shown() -> None:
    app = Host(SummaryScreen(record(), EVENING))
    async with app.run_test(size=(120, 40)):
        text = screen_text(app)
    assert "Ended early: Evening calm" in text
    assert "Left foot partly done (2 of 3 steps), right foot partly done (1 of 3 steps)" in text
    # Massage counts the steps only: the lead-in (20 s) and the towel change (30 s) are apart.
    assert "22:10-22:16 · massage 4:44 of 7:00 · lead-in and towel 0:50 · paused 1:05" in text
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


def all_done(rec: SessionRecord) -> SessionRecord:
    steps = tuple(replace(s, status="done", skipped=False, cut_short=False) for s in rec.steps)
    return replace(rec, steps=steps)


def test_feet_text() -> None:
    assert feet_text(all_done(record(finished=True))) == "Both feet done"
    # A foot with a skipped step is not done, however the session ended.
    assert feet_text(record(finished=True)) == (
        "Left foot partly done (2 of 3 steps), right foot partly done (2 of 3 steps)"
    )
    assert feet_text(record()) == (
        "Left foot partly done (2 of 3 steps), right foot partly done (1 of 3 steps)"
    )
    steps = tuple(
        replace(s, actual=0.0, status="not_reached") if s.foot == "right" else s for s in record().steps
    )
    assert feet_text(replace(record(), steps=steps)) == (
        "Left foot partly done (2 of 3 steps), right foot not done"
    )
    assert feet_text(replace(record(), steps=())) == "Left foot not done, right foot not done"
    assert feet_text(replace(record(), feet=())) == "No foot done"
    one: SessionRecord = replace(record(), feet=("right",), steps=record().steps[3:])
    assert feet_text(one) == "Right foot partly done (1 of 3 steps)"
    finished = all_done(record(finished=True))
    assert feet_text(replace(finished, feet=("right",), steps=finished.steps[3:])) == "Right foot done"


def test_a_first_format_record_is_read_honestly() -> None:
    # No status: skipped and cut short as kept, and a step played under half its plan is shortened.
    steps = (StepRecord("a", "A", "left", 60, 60), StepRecord("b", "B", "left", 45, 11),
             StepRecord("c", "C", "left", 30, 0, skipped=True))
    old = replace(record(), feet=("left",), steps=steps)
    assert [s.state for s in old.steps] == ["done", "shortened", "skipped"]
    assert feet_text(old) == "Left foot partly done (1 of 3 steps)"


def test_facts_text_and_time_words() -> None:
    lines = facts_text(all_done(record(finished=True))).split("\n")
    assert lines[0] == "Both feet done"
    assert lines[1] == "22:10-22:17 · massage 5:29 of 7:00 · lead-in and towel 0:50 · paused 1:05"
    assert len(lines) == 2
    brief = tuple(replace(s, actual=10.0) for s in record().steps)
    short = replace(record(), steps=brief, left_out=("Extra",))
    assert facts_text(short).split("\n")[2] == (
        "Under 3 min of massage: kept in your history, not counted for nights in a row. "
        "Left out to fit the length: Extra."
    )
    assert clock(0) == "0:00"
    assert clock(-3) == "0:00"
    assert clock(float("nan")) == "0:00"
    assert clock(59.6) == "1:00"
    assert clock(3725) == "1:02:05"
    assert minutes(40) == "40 s"
    assert minutes(12.4 * 60) == "12 min"
