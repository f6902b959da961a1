"""Where each screen's stylesheet is: ``styles/NAME.tcss``, shipped beside the package."""

from __future__ import annotations

from pathlib import PurePath

from coach import paths


def stylesheet(*names: str) -> list[str | PurePath]:
    """The stylesheets ``styles/NAME.tcss``, as a ``CSS_PATH``.

    The app has ``app.tcss`` (what all screens share); each screen has its own, which Textual reads
    when that screen is first shown, so the first screen does not wait for the others' stylesheets.
    """
    return [paths.styles_dir() / f"{name}.tcss" for name in names]
