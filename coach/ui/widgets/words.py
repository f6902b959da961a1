"""The player's words: the cue, the part's title, the step's own instruction, what to do now and why.

One widget fits them into the rows it has, by importance: the cue first (a few words in capitals, bold
and bright: what to read from a metre away), then what to do now (the instruction, normal type), then
the title, the step's instruction (dim, two lines unless there is room to spare), a blank line under the
title, and last the benefit (dim italic, one or two lines). What does not fit is dropped whole or
shortened after a whole word with "…" (never inside a word), never pushed off screen, and no row is kept
for something not drawn.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.style import Style
from rich.text import Text
from textual.app import RenderResult
from textual.reactive import reactive

from coach.ui.widgets.steady import SteadyLines

ELLIPSIS = "…"
_ENDS = (".", "!", "?")


class Fitted(NamedTuple):
    """How many rows each part gets."""

    cue: int
    title: int
    gap: int
    step: int
    text: int
    benefit: int


def fit_rows(height: int, title: int, step: int, text: int, benefit: int, cue: int = 0) -> Fitted:
    """Share ``height`` rows among parts that would take ``cue``, ``title``, ``step``, ``text`` and
    ``benefit`` rows (already wrapped), by importance. The benefit comes with a blank line before it, or
    not at all.
    """
    left = max(0, height)
    cue_rows = min(cue, left)
    left -= cue_rows
    # The title gives way to the instruction: it is shown when the instruction fits whole beside it.
    title_rows = 1 if title and left >= 1 and (left >= text + 1 or not text) else 0
    left -= title_rows
    text_rows = min(text, left)
    left -= text_rows
    step_rows = min(step, 2, left)
    left -= step_rows
    gap = 1 if title_rows and (step_rows or text_rows) and left >= 1 else 0
    left -= gap
    benefit_rows = min(benefit, 2, left - 1) if benefit and left >= 2 else 0
    left -= benefit_rows + (1 if benefit_rows else 0)
    step_rows += min(step - step_rows, max(0, left))  # rows nobody else wants: the step's words in full
    return Fitted(cue_rows, title_rows, gap, step_rows, text_rows, benefit_rows)


class Words(SteadyLines):
    """Title, step instruction, instruction and benefit, fitted to the widget's rows (see module doc).

    Repaints only when a text or the size changes: nothing here moves with the clock.
    """

    DEFAULT_CSS = """
    Words {
        height: 1fr;
    }
    Words > .words--cue {
        text-style: bold;
        color: $accent;
    }
    Words > .words--title {
        text-style: bold;
        color: $text;
    }
    Words > .words--step {
        color: $text-muted;
    }
    Words > .words--text {
        color: $foreground;
    }
    Words > .words--benefit {
        color: $text-muted;
        text-style: italic;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "words--cue", "words--title", "words--step", "words--text", "words--benefit"
    }

    cue: reactive[str] = reactive("")
    """A few words to read from afar, shown in capitals; "" for none."""
    title: reactive[str] = reactive("")
    """The part's title, one line, bold."""
    step_text: reactive[str] = reactive("")
    """The step's own instruction (how to hold the foot) above the part's; "" for none."""
    text: reactive[str] = reactive("")
    """What to do now: the most important words on screen."""
    benefit: reactive[str] = reactive("")
    """Why this step helps; "" for none."""
    show_benefit: reactive[bool] = reactive(True)
    """Off where the screen is small: the benefit is the first thing to go."""

    def show(self, title: str, step_text: str, text: str, benefit: str, cue: str = "") -> None:
        """Set all the texts (shown literally); unchanged values cause no repaint."""
        self.title, self.step_text, self.text, self.benefit = title, step_text, text, benefit
        self.cue = cue

    def lines(self) -> list[str]:
        """What is shown, one string per row (for tests and plain-text checks)."""
        return [line.plain.rstrip() for line in self._fitted()]

    def render(self) -> RenderResult:
        """The fitted rows, top-aligned."""
        return Text("\n").join(self._fitted())

    def _wrap(self, text: str, style: Style) -> list[Text]:
        if not text or self.size.width <= 0:
            return []
        wrapped = Text(text, style=style).wrap(self.app.console, self.size.width, overflow="fold")
        return list(wrapped)

    def _fitted(self) -> list[Text]:
        width, height = self.size
        cue = self._wrap(self.cue.upper(), self.get_component_rich_style("words--cue"))
        title = self._wrap(self.title, self.get_component_rich_style("words--title"))
        step = self._wrap(self.step_text, self.get_component_rich_style("words--step"))
        text = self._wrap(self.text, self.get_component_rich_style("words--text"))
        benefit = self._wrap(self.benefit, self.get_component_rich_style("words--benefit")) \
            if self.show_benefit else []
        rows = fit_rows(height, len(title), len(step), len(text), len(benefit), len(cue))
        out: list[Text] = _clamp(cue, rows.cue, width)
        out += _clamp(title, rows.title, width)
        out += [Text("")] * rows.gap
        out += _clamp(step, rows.step, width)
        out += _clamp(text, rows.text, width)
        if rows.benefit:
            out += [Text(""), *_clamp(benefit, rows.benefit, width)]
        return out


def _clamp(lines: list[Text], rows: int, width: int) -> list[Text]:
    """The first ``rows`` lines; when some are left out, the last one shown ends with "…" after its
    last whole word that leaves room for it (never inside a word)."""
    if rows <= 0:
        return []
    if len(lines) <= rows:
        return lines
    kept = [line.copy() for line in lines[:rows]]
    last = kept[-1]
    last.rstrip()
    while last.cell_len + 1 > width and " " in last.plain and not last.plain.endswith(_ENDS):
        last.truncate(last.plain.rindex(" "))  # drop the last word until "…" fits
        last.rstrip()
    if last.plain.endswith(_ENDS):
        return kept  # the shown words end a sentence: they read whole, with nothing cut in the middle
    if last.cell_len + 1 > width:
        last.truncate(max(0, width - 1))
    last.append(ELLIPSIS)
    return kept
