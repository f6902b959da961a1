"""How long words take to say, estimated from the text and the speech rate, without rendering them.

Cues use it to never start words that cannot finish before the next cue that matters: a whole
instruction that would run over a hold's release falls back to the part's short cue.

Measured once against espeak-ng 1.51 (the engine coach uses on Linux): each of the 162 titles, cues and
instructions of the shipped routines rendered with ``espeak-ng -s RATE -w f.wav -f text.txt`` at rates
100, 150, 200 and 250, and each clip measured with ``sox f.wav -n stat`` ("Length (seconds)"). A least
squares fit at 150 words a minute gives 0.55 s to start and stop, 0.0696 s a letter and 0.39 s a pause at
a comma or full stop inside the text; at the other rates every term scales with 150 / rate within a few
percent. The estimate was at most 0.86 s short at 150 (1.44 s at 100) on those texts, which the margin
of :func:`fits` covers. ``say`` and Windows voices speak at similar rates for a given words per minute.
"""

from __future__ import annotations

import re

REFERENCE_RATE = 150
"""The words per minute the constants below were measured at."""
LETTERS_PER_WORD = 5.75
"""espeak-ng's "words per minute" counts words of about this many letters (0.0696 s a letter at 150)."""
START_SECONDS = 0.55
"""A clip's own start and end (espeak-ng's lead-in and trailing silence), at the reference rate."""
PAUSE_SECONDS = 0.39
"""Each pause at a comma, colon or full stop inside the text, at the reference rate."""
DIGIT_LETTERS = 4
"""A digit is said as a word: "5" takes about as long as "five"."""
MARGIN_SECONDS = 0.3
MARGIN_SHARE = 0.12
"""Room kept after words before the next cue: a fixed breath plus a share of the estimate, which is
more than the measured error at every rate tried."""

_PAUSE = re.compile(r"[,;:.!?](?=\s+\S)")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_DIGIT = re.compile(r"\d")


def speech_seconds(text: str, rate: int) -> float:
    """About how long ``text`` takes to say at ``rate`` words per minute; 0 for no words."""
    text = text.strip()
    if not text:
        return 0.0
    letters = len(_LETTER.findall(text)) + DIGIT_LETTERS * len(_DIGIT.findall(text))
    per_letter = 60.0 / (REFERENCE_RATE * LETTERS_PER_WORD)
    scale = REFERENCE_RATE / max(1, rate)
    return scale * (START_SECONDS + per_letter * letters + PAUSE_SECONDS * len(_PAUSE.findall(text)))


def margin(seconds: float) -> float:
    """The room to keep after something estimated ``seconds`` long before the next thing starts."""
    return MARGIN_SECONDS + MARGIN_SHARE * seconds


def fits(seconds: float, room: float) -> bool:
    """Whether something ``seconds`` long (a tone and words), started now, ends with a margin to spare
    before ``room`` seconds have passed."""
    return seconds + margin(seconds) <= room
