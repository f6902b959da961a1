"""Keeping the screen on: the policy on a fake clock, wakepy faked, the page asked through the channel."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from coach.awake.keepers import AwakeStatus, PageKeeper, WakepyKeeper
from coach.awake.policy import PAUSE_RELEASE, AwakePolicy
from coach.serve.channel import PageCueSink


class Recorder:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def hold(self) -> None:
        self.calls.append("hold")

    def release(self) -> None:
        self.calls.append("release")


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_held_while_playing_and_released_at_the_end() -> None:
    keeper, clock = Recorder(), Clock()
    policy = AwakePolicy(keeper, clock)
    policy.playing()
    policy.playing()  # a resume while held asks nothing new
    assert keeper.calls == ["hold"] and policy.held
    policy.ended()
    policy.ended()
    assert keeper.calls == ["hold", "release"] and not policy.held


def test_a_short_pause_keeps_the_screen_on_a_long_one_lets_it_sleep() -> None:
    keeper, clock = Recorder(), Clock()
    policy = AwakePolicy(keeper, clock)
    policy.playing()
    policy.paused()
    clock.now += 60
    assert policy.due() == pytest.approx(PAUSE_RELEASE - 60)
    policy.check()
    assert keeper.calls == ["hold"]
    policy.playing()  # resumed within the pause allowance: nothing changes, the count starts over
    policy.paused()
    clock.now += PAUSE_RELEASE - 1
    policy.check()
    assert keeper.calls == ["hold"]
    clock.now += 1
    assert policy.due() == 0
    policy.check()
    assert keeper.calls == ["hold", "release"] and policy.due() is None
    policy.playing()  # resumed after the long pause: held again
    assert keeper.calls == ["hold", "release", "hold"]


class FakeMode:
    """wakepy's Mode as coach uses it; records the thread of each call."""

    def __init__(self, on_fail: Callable[[object], None], works: bool, log: list[tuple[str, int]],
                 method: str = "org.freedesktop.ScreenSaver") -> None:
        self.on_fail, self.works, self.log = on_fail, works, log
        self.active = False
        self.method = type("MethodInfo", (), {"name": method})() if works else None

    def __enter__(self) -> FakeMode:
        self.log.append(("enter", threading.get_ident()))
        self.active = self.works
        if not self.works:
            self.on_fail("no D-Bus")
        return self

    def __exit__(self, *exc: object) -> bool:
        self.log.append(("exit", threading.get_ident()))
        self.active = False
        return True


def keeper(works: bool, log: list[tuple[str, int]], seen: list[AwakeStatus]) -> WakepyKeeper:
    return WakepyKeeper(on_change=seen.append, factory=lambda on_fail: FakeMode(on_fail, works, log))


def test_wakepy_held_and_released_in_its_own_thread() -> None:
    log: list[tuple[str, int]] = []
    seen: list[AwakeStatus] = []
    kept = keeper(True, log, seen)
    kept.probe()
    kept.hold()
    kept.hold()
    kept.release()
    kept.wait()
    assert [what for what, _ in log] == ["enter", "exit", "enter", "exit"]
    assert {thread for _, thread in log} == {kept._thread.ident} != {threading.get_ident()}
    assert seen == [AwakeStatus("kept", "org.freedesktop.ScreenSaver")]
    assert kept.status.line() == "Screen kept awake during a session (org.freedesktop.ScreenSaver)"
    kept.close()
    assert not kept._thread.is_alive()


def test_wakepy_failing_calls_on_fail_and_the_setup_line_says_what_to_do() -> None:
    log: list[tuple[str, int]] = []
    seen: list[AwakeStatus] = []
    kept = keeper(False, log, seen)
    kept.hold()
    kept.wait()
    assert seen == [AwakeStatus("failed")]
    assert kept.status.line() == "Could not keep the screen awake: set a longer screen timeout"
    assert kept.status.line(short=True) == "Could not keep the screen awake"
    kept.close()


def test_without_wakepy_it_says_how_to_get_it() -> None:
    def missing(_on_fail: Callable[[object], None]) -> FakeMode:
        raise ImportError("No module named 'wakepy'")

    kept = WakepyKeeper(factory=missing)
    kept.probe()
    kept.wait()
    assert kept.status == AwakeStatus("missing")
    assert "coach[wake]" in kept.status.line()
    kept.close()


def test_a_keeper_that_raises_never_takes_coach_down() -> None:
    def broken(_on_fail: Callable[[object], None]) -> FakeMode:
        raise RuntimeError("D-Bus went away")

    kept = WakepyKeeper(factory=broken)
    kept.hold()
    kept.release()
    kept.wait()
    assert kept.status == AwakeStatus("failed")
    kept.close()


def test_a_stuck_call_does_not_hold_up_the_exit() -> None:
    stuck = threading.Event()

    class Stuck(FakeMode):
        def __exit__(self, *exc: object) -> bool:
            stuck.wait(10)
            return True

    kept = WakepyKeeper(factory=lambda on_fail: Stuck(on_fail, True, []))
    kept.hold()
    kept.wait()
    kept.close(timeout=0.2)  # returns although the release hangs (the thread is a daemon)
    stuck.set()


def test_the_page_keeper_asks_the_page() -> None:
    written: list[dict[str, object]] = []
    page = PageKeeper(PageCueSink(written.append))
    page.hold()
    page.release()
    page.close()
    assert [packet["held"] for packet in written] == [True, False]
    assert page.status.line() == "Screen kept on by the browser during a session (Wake Lock)"
