"""The cue channel of a served session: what the app wants heard, carried to the browser page that plays it.

In ``coach serve`` each browser tab runs the app in a subprocess whose output is a stream of packets
(textual's web driver: ``D`` for terminal data, ``M`` for a JSON "meta" dictionary). The sound must come
from the phone, so the app plays nothing itself; instead:

- a **chime** is a meta packet ``{"type": "coach_cue", "cue": "chime", "sound": "bell"}``, and a plain
  terminal bell (BEL in the data, outside escape sequences) is heard as the ``bell`` chime too;
- a **spoken cue** is ``{"type": "coach_cue", "cue": "say", "text": "Arch work"}``;
- whether the **screen should stay on** is ``{"type": "coach_cue", "cue": "awake", "held": true}``.

The server checks each packet (:meth:`PageCue.from_meta`) and hands the page ``["coach", {...}]`` as a
text message on the session's websocket, next to the terminal data. The page plays chimes with the Web
Audio API, speaks with the browser's speech synthesis and holds a Screen Wake Lock.

Only the standard library here: the app imports this module, the web server is not needed for it.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

CHANNEL_ENV = "COACH_CUE_CHANNEL"
"""Set to :data:`PAGE` by ``coach serve`` for the app subprocesses it starts."""
PAGE = "page"
META_TYPE = "coach_cue"
"""The ``type`` of the meta packets that carry cues."""
MAX_TEXT = 400
"""Longest spoken cue passed on, in characters: a step's instruction fits; a runaway string does not."""

CueKind = Literal["chime", "say", "awake"]
Chime = Literal["bell", "tick", "tock", "chord"]
CHIMES: tuple[Chime, ...] = ("bell", "tick", "tock", "chord")
"""The page's chimes, as the sound layer names its tones: a soft bell for a new step or foot, a wood-like
tick when a hold or part starts, a lower tock for a release, a closing chord at the end."""


def served() -> bool:
    """Whether this process is an app started by ``coach serve`` (drawn in a browser page)."""
    return os.environ.get(CHANNEL_ENV) == PAGE


def clean_text(text: str) -> str:
    """``text`` as plain words for speech: control and format characters (escape sequences, bells,
    bidirectional overrides) dropped, any run of white space made one space, at most :data:`MAX_TEXT`."""
    kept = "".join(" " if ch.isspace() else ch for ch in text if ch.isspace() or _printable(ch))
    return " ".join(kept.split())[:MAX_TEXT].rstrip()


def _printable(ch: str) -> bool:
    return unicodedata.category(ch)[0] != "C"


@dataclass(frozen=True)
class PageCue:
    """One cue for the page: a chime, words to speak, or whether to keep the screen on."""

    cue: CueKind
    sound: Chime = "bell"
    """For a chime: which one."""
    soft: bool = False
    """For a chime: played at half the volume (the quiet level, for a partner drifting off)."""
    text: str = ""
    """For a spoken cue: the words, plain text."""
    held: bool = False
    """For an awake cue: True while a session runs, False when the screen may sleep again."""

    def to_meta(self) -> dict[str, object]:
        """The meta packet the app writes."""
        return {"type": META_TYPE, **self.to_page()}

    def to_page(self) -> dict[str, object]:
        """What the page receives (inside ``["coach", ...]``)."""
        if self.cue == "chime":
            return {"cue": "chime", "sound": self.sound, "soft": self.soft}
        if self.cue == "say":
            return {"cue": "say", "text": self.text}
        return {"cue": "awake", "held": self.held}

    @classmethod
    def from_meta(cls, meta: Mapping[str, object]) -> PageCue | None:
        """The cue in a meta packet from the app, or None when it is not a well-formed cue.

        The server passes on only what this returns: a known cue with a known chime, plain text of
        bounded length, a true boolean.
        """
        if meta.get("type") != META_TYPE:
            return None
        cue = meta.get("cue")
        if cue == "chime":
            sound, soft = meta.get("sound"), meta.get("soft", False)
            if sound not in CHIMES or not isinstance(soft, bool):
                return None
            return cls("chime", sound=sound, soft=soft)
        if cue == "say":
            text = meta.get("text")
            words = clean_text(text) if isinstance(text, str) else ""
            return cls("say", text=words) if words else None
        if cue == "awake":
            held = meta.get("held")
            return cls("awake", held=held) if isinstance(held, bool) else None
        return None


class PageCueSink:
    """The app's end of the channel: cues written to the app's output for the page to play.

    ``write_meta`` writes one meta packet (textual's web driver has it); the sound layer calls
    :meth:`chime` and :meth:`say` where it would play sound on this machine, and the keep-awake logic
    calls :meth:`awake`. Nothing is played here: in a served session the server stays silent.
    """

    def __init__(self, write_meta: Callable[[dict[str, object]], None]) -> None:
        self._write_meta = write_meta
        self.sent: list[PageCue] = []
        """Every cue sent, in order (the app shows nothing of it; tests and the summary may read it)."""

    def chime(self, sound: Chime = "bell", soft: bool = False) -> None:
        """Ring ``sound`` on the page (at half the volume when ``soft``)."""
        self._send(PageCue("chime", sound=sound, soft=soft))

    def cue(self, tone: Chime | None, words: str, soft: bool = False) -> None:
        """One cue of the sound layer: its tone (if any), then its words (if any)."""
        if tone is not None:
            self.chime(tone, soft)
        self.say(words)

    def say(self, text: str) -> None:
        """Speak ``text`` on the page (as plain words; nothing in it is markup or a command)."""
        words = clean_text(text)
        if words:
            self._send(PageCue("say", text=words))

    def awake(self, held: bool) -> None:
        """Ask the page to keep the screen on (True) or to let it sleep again (False)."""
        self._send(PageCue("awake", held=held))

    def _send(self, cue: PageCue) -> None:
        self.sent.append(cue)
        self._write_meta(cue.to_meta())


_STRING = re.compile(rb"\x1b[\]PX^_].*?(?:\x07|\x1b\\)", re.DOTALL)
"""An OSC, DCS, SOS, PM or APC string with its terminator: a BEL inside one only ends it."""
_OPENER = re.compile(rb"\x1b[\]PX^_]")


class BellScanner:
    """Counts the terminal bells in a stream of terminal output that arrives in pieces.

    A BEL byte rings unless it ends an escape string (a window title, a clipboard copy...), and a string
    may be split between two pieces, so a little state is carried from one piece to the next.
    """

    def __init__(self) -> None:
        self._carry = b""

    def feed(self, data: bytes) -> int:
        """How many bells ring in ``data``, the next piece of the stream."""
        data = self._carry + data
        self._carry = b""
        if b"\x07" not in data and _OPENER.search(data) is None:
            # The common frame: nothing rings and no string is left open (an ESC at the end may start one).
            self._carry = b"\x1b" if data.endswith(b"\x1b") else b""
            return 0
        outside = _STRING.sub(b"", data)
        opened = _OPENER.search(outside)
        if opened is not None:
            # An unfinished string: keep its opener, and a final ESC that may begin its terminator.
            tail = outside[opened.start():]
            self._carry = tail[:2] + (b"\x1b" if len(tail) > 2 and tail.endswith(b"\x1b") else b"")
            outside = outside[:opened.start()]
        elif outside.endswith(b"\x1b"):
            self._carry = b"\x1b"  # the next piece may turn this ESC into a string opener
        return outside.count(b"\x07")
