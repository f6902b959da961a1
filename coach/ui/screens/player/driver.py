"""The player's engine room: keeps a :class:`~coach.engine.Session` moving on its own clock and draws it.

Timing: the session is the only clock. A one-shot timer wakes exactly at the session's next deadline
(segment end, hold release, "next" announcement...) and calls :meth:`Session.update`; other wake-ups
only redraw, at the rate the eye needs: when a shown second changes, and a few times a second while the
breathing bar moves. Nothing on screen is laid out again per tick; widgets repaint only on a change.

Resume after an interruption: when given a :class:`~coach.history.resume.SnapshotKeeper`, the driver
hands it the session at every change of part, pause and resume (written at once) and at redraws
(written only when the last snapshot is a few seconds old), so a killed coach can carry on where it was.

Ctrl+Z: the app's suspend signal (published while coach is still on screen) pauses the session at once,
so no timer that falls due while the process is stopped can count the time away.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.actions import parse
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer

from coach.awake.policy import AwakePolicy
from coach.engine import Event, Session, SessionState
from coach.engine.record import SessionRecord
from coach.history.resume import SnapshotKeeper
from coach.serve.channel import PageCueSink
from coach.serve.cues import page_cues
from coach.sound import SoundSystem
from coach.ui.screens.player.timing import CUE_SECONDS, DEADLINE_SLACK, RING_ON, frame_delay
from coach.ui.screens.player.view import PlayerView
from coach.ui.widgets.steady import SteadyLines
from coach.wording import duration_words

KEEP_AT_ONCE = frozenset({"segment_started", "paused", "resumed", "suspended", "foot_changed"})
"""Events after which the resume snapshot is written at once rather than when it is due."""


def action_of(binding: Binding) -> tuple[str, tuple[object, ...]]:
    """A binding's action name and parameters (``back(1)``: ``back``, ``(1,)``)."""
    _namespace, name, parameters = parse(binding.action)
    return name, parameters


class SessionDriver(Screen[SessionRecord], SteadyLines):
    """A screen that plays a session: wakes at its deadlines, redraws a :class:`PlayerView`, runs
    commands, stops the time for questions and Ctrl+Z, and dismisses with the record at the end."""

    def __init__(
        self,
        session: Session,
        *,
        clock: Callable[[], float] = time.monotonic,
        reduced_motion: bool = False,
        snapshots: SnapshotKeeper | None = None,
        sound: SoundSystem | None = None,
    ) -> None:
        """``clock`` must be the session's clock: deadlines are read on it. ``snapshots`` keeps
        the resume snapshot (None: no snapshot). ``sound`` speaks and chimes the session's events
        (without one, or when no player works, the terminal bell rings)."""
        super().__init__()
        self.session = session
        self.snapshots = snapshots
        self.sound = sound
        self._cue_timer: Timer | None = None
        self._clock = clock
        self.reduced_motion = reduced_motion
        self._deadline_timer: Timer | None = None
        self._frame_timer: Timer | None = None
        self._awake_timer: Timer | None = None
        self._ended = False
        self._last_seen = clock()
        self._stopped_at: float | None = None
        self._stopped_playing = False
        self._view: PlayerView | None = None
        self._keys_shown: tuple[bool | None, ...] | None = None
        self._notice = ""
        """What the screen itself has to say while paused (the time coach was stopped); gone on resume."""

    # -- the clock --------------------------------------------------------------------------------
    def tick(self) -> None:
        """Advance the session by its clock, sound and show what happened, and plan the next wake-up.

        The deadline timer calls this; tests with a fake clock call it after moving the clock.
        """
        self._advance(from_clock=True)

    def _advance(self, from_clock: bool) -> None:
        if self._ended:
            return
        happened = self.session.update()
        self._last_seen = self._clock()
        kinds = {event.kind for event in happened}
        if happened and self.sound_on:
            self._sound(happened, from_clock=from_clock)
        if "session_finished" in kinds:
            self._end()
            return
        if self.snapshots is not None:
            self.snapshots.note(self.session, force=bool(kinds & KEEP_AT_ONCE))
        state = self.session.state()
        self._keep_awake(state)
        self._draw(state, full=True)
        self._schedule_deadline()
        self._schedule_frame(state)
        if kinds & {"paused", "resumed", "suspended", "segment_started"}:
            self.refresh_keys()

    def _on_deadline(self) -> None:
        self._deadline_timer = None
        self.tick()

    def _on_frame(self) -> None:
        self._frame_timer = None
        if self._ended:
            return
        state = self.session.state()
        self._last_seen = self._clock()
        if self.snapshots is not None and self.snapshots.due():
            self.snapshots.note(self.session)
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
        """Seconds until anything shown changes (the breathing bar moves with the seconds)."""
        return frame_delay(state)

    def _draw(self, state: SessionState, full: bool) -> None:
        if not state.paused:
            self._notice = ""
        self.set_class(state.paused, "-paused")
        self.set_class(not self.sound_on, "-muted")  # a small "sound off" in the head
        if self._view is None:
            self._view = self.query_one(PlayerView)  # looked up once: this runs every second
        self._view.show(state, full, notice=state.notice or self._notice)

    # -- commands ---------------------------------------------------------------------------------
    def refresh_keys(self) -> None:
        """Have the footer show the keys that apply now, only when they changed.

        Textual's footer takes its keys down and builds them again on every ``refresh_bindings``: a
        restyle and a layout of the whole screen, once the largest cost of a part change. Which keys
        apply changes only with pausing, the sound and the width, not with every part.
        """
        shown = tuple(self.check_action(*action_of(binding)) for binding in self.BINDINGS
                      if isinstance(binding, Binding))
        if shown != self._keys_shown:
            self._keys_shown = shown
            self.refresh_bindings()

    def _command(self, command: Callable[[], None]) -> None:
        if not self._ended:
            command()
            self._advance(from_clock=False)
            self.refresh_keys()

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
        self._keep_awake(self.session.state())
        return self.session.record()

    def _keep_awake(self, state: SessionState) -> None:
        """Keep the screen on while the session plays; a long pause lets it sleep (see AwakePolicy)."""
        policy = getattr(self.app, "awake", None)
        if not isinstance(policy, AwakePolicy):
            return
        if self._awake_timer is not None:
            self._awake_timer.stop()
            self._awake_timer = None
        if self._ended or state.finished:
            policy.ended()
        elif state.paused:
            policy.paused()
            due = policy.due()
            if due is not None:
                self._awake_timer = self.set_timer(due + DEADLINE_SLACK, policy.check, name="awake")
        elif state.started:
            policy.playing()

    def _end(self) -> None:
        """Finish and hand the record back."""
        record = self.stop()
        if record is not None:
            self.dismiss(record)

    # -- sound and suspend ------------------------------------------------------------------------
    @property
    def sound_on(self) -> bool:
        """Whether the app's sound is on (the app owns the setting; ``m`` toggles it)."""
        return bool(getattr(self.app, "sound_on", True))

    def _sound(self, happened: list[Event], from_clock: bool) -> None:
        """Sound what happened. In a served session the browser page plays tones and words (the server
        itself stays silent); otherwise the sound layer speaks and chimes, and with none, or none that
        plays, the terminal bell (and the dim visual cue) marks the changes the clock made (never a key
        the user just pressed)."""
        page = getattr(self.app, "page", None)
        if isinstance(page, PageCueSink):
            for cue in page_cues(happened, self.session.plan, from_clock):
                page.cue(cue.tone, cue.words)
        elif self.sound is not None and not self.sound.fallback:
            self.sound.events(happened, self.session.plan)
        elif from_clock and {event.kind for event in happened} & RING_ON:
            self.app.bell()
            self.ring()

    def ring(self) -> None:
        """The visual cue for a change when no sound plays: the head dims to another shade for a moment,
        never a bright flash in a dark room.

        The class goes on the head itself, not on the screen: a class on the screen has Textual apply
        the styles of every widget on it again (tens of milliseconds, twice per cue)."""
        if self._cue_timer is not None:
            self._cue_timer.stop()
        self.query_one("#player-head").add_class("-cue")
        self._cue_timer = self.set_timer(CUE_SECONDS, self._end_cue, name="cue")

    @property
    def cue_shown(self) -> bool:
        """Whether the visual cue (the head's other shade) is showing now."""
        return self.query_one("#player-head").has_class("-cue")

    def _end_cue(self) -> None:
        self._cue_timer = None
        self.query_one("#player-head").remove_class("-cue")

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
        self._advance(from_clock=False)
        self.refresh_keys()
