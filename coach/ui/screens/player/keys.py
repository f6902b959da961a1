"""The player's keys: one key each, never a chord (oily hands), and what the footer shows of them.

They follow the one scheme of :mod:`coach.ui.keys`: ``h`` is History and ``s`` Safety wherever they do
anything, so the player skips a step with Down and restarts a part with Home; F1 (the app's) and ``?``
open the help.

Right/Left and PageDown/PageUp are what presentation clickers send. Some keys have two bindings: a
quiet one (not in the footer) and one shown in the footer when the terminal is wide enough for it; the
screen's ``check_action`` enables exactly one of the two, so each key does one thing and the help lists
it once.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

WIDE_FOOTER = 106
"""From this many columns the footer also shows Back, Restart and +/- (it fits all ten keys)."""

WIDE_ONLY = frozenset({"back", "restart", "longer"})
"""Actions bound twice: ``action(1)`` is the footer's (wide terminals), ``action`` the quiet one."""

LAST_PART_QUESTION = "That was the last part. End the session?"
LAST_STEP_QUESTION = "This is the last step. End the session?"
END_DETAIL = "y or Enter: end it, keeping what was done\nn or Esc: go on"

_BACK = "Back to this part's start (twice: the part before)"
_RESTART = "This part again from its start"
_LONGER = "15 seconds more on this part"

BINDINGS: list[BindingType] = [
    Binding("space", "pause", "Pause", key_display="Space", tooltip="Pause: time stops"),
    Binding("space", "resume", "Resume", key_display="Space", tooltip="Go on from where you paused"),
    Binding("n,right,pagedown", "next", "Next part", key_display="n",
            tooltip="Skip to the next part"),
    Binding("down", "skip_step", "Skip step", key_display="↓", tooltip="Skip the rest of this step"),
    Binding("up", "step_back", "Step back", key_display="↑",
            tooltip="Back to this step's start (twice: the step before)"),
    Binding("p,left,pageup", "back(1)", "Back", key_display="p", tooltip=_BACK),
    Binding("p,left,pageup", "back", "Back", key_display="p", tooltip=_BACK, show=False),
    Binding("home", "restart(1)", "Restart", key_display="Home", tooltip=_RESTART),
    Binding("home", "restart", "Restart", tooltip=_RESTART, show=False),
    Binding("plus,equals_sign", "longer(1)", "15s", key_display="+/-", tooltip=_LONGER),
    Binding("plus,equals_sign", "longer", "15s", key_display="+/-", tooltip=_LONGER, show=False),
    Binding("minus", "shorter", "-15s", key_display="-", tooltip="15 seconds less on this part", show=False),
    Binding("m", "mute", "Mute", tooltip="Turn the sound off (voice, chimes and bell)"),
    Binding("m", "unmute", "Sound", tooltip="Turn the sound on"),
    Binding("question_mark,f1", "help", "Help", key_display="?", tooltip="These keys"),
    Binding("q,escape", "quit_session", "Quit", key_display="q",
            tooltip="End the session (asks first; keeps what was done)"),
]
"""The player's keys, in the order the footer and the help list them."""


def wide_variant_enabled(action: str, parameters: tuple[object, ...], width: int) -> bool | None:
    """For an action bound twice, whether this binding is the one in use at ``width``; None for others."""
    if action not in WIDE_ONLY:
        return None
    return bool(parameters) == (width >= WIDE_FOOTER)
