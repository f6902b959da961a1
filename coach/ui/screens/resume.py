"""The offer to carry on a session that was cut short: "Resume the session from 23:14 (left foot, step 4
of 7)?". ``y`` or Enter carries on from the start of that part; ``n`` or Esc keeps what was done in the
history as ended early. When the routine has changed since, only keeping it is possible.

Dismisses with True (carry on) or False (keep it as ended early); the app does the rest. The snapshot
itself, its expiry and the history are :mod:`coach.history.resume`'s.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from coach.history.resume import Snapshot
from coach.wording import duration_words


class ResumeScreen(Screen[bool]):
    """Carry on the session cut short, or keep it as ended early."""

    DEFAULT_CSS = """
    ResumeScreen {
        align: center middle;
        background: $background;
    }
    ResumeScreen #resume-box {
        width: auto;
        max-width: 100%;
        height: auto;
        padding: 1 3;
        border: round $primary 40%;
    }
    ResumeScreen #resume-question {
        text-style: bold;
        width: auto;
    }
    ResumeScreen .resume-detail {
        color: $text-muted;
        width: auto;
    }
    ResumeScreen #resume-keys {
        margin-top: 1;
        width: auto;
    }
    ResumeScreen.-small #resume-box {
        border: none;
        padding: 0 1;
        width: 100%;
    }
    ResumeScreen.-small #resume-box > Static {
        width: 100%;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Resume", key_display="y",
                tooltip="Carry on from the start of the part it stopped in"),
        Binding("n,escape", "answer(False)", "Keep it", key_display="n",
                tooltip="Keep what was done in the history as ended early"),
        Binding("question_mark", "app.help", "Help", tooltip="These keys"),
    ]
    """y or Enter carries on, n or Esc keeps it as ended early, as every yes/no question in coach."""

    def __init__(self, snapshot: Snapshot, can_resume: bool = True) -> None:
        """``can_resume`` False when the session's plan cannot be laid out again as it was."""
        super().__init__()
        self.snapshot = snapshot
        self.can_resume = can_resume
        self._answered = False

    def compose(self) -> ComposeResult:
        """The question, what was done, and the two keys."""
        snapshot = self.snapshot
        played = duration_words(snapshot.progress.played)
        with Vertical(id="resume-box"):
            if self.can_resume:
                yield Static(snapshot.question(), id="resume-question", markup=False)
            else:
                yield Static(f"The session from {snapshot.started_at.astimezone():%H:%M} was cut short.",
                             id="resume-question", markup=False)
            yield Static(f"{snapshot.record.routine_name}: {played} done before it stopped.",
                         classes="resume-detail", markup=False)
            if self.can_resume:
                yield Static("It carries on from the start of that part.", classes="resume-detail")
                keys = "y or Enter: resume    n or Esc: keep it as ended early"
            else:
                yield Static("Its routine has changed since, so it cannot carry on.", classes="resume-detail")
                keys = "n or Esc: keep it in your history as ended early"
            yield Static(keys, id="resume-keys", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_resize(self) -> None:
        """No border on a small terminal."""
        self.set_class(self.size.width < 60 or self.size.height < 14, "-small")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Resuming is offered only when the session can carry on."""
        if action == "answer" and parameters and parameters[0] is True:
            return self.can_resume
        return True

    def action_answer(self, resume: bool) -> None:
        """Close with the answer, once (a second key in a burst must not close the screen below)."""
        if self._answered or self.app.screen is not self or (resume and not self.can_resume):
            return
        self._answered = True
        self.dismiss(resume)
