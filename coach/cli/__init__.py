"""The ``coach`` command: start the app, or list, check and summarise routines and history.

Textual is imported only when the app really starts, so ``coach list``, ``coach validate`` and
``coach history`` stay quick and work without a terminal UI.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from coach import __version__, paths
from coach.cli import serve as serve_command
from coach.options import LaunchOptions
from coach.routines import FEET, MODES, Foot, Library, Mode
from coach.routines.load import RoutinesError, load_library, routines_path
from coach.routines.model import MAX_MINUTES
from coach.routines.problems import did_you_mean
from coach.serve.channel import served
from coach.wording import visible

EXIT_OK, EXIT_BAD_INPUT = 0, 2
EXIT_WRITE_FAILED = 1
"""The output could not be written (a full disk): nothing was wrong with the input."""
NO_TERMINAL = (
    "coach needs a terminal: run it in one (coach list, validate, plan, history, slept and doctor work "
    "anywhere)"
)

THIS_RUN = """--routine, --mode, --minutes and --foot are for this run only: they fill in the setup
screen and are remembered only if you change them there.

"""

KEYS = """keys while a session runs (one press each):
  Space             pause / resume
  n, Right, PgDn    next part          p, Left, PgUp   back to the part's start
  Down              skip the step      Up              back to the step's start
  Home              restart the part   + / -           add or take 15 s
  m                 sound on / off     ?, F1           help
  q, Esc            end the session (asks first; what was done is kept)"""
"""The player's keys for ``--help`` (a test holds them to the player's own bindings)."""


def _minutes(text: str) -> float:
    shown = visible(text if len(text) <= 20 else text[:17] + "...")  # 5000 digits are not echoed back
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of minutes, got '{shown}'") from None
    if not 0 < value <= MAX_MINUTES:  # NaN fails this too
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most {MAX_MINUTES:g}, got {shown}")
    return value


def _weeks(text: str) -> int:
    # Imported here: starting the app, listing and validating need none of the history's modules.
    from coach.history.report import MAX_WEEKS

    shown = visible(text if len(text) <= 20 else text[:17] + "...")
    try:
        value = int(text)
    except ValueError:  # not a whole number, or one of more than 4300 digits
        raise argparse.ArgumentTypeError(f"must be a whole number of weeks, got '{shown}'") from None
    if not 1 <= value <= MAX_WEEKS:
        raise argparse.ArgumentTypeError(f"must be from 1 to {MAX_WEEKS}, got {shown}")
    return value


def _rating(text: str) -> int:
    if text.strip() not in ("1", "2", "3", "4", "5"):
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 (poorly) to 5 (very well), "
                                         f"got {text!r}")
    return int(text)


def _yes_no(text: str) -> bool:
    answer = text.strip().lower()
    if answer in ("yes", "y"):
        return True
    if answer in ("no", "n"):
        return False
    raise argparse.ArgumentTypeError(f"must be yes or no, got {text!r}")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; ``--routines`` and ``--data-dir`` work before or after a sub-command."""
    # SUPPRESS keeps a sub-command's copy of these options from overwriting one given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--routines",
        type=Path,
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="routines file to use (default: your own, else the one that ships with coach)",
    )
    common.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="keep settings, history and your routines.toml under DIR",
    )
    parser = argparse.ArgumentParser(
        prog="coach",
        parents=[common],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="A calm, full-screen coach for a foot massage before sleep, alone or with a partner.",
        epilog=THIS_RUN + KEYS,
    )
    _session_options(parser)
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    listing = sub.add_parser("list", parents=[common], help="show the routines, their steps and times")
    listing.add_argument(
        "--minutes", type=_minutes, metavar="N", default=argparse.SUPPRESS,
        help="also say how each routine would fit N minutes on both feet",
    )
    plan = sub.add_parser(
        "plan", parents=[common], help="print the fitted timeline of a session, to check it before starting"
    )
    plan.add_argument(
        "--routine", metavar="ID", default=argparse.SUPPRESS, help="the routine (default: the file's)"
    )
    plan.add_argument("--minutes", type=_minutes, metavar="N", default=argparse.SUPPRESS,
                      help="fit it into N minutes (default: its natural length)")
    plan.add_argument("--mode", choices=MODES, default=argparse.SUPPRESS, help="self (default) or partner")
    plan.add_argument("--foot", choices=(*FEET, "both"), default=argparse.SUPPRESS,
                      help="which feet (default: both)")
    sub.add_parser("doctor", parents=[common],
                   help="what coach finds on this machine (terminal, sound, files) and will use")
    check = sub.add_parser(
        "validate", parents=[common], help="check a routines file and report every problem"
    )
    check.add_argument("path", nargs="?", type=Path, help="the file to check (default: the one coach uses)")
    history = sub.add_parser("history", parents=[common], help="show past sessions")
    history.add_argument("--json", action="store_true", help="print the history as JSON")
    history.add_argument("--weeks", type=_weeks, default=4, metavar="N", help="how many weeks (default: 4)")
    history.add_argument("--csv", action="store_true",
                         help="print every session and every night's sleep as CSV, for a spreadsheet")
    slept = sub.add_parser(
        "slept", parents=[common], help="how you slept last night, 1 (poorly) to 5 (very well)"
    )
    slept.add_argument("sleep", type=_rating, metavar="RATING", help="1 (poorly) to 5 (very well)")
    slept.add_argument("--night", metavar="YYYY-MM-DD",
                       help="the night, by the date of its evening (default: last night)")
    slept.add_argument("--quick", type=_yes_no, metavar="yes|no", help="did you fall asleep quickly?")
    slept.add_argument("--woke", type=_yes_no, metavar="yes|no", help="did you wake in the night?")
    serve = sub.add_parser(
        "serve", parents=[common], help="use coach from a phone or tablet's browser (coach[serve])",
        description=serve_command.DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serve_command.add_arguments(serve)
    _session_options(serve, suppress=True)
    return parser


def _session_options(parser: argparse.ArgumentParser, suppress: bool = False) -> None:
    """The choices a session starts with, for ``coach`` and ``coach serve`` alike. ``suppress`` keeps a
    sub-command's copy from overwriting one given before the sub-command."""

    def default(value: object) -> object:
        return argparse.SUPPRESS if suppress else value

    parser.add_argument("--routine", metavar="ID", default=default(None),
                        help="the routine to start (see: coach list); this run only")
    parser.add_argument("--mode", choices=MODES, default=default(None),
                        help="massage your own feet (self) or a partner's; this run only")
    parser.add_argument("--minutes", type=_minutes, metavar="N", default=default(None),
                        help="fit the session into N minutes, keeping holds and reps in their ranges; "
                        "this run only")
    parser.add_argument("--foot", choices=(*FEET, "both"), default=default(None),
                        help="which feet to massage (default: both); this run only")
    parser.add_argument("--no-sound", action="store_true", default=default(False),
                        help="start silent: no chime, voice or bell")
    # The option's earlier name, still understood (and not listed).
    parser.add_argument("--no-chime", action="store_true", dest="no_sound", default=default(False),
                        help=argparse.SUPPRESS)
    parser.add_argument("--voice", action=argparse.BooleanOptionalAction, default=default(None),
                        help="speak the cues, or (--no-voice) chimes only")
    parser.add_argument("--guide", action=argparse.BooleanOptionalAction, default=default(None),
                        help="speak each part's whole instruction, or (--no-guide) its short cue only")
    parser.add_argument("--reduced-motion", action="store_true", default=default(False),
                        help="no animation, only text and numbers")


def no_arguments() -> argparse.Namespace:
    """What :func:`build_parser` makes of a command line with no arguments (a plain ``coach``, the
    usual start): known without building the parser and its nine sub-commands (a test holds the two
    together)."""
    return argparse.Namespace(routine=None, mode=None, minutes=None, foot=None, no_sound=False, voice=None,
                              guide=None, reduced_motion=False, command=None)


def main(argv: list[str] | None = None) -> int:
    """Run the ``coach`` command with ``argv`` (default: the process arguments); return the exit code."""
    _tolerant_output()
    arguments = sys.argv[1:] if argv is None else argv
    try:
        args = build_parser().parse_args(arguments) if arguments else no_arguments()
    except SystemExit as stop:  # --help, --version and usage errors: hand back argparse's exit code
        return stop.code if isinstance(stop.code, int) else EXIT_BAD_INPUT
    try:
        code = _dispatch(args)
        sys.stdout.flush()  # here, not at exit, so that a failed write is told and not a traceback
        return code
    except BrokenPipeError:
        # Output piped into a pager or `head` that closed early: not an error worth a traceback.
        _quiet_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except OSError as error:
        if error.filename is not None:
            raise  # not the output: a real fault, which must not be dressed up as one
        # The output itself failed (a full disk, a closed terminal): say so where it can still be said.
        _quiet_stdout()
        _error(f"could not write the output: {error.strerror or error}")
        return EXIT_WRITE_FAILED


def _tolerant_output() -> None:
    """Text that the terminal's encoding cannot show (an ASCII-only terminal, ``LANG=C`` with an old
    Python) comes out as escapes instead of stopping the command with a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _quiet_stdout() -> None:
    """Point stdout at the null device, so that Python's own flush at exit fails no more."""
    # No file behind stdout (tests): nothing will flush it at exit anyway.
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _dispatch(args: argparse.Namespace) -> int:
    data_dir: Path | None = getattr(args, "data_dir", None)
    explicit: Path | None = getattr(args, "routines", None)
    if args.command == "validate":
        return _validate(args.path or routines_path(explicit, data_dir))
    if args.command == "history":
        if args.json and args.csv:
            _error("history: choose --json or --csv, not both")
            return EXIT_BAD_INPUT
        return _history(args.json, args.weeks, data_dir, csv_output=args.csv)
    if args.command == "slept":
        from coach.cli.slept import run as slept

        return slept(args.sleep, args.night, args.quick, args.woke, data_dir)
    if args.command == "doctor":
        from coach.cli.doctor import run as doctor  # only this command looks for players and engines

        return doctor(routines_path(explicit, data_dir), data_dir)
    library = _load(routines_path(explicit, data_dir), data_dir)
    if library is None:
        return EXIT_BAD_INPUT
    if args.command == "list":
        from coach.cli.listing import list_lines

        print(visible("\n".join(list_lines(library, args.minutes)), lines=True))
        return EXIT_OK
    if not _routine_known(args.routine, library):
        return EXIT_BAD_INPUT
    if args.command == "plan":
        return _plan(args, library)
    if args.command == "serve":
        return serve_command.run(args)
    return _run_app(args, library, data_dir)


def _plan(args: argparse.Namespace, library: Library) -> int:
    from coach.cli.plan import plan_lines

    mode: Mode = args.mode or "self"
    lines = plan_lines(library, args.routine, args.minutes, mode, _feet(args.foot) or FEET)
    print(visible("\n".join(lines), lines=True))
    return EXIT_OK


def _feet(foot: str | None) -> tuple[Foot, ...] | None:
    if foot is None:
        return None
    return FEET if foot == "both" else tuple(f for f in FEET if f == foot)


def _routine_known(routine: str | None, library: Library) -> bool:
    """Whether ``--routine`` (if given) names a routine of the library; if not, says so on stderr."""
    if routine is None or routine in library.routines:
        return True
    known = ", ".join(library.routines)
    hint = did_you_mean(routine, library.routines)
    _error(f"no routine {routine!r} in {library.path}{hint}; the routines are: {known}")
    return False


def _load(path: Path, data_dir: Path | None = None) -> Library | None:
    """The library in ``path``, or ``None`` after telling the user on stderr what is wrong with it."""
    try:
        return load_library(path)
    except RoutinesError as err:
        count = len(err.problems)
        _error(f"cannot use the routines file {path} ({count} problem{'s' if count != 1 else ''}):")
        print(str(err), file=sys.stderr)  # each problem is already made safe to print
        if path == paths.user_routines(data_dir):
            # Picked up without being asked for: say how to get going again with the shipped routines.
            _error(f"fix your routines file, or move it aside to use the ones that ship with coach: {path}")
        return None


def _validate(path: Path) -> int:
    library = _load(path)
    if library is None:
        return EXIT_BAD_INPUT
    steps = sum(len(r.steps) for r in library.routines.values())
    count = len(library.routines)
    plural = f"{count} routine{'s' if count != 1 else ''}, {steps} step{'s' if steps != 1 else ''}"
    print(visible(f"{path}: OK, {plural}"))
    return EXIT_OK


def _history(json_output: bool, weeks: int, data_dir: Path | None, *, csv_output: bool = False) -> int:
    from coach.cli.history import run  # only this command needs the history's reports

    return run(json_output=json_output, weeks=weeks, data_dir=data_dir, csv_output=csv_output)


def has_terminal() -> bool:
    """Whether the full-screen app can run here: keys come in on stdin, and stdout and stderr (where the
    screen is drawn) go to a terminal. Piped or redirected, the app would wait for keys that never come."""
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        try:
            if stream is None or not os.isatty(stream.fileno()):
                return False
        except (AttributeError, OSError, ValueError):  # no file behind it, or a closed one
            return False
    return True


def _run_app(args: argparse.Namespace, library: Library, data_dir: Path | None) -> int:
    feet = _feet(args.foot)
    options = LaunchOptions(
        library=library,
        routine_id=args.routine,
        mode=args.mode,
        minutes=args.minutes,
        feet=feet,
        data_dir=data_dir,
        sound=False if args.no_sound else None,
        voice=args.voice,
        guide=args.guide,
        reduced_motion=True if args.reduced_motion else None,
    )
    # Checked before the app (and textual) is imported: without a terminal, say so and stop at once.
    # Served, the app has a browser page instead (textual-serve's driver talks to it through pipes).
    if not served() and not has_terminal():
        print(NO_TERMINAL, file=sys.stderr)
        return EXIT_BAD_INPUT
    # The one import of the UI (and so of textual) outside coach.ui: the other commands never pay for it.
    from coach.ui.app import run_app

    return run_app(options)


def _error(message: str) -> None:
    """A message for the user on stderr; what it quotes (paths, ids) cannot drive the terminal."""
    print(visible(f"coach: {message}"), file=sys.stderr)
