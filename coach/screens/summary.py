"""The summary screen: how the session went, what it aimed at, and two quick ratings.

Number keys rate (relaxed, then sleepy), Enter is done: it dismisses :class:`coach.choices.Ratings`.
Names and benefits come from the routines file and are shown literally.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.events import Click, Resize
from textual.screen import Screen
from textual.widgets import Footer, Static

from coach.choices import Ratings
from coach.engine.record import SessionRecord
from coach.routines import Foot, Routine
from coach.widgets.bullets import bullets
from coach.widgets.ratings import RatingPanel
from coach.widgets.steps_table import StepsTable
from coach.widgets.timefmt import clock

NARROW = 60
SHORT = 20


class DoneLine(Static):
    """The line that says how to finish; a click finishes too."""

    async def on_click(self, event: Click) -> None:
        """Finish, as Enter does."""
        event.stop()
        await self.run_action("screen.done")


def feet_done(record: SessionRecord) -> tuple[tuple[Foot, ...], tuple[Foot, ...]]:
    """The feet that were worked (some step played, not skipped) and those never reached."""
    played = {s.foot for s in record.steps if not s.skipped and s.actual > 0}
    worked = tuple(foot for foot in record.feet if foot in played)
    return worked, tuple(foot for foot in record.feet if foot not in worked)


def feet_text(record: SessionRecord) -> str:
    """Which feet were done: "Both feet done", "Left foot done, right not reached", "No foot done"."""
    worked, missed = feet_done(record)
    if not worked:
        return "No foot done"
    done = "Both feet done" if len(worked) == 2 else f"{worked[0].capitalize()} foot done"
    return done + (f", {missed[0]} not reached" if missed else "")


def facts_text(record: SessionRecord) -> str:
    """Feet done, massage time against the plan, paused time and the clock times."""
    times = f"{record.started_at:%H:%M}-{record.ended_at:%H:%M}"
    return (
        f"{feet_text(record)} · massage {clock(record.actual_seconds)} of {clock(record.planned_seconds)}"
        f" planned · paused {clock(record.paused_seconds)} · {times}"
    )


class SummaryScreen(Screen[Ratings]):
    """Outcome, times, the steps table, the routine's benefits, and the ratings."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "done", "Done", priority=True),
        Binding("1", "rate(1)", "Rate", key_display="1-5"),
        *(Binding(str(n), f"rate({n})", f"Rate {n}", show=False) for n in range(2, 6)),
        Binding("up", "question(-1)", "Question", key_display="↑↓"),
        Binding("down", "question(1)", "Next question", show=False),
        Binding("h", "app.history", "History"),
        Binding("q", "done", "Done", show=False),
        Binding("escape", "done", "Done", show=False),
        Binding("pageup", "scroll_steps(-1)", "Scroll up", show=False),
        Binding("pagedown", "scroll_steps(1)", "Scroll down", show=False),
    ]
    """1-5 rate the current question and move on, Up/Down pick the question, Enter finishes."""

    def __init__(self, record: SessionRecord, routine: Routine) -> None:
        super().__init__()
        self.record = record
        self.routine = routine

    @property
    def ratings(self) -> Ratings:
        """The ratings given so far."""
        return self.query_one(RatingPanel).ratings

    def compose(self) -> ComposeResult:
        """Title, facts, the steps table, benefits, ratings, the done line and the footer."""
        record = self.record
        outcome = "Finished" if record.finished else "Ended early"
        title = Content.assemble((f"{outcome}: ", "bold"), (record.routine_name, "bold"))
        yield Static(title, id="summary-title")
        yield Static(facts_text(record), id="summary-facts", markup=False)
        with VerticalScroll(id="summary-main", can_focus=False):
            yield StepsTable(record.steps, id="steps")
            if self.routine.benefits:
                benefits = Static(bullets(self.routine.benefits), id="benefits")
                benefits.border_title = "What this routine aims at"
                yield benefits
        panel = RatingPanel(id="ratings")
        panel.border_title = "How do you feel now?"
        panel.border_subtitle = "1 not at all · 5 very"
        yield panel
        yield DoneLine(Content.assemble(("Enter", "bold $accent"), ("  Done", "bold")), id="done")
        yield Footer(compact=True, show_command_palette=False)

    def on_resize(self, event: Resize) -> None:
        """Drop extras on small terminals (CSS classes -narrow and -short)."""
        self.set_class(event.size.width < NARROW, "-narrow")
        self.set_class(event.size.height < SHORT, "-short")

    def action_done(self) -> None:
        """Hand the ratings to the app."""
        self.dismiss(self.ratings)

    def action_rate(self, value: int) -> None:
        """Rate the current question ``value`` and move to the next."""
        self.query_one(RatingPanel).rate(value)

    def action_question(self, delta: int) -> None:
        """Make the other question current."""
        self.query_one(RatingPanel).move(delta)

    def action_scroll_steps(self, pages: int) -> None:
        """Scroll the steps and benefits by a page."""
        main = self.query_one("#summary-main", VerticalScroll)
        if pages < 0:
            main.scroll_page_up(animate=False)
        else:
            main.scroll_page_down(animate=False)
