"""The setup screen's keys: one key per action, shown in the footer or beside the row it changes."""

from __future__ import annotations

from textual.binding import Binding, BindingType

SOUND_KEYS = "m sound on/off · v voice: titles, whole, off · a test"

SETUP_BINDINGS: list[BindingType] = [
    # Not a priority binding: Enter must act after the keys typed before it (t, r, f...), in order.
    Binding("enter", "start", "Start", tooltip="Start the massage"),
    # Space belongs to the screen, not the checklist: the footer lists the focused widget's keys first,
    # so a key of the checklist's would come and go, and move the others, as the focus moves.
    # Help and Quit come first after Start: on a narrow terminal the footer is cut at its right end.
    Binding("question_mark", "app.help", "Help", tooltip="These keys"),
    Binding("q", "quit_setup", "Quit", tooltip="Leave coach"),
    Binding("space", "tick_current", "Tick", tooltip="Tick or untick the highlighted item"),
    Binding("h", "app.history", "History", tooltip="Past sessions"),
    # The setting rows show their own keys (r, -/+, t, f, b, m) beside them: the footer leaves them out
    # so that what has no label elsewhere (Quit, History, Help) fits in 80 columns.
    Binding("r", "routine(1)", "Routine", show=False, tooltip="Next routine"),
    Binding("minus", "length(-1)", "Length", show=False, key_display="-/+", tooltip="One minute shorter"),
    Binding("plus", "length(1)", "Longer", show=False, tooltip="One minute longer"),
    Binding("equals_sign", "length(1)", "Longer", show=False),
    Binding("left_square_bracket", "length(-1)", "Shorter", show=False),
    Binding("right_square_bracket", "length(1)", "Longer", show=False),
    Binding("0", "natural_length", "Natural length", show=False, tooltip="The routine's own length"),
    Binding("t", "mode", "Mode", show=False, tooltip="Your own feet or a partner's (together)"),
    Binding("f", "feet(1)", "Feet", show=False, tooltip="Both feet, left only, right only"),
    Binding("b", "breathing(1)", "Breath", show=False,
            tooltip="Breathing: the routine's own, or one pattern throughout"),
    # m, v and a share one explanation, so the help gives them one row (it must fit 80x24).
    Binding("m", "sound", "Sound", show=False, tooltip=SOUND_KEYS),
    Binding("v", "voice", "Voice", show=False, tooltip=SOUND_KEYS),
    Binding("a", "test_sound", "Test sound", show=False, tooltip=SOUND_KEYS),
    Binding("o", "oil", "Oil", tooltip="Next oil or lotion"),
    # Escape shares s's words, so the help lists them on one row (it fits 80x24 with the sound row).
    Binding("s", "safety", "Safety", tooltip="Only the safety notes, or back"),
    Binding("escape", "close_safety", "Back", show=False, tooltip="Only the safety notes, or back"),
    Binding("1", "tick(1)", "Tick", show=False, tooltip="Tick or untick an item by its number"),
    # Help lists one row per action: the other digits do the same, so they go without a description.
    *(Binding(str(n), f"tick({n})", "", show=False) for n in range(2, 10)),
]
"""One key per action, no chords: Enter starts, q quits, digits tick items, letters change settings.

The actions are :class:`~coach.ui.screens.setup.screen.SetupScreen`'s; the descriptions show in the footer
and the tooltips in the help."""
