"""Numbers of any size and floats at every edge: a clear "must be ..." message, never a traceback."""

from __future__ import annotations

import copy
import io
import math
import sys
import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach import paths
from coach.cli.history import run as history_command
from coach.history import history_path, load_history
from coach.history import store as history_store
from coach.routines.load import RoutinesError, parse_library
from coach.settings import load_settings, settings_path

SHIPPED_TEXT = paths.shipped_routines().read_text(encoding="utf-8")
SHIPPED = tomllib.loads(SHIPPED_TEXT)
NOW = datetime(2024, 5, 26, 23, 40, tzinfo=timezone(timedelta(hours=2)))


def numeric_places(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in the parsed file that holds a number (a range's two ends included)."""
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in numeric_places(item, (*prefix, key))]
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in numeric_places(item, (*prefix, i))]
    return [prefix] if isinstance(value, int | float) and not isinstance(value, bool) else []


PLACES = numeric_places(SHIPPED)
EDGES = [1e308, sys.float_info.max, math.inf, -math.inf, math.nan, 5e-324, sys.float_info.min, -0.0, -1e-300,
         0.0001, 10**15, 10**300, -(10**400), 2**63, 2**64 + 1]
numbers = st.one_of(
    st.sampled_from(EDGES),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.integers(min_value=1, max_value=4000).map(lambda digits: int("9" * digits)),
    st.floats(allow_nan=True, allow_infinity=True),
)


def with_value(place: tuple[Any, ...], value: object) -> str:
    data = copy.deepcopy(SHIPPED)
    target: Any = data
    for part in place[:-1]:
        target = target[part]
    target[place[-1]] = value
    return tomli_w.dumps(data)


def test_the_shipped_file_has_numbers_everywhere_they_can_be() -> None:
    keys = {place[-1] if isinstance(place[-1], str) else place[-2] for place in PLACES}
    assert {"inhale", "exhale", "seconds", "minutes", "holds", "reps", "release", "lead_in"} <= keys


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PLACES), numbers)
def test_any_number_in_any_numeric_key_is_accepted_or_told(place: tuple[Any, ...], value: float) -> None:
    try:
        library = parse_library(with_value(place, value), "n.toml")
    except RoutinesError as error:
        for problem in error.problems:
            assert problem.message.startswith("must be") or "range" in problem.message, problem
            assert len(str(problem)) < 300  # a 4000-digit number is described, not printed
    else:
        assert library.routines  # accepted: it was inside the limits


@pytest.mark.parametrize("digits", [400, 4300, 4301, 5000, 100_000])
def test_a_number_of_thousands_of_digits_is_told_at_its_key(digits: int) -> None:
    text = SHIPPED_TEXT.replace("inhale = 4", "inhale = " + "9" * digits, 1)
    with pytest.raises(RoutinesError) as caught:
        parse_library(text, "n.toml")
    (problem,) = caught.value.problems
    assert problem.key == "breathing.calm.inhale" and problem.line is not None
    assert problem.message.startswith("must be at most 30, got a ")
    assert "digit" in problem.message


@pytest.mark.parametrize(("written", "said"), [("1e308", "must be at most 30, got 1e+308"),
                                              ("inf", "must be at most 30, got inf"),
                                              ("nan", "must be a positive number, got nan"),
                                              ("-0.0", "must be a positive number, got -0"),
                                              ("5e-324", "must be at least 1, got 4.94066e-324"),
                                              ("0.001", "must be at least 1, got 0.001")])
def test_floats_at_the_edges(written: str, said: str) -> None:
    with pytest.raises(RoutinesError) as caught:
        parse_library(SHIPPED_TEXT.replace("inhale = 4", f"inhale = {written}", 1), "n.toml")
    assert [p.message for p in caught.value.problems] == [said]


# -- history ---------------------------------------------------------------------------------------------

SESSION = """
[[sessions]]
id = "{id}"
routine_id = "full"
routine_name = "Full"
mode = "self"
feet = ["left"]
started_at = {started}
ended_at = {ended}
planned_seconds = {planned}
actual_seconds = {actual}
paused_seconds = 0
finished = true

[[sessions.steps]]
step_id = "a"
title = "A"
foot = "left"
planned = {planned}
actual = {actual}
"""
GOOD = SESSION.format(id="good", started="2024-05-26T22:00:00+02:00", ended="2024-05-26T22:10:00+02:00",
                      planned=600, actual=600)
times = st.sampled_from(["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59",
                         "0001-01-01T00:00:00", "2024-05-26T22:00:00+02:00", "1970-01-01T00:00:00Z",
                         "2024-05-26", "22:00:00"])
history_numbers = st.one_of(st.sampled_from(["1e308", "inf", "nan", "-0.0", "5e-324", "-1", "9" * 400,
                                             "9" * 4300, "1" + "0" * 30, "600"]),
                            st.integers(-(10**20), 10**20).map(str))


def run_history(data: Path) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    for as_json in (False, True):
        assert history_command(as_json, 4, data, now=NOW, out=out, err=err) == 0
    return out.getvalue(), err.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(times, times, history_numbers, history_numbers)
def test_a_history_session_with_any_numbers_or_times_is_read_or_counted_unreadable(
    tmp_path: Path, started: str, ended: str, planned: str, actual: str
) -> None:
    history_store._SNAPSHOTS.clear()
    data = tmp_path / "h"
    path = history_path(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    for stray in path.parent.iterdir():
        stray.unlink()
    odd = SESSION.format(id="odd", started=started, ended=ended, planned=planned, actual=actual)
    path.write_text("version = 1\n" + GOOD + odd, encoding="utf-8")
    loaded = load_history(data)
    ids = [entry.id for entry in loaded.entries]
    assert ids[0] == "good" and len(ids) <= 2
    run_history(data)  # the report and the JSON of whatever was kept


def test_a_date_pushed_past_year_9999_by_its_offset_is_unreadable_not_a_crash(tmp_path: Path) -> None:
    odd = SESSION.format(id="odd", started="9999-12-31T23:59:59-12:00", ended="9999-12-31T23:59:59-12:00",
                         planned=1, actual=1)
    path = history_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("version = 1\n" + GOOD + odd, encoding="utf-8")
    loaded = load_history(tmp_path)
    assert [e.id for e in loaded.entries] == ["good"]
    assert loaded.notice is not None and loaded.notice.startswith("1 session in the history file")
    out, _ = run_history(tmp_path)
    assert "1 session" in out


def test_a_history_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = history_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes("\ufeffversion = 1\n".encode() + GOOD.encode())
    loaded = load_history(tmp_path)
    assert [e.id for e in loaded.entries] == ["good"] and loaded.notice is None


# -- settings ----------------------------------------------------------------------------------------------

setting_values = st.one_of(st.sampled_from(["1e308", "inf", "nan", "-0.0", "5e-324", "9" * 400, "true",
                                            '"x"', "[]", "{}", "2024-05-26"]),
                           st.integers(-(10**20), 10**20).map(str))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["chime", "mode", "feet", "routine_id", "theme", "reduced_motion", "version", "odd"]),
       setting_values, setting_values)
def test_any_value_in_settings_gives_a_setting_or_the_default(tmp_path: Path, key: str, value: str,
                                                               minutes: str) -> None:
    path = settings_path(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{key} = {value}\n[minutes_by_routine]\nfull = {minutes}\n", encoding="utf-8")
    loaded = load_settings(tmp_path)
    assert all(0 < m <= 180 for m in loaded.settings.minutes_by_routine.values())
    if loaded.notice is not None:
        assert len(loaded.notice) < 1000 + len(str(path))
