"""Where coach finds its shipped files and keeps the user's own.

In a checkout the checkout's ``routines.toml`` and ``styles/`` are used, so an edit shows at once;
in an installed wheel they are carried inside the package as ``coach/_data``. User files live in the
platform's config, data and cache directories (platformdirs), or under ``--data-dir`` / ``COACH_DATA_DIR``.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "coach"
DATA_DIR_ENV = "COACH_DATA_DIR"
HISTORY_FILE = "history.toml"
"""The history file's name inside the data directory."""
RESUME_FILE = "unfinished-session.toml"
"""The resume snapshot's name inside the data directory (a session cut short)."""

_PACKAGE = Path(__file__).resolve().parent


def _shipped_root() -> Path:
    """The folder holding ``routines.toml`` and ``styles/``: the checkout when run from one."""
    checkout = _PACKAGE.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "routines.toml").is_file():
        return checkout
    return _PACKAGE / "_data"


def shipped_routines() -> Path:
    """The routines file that ships with coach."""
    return _shipped_root() / "routines.toml"


def styles_dir() -> Path:
    """The folder of ``.tcss`` stylesheets."""
    return _shipped_root() / "styles"


def config_dir(base: Path | None = None) -> Path:
    """Where settings and the user's own ``routines.toml`` live."""
    base = base or _env_dir()
    return base / "config" if base else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir(base: Path | None = None) -> Path:
    """Where history is kept."""
    base = base or _env_dir()
    return base / "data" if base else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir(base: Path | None = None) -> Path:
    """Where generated chimes and rendered speech are kept: safe to delete, made again when needed."""
    base = base or _env_dir()
    return base / "cache" if base else Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def user_routines(base: Path | None = None) -> Path:
    """The user's own routines file; used instead of the shipped one when it exists."""
    return config_dir(base) / "routines.toml"


def _env_dir() -> Path | None:
    value = os.environ.get(DATA_DIR_ENV)
    return Path(value).expanduser() if value else None
