"""The setup screen's session panel: routine, length, mode, feet, breathing and sound, one row each, and
whether the screen is kept on during a session.

Each row shows the key that changes it; the screen owns the values and the keys and calls
:meth:`SessionPanel.show` after every change. Clicks on a row bubble up as :class:`ChoiceRow.Pressed`.
Text from the routines file (names, descriptions) is shown literally.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from coach.awake.keepers import AwakeStatus
from coach.routines import Library
from coach.ui.choices import SetupChoice
from coach.ui.screens.setup import text as words
from coach.ui.widgets.choice_row import ChoiceRow


class SessionPanel(Vertical):
    """The rows of the session's settings, with the length's clocks and the breathing's pacing."""

    def compose(self) -> ComposeResult:
        """One row per setting, with its details under it."""
        yield ChoiceRow("r", "Routine", id="routine-row")
        yield Static("", id="routine-name", markup=False)
        yield Static("", id="routine-description", markup=False)
        yield ChoiceRow("-/+", "Length", arrows=True, id="length-row")
        yield Static("", id="length-detail", markup=False)
        yield Static("", id="length-plan", markup=False)
        yield ChoiceRow("t", "Mode", id="mode-row")
        yield ChoiceRow("f", "Feet", id="feet-row")
        yield ChoiceRow("b", "Breath", id="breathing-row")
        yield Static("", id="breathing-detail", markup=False)
        yield ChoiceRow("m", "Sound", id="sound-row")
        yield Static("", id="sound-detail", markup=False)
        yield Static("", id="awake-line", markup=False)

    def show(self, library: Library, choice: SetupChoice, sound: str, awake: AwakeStatus | None = None,
             *, compact: bool = False) -> None:
        """Show ``choice``, ``sound`` (what the session will sound with: "voice + chime, espeak-ng ->
        aplay") and ``awake`` (whether the screen is kept on in a session); ``compact`` puts the length's
        clocks and range on one line."""
        routine = library.routine(choice.routine_id)
        ids = list(library.routines)
        position = f"{ids.index(routine.id) + 1} of {len(ids)}"
        self.query_one("#routine-row", ChoiceRow).show(position)
        self.query_one("#routine-name", Static).update(routine.name)
        self.query_one("#routine-description", Static).update(routine.description)
        view = words.length_view(routine, len(choice.feet), choice.minutes, library)
        self.query_one("#length-row", ChoiceRow).show(view.value, view.note)
        self.query_one("#length-detail", Static).update(view.short if compact else view.detail)
        plan = self.query_one("#length-plan", Static)
        plan.update(view.plan)
        plan.display = bool(view.plan)
        plan.set_class(view.refused, "-refused")
        self.query_one("#mode-row", ChoiceRow).show(words.mode_label(choice.mode))
        self.query_one("#feet-row", ChoiceRow).show(words.feet_label(choice.feet))
        breathing, pacing = words.breathing_view(library, routine, choice.breathing)
        self.query_one("#breathing-row", ChoiceRow).show(breathing)
        self.query_one("#breathing-detail", Static).update(pacing)
        value, detail = words.sound_view(sound)
        self.query_one("#sound-row", ChoiceRow).show(value)
        self.query_one("#sound-detail", Static).update(detail)
        line = self.query_one("#awake-line", Static)
        line.update(awake.line(short=compact) if awake is not None else "")
        line.display = awake is not None
