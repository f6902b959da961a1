"""The one key scheme of coach: every key has one kind of meaning on every screen.

Written once here; the README's key table is :func:`readme_table` of it (a test compares them), each
screen's ``BINDINGS`` use only these keys for actions of the key's kind (a test checks every screen), and
every screen's help is generated from its ``BINDINGS``. Where a key has no action on a screen it does
nothing there; it never does something of another kind.
"""

from __future__ import annotations

from typing import NamedTuple


class Key(NamedTuple):
    """One key of the scheme: the kind of thing it does, and what it does on each screen."""

    kind: str
    meaning: str
    """What it does, said once for all screens (the README's table)."""


KEYS: dict[str, Key] = {
    "enter": Key("go on", "go on: start (setup), done (summary), yes (a question)"),
    "space": Key("toggle", "toggle what is in front of you: tick an item (setup), pause or resume "
                 "(player)"),
    "n": Key("next", "next part (player); no (a yes/no question, which says so)"),
    "p": Key("previous", "back to this part's start, twice: the part before (player)"),
    "right": Key("next", "next: the next oil (setup), the next part (player)"),
    "left": Key("previous", "previous: the oil before (setup), back a part (player)"),
    "pagedown": Key("next", "next: the next part (player, as presentation clickers send it), a page "
                    "down (summary)"),
    "pageup": Key("previous", "previous: back a part (player), a page up (summary)"),
    "down": Key("next", "the next row (setup, summary); skip the rest of this step (player)"),
    "up": Key("previous", "the row before (setup, summary); back to this step's start (player)"),
    "home": Key("to the start", "to the start: the first item (setup), this part again from its start "
                "(player)"),
    "end": Key("to the end", "the last item (setup)"),
    "plus": Key("more", "more: a minute longer (setup), 15 seconds more (player)"),
    "equals_sign": Key("more", "as +, without Shift"),
    "minus": Key("less", "less: a minute shorter (setup), 15 seconds less (player)"),
    "right_square_bracket": Key("more", "as +"),
    "left_square_bracket": Key("less", "as -"),
    "0": Key("reset", "back to the routine's own length (setup)"),
    "1": Key("number", "choose by number: tick item 1-9 (setup), answer 1-5 (summary)"),
    **{str(n): Key("number", "") for n in range(2, 10)},
    "r": Key("routine", "the next routine (setup)"),
    "t": Key("mode", "your own feet or a partner's (setup)"),
    "f": Key("feet", "both feet, left only, right only (setup)"),
    "b": Key("breathing", "breathing: the routine's own, or one pattern throughout (setup)"),
    "o": Key("oil", "the next oil or lotion (setup)"),
    "w": Key("weeks", "the last 2 or 4 weeks (history)"),
    "k": Key("streak", "show or hide the nights in a row, remembered (history)"),
    "m": Key("sound", "sound on or off (voice, chimes and the bell), everywhere it shows"),
    "v": Key("voice", "the voice: titles only, the whole instructions, or off (setup)"),
    "a": Key("test", "test the sound: a chime and a sample sentence, now (setup)"),
    "s": Key("safety", "the safety notes, or back from them (setup)"),
    "h": Key("history", "your past sessions (setup, summary); back from them (history)"),
    "question_mark": Key("help", "help: every key of this screen"),
    "f1": Key("help", "help, on every screen, without Shift"),
    "q": Key("leave", "leave this screen: quit (setup), end the session, asking first (player), done "
             "(summary), back"),
    "escape": Key("leave", "back or leave: as q, and back from the safety notes (setup); no (a question)"),
    "y": Key("go on", "yes (a yes/no question)"),
    "ctrl+q": Key("quit", "quit coach from anywhere (a session under way is kept)"),
    "ctrl+z": Key("suspend", "put coach aside until fg"),
    "ctrl+p": Key("commands", "the command palette: the colour theme, and Textual's own commands"),
}

ACTION_KINDS: dict[str, str] = {
    # setup
    "start": "go on", "tick_current": "toggle", "quit_setup": "leave", "history": "history",
    "app.history": "history", "help": "help", "app.help": "help", "routine": "routine", "length": "length",
    "natural_length": "reset", "mode": "mode", "feet": "feet", "breathing": "breathing", "sound": "sound",
    "voice": "voice", "test_sound": "test",
    "oil": "oil", "safety": "safety", "close_safety": "leave", "tick": "number", "move": "row",
    "move_to(0)": "to the start", "move_to(-1)": "to the end", "cycle_current(-1)": "previous",
    "cycle_current(1)": "next", "suspend_process": "suspend", "quit": "quit", "command_palette": "commands",
    # player
    "pause": "toggle", "resume": "toggle", "next": "next", "skip_step": "next", "step_back": "previous",
    "back": "previous", "restart": "to the start", "longer": "more", "shorter": "less", "mute": "sound",
    "unmute": "sound", "quit_session": "leave",
    # summary and history
    "done": "go on", "rate": "number", "question": "row", "scroll_steps": "page", "close": "leave",
    "toggle_weeks": "weeks", "toggle_streak": "streak",
    # a yes/no question
    "answer": "answer",
}
"""The kind of each action bound on a screen (by its name, without parameters)."""

COMPATIBLE: dict[str, set[str]] = {
    "next": {"next", "row", "page"},
    "previous": {"previous", "row", "page"},
    "more": {"more", "length"},
    "less": {"less", "length"},
    "go on": {"go on", "answer"},
    "leave": {"leave", "answer", "go on"},
    "history": {"history", "leave"},
    "n": set(),
}
"""Actions of a near kind that a key may also do: Down moves to the next row or the next step alike;
q and Escape leave the summary by finishing it ("done"); h leaves the history it opened; Enter, y, n
and Escape answer a yes/no question, which shows those keys on it."""


def kind_fits(key: str, action: str) -> bool:
    """Whether binding ``key`` to ``action`` keeps the key's one kind of meaning."""
    scheme = KEYS.get(key)
    kind = ACTION_KINDS.get(action, ACTION_KINDS.get(action.split("(", 1)[0]))
    if scheme is None or kind is None:
        return False
    if kind == "answer":
        return key in ("y", "n", "enter", "escape")
    return kind == scheme.kind or kind in COMPATIBLE.get(scheme.kind, set())


def key_label(key: str) -> str:
    """How the README and the help write a key: ``Enter``, ``Space``, ``+``, ``Ctrl+Q``."""
    names = {
        "enter": "Enter", "space": "Space", "escape": "Esc", "question_mark": "?", "plus": "+",
        "minus": "-", "equals_sign": "=", "left_square_bracket": "[", "right_square_bracket": "]",
        "pagedown": "PageDown", "pageup": "PageUp", "home": "Home", "end": "End", "up": "Up", "down": "Down",
        "left": "Left", "right": "Right", "f1": "F1",
    }
    if key.startswith("ctrl+"):
        return "Ctrl+" + key[5:].upper()
    return names.get(key, key)


def readme_table() -> str:
    """The README's key table: every key once, with what it does on every screen."""
    lines = ["| key | kind | does |", "|-----|------|------|"]
    for key, spec in KEYS.items():
        if not spec.meaning:
            continue  # 2-9 go with 1
        label = "1-9" if key == "1" else key_label(key)
        lines.append(f"| `{label}` | {spec.kind} | {spec.meaning} |")
    return "\n".join(lines)
