"""The setup screen's session panel: routine, length, mode, feet, breathing and sound, one row each, and
whether the screen is kept on during a session.

Each row shows the key that changes it; the screen owns the values and the keys and calls
:meth:`SessionPanel.show` after every change. A click on a row posts :class:`SessionPanel.Pressed`.
Text from the routines file (names, descriptions) is shown literally.

The panel is one widget that draws its rows and the lines under them itself: as widgets of their own,
a dozen lines of text cost the screen a dozen mounts, stylings and layouts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, NamedTuple

from textual.content import Content
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

from coach.ui.widgets.choice_row import KEY_WIDTH, LABEL_WIDTH, choice_line
from coach.ui.widgets.rows import show_lines

if TYPE_CHECKING:
    from coach.awake.keepers import AwakeStatus
    from coach.routines import Library
    from coach.ui.choices import SetupChoice

ROWS: tuple[tuple[str, str, str], ...] = (
    ("routine", "r", "Routine"),
    ("length", "-/+", "Length"),
    ("mode", "t", "Mode"),
    ("feet", "f", "Feet"),
    ("breathing", "b", "Breath"),
    ("sound", "m", "Sound"),
)
"""Each setting row: its name, the key shown beside it, its label."""
INDENT = " " * KEY_WIDTH
"""The lines under a row start under its label."""
DETAIL = "session-panel--detail"
"""The lines under the rows (clocks, pacing, what will sound): dimmer than the rows (styles/setup.tcss)."""
NAME = "session-panel--name"
"""The routine's name under its row."""
WARNING = "session-panel--warning"
"""The length's plan when the length asked for is out of the routine's reach."""


class Line(NamedTuple):
    """One drawn line of the panel: its text, the setting row it belongs to (it scrolls into view with
    it), and whether it is that row itself (a click on it changes the setting)."""

    content: Content
    row: str
    clickable: bool = False


class SessionPanel(Widget):
    """The rows of the session's settings, with the length's clocks and the breathing's pacing."""

    class Pressed(Message):
        """A setting row was clicked: ``row`` is its name (``"length"``...), ``step`` -1 to go back (the
        back arrow, or left of it, on the length row), +1 to go forward."""

        def __init__(self, row: str, step: int) -> None:
            super().__init__()
            self.row = row
            self.step = step

    COMPONENT_CLASSES: ClassVar[set[str]] = {DETAIL, NAME, WARNING}

    ARROWED: ClassVar[frozenset[str]] = frozenset({"length"})
    """The rows whose value steps both ways (drawn between arrows)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._values: dict[str, tuple[str, str]] = {}
        """Each row's value and note, as last shown."""
        self._texts: dict[str, str] = {}
        """The lines under the rows, as last shown (empty: not shown)."""
        self._refused = False
        self._laid_out_classes: frozenset[str] = frozenset()
        self._lines: list[Line] = []
        self._width = -1

    def show(self, library: Library, choice: SetupChoice, sound: str, awake: AwakeStatus | None = None,
             *, compact: bool = False) -> None:
        """Show ``choice``, ``sound`` (what the session will sound with: "voice + chime, espeak-ng ->
        aplay") and ``awake`` (whether the screen is kept on in a session); ``compact`` puts the length's
        clocks and range on one line."""
        from coach.ui.screens.setup import text as words  # its arithmetic (fit) waits for the panel

        routine = library.routine(choice.routine_id)
        ids = list(library.routines)
        view = words.length_view(routine, len(choice.feet), choice.minutes, library)
        breathing, pacing = words.breathing_view(library, routine, choice.breathing)
        sound_value, sound_detail = words.sound_view(sound)
        self._values = {
            "routine": (f"{ids.index(routine.id) + 1} of {len(ids)}", ""),
            "length": (view.value, view.note),
            "mode": (words.mode_label(choice.mode), ""),
            "feet": (words.feet_label(choice.feet), ""),
            "breathing": (breathing, ""),
            "sound": (sound_value, ""),
        }
        self._texts = {
            "routine-name": routine.name,
            "routine-description": routine.description,
            "length-detail": view.short if compact else view.detail,
            "length-plan": view.plan,
            "breathing-detail": pacing,
            "sound-detail": sound_detail,
            "awake-line": awake.line(short=compact) if awake is not None else "",
        }
        self._refused = view.refused
        self._width = -1  # lay the lines out again
        self.refresh(layout=True)

    def value(self, row: str) -> str:
        """The value a row shows now ("Calm", "1 of 3")."""
        return self._values.get(row, ("", ""))[0]

    def text(self, name: str) -> str:
        """A line under the rows as shown now (``"length-plan"``, ``"awake-line"``...), "" when none."""
        return self._texts.get(name, "")

    @property
    def refused(self) -> bool:
        """Whether the length asked for is out of the routine's reach (the plan line warns)."""
        return self._refused

    def line_of(self, row: str) -> int:
        """The line a setting row is drawn on (-1 if it is not shown)."""
        lines = self._layout()
        return next((y for y, line in enumerate(lines) if line.row == row and line.clickable), -1)

    def show_row(self, row: str) -> None:
        """Scroll the row and the lines under it into view (on a small terminal the panel may be below)."""
        lines = self._layout()
        ys = [y for y, line in enumerate(lines) if line.row == row]
        if ys:
            show_lines(self, ys[0], ys[-1] - ys[0] + 1)

    # ------------------------------------------------------------------ drawing

    def _screen_classes(self) -> frozenset[str]:
        """The setup screen's size classes, which decide which lines show."""
        return frozenset(self.screen.classes) if self.is_attached else frozenset()

    def _layout(self) -> list[Line]:
        """The lines to draw at the panel's width, laid out again when the width, the values or the
        screen's size classes have changed."""
        width = self.size.width
        classes = self._screen_classes()
        if width != self._width or classes != self._laid_out_classes:
            self._width, self._laid_out_classes = width, classes
            self._lines = list(self._lines_for(width, classes))
        return self._lines

    def _lines_for(self, width: int, classes: frozenset[str]) -> list[Line]:
        if not self._values:
            return []
        compact, short, narrow = "-compact" in classes, "-short" in classes, "-narrow" in classes
        texts = self._texts
        lines: list[Line] = []

        def row(name: str, key: str, label: str) -> None:
            value, note = self._values[name]
            lines.append(Line(choice_line(key, label, value, note, arrows=name in self.ARROWED), name, True))

        def under(name: str, text: str, component: str = DETAIL, wrap: bool = True) -> None:
            """``text`` under a row, from under its label: wrapped there, or cut with an ellipsis."""
            inner = max(1, width - KEY_WIDTH)
            # A component class, not a "$text-muted" style: that colour is "auto 60%", which only the
            # widget's styles can work out against its background (as a plain style it drew bright).
            style = self.get_visual_style(component)
            for part in Content(text).stylize(style).split("\n", allow_blank=True) or [Content("")]:
                folded = (part.wrap(inner) if wrap else [part.truncate(inner, ellipsis=True)]) or [part]
                lines.extend(Line(Content(INDENT) + piece, name) for piece in folded)

        keys = {name: (key, label) for name, key, label in ROWS}
        row("routine", *keys["routine"])
        under("routine", texts["routine-name"], NAME)
        if not (compact or short):
            under("routine", texts["routine-description"])
            lines.append(Line(Content(""), "routine"))  # a blank line after the description
        row("length", *keys["length"])
        if not (narrow and short):
            # Clocks never wrap: a wrapped clock reads badly, and the line's height stays fixed.
            under("length", texts["length-detail"], wrap=False)
        if texts["length-plan"]:
            # Out of the routine's reach: the line says so, and what fits instead.
            under("length", texts["length-plan"], WARNING if self._refused else DETAIL)
        lines.append(Line(Content(""), "mode"))  # the mode, feet and breath rows apart from the length
        row("mode", *keys["mode"])
        row("feet", *keys["feet"])
        row("breathing", *keys["breathing"])
        if not (narrow and short):
            under("breathing", texts["breathing-detail"], wrap=not compact)
        row("sound", *keys["sound"])
        if not short:
            under("sound", texts["sound-detail"], wrap=False)
        if texts["awake-line"]:
            under("sound", texts["awake-line"])
        return lines

    def notify_style_update(self) -> None:
        """The theme or the styles changed: the lines' colours come from them, so lay them out again."""
        super().notify_style_update()
        self._width = -1

    def render(self) -> Content:
        """Every line, laid out for the panel's width."""
        return Content("\n").join(line.content for line in self._layout())

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many rows as lines at ``width`` (the lines under the rows wrap): asked for while the
        layout is worked out, before the panel has that width."""
        return len(self._lines_for(width, self._screen_classes()))

    def on_click(self, event: Click) -> None:
        """A click on a row (or a line under it) changes it as its key does: back on the back-arrow
        side of the length row, else forward."""
        event.stop()
        offset = event.get_content_offset(self)
        lines = self._layout()
        if offset is None or not 0 <= offset.y < len(lines):
            return
        line = lines[offset.y]
        if not line.clickable:
            return
        name = line.row
        back = name in self.ARROWED and offset.x <= KEY_WIDTH + LABEL_WIDTH + 1
        self.post_message(self.Pressed(name, -1 if back else 1))

