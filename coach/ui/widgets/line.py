"""One line of words that never ends inside a word: shortened after a whole word with "…" to fit."""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.reactive import reactive

from coach.ui.widgets.steady import SteadyLines
from coach.wording import cell_len, shorten


class Line(SteadyLines):
    """A single row of text, shown literally (never markup), shortened to its width at a word's end.

    Textual's ``text-overflow: ellipsis`` cuts anywhere ("Preparation and rel…"); a tired reader at a
    metre should never have to guess at half a word, so this cuts only between words.
    """

    DEFAULT_CSS = """
    Line {
        height: 1;
    }
    """

    text: reactive[str] = reactive("")
    """The words; a change repaints the line, and lays the screen out again only when the line's width
    is ``auto`` (it then depends on the words: see :meth:`watch_text`)."""

    def __init__(self, text: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(Line.text, text)

    def update(self, text: str) -> None:
        """Show ``text`` (an unchanged value causes no repaint)."""
        self.text = text

    def watch_text(self) -> None:
        """Lay out again only when the width follows the words: a layout places every widget on the
        screen again, and a line of fixed width (most of them) only needs repainting."""
        width = self.styles.width
        if width is not None and width.is_auto:
            self.refresh(layout=True)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """As wide as the whole text, for ``width: auto``."""
        return cell_len(self.text)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """Always one row."""
        return 1

    def render(self) -> RenderResult:
        """The text, shortened to the width at a word's end."""
        return Text(shorten(self.text, self.size.width), no_wrap=True, end="")
