"""``coach slept`` and ``coach history --csv``/``--json``: the sleep answers from the command line."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from coach.cli import history as history_cli
from coach.cli import main
from coach.cli import slept as slept_cli
from coach.history import History, history_path, load_history
from coach.history import store as history_store
from tests.history_helpers import BERLIN_SUMMER, FIXTURE_NOW, journal_fixture, make_record

Z = BERLIN_SUMMER


@pytest.fixture(autouse=True)
def _fresh() -> None:
    history_store._SNAPSHOTS.clear()


def slept(base: Path, sleep: int, night: str | None = None, quick: bool | None = None,
          woke: bool | None = None, now: datetime = FIXTURE_NOW) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = slept_cli.run(sleep, night, quick, woke, base, now=now, tz=Z, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_slept_rates_last_night_and_says_which(tmp_path: Path) -> None:
    History(history_path(tmp_path)).append(make_record(datetime(2024, 5, 25, 22, 40, tzinfo=Z)))
    code, out, err = slept(tmp_path, 4, quick=True)
    assert (code, err) == (0, "")
    assert out == (
        "Kept: sleep 4 of 5 for the night of Sat 25 May, a night with a massage; "
        "fell asleep quickly: yes.\n"
    )
    (answer,) = load_history(tmp_path).nights
    assert (answer.night, answer.sleep, answer.quick, answer.woke) == (date(2024, 5, 25), 4, True, None)


def test_a_night_without_a_session_and_answering_again(tmp_path: Path) -> None:
    assert slept(tmp_path, 2, night="2024-05-20", woke=True)[1].endswith(
        "night of Mon 20 May, a night without a session; woke in the night: yes.\n"
    )
    code, out, _ = slept(tmp_path, 3, night="2024-05-20")
    assert code == 0 and "(the earlier answer was replaced)" in out
    history_store._SNAPSHOTS.clear()
    (answer,) = load_history(tmp_path).nights
    assert (answer.sleep, answer.woke) == (3, None)


@pytest.mark.parametrize(
    ("night", "message"),
    [("2024-05-27", "has not come yet"), ("20-5-2024", "YYYY-MM-DD"), ("2022-05-01", "more than a year")],
)
def test_bad_nights_exit_2_and_keep_nothing(tmp_path: Path, night: str, message: str) -> None:
    code, out, err = slept(tmp_path, 4, night=night)
    assert (code, out) == (2, "") and message in err
    assert not history_path(tmp_path).exists()


@pytest.mark.parametrize("argv", [["slept", "6"], ["slept", "four"], ["slept", "3", "--quick", "maybe"]])
def test_bad_answers_are_usage_errors(
    tmp_path: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, "--data-dir", str(tmp_path)]) == 2
    assert "coach slept: error" in capsys.readouterr().err
    assert not history_path(tmp_path).exists()


def test_slept_through_main(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    night = (date.today() - timedelta(days=3)).isoformat()
    assert main(["slept", "5", "--night", night, "--quick", "no", "--woke", "yes",
                 "--data-dir", str(tmp_path)]) == 0
    assert "sleep 5 of 5" in capsys.readouterr().out
    (answer,) = load_history(tmp_path).nights
    assert (answer.quick, answer.woke) == (False, True)


@pytest.fixture
def journal_base(tmp_path: Path) -> Path:
    entries, answers = journal_fixture()
    history = History(history_path(tmp_path))
    for entry in entries:
        history.append(entry.record, entry_id=entry.id)
    for answer in answers:
        history.answer(answer)
    history_store._SNAPSHOTS.clear()
    return tmp_path


def report(base: Path, *, json_output: bool = False, csv_output: bool = False) -> str:
    out, err = io.StringIO(), io.StringIO()
    code = history_cli.run(json_output, 4, base, now=FIXTURE_NOW, tz=Z, out=out, err=err,
                           csv_output=csv_output)
    assert (code, err.getvalue()) == (0, "")
    return out.getvalue()


def test_history_text_carries_the_journal(journal_base: Path) -> None:
    text = report(journal_base)
    assert "How you slept (1 poorly, 5 very well)" in text
    assert "rated your sleep 4.5 on average, 2.5 without (14 and 10 nights)" in " ".join(text.split())
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "  minutes " in text and "  sleep   " in text


def test_history_json_carries_the_journal(journal_base: Path) -> None:
    document = json.loads(report(journal_base, json_output=True))
    four, twelve = document["journal"]["windows"]
    assert four["with_massage"] == {"label": "with a massage", "nights": 14, "mean": 4.5}
    assert four["without"] == {"label": "without", "nights": 10, "mean": 2.5}
    assert four["difference"] == 2.0 and four["enough_nights"] is True
    assert twelve["with_massage"]["mean"] == round(79 / 22, 3)
    assert [g["label"] for g in twelve["by_routine"]] == ["Full", "Nightly"]
    assert len(document["journal"]["nights"]) == 28
    assert len(document["nights"]) == 42 and document["nights"][0]["night"] == "2024-03-08"


def test_history_csv_has_a_row_per_session_and_per_night(journal_base: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(report(journal_base, csv_output=True))))
    sessions = [r for r in rows if r["row"] == "session"]
    nights = [r for r in rows if r["row"] == "night"]
    assert len(sessions) == 24 and len(nights) == 42
    assert sessions[0]["routine_name"] == "Nightly" and sessions[0]["massage_minutes"] == "12.00"
    assert sessions[0]["sleep"] == "" and nights[0]["routine_name"] == ""
    skipped = [r for r in nights if r["skipped"] == "yes"]
    assert len(skipped) == 1 and skipped[0]["sleep"] == ""
    assert {r["fell_asleep_quickly"] for r in nights} >= {"yes", "no", ""}


def test_csv_never_hands_a_spreadsheet_a_formula(tmp_path: Path) -> None:
    record = make_record(datetime(2024, 5, 25, 22, 40, tzinfo=Z), routine_name="=HYPERLINK(1)")
    History(history_path(tmp_path)).append(record)
    rows = list(csv.DictReader(io.StringIO(report(tmp_path, csv_output=True))))
    assert rows[0]["routine_name"] == "'=HYPERLINK(1)"


def test_json_and_csv_together_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "--json", "--csv", "--data-dir", str(tmp_path)]) == 2
    assert "not both" in capsys.readouterr().err


def test_csv_minutes_are_massage_minutes_without_the_lead_in_and_towel(tmp_path: Path) -> None:
    """As on the summary and in --json: the steps' time, not the session's (which has a lead-in)."""
    from dataclasses import replace

    record = make_record(datetime(2024, 5, 25, 22, 40, tzinfo=Z), minutes=10)
    more = timedelta(seconds=90)  # the lead-in and the towel change
    with_lead_in = replace(record, actual_seconds=record.actual_seconds + 90,
                           planned_seconds=record.planned_seconds + 90, ended_at=record.ended_at + more)
    History(history_path(tmp_path)).append(with_lead_in)
    (row,) = list(csv.DictReader(io.StringIO(report(tmp_path, csv_output=True))))
    assert with_lead_in.massage_seconds == 600
    assert (row["massage_minutes"], row["planned_minutes"]) == ("10.00", "10.00")


def test_tonight_can_be_rated_from_midnight_on_not_before(tmp_path: Path) -> None:
    code, out, err = slept(tmp_path, 4, night="2024-05-26")  # 23:40 that evening
    assert (code, out) == (2, "") and "has not been slept yet; rate it in the morning" in err
    assert not history_path(tmp_path).exists()
    small_hours = datetime(2024, 5, 27, 3, 10, tzinfo=Z)  # awake at 03:10, still that night
    code, out, err = slept(tmp_path, 2, night="2024-05-26", now=small_hours)
    assert (code, err) == (0, "") and "night of Sun 26 May" in out
    code, out, err = slept(tmp_path, 3, now=small_hours)  # no --night: the same night
    assert code == 0 and "night of Sun 26 May" in out
