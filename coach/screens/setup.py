"""The setup screen: prepare the room and the feet, choose routine, length, mode and feet, then Enter.

Every action is one key (shown in the footer and beside its row) and every row also answers a click,
so nothing needs two keys at once or the mouse. Dismisses a :class:`SetupChoice` on Enter, ``None`` on q.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import ClassVar

from rich.table import Table
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Click, Resize
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from coach.choices import SetupChoice
from coach.routines import Foot, Library, Mode, Routine
from coach.screens import setup_text as words
from coach.widgets.bullets import bullets
from coach.widgets.checklist import Checklist
from coach.widgets.choice_row import ChoiceRow

OIL_ITEM = "oil"
"""The checklist item whose choice becomes :attr:`SetupChoice.oil`."""

NARROW = 70
SHORT = 20

START_PAUSE_AFTER_SESSION = 1.0
"""Seconds the setup screen shown after a session ignores Start (see :meth:`SetupScreen.action_start`)."""


class StartLine(Static):
    """The line that says how to start; a click starts too."""

    async def on_click(self, event: Click) -> None:
        """Start, as Enter does."""
        event.stop()
        await self.run_action("screen.start")


class SetupScreen(Screen[SetupChoice | None]):
    """Checklist, routine, length, mode and feet, the safety notes, and Start."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority binding: Enter must act after the keys typed before it (t, r, f...), in order.
        Binding("enter", "start", "Start", tooltip="Start the massage"),
        Binding("q", "quit_setup", "Quit", tooltip="Leave coach"),
        Binding("h", "app.history", "History", tooltip="Past sessions"),
        Binding("question_mark", "app.help", "Help", tooltip="These keys"),
        # The setting rows show their own keys (r, -/+, t, f, b) beside them: the footer leaves them out
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
        Binding("m", "chime", "Chime", show=False,
                tooltip="Chime on or off: the terminal bell at each change"),
        Binding("o", "oil", "Oil", tooltip="Next oil or lotion"),
        # Escape shares s's words, so the help lists them on one row (it fits 80x24 with the chime row).
        Binding("s", "safety", "Safety", tooltip="Only the safety notes, or back"),
        Binding("escape", "close_safety", "Back", show=False, tooltip="Only the safety notes, or back"),
        Binding("1", "tick(1)", "Tick", show=False, tooltip="Tick or untick an item by its number"),
        # Help lists one row per action: the other digits do the same, so they go without a description.
        *(Binding(str(n), f"tick({n})", "", show=False) for n in range(2, 10)),
    ]
    """One key per action, no chords: Enter starts, q quits, digits tick items, letters change settings."""

    class ChimeToggled(Message):
        """``m`` (or a click on the chime row) turned the chime on or off; the app keeps the setting."""

        def __init__(self, chime: bool) -> None:
            super().__init__()
            self.chime = chime

    def __init__(
        self,
        library: Library,
        prefill: SetupChoice,
        *,
        lengths: Mapping[str, float] | None = None,
        chime: bool = True,
        start_pause: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``prefill.minutes`` is the length for ``prefill.routine_id``; ``lengths`` holds the lengths
        remembered for the other routines (a routine without one shows its natural length); ``chime``
        is whether the bell rings at changes now; Start is ignored for ``start_pause`` seconds of
        ``clock`` after the screen is shown."""
        super().__init__()
        self._clock = clock
        # Counted from now, not from mounting: a key already queued can reach the screen before that.
        self._ready_at = clock() + start_pause
        self.library = library
        self.chime = chime
        known = prefill.routine_id in library.routines
        routine_id = prefill.routine_id if known else library.default_routine
        self.routine_id: str = routine_id
        self.mode: Mode = prefill.mode if prefill.mode in ("self", "partner") else "self"
        self.feet: tuple[Foot, ...] = prefill.feet or ("left", "right")
        # Each routine keeps its own length while the screen is up: r to another routine and back
        # finds the length as it was left. Ids the library does not have are of no use here.
        self._lengths: dict[str, float | None] = {
            rid: minutes for rid, minutes in (lengths or {}).items() if rid in library.routines
        }
        # An explicit length (from the command line) is kept even beyond the stepper's bounds: the fit
        # note says what it does. Only the -/+ keys stay inside the bounds.
        self.minutes: float | None = prefill.minutes if known else self._lengths.get(routine_id)
        self.breathing: str | None = prefill.breathing if prefill.breathing in library.breathing else None
        picks = {OIL_ITEM: prefill.oil} if prefill.oil and self._valid_oil(prefill.oil) else {}
        self._checklist = Checklist(library.setup_for(self.mode), prefill.ticked, picks, id="checklist")

    @property
    def routine(self) -> Routine:
        """The chosen routine."""
        return self.library.routine(self.routine_id)

    @property
    def choice(self) -> SetupChoice:
        """What Enter would hand back now."""
        return SetupChoice(
            routine_id=self.routine_id,
            mode=self.mode,
            minutes=self.minutes,
            feet=self.feet,
            oil=self._checklist.picks.get(OIL_ITEM),
            ticked=self._checklist.ticked,
            breathing=self.breathing,
        )

    def compose(self) -> ComposeResult:
        """The two panels and the safety notes (scrolling together), the start line and the footer."""
        with VerticalScroll(id="setup-main"):
            with Horizontal(id="setup-body"):
                with Vertical(id="prepare") as prepare:
                    prepare.border_title = "Prepare: tick what is ready"
                    prepare.border_subtitle = "nothing is required"
                    yield self._checklist
                    yield Static("", id="item-detail", markup=False)
                with Vertical(id="session") as session:
                    session.border_title = "Session"
                    yield ChoiceRow("r", "Routine", id="routine-row")
                    yield Static("", id="routine-name", markup=False)
                    yield Static("", id="routine-description", markup=False)
                    yield ChoiceRow("-/+", "Length", arrows=True, id="length-row")
                    yield Static("", id="length-detail", markup=False)
                    yield Static("", id="length-warning", markup=False)
                    yield ChoiceRow("t", "Mode", id="mode-row")
                    yield ChoiceRow("f", "Feet", id="feet-row")
                    yield ChoiceRow("b", "Breath", id="breathing-row")
                    yield Static("", id="breathing-detail", markup=False)
                    yield ChoiceRow("m", "Chime", id="chime-row")
            with Vertical(id="safety") as safety:
                safety.border_title = "Gently"
                safety.border_subtitle = "s: only these notes"
                yield Static(self._safety_content(), id="safety-notes")
        yield Static(self._safety_line(), id="safety-line")
        start = Content.assemble(("Enter", "bold $accent"), ("  Start the massage", "bold"))
        yield StartLine(start, id="start")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        """Fill the rows and give the checklist the keys."""
        self._show_session()
        self._checklist.focus()

    def on_resize(self, event: Resize) -> None:
        """Drop extras on small terminals (CSS classes -narrow and -short) rather than squeeze them."""
        self.set_class(event.size.width < NARROW, "-narrow")
        self.set_class(event.size.height < SHORT, "-short")

    # ------------------------------------------------------------------ actions

    def action_start(self) -> None:
        """Hand the choices to the app, unless the screen has only just been shown after a session.

        Enter closes the summary, and a second Enter typed a moment later (a double press, a key held
        down, a clicker that bounces) would start the next session at once. A terminal sends key
        presses only, never releases, and auto-repeat arrives as ordinary presses, so a "fresh" press
        cannot be told from a second one; time can. For a moment after it appears the screen ignores
        Start; nobody who has looked at the setup means to start again within a second.
        """
        if self._clock() < self._ready_at:
            return
        self.dismiss(self.choice)

    def action_quit_setup(self) -> None:
        """Leave without a session."""
        self.dismiss(None)

    def action_routine(self, step: int) -> None:
        """Cycle through the library's routines, each with its own length (remembered or natural)."""
        ids = list(self.library.routines)
        self._lengths[self.routine_id] = self.minutes
        self.routine_id = ids[(ids.index(self.routine_id) + step) % len(ids)]
        self.minutes = self._lengths.get(self.routine_id)
        self._show_session()
        self._reveal("routine-name")

    def action_length(self, step: int) -> None:
        """Shorter or longer by one minute."""
        self.minutes = words.step_minutes(self.routine, len(self.feet), self.minutes, step)
        self._show_session()
        self._reveal("length-row")

    def action_natural_length(self) -> None:
        """Back to the routine's own length (every range's middle)."""
        self.minutes = None
        self._show_session()
        self._reveal("length-row")

    def action_mode(self) -> None:
        """Switch between your own feet and a partner's: the checklist changes with it."""
        self.mode = "partner" if self.mode == "self" else "self"
        self._checklist.set_items(self.library.setup_for(self.mode))
        self._show_session()
        self._reveal("mode-row")

    def action_feet(self, step: int) -> None:
        """Both feet, left only, right only."""
        self.feet = words.next_feet(self.feet, step)
        self._show_session()
        self._reveal("feet-row")

    def action_breathing(self, step: int) -> None:
        """The routine's own breathing, or one of the library's patterns for the whole session."""
        self.breathing = words.next_breathing(self.library, self.breathing, step)
        self._show_session()
        self._reveal("breathing-detail")

    def action_chime(self) -> None:
        """Turn the chime off or on; the app remembers it for next time."""
        self.chime = not self.chime
        self._show_session()
        self._reveal("chime-row")
        self.post_message(self.ChimeToggled(self.chime))

    def action_oil(self) -> None:
        """Next oil or lotion."""
        self._checklist.cycle_choice(OIL_ITEM)

    def action_tick(self, number: int) -> None:
        """Tick or untick item ``number`` (1-based, as shown beside it)."""
        self._checklist.toggle(number - 1)

    def action_safety(self) -> None:
        """Show only the safety notes (arrow keys scroll them), or go back."""
        if self.has_class("-safety"):
            self.action_close_safety()
            return
        self.add_class("-safety")
        main = self.query_one("#setup-main", VerticalScroll)
        main.scroll_home(animate=False)
        main.focus()

    def action_close_safety(self) -> None:
        """Back from the safety notes to the checklist."""
        self.remove_class("-safety")
        self._checklist.focus()

    # ------------------------------------------------------------------ clicks and messages

    @on(ChoiceRow.Pressed, "#routine-row")
    def _routine_clicked(self, message: ChoiceRow.Pressed) -> None:
        self.action_routine(message.step)

    @on(ChoiceRow.Pressed, "#length-row")
    def _length_clicked(self, message: ChoiceRow.Pressed) -> None:
        self.action_length(message.step)

    @on(ChoiceRow.Pressed, "#mode-row")
    def _mode_clicked(self) -> None:
        self.action_mode()

    @on(ChoiceRow.Pressed, "#feet-row")
    def _feet_clicked(self, message: ChoiceRow.Pressed) -> None:
        self.action_feet(message.step)

    @on(ChoiceRow.Pressed, "#breathing-row")
    def _breathing_clicked(self, message: ChoiceRow.Pressed) -> None:
        self.action_breathing(message.step)

    @on(ChoiceRow.Pressed, "#chime-row")
    def _chime_clicked(self) -> None:
        self.action_chime()

    def on_checklist_highlighted(self) -> None:
        """Show the highlighted item's detail under the list."""
        self._show_detail()

    def on_checklist_picked(self) -> None:
        """A new choice: its note joins the detail."""
        self._show_detail()

    # ------------------------------------------------------------------ drawing

    def _show_session(self) -> None:
        routine = self.routine
        feet = len(self.feet)
        self.query_one("#routine-row", ChoiceRow).show(self._routine_position())
        self.query_one("#routine-name", Static).update(routine.name)
        self.query_one("#routine-description", Static).update(routine.description)
        view = words.length_view(routine, feet, self.minutes)
        self.query_one("#length-row", ChoiceRow).show(view.value, view.note)
        self.query_one("#length-detail", Static).update(view.detail)
        warning = self.query_one("#length-warning", Static)
        warning.update(view.warning)
        warning.display = bool(view.warning)
        self.query_one("#mode-row", ChoiceRow).show(words.mode_label(self.mode))
        self.query_one("#feet-row", ChoiceRow).show(words.feet_label(self.feet))
        breathing, pacing = words.breathing_view(self.library, routine, self.breathing)
        self.query_one("#breathing-row", ChoiceRow).show(breathing)
        self.query_one("#breathing-detail", Static).update(pacing)
        self.query_one("#chime-row", ChoiceRow).show(words.chime_label(self.chime))

    def _reveal(self, row_id: str) -> None:
        """Scroll a changed row into view (on a small terminal the session panel may be below)."""
        self.query_one(f"#{row_id}").scroll_visible(animate=False)

    def _show_detail(self) -> None:
        item = self._checklist.current
        lines = [item.detail] if item and item.detail else []
        if item is not None:
            pick = self._checklist.picks.get(item.id)
            choice = next((c for c in item.choices if c.id == pick), None)
            if choice is not None and choice.note:
                lines.append(f"{choice.label}: {choice.note}")
            elif item.choices and choice is None:
                lines.append("Left/Right or a click on the line below it chooses.")
        self.query_one("#item-detail", Static).update("\n".join(lines))

    def _routine_position(self) -> str:
        ids = list(self.library.routines)
        return f"{ids.index(self.routine_id) + 1} of {len(ids)}"

    def _safety_content(self) -> Table:
        return bullets(self.library.safety)

    def _safety_line(self) -> Content:
        first = self.library.safety[0] if self.library.safety else "Stop at once if anything hurts."
        return Content.assemble(("s ", "bold $accent"), first)

    def _valid_oil(self, oil: str) -> bool:
        item = next((i for i in self.library.setup if i.id == OIL_ITEM), None)
        return item is not None and any(c.id == oil for c in item.choices)
