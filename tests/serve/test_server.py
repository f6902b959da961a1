"""The server: nothing without the token, nothing beyond 127.0.0.1 unless asked, cues passed to the page.

Each test runs a real server on 127.0.0.1 (a free port) and talks to it with aiohttp's client; the app
behind it is a small stand-in (``fake_app.py``) so these tests do not depend on coach's screens.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from coach.serve.server import CoachServer

TOKEN = "test-token-1234"
FAKE_APP = Path(__file__).with_name("fake_app.py")
TIMEOUT = aiohttp.ClientTimeout(total=20)


def browser() -> aiohttp.ClientSession:
    """A client that keeps cookies as a browser does (aiohttp's default jar ignores an IP address's)."""
    return aiohttp.ClientSession(timeout=TIMEOUT, cookie_jar=aiohttp.CookieJar(unsafe=True))


@pytest.fixture
async def server(tmp_path: Path) -> AsyncIterator[CoachServer]:
    """A server on a free port of 127.0.0.1 whose app notes in ``tmp_path/note`` that it ran."""
    served = CoachServer([sys.executable, str(FAKE_APP), str(tmp_path / "note")], token=TOKEN, port=0)
    await served.start()
    try:
        yield served
    finally:
        await served.close()


def base(server: CoachServer) -> str:
    return f"http://127.0.0.1:{server.port}"


async def test_it_listens_on_127_0_0_1_only_unless_asked(server: CoachServer) -> None:
    assert server.host == "127.0.0.1"
    assert server._runner is not None
    assert {address[0] for address in server._runner.addresses} == {"127.0.0.1"}


@pytest.mark.parametrize("path", ["/", "/?token=", "/?token=wrong-token-000", "/?token=test-token-123",
                                  "/ws", "/ws?token=nope", "/static/js/textual.js", "/favicon.ico"])
async def test_without_the_right_token_403_and_no_app(server: CoachServer, tmp_path: Path, path: str) -> None:
    async with browser() as session, session.get(base(server) + path) as reply:
        assert reply.status == 403
        assert "access token" in await reply.text()
        assert "Set-Cookie" not in reply.headers
    assert server.started == 0
    assert not (tmp_path / "note").exists()


async def test_a_websocket_without_the_token_is_refused_before_any_app(server: CoachServer,
                                                                       tmp_path: Path) -> None:
    async with browser() as session:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(base(server) + "/ws?width=80&height=24")
    assert refused.value.status == 403
    # The handler has answered 403, and the server counts an app before it starts one: no waiting needed.
    assert server.started == 0 and not server.services
    assert not (tmp_path / "note").exists()


async def test_the_right_token_gets_the_page_and_a_cookie_for_the_rest(server: CoachServer) -> None:
    async with browser() as session:
        async with session.get(f"{base(server)}/?token={TOKEN}") as reply:
            assert reply.status == 200
            page = await reply.text()
            assert reply.headers["Referrer-Policy"] == "no-referrer"
            assert reply.cookies[server.cookie_name]["samesite"] == "Strict"
            assert reply.cookies[server.cookie_name]["httponly"]
        assert f'data-session-websocket-url="ws://127.0.0.1:{server.port}/ws"' in page
        assert "Start with sound" in page and "speechSynthesis" in page and "wakeLock" in page
        assert "googleapis" not in page  # nothing fetched from elsewhere
        async with session.get(base(server) + "/static/js/textual.js") as script:  # the cookie alone
            assert script.status == 200
    assert server.started == 0  # a page is not an app: the app starts with the websocket


async def test_a_websocket_from_another_site_is_refused(server: CoachServer) -> None:
    async with browser() as session:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(f"{base(server)}/ws?token={TOKEN}",
                                     headers={"Origin": "http://evil.example"})
    assert refused.value.status == 403
    assert server.started == 0


async def test_the_page_gets_the_apps_cues_and_closing_it_stops_the_app(server: CoachServer,
                                                                        tmp_path: Path) -> None:
    cues: list[dict[str, object]] = []
    drawn = b""
    async with browser() as session:
        await session.get(f"{base(server)}/?token={TOKEN}")  # the page sets the cookie, as in a browser
        socket = await session.ws_connect(f"{base(server)}/ws?width=60&height=20",
                                          headers={"Origin": base(server)})
        async with asyncio.timeout(20):
            async for message in socket:
                if message.type == aiohttp.WSMsgType.BINARY:
                    drawn += message.data
                elif message.type == aiohttp.WSMsgType.TEXT:
                    kind, data = json.loads(message.data)
                    if kind == "coach":
                        cues.append(data)
                if len(cues) >= 3 and b"fake coach" in drawn:
                    break
        assert (tmp_path / "note").read_text() == "started"
        assert server.started == 1 and len(server.services) == 1
        await socket.close()
    expected = [{"cue": "chime", "sound": "bell", "soft": False}, {"cue": "say", "text": "Arch work"},
                {"cue": "awake", "held": True}]
    assert sorted(cues, key=str) == sorted(expected, key=str)
    async with asyncio.timeout(10):
        while server.services:
            await asyncio.sleep(0.05)
    assert (tmp_path / "note").read_text() == "terminated"  # SIGTERM, which keeps a session, not a quit
