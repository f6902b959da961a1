"""Two quick ratings after a session, each 1-5: how relaxed, how sleepy.

A number key rates the current question and moves on to the next, so ``4`` then ``5`` answers both.
The screen binds the keys (they must work wherever focus is); the panel keeps the values, draws them
A click on a number rates that question.
"""

from __future__ import annotations

from textual.content import Content
from textual.events import Click
from textual.reactive import reactive
from textual.widget import Widget

from coach.ui.choices import Ratings
from coach.ui.widgets.choice_row import FORWARD

QUESTIONS: tuple[tuple[str, str], ...] = (("relaxed", "Relaxed"), ("sleepy", "Sleepy"))
"""The questions, as (field of :class:`coach.ui.choices.Ratings`, label)."""

WORDS: dict[int, str] = {1: "not at all", 2: "a little", 3: "somewhat", 4: "quite", 5: "very"}
"""What each value means, shown next to the chosen one."""

_LABEL_WIDTH = 10  # marker, space and the padded label: where the numbers start on each line
_CELL = 4  # each number takes " n  " so a click can find it


class RatingPanel(Widget):
    """Shows both questions with the chosen values; ``current`` marks the question number keys answer."""

    DEFAULT_CSS = """
    RatingPanel { height: auto; }
    """

    relaxed: reactive[int | None] = reactive(None)
    """How relaxed, 1-5, or None when not rated."""
    sleepy: reactive[int | None] = reactive(None)
    """How sleepy, 1-5, or None when not rated."""
    current: reactive[int] = reactive(0)
    """Index into :data:`QUESTIONS` of the question the next number key answers."""

    @property
    def ratings(self) -> Ratings:
        """The answers so far."""
        return Ratings(relaxed=self.relaxed, sleepy=self.sleepy)

    def rate(self, value: int, question: int | None = None) -> None:
        """Set ``question`` (default: the current one) to ``value`` 1-5, then move to the next question."""
        if not 1 <= value <= 5:
            return
        index = self.current if question is None else question
        name = QUESTIONS[index][0]
        setattr(self, name, value)
        # Move on to the next question; after the last one stay there so Enter can finish.
        self.current = min(index + 1, len(QUESTIONS) - 1)

    def move(self, delta: int) -> None:
        """Make another question current (arrow keys)."""
        self.current = max(0, min(len(QUESTIONS) - 1, self.current + delta))

    def render(self) -> Content:
        """One line per question: marker, label, the five numbers with the chosen one lit, its word."""
        lines = []
        for index, (name, label) in enumerate(QUESTIONS):
            value: int | None = getattr(self, name)
            marker = (f"{FORWARD} ", "$accent bold") if index == self.current else ("  ", "")
            parts: list[str | tuple[str, str]] = [marker, (f"{label:<{_LABEL_WIDTH - 2}}", "bold")]
            for n in range(1, 6):
                if n == value:
                    parts.append((f" {n} ", "bold $text on $accent 40%"))
                else:
                    parts.append((f" {n} ", "$text-muted"))
                parts.append(" ")
            parts.append((f" {WORDS[value]}" if value else " -", "$accent" if value else "$text-muted"))
            lines.append(Content.assemble(*parts))
        return Content("\n").join(lines)

    def on_click(self, event: Click) -> None:
        """A click on a number rates that line's question; on the label it makes the question current."""
        event.stop()
        offset = event.get_content_offset_capture(self)
        if not 0 <= offset.y < len(QUESTIONS):
            return
        column = offset.x - _LABEL_WIDTH
        if 0 <= column < 5 * _CELL:
            self.rate(column // _CELL + 1, question=offset.y)
        else:
            self.current = offset.y
