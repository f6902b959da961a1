"""The access token and the QR code of the address."""

from __future__ import annotations

import segno

from coach.serve.access import new_token, token_matches, token_problem
from coach.serve.qr import BORDER, qr_lines


def test_a_new_token_each_time_long_and_url_safe() -> None:
    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50
    assert all(len(token) >= 22 and token_problem(token) is None for token in tokens)


def test_a_token_the_user_sets_must_be_usable_in_a_url() -> None:
    assert token_problem("bedside-2024") is None
    assert token_problem("short") is not None
    assert token_problem("with space here") is not None
    assert token_problem("a/b?c=d&e") is not None


def test_only_the_exact_token_matches() -> None:
    assert token_matches("bedside-2024", "bedside-2024")
    assert not token_matches("bedside-202", "bedside-2024")
    assert not token_matches("Bedside-2024", "bedside-2024")
    assert not token_matches("", "bedside-2024")
    assert not token_matches(None, "bedside-2024")


def test_the_qr_code_draws_every_module_of_the_address() -> None:
    url = "http://192.168.100.200:8000/?token=" + "x" * 22
    lines = qr_lines(url)
    expected = [[bool(m) for m in row] for row in segno.make(url, error="m").matrix_iter(border=BORDER)]
    halves = {" ": (False, False), "▀": (True, False), "▄": (False, True), "█": (True, True)}
    drawn: list[list[bool]] = []
    for line in lines:
        pairs = [halves[ch] for ch in line]
        drawn += [[top for top, _ in pairs], [bottom for _, bottom in pairs]]
    assert drawn[:len(expected)] == expected
    assert all(not module for row in drawn[len(expected):] for module in row)  # padding row is light
    assert len(lines[0]) <= 40 and len(lines) <= 20  # fits beside the address in an 80x24 terminal
