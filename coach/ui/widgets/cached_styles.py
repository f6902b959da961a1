"""A widget base for line-by-line drawing that looks its styles up once, not on every repaint."""

from __future__ import annotations

from rich.style import Style

from coach.ui.widgets.steady import SteadyLines


class CachedStyleWidget(SteadyLines):
    """A widget whose base and component styles are cached until the colours change.

    Looking a component style up walks the DOM; widgets drawn several times a second (the breathing
    bar, the progress meters) should not pay for that on every line they draw.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._styles: dict[str, Style] = {}

    def notify_style_update(self) -> None:
        """Colours changed (theme or stylesheet): forget the cached styles."""
        super().notify_style_update()
        self._styles = {}

    def _style(self, name: str) -> Style:
        """The widget's own style for ``"base"``, else the component style ``name``, cached."""
        if name not in self._styles:
            self._styles[name] = self.rich_style if name == "base" else self.get_component_rich_style(name)
        return self._styles[name]
