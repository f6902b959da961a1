"""The history view: the habit shown back, calmly.

Sessions this week, the current streak of nights (``k`` hides it), massage minutes per night over the
last two or four weeks, the relaxed and sleepy ratings over time, the sleep journal (nights with a
massage beside nights without, and minutes beside sleep) and the latest sessions. It is handed the
entries and the nights' answers, or a reader it runs in a thread once it is drawn (a long history); it
never reads files itself. Layout and colours live in ``styles/history.tcss``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static

from coach.history.chart import rating_strip, sleep_chart
from coach.history.format import NightAnswer
from coach.history.journal import compute_journal
from coach.history.report import JOURNAL_TITLE, journal_sentences, recent_lines
from coach.history.stats import HistoryStats, compute_stats, now_in
from coach.history.summary import Overview, StoredSession
from coach.ui.styles import stylesheet
from coach.ui.widgets.night_chart import NightChart
from coach.wording import format_minutes, plural, visible

NARROW_BELOW = 60
"""Columns under which the screen gets the ``-narrow`` class."""
COMPACT_BELOW = 30
"""Rows under which the screen gets the ``-compact`` class (no blank lines between sections)."""
SHORT_BELOW = 20
"""Rows under which the screen gets the ``-short`` class (extras are hidden)."""
RECENT = 6


class HistoryScreen(Screen[None]):
    """The history of sessions; ``escape``, ``q`` or ``h`` closes it (``dismiss()`` with no result)."""

    CSS_PATH = stylesheet("history")
    """Read when this screen is first shown (see :mod:`coach.ui.styles`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", tooltip="Back to where you were"),
        Binding("q", "close", "Close", show=False),
        Binding("h", "close", "Close", show=False),
        Binding("w", "toggle_weeks", "2 or 4 weeks", tooltip="The chart and ratings: last 2 or 4 weeks"),
        Binding("k", "toggle_streak", "Streak", tooltip="Show or hide the nights in a row (remembered)"),
        Binding("question_mark", "app.help", "Help", tooltip="These keys"),
    ]
    """Single keys only: close, switch the chart between the last two and four weeks, and the keys."""

    weeks: reactive[int] = reactive(2)
    """How many weeks the chart and the ratings cover: 2 or 4."""

    show_streak: reactive[bool] = reactive(True)
    """Whether the nights in a row are shown; ``k`` switches, and the app remembers it."""

    class StreakToggled(Message):
        """``k`` showed or hid the streak; the app keeps the setting."""

        def __init__(self, show: bool) -> None:
            super().__init__()
            self.show = show

    def __init__(
        self,
        entries: Sequence[StoredSession] | None,
        now: datetime | None = None,
        *,
        tz: tzinfo | None = None,
        weeks: int = 2,
        notice: str | None = None,
        nights: Sequence[NightAnswer] = (),
        show_streak: bool = True,
        reader: Callable[[], Overview] | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """``now`` and ``tz`` (the viewer's zone; None = the system's) fix the clock for tests;
        ``notice`` is shown at the top (e.g. that a damaged history file was set aside); ``nights``
        are the morning answers for the sleep journal. ``entries`` None: the history is not read yet;
        ``reader`` reads it in a thread once the screen is drawn, and the screen fills in then."""
        super().__init__(name=name, id=id, classes=classes)
        self._reader = reader
        self._reading = entries is None
        self._entries = tuple(entries or ())
        self._nights = tuple(nights)
        self._now = now if now is not None else now_in(tz)
        self._tz = tz
        self._notice = notice
        self.set_reactive(HistoryScreen.weeks, 4 if weeks >= 4 else 2)
        self.set_reactive(HistoryScreen.show_streak, show_streak)

    def compose(self) -> ComposeResult:
        """Figures on top, then the chart, the ratings and the latest sessions."""
        with VerticalScroll(id="history-body"):
            yield Static("History", id="history-title")
            if self._notice:
                yield Static(Text(visible(self._notice, lines=True)), id="history-notice", markup=False)
            if self._reading:
                yield Static("Reading the history…", id="history-reading")
            elif self._entries or self._nights:
                with Horizontal(id="history-figures"):
                    yield Static(id="figure-week", classes="figure", markup=False)
                    yield Static(id="figure-streak", classes="figure", markup=False)
                    yield Static(id="figure-total", classes="figure", markup=False)
                yield Static(id="chart-title", classes="section-title", markup=False)
                yield NightChart(id="night-chart")
                yield Static(id="ratings-title", classes="section-title", markup=False)
                with Horizontal(id="ratings"):
                    yield Static(id="ratings-labels", markup=False)
                    yield Static(id="ratings-strips", markup=False)
                    yield Static(id="ratings-averages", markup=False)
                yield Static(JOURNAL_TITLE, id="journal-title", classes="section-title", markup=False)
                yield Static(id="journal", markup=False)
                yield Static(id="journal-chart", markup=False)
                yield Static("Latest sessions", id="recent-title", classes="section-title")
                yield Static(id="recent-header", markup=False)
                yield Static(id="recent", markup=False)
            else:
                yield Static(
                    "No sessions yet. Each session you finish or stop will be kept here, "
                    "with the nights in a row and how relaxed and sleepy you felt.",
                    id="history-empty",
                )
        yield Footer(show_command_palette=False)  # Ctrl+P is in the help, with every key

    def on_mount(self) -> None:
        """Fill in the numbers and size the layout; start reading, once drawn, if not read yet."""
        self._apply_size(self.size.width, self.size.height)
        self._refresh_stats()
        self._focus_body()
        if self._reading and self._reader is not None:
            # After the first frame: the reading thread holds the interpreter much of the time, and the
            # screen should be on the terminal before it starts.
            self.call_after_refresh(self._start_reading)

    def _start_reading(self) -> None:
        reader = self._reader
        if reader is None:
            return

        def read() -> None:
            loaded = reader()
            self.app.call_from_thread(self.show_entries, loaded)

        self.run_worker(read, name="read history", thread=True, exit_on_error=False)

    def show_entries(self, loaded: Overview) -> None:
        """The history, read in the background, is here: show it (nothing if the screen was closed)."""
        if not self.is_attached:
            return
        self._reading = False
        self._entries, self._nights, self._notice = loaded.sessions, loaded.nights, loaded.notice
        self.call_next(self._fill_in)

    async def _fill_in(self) -> None:
        await self.recompose()
        self.refresh_bindings()
        self._apply_size(self.size.width, self.size.height)
        self._refresh_stats()
        self._focus_body()

    def _focus_body(self) -> None:
        """The keys that scroll (arrows, Page Up/Down, Home, End) go to the history's body: the latest
        sessions are below the fold at 80x24, and a recompose (once a long history is read) leaves
        nothing focused."""
        self.query_one("#history-body", VerticalScroll).focus(scroll_visible=False)

    def on_resize(self, event: events.Resize) -> None:
        """Drop extras on small terminals rather than squeezing them."""
        self._apply_size(event.size.width, event.size.height)
        self._refresh_stats()

    def watch_weeks(self) -> None:
        """Redraw the chart and ratings for the new window."""
        self._refresh_stats()

    def watch_show_streak(self) -> None:
        """Show or hide the streak figure."""
        self._refresh_stats()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """With no sessions there is no chart and no streak, so their keys are hidden."""
        return bool(self._entries) if action in ("toggle_weeks", "toggle_streak") else True  # also while read

    def action_toggle_weeks(self) -> None:
        """Switch between the last two and the last four weeks."""
        self.weeks = 4 if self.weeks == 2 else 2

    def action_toggle_streak(self) -> None:
        """Show or hide the nights in a row; the app remembers the choice."""
        self.show_streak = not self.show_streak
        self.post_message(self.StreakToggled(self.show_streak))

    def action_close(self) -> None:
        """Close the history and go back."""
        self.dismiss()

    def _apply_size(self, width: int, height: int) -> None:
        self.set_class(width < NARROW_BELOW, "-narrow")
        self.set_class(height < COMPACT_BELOW, "-compact")
        self.set_class(height < SHORT_BELOW, "-short")

    def _refresh_stats(self) -> None:
        if not self.query(NightChart):
            return
        stats = compute_stats(self._entries, now=self._now, tz=self._tz, weeks=self.weeks)
        self.query_one("#figure-week", Static).update(_figure(
            "This week", plural(stats.sessions_this_week, "session"), format_minutes(stats.minutes_this_week)
        ))
        if self.show_streak:
            streak = _figure("Streak", plural(stats.streak, "night"), _streak_detail(stats))
        else:  # the nights of massage, without counting them in a row
            streak = _figure(f"Last {plural(stats.weeks, 'week')}", plural(stats.window_nights, "night"),
                             "k shows the streak")
        self.query_one("#figure-streak", Static).update(streak)
        self.query_one("#figure-total", Static).update(_figure(
            "In all", plural(stats.total_sessions, "session"), format_minutes(stats.total_minutes)
        ))
        self.query_one("#chart-title", Static).update(
            f"Minutes per night, last {plural(stats.weeks, 'week')}  ·  "
            f"{plural(stats.window_nights, 'night')}, {format_minutes(stats.window_minutes)}"
        )
        self.query_one(NightChart).nights = stats.nights
        self.query_one("#ratings-title", Static).update(
            f"How you felt, last {plural(stats.weeks, 'week')}  (1 low, 5 high)"
        )
        labels, strips, averages = _ratings_columns(stats, self.size.width - 32)
        self.query_one("#ratings-labels", Static).update(labels)
        self.query_one("#ratings-strips", Static).update(strips)
        self.query_one("#ratings-averages", Static).update(averages)
        journal = compute_journal(self._entries, self._nights, now=self._now, tz=self._tz)
        self.query_one("#journal", Static).update(Text("\n".join(journal_sentences(journal))))
        chart = sleep_chart([n.minutes for n in journal.chart], [n.sleep for n in journal.chart])
        self.query_one("#journal-chart", Static).update(
            Text("\n".join(chart)) if journal.rated_nights else ""
        )
        self.query_one("#journal-chart", Static).display = bool(journal.rated_nights)
        header, *rows = recent_lines(self._entries, self._tz, count=RECENT, show_streak=self.show_streak)
        self.query_one("#recent-header", Static).update(header)
        self.query_one("#recent", Static).update(Text("\n".join(rows)))


def _figure(label: str, value: str, detail: str) -> Text:
    """A figure card: a muted label, the value, a muted detail line."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(label + "\n", "dim")
    text.append(value + "\n", "bold")
    text.append(detail, "dim")
    return text


def _streak_detail(stats: HistoryStats) -> str:
    if stats.streak and not stats.streak_includes_tonight:
        return f"up to last night · best {stats.best_streak}"
    return f"best {plural(stats.best_streak, 'night')}"


def _ratings_columns(stats: HistoryStats, width: int) -> tuple[str, str, str]:
    """Labels, strips (the latest ``width`` sessions) and averages, one line per rating."""
    if not stats.ratings:
        return "", "No rated sessions in these weeks.", ""
    labels, strips, averages = [], [], []
    for which in ("relaxed", "sleepy"):
        values = [getattr(point, which) for point in stats.ratings][-max(1, width) :]
        average = stats.average(which)
        labels.append(which.capitalize())
        strips.append(rating_strip(values))
        averages.append(f"average {average:.1f}" if average is not None else "not rated")
    return "\n".join(labels), "\n".join(strips), "\n".join(averages)
