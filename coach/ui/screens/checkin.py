"""The morning check-in: "How did you sleep?", asked once, the first time coach opens after a night
with a session.

One key per answer: ``1``-``5`` for the sleep, then ``y``/``n`` for "fell asleep quickly?" and "woke
in the night?"; the last answer closes it. Enter keeps what was given, Esc skips (a skipped night is
not asked again). It dismisses with the :class:`~coach.history.NightAnswer` to keep, which the app
stores; layout and colours are in ``styles/checkin.tcss``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static

from coach.history import NightAnswer
from coach.ui.styles import stylesheet
from coach.ui.widgets.choice_row import FORWARD
from coach.wording import night_words

SLEEP_WORDS: dict[int, str] = {1: "poorly", 2: "not well", 3: "so-so", 4: "well", 5: "very well"}
"""What each sleep rating means, shown beside the chosen one."""


@dataclass(frozen=True)
class Question:
    """One line of the check-in: the answer's field and the words asked."""

    field: str
    label: str


QUESTIONS = (
    Question("sleep", "How you slept"),
    Question("quick", "Fell asleep quickly?"),
    Question("woke", "Woke in the night?"),
)
SHORT_LABELS = ("Slept", "Asleep fast?", "Woke?")
"""The labels in a small terminal (40 columns)."""
KEYS = "1-5 how you slept · y/n the other two · Enter done · Esc skip"
SHORT_KEYS = "Enter done · Esc skip"
SMALL_WIDTH, SMALL_HEIGHT = 64, 16
"""Below either, the screen gets the ``-small`` class and the answers their short form."""


class CheckInAnswers(Widget):
    """The three questions with the answers so far; ``current`` marks the one the next key answers."""

    DEFAULT_CSS = """
    CheckInAnswers { height: auto; width: auto; }
    """

    # An answer changes the width of its line: lay out again.
    sleep: reactive[int | None] = reactive(None, layout=True)
    quick: reactive[bool | None] = reactive(None, layout=True)
    woke: reactive[bool | None] = reactive(None, layout=True)
    current: reactive[int] = reactive(0)
    short: reactive[bool] = reactive(False, layout=True)
    """Short labels and no words beside the numbers, for a small terminal."""

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """As wide as the longest line, so the box around it fits (auto width would wrap it)."""
        return max(line.cell_length for line in self.render().split("\n"))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One line per question."""
        return len(QUESTIONS)

    def render(self) -> Content:
        """One line per question: a marker on the current one, the choices, the chosen one lit."""
        lines = []
        labels = SHORT_LABELS if self.short else tuple(q.label for q in QUESTIONS)
        width = max(len(label) for label in labels) + 1
        for index, question in enumerate(QUESTIONS):
            marker = (f"{FORWARD} ", "$accent bold") if index == self.current else ("  ", "")
            parts: list[str | tuple[str, str]] = [marker, (f"{labels[index]:<{width}}", "bold")]
            if question.field == "sleep":
                choices = [(str(n), n == self.sleep) for n in range(1, 6)]
                word = SLEEP_WORDS[self.sleep] if self.sleep else None
            else:
                value: bool | None = getattr(self, question.field)
                choices = [("y", value is True), ("n", value is False)]
                word = None if value is None else "yes" if value else "no"
            for key, lit in choices:
                parts += [(f" {key} ", "bold $text on $accent 40%" if lit else "$text-muted"), " "]
            if not self.short:
                parts.append((f" {word}", "$accent") if word else (" -", "$text-muted"))
            lines.append(Content.assemble(*parts))
        return Content("\n").join(lines)


class CheckInScreen(Screen[NightAnswer]):
    """How did you sleep? Dismisses with the answer to keep (``skipped`` when passed over)."""

    CSS_PATH = stylesheet("checkin")
    """Read when this screen is first shown (see :mod:`coach.ui.styles`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "sleep(1)", "Sleep", key_display="1-5",
                tooltip="How you slept: 1 poorly to 5 very well, then the next question"),
        *(Binding(str(n), f"sleep({n})", "", show=False) for n in range(2, 6)),
        Binding("y", "yes_no(True)", "Yes", tooltip="Yes to the question marked"),
        Binding("n", "yes_no(False)", "No", tooltip="No to the question marked"),
        Binding("up", "question(-1)", "Question", key_display="↑↓", tooltip="Another question"),
        Binding("down", "question(1)", "Next question", show=False, tooltip="Another question"),
        Binding("enter", "done", "Done", tooltip="Keep what you answered"),
        Binding("escape", "skip", "Skip", tooltip="Not this time: this night is not asked again"),
        Binding("question_mark", "app.help", "Help", tooltip="These keys"),
    ]
    """One key per answer; Enter keeps, Esc skips."""

    def __init__(self, night: date, now: datetime) -> None:
        """``night`` is the night asked about; ``now`` is kept as the time of the answer."""
        super().__init__()
        self.night = night
        self.now = now
        self._answered = False

    def compose(self) -> ComposeResult:
        """The question, the three answers, the keys."""
        with Vertical(id="checkin-box"):
            words = night_words(self.night)
            yield Static(words[:1].upper() + words[1:], id="checkin-greeting", markup=False)
            yield Static("How did you sleep last night?", id="checkin-question")
            yield CheckInAnswers(id="checkin-answers")
            yield Static(KEYS, id="checkin-keys", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_resize(self, event: events.Resize) -> None:
        """Small terminals: short labels, no border, the keys only in the footer."""
        small = event.size.width < SMALL_WIDTH or event.size.height < SMALL_HEIGHT
        self.set_class(small, "-small")
        self.answers.short = event.size.width < SMALL_WIDTH
        self.query_one("#checkin-keys", Static).update(SHORT_KEYS if small else KEYS)

    @property
    def answers(self) -> CheckInAnswers:
        """The answers widget."""
        return self.query_one(CheckInAnswers)

    def answer(self) -> NightAnswer:
        """What has been answered so far (skipped when the sleep is not rated)."""
        widget = self.answers
        stamp = self.now.replace(microsecond=0)
        if widget.sleep is None:
            return NightAnswer(self.night, skipped=True, answered_at=stamp)
        return NightAnswer(self.night, widget.sleep, widget.quick, widget.woke, answered_at=stamp)

    def action_sleep(self, value: int) -> None:
        """Rate the sleep and move to the next question."""
        self.answers.sleep = value
        self.answers.current = 1

    def action_yes_no(self, value: bool) -> None:
        """Answer the marked yes/no question (the first one while the sleep is marked); after the
        last one, done."""
        widget = self.answers
        index = max(1, widget.current)
        setattr(widget, QUESTIONS[index].field, value)
        if index + 1 < len(QUESTIONS):
            widget.current = index + 1
        elif widget.sleep is not None:
            self.action_done()
        else:
            widget.current = 0  # everything but the sleep: ask for it

    def action_question(self, delta: int) -> None:
        """Mark another question."""
        self.answers.current = max(0, min(len(QUESTIONS) - 1, self.answers.current + delta))

    def action_done(self) -> None:
        """Keep what was answered (nothing rated counts as skipped)."""
        self._close(self.answer())

    def action_skip(self) -> None:
        """Not this time: kept as skipped, so this night is not asked again (``coach slept`` can
        still rate it)."""
        self._close(NightAnswer(self.night, skipped=True, answered_at=self.now.replace(microsecond=0)))

    def _close(self, answer: NightAnswer) -> None:
        if self._answered or self.app.screen is not self:
            return  # a second key in a burst must not close the screen underneath
        self._answered = True
        self.dismiss(answer)
