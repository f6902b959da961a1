"""Which clip plays now: priorities, cut-offs, timeouts and falling back from one player to the next.

A single-threaded state machine: :meth:`Playback.play` offers a cue, :meth:`Playback.pump` moves things
on at clock time ``now``. The sound thread (:mod:`coach.sound.system`) drives it in the background;
tests drive it by hand with a fake clock and fake players.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coach.sound.chimes import clip_seconds
from coach.sound.cues import Cue
from coach.sound.players import Handle, Player, player_names

TIMEOUT_EXTRA = 2.0
"""A player still running this long after its clip should have ended is stuck: it is killed, and the
next player is tried."""
UNKNOWN_LENGTH = 5.0
"""The time allowed for a clip whose length cannot be read."""
POLL = 0.05
"""After its clip's length, a player that has not ended yet is looked at this often until the limit."""
STALE = 3.0
"""A cue that waited longer than this behind a more important one is dropped: it would come too late."""
NO_PLAYER = "No sound player found: using the terminal bell"


@dataclass
class _Job:
    """A cue waiting to play (``cue`` None: the silent probe that finds a working player)."""

    cue: Cue | None
    queued: float
    clips: list[Path] | None = None

    @property
    def priority(self) -> int:
        return self.cue.priority if self.cue is not None else -1


@dataclass
class _Playing:
    job: _Job
    clips: list[Path]
    """The clips still to play, the current one first."""
    player: Player
    handle: Handle
    started: float
    limit: float
    length: float
    """The clip's own length: looking at the player before then is pointless."""


@dataclass
class PlayLog:
    """What happened, newest last, for tests and ``coach doctor``: (clock time, what, detail)."""

    entries: list[tuple[float, str, str]] = field(default_factory=list)

    def add(self, now: float, what: str, detail: str) -> None:
        """Keep one entry (the last 200)."""
        self.entries.append((now, what, detail))
        del self.entries[:-200]


class Playback:
    """Plays cues one at a time through the first player that works."""

    def __init__(
        self,
        players: Sequence[Player],
        clips_for: Callable[[Cue], list[Path]],
        *,
        on_notice: Callable[[str], None] | None = None,
        on_unplayable: Callable[[Cue], None] | None = None,
    ) -> None:
        """``clips_for`` turns a cue into the files to play (rendering speech if need be).
        ``on_notice`` hears, once, that no player works, when the first cue finds that out (not when a
        silent probe does: the setup screen says it then); ``on_unplayable`` hears of every cue that
        could not be played (to ring the bell instead)."""
        self.tried = [player.name for player in players]
        self._players = list(players)
        self._clips_for = clips_for
        self._on_notice = on_notice
        self._on_unplayable = on_unplayable
        self._current: _Playing | None = None
        self._pending: _Job | None = None
        self.working: Player | None = None
        """The player that last played a clip to its end."""
        self.log = PlayLog()
        self.notified = False
        self.timeout_extra = TIMEOUT_EXTRA
        """Seconds a player may run past its clip's length before it counts as stuck."""
        self.stale = STALE
        """Seconds a cue may wait behind a more important one before it is dropped."""

    # -- reading ----------------------------------------------------------------------------------
    @property
    def dead(self) -> bool:
        """True when no player is left to try: cues go to ``on_unplayable``."""
        return not self._players

    @property
    def player(self) -> Player | None:
        """The player in use (or to be tried first); None when none is left."""
        return self.working or (self._players[0] if self._players else None)

    @property
    def playing(self) -> Cue | None:
        """The cue playing now, if any."""
        return self._current.job.cue if self._current is not None else None

    @property
    def probing(self) -> bool:
        """The silent probe is playing or waiting to: which player works is not known yet."""
        return any(job is not None and job.cue is None
                   for job in (self._pending, self._current.job if self._current else None))

    @property
    def busy(self) -> bool:
        """Something is playing or waiting to."""
        return self._current is not None or self._pending is not None

    # -- commands ---------------------------------------------------------------------------------
    def play(self, cue: Cue, now: float) -> None:
        """Offer ``cue``: it cuts off a playing cue it beats (:meth:`Cue.beats`), else it waits its
        turn (only one cue waits: the one that beats the others)."""
        if self.dead:
            self._unplayable(cue)
            return
        job = _Job(cue, now)
        current = self._current
        if current is not None and _beats(cue, current.job):
            current.handle.stop()
            self.log.add(now, "cut", _what(current.job))
            self._current = None
        if self._pending is None or _beats(cue, self._pending):
            self._pending = job

    def probe(self, clip: Path, now: float) -> None:
        """Play ``clip`` (a moment of silence) to find a working player before any cue needs one."""
        if not self.dead and not self.busy:
            self._pending = _Job(None, now, [clip])

    def stop(self, now: float) -> None:
        """Stop whatever plays and forget whatever waits."""
        if self._current is not None:
            self._current.handle.stop()
            self.log.add(now, "cut", _what(self._current.job))
        self._current = self._pending = None

    def pump(self, now: float) -> float | None:
        """Move on at ``now``: end, time out or fall back from the playing clip, start the next.

        Returns the seconds until it should be called again (the clip's end, or soon after it while the
        player finishes), or None when idle: nothing plays.
        """
        while True:
            current = self._current
            if current is not None:
                status = current.handle.poll()
                if status is None and now - current.started < current.limit:
                    # Wake when the clip should have ended, then look again a little later until the
                    # limit: a few wake-ups per clip, not a steady poll.
                    until_end = current.started + current.length - now
                    return until_end if until_end > 0 else min(POLL, current.started + current.limit - now)
                if status is None:
                    current.handle.stop()
                    self._fail(current.player, "killed: did not finish in time", now)
                    self._start(current.job, current.clips, now)
                elif status != 0:
                    self._fail(current.player, f"exit status {status}", now)
                    self._start(current.job, current.clips, now)
                else:
                    self.working = current.player
                    self.log.add(now, "done", f"{current.player.name} {current.clips[0].name}")
                    self._start(current.job, current.clips[1:], now)
                continue
            job, self._pending = self._pending, None
            if job is None:
                return None
            if job.cue is not None and now - job.queued > self.stale:
                self.log.add(now, "dropped", _what(job))
                continue
            clips = job.clips if job.clips is not None else self._clips_for(job.cue) if job.cue else []
            self._start(job, clips, now)

    # -- inside -----------------------------------------------------------------------------------
    def _start(self, job: _Job, clips: list[Path], now: float) -> None:
        """Start the first of ``clips`` with the first player that starts; nothing when none are left."""
        self._current = None
        if not clips:
            return
        while self._players:
            player = self._players[0]
            try:
                handle = player.start(clips[0])
            except OSError as error:
                self._fail(player, f"could not start: {error}", now)
                continue
            length = clip_seconds(clips[0])
            limit = (length if length > 0 else UNKNOWN_LENGTH) + self.timeout_extra
            self._current = _Playing(job, clips, player, handle, now, limit, max(0.0, length))
            self.log.add(now, "play", f"{player.name} {clips[0].name}")
            return
        if job.cue is not None:
            self._unplayable(job.cue)

    def _fail(self, player: Player, why: str, now: float) -> None:
        self.log.add(now, "failed", f"{player.name}: {why}")
        if player in self._players:
            self._players.remove(player)
        if self.working is player:
            self.working = None

    def _unplayable(self, cue: Cue) -> None:
        if not self.notified:
            self.notified = True
            if self._on_notice is not None:
                self._on_notice(no_player_notice(self.tried))
        if self._on_unplayable is not None:
            self._on_unplayable(cue)


def _beats(cue: Cue, job: _Job) -> bool:
    return job.cue is None or cue.beats(job.cue)


def no_player_notice(tried: Sequence[str]) -> str:
    """The one notice that sound falls back to the bell, naming the players that failed."""
    if not tried:
        return NO_PLAYER
    return f"{NO_PLAYER} ({', '.join(tried)} did not play)"


def _what(job: _Job) -> str:
    if job.cue is None:
        return "probe"
    return f"{job.cue.kind} {job.cue.tone or ''} {job.cue.words!r}".replace("  ", " ")


__all__ = ["NO_PLAYER", "PlayLog", "Playback", "no_player_notice", "player_names"]
