"""The step player: the screen a session is played on, and the single key presses that steer it.

How time is kept and drawn is :mod:`coach.ui.screens.player.driver`'s; the keys are listed in
:mod:`coach.ui.screens.player.keys`; what is shown is :mod:`coach.ui.screens.player.view`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Footer

from coach.ui.screens.confirm import ConfirmScreen
from coach.ui.screens.help import COMMON_NOTE, HelpScreen, help_rows
from coach.ui.screens.player.driver import SessionDriver
from coach.ui.screens.player.keys import (
    BINDINGS,
    END_DETAIL,
    LAST_PART_QUESTION,
    LAST_STEP_QUESTION,
    wide_variant_enabled,
)
from coach.ui.screens.player.view import PlayerView
from coach.ui.styles import stylesheet
from coach.ui.widgets.steady import SteadyLines
from coach.ui.widgets.words import Words

HELP_NOTE = f"Time stands still while this help is open. {COMMON_NOTE}"


class SteadyFooter(Footer, SteadyLines):
    """The footer, handing each frame the lines it drew last (see :class:`SteadyLines`): as a child of
    the screen it is asked for them whenever anything on the player changes."""


class PlayerScreen(SessionDriver):
    """Plays a session: the step, its foot and zone, a big countdown, counters, breathing and progress.

    Dismisses with the :class:`SessionRecord` when the session ends or the user quits (after a y/n).
    """

    CSS_PATH = stylesheet("player")
    """Read when this screen is first shown (see :mod:`coach.ui.styles`)."""

    BINDINGS: ClassVar[list[BindingType]] = BINDINGS
    """One key each, never a chord: oily hands (see :mod:`coach.ui.screens.player.keys`)."""

    _footer_width = 0
    """The width the footer's keys were chosen for (see :data:`WIDE_FOOTER`)."""

    # -- layout -----------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """What the player shows, and the keys in the footer."""
        yield PlayerView(self.session.plan, reduced_motion=self.reduced_motion, id="player")
        # Ctrl+P (themes) is in the help; the footer's room goes to the keys used with oily hands.
        yield SteadyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        """Start the session and listen for the app being put aside (Ctrl+Z) and brought back."""
        # Immediate: the time must be taken before the process stops, not after it comes back.
        self.app.app_suspend_signal.subscribe(self, self._on_app_suspend, immediate=True)
        self.app.app_resume_signal.subscribe(self, self._on_app_resume)
        self._command(self.session.start)

    def on_resize(self, event: events.Resize) -> None:
        """Drop extras on small terminals through classes the stylesheet reads."""
        width, height = event.size
        self._footer_width = width
        self.refresh_keys()  # the footer may have room for more keys, or less
        self.set_class(width < 70, "-narrow")
        self.set_class(height < 20, "-short")
        self.set_class(height < 14 or width < 40, "-tiny")
        self.set_class(height >= 32, "-tall")
        # The benefit is the first of the words to go: shown from 70x20 up (so at 80x24).
        self.query_one(Words).show_benefit = width >= 70 and height >= 20

    # -- commands ---------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show Pause or Resume, and Mute or Sound, whichever applies now; more keys when wide."""
        wide = wide_variant_enabled(action, parameters, self._footer_width)
        if wide is not None:
            return wide
        state = self.session.state() if self.is_mounted else None
        playing = state is not None and state.started and not state.paused and not state.finished
        if action == "pause":
            return playing
        if action == "resume":
            return state is not None and state.paused
        if action == "mute":
            return self.sound_on
        if action == "unmute":
            return not self.sound_on
        return True

    def action_pause(self) -> None:
        """Stop the time."""
        self._command(self.session.pause)

    def action_resume(self) -> None:
        """Let the time run again."""
        self._command(self.session.resume)

    def action_next(self) -> None:
        """The next part; on the last part, asks first whether to end the session."""
        state = self.session.state()
        self._move_on(self.session.next, state.is_last, LAST_PART_QUESTION)

    def action_skip_step(self) -> None:
        """Skip the rest of this step; in the last step, asks first whether to end the session."""
        state = self.session.state()
        ends = self.session.plan.step_span(state.index)[1] == state.count - 1
        question = LAST_PART_QUESTION if state.is_last else LAST_STEP_QUESTION
        self._move_on(self.session.next_step, ends, question)

    def _move_on(self, command: Callable[[], None], ends: bool, question: str) -> None:
        """Run ``command``, but ask first when it would end the session before its last part ran out:
        a held key or one clicker press too many must not end a night's session."""
        state = self.session.state()
        if ends and state.started and not state.finished and state.left > 0:
            self._ask(question, END_DETAIL, lambda: self._command(command))
        else:
            self._command(command)

    def action_back(self, _footer: int = 0) -> None:
        """Back to this part's start, or to the part before within its first seconds."""
        self._command(self.session.previous)

    def action_step_back(self) -> None:
        """Back to this step's start, or to the step before within its first seconds."""
        self._command(self.session.previous_step)

    def action_restart(self, _footer: int = 0) -> None:
        """This part again from the start."""
        self._command(self.session.restart_segment)

    def action_longer(self, _footer: int = 0) -> None:
        """15 seconds more on this part."""
        self._command(lambda: self.session.adjust(15))

    def action_shorter(self) -> None:
        """15 seconds less on this part (never less than a second left)."""
        self._command(lambda: self.session.adjust(-15))

    async def action_mute(self) -> None:
        """Turn the sound off (a cue playing stops)."""
        await self.app.run_action("toggle_sound")
        self.set_class(not self.sound_on, "-muted")
        self.refresh_keys()

    async def action_unmute(self) -> None:
        """Turn the sound on."""
        await self.action_mute()

    def action_help(self) -> None:
        """The keys, while the time stands still."""
        rows = help_rows(self)
        resume = self._hold_for_modal()
        self.app.push_screen(HelpScreen(rows, HELP_NOTE), lambda _: self._after_modal(resume))

    def action_quit_session(self) -> None:
        """Ask once whether to end; time stands still while asked. Yes records what was done."""
        self._ask("End the session now?", END_DETAIL, self._end)

    def _ask(self, question: str, detail: str, on_yes: Callable[[], None]) -> None:
        """Put a y/n question up with the time stopped; yes runs ``on_yes``, no lets the time run again."""
        resume = self._hold_for_modal()

        def answered(yes: bool | None) -> None:
            if yes:
                on_yes()
            else:
                self._after_modal(resume)

        self.app.push_screen(ConfirmScreen(question, detail), answered)

