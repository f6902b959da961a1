"""What ``coach serve`` prints: where to open it, the QR code for the phone, the security note."""

from __future__ import annotations

import asyncio
import io
import os
import signal
import socket
import sys

import pytest

from coach.serve import run
from coach.serve.qr import qr_lines


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.3.4.5", True), ("::1", True), ("localhost", True),
    ("0.0.0.0", False), ("192.168.1.20", False), ("::", False), ("bedside.local", False),
])
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert run.is_loopback(host) is loopback


def test_the_url_carries_the_token(monkeypatch: pytest.MonkeyPatch) -> None:
    assert run.page_urls("127.0.0.1", 8123, "tok-en_123") == ["http://127.0.0.1:8123/?token=tok-en_123"]
    assert run.page_urls("fe80::1", 8000, "t" * 8) == ["http://[fe80::1]:8000/?token=tttttttt"]
    monkeypatch.setattr(run, "lan_addresses", lambda: ["192.168.1.20"])
    assert run.page_urls("0.0.0.0", 8000, "abcdefgh") == [
        "http://192.168.1.20:8000/?token=abcdefgh", "http://127.0.0.1:8000/?token=abcdefgh",
    ]


def test_lan_addresses_are_never_loopback() -> None:
    assert all(not run.is_loopback(address) for address in run.lan_addresses())


def test_on_this_computer_only_the_address() -> None:
    out = io.StringIO()
    run.announce(["http://127.0.0.1:8000/?token=abcdefgh"], "127.0.0.1", out, colour=False)
    text = out.getvalue()
    assert "this computer only" in text and "http://127.0.0.1:8000/?token=abcdefgh" in text
    assert "▀" not in text and "█" not in text


def test_on_the_network_a_qr_code_and_the_security_note() -> None:
    url = "http://192.168.1.20:8000/?token=abcdefgh"
    out = io.StringIO()
    run.announce([url, "http://127.0.0.1:8000/?token=abcdefgh"], "0.0.0.0", out, colour=True)
    text = out.getvalue()
    assert url in text and "also: http://127.0.0.1:8000/?token=abcdefgh" in text
    assert all(f"\x1b[30;47m{line}\x1b[0m" in text for line in qr_lines(url))  # dark on light
    assert "keep it to your" in text and "network you trust" in text
    assert max(len(line) for line in text.splitlines() if "\x1b" not in line) <= 100


async def test_a_port_in_use_is_told_not_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = await run.serve([sys.executable, "-c", "pass"], "127.0.0.1", port, "abcdefgh", io.StringIO())
    assert code == run.EXIT_CANNOT_LISTEN
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err


async def test_it_serves_until_stopped() -> None:
    out = io.StringIO()
    task = asyncio.create_task(run.serve([sys.executable, "-c", "pass"], "127.0.0.1", 0, "abcdefgh", out))
    async with asyncio.timeout(10):
        while "?token=abcdefgh" not in out.getvalue():
            await asyncio.sleep(0.02)
    os.kill(os.getpid(), signal.SIGINT)  # as Ctrl+C would
    assert await asyncio.wait_for(task, 10) == run.EXIT_OK
    assert "coach serve stopped." in out.getvalue()
