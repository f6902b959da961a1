"""One key scheme: each key does the same kind of thing on every screen, and the README says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding

from coach.ui.app import CoachApp
from coach.ui.keys import KEYS, kind_fits, readme_table
from coach.ui.screens.confirm import ConfirmScreen
from coach.ui.screens.history import HistoryScreen
from coach.ui.screens.player.screen import PlayerScreen
from coach.ui.screens.setup.screen import SetupScreen
from coach.ui.screens.summary import SummaryScreen
from coach.ui.widgets.checklist import Checklist

README = Path(__file__).parents[2] / "README.md"
HOLDERS = [SetupScreen, PlayerScreen, SummaryScreen, HistoryScreen, ConfirmScreen, CoachApp, Checklist]


def bindings() -> list[tuple[str, str, str]]:
    found = []
    for holder in HOLDERS:
        for declared in holder.__dict__.get("BINDINGS", []):
            binding = declared if isinstance(declared, Binding) else Binding(*declared)
            for key in binding.key.split(","):
                found.append((holder.__name__, key.strip(), binding.action))
    return found


@pytest.mark.parametrize(("holder", "key", "action"), bindings())
def test_each_key_does_its_one_kind_of_thing(holder: str, key: str, action: str) -> None:
    assert key in KEYS, f"{holder}: {key!r} is not in the key scheme (coach.ui.keys)"
    assert kind_fits(key, action), f"{holder}: {key!r} means {KEYS[key].kind!r}, not {action!r}"


def test_the_keys_that_used_to_mean_two_things_mean_one() -> None:
    by_key: dict[str, set[str]] = {}
    for _holder, key, action in bindings():
        by_key.setdefault(key, set()).add(action.split("(")[0].removeprefix("app."))
    assert by_key["h"] == {"history", "close"}  # the history, and back from it
    assert by_key["s"] == {"safety"}
    assert by_key["r"] == {"routine"}
    assert by_key["question_mark"] == by_key["f1"] == {"help"}


def test_the_readme_has_the_key_table_as_the_scheme_writes_it() -> None:
    assert readme_table() in README.read_text(encoding="utf-8")


def test_coach_help_lists_the_players_keys_as_bound() -> None:
    """``coach --help`` cannot import the player (no textual there), so its list of keys is written out:
    it must name exactly the keys the player binds."""
    import re

    from coach.cli import KEYS as HELP_KEYS

    names = {"Space": "space", "Right": "right", "PgDn": "pagedown", "Left": "left", "PgUp": "pageup",
             "Down": "down", "Up": "up", "Home": "home", "+": "plus", "-": "minus", "?": "question_mark",
             "F1": "f1", "Esc": "escape", "n": "n", "p": "p", "m": "m", "q": "q"}
    listed = {names[token] for token in re.split(r"[\s,/]+", HELP_KEYS) if token in names}
    bound = {key for holder, key, _action in bindings() if holder == "PlayerScreen"}
    assert listed == bound - {"equals_sign"}  # = is + without Shift
