"""The cue channel: what the served app writes, what the server lets through, and bells in the stream."""

from __future__ import annotations

import pytest

from coach.serve.channel import (
    CHANNEL_ENV,
    MAX_TEXT,
    PAGE,
    BellScanner,
    PageCue,
    PageCueSink,
    clean_text,
    served,
)


def test_served_only_when_the_server_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CHANNEL_ENV, raising=False)
    assert not served()
    monkeypatch.setenv(CHANNEL_ENV, "speakers")
    assert not served()
    monkeypatch.setenv(CHANNEL_ENV, PAGE)
    assert served()


def test_spoken_text_is_plain_words() -> None:
    assert clean_text("Arch\twork\n\n  now") == "Arch work now"
    assert clean_text("\x1b[31mred\x07 \u202eevil") == "[31mred evil"  # no escape, bell or override
    assert clean_text("$(rm -rf ~); `x` 'q'") == "$(rm -rf ~); `x` 'q'"  # words, never run
    assert len(clean_text("a" * 5000)) == MAX_TEXT
    assert clean_text(" \x00\x07 ") == ""


def test_sink_writes_one_meta_packet_per_cue() -> None:
    written: list[dict[str, object]] = []
    sink = PageCueSink(written.append)
    sink.chime()
    sink.chime("chord", soft=True)
    sink.say("  Thumb walking\n")
    sink.say("\x07")  # nothing to say: nothing sent
    sink.awake(True)
    assert written == [
        {"type": "coach_cue", "cue": "chime", "sound": "bell", "soft": False},
        {"type": "coach_cue", "cue": "chime", "sound": "chord", "soft": True},
        {"type": "coach_cue", "cue": "say", "text": "Thumb walking"},
        {"type": "coach_cue", "cue": "awake", "held": True},
    ]
    assert [cue.cue for cue in sink.sent] == ["chime", "chime", "say", "awake"]


def test_a_sound_layer_cue_is_its_tone_then_its_words() -> None:
    written: list[dict[str, object]] = []
    sink = PageCueSink(written.append)
    sink.cue("tock", "Release", soft=True)
    sink.cue(None, "Next: Arch work")
    sink.cue("tick", "")
    assert [(p["cue"], p.get("sound"), p.get("text")) for p in written] == [
        ("chime", "tock", None), ("say", None, "Release"), ("say", None, "Next: Arch work"),
        ("chime", "tick", None),
    ]


@pytest.mark.parametrize("cue", [
    PageCue("chime", sound="tick"), PageCue("chime", sound="chord", soft=True),
    PageCue("say", text="Release"), PageCue("awake", held=False),
])
def test_a_cue_survives_the_trip(cue: PageCue) -> None:
    assert PageCue.from_meta(cue.to_meta()) == cue


@pytest.mark.parametrize("meta", [
    {"type": "open_url", "url": "http://example.invalid"},
    {"type": "coach_cue", "cue": "shell", "text": "ls"},
    {"type": "coach_cue", "cue": "chime", "sound": "siren"},
    {"type": "coach_cue", "cue": "chime"},
    {"type": "coach_cue", "cue": "chime", "sound": "bell", "soft": "yes"},
    {"type": "coach_cue", "cue": "say", "text": 42},
    {"type": "coach_cue", "cue": "say", "text": "\x1b\x07"},
    {"type": "coach_cue", "cue": "awake", "held": "yes"},
])
def test_the_server_drops_what_is_not_a_cue(meta: dict[str, object]) -> None:
    assert PageCue.from_meta(meta) is None


def test_the_server_cleans_spoken_text_again() -> None:
    cue = PageCue.from_meta({"type": "coach_cue", "cue": "say", "text": "Hold\x1b]0;x\x07 " + "o" * 900})
    assert cue is not None and "\x1b" not in cue.text and "\x07" not in cue.text and len(cue.text) == MAX_TEXT


def test_a_bell_rings() -> None:
    scanner = BellScanner()
    assert scanner.feed(b"\x1b[2J\x1b[1;1Hhello\x07") == 1
    assert scanner.feed(b"\x07\x07") == 2
    assert scanner.feed(b"plain text \x1b[0m") == 0


def test_a_bell_that_ends_an_escape_string_does_not_ring() -> None:
    scanner = BellScanner()
    assert scanner.feed(b"\x1b]0;window title\x07") == 0
    assert scanner.feed(b"\x1b]52;c;Y29hY2g=\x07text\x07") == 1
    assert scanner.feed(b"\x1bP1$r0m\x1b\\\x07") == 1  # a DCS ended by ST, then a real bell


def test_strings_and_escapes_split_between_pieces() -> None:
    scanner = BellScanner()
    assert scanner.feed(b"abc\x1b]0;a long ti") == 0
    assert scanner.feed(b"tle still going") == 0
    assert scanner.feed(b" and done\x07 then \x07") == 1
    assert scanner.feed(b"\x1b") == 0
    assert scanner.feed(b"]2;title\x07") == 0  # the ESC from the last piece opened a string
    assert scanner.feed(b"\x1b]2;x\x1b") == 0
    assert scanner.feed(b"\\\x07") == 1  # ...whose terminator was split: ESC | backslash
    assert scanner.feed(b"\x1b") == 0
    assert scanner.feed(b"[0m\x07") == 1  # a lone ESC that began only a colour code
