"""``coach serve``: the app in a phone's or tablet's browser, behind an access token.

Checks what it can before it listens (the routines file, the routine, the token), then hands over to
:mod:`coach.serve.run`, which needs the ``serve`` extra. Each page that opens runs ``coach`` itself
with the options given here, so history and settings are those of the user who runs the server.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_MISSING = 1
DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000
SERVE_EXTRA = "coach serve needs the serve extra: pip install 'coach[serve]'"
_EXTRA_MODULES = {"aiohttp", "aiohttp_jinja2", "jinja2", "textual_serve", "segno"}
DESCRIPTION = """\
Use coach from a phone or tablet: serve it to a web browser. Each page that opens the address runs
its own coach, with your history and settings. Sound (a chime and spoken cues) comes from the phone
after one tap on "Start with sound", and the page keeps the screen on during a session where the
browser allows it.

By default only this computer can open it. With --host 0.0.0.0 the phone can, over your local
network: coach prints the address with its access token, and a QR code to scan. A request without
the token is refused (403) and starts nothing."""


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a port number, got {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"must be from 0 (any free port) to 65535, got {text}")
    return value


def _token(text: str) -> str:
    from coach.serve.access import token_problem  # only coach serve needs it (and its hashing)

    problem = token_problem(text)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return text


def add_arguments(serve: argparse.ArgumentParser) -> None:
    """``--host``, ``--port`` and ``--token`` (the session options are added beside them)."""
    serve.add_argument("--host", default=DEFAULT_HOST, metavar="ADDRESS",
                       help="where to listen: 0.0.0.0 for your local network "
                            f"(default: {DEFAULT_HOST}, this computer only)")
    serve.add_argument("--port", type=_port, default=DEFAULT_PORT, metavar="N",
                       help=f"the port (default: {DEFAULT_PORT}; 0 picks a free one)")
    serve.add_argument("--token", type=_token, metavar="TOKEN",
                       help="the access token (default: a new random one at each start)")


def app_arguments(args: argparse.Namespace) -> list[str]:
    """The options each page's ``coach`` starts with: those given to ``coach serve``, paths made absolute
    (the server may be started from anywhere; the app needs the same files)."""
    passed: list[str] = []
    for option, value in (("--routines", getattr(args, "routines", None)),
                          ("--data-dir", getattr(args, "data_dir", None))):
        if value is not None:
            passed += [option, str(Path(value).expanduser().resolve())]
    for option, value in (("--routine", args.routine), ("--mode", args.mode), ("--foot", args.foot)):
        if value is not None:
            passed += [option, str(value)]
    if args.minutes is not None:
        passed += ["--minutes", repr(args.minutes)]
    passed += ["--no-sound"] * bool(args.no_sound) + ["--reduced-motion"] * bool(args.reduced_motion)
    for flag in ("voice", "guide"):
        chosen = getattr(args, flag, None)
        passed += [] if chosen is None else [f"--{flag}" if chosen else f"--no-{flag}"]
    return passed


def run(args: argparse.Namespace) -> int:
    """Serve until Ctrl+C; the exit code."""
    try:
        # Lazily: only this command needs the web server, and only with the serve extra installed.
        from coach.serve.run import run as serve
    except ImportError as error:
        if (error.name or "").split(".")[0] not in _EXTRA_MODULES:
            raise
        print(f"coach: {SERVE_EXTRA}", file=sys.stderr)
        return EXIT_MISSING
    argv = [sys.executable, "-m", "coach", *app_arguments(args)]
    from coach.serve.access import new_token

    return serve(argv, args.host, args.port, args.token or new_token())
