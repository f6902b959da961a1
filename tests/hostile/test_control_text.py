"""Nothing a file holds reaches the terminal as a control code: every printer shows it escaped.

Each command runs as its own process and its raw output bytes are read, so nothing between coach and the
terminal (a capture, an encoding) can hide a raw escape character.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach import paths
from coach.history import History, history_path, load_history
from coach.routines.load import RoutinesError, parse_library
from coach.wording import visible
from tests.history_helpers import make_record
from tests.hostile.helpers import ATTACK, BIDI, EVERY_CONTROL, coach, obeyed, toml_string

SHIPPED = paths.shipped_routines().read_text(encoding="utf-8")
NOW = datetime.now(UTC) - timedelta(hours=1)
# A name a file system allows (no NUL, no slash) that carries every attack but those two.
FILE_NAME_ATTACK = "".join(c for c in EVERY_CONTROL if c not in "\x00/")


# -- the one function ---------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from(EVERY_CONTROL), st.characters()), max_size=40))
def test_visible_leaves_nothing_a_terminal_would_obey(text: str) -> None:
    shown = visible(text)
    assert obeyed(shown.encode("utf-8", errors="surrogateescape")) == []
    assert "\n" not in shown
    kept = visible(text, lines=True)
    assert obeyed(kept.encode("utf-8", errors="surrogateescape")) == []
    assert kept.count("\n") == text.count("\n")


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp")), max_size=40))
def test_visible_leaves_ordinary_text_alone(text: str) -> None:
    assert visible(text) == text


def test_every_control_is_shown_as_an_escape() -> None:
    shown = visible(EVERY_CONTROL)
    assert shown.startswith("\\x00\\x01") and "\\t" in shown and "\\n" in shown and "\\x1b" in shown
    assert "\\x9b" in shown and all(f"\\u{ord(c):04x}" in shown for c in BIDI)


# -- coach validate ---------------------------------------------------------------------------------------


def hostile_routines() -> str:
    """The shipped file with controls in an unknown key, a routine id, a zone and a breathing name."""
    text = SHIPPED.replace('zone = "toes"', f"zone = {toml_string(ATTACK)}", 1)
    text = text.replace('name = "Calm breath, 4 in, 6 out"', f"name = {toml_string(EVERY_CONTROL[1:])}", 1)
    return (
        f"{toml_string(EVERY_CONTROL)} = 1\n"  # an unknown key at the top, every control in it
        + text
        + f"\n[routines.{toml_string(ATTACK)}]\nname = {toml_string(ATTACK)}\n"
    )


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(EVERY_CONTROL + "ab[]=.\"'\\"), min_size=1, max_size=12))
def test_every_problem_is_printable_whatever_the_key_holds(key: str) -> None:
    text = f"{toml_string(key)} = 1\n[routines.{toml_string(key)}]\ntitle = {toml_string(key)}\n" + SHIPPED
    with pytest.raises(RoutinesError) as caught:
        parse_library(text, f"in{key}.toml")
    for problem in caught.value.problems:
        assert obeyed(str(problem).encode("utf-8", errors="surrogateescape")) == []


def test_validate_prints_every_control_escaped(tmp_path: Path) -> None:
    path = tmp_path / f"routines{FILE_NAME_ATTACK}.toml"
    path.write_text(hostile_routines(), encoding="utf-8")
    done = coach("validate", str(path), env={"COACH_DATA_DIR": str(tmp_path / "data")})
    assert done.returncode == 2, done.stderr
    assert b"Traceback" not in done.stderr
    assert obeyed(done.stdout + done.stderr) == []
    err = done.stderr.decode()
    assert "unknown key" in err and "\\x1b]0;pwned\\x07" in err and "\\u202e" in err
    assert "contains a control character" in err  # the breathing pattern's name


def test_list_prints_a_hostile_file_name_escaped(tmp_path: Path) -> None:
    path = tmp_path / f"routines{FILE_NAME_ATTACK}.toml"
    path.write_text(SHIPPED, encoding="utf-8")
    done = coach("list", "--routines", str(path), env={"COACH_DATA_DIR": str(tmp_path / "data")})
    assert done.returncode == 0, done.stderr
    assert obeyed(done.stdout + done.stderr) == []
    assert b"Routines from " in done.stdout and b"\\x1b" in done.stdout


def test_a_title_with_a_bidirectional_override_is_refused_with_its_line() -> None:
    text = SHIPPED.replace('title = "', 'title = "\u202e', 1)
    with pytest.raises(RoutinesError) as caught:
        parse_library(text, "r.toml")
    (problem,) = caught.value.problems
    assert "control character U+202E" in str(problem) and problem.line is not None


# -- coach history ------------------------------------------------------------------------------------


def test_history_text_and_json_print_every_control_escaped(tmp_path: Path) -> None:
    data = tmp_path / f"data{FILE_NAME_ATTACK}"
    History(history_path(data)).append(make_record(NOW, routine_name=EVERY_CONTROL, routine_id=ATTACK))
    env = {"COACH_DATA_DIR": str(data)}
    text = coach("history", env=env)
    assert text.returncode == 0, text.stderr
    assert obeyed(text.stdout + text.stderr) == []
    assert b"\\x00\\x01" in text.stdout
    as_json = coach("history", "--json", env=env)
    assert as_json.returncode == 0, as_json.stderr
    assert obeyed(as_json.stdout + as_json.stderr) == []
    (session,) = json.loads(as_json.stdout)["sessions"]
    assert (session["routine_name"], session["routine_id"]) == (EVERY_CONTROL, ATTACK)  # the same JSON


def test_a_notice_about_a_damaged_history_quotes_its_path_escaped(tmp_path: Path) -> None:
    data = tmp_path / f"data{FILE_NAME_ATTACK}"
    history_path(data).parent.mkdir(parents=True)
    history_path(data).write_bytes(b"\x1b[2J not toml \x9b")
    done = coach("history", env={"COACH_DATA_DIR": str(data)})
    assert done.returncode == 0
    assert b"could not be read" in done.stderr
    assert obeyed(done.stdout + done.stderr) == []
    assert load_history(data).entries == ()
