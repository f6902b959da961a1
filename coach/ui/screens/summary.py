"""The summary screen: how the session went, what it aimed at, and two quick ratings.

Number keys rate (relaxed, then sleepy), Enter is done: it dismisses :class:`coach.ui.choices.Ratings`.
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

from coach.engine.record import SessionRecord
from coach.history.stats import STREAK_MIN_SECONDS
from coach.routines import Routine
from coach.ui.choices import Ratings
from coach.ui.styles import stylesheet
from coach.ui.widgets.bullets import bullets
from coach.ui.widgets.ratings import RatingPanel
from coach.ui.widgets.steps_table import StepsTable
from coach.wording import clock, minutes

NARROW = 60
SHORT = 20


class DoneLine(Static):
    """The line that says how to finish; a click finishes too."""

    async def on_click(self, event: Click) -> None:
        """Finish, as Enter does."""
        event.stop()
        await self.run_action("screen.done")


def feet_text(record: SessionRecord) -> str:
    """How far each foot got: "Both feet done", "Left foot done, right foot partly done (3 of 7 steps)".

    A foot is done only when every one of its steps was played to its minimum (see
    :mod:`coach.engine.record`).
    """
    states = [record.foot_status(foot) for foot in record.feet]
    if len(states) == 2 and all(state.state == "done" for state in states):
        return "Both feet done"
    words = [f"{state.foot} foot {state.text}" for state in states]
    return ", ".join(words).capitalize() if words else "No foot done"


def facts_text(record: SessionRecord) -> str:
    """The feet; the clock times, massage time against the plan's, the lead-in and towel change and the
    pauses apart; then, when it applies, why the session makes no streak and what was left out."""
    times = f"{record.started_at:%H:%M}-{record.ended_at:%H:%M}"
    lines = [
        feet_text(record),
        f"{times} · massage {clock(record.massage_seconds)} of {clock(record.planned_massage_seconds)}"
        f" · lead-in and towel {clock(record.between_seconds)} · paused {clock(record.paused_seconds)}",
    ]
    notes = []
    if record.massage_seconds < STREAK_MIN_SECONDS:
        notes.append(f"Under {minutes(STREAK_MIN_SECONDS)} of massage: kept in your history, not counted "
                     "for nights in a row.")
    if record.left_out:
        notes.append("Left out to fit the length: " + "; ".join(record.left_out) + ".")
    if notes:
        lines.append(" ".join(notes))
    return "\n".join(lines)


class SummaryScreen(Screen[Ratings]):
    """Outcome, times, the steps table, the routine's benefits, and the ratings."""

    CSS_PATH = stylesheet("summary")
    """Read when this screen is first shown (see :mod:`coach.ui.styles`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority binding: a priority key runs as soon as it arrives, ahead of number keys typed
        # just before it and still queued, and those ratings would be lost.
        Binding("enter", "done", "Done", tooltip="Done: keep the ratings, back to the start"),
        Binding(
            "1", "rate(1)", "Rate", key_display="1-5",
            tooltip="Rate the current question, 1 not at all to 5 very, then the next question",
        ),
        # Help lists one row per action: the other numbers do the same, so they go without a description.
        *(Binding(str(n), f"rate({n})", "", show=False) for n in range(2, 6)),
        Binding("up", "question(-1)", "Question", key_display="↑↓", tooltip="The other question"),
        Binding("down", "question(1)", "Next question", show=False, tooltip="The other question"),
        Binding("h", "app.history", "History", tooltip="Past sessions"),
        Binding("question_mark", "app.help", "Help", tooltip="These keys"),
        Binding("q", "done", "Done", show=False),
        Binding("escape", "done", "Done", show=False),
        Binding("pageup", "scroll_steps(-1)", "Scroll up", show=False, tooltip="Scroll the steps up"),
        Binding("pagedown", "scroll_steps(1)", "Scroll down", show=False, tooltip="Scroll the steps down"),
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
        yield Static("PageDown: the rest of the steps", id="more-steps", markup=False)
        panel = RatingPanel(id="ratings")
        # In partner mode the massage was given: the feeling asked about is the partner's.
        panel.border_title = "How does your partner feel now?" if record.mode == "partner" \
            else "How do you feel now?"
        panel.border_subtitle = "1 not at all · 5 very"
        yield panel
        yield DoneLine(Content.assemble(("Enter", "bold $accent"), ("  Done", "bold")), id="done")
        yield Footer(compact=True, show_command_palette=False)

    def on_resize(self, event: Resize) -> None:
        """Drop extras on small terminals (CSS classes -narrow and -short)."""
        self.set_class(event.size.width < NARROW, "-narrow")
        self.set_class(event.size.height < SHORT, "-short")
        self.remove_class("-no-benefits")
        self.call_after_refresh(self._note_overflow)

    def _note_overflow(self) -> None:
        """When the steps and benefits do not all fit, the benefits go first (a panel cut in half would
        lose its border); if the steps alone still do not fit, a line says how to see the rest (there
        is no scrollbar)."""
        main = self.query_one("#summary-main", VerticalScroll)
        if main.max_scroll_y > 0 and self.routine.benefits and not self.has_class("-no-benefits"):
            self.add_class("-no-benefits")
            self.call_after_refresh(self._note_overflow)
            return
        self.set_class(main.max_scroll_y > 0, "-overflow")

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
        at_end = main.scroll_target_y >= main.max_scroll_y if pages > 0 else False
        self.query_one("#more-steps", Static).update(
            "PageUp: back to the first steps" if at_end else "PageDown: the rest of the steps"
        )
