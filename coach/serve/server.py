"""The web server of ``coach serve``: textual-serve's app runner behind an access token, and coach's page.

Built on :mod:`textual_serve` (which runs one app subprocess per browser websocket and relays its
terminal output), with these changes:

- **A token in front of everything.** Every request, the page, its scripts and the websocket, must carry
  the access token (``?token=`` in the URL the user opens; the page then sets a same-site cookie for the
  requests it makes). Anything else is answered 403 before any handler runs, so no app process starts.
  The websocket must also come from the page's own origin (a page elsewhere cannot drive coach).
- **No shell.** The app is started from an argument list, never a command line, so a data folder with
  spaces or quotes in its name is just a name.
- **Cues for the page.** The app's cue packets and terminal bells (:mod:`coach.serve.channel`) are
  passed to the page, which plays them; the server plays nothing.
- **Sessions kept.** A tab closed mid-session stops its app with SIGTERM, which keeps the session in
  history as ended early (the app's own handler), instead of quitting it outright.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import shlex
import signal
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
import textual_serve
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from coach.serve.access import token_matches
from coach.serve.channel import CHANNEL_ENV, PAGE, BellScanner, PageCue

log = logging.getLogger("coach.serve")

PAGE_DIR: Final = Path(__file__).resolve().parent / "page"
"""coach's page template (textual-serve's scripts, styles and fonts are served as they ship)."""
TEXTUAL_STATIC: Final = Path(textual_serve.__file__).resolve().parent / "static"
DEFAULT_HOST: Final = "127.0.0.1"
DEFAULT_PORT: Final = 8000
STOP_WAIT: Final = 5.0
"""Seconds an app is given to keep its session and exit after SIGTERM before it is killed."""
FORBIDDEN: Final = (
    "403: this address needs the access token. Open the full address that coach serve printed "
    "(the one ending in ?token=...), or scan its QR code.\n"
)


class CoachAppService(AppService):
    """One app subprocess for one browser websocket, started without a shell, with cues for its page."""

    def __init__(self, argv: Sequence[str], *, write_bytes: Callable[[bytes], Any],
                 write_str: Callable[[str], Any], close: Callable[[], Any], server: Server) -> None:
        super().__init__(shlex.join(argv), write_bytes=write_bytes, write_str=write_str, close=close,
                         download_manager=server.download_manager)
        self.argv = tuple(argv)
        self._bells = BellScanner()

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        """textual-serve's environment (its web driver, the size), and the page as the cue channel."""
        environment = super()._build_environment(width, height)
        environment[CHANNEL_ENV] = PAGE
        # The app sizes itself from COLUMNS/LINES when set: give it the page's size, not the server's.
        environment["LINES"] = str(height)
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24) -> asyncio.subprocess.Process:
        """Start the app from its argument list (textual-serve would hand a command line to a shell)."""
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def on_data(self, payload: bytes) -> None:
        """Terminal output for the page's terminal; each terminal bell in it is also a chime cue."""
        await super().on_data(payload)
        for _ in range(self._bells.feed(payload)):
            await self._send_cue(PageCue("chime", sound="bell"))

    async def on_meta(self, data: bytes) -> None:
        """A cue from the app goes to the page once checked; other meta packets as textual-serve has them."""
        try:
            meta = json.loads(data)
        except ValueError:
            log.warning("a meta packet that is not JSON was dropped")
            return
        if isinstance(meta, dict) and meta.get("type") == "coach_cue":
            cue = PageCue.from_meta(meta)
            if cue is not None:
                await self._send_cue(cue)
            return
        await super().on_meta(data)

    async def _send_cue(self, cue: PageCue) -> None:
        with contextlib.suppress(ConnectionError, RuntimeError):  # the page has just gone
            await self.remote_write_str(json.dumps(["coach", cue.to_page()]))

    async def stop(self) -> None:
        """End the app as a closed terminal would (SIGTERM): a session under way is kept in history."""
        process, task = self._process, self._task
        if task is None:
            return
        self._task = None
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(asyncio.shield(task), STOP_WAIT)
        except TimeoutError:
            if process is not None and process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
            await task
        if process is not None:
            await process.wait()


class CoachServer(Server):
    """Serves coach to browsers that bring the access token; one app process per open page."""

    def __init__(self, argv: Sequence[str], *, token: str, host: str = DEFAULT_HOST,
                 port: int = DEFAULT_PORT, title: str = "coach") -> None:
        """``argv`` starts the app (e.g. ``[sys.executable, "-m", "coach", "--mode", "self"]``)."""
        super().__init__(shlex.join(argv), host=host, port=port, title=title,
                         statics_path=TEXTUAL_STATIC, templates_path=PAGE_DIR)
        self.argv = tuple(argv)
        self.token = token
        self.cookie_name = f"coach_token_{port}"
        self.services: set[CoachAppService] = set()
        """The app processes running now, one per open page."""
        self.started = 0
        """How many app processes this server has started."""
        self._runner: web.AppRunner | None = None

    # -- the web application ----------------------------------------------------------------------
    async def _make_app(self) -> web.Application:
        """The routes (page, websocket, textual-serve's static files), all behind the token check."""
        app = web.Application(middlewares=[self._guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True)
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.static("/static", self.statics_path, name="static"),
        ])
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """403 for any request without the token, and for a websocket opened from another site."""
        given = request.query.get("token") or request.cookies.get(self.cookie_name)
        if not token_matches(given, self.token):
            return web.Response(status=403, text=FORBIDDEN)
        origin = request.headers.get("Origin")
        if request.path == "/ws" and origin is not None and urlsplit(origin).netloc != request.host:
            return web.Response(status=403, text="403: the session must be opened from coach's own page.\n")
        response: web.StreamResponse = await handler(request)
        return response

    async def handle_index(self, request: web.Request) -> web.Response:
        """coach's page, which draws the app and plays its cues; it remembers the token in a cookie."""
        scheme = "wss" if request.secure else "ws"
        context = {
            "title": self.title,
            "font_size": _font_size(request.query.get("fontsize", "")),
            "websocket_url": f"{scheme}://{request.host}/ws",
            "static_url": "/static/",
        }
        response = aiohttp_jinja2.render_template("index.html", request, context)
        response.set_cookie(self.cookie_name, self.token, httponly=True, samesite="Strict", path="/")
        # The URL holds the token: never pass it on, never keep the page in a shared cache.
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One app process for this page, for as long as its websocket is open."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = _int(request.query.get("width", ""), 80)
        height = _int(request.query.get("height", ""), 24)
        service: CoachAppService | None = None
        try:
            await websocket.prepare(request)
            service = CoachAppService(self.argv, write_bytes=websocket.send_bytes,
                                      write_str=websocket.send_str, close=websocket.close, server=self)
            self.services.add(service)
            self.started += 1
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # one page's trouble must not stop the others
            log.exception(error)
        finally:
            if service is not None:
                await service.stop()
                self.services.discard(service)
        return websocket

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
        """Keys and resizes from the page; a malformed message is ignored, not a crash."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
                kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
                if kind == "stdin" and isinstance(data, str):
                    await app_service.send_bytes(data.encode("utf-8"))
                elif kind == "resize" and isinstance(data, dict):
                    await app_service.set_terminal_size(_int(str(data.get("width")), 80),
                                                        _int(str(data.get("height")), 24))
                elif kind == "ping":
                    await websocket.send_json(["pong", data])
                elif kind == "blur":
                    await app_service.blur()
                elif kind == "focus":
                    await app_service.focus()
            except (ValueError, TypeError, KeyError, IndexError):
                continue

    async def on_shutdown(self, app: web.Application) -> None:
        """Stop every app (each keeps its session) before the server goes."""
        await asyncio.gather(*(service.stop() for service in list(self.services)))

    # -- running ----------------------------------------------------------------------------------
    async def start(self) -> list[tuple[str, int]]:
        """Listen on the host and port; the addresses really bound (port 0 picks a free one)."""
        runner = web.AppRunner(await self._make_app(), handle_signals=False, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        addresses = [(str(address[0]), int(address[1])) for address in runner.addresses]
        self.port = addresses[0][1]
        return addresses

    async def close(self) -> None:
        """Stop the apps, then the server."""
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def serve_until_stopped(self, stop: asyncio.Event) -> None:
        """Serve until ``stop`` is set (Ctrl+C or SIGTERM in the command), then close."""
        try:
            await stop.wait()
        finally:
            await self.close()


def _int(text: str, default: int) -> int:
    try:
        value = int(text)
    except ValueError:
        return default
    return value if 0 < value <= 1000 else default


def _font_size(text: str) -> int:
    """The page's font size in pixels (``?fontsize=``), 16 unless a sensible one is asked for."""
    size = _int(text, 16)
    return size if 8 <= size <= 48 else 16


def app_argv(python: str, options: Sequence[str]) -> list[str]:
    """The command that runs one app for a page: this Python, coach, and the options passed through."""
    return [python, "-m", "coach", *options]

