"""Snapshots of the foot map in its 26 x 12 box: left foot arch, right foot toes, right foot heel.

Review the SVGs by eye after ``pytest --snapshot-update tests/test_snapshots_footmap.py``: the sole
shows toes up with the right foot's big toe on the right, the top view the other way round.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.containers import Container

from coach.routines import Foot, Zone
from coach.ui.widgets.footmap import FootMap


class FootMapApp(App[None]):
    """Nothing but the foot map, centred in a box exactly its size."""

    CSS = """
    Screen { align: center middle; }
    #box { width: 26; height: 12; }
    """

    def __init__(self, foot: Foot, zone: Zone) -> None:
        super().__init__()
        self.foot, self.zone = foot, zone

    def compose(self) -> ComposeResult:
        with Container(id="box"):
            yield FootMap(foot=self.foot, zone=self.zone)

    def on_mount(self) -> None:
        self.theme = "textual-dark"


@pytest.mark.parametrize(("foot", "zone"), [("left", "arch"), ("right", "toes"), ("right", "heel")])
def test_foot_map(snap_compare: Any, foot: Foot, zone: Zone) -> None:
    assert snap_compare(FootMapApp(foot, zone), terminal_size=(32, 14))
