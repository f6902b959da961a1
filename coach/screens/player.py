"""The step player: follows a :class:`~coach.engine.Session` and turns single key presses into commands.

Timing: the session is the only clock. A one-shot timer wakes exactly at the session's next deadline
(segment end, hold release, "next" announcement...) and calls :meth:`Session.update`; other wake-ups
only redraw, at the rate the eye needs: when a shown second changes, and a few times a second while the
breathing bar moves. Nothing on screen is laid out again per tick; widgets repaint only on a change.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer

from coach.engine import Session, SessionState
from coach.engine.events import duration_words
from coach.engine.record import SessionRecord
from coach.screens.confirm import ConfirmScreen
from coach.screens.help import COMMON_NOTE, HelpScreen, help_rows
from coach.screens.player_timing import DEADLINE_SLACK, RING_ON, frame_delay
from coach.screens.player_view import PlayerView

HELP_NOTE = f"Time stands still while this help is open. {COMMON_NOTE}"


class PlayerScreen(Screen[SessionRecord]):
    """Plays a session: the step, its foot and zone, a big countdown, counters, breathing and progress.

    Dismisses with the :class:`SessionRecord` when the session ends or the user quits (after a y/n).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "pause", "Pause", key_display="Space", tooltip="Pause: time stops"),
        Binding("space", "resume", "Resume", key_display="Space", tooltip="Go on from where you paused"),
        Binding("n,right,pagedown", "next", "Next", key_display="n", tooltip="Skip to the next part"),
        Binding("p,left,pageup", "back", "Back", key_display="p",
                tooltip="Back to this part's start (twice: the part before)"),
        Binding("r", "restart", "Restart", tooltip="This part again from its start"),
        Binding("plus,equals_sign", "longer", "15s", key_display="+/-",
                tooltip="15 seconds more on this part"),
        Binding("minus", "shorter", "-15s", key_display="-",
                tooltip="15 seconds less on this part", show=False),
        Binding("m", "mute", "Mute", tooltip="Turn the chime off"),
        Binding("m", "unmute", "Chime", tooltip="Turn the chime on"),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="These keys"),
        Binding("q,escape", "quit_session", "Quit", key_display="q",
                tooltip="End the session (asks first; keeps what was done)"),
    ]
    """One key each, never a chord: oily hands. Right/Left and PageDown/PageUp suit presentation clickers."""

    def __init__(
        self,
        session: Session,
        *,
        clock: Callable[[], float] = time.monotonic,
        reduced_motion: bool = False,
    ) -> None:
        """``clock`` must be the session's clock: deadlines are read on it."""
        super().__init__()
        self.session = session
        self._clock = clock
        self.reduced_motion = reduced_motion
        self._deadline_timer: Timer | None = None
        self._frame_timer: Timer | None = None
        self._ended = False
        self._last_seen = clock()
        self._stopped_at: float | None = None
        self._stopped_playing = False
        self._notice = ""
        """What the screen itself has to say while paused (the time coach was stopped); gone on resume."""

    # -- layout -----------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """What the player shows, and the keys in the footer."""
        yield PlayerView(self.session.plan, reduced_motion=self.reduced_motion, id="player")
        # Ctrl+P (themes) is in the help; the footer's room goes to the keys used with oily hands.
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        """Start the session and listen for the app being put aside (Ctrl+Z) and brought back."""
        # Immediate: the time must be taken before the process stops, not after it comes back.
        self.app.app_suspend_signal.subscribe(self, self._on_app_suspend, immediate=True)
        self.app.app_resume_signal.subscribe(self, self._on_app_resume)
        self._command(self.session.start)

    def on_resize(self, event: events.Resize) -> None:
        """Drop extras on small terminals through classes the stylesheet reads."""
        width, height = event.size
        self.set_class(width < 70, "-narrow")
        self.set_class(height < 20, "-short")
        self.set_class(height < 14 or width < 40, "-tiny")
        self.set_class(height >= 32, "-tall")

    # -- the clock --------------------------------------------------------------------------------
    def tick(self) -> None:
        """Advance the session by its clock, sound and show what happened, and plan the next wake-up.

        The deadline timer calls this; tests with a fake clock call it after moving the clock.
        """
        self._advance(chime=True)

    def _advance(self, chime: bool) -> None:
        if self._ended:
            return
        happened = self.session.update()
        self._last_seen = self._clock()
        kinds = {event.kind for event in happened}
        if chime and kinds & RING_ON and self.chime_on:
            self.app.bell()
        if "session_finished" in kinds:
            self._end()
            return
        state = self.session.state()
        self._draw(state, full=True)
        self._schedule_deadline()
        self._schedule_frame(state)
        if kinds & {"paused", "resumed", "suspended", "segment_started"}:
            self.refresh_bindings()

    def _on_deadline(self) -> None:
        self._deadline_timer = None
        self.tick()

    def _on_frame(self) -> None:
        self._frame_timer = None
        if self._ended:
            return
        state = self.session.state()
        self._last_seen = self._clock()
        self._draw(state, full=False)
        self._schedule_frame(state)

    def _schedule_deadline(self) -> None:
        if self._deadline_timer is not None:
            self._deadline_timer.stop()
            self._deadline_timer = None
        deadline = self.session.next_deadline()
        if deadline is not None:
            delay = max(0.0, deadline - self._clock()) + DEADLINE_SLACK
            self._deadline_timer = self.set_timer(delay, self._on_deadline, name="deadline")

    def _schedule_frame(self, state: SessionState) -> None:
        if self._frame_timer is not None:
            self._frame_timer.stop()
            self._frame_timer = None
        if state.started and not state.paused and not state.finished:
            self._frame_timer = self.set_timer(self.frame_delay(state), self._on_frame, name="frame")

    def frame_delay(self, state: SessionState) -> float:
        """Seconds until anything shown changes (the breathing bar counts unless motion is reduced)."""
        return frame_delay(state, animate=not self.reduced_motion)

    def _draw(self, state: SessionState, full: bool) -> None:
        if not state.paused:
            self._notice = ""
        self.set_class(state.paused, "-paused")
        self.query_one(PlayerView).show(state, full, notice=state.notice or self._notice)

    # -- commands ---------------------------------------------------------------------------------
    def _command(self, command: Callable[[], None]) -> None:
        if not self._ended:
            command()
            self._advance(chime=False)
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show Pause or Resume, and Mute or Chime, whichever applies now."""
        state = self.session.state() if self.is_mounted else None
        playing = state is not None and state.started and not state.paused and not state.finished
        if action == "pause":
            return playing
        if action == "resume":
            return state is not None and state.paused
        if action == "mute":
            return self.chime_on
        if action == "unmute":
            return not self.chime_on
        return True

    def action_pause(self) -> None:
        """Stop the time."""
        self._command(self.session.pause)

    def action_resume(self) -> None:
        """Let the time run again."""
        self._command(self.session.resume)

    def action_next(self) -> None:
        """Skip to the next part (the last part's skip ends the session)."""
        self._command(self.session.next)

    def action_back(self) -> None:
        """Back to this part's start, or to the part before within its first seconds."""
        self._command(self.session.previous)

    def action_restart(self) -> None:
        """This part again from the start."""
        self._command(self.session.restart_segment)

    def action_longer(self) -> None:
        """15 seconds more on this part."""
        self._command(lambda: self.session.adjust(15))

    def action_shorter(self) -> None:
        """15 seconds less on this part (never less than a second left)."""
        self._command(lambda: self.session.adjust(-15))

    async def action_mute(self) -> None:
        """Turn the chime off."""
        await self.app.run_action("toggle_chime")
        self.refresh_bindings()

    async def action_unmute(self) -> None:
        """Turn the chime on."""
        await self.action_mute()

    def action_help(self) -> None:
        """The keys, while the time stands still."""
        rows = help_rows(self)
        resume = self._hold_for_modal()
        self.app.push_screen(HelpScreen(rows, HELP_NOTE), lambda _: self._after_modal(resume))

    def action_quit_session(self) -> None:
        """Ask once whether to end; time stands still while asked. Yes records what was done."""
        resume = self._hold_for_modal()

        def answered(yes: bool | None) -> None:
            if yes:
                self._end()
            else:
                self._after_modal(resume)

        question = ConfirmScreen("End the session now?", "y or Enter: end it, keeping what was done\n"
                                 "n or Esc: go on")
        self.app.push_screen(question, answered)

    def _hold_for_modal(self) -> bool:
        """Pause while a question or the help is up; True when the session was playing."""
        state = self.session.state()
        playing = state.started and not state.paused and not state.finished
        if playing:
            self._command(self.session.pause)
        return playing

    def _after_modal(self, resume: bool) -> None:
        if resume:
            self._command(self.session.resume)

    def stop(self) -> SessionRecord | None:
        """End the session here and now, staying on screen: its record, or None if it had ended already."""
        if self._ended:
            return None
        self._ended = True
        for timer in (self._deadline_timer, self._frame_timer):
            if timer is not None:
                timer.stop()
        self.session.finish()
        return self.session.record()

    def _end(self) -> None:
        """Finish and hand the record back."""
        record = self.stop()
        if record is not None:
            self.dismiss(record)

    # -- chime and suspend ------------------------------------------------------------------------
    @property
    def chime_on(self) -> bool:
        """Whether the app's chime is on (the app owns the setting; ``m`` toggles it)."""
        return bool(getattr(self.app, "chime", True))

    def _on_app_suspend(self, _app: object) -> None:
        """Ctrl+Z, called at once while coach is still on screen: stop the time before the process stops.

        Pausing here, not on the way back, means no timer due while stopped can count the time away.
        """
        self._stopped_at = self._clock()
        state = self.session.state()
        self._stopped_playing = state.started and not state.paused and not state.finished
        if self._stopped_playing:
            self._command(self.session.pause)

    def _on_app_resume(self, _app: object) -> None:
        """Back from Ctrl+Z: the session stays paused, and says for how long coach was stopped."""
        if self._ended:
            return
        if self._stopped_at is None:
            # Stopped without the app knowing (a signal from outside): the engine takes the gap back.
            self.session.note_suspend(max(0.0, self._clock() - self._last_seen))
        elif self._stopped_playing:
            away = max(0.0, self._clock() - self._stopped_at)
            self._notice = f"Paused while coach was stopped ({duration_words(away)})."
        self._stopped_at, self._stopped_playing = None, False
        self._advance(chime=False)
        self.refresh_bindings()
