"""Test helpers for the engine and the screens: a fake clock and a small hand-built library.

``FakeClock`` gives a monotonic ``clock`` and a ``wall`` clock that move together when time passes
(``advance``) and apart when the machine sleeps (``sleep``: the wall moves, the monotonic clock does not,
as on Linux and macOS). Nothing here ever waits on real time.
"""

from __future__ import annotations

from coach.routines import (
    BreathingPattern,
    Duration,
    Library,
    Phase,
    Routine,
    Step,
    Texts,
)

WALL_OFFSET = 1_700_000_000.0
"""The fake wall clock starts at a fixed date (November 2023), so records are deterministic."""


class FakeClock:
    """A clock tests move by hand: ``clock()`` is monotonic seconds, ``wall()`` Unix seconds."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.wall_now = WALL_OFFSET + start

    def __call__(self) -> float:
        """The monotonic time, so the clock itself can be passed as ``clock=``."""
        return self.now

    def clock(self) -> float:
        """The monotonic time."""
        return self.now

    def wall(self) -> float:
        """The wall-clock time."""
        return self.wall_now

    def advance(self, seconds: float) -> float:
        """Let ``seconds`` pass on both clocks; returns the new monotonic time."""
        self.now += seconds
        self.wall_now += seconds
        return self.now

    def set(self, when: float) -> float:
        """Move both clocks forward to monotonic time ``when`` (never backwards)."""
        if when < self.now:
            raise ValueError(f"a monotonic clock cannot go back from {self.now} to {when}")
        return self.advance(when - self.now)

    def sleep(self, seconds: float) -> None:
        """The machine sleeps for ``seconds``: wall time passes, the monotonic clock stands still."""
        self.wall_now += seconds


CALM = BreathingPattern("calm", "Calm", 4, 0, 6, 0, "In for 4, out for 6.")
FOUR_SEVEN_EIGHT = BreathingPattern("478", "4-7-8", 4, 7, 8, 0, "In 4, hold 7, out 8.")

WARM = Step(
    id="warm",
    title="Warming strokes",
    texts=Texts("Glide both hands from toes to ankle.", partner_text="Glide up your partner's foot."),
    zone="whole",
    pressure="gentle",
    phases=(Phase("strokes", "Long strokes", Texts(""), "timed", Duration(60, 120)),),
    benefit="Warms the foot and calms the nerves.",
)
ANKLE = Step(
    id="ankle",
    title="Ankle circles",
    texts=Texts("Circle the ankle slowly."),
    zone="ankle",
    pressure="gentle",
    phases=(
        Phase("cw", "Clockwise circles", Texts("Five circles clockwise."), "reps", Duration(4, 6), count=5),
        Phase(
            "ccw",
            "Counter-clockwise circles",
            Texts("Five circles the other way.", partner_text="Circle your partner's ankle the other way."),
            "reps",
            Duration(4, 6),
            count=5,
        ),
        Phase("heel", "Heel circles", Texts("Thumb circles around the heel."), "timed", Duration(60, 120),
              zone="heel"),
    ),
)
BALL = Step(
    id="ball",
    title="Ball of the foot",
    texts=Texts("Press points along the ball of the foot."),
    zone="ball",
    pressure="moderate",
    phases=(Phase("points", "Ball point", Texts("Hold this point, then release."), "holds", Duration(5, 10),
                  count=3, release=2),),
    benefit="In reflexology this area is linked to the chest and lungs.",
    breathing="478",
)
MINI = Routine(
    id="mini",
    name="Mini routine",
    description="Three small steps for tests.",
    steps=(WARM, ANKLE, BALL),
    breathing="calm",
    lead_in=10,
    transition=Texts("Wrap this foot in the towel.", partner_text="Wrap your partner's foot in the towel."),
    transition_seconds=20,
)
"""Per foot 60-120 + 2*(20-30) + 60-120 + 3*(5-10) + 3*2 s: 181-306 s, so 372-642 s for two feet."""

FIXED = Routine(
    id="fixed",
    name="Fixed routine",
    description="No ranges at all: one timed step and one held point.",
    steps=(
        Step("rub", "Rub", Texts("Rub the sole."), "arch", "light",
             (Phase("rub", "Rub", Texts(""), "timed", Duration(30, 30)),)),
        Step("press", "Press", Texts("Press the point."), "heel", "firm",
             (Phase("point", "Heel point", Texts(""), "holds", Duration(8, 8), count=1, release=0),)),
    ),
    breathing="calm",
    lead_in=0,
    transition_seconds=0,
)


def make_library() -> Library:
    """A small library with the ``mini`` (default) and ``fixed`` routines."""
    return Library(
        path="<tests>",
        setup=(),
        safety=(),
        breathing={"calm": CALM, "478": FOUR_SEVEN_EIGHT},
        routines={"mini": MINI, "fixed": FIXED},
        default_routine="mini",
    )
