"""What the player shows: the widget tree of the step player and how a session state is drawn on it.

Every update compares with what is already shown, so a redraw that changes nothing repaints nothing,
and the countdown and bars repaint only when their shown second changes.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from coach.engine import Plan, SessionState
from coach.ui.screens.player.text import (
    aligned_seconds,
    countdown_label,
    countdown_seconds,
    counter_lines,
    foot_label,
    next_line,
    step_label,
)
from coach.ui.screens.player.timing import bar_fullness
from coach.ui.widgets.breathing import BreathingCue
from coach.ui.widgets.countdown import Countdown
from coach.ui.widgets.counter import Counter
from coach.ui.widgets.footmap import FootMap
from coach.ui.widgets.line import Line
from coach.ui.widgets.progress import SessionProgress
from coach.ui.widgets.steady import SteadyHorizontal, SteadyLines, SteadyVertical
from coach.ui.widgets.words import Words
from coach.wording import whole_seconds


class PlayerView(SteadyVertical):
    """Banner, head (step, foot, "sound off"), body (the words, the countdown with the counter and breathing
    beside it), the foot map, the bars and what comes next. The screen around it sets ``-paused``,
    ``-muted`` and the size classes."""

    DEFAULT_CSS = """
    PlayerView {
        height: 1fr;
    }
    """

    def __init__(self, plan: Plan, *, reduced_motion: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.plan = plan
        self.reduced_motion = reduced_motion
        self._texts: dict[str, str] = {}
        self._second_key: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        """The widgets, each empty until the first :meth:`show`."""
        yield Banner(id="paused-banner", markup=False)
        with SteadyHorizontal(id="player-head"):
            yield Line(id="where")
            yield Line(id="foot")
            yield Banner("sound off", id="muted", markup=False)
        with SteadyHorizontal(id="player-main"):
            with SteadyVertical(id="player-body"):
                yield Words(id="words")
                with SteadyHorizontal(id="clock-row"):
                    yield Countdown("0:00", id="countdown")
                    with SteadyVertical(id="clock-side"):
                        yield Counter(id="counter")
                        yield BreathingCue(id="breathing")
            with SteadyVertical(id="map-column"):
                yield FootMap(id="footmap")
        yield SessionProgress(id="progress")
        yield Line(id="next")

    def on_mount(self) -> None:
        """Look the widgets up once (a frame runs several times a second); reduced motion keeps the
        breathing cue's words and drops its bar."""
        self._words = self.query_one(Words)
        self._next = self.query_one("#next", Line)
        self._foot = self.query_one("#foot", Line)
        self._foot_map = self.query_one(FootMap)
        self._breathing = self.query_one(BreathingCue)
        self._countdown = self.query_one(Countdown)
        self._counter = self.query_one(Counter)
        self._progress = self.query_one(SessionProgress)
        self._breathing.still = self.reduced_motion

    def show(self, state: SessionState, full: bool, notice: str = "") -> None:
        """Show ``state``; ``full`` after a command or deadline, else only what a frame can change.

        Between two shown seconds a frame can only move the breathing cue, so everything else is
        worked out again only when ``full`` or when the shown second (or pause, part, counter) changed.
        ``notice`` goes under the paused banner (why the session was paused, when it was not the user).
        """
        # No pacing while paused: a frozen "Breathe in" would be a wrong instruction.
        breath = None if state.paused else state.breath
        self._breathing.show(breath.word if breath else "", bar_fullness(breath))
        key = (state.index, whole_seconds(state.left), whole_seconds(state.hold_left), state.rep,
               state.hold_phase, state.hold_min_reached, state.paused, state.length, notice)
        if not full and key == self._second_key:
            return
        self._second_key = key
        segment = state.segment
        self._set_text("paused-banner", banner_text(state.paused, notice))
        self._set_text("where", step_label(self.plan, segment))
        self._set_text("foot", foot_label(self.plan, segment))
        # The lead-in's and the towel's titles ("Get ready", "Wrap in a towel") only repeat their cue.
        title = "" if segment.cue and not segment.is_step else segment.title
        self._words.show(title, segment.step_text, segment.text, segment.benefit, segment.cue)
        text, soon = next_line(self.plan, state)
        self._set_text("next", text)
        self._next.set_class(soon, "-soon")
        self._foot.set_class(segment.foot == "right", "-right")
        # The lead-in shows the first foot; the towel shows the foot just done.
        self._foot_map.foot = segment.foot or self.plan.feet[0]
        self._foot_map.zone = segment.zone
        self._countdown.show(countdown_seconds(state), countdown_label(state))
        self._counter.show(*counter_lines(state))
        self._progress.show(
            state.step_fraction, aligned_seconds(state, state.step_left),
            state.session_fraction, aligned_seconds(state, state.session_left),
        )

    def _set_text(self, widget_id: str, text: str) -> None:
        """Put ``text`` (shown literally) in a Static or Line, laying out again only when it changed."""
        if self._texts.get(widget_id) != text:
            self._texts[widget_id] = text
            widget = self.query_one(f"#{widget_id}")
            if isinstance(widget, Line):
                widget.update(text)
            elif isinstance(widget, Static):
                widget.update(Text(text))


class Banner(Static, SteadyLines):
    """A :class:`~textual.widgets.Static` that keeps its lines between frames (see :class:`SteadyLines`)."""


def banner_text(paused: bool, notice: str = "") -> str:
    """The words of the paused banner (hidden while playing), with the notice if any."""
    if not paused:
        return ""
    banner = "PAUSED  ·  Space to go on"
    return f"{banner}\n{notice}" if notice else banner
