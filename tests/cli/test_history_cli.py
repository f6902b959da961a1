"""``coach history``: the plain-text report and the JSON document."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from coach.cli import history as history_cli
from coach.history import History, history_path
from coach.history import store as history_store
from tests.history_helpers import BERLIN_SUMMER, FIXTURE_NOW, fixture_entries, make_record


@pytest.fixture(autouse=True)
def _steady(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "24")
    history_store._SNAPSHOTS.clear()


@pytest.fixture
def base(tmp_path: Path) -> Path:
    history = History(history_path(tmp_path))
    for entry in fixture_entries():
        history.append(entry.record, entry.relaxed, entry.sleepy, entry_id=entry.id)
    history_store._SNAPSHOTS.clear()
    return tmp_path


def run(
    base: Path, *, json_output: bool = False, weeks: int = 2, out: io.TextIOWrapper | None = None
) -> tuple[int, str, str]:
    """Run the command against ``base`` at the fixture's moment; (exit code, stdout, stderr)."""
    stdout: io.TextIOWrapper | io.StringIO = out or io.StringIO()
    stderr = io.StringIO()
    code = history_cli.run(
        json_output, weeks, base, now=FIXTURE_NOW, tz=BERLIN_SUMMER, out=stdout, err=stderr
    )
    if isinstance(stdout, io.TextIOWrapper):
        stdout.flush()
        raw = stdout.buffer
        assert isinstance(raw, io.BytesIO)
        return code, raw.getvalue().decode("ascii"), stderr.getvalue()
    return code, stdout.getvalue(), stderr.getvalue()


def test_text_report_of_the_fixture(base: Path) -> None:
    code, out, err = run(base)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:4] == [
        "This week      7 sessions, 1 h 42 min",
        "Streak         3 nights in a row, tonight included · best 8 nights",
        "Last 2 weeks   13 sessions on 12 nights, 2 h 50 min",
        "In all         30 sessions, 6 h 33 min",
    ]
    chart = lines[lines.index("Minutes per night, last 2 weeks") + 1 :][:6]
    assert chart == [
        "  40 ┤              ▆",
        "     │              █",
        "     │    █ ▁ ▅     █   ▄   ▂ ▆",
        "     │▇   █ █ █ ▇ ▃ █ █ █   █ █ █",
        "   0 └────────────────────────────",
        "      13 May        20 May",
    ]
    ratings = lines[lines.index("Ratings, last 2 weeks (1 low, 5 high)") + 1 :][:2]
    assert ratings == ["  relaxed  ▆▄▂█▆▄█▆▄▂█  average 3.6", "  sleepy   █·▆▁▄▁█·▆▁▄  average 3.0"]
    recent = lines[lines.index("Latest sessions") + 1 :]
    assert recent[0] == "  When              Routine              Time  Relaxed  Sleepy"
    assert recent[1] == "  Sun 26 May 22:53  Evening wind-down  10 min        5       3"
    assert recent[4] == "  Wed 22 May 22:25  Evening wind-down  15 min        4       -"
    assert len(recent) == 6


def test_four_weeks_widen_the_chart(base: Path) -> None:
    out = run(base, weeks=4)[1]
    assert "Last 4 weeks   24 sessions on 23 nights, 5 h 18 min" in out
    assert "      29 Apr        6 May         13 May        20 May" in out.splitlines()
    baseline = next(line for line in out.splitlines() if "└" in line)
    assert baseline == "   0 └" + "─" * 56


def test_a_stopped_session_says_so(tmp_path: Path) -> None:
    History(history_path(tmp_path)).append(make_record(FIXTURE_NOW - timedelta(hours=1), 4, finished=False))
    out = run(tmp_path)[1]
    assert out.splitlines()[-1].endswith("4 min        -       -  stopped early")


def test_without_unicode_the_report_is_ascii(base: Path) -> None:
    ascii_out = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    code, out, _ = run(base, out=ascii_out)
    assert code == 0
    assert out.isascii()
    assert "  40 +              +" in out.splitlines()
    assert "     |#   # # # # : # # #   # # #" in out.splitlines()
    assert "  relaxed  43254354325  average 3.6" in out.splitlines()
    assert "tonight included - best 8 nights" in out


def test_routine_names_cannot_drive_the_terminal(tmp_path: Path) -> None:
    record = make_record(FIXTURE_NOW - timedelta(hours=1), routine_name="Calm\x1b[2J\x07 [bold]x[/]")
    History(history_path(tmp_path)).append(record)
    out = run(tmp_path)[1]
    assert "\x1b" not in out and "\x07" not in out
    assert "Calm\\x1b[2J\\x07 [bold]" in out  # shown as escapes, literally


def test_empty_history(tmp_path: Path) -> None:
    assert run(tmp_path) == (0, "No sessions yet. Each session you finish or stop is kept here.\n", "")


def test_json_holds_every_session_and_the_stats(base: Path) -> None:
    code, out, err = run(base, json_output=True, weeks=4)
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["notice"] is None
    assert document["generated_at"] == "2024-05-26T23:40:00+02:00"
    assert document["history_file"] == str(history_path(base))
    stats = document["stats"]
    keys = ("tonight", "week_start", "sessions_this_week", "streak", "best_streak")
    assert {k: stats[k] for k in keys} == {
        "tonight": "2024-05-26",
        "week_start": "2024-05-20",
        "sessions_this_week": 7,
        "streak": 3,
        "best_streak": 8,
    }
    assert stats["streak_includes_tonight"] is True
    assert stats["total_sessions"] == 30
    assert len(stats["minutes_per_night"]) == 28
    assert stats["minutes_per_night"][-1] == {"night": "2024-05-26", "minutes": 9.5, "sessions": 1}
    sessions = document["sessions"]
    assert len(sessions) == 30
    assert [s["id"] for s in sessions] == sorted(s["id"] for s in sessions)  # oldest first
    first = sessions[0]
    assert first["started_at"] == "2024-04-23T00:05:00+02:00"
    assert first["night"] == "2024-04-22"  # after midnight: the night before
    assert (first["relaxed"], first["sleepy"]) == (2, 1)
    assert any(s["relaxed"] is None for s in sessions)
    assert len(first["steps"]) == 4 and first["steps"][0]["foot"] == "left"
    assert datetime.fromisoformat(first["ended_at"]) > datetime.fromisoformat(first["started_at"])


def test_json_on_an_ascii_stream_escapes(tmp_path: Path) -> None:
    record = make_record(FIXTURE_NOW - timedelta(hours=1), routine_name="Pieds à l'huile")
    History(history_path(tmp_path)).append(record)
    out = run(tmp_path, json_output=True, out=io.TextIOWrapper(io.BytesIO(), encoding="ascii"))[1]
    assert "\\u00e0" in out
    assert json.loads(out)["sessions"][0]["routine_name"] == "Pieds à l'huile"


def test_a_damaged_file_is_told_on_stderr_and_the_output_stays_clean(tmp_path: Path) -> None:
    path = history_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("this is not toml = = =")
    code, out, err = run(tmp_path, json_output=True)
    assert code == 0
    assert json.loads(out)["sessions"] == []
    assert err.startswith("coach history: The history file could not be read: it is not valid TOML")
    (aside,) = path.parent.glob("history.toml.damaged-*")
    assert str(aside) in err
    assert aside.read_text() == "this is not toml = = ="


@pytest.mark.parametrize("weeks", [0, -1, 53])
def test_weeks_out_of_range_is_a_usage_error(tmp_path: Path, weeks: int) -> None:
    code, out, err = run(tmp_path, weeks=weeks)
    assert (code, out) == (2, "")
    assert f"not {weeks}" in err


def test_defaults_print_to_stdout(base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert history_cli.run(False, 2, base) == 0
    captured = capsys.readouterr()
    assert "In all         30 sessions, 6 h 33 min" in captured.out
    assert captured.err == ""


# ---------------------------------------------------------------- the honest record in the history

FORMAT_1 = b"""version = 1

[[sessions]]
id = "old"
routine_id = "full"
routine_name = "Full seven-step massage"
mode = "self"
feet = ["left"]
started_at = 2024-05-26T22:00:00+02:00
ended_at = 2024-05-26T22:10:00+02:00
planned_seconds = 600.0
actual_seconds = 560.0
paused_seconds = 40.0
finished = false

[[sessions.steps]]
step_id = "effleurage"
title = "Effleurage"
foot = "left"
planned = 300.0
actual = 300.0

[[sessions.steps]]
step_id = "toes"
title = "Toes"
foot = "left"
planned = 200.0
actual = 45.0

[[sessions.steps]]
step_id = "closing"
title = "Closing"
foot = "left"
planned = 70.0
actual = 0.0
skipped = true
"""


def test_a_format_1_history_is_upgraded_in_memory_and_never_rewritten(tmp_path: Path) -> None:
    path = history_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(FORMAT_1)
    code, out, err = run(tmp_path, json_output=True)
    assert (code, err) == (0, "")
    assert path.read_bytes() == FORMAT_1  # reading is no reason to write
    document = json.loads(out)
    assert document["format"] == 2
    assert document["stats"]["streak_min_massage_seconds"] == 180
    (session,) = document["sessions"]
    assert [s["status"] for s in session["steps"]] == ["done", "shortened", "skipped"]
    assert session["massage_seconds"] == 345.0  # the steps only: not the 215 s of lead-in and towel
    assert session["lead_in_and_towel_seconds"] == 215.0
    assert session["feet_status"] == {"left": {"status": "partly", "steps_done": 1, "steps": 3}}
    assert session["shortened_steps"] == [{"step_id": "toes", "title": "Toes", "foot": "left"}]
    assert session["skipped_steps"] == [{"step_id": "closing", "title": "Closing", "foot": "left"}]
    assert session["counts_for_streak"] is True
    text = run(tmp_path)[1]
    assert path.read_bytes() == FORMAT_1
    assert "Streak         1 night in a row, tonight included" in text


def test_appending_to_a_format_1_history_keeps_its_sessions_as_they_were(tmp_path: Path) -> None:
    path = history_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(FORMAT_1)
    History(path).append(make_record(FIXTURE_NOW - timedelta(days=1), 10))
    data = path.read_bytes()
    assert data.startswith(FORMAT_1)  # appended after, the old bytes untouched
    history_store._SNAPSHOTS.clear()
    entries = History(path).load().entries
    assert entries[0].id == "old" and len(entries) == 2


def test_a_short_session_stays_in_the_history_but_makes_no_streak(tmp_path: Path) -> None:
    history = History(history_path(tmp_path))
    history.append(make_record(FIXTURE_NOW - timedelta(days=1, hours=1), 10))
    history.append(make_record(FIXTURE_NOW - timedelta(hours=1), 2, finished=False))  # 2 min of massage
    code, out, _ = run(tmp_path)
    assert code == 0
    assert "Streak         1 night in a row, up to last night · best 1 night" in out
    assert out.splitlines()[-2].endswith("short, no streak · stopped early")
    document = json.loads(run(tmp_path, json_output=True)[1])
    assert [s["counts_for_streak"] for s in document["sessions"]] == [True, False]
    assert document["stats"]["total_sessions"] == 2


def test_the_streak_can_be_hidden(tmp_path: Path) -> None:
    from coach.settings import Settings, save_settings

    History(history_path(tmp_path)).append(make_record(FIXTURE_NOW - timedelta(hours=1), 2))
    save_settings(tmp_path, Settings(show_streak=False))
    out = run(tmp_path)[1]
    assert "Streak" not in out and "streak" not in out
    assert out.splitlines()[-1].endswith("  short")
