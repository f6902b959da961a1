"""A yes/no question in a small box: y or Enter says yes, n or Escape says no."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmScreen(ModalScreen[bool]):
    """Ask ``question`` once; dismisses with True (y, Enter) or False (n, Escape)."""

    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
        background: $background 60%;
    }
    ConfirmScreen > #confirm-box {
        width: auto;
        max-width: 90%;
        height: auto;
        padding: 1 3;
        border: round $primary;
        background: $surface;
    }
    ConfirmScreen #confirm-question {
        text-style: bold;
        width: auto;
    }
    ConfirmScreen #confirm-keys {
        color: $text-muted;
        width: auto;
        margin-top: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Yes", key_display="y"),
        Binding("n,escape", "answer(False)", "No", key_display="n"),
        Binding("question_mark,f1", "app.help", "Help", show=False, tooltip="These keys"),
    ]
    """y or Enter answers yes, n or Escape answers no, ? and F1 show the help as on every screen (a modal
    screen hides the app's own F1); every other key is ignored."""

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail or "y or Enter: yes    n or Esc: no"
        self._answered = False

    def compose(self) -> ComposeResult:
        """The question over the keys that answer it."""
        with Vertical(id="confirm-box"):
            yield Static(f"{self.question} y/n", id="confirm-question", markup=False)
            yield Static(self.detail, id="confirm-keys", markup=False)

    def action_answer(self, yes: bool) -> None:
        """Close the question with the answer, once: a second answer queued in a burst of keys is dropped
        (``dismiss`` pops whatever is on top, which by then is the screen that asked)."""
        if self._answered or self.app.screen is not self:
            return
        self._answered = True
        self.dismiss(yes)
