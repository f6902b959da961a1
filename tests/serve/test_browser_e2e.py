"""End to end: ``coach serve`` as a user runs it, opened in a real headless Chromium through 127.0.0.1.

The printed address (with its token) is opened, "Start with sound" tapped, Enter pressed, a short
routine played to the summary; the history gets the session, and the page's recorded audio and speech
calls match the cues of the session. Without the token: 403, and no app process.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from coach.history import load_history
from tests.e2e.test_e2e import ROUTINES
from tests.pty_helpers import coach_command
from tests.serve.browser import calls, chromium, open_page, require_chromium, screen_text, wait_until

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

BELL_TONES, CHORD_TONES = 3, 3
"""Oscillators the page starts for one bell and one closing chord."""


class Served:
    """``coach serve`` running in the background, and the address it printed."""

    def __init__(self, process: subprocess.Popen[bytes], url: str, data: Path) -> None:
        self.process, self.url, self.data = process, url, data

    def children(self) -> list[int]:
        """The app processes the server has running now."""
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []


LONG_ROUTINES = ROUTINES.replace("seconds = 2", "seconds = 120")
"""The same two steps, two minutes each: a session still under way when the test ends it."""


@pytest.fixture
def served(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Served]:
    """``coach serve --port 0`` with the tiny routines (or those the test gives as its parameter), its
    data and home under ``tmp_path``."""
    require_chromium()
    routines = tmp_path / "routines.toml"
    routines.write_text(getattr(request, "param", ROUTINES), encoding="utf-8")
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "TEXTUAL")}
    env.update(COACH_DATA_DIR=str(data), HOME=str(tmp_path))
    process = subprocess.Popen(
        [*coach_command(), "serve", "--port", "0", "--routines", str(routines), "--foot", "left"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
        start_new_session=True,
    )
    assert process.stdout is not None
    output = process.stdout.fileno()
    try:
        printed = ""
        deadline = time.monotonic() + 20
        while "Ctrl+C" not in printed and time.monotonic() < deadline:
            if select.select([output], [], [], 0.2)[0]:
                chunk = os.read(output, 65536)
                if not chunk:
                    break
                printed += chunk.decode()
        url = next((word for word in printed.split() if "?token=" in word), None)
        assert url is not None, f"coach serve printed no address: {printed!r}"
        assert url.startswith("http://127.0.0.1:")
        yield Served(process, url, data)
        process.send_signal(signal.SIGINT)  # Ctrl+C
        assert process.wait(15) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_without_the_token_403_and_no_app_process(served: Served) -> None:
    base = served.url.split("?")[0]
    for address in (base, base + "?token=not-the-token", base + "ws"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(address, timeout=10)
        assert refused.value.code == 403
    # Each request was answered 403 by the handler that would have started the app: none was started.
    assert served.children() == []


def press(driver: object, key: str) -> None:
    """A key typed into the page's terminal."""
    ActionChains(driver).send_keys(key).perform()  # type: ignore[arg-type]


def past_the_safety_notes(driver: object, what: str) -> None:
    """A first run opens on the safety notes: Enter goes on to the setup screen."""
    wait_until(lambda: "On to the setup" in screen_text(driver), f"{what}: the safety notes first", 30)
    press(driver, Keys.ENTER)
    wait_until(lambda: "Start the massage" in screen_text(driver), what, 30)


def test_a_short_routine_from_the_phone_with_its_cues(served: Served, tmp_path: Path) -> None:
    with chromium(tmp_path / "profile") as driver:
        open_page(driver, served.url)
        driver.find_element(By.ID, "with-sound").click()  # the page takes keys once this is tapped
        past_the_safety_notes(driver, "the setup screen")
        assert driver.find_element(By.ID, "start").get_attribute("hidden") is not None
        start = len(calls(driver))
        press(driver, Keys.ENTER)
        wait_until(lambda: "Rub the sole" in screen_text(driver), "the player")
        assert driver.execute_script("return window.coachPage.wakeLock !== null")  # held while it plays
        assert "Screen kept on" in driver.find_element(By.ID, "status").text
        wait_until(lambda: "Finished" in screen_text(driver), "the summary, by itself", 30)
        wait_until(lambda: driver.execute_script("return window.coachPage.wakeLock === null"),
                   "the wake lock let go at the summary", 5)
        recorded = calls(driver)[start:]
    # The session is in the history of the user who runs coach serve.
    (entry,) = load_history(served.data).entries
    assert entry.record.finished and entry.record.routine_id == "tiny"
    # What the session sent, and what the page did with it: each word spoken, each tone started.
    cues = [detail for kind, detail in recorded if kind == "cue"]
    said = [cue["text"] for cue in cues if cue["cue"] == "say"]
    assert said == ["Rub the sole", "Press the heel", "Well done"]
    assert [detail for kind, detail in recorded if kind == "speak"] == said
    chimes = [cue["sound"] for cue in cues if cue["cue"] == "chime"]
    assert chimes == ["bell", "chord"]  # the start came from a key press: words, no tone
    assert len([kind for kind, _ in recorded if kind == "tone"]) == BELL_TONES + CHORD_TONES
    assert [cue["held"] for cue in cues if cue["cue"] == "awake"] == [True, False]


@pytest.mark.parametrize("served", [LONG_ROUTINES], indirect=True)
def test_two_pages_at_once_and_closing_them_keeps_both_sessions(served: Served, tmp_path: Path) -> None:
    with chromium(tmp_path / "profile") as driver:
        first = driver.current_window_handle
        open_page(driver, served.url)
        driver.find_element(By.ID, "without-sound").click()
        past_the_safety_notes(driver, "the first page's setup")
        driver.switch_to.new_window("tab")
        open_page(driver, served.url)
        driver.find_element(By.ID, "without-sound").click()
        past_the_safety_notes(driver, "the second page's setup")
        assert len(served.children()) == 2  # one app each
        press(driver, Keys.ENTER)
        wait_until(lambda: "Rub the sole" in screen_text(driver), "the second page's player")
        driver.switch_to.window(first)
        press(driver, Keys.ENTER)
        wait_until(lambda: "Rub the sole" in screen_text(driver), "the first page's player")
        assert not [kind for kind, _ in calls(driver) if kind in ("tone", "speak")]  # without sound
    # The browser closed mid-session: each app was stopped as a closed terminal is, keeping its session.
    wait_until(lambda: len(load_history(served.data).entries) == 2, "both sessions in the history", 15)
    assert all(not entry.record.finished for entry in load_history(served.data).entries)  # ended early
    wait_until(lambda: served.children() == [], "both app processes gone", 10)
