"""The address as a QR code drawn with text, for the phone's camera.

``segno`` (pure Python, no dependencies, well kept) makes the code; it is drawn here with half blocks,
two rows of modules per line of text, so a typical address fits in 37 columns and 19 lines.
"""

from __future__ import annotations

import segno

BORDER = 2
"""Modules of quiet zone around the code: 2 scan well from a screen (the standard asks 4 on paper)."""
_HALVES = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def qr_lines(text: str) -> list[str]:
    """``text`` as a QR code: each character is two modules, upper and lower; a dark module is drawn.

    Print it dark on light (black on white) so that any terminal shows it as cameras expect.
    """
    code = segno.make(text, error="m", boost_error=False)
    rows = [[bool(module) for module in row] for row in code.matrix_iter(border=BORDER)]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    return ["".join(_HALVES[top, bottom] for top, bottom in zip(upper, lower, strict=True))
            for upper, lower in zip(rows[::2], rows[1::2], strict=True)]
