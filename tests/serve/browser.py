"""Headless Chromium for the end-to-end tests of ``coach serve``, with the page's sound calls recorded.

Debian's ``chromium`` and ``chromium-driver`` drive it (``.ci/run`` installs both); without them the
browser tests skip and say why. Every wait is bounded, and the browser only ever opens 127.0.0.1.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
MISSING = "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--mute-audio", "--window-size=900,700")

RECORDER = r"""
// Installed before the page's own scripts: records what the page asks of the audio and speech APIs, and
// keeps the terminal output as text so the test can see what the app drew.
window.__calls = [];
window.__screen = "";
(function () {
  const record = (kind, detail) => window.__calls.push([kind, detail]);
  const Context = window.AudioContext;
  const makeTone = Context.prototype.createOscillator;
  Context.prototype.createOscillator = function () {
    const tone = makeTone.call(this);
    const start = tone.start;
    tone.start = function (...args) { record("tone", tone.frequency.value); return start.apply(this, args); };
    return tone;
  };
  const speak = window.speechSynthesis.speak.bind(window.speechSynthesis);
  window.speechSynthesis.speak = function (words) { record("speak", words.text); return speak(words); };
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener("message", (event) => {
        if (typeof event.data === "string") {
          const message = JSON.parse(event.data);
          if (message[0] === "coach") record("cue", message[1]);
        } else {
          window.__screen += decoder.decode(new Uint8Array(event.data), {stream: true});
        }
      });
    }
  };
})();
"""
_ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[\]P_^X][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.")


def require_chromium() -> None:
    """Skip, saying what to install, where Chromium or its driver is missing."""
    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.skip(MISSING)


@contextmanager
def chromium(profile: Path) -> Iterator[webdriver.Chrome]:
    """A fresh headless Chromium, its profile in ``profile`` (open pages with :func:`open_page`)."""
    require_chromium()
    assert CHROMIUM is not None and CHROMEDRIVER is not None
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        driver.set_page_load_timeout(30)
        driver.set_script_timeout(10)
        yield driver
    finally:
        driver.quit()


def open_page(driver: webdriver.Chrome, url: str) -> None:
    """Open ``url`` in the current tab with :data:`RECORDER` installed before the page's own scripts."""
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER})
    driver.get(url)


def screen_text(driver: webdriver.Chrome) -> str:
    """Everything the app has drawn so far, as text without escape sequences."""
    return _ESCAPES.sub("", str(driver.execute_script("return window.__screen")))


def calls(driver: webdriver.Chrome) -> list[tuple[str, Any]]:
    """The page's recorded calls, in order: ("cue", {...}), ("tone", Hz), ("speak", text)."""
    return [(kind, detail) for kind, detail in driver.execute_script("return window.__calls")]


def wait_until(check: Callable[[], Any], what: str, timeout: float = 30.0) -> Any:
    """``check()`` once it is true; a clear failure after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:g} s for {what}")
        time.sleep(0.1)
