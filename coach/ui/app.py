"""The full-screen app: setup, then the step player, then the summary, and round again.

The app owns the session and everything that outlives one screen: the remembered settings, the sound
(a :class:`~coach.sound.SoundSystem` speaking and chiming on its own thread), the theme and the history.
Screens only hand values back (a choice, a record, ratings).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme

from coach import paths
from coach.options import LaunchOptions
from coach.settings import LoadedSettings, Settings, load_settings, save_settings
from coach.sound.config import SoundConfig
from coach.ui.choices import Ratings, SetupChoice
from coach.ui.input_order import InputGate
from coach.ui.screens.setup.screen import START_PAUSE_AFTER_SESSION, SetupScreen
from coach.ui.styles import stylesheet
from coach.wording import visible

if TYPE_CHECKING:
    from coach.awake.keepers import AwakeStatus, Keeper
    from coach.awake.policy import AwakePolicy
    from coach.engine import Plan, Session
    from coach.engine.record import SessionRecord
    from coach.history import NightAnswer, Overview
    from coach.history.resume import Snapshot, SnapshotKeeper
    from coach.serve.channel import PageCueSink
    from coach.sound import Cue, SoundSystem
    from coach.ui.screens.history import HistoryScreen
    from coach.ui.screens.player.screen import PlayerScreen

# The setup screen is the first screen, so it comes with the app. Every other screen, the engine, the
# history and the sound system are imported when first needed (the sound system just after the first
# frame): the first screen shows sooner, and a run that never opens a screen never pays for it.

NIGHT_THEME = Theme(
    name="coach-night",
    primary="#b98b5e",
    secondary="#8fa89a",
    accent="#d2a878",
    foreground="#c8beac",
    background="#12110f",
    surface="#1a1815",
    panel="#25221e",
    warning="#c9a04a",
    error="#b5665a",
    success="#819f72",
    dark=True,
)
"""Warm, dim and low in blue: easy on eyes adjusted to a dark bedroom."""
DEFAULT_THEME = NIGHT_THEME.name

READ_HISTORY_AT_ONCE = 256 * 1024
"""A history file up to this size (a year or so of nightly sessions) is read before its screen shows; a
larger one is read in a thread once its screen is drawn and says so. (The parser holds the interpreter
while it works, so keys pressed meanwhile wait for it; the screen itself is up at once.)"""
PREPARE_PLAYER_AFTER = 0.5
"""Seconds after the first frame to import the player and read its stylesheet (see
:meth:`CoachApp.prepare_player`): the setup screen is up and being read by then."""
RING_PRIORITY = 2
"""A cue no player could play rings the bell from this priority up: holds, releases, parts, steps, end."""
_ENDING_BY_NAME = ("SIGHUP", "SIGINT", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGTERM", "SIGSTKFLT",
                   "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGIO", "SIGPOLL", "SIGPWR", "SIGLOST",
                   "SIGEMT", "SIGINFO")
NOT_HANDLED = {
    "faults": ("SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE", "SIGABRT", "SIGTRAP", "SIGSYS"),
    "uncatchable": ("SIGKILL", "SIGSTOP"),
    "harmless by default": ("SIGCHLD", "SIGCONT", "SIGURG", "SIGWINCH", "SIGTSTP", "SIGTTIN", "SIGTTOU"),
    "ignored by Python": ("SIGPIPE",),
}
"""Signals coach leaves as they are, and why. A fault means coach's own process is broken: it must end
the way the system ends it (with a core dump), not carry on saving. SIGKILL and SIGSTOP cannot be caught
(SIGKILL is why history writes are atomic). The harmless ones do not end a process (Textual uses SIGTSTP
and SIGCONT for Ctrl+Z, SIGWINCH for resizes). Python ignores SIGPIPE, so a closed pipe is an error
where it is written instead."""


def ending_signals() -> tuple[int, ...]:
    """Every signal this system has whose default is to end the process and that a program may catch:
    the terminal closed (SIGHUP), an interrupt or quit sent by ``kill`` (in the app Ctrl+C is a key),
    SIGTERM, the user signals, timers, limits, and the real-time signals. Each ends coach the same clean
    way: the session under way is kept, the terminal is given back, and coach exits."""
    found = {getattr(signal, name) for name in _ENDING_BY_NAME if hasattr(signal, name)}
    if hasattr(signal, "SIGRTMIN") and hasattr(signal, "SIGRTMAX"):
        found.update(range(signal.SIGRTMIN, signal.SIGRTMAX + 1))
    valid = signal.valid_signals()  # a set made anew on each call: asked once
    return tuple(sorted(int(signum) for signum in found if signum in valid))


ENDING_SIGNALS = ending_signals()
"""The signals that end coach cleanly, keeping the session (see :func:`ending_signals`)."""
FIRST_SIGNALS = tuple(signum for signum in ENDING_SIGNALS if signum < getattr(signal, "SIGRTMIN", 1 << 16))
"""Handled from the start: every named signal (a closed terminal, ``kill``, the user signals...)."""
LATER_SIGNALS = tuple(signum for signum in ENDING_SIGNALS if signum not in FIRST_SIGNALS)
"""Handled once the first screen is drawn: the real-time signals, which only a program that means to
end coach would send, and which are three quarters of the handlers asyncio checks one by one."""


def terminal_keeper(on_change: Callable[[AwakeStatus], None]) -> Keeper:
    """What keeps the screen awake in a terminal: wakepy (the ``wake`` extra), asked at once how it
    would do it, so the setup screen can say. Tests put a fake in its place."""
    from coach.awake.keepers import WakepyKeeper

    keeper = WakepyKeeper(on_change=on_change)
    keeper.probe()
    return keeper


class CoachApp(App[int]):
    """coach: setup, player and summary screens around one session at a time. Exits with 0."""

    TITLE = "coach"
    CSS_PATH = stylesheet("app", "setup")
    """What every screen shares, and the first screen's own. Every other screen keeps its stylesheet in
    its ``CSS_PATH``, read when it is first shown (see :meth:`open_screen`)."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+z", "suspend_process", "Suspend", show=False,
                tooltip="Put coach aside; fg in the shell brings it back"),
        Binding("f1", "help", "Help", show=False, tooltip="These keys"),
    ]
    """Ctrl+Z reaches the app as a key in raw mode: bind it so the shell's job control still works.
    F1 opens the help on every screen: one key, no Shift (``?`` needs Shift on most layouts)."""

    def __init__(self, options: LaunchOptions, clock: Callable[[], float] = time.monotonic,
                 wall: Callable[[], float] = time.time, sound: SoundSystem | None = None) -> None:
        """``sound`` replaces the sound system the app would make (tests give one with fake players)."""
        super().__init__()
        self.options = options
        self.library = options.library
        self.clock, self.wall = clock, wall
        self.loaded: LoadedSettings = load_settings(options.data_dir)
        settings = self.loaded.settings
        self.sound_on: bool = settings.sound if options.sound is None else options.sound
        """Whether the player sounds its cues (voice, chimes, or the bell when no player works); ``m``."""
        self.voice_on: bool = settings.voice if options.voice is None else options.voice
        self.guide: bool = settings.guide if options.guide is None else options.guide
        self.sound: SoundSystem | None = sound
        """Made on mount (its thread starts then); None before, and in the rare app that never mounts."""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ui_thread = threading.get_ident()
        self._ui_context: contextvars.Context | None = None
        """The app's own context (Textual's ``active_app`` is set in it), for callbacks from threads."""
        self.reduced_motion: bool = settings.reduced_motion if options.reduced_motion is None \
            else options.reduced_motion
        """No breathing animation, words only."""
        self.last_choice: SetupChoice = self._prefill(settings)
        self._start_routine = self.last_choice.routine_id
        """The routine this run started with: the one a --minutes from the command line is for."""
        self.last_record: SessionRecord | None = None
        self._entry_id: str | None = None
        """The history id of the session under way (given when it begins) or just stored."""
        self._snapshots: SnapshotKeeper | None = None
        """Keeps the resume snapshot of the session under way."""
        self._signals: list[int] = []
        self.page: PageCueSink | None = None
        """In a served session (``coach serve``), the page that plays the cues; None in a terminal."""
        self.keeper: Keeper | None = None
        """Who keeps the screen on: wakepy in a terminal, the page when served."""
        self.awake: AwakePolicy | None = None
        """When the screen is kept on: the player tells it what the session does."""
        self._input = InputGate(self)
        self._ending = False
        self.register_theme(NIGHT_THEME)
        self._start_theme(settings.theme if settings.theme in self.available_themes else DEFAULT_THEME)

    def _start_theme(self, name: str) -> None:
        """Start in theme ``name``. Set the usual way, a theme refreshes the CSS once the app runs: every
        stylesheet parsed a second time and every widget styled again before the first screen. Before
        anything is parsed, a dark theme (as Textual's default is) needs only its variables and its
        class; a light one also changes the colour filter, so it goes the usual way."""
        theme = self.get_theme(name)
        if theme is None or not theme.dark or not self.current_theme.dark:
            self.theme = name
            return
        self.set_reactive(App.theme, name)
        self.stylesheet.set_variables(self.get_css_variables())
        classes = {old: False for old in self.classes if old.startswith("-theme-")}
        classes[f"-theme-{name}"] = True
        self.update_classes(classes, update=False)

    def _prefill(self, settings: Settings) -> SetupChoice:
        """Command-line choices first, then what was chosen last time, then the routine's defaults."""
        options = self.options
        routine_id = options.routine_id or self._prefill_routine(settings)
        # --minutes is for the routine this run starts with; every other routine keeps its own length.
        minutes = options.minutes if options.minutes is not None else self.lengths().get(routine_id)
        return SetupChoice(
            routine_id=routine_id,
            mode=options.mode or settings.mode,
            minutes=minutes,
            feet=options.feet or settings.feet,
            oil=settings.oil,
            # A remembered pattern the routines file no longer has falls back to the routine's own.
            breathing=settings.breathing if settings.breathing in self.library.breathing else None,
        )

    def _prefill_routine(self, settings: Settings) -> str:
        """The routine remembered last time (if this file still has it), else the file's default."""
        remembered = settings.routine_id if settings.routine_id in self.library.routines else None
        return remembered or self.library.default_routine

    def on_mount(self) -> None:
        """Show the setup screen, and any problem with the settings file."""
        self.theme_changed_signal.subscribe(self, lambda theme: self._remember(theme=theme.name))
        if self.loaded.notice:
            self.tell(self.loaded.notice, severity="warning", timeout=10)
        self._listen_for_signals(FIRST_SIGNALS)
        self._loop, self._ui_thread = asyncio.get_running_loop(), threading.get_ident()
        self._ui_context = contextvars.copy_context()
        if self.sound is not None:  # given (tests): ready at once
            self._start_sound()
        self.show_setup()
        # After the first frame: the setup screen shows at once; the sound system is made, the session
        # cut short offered and the history read just after.
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        """What can wait until the setup screen is up: the sound system looks for a player (the sound
        row says "checking players" meanwhile), a session cut short is offered, or else the morning
        question about last night is asked; a moment later the player is made ready. The keeper of the
        screen's wakefulness starts here too (wakepy's import alone takes a tenth of a second, on a thread
        that would hold the interpreter while the first frame is drawn), and the rarely sent signals are
        listened for (each handler costs asyncio a scan of every signal number)."""
        self._listen_for_signals(LATER_SIGNALS)
        self._start_keeping_awake()
        self._show_awake()
        self.set_timer(PREPARE_PLAYER_AFTER, self.prepare_player, name="prepare player")
        if self.sound is None:
            self._start_sound()
            self._refresh_sound_row()
        if not self.offer_unfinished():
            self.ask_about_last_night()

    def _start_sound(self) -> None:
        """Make the sound system (unless one was given) and have it find a working player, so the
        setup screen can say which."""
        if self.sound is None:
            from coach.sound import SoundSystem

            self.sound = SoundSystem(self.sound_config(), paths.cache_dir(self.options.data_dir))
        self.sound.config = self.sound_config()
        self.sound.on_notice, self.sound.on_unplayable = self._sound_notice, self._sound_unplayable
        self.sound.on_change = self._sound_probed
        if self.sound_on:
            self.sound.probe()

    async def on_event(self, event: events.Event) -> None:
        """Keys, clicks and pastes one after another, each once the screen the last one left is whole
        (see :mod:`coach.ui.input_order`); everything else as Textual handles it."""
        if self._input.admit(event):
            await super().on_event(event)

    def on_unmount(self) -> None:
        """Stop the sound, give the signals back to the process as they were, and let the screen sleep
        again."""
        self._input.close()
        if self.sound is not None:
            self.sound.close()
        loop = asyncio.get_running_loop()
        for signum in self._signals:
            loop.remove_signal_handler(signum)
        self._signals.clear()
        if self.awake is not None:
            self.awake.ended()
        if self.keeper is not None:
            self.keeper.close()

    def _start_keeping_awake(self) -> None:
        """Served, the page plays the cues and holds the screen on; in a terminal, wakepy does. Once:
        just after the first frame, or when a session starts before that."""
        if self.keeper is not None:
            return
        from coach.awake.keepers import PageKeeper
        from coach.awake.policy import AwakePolicy
        from coach.serve.channel import PageCueSink, served

        write_meta = getattr(self._driver, "write_meta", None)  # textual's web driver has it
        if served() and callable(write_meta):
            self.page = PageCueSink(write_meta)
            self.keeper = PageKeeper(self.page)
        else:
            self.keeper = terminal_keeper(self._awake_changed)
        self.awake = AwakePolicy(self.keeper, self.clock)

    class AwakeChanged(Message):
        """The keeper found out whether and how the screen is kept awake."""

    def _awake_changed(self, _status: AwakeStatus) -> None:
        """Called from the keeper's own thread: a message, which never waits for the app (or its exit)."""
        self.post_message(self.AwakeChanged())

    def on_coach_app_awake_changed(self, _message: AwakeChanged) -> None:
        """Say on the setup screen how the screen is kept awake."""
        self._show_awake()

    def awake_status(self) -> AwakeStatus | None:
        """Whether and how the screen is kept on during a session (None before the app has mounted)."""
        return self.keeper.status if self.keeper is not None else None

    def _show_awake(self) -> None:
        if isinstance(self.screen, SetupScreen):
            self.screen.show_awake(self.awake_status())

    def _listen_for_signals(self, signals: tuple[int, ...]) -> None:
        """Handle ``signals`` (every one that would end the process on the spot, and lose the session,
        and leave the terminal raw, in the alternate screen, with mouse tracking on, is one of
        :data:`FIRST_SIGNALS` or :data:`LATER_SIGNALS`) in the app's own loop, so it ends coach the
        normal way; a platform or thread that cannot do that keeps the default."""
        loop = asyncio.get_running_loop()
        for signum in signals:
            try:
                loop.add_signal_handler(signum, self.end_on_signal, signum)
            except (NotImplementedError, RuntimeError, ValueError):
                continue
            self._signals.append(signum)

    def end_on_signal(self, signum: int) -> None:
        """The terminal was closed (SIGHUP), or coach was asked to stop (SIGTERM, SIGINT, SIGQUIT...):
        keep the session under way in the history, marked as ended early, and leave its snapshot so the
        next start offers to carry on; exit with 128 + the signal's number, as a shell reports a process
        a signal ended. A second signal while ending changes nothing."""
        if self._ending:
            return
        self._ending = True
        self._keep_running_session(resumable=True)
        code = 128 + signum
        self.exit(code, return_code=code)

    def now(self) -> datetime:
        """The local time on the app's wall clock (a fake one in tests)."""
        return datetime.fromtimestamp(self.wall()).astimezone()

    # -- the flow ---------------------------------------------------------------------------------
    def lengths(self) -> dict[str, float]:
        """The remembered length of each routine the library has (ids it no longer has are ignored)."""
        remembered = self.loaded.settings.minutes_by_routine
        return {rid: minutes for rid, minutes in remembered.items() if rid in self.library.routines}

    def show_setup(self, after_session: bool = False) -> None:
        """The setup screen, prefilled with the last choice and each routine's remembered length.

        After a session it ignores Start for a moment, so the Enter that closed the summary, pressed
        twice, does not start the next session.
        """
        pause = START_PAUSE_AFTER_SESSION if after_session else 0.0
        screen = SetupScreen(self.library, self.last_choice, lengths=self.lengths(),
                             sound=self.sound_config(), describe=self.describe_sound, start_pause=pause,
                             clock=self.clock, awake=self.awake_status(), safety_first=self._first_run())
        self.push_screen(screen, self._on_setup)

    def _first_run(self) -> bool:
        """No session in the history yet: the setup opens on the whole safety list, once."""
        if self.library.safety == ():
            return False
        if not self._has_data_file(paths.HISTORY_FILE):
            return True  # no history file: no need to import and run what reads one
        if self._history_size() > READ_HISTORY_AT_ONCE and self._history_has_sessions():
            return False  # a long history with sessions in it: not worth seconds of reading to say so
        from coach.history import load_overview

        return not load_overview(self.options.data_dir).sessions

    def _history_has_sessions(self) -> bool:
        """Whether the history file holds a ``[[sessions]]`` table (coach writes every session as one),
        found without parsing it."""
        path = paths.data_dir(self.options.data_dir) / paths.HISTORY_FILE
        try:
            import mmap  # only for a long history, which is seldom

            with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
                return data.find(b"[[sessions]]") >= 0
        except (OSError, ValueError):
            return False

    def on_setup_screen_sound_changed(self, message: SetupScreen.SoundChanged) -> None:
        """The setup screen's sound row (m: sound, v: voice): keep the settings (the row shows them)."""
        self.sound_on, self.voice_on, self.guide = message.sound, message.voice, message.guide
        self._sound_changed()
        self._remember(sound=self.sound_on, voice=self.voice_on, guide=self.guide)

    def on_setup_screen_sound_test(self, _message: SetupScreen.SoundTest) -> None:
        """The setup screen's test key: the bell and a sample sentence, now."""
        if self.sound is not None:
            self.sound.test()
            if self.sound.fallback:
                self.bell()

    # -- sound ------------------------------------------------------------------------------------
    def sound_config(self) -> SoundConfig:
        """The sound settings in effect: remembered, overridden by the command line, changed by keys."""
        settings = self.loaded.settings
        return SoundConfig(sound=self.sound_on, voice=self.voice_on, guide=self.guide,
                           level=settings.sound_level, rate=settings.voice_rate, volume=settings.volume,
                           language=self.library.language)

    def describe_sound(self, config: SoundConfig) -> str:
        """What ``config`` will sound with here: "voice + chime, espeak-ng -> aplay"."""
        if self.sound is not None:
            return self.sound.describe(config)
        # Until the sound system is made, just after the first frame.
        return "checking players" if config.sound else "off"

    def _sound_changed(self) -> None:
        if self.sound is not None:
            self.sound.config = self.sound_config()
            if not self.sound_on:
                self.sound.silence()
            elif not self.sound.probed:
                self.sound.probe()

    def _from_sound_thread(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` in the app's loop: the sound system calls from its own thread (or, without
        one, from this one). Never waits: the sound thread must not hang on a busy or closing app.

        The callback runs in a copy of the app's own context, not the sound thread's: a timer it starts
        (the dim visual cue) looks up the active app when it fires, and would crash coach without it."""
        if threading.get_ident() == self._ui_thread or self._loop is None:
            callback()
            return
        context = self._ui_context.copy() if self._ui_context is not None else None
        with contextlib.suppress(RuntimeError):  # the loop has closed: coach is on its way out
            self._loop.call_soon_threadsafe(callback, context=context)

    def _sound_notice(self, text: str) -> None:
        self._from_sound_thread(lambda: self.tell(text, title="Sound", severity="warning", timeout=8))

    def _sound_unplayable(self, cue: Cue) -> None:
        """No player could play ``cue``: the terminal bell and a dim visual cue instead."""
        self._from_sound_thread(lambda: self._ring(cue))

    def _ring(self, cue: Cue) -> None:
        """The bell and the dim visual cue for a change that could not sound (not for the little ones:
        halfway, "next")."""
        if not self.sound_on or cue.index < 0 or cue.priority < RING_PRIORITY:
            return
        for screen in self._players():
            self.bell()
            screen.ring()

    def _sound_probed(self) -> None:
        """The sound system now knows which player works: the setup screen's row says it."""
        self._from_sound_thread(self._refresh_sound_row)

    def _refresh_sound_row(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, SetupScreen):
                screen.show_sound(self.sound_config())

    def _on_setup(self, choice: SetupChoice | None) -> None:
        if choice is None:
            self.exit(0)
            return
        self.last_choice = choice
        self._remember(**self.to_remember(choice))
        self.start_session(choice)

    def to_remember(self, choice: SetupChoice) -> dict[str, Any]:
        """The settings ``choice`` changes for next time.

        ``--routine``, ``--mode``, ``--minutes`` and ``--foot`` are for this run only: a value that came
        from the command line and is still as given is not remembered (the remembered one stays); a value
        changed on the setup screen is. Only the routine played remembers its length; the natural length
        (None) is remembered by forgetting the routine's entry; entries for routines this file lacks are
        kept as they are.
        """
        options, settings = self.options, self.loaded.settings
        changes: dict[str, Any] = {"oil": choice.oil, "breathing": choice.breathing}
        if options.routine_id is None or choice.routine_id != options.routine_id:
            changes["routine_id"] = choice.routine_id
        if options.mode is None or choice.mode != options.mode:
            changes["mode"] = choice.mode
        if options.feet is None or choice.feet != options.feet:
            changes["feet"] = choice.feet
        # --minutes belongs to the routine this run started with (see _prefill).
        given = options.minutes is not None and choice.routine_id == self._start_routine
        if not (given and choice.minutes == options.minutes):
            lengths = dict(settings.minutes_by_routine)
            lengths.pop(choice.routine_id, None)
            if choice.minutes is not None:
                lengths[choice.routine_id] = choice.minutes
            changes["minutes_by_routine"] = lengths
        return changes

    def start_session(self, choice: SetupChoice) -> None:
        """Lay out the plan for ``choice`` and play it."""
        from coach.engine import Session, build_plan
        from coach.history import new_entry_id

        try:
            plan = build_plan(self.library, choice.routine_id, choice.mode, choice.feet, choice.minutes,
                              breathing=choice.breathing)
        except (KeyError, ValueError) as error:
            self.tell(f"That session cannot be played: {error}", severity="error", timeout=10)
            self.exit(1)
            return
        session = Session(plan, self.clock, self.wall)
        self._play(session, new_entry_id(), choice.minutes, choice.breathing)

    def _play(self, session: Session, entry_id: str, minutes: float | None, breathing: str | None) -> None:
        """Put the player up for ``session``, its resume snapshot kept under ``entry_id``."""
        from coach.history.resume import SnapshotKeeper, resume_path
        from coach.ui.screens.player.screen import PlayerScreen

        self._entry_id = entry_id
        self._start_keeping_awake()  # already done unless Enter came before the first frame was up
        path = resume_path(self.options.data_dir)
        self._snapshots = SnapshotKeeper(path, entry_id, minutes, breathing, clock=self.clock,
                                         background=True)
        player = PlayerScreen(session, clock=self.clock, reduced_motion=self.reduced_motion,
                              snapshots=self._snapshots, sound=self.sound)
        self.open_screen(player, self._on_session_end)

    # -- a session cut short ------------------------------------------------------------------------
    def offer_unfinished(self) -> bool:
        """At start: a session cut short is offered to carry on (True), or settled and told (an
        expired one is kept as ended early, a damaged snapshot is moved aside)."""
        if not self._has_data_file(paths.RESUME_FILE):
            return False  # the usual case: no need to import what reads one
        from coach.history.resume import check_unfinished
        from coach.ui.screens.resume import ResumeScreen

        unfinished = check_unfinished(self.options.data_dir, self.now())
        if unfinished.notice:
            self.tell(unfinished.notice, title="Unfinished session", severity="warning", timeout=12)
        snapshot = unfinished.snapshot
        if snapshot is None:
            return False
        plan = self._plan_for(snapshot)
        self.push_screen(ResumeScreen(snapshot, can_resume=plan is not None),
                         lambda resume: self._on_resume_answer(snapshot, plan, bool(resume)))
        return True

    def _has_data_file(self, name: str) -> bool:
        """Whether the data directory has a file (or a link, even a broken one) called ``name``."""
        return os.path.lexists(paths.data_dir(self.options.data_dir) / name)

    def _plan_for(self, snapshot: Snapshot) -> Plan | None:
        """The snapshot's plan laid out again, or None when the routines no longer give the same one."""
        from coach.engine import build_plan

        try:
            plan = build_plan(self.library, snapshot.routine_id, snapshot.mode, snapshot.feet,
                              snapshot.minutes, breathing=snapshot.breathing)
        except (KeyError, ValueError):
            return None
        return plan if snapshot.progress.fits(plan) else None

    def _on_resume_answer(self, snapshot: Snapshot, plan: Plan | None, resume: bool) -> None:
        from coach.engine import Session
        from coach.history import HistoryError
        from coach.history.resume import keep_as_ended_early

        if resume and plan is not None:
            session = Session.resumed(plan, snapshot.progress, self.clock, self.wall)
            self._play(session, snapshot.entry_id, snapshot.minutes, snapshot.breathing)
            return
        try:
            keep_as_ended_early(self.options.data_dir, snapshot)
        except (HistoryError, OSError) as error:
            self.tell(str(error), title="Not saved", severity="warning", timeout=10)
            return
        self.tell("Kept in your history as ended early.", timeout=4)

    def _on_session_end(self, record: SessionRecord | None) -> None:
        if record is None:
            self.show_setup(after_session=True)
            return
        from coach.ui.screens.summary import SummaryScreen

        self.last_record = record
        self._save_record(record)
        self.open_screen(SummaryScreen(record, self.library.routine(record.routine_id)), self._on_summary)

    def _on_summary(self, ratings: Ratings | None) -> None:
        if ratings is not None:
            self._save_ratings(ratings)
        self.show_setup(after_session=True)

    def ask_about_last_night(self) -> None:
        """The morning check-in, if last night had a session and has no answer yet (asked once a
        night: a skipped question is kept as skipped). Only over the setup screen, never mid-session."""
        if not isinstance(self.screen, SetupScreen) or not self._has_data_file(paths.HISTORY_FILE):
            return  # no history: no session last night to ask about
        from coach.history import load_overview

        data_dir, now = self.options.data_dir, self.now()
        # Only last night matters: its sessions started within the last two days, its answer is among
        # the latest nights. The history's cache then yields just its last lines, however long it is.
        since = now - timedelta(days=3)
        if self._history_size() <= READ_HISTORY_AT_ONCE:
            self._ask_about(load_overview(data_dir, since), now)
            return

        def read() -> None:  # a long history: read in a thread, so the setup screen stays with the user
            loaded = load_overview(data_dir, since)
            self.call_from_thread(self._ask_about, loaded, now)

        self.run_worker(read, name="read history", thread=True, exit_on_error=False)

    def _ask_about(self, loaded: Overview, now: datetime) -> None:
        """Ask about last night if ``loaded`` says it had a session and no answer yet (still only over
        the setup screen: a history read in a thread may come back after the user has moved on)."""
        from coach.history.journal import night_to_ask
        from coach.ui.screens.checkin import CheckInScreen

        if loaded.notice:
            self.tell(loaded.notice, title="History", severity="warning", timeout=10)
        night = night_to_ask(loaded.sessions, loaded.nights, now)
        if night is not None and isinstance(self.screen, SetupScreen):
            self.open_screen(CheckInScreen(night, now), self._on_check_in)

    def _history_size(self) -> int:
        """The history file's size in bytes (0 when there is none, or it cannot be seen)."""
        try:
            return os.stat(paths.data_dir(self.options.data_dir) / paths.HISTORY_FILE).st_size
        except OSError:
            return 0

    def _on_check_in(self, answer: NightAnswer | None) -> None:
        if answer is None:
            return
        from coach.history import HistoryError, answer_night

        try:
            answer_night(self.options.data_dir, answer)
        except (HistoryError, OSError) as error:
            self.tell(str(error), title="Not kept", severity="warning", timeout=10)
            return
        if answer.rated:
            self.tell("Kept. The history shows your nights side by side.", timeout=4)

    # -- history and settings ---------------------------------------------------------------------
    def _save_record(self, record: SessionRecord, resumable: Snapshot | None = None) -> None:
        """Hand the record to history (once: under the id the session was given when it began, in
        place of what was stored of it before it was carried on), then drop its resume snapshot, or,
        given ``resumable`` (coach is being stopped), leave that one so the next start offers to carry
        on; a disk that refuses is told, never fatal."""
        from coach.history import HistoryError, new_entry_id, put_session

        entry_id = self._entry_id or new_entry_id()
        snapshots, self._snapshots = self._snapshots, None
        try:
            put_session(self.options.data_dir, record, entry_id)
        except (HistoryError, OSError) as error:
            self._entry_id = None
            self.tell(str(error), title="Not saved", severity="warning", timeout=10)
            return  # the snapshot stays: the next start offers it, or keeps it as ended early
        self._entry_id = entry_id
        if snapshots is None:
            return
        if resumable is None or not snapshots.keep_now(replace(resumable, record=record, kept=True)):
            snapshots.clear()

    def _save_ratings(self, ratings: Ratings) -> None:
        """Add the ratings to the session just stored."""
        if self._entry_id is None or (ratings.relaxed is None and ratings.sleepy is None):
            return
        from coach.history import HistoryError, update_ratings

        try:
            update_ratings(self.options.data_dir, self._entry_id, ratings.relaxed, ratings.sleepy,
                           record=self.last_record)
        except (HistoryError, OSError) as error:
            self.tell(str(error), title="Ratings not saved", severity="warning", timeout=10)

    def _remember(self, **changes: Any) -> None:
        """Keep a changed preference for next time; a refusing disk costs only the memory of it."""
        settings = replace(self.loaded.settings, **changes)
        try:
            save_settings(self.options.data_dir, settings, loaded=self.loaded)
        except OSError as error:
            self.tell(f"Settings not saved: {error.strerror or error}", severity="warning")
            return
        self.loaded = LoadedSettings(settings)

    def tell(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
             timeout: float = 5) -> None:
        """A notice in the corner. Notices quote file names and what files hold, so the text is shown
        as it is (no markup) with every control character and bidirectional override made visible."""
        self.notify(visible(message, lines=True), title=visible(title), severity=severity, timeout=timeout,
                    markup=False)

    # -- actions for every screen -----------------------------------------------------------------
    def action_toggle_sound(self) -> None:
        """Turn all sound (voice, chimes, bell) off or on, and remember it."""
        self.sound_on = not self.sound_on
        self._sound_changed()
        self._remember(sound=self.sound_on)
        self.tell("Sound on" if self.sound_on else "Sound off", timeout=2)

    def action_help(self) -> None:
        """The keys of the current screen."""
        from coach.ui.screens.help import HelpScreen, help_rows

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(help_rows(self.screen)))

    def action_command_palette(self) -> None:
        """Ctrl+P: Textual's palette, with page keys that wait for its list (see :class:`Palette`)."""
        from textual.command import CommandPalette

        from coach.ui.screens.palette import Palette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(Palette(id="--command-palette"))

    def action_history(self) -> None:
        """Past sessions (a problem with the history file is told at the top of that screen). A long
        history is read in a thread while the screen says so."""
        from coach.history import load_overview
        from coach.ui.screens.history import HistoryScreen

        if isinstance(self.screen, HistoryScreen):
            return
        show = self.loaded.settings.show_streak
        data_dir = self.options.data_dir
        if self._history_size() > READ_HISTORY_AT_ONCE:
            self.open_screen(HistoryScreen(None, self.now(), show_streak=show,
                                           reader=lambda: load_overview(data_dir)))
            return
        loaded = load_overview(data_dir)
        screen = HistoryScreen(loaded.sessions, self.now(), notice=loaded.notice, nights=loaded.nights,
                               show_streak=show)
        self.open_screen(screen)

    def on_history_screen_streak_toggled(self, message: HistoryScreen.StreakToggled) -> None:
        """The history screen's ``k``: remember whether the streak is shown."""
        self._remember(show_streak=message.show)

    async def action_quit(self) -> None:
        """Ctrl+Q: quit at once; a session under way is kept as far as it went."""
        self._keep_running_session()
        self.exit(0)

    def _keep_running_session(self, resumable: bool = False) -> None:
        """Stop the session under way, if any, and hand its record to history; ``resumable`` also leaves
        its snapshot for the next start to offer."""
        for screen in self._players():
            keeper = self._snapshots
            snapshot = keeper.snapshot(screen.session) if resumable and keeper is not None else None
            record = screen.stop()
            if record is not None:
                self._save_record(record, resumable=snapshot)

    def _players(self) -> list[PlayerScreen]:
        """The player screens in the stack (none when no session was ever started in this process:
        the player's module is then not even imported)."""
        module = sys.modules.get("coach.ui.screens.player.screen")
        if module is None:
            return []
        return [screen for screen in self.screen_stack if isinstance(screen, module.PlayerScreen)]

    # -- screens and their stylesheets ------------------------------------------------------------
    def open_screen(self, screen: Screen[Any], callback: Callable[[Any], None] | None = None) -> None:
        """Push ``screen``, its stylesheet read first (see :meth:`read_stylesheets`)."""
        self.read_stylesheets(type(screen))
        self.push_screen(screen, callback)

    def read_stylesheets(self, screen_type: type[Screen[Any]]) -> None:
        """Read and parse the stylesheets of ``screen_type`` (its ``CSS_PATH``) not read yet.

        Each screen keeps its own stylesheet, so the first screen does not wait for the others'. Left to
        Textual, a screen's stylesheet read when the screen is first shown has every stylesheet parsed
        again and every widget styled again; read here, only the new rules are parsed (they are all
        scoped to that screen, so nothing already shown needs styling again)."""
        css_path = screen_type.CSS_PATH
        paths_ = [css_path] if isinstance(css_path, (str, PurePath)) else list(css_path or ())
        new = [path for path in paths_ if not self.stylesheet.has_source(str(path), "")]
        for path in new:
            self.stylesheet.read(path)
        if new and self.is_running:
            self.stylesheet.parse()

    def prepare_player(self) -> None:
        """Import the player and read its stylesheet while the setup screen is read, so Enter starts the
        session without a pause."""
        from coach.ui.screens.player.screen import PlayerScreen

        self.read_stylesheets(PlayerScreen)


def create_app(options: LaunchOptions, clock: Callable[[], float] = time.monotonic,
               wall: Callable[[], float] = time.time, sound: SoundSystem | None = None) -> CoachApp:
    """The app for ``options``; tests pass a fake ``clock``/``wall`` to drive time, and a ``sound``
    system with fake players."""
    return CoachApp(options, clock, wall, sound)


def run_app(options: LaunchOptions) -> int:
    """Run the app full-screen until the user quits; the exit code (0 when all went well)."""
    app = create_app(options)
    app.run()
    return app.return_code if app.return_code is not None else 0
