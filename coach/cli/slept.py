"""``coach slept 4``: how last night's sleep was, from the command line (a phone shortcut, a script).

Any night can be rated, nights without a massage too: they are what the sleep journal compares the
massage nights with. Answering a night again replaces the earlier answer.
"""

from __future__ import annotations

import sys
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TextIO

from coach.history import HistoryError, NightAnswer, answer_night, load_overview
from coach.history.journal import last_night
from coach.history.stats import local_time, night_of, now_in
from coach.wording import night_words, visible, yes_no

EXIT_OK, EXIT_BAD_INPUT, EXIT_NOT_SAVED = 0, 2, 1
OLDEST_DAYS = 366
"""How far back a night can be rated: a year (a typo in the year should not go unnoticed)."""


def parse_night(text: str) -> date:
    """``YYYY-MM-DD`` as a date; ``ValueError`` with a message for the user otherwise."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"--night must be a date as YYYY-MM-DD, got {text!r}") from None


def run(
    sleep: int,
    night_text: str | None,
    quick: bool | None,
    woke: bool | None,
    data_dir: Path | None,
    *,
    now: datetime | None = None,
    tz: tzinfo | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Keep the answer and say so; 0 when kept, 2 for a bad night, 1 when the disk refused."""
    out = out or sys.stdout
    err = err or sys.stderr
    now = now if now is not None else now_in(tz)
    try:
        night = parse_night(night_text) if night_text is not None else last_night(now, tz)
    except ValueError as error:
        print(f"coach slept: {visible(str(error))}.", file=err)
        return EXIT_BAD_INPUT
    tonight = night_of(now, tz)
    if night > tonight:
        print(f"coach slept: {night_words(night)} has not come yet (tonight is {tonight.isoformat()}).",
              file=err)
        return EXIT_BAD_INPUT
    if night >= local_time(now, tz).date():
        # Before midnight the night has barely begun: nobody can say yet how they slept.
        print(f"coach slept: {night_words(night)} has not been slept yet; rate it in the morning.", file=err)
        return EXIT_BAD_INPUT
    if (tonight - night).days > OLDEST_DAYS:
        print(f"coach slept: {night.isoformat()} is more than a year ago; check the date.", file=err)
        return EXIT_BAD_INPUT
    loaded = load_overview(data_dir)
    if loaded.notice:
        print(f"coach slept: {visible(loaded.notice, lines=True)}", file=err)
    answer = NightAnswer(night, sleep, quick, woke, answered_at=now.replace(microsecond=0))
    try:
        answer_night(data_dir, answer)
    except (HistoryError, OSError) as error:
        print(f"coach slept: not kept: {visible(str(error), lines=True)}", file=err)
        return EXIT_NOT_SAVED
    had = any(night_of(e.record.started_at, tz) == night for e in loaded.sessions)
    kind = "a night with a massage" if had else "a night without a session"
    details = []
    if quick is not None:
        details.append(f"fell asleep quickly: {yes_no(quick)}")
    if woke is not None:
        details.append(f"woke in the night: {yes_no(woke)}")
    extra = f"; {', '.join(details)}" if details else ""
    again = " (the earlier answer was replaced)" if loaded.answer_for(night) is not None else ""
    print(f"Kept: sleep {sleep} of 5 for {night_words(night)}, {kind}{extra}{again}.", file=out)
    return EXIT_OK
