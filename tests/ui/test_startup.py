"""Start-up does only what the first screen needs: the other screens, the engine, the history and the
sound system are imported when first used, each screen's stylesheet is read when it is first shown,
and nothing parses every stylesheet a second time (no timing is judged here: see bench/)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import App
from textual.css.stylesheet import Stylesheet

from coach.ui.app import CoachApp
from coach.ui.screens.player.screen import PlayerScreen
from coach.ui.screens.setup.screen import SetupScreen
from tests.app_helpers import start

AppFactory = Callable[..., CoachApp]

FIRST_SCREEN_PROBE = """
import asyncio, sys
from pathlib import Path

from coach.options import LaunchOptions
from coach.routines.load import load_library
from coach.paths import shipped_routines
from coach.ui import app as app_module
from coach.ui.screens.setup.screen import SetupScreen


class Keeper:
    status = None  # nothing to say: its module (coach.awake) is one of those watched

    def hold(self): pass
    def release(self): pass
    def close(self): pass


app_module.terminal_keeper = lambda _on_change: Keeper()
seen = []
after = app_module.CoachApp._after_first_frame


def first_frame(self):
    seen.extend(sorted(name for name in sys.modules if name.startswith(WATCHED)))
    seen.append("screen: " + type(self.screen).__name__)
    after(self)


WATCHED = ("coach.engine", "coach.history", "coach.sound.system", "coach.sound.players", "wakepy",
           "textual_serve", "coach.ui.screens.player", "coach.ui.screens.summary",
           "coach.ui.screens.history", "coach.ui.screens.checkin", "coach.ui.screens.resume",
           "coach.ui.screens.help", "coach.serve.access")
app_module.CoachApp._after_first_frame = first_frame

# On a first run the setup panels are built just after the first frame: what was loaded by then is
# what the safety notes alone needed.
PANELS = ("coach.ui.screens.setup.session_panel", "coach.routines.fit", "coach.awake", "tomli_w",
          "coach.atomic", "wakepy", "coach.routines.lines")
mount_body = SetupScreen._mount_body


async def panels(self):
    seen.append("before the panels: " + repr(sorted(name for name in sys.modules if name.startswith(PANELS))))
    await mount_body(self)


SetupScreen._mount_body = panels


async def main():
    options = LaunchOptions(library=load_library(shipped_routines()), data_dir=Path(sys.argv[1]),
                            sound=False)
    app = app_module.create_app(options)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    print(seen)


asyncio.run(main())
"""


def test_the_first_screen_imports_no_other_screen_nor_the_engine_history_or_players(tmp_path: Path) -> None:
    """Checked in a fresh interpreter, at the moment the first frame is drawn; on this first run, also
    that the safety notes needed nothing of the setup panels behind them (their module, the length
    fitting), of the screen-awake keeper, of writing a file, nor (the routines file has no problem) of
    the scanner that finds a problem's line."""
    done = subprocess.run([sys.executable, "-c", FIRST_SCREEN_PROBE, str(tmp_path)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = done.stdout.strip().splitlines()[-1]
    assert "'screen: SetupScreen'" in seen
    assert "'before the panels: []'" in seen  # a first run: the safety notes, drawn before the panels
    assert [entry for entry in eval(seen) if not entry.startswith("before")] == ["screen: SetupScreen"]


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many times the whole CSS is parsed again (``reparse``) or refreshed (``refresh_css``)."""
    counts = {"reparse": 0, "refresh_css": 0}
    reparse, refresh_css = Stylesheet.reparse, App.refresh_css

    def counting_reparse(self: Stylesheet) -> None:
        counts["reparse"] += 1
        reparse(self)

    def counting_refresh(self: App[object], animate: bool = True) -> None:
        counts["refresh_css"] += 1
        refresh_css(self, animate)

    monkeypatch.setattr(Stylesheet, "reparse", counting_reparse)
    monkeypatch.setattr(App, "refresh_css", counting_refresh)
    return counts


async def test_the_remembered_theme_costs_no_second_parse_of_the_css(make_app: AppFactory,
                                                                     counted: dict[str, int]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert app.theme == "coach-night"
        assert app.has_class("-theme-coach-night")
        assert not app.has_class("-theme-textual-dark")
        # The theme's colours are what the screen is drawn with.
        assert app.screen.styles.background.hex.lower() == "#12110f"
    assert counted == {"reparse": 0, "refresh_css": 0}


async def test_each_screen_reads_its_own_stylesheet_when_first_shown_without_parsing_all_again(
    make_app: AppFactory, counted: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("coach.ui.app.PREPARE_PLAYER_AFTER", 3600.0)  # Enter comes first here
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        sources = {Path(path).name for path, _where in app.stylesheet.source if path.endswith(".tcss")}
        assert sources == {"app.tcss", "setup.tcss"}
        player = await start(pilot)
        assert isinstance(player, PlayerScreen)
        read = {Path(path).name for path, _where in app.stylesheet.source if path.endswith(".tcss")}
        assert read == {"app.tcss", "setup.tcss", "player.tcss"}
        # The player's own rules apply to it (its stylesheet sets the screen's layout).
        assert app.stylesheet.has_source(str(PlayerScreen.CSS_PATH[0]), "")  # type: ignore[index]
    assert counted == {"reparse": 0, "refresh_css": 0}
