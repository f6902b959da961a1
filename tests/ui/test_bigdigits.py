"""The countdown's fonts: three rows on a small terminal, block digits that grow on a large one."""

from __future__ import annotations

from coach.ui.widgets.bigdigits import FONTS, THREE, choose_font


def test_every_font_draws_every_digit_in_rows_of_one_width() -> None:
    for font in FONTS:
        for text in ("0:00", "1:23", "4:56", "7:89", "12:34", "1:00:00"):
            lines = font.lines(text)
            assert len(lines) == font.rows, (font.name, text)
            assert len({len(line) for line in lines}) == 1, (font.name, text)
            assert font.width(text) == len(lines[0])
    assert FONTS[0] is THREE and [f.rows for f in FONTS] == sorted(f.rows for f in FONTS)


def test_block_fonts_are_solid_blocks() -> None:
    for font in FONTS[1:]:
        drawn = "".join(font.lines("8:88"))
        assert set(drawn) == {"█", " "}, font.name


def test_the_biggest_font_that_fits_is_chosen() -> None:
    assert choose_font("0:17", 14, 3) is THREE  # 40x12
    assert choose_font("0:17", 26, 5).rows == 5  # 80x24
    assert choose_font("0:17", 66, 12).rows == 10  # 120x40
    assert choose_font("0:17", 200, 60).rows == 14
    # Too small for anything: still the three rows (cropped, never hidden).
    assert choose_font("0:17", 5, 1) is THREE
    # A short text is measured as 0:00, so 0:08 and 9:59 use one size; ten minutes may need a smaller one.
    assert choose_font("0:08", 66, 12) is choose_font("9:59", 66, 12)
    assert choose_font("12:34", 66, 12).rows < choose_font("2:34", 66, 12).rows
