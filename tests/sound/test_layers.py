"""The sound layer is core: it must load without textual (the screens drive it, not the other way)."""

from __future__ import annotations

import subprocess
import sys


def test_coach_sound_never_imports_textual() -> None:
    code = ("import sys, coach.sound, coach.sound.system, coach.sound.speech, coach.sound.players; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
