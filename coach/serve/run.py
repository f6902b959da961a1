"""Running ``coach serve``: listen, say where (with a QR code for the phone), serve until Ctrl+C.

The command line (``coach.cli``) checks the options and builds the app's argument list; this module only
needs the ``serve`` extra.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import signal
import socket
import sys
from collections.abc import Sequence
from typing import TextIO

from coach.serve.qr import qr_lines
from coach.serve.server import CoachServer

EXIT_OK, EXIT_CANNOT_LISTEN = 0, 1
ANY_HOST = ("0.0.0.0", "::", "")
_ROUTE_PROBE = "192.0.2.1"
"""A documentation address (TEST-NET-1): connecting a UDP socket to it sends nothing, it only asks the
system which local address would be used, i.e. this computer's address on the local network."""
SECURITY_NOTE = """\
Anyone who has this address can use coach as you, with your history: keep it to your
household, on a network you trust."""
FOOTNOTE = """\
Sessions and settings are yours, as in the terminal. Ctrl+C stops the server (a session
under way is kept)."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this computer only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def lan_addresses() -> list[str]:
    """This computer's IPv4 addresses on the local network (no packet is sent to find them)."""
    found: dict[str, None] = {}
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect((_ROUTE_PROBE, 9))
        found.setdefault(probe.getsockname()[0])
    with contextlib.suppress(OSError):
        for *_, address in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.setdefault(str(address[0]))
    return [address for address in found if not is_loopback(address) and address != "0.0.0.0"]


def page_urls(host: str, port: int, token: str) -> list[str]:
    """The addresses to open, with the token: the phone's first (when listening beyond this computer)."""
    hosts = [*lan_addresses(), "127.0.0.1"] if host in ANY_HOST else [host]
    return [f"http://{_url_host(name)}:{port}/?token={token}" for name in hosts]


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def announce(urls: Sequence[str], host: str, out: TextIO, colour: bool) -> None:
    """Tell the user where coach is served, with a QR code of the first address for the phone's camera."""
    if is_loopback(host):
        print("coach is served on this computer only, at:", file=out)
        print(f"  {urls[0]}", file=out)
    else:
        print("coach is served on your local network. Open this address on your phone or tablet,", file=out)
        print("or scan the code with its camera:", file=out)
        print(f"  {urls[0]}", file=out)
        print(file=out)
        for line in qr_lines(urls[0]):
            # Dark on light whatever the terminal's colours, as cameras expect (plain when not a terminal).
            print(f"  \x1b[30;47m{line}\x1b[0m" if colour else f"  {line}", file=out)
        print(file=out)
        for other in urls[1:]:
            print(f"  also: {other}", file=out)
        print(SECURITY_NOTE, file=out)
    print(FOOTNOTE, file=out, flush=True)


async def serve(argv: Sequence[str], host: str, port: int, token: str, out: TextIO = sys.stdout) -> int:
    """Serve the app started by ``argv`` until SIGINT or SIGTERM; the exit code."""
    server = CoachServer(argv, token=token, host=host, port=port)
    try:
        await server.start()
    except OSError as error:
        print(f"coach: cannot listen on {host}:{port}: {error.strerror or error}", file=sys.stderr)
        return EXIT_CANNOT_LISTEN
    announce(page_urls(host, server.port, token), host, out, colour=out.isatty())
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    handled: list[signal.Signals] = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signum, stop.set)
            handled.append(signum)
    try:
        await server.serve_until_stopped(stop)
    finally:
        for signum in handled:
            loop.remove_signal_handler(signum)
    print("coach serve stopped.", file=out, flush=True)
    return EXIT_OK


def run(argv: Sequence[str], host: str, port: int, token: str) -> int:
    """:func:`serve` in a fresh event loop."""
    return asyncio.run(serve(argv, host, port, token))
