"""The safety notes under the setup panels: as many whole notes as fit, and a title that says so.

A note cut in half, or notes hidden below the fold with only a scrollbar to hint at them, are easy to
miss; so the panel shows whole notes only and its title counts them ("Gently · 3 of 8, s for all").
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from coach.ui.widgets.bullets import bullet_heights, bullets, lines_that_fit

TITLE = "Gently"


def panel_title(shown: int, total: int) -> str:
    """"Gently" when every note shows, else how many do and how to see them all."""
    return TITLE if shown >= total else f"{TITLE} · {shown} of {total}, s for all"


def safety_line(notes: Sequence[str]) -> Content:
    """The one line that stands for the notes where there is no room for them: the key and how many
    there are (no note cut in half: ``s`` shows them whole)."""
    count = f"{len(notes)} safety notes" if len(notes) > 1 else "Safety"
    return Content.assemble(("s ", "bold $accent"), (count, "bold"), ": read them first")


class SafetyPanel(Static):
    """A bordered list of the library's safety notes (literal text) that can show only the first few."""

    def __init__(self, notes: Sequence[str], *, id: str | None = None) -> None:
        self.notes = tuple(notes)
        super().__init__(bullets(self.notes), id=id)
        self.shown = len(self.notes)
        """How many notes are shown now (from the first)."""
        self.border_title = TITLE
        self.border_subtitle = "s: only these notes"
        self.display = bool(self.notes)  # a routines file without notes: no empty box

    def fit(self, rows: int | None, width: int = 0, *, alone: bool = False) -> None:
        """Show the notes that fit whole into ``rows`` rows ``width`` columns wide (always at least one),
        or every note when ``rows`` is None (the panel scrolls with the screen then); ``alone`` when the
        panel is all the screen shows (s), so its subtitle says how to go back."""
        total = len(self.notes)
        if rows is None or width <= 0:
            shown = total
        else:
            shown = max(1, lines_that_fit(bullet_heights(self.notes, width, self.app.console), rows))
        shown = min(shown, total)
        if shown != self.shown:
            self.shown = shown
            self.update(bullets(self.notes[:shown]))
        self.border_title = panel_title(shown, total)
        if alone:
            self.border_subtitle = "s or Esc: back"
        else:
            self.border_subtitle = "s: only these notes" if shown >= total else ""
