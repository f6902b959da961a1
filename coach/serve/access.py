"""Access token of ``coach serve``: new at each start unless the user sets one; checked in constant time."""

from __future__ import annotations

import hmac
import re
import secrets

TOKEN_BYTES = 16
"""128 random bits: far beyond guessing over a home network."""
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{8,128}")
"""A token the user sets: URL-safe characters only (it goes into a URL and a QR code), 8 to 128 of them."""


def new_token() -> str:
    """A fresh random token (22 URL-safe characters)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_problem(token: str) -> str | None:
    """Why ``token`` cannot be used as an access token, or None when it can."""
    if TOKEN_SHAPE.fullmatch(token):
        return None
    return "must be 8 to 128 letters, digits, '-' or '_'"


def token_matches(given: str | None, expected: str) -> bool:
    """Whether ``given`` is the token; the comparison takes as long whatever the guess."""
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))
