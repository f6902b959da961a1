"""The sound layer as the app sees it: hand it a session's events, it speaks and chimes in the background.

:class:`SoundSystem` turns events into cues (:func:`~coach.sound.cues.cues_for`), cues into clips (the
cached chimes and rendered speech) and plays them through the first working player, all on one
background thread: the caller only puts a request in a queue, so no frame ever waits for a sound.
With ``threaded=False`` nothing runs by itself and :meth:`SoundSystem.pump` does the work, which is how
tests drive it with a fake clock and fake players.

Notices ("No sound player found: using the terminal bell") and unplayable cues (to ring the bell
instead) are reported through callbacks, called on the sound thread when threaded.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from coach.engine import Event, Plan
from coach.sound import chimes, speech
from coach.sound.config import QUIET_SHARE, SoundConfig
from coach.sound.cues import TONES, Cue, all_words, arrival_cues, cues_for
from coach.sound.playback import Playback
from coach.sound.players import Player, find_players
from coach.sound.speech import SpeechEngine, Voice, find_engine

TEST_WORDS = "This is the voice of coach. Sound is working."
SILENCE_SECONDS = 0.05


@dataclass(frozen=True)
class _Play:
    cue: Cue


@dataclass(frozen=True)
class _Prepare:
    texts: tuple[str, ...]
    soft: bool


@dataclass(frozen=True)
class _Probe:
    pass


@dataclass(frozen=True)
class _Stop:
    pass


_CLOSE = object()
_Request = _Play | _Prepare | _Probe | _Stop


class SoundSystem:
    """Speaks and chimes a session's cues in the background; see the module's docstring."""

    def __init__(
        self,
        config: SoundConfig,
        cache: Path,
        *,
        engine: SpeechEngine | bool | None = True,
        players: Sequence[Player] | None = None,
        clock: Callable[[], float] = time.monotonic,
        threaded: bool = True,
        on_notice: Callable[[str], None] | None = None,
        on_unplayable: Callable[[Cue], None] | None = None,
        on_change: Callable[[], None] | None = None,
        render: Callable[[str, Voice], Path | None] | None = None,
    ) -> None:
        """``engine`` True finds this machine's speech engine, None/False means none; ``players`` None
        finds this machine's players. ``cache`` is where chimes and speech clips are kept.
        ``on_change`` hears when the player in use changed (found by the probe, or given up on), so
        whatever shows :meth:`describe` can show it again. ``render`` replaces rendering speech with
        ``engine`` (tests give one that needs no engine)."""
        self.config = config
        self.cache = cache
        self.engine: SpeechEngine | None = find_engine() if engine is True else engine or None
        self.clock = clock
        self._render = render
        self.on_notice = on_notice
        """Hears each notice for the user (on the sound thread when threaded); may be replaced."""
        self.on_unplayable = on_unplayable
        """Hears each cue no player could play, to ring the bell instead; may be replaced."""
        self.on_change = on_change
        """Hears when the player in use changed; may be replaced."""
        self.threaded = threaded
        self._said: set[str] = set()
        self.playback = Playback(find_players() if players is None else players, self._clips,
                                 on_notice=self._notice, on_unplayable=self._unplayable)
        self._inbox: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._ahead: list[tuple[str, bool]] = []
        self._probed = self._probe_waiting = False
        self._shown = self._in_use()
        self._thread: threading.Thread | None = None
        if threaded:
            self._thread = threading.Thread(target=self._run, name="coach-sound", daemon=True)
            self._thread.start()

    # -- what the app calls -----------------------------------------------------------------------
    def events(self, events: Sequence[Event], plan: Plan) -> list[Cue]:
        """Sound the cues for one batch of a session's events; returns them (for the bell fallback and
        the visual cue). Also starts rendering what the next segment will say."""
        found = cues_for(events, plan, self.config)
        for cue in found:
            self._inbox.put(_Play(cue))
        started = [e.index for e in events if e.kind == "segment_started"]
        if started and started[-1] + 1 < len(plan.segments):
            self.prepare(arrival_cues(plan, started[-1] + 1, self.config))
        self._kick()
        return found

    def prepare(self, cues: Sequence[Cue]) -> None:
        """Render the words of ``cues`` in the background, so they are ready when their time comes."""
        if self.config.sound and self.config.voice and self.engine is not None:
            for soft in (False, True):
                texts = tuple(all_words(c for c in cues if c.soft == soft))
                if texts:
                    self._inbox.put(_Prepare(texts, soft))

    def play(self, cue: Cue) -> None:
        """Sound one cue (the setup screen's test, for one)."""
        self._inbox.put(_Play(cue))
        self._kick()

    def test(self) -> Cue:
        """Play the bell and a sample sentence, whatever the settings say (the user asked to hear it)."""
        cue = Cue("end", -1, "bell", TEST_WORDS if self.engine is not None else "")
        self.play(cue)
        return cue

    @property
    def probed(self) -> bool:
        """Whether :meth:`probe` was asked for (it then runs in the background)."""
        return self._probed

    def probe(self) -> None:
        """Look for a working player in the background by playing a moment of silence (and make the
        chimes, if this is the first time)."""
        self._probed = self._probe_waiting = True
        self._inbox.put(_Probe())
        self._kick()

    def silence(self) -> None:
        """Stop what plays and drop what waits (sound turned off, session left)."""
        self._inbox.put(_Stop())
        self._kick()

    def _kick(self) -> None:
        """Without a thread, do the work at once (fake players and clock: instant and deterministic)."""
        if not self.threaded:
            self.pump()

    def close(self) -> None:
        """Stop playing and end the sound thread."""
        self._inbox.put(_CLOSE)
        if self._thread is not None:
            self._thread.join(timeout=3)
        else:
            self.pump()

    @property
    def fallback(self) -> bool:
        """True once no player works: cues become the terminal bell and a dim visual cue."""
        return self.playback.dead

    def describe(self, config: SoundConfig | None = None) -> str:
        """What ``config`` (default: the system's own) will use, in a few words:
        "voice + chime, espeak-ng -> paplay"; "guide voice" when the whole instructions are spoken."""
        config = config or self.config
        if not config.sound:
            return "off"
        player = self.playback.player
        if player is None:
            return "terminal bell (no sound player)"
        voice = "guide voice" if config.guide else "voice"
        # Until the probe has played, the first player found may well not work: do not name it yet.
        if self.checking:
            what = f"{voice} + chime" if config.voice and self.engine is not None else "chime"
            return f"{what}, checking players"
        if config.voice and self.engine is not None:
            what = f"{voice} + chime, {self.engine.name} -> {player.name}"
        else:
            what = f"chime, {player.name}"
        if config.voice and self.engine is None:
            what += " (no speech engine)"
        return what

    @property
    def checking(self) -> bool:
        """The probe asked for has not finished: which player works is not known yet."""
        return self._probe_waiting or self.playback.probing

    def _in_use(self) -> tuple[str | None, bool, bool]:
        player = self.playback.player
        return (player.name if player is not None else None), self.playback.dead, self.checking

    def _moved_on(self, delay: float | None) -> float | None:
        """After a step of playback: tell ``on_change`` when the player in use changed."""
        now = self._in_use()
        if now != self._shown:
            self._shown = now
            if self.on_change is not None:
                self.on_change()
        return delay

    # -- the work ---------------------------------------------------------------------------------
    def pump(self) -> float | None:
        """Handle every request waiting and move playback on; the sound thread's one step (tests call it
        by hand). Returns what :meth:`Playback.pump` returns."""
        while True:
            try:
                request = self._inbox.get_nowait()
            except queue.Empty:
                break
            if request is _CLOSE:
                self.playback.stop(self.clock())
                return None
            self._apply(request)
        return self._moved_on(self.playback.pump(self.clock()))

    def _run(self) -> None:
        """The sound thread: sleep until asked, look at the player while one plays, render ahead."""
        delay: float | None = None
        while True:
            try:
                timeout = delay
                if delay is None and self._ahead:
                    timeout = 0.0
                request = self._inbox.get(timeout=timeout) if timeout != 0.0 else self._inbox.get_nowait()
            except queue.Empty:
                request = None
            if request is _CLOSE:
                self.playback.stop(self.clock())
                return
            if request is not None:
                self._apply(request)
            delay = self._moved_on(self.playback.pump(self.clock()))
            if delay is None and request is None:
                self.render_ahead(1)

    def render_ahead(self, count: int | None = None) -> int:
        """Render up to ``count`` (None: all) of the prepared words now; how many were rendered.
        The sound thread does one at a time whenever nothing plays."""
        done = 0
        while self._ahead and (count is None or done < count):
            text, soft = self._ahead.pop(0)
            self._speech(text, soft)
            done += 1
        return done

    def _apply(self, request: object) -> None:
        now = self.clock()
        if isinstance(request, _Play):
            self.playback.play(request.cue, now)
        elif isinstance(request, _Prepare):
            self._ahead.extend((text, request.soft) for text in request.texts)
            del self._ahead[:-20]  # only what is coming soon; skipping ahead makes the rest moot
        elif isinstance(request, _Probe):
            try:
                # Made now, before any session: synthesising takes a moment of CPU the first time.
                chimes.make_chimes(self.cache, TONES, (self._volume(False), self._volume(True)))
                self.playback.probe(chimes.silence_file(self.cache, SILENCE_SECONDS), now)
            except OSError as error:
                self._cache_failed(error)
            finally:
                self._probe_waiting = False
        elif isinstance(request, _Stop):
            self.playback.stop(now)

    def _clips(self, cue: Cue) -> list[Path]:
        """The files that sound ``cue``: its chime, then its words."""
        volume = self._volume(cue.soft)
        found: list[Path] = []
        try:
            if cue.tone is not None:
                found.append(chimes.chime_file(self.cache, cue.tone, volume))
        except OSError as error:
            self._cache_failed(error)
        if cue.words:
            clip = self._speech(cue.words, cue.soft)
            if clip is not None:
                found.append(clip)
        return found

    def _speech(self, text: str, soft: bool) -> Path | None:
        if self.engine is None:
            self._notice_once("engine", "No speech engine found (install espeak-ng): chimes only")
            return None
        voice = Voice(self.config.language, self.config.rate, self._volume(soft))
        if self._render is not None:
            clip = self._render(text, voice)
        else:
            clip = speech.render(self.engine, text, voice, self.cache / "speech")
        if clip is None:
            self._notice_once("render", f"{self.engine.name} could not speak; chimes only for those words")
        return clip

    def _volume(self, soft: bool) -> int:
        volume = self.config.volume
        return round(volume * QUIET_SHARE) if soft else volume

    def _cache_failed(self, error: OSError) -> None:
        self._notice_once("cache", f"Sound files cannot be written in {self.cache} ({error.strerror})")

    def _notice_once(self, key: str, text: str) -> None:
        if key not in self._said:
            self._said.add(key)
            self._notice(text)

    def _notice(self, text: str) -> None:
        if self.on_notice is not None:
            self.on_notice(text)

    def _unplayable(self, cue: Cue) -> None:
        if self.on_unplayable is not None:
            self.on_unplayable(cue)
