"""The setup screen: prepare the room and the feet, choose routine, length, mode and feet, then Enter.

Every action is one key (shown in the footer and beside its row) and every row also answers a click,
so nothing needs two keys at once or the mouse. Dismisses a :class:`SetupChoice` on Enter, ``None`` on q.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Click, Resize
from textual.message import Message
from textual.screen import Screen
from textual.widget import AwaitMount
from textual.widgets import Footer, Static

from coach.routines import Foot, Library, Mode, Routine
from coach.sound import SoundConfig
from coach.ui.choices import SetupChoice
from coach.ui.screens.setup import text as words
from coach.ui.screens.setup.keys import SETUP_BINDINGS
from coach.ui.styles import stylesheet
from coach.ui.widgets.checklist import Checklist
from coach.ui.widgets.safety_panel import SafetyPanel, safety_line

if TYPE_CHECKING:
    from coach.awake.keepers import AwakeStatus
    from coach.ui.screens.setup.session_panel import SessionPanel

OIL_ITEM = "oil"
"""The checklist item whose choice becomes :attr:`SetupChoice.oil`."""

NARROW = 70
SHORT = 20
COMPACT = 32
"""Rows under which the session panel drops the description and blank lines (80x24 shows every row)."""

START_PAUSE_AFTER_SESSION = 1.0
"""Seconds the setup screen shown after a session ignores Start (see :meth:`SetupScreen.action_start`)."""


START = Content.assemble(("Enter", "bold $accent"), ("  Start the massage", "bold"))
ON_TO_SETUP = Content.assemble(("Enter", "bold $accent"), ("  On to the setup, once read", "bold"))
"""What the start line says on the safety notes: Enter goes on to the setup from there."""


class StartLine(Static):
    """The line that says how to start (or, on the safety notes, how to go on); a click does it too."""

    async def on_click(self, event: Click) -> None:
        """Start, as Enter does."""
        event.stop()
        await self.run_action("screen.start")


class SetupScreen(Screen[SetupChoice | None]):
    """Checklist, routine, length, mode and feet, the safety notes, and Start."""

    CSS_PATH = stylesheet("setup")
    """Read when this screen is first shown (see :mod:`coach.ui.styles`)."""

    BINDINGS: ClassVar[list[BindingType]] = SETUP_BINDINGS
    """One key per action, no chords: Enter starts, q quits, digits tick items, letters change settings."""

    class SoundChanged(Message):
        """``m`` (or a click on the sound row) turned the sound on or off, or ``v`` changed the voice;
        the app keeps the settings."""

        def __init__(self, sound: bool, voice: bool, guide: bool) -> None:
            super().__init__()
            self.sound, self.voice, self.guide = sound, voice, guide

    class SoundTest(Message):
        """``a``: play the chime and a sample sentence now."""

    def __init__(
        self,
        library: Library,
        prefill: SetupChoice,
        *,
        lengths: Mapping[str, float] | None = None,
        sound: SoundConfig | None = None,
        describe: Callable[[SoundConfig], str] | None = None,
        start_pause: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
        awake: AwakeStatus | None = None,
        safety_first: bool = False,
    ) -> None:
        """``prefill.minutes`` is the length for ``prefill.routine_id``; ``lengths`` holds the lengths
        remembered for the other routines (a routine without one shows its natural length); ``sound``
        is the sound settings now, and ``describe`` says what they will sound with ("voice + chime,
        espeak-ng -> aplay"); Start is ignored for ``start_pause`` seconds of ``clock`` after the screen
        is shown; ``awake`` says whether the screen is kept on in a session;
        ``safety_first`` opens on the whole safety list (the first run), which one key (s, Enter or
        Escape) acknowledges."""
        super().__init__()
        self.safety_first = safety_first
        self._clock = clock
        # Counted from now, not from mounting: a key already queued can reach the screen before that.
        self._ready_at = clock() + start_pause
        self.library = library
        self.sound = sound or SoundConfig()
        self._describe = describe or (lambda config: "on" if config.sound else "off")
        self.awake = awake
        known = prefill.routine_id in library.routines
        routine_id = prefill.routine_id if known else library.default_routine
        self.routine_id: str = routine_id
        self.mode: Mode = prefill.mode if prefill.mode in ("self", "partner") else "self"
        self.feet: tuple[Foot, ...] = prefill.feet or ("left", "right")
        # Each routine keeps its own length while the screen is up: r to another routine and back
        # finds the length as it was left. Ids the library does not have are of no use here.
        self._lengths: dict[str, float | None] = {
            rid: minutes for rid, minutes in (lengths or {}).items() if rid in library.routines
        }
        # An explicit length (from the command line) is kept even beyond the stepper's bounds: the fit
        # note says what it does. Only the -/+ keys stay inside the bounds.
        self.minutes: float | None = prefill.minutes if known else self._lengths.get(routine_id)
        self.breathing: str | None = prefill.breathing if prefill.breathing in library.breathing else None
        oil = prefill.oil if prefill.oil and words.has_choice(library, OIL_ITEM, prefill.oil) else None
        picks = {OIL_ITEM: oil} if oil else {}
        self._checklist = Checklist(library.setup_for(self.mode), prefill.ticked, picks, id="checklist")
        self._body_mount: AwaitMount | None = None
        """The panels' mounting, on a first run (see :meth:`_mount_body`)."""

    @property
    def routine(self) -> Routine:
        """The chosen routine."""
        return self.library.routine(self.routine_id)

    @property
    def choice(self) -> SetupChoice:
        """What Enter would hand back now."""
        return SetupChoice(
            routine_id=self.routine_id,
            mode=self.mode,
            minutes=self.minutes,
            feet=self.feet,
            oil=self._checklist.picks.get(OIL_ITEM),
            ticked=self._checklist.ticked,
            breathing=self.breathing,
        )

    def compose(self) -> ComposeResult:
        """The two panels and the safety notes (scrolling together), the start line and the footer.

        On a first run the screen opens on the safety notes alone, and the panels, hidden behind them,
        are mounted just after the first frame (see :meth:`_mount_body`): the notes show as soon as a
        bare screen would, without waiting for some thirty widgets nobody can see yet."""
        # The size classes before the widgets are styled, not after: a class changed once they are
        # mounted styles the whole screen again.
        self._size_classes(*self.app.size)
        if self.safety_first:
            self.add_class("-first-run", "-safety")
        # Not focusable while the panels show: the checklist keeps the keys. s makes it focusable so that
        # the arrow keys scroll the safety notes.
        with VerticalScroll(id="setup-main", can_focus=False):
            if not self.safety_first:
                yield self._body()
            yield SafetyPanel(self.library.safety, id="safety")
        yield Static(safety_line(self.library.safety), id="safety-line")
        yield StartLine(ON_TO_SETUP if self.safety_first else START, id="start")
        yield Footer(compact=True, show_command_palette=False)

    def _body(self) -> Horizontal:
        """The checklist panel and the session panel, side by side (stacked when narrow)."""
        # Imported with the panels: a first run's first frame (the safety notes alone) needs neither.
        from coach.ui.screens.setup.session_panel import SessionPanel

        prepare = Vertical(self._checklist, Static("", id="item-detail", markup=False), id="prepare")
        prepare.border_title = "Prepare: tick what is ready"
        prepare.border_subtitle = "nothing is required"
        session = SessionPanel(id="session")
        session.border_title = "Session"
        return Horizontal(prepare, session, id="setup-body")

    @property
    def _body_ready(self) -> bool:
        """Whether the panels are mounted (on a first run, not until just after the first frame)."""
        return self._checklist.is_mounted

    def on_mount(self) -> None:
        """Fill the rows and give the checklist the keys; on the first run, show the safety notes whole
        and mount the panels behind them once they are drawn."""
        if self.safety_first:
            self._show_safety()
            self.call_after_refresh(self._mount_body)
            return
        self._show_body()

    async def _mount_body(self) -> None:
        """Mount the panels (hidden while the safety notes show) before the notes, then fill them; once,
        whether just after the first frame or as soon as the notes are left, whichever comes first."""
        if self._body_mount is None:
            if self not in self.app.screen_stack:
                return
            main = self.query_one("#setup-main", VerticalScroll)
            self._body_mount = main.mount(self._body(), before="#safety")
        await self._body_mount
        self._show_body()

    def _show_body(self) -> None:
        """Fill the rows; the checklist takes the keys unless the safety notes show."""
        self._show_session()
        if self.has_class("-safety"):
            return  # the notes keep the keys, and their place in the scroll
        self._checklist.focus()
        # Narrow, the session panel comes first: show it, not the checklist the focus scrolled to.
        self.call_after_refresh(self.query_one("#setup-main", VerticalScroll).scroll_home, animate=False)

    def on_screen_resume(self) -> None:
        """Back from History or Help: the keys go to the checklist again, wherever focus had gone."""
        if not self.has_class("-safety") and self._body_ready:
            self._checklist.focus()
        self.call_after_refresh(self._fit_safety)

    def on_resize(self, event: Resize) -> None:
        """Drop extras on small terminals (CSS classes -narrow, -short, -compact) rather than squeeze."""
        self._size_classes(event.size.width, event.size.height)
        self._show_session()

    def _size_classes(self, width: int, height: int) -> None:
        self.set_class(width < NARROW, "-narrow")
        self.set_class(height < SHORT, "-short")
        self.set_class(height < COMPACT, "-compact")

    # ------------------------------------------------------------------ actions

    async def action_start(self) -> None:
        """Hand the choices to the app, unless the screen has only just been shown after a session.

        Enter closes the summary, and a second Enter typed a moment later (a double press, a key held
        down, a clicker that bounces) would start the next session at once. A terminal sends key
        presses only, never releases, and auto-repeat arrives as ordinary presses, so a "fresh" press
        cannot be told from a second one; time can. For a moment after it appears the screen ignores
        Start; nobody who has looked at the setup means to start again within a second.
        """
        if self._clock() < self._ready_at:
            return
        if self.has_class("-safety"):
            # Enter on the safety notes goes on to the setup: the routine, length and mode are seen
            # before a session starts.
            await self.action_close_safety()
            return
        self.dismiss(self.choice)

    def action_quit_setup(self) -> None:
        """Leave without a session."""
        self.dismiss(None)

    def action_routine(self, step: int) -> None:
        """Cycle through the library's routines, each with its own length (remembered or natural)."""
        ids = list(self.library.routines)
        self._lengths[self.routine_id] = self.minutes
        self.routine_id = ids[(ids.index(self.routine_id) + step) % len(ids)]
        self.minutes = self._lengths.get(self.routine_id)
        self._changed("routine")

    def action_length(self, step: int) -> None:
        """Shorter or longer by one minute."""
        self.minutes = words.step_minutes(self.routine, len(self.feet), self.minutes, step)
        self._changed("length")

    def action_natural_length(self) -> None:
        """Back to the routine's own length (every range's middle)."""
        self.minutes = None
        self._changed("length")

    def action_mode(self) -> None:
        """Switch between your own feet and a partner's: the checklist changes with it."""
        self.mode = "partner" if self.mode == "self" else "self"
        self._checklist.set_items(self.library.setup_for(self.mode))
        self._changed("mode")

    def action_feet(self, step: int) -> None:
        """Both feet, left only, right only."""
        self.feet = words.next_feet(self.feet, step)
        self._changed("feet")

    def action_breathing(self, step: int) -> None:
        """The routine's own breathing, or one of the library's patterns for the whole session."""
        self.breathing = words.next_breathing(self.library, self.breathing, step)
        self._changed("breathing")

    def action_sound(self) -> None:
        """Turn the sound off or on; the app remembers it for next time."""
        self._set_sound(replace(self.sound, sound=not self.sound.sound))

    def action_voice(self) -> None:
        """The voice: titles only ("brief"), whole instructions ("guide"), or off (chimes only)."""
        config = self.sound
        if not config.voice:
            config = replace(config, voice=True, guide=False)
        elif not config.guide:
            config = replace(config, guide=True)
        else:
            config = replace(config, voice=False, guide=False)
        # Choosing a voice means wanting to hear it: the sound comes on with it.
        self._set_sound(replace(config, sound=True))

    def action_test_sound(self) -> None:
        """Play the chime and a sample sentence, to hear (or not) what the session will sound like."""
        self.post_message(self.SoundTest())

    def _set_sound(self, config: SoundConfig) -> None:
        self.sound = config
        self._changed("sound")
        self.post_message(self.SoundChanged(config.sound, config.voice, config.guide))

    def show_sound(self, config: SoundConfig) -> None:
        """Show ``config`` again (the app found out which player works)."""
        self.sound = config
        if self.is_mounted:
            self._show_session()

    def action_oil(self) -> None:
        """Next oil or lotion."""
        self._checklist.cycle_choice(OIL_ITEM)

    def action_tick_current(self) -> None:
        """Tick or untick the highlighted item (Space, whatever has the focus)."""
        self._checklist.action_toggle_current()

    def action_tick(self, number: int) -> None:
        """Tick or untick item ``number`` (1-based, as shown beside it)."""
        self._checklist.toggle(number - 1)

    async def action_safety(self) -> None:
        """Show only the safety notes (arrow keys scroll them), or go back."""
        if self.has_class("-safety"):
            await self.action_close_safety()
            return
        self.add_class("-safety")
        self._show_safety()
        self.query_one(StartLine).update(ON_TO_SETUP)

    def _show_safety(self) -> None:
        """The safety notes alone, from the top, with the keys (the arrows scroll them)."""
        main = self.query_one("#setup-main", VerticalScroll)
        main.can_focus = True
        main.scroll_home(animate=False)
        main.focus()
        self._fit_safety()

    async def action_close_safety(self) -> None:
        """Back from the safety notes to the checklist (on a first run left at once, the panels are
        mounted first: the next key is for the checklist, and waits until it is there)."""
        self.remove_class("-safety")
        self.remove_class("-first-run")
        self.query_one(StartLine).update(START)
        self.query_one("#setup-main", VerticalScroll).can_focus = False
        if self._body_ready:
            self._checklist.focus()
        else:
            await self._mount_body()  # which gives the checklist the keys
        self.call_after_refresh(self._fit_safety)

    # ------------------------------------------------------------------ clicks and messages

    def on_session_panel_pressed(self, message: SessionPanel.Pressed) -> None:
        """A click on a setting row changes it as its key does (back or forward for the arrowed ones)."""
        step = message.step
        actions: dict[str, Callable[[], None]] = {
            "routine": lambda: self.action_routine(step), "length": lambda: self.action_length(step),
            "mode": self.action_mode, "feet": lambda: self.action_feet(step),
            "breathing": lambda: self.action_breathing(step), "sound": self.action_sound,
        }
        actions.get(message.row, lambda: None)()

    @on(Checklist.Highlighted)
    @on(Checklist.Picked)
    def _show_detail(self) -> None:
        """The highlighted item's detail under the list, with its choice's note."""
        self.query_one("#item-detail", Static).update(self._checklist.detail())

    # ------------------------------------------------------------------ drawing

    def show_awake(self, status: AwakeStatus | None) -> None:
        """Say whether (and how) the screen is kept on during a session: the keeper has found out."""
        self.awake = status
        self._show_session()

    def _show_session(self) -> None:
        # Not mounted yet (a key pressed on the first run's safety notes: the panel shows the values
        # once mounted), or already taken down (the sound thread's news arriving as coach ends).
        panel = self._session_panel()
        if panel is None:
            return
        panel.show(self.library, self.choice, self._describe(self.sound), self.awake,
                   compact=self.has_class("-compact"))
        # The panel's height may have changed: so has the room left for the safety notes.
        self.call_after_refresh(self._fit_safety)

    def _fit_safety(self) -> None:
        """Show the safety notes that fit whole under the panels; all of them where the screen scrolls
        (s, or a small terminal where they stand alone)."""
        if self not in self.app.screen_stack:
            return  # asked for just before the screen was closed: nothing left to fit
        panel = self.query_one(SafetyPanel)
        if self.has_class("-safety") or not panel.display or not self._body_ready:
            panel.fit(None, alone=self.has_class("-safety"))
            return
        main = self.query_one("#setup-main", VerticalScroll)
        body = self.query_one("#setup-body")
        region = main.scrollable_content_region
        chrome = panel.styles.gutter.height  # border (and padding) above and below the notes
        rows = region.height - body.outer_size.height - chrome
        panel.fit(rows, region.width - panel.styles.gutter.width)

    def _changed(self, row: str) -> None:
        """Show the new values and scroll the changed row into view (on a small terminal the session
        panel may be below)."""
        self._show_session()
        panel = self._session_panel()
        if panel is not None:
            self.call_after_refresh(panel.show_row, row)

    def _session_panel(self) -> SessionPanel | None:
        """The session panel, once mounted (and until the screen is taken down)."""
        if not self._body_ready:
            return None  # not built yet: its module need not be loaded either
        from coach.ui.screens.setup.session_panel import SessionPanel

        return next(iter(self.query("#session").results(SessionPanel)), None)
