"""Every signal that would end coach ends it cleanly; the rest are left alone for a stated reason."""

from __future__ import annotations

import signal

from coach.ui.app import ENDING_SIGNALS, NOT_HANDLED

# What POSIX (and Linux) says each signal does by default when nothing catches it.
DEFAULT_IGNORE_OR_STOP = {"SIGCHLD", "SIGCONT", "SIGURG", "SIGWINCH", "SIGTSTP", "SIGTTIN", "SIGTTOU",
                          "SIGSTOP"}


def name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"SIGRT{signum}"


def test_every_signal_is_either_handled_or_left_alone_for_a_reason() -> None:
    left_alone = {n for names in NOT_HANDLED.values() for n in names}
    for signum in signal.valid_signals():
        label = name(signum)
        assert (signum in ENDING_SIGNALS) != (label in left_alone), label


def test_every_catchable_signal_whose_default_ends_the_process_is_handled() -> None:
    faults = set(NOT_HANDLED["faults"])
    for signum in signal.valid_signals():
        label = name(signum)
        ends_by_default = label not in DEFAULT_IGNORE_OR_STOP
        catchable = label not in ("SIGKILL", "SIGSTOP")
        python_ignores = signal.getsignal(signum) is signal.SIG_IGN
        if ends_by_default and catchable and label not in faults and not python_ignores:
            assert signum in ENDING_SIGNALS, label


def test_the_signals_seen_to_lose_a_session_are_handled() -> None:
    for signum in (signal.SIGINT, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2, signal.SIGALRM,
                   signal.SIGTERM, signal.SIGHUP, signal.SIGRTMIN, signal.SIGRTMAX):
        assert signum in ENDING_SIGNALS
