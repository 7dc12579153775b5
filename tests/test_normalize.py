from __future__ import annotations

import pytest

from sitrep.normalize import LineBreaks, normalise_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Troops\r\nadvanced.\r\n\r\nThey held.", "Troops advanced.\n\nThey held."),
        ("A\u00a0convoy   moved.", "A convoy moved."),
        ("Soft\u00adhyphen and zero\u200bwidth.", "Softhyphen and zerowidth."),
        ("Para one.\n\n\n\n  Para two.  ", "Para one.\n\nPara two."),
        ("Line one.\nLine two.", "Line one.\n\nLine two."),
        ("Bell\x07 and tab\there.", "Bell and tab here."),
        ("Cafe\u0301 reopened.", "Café reopened."),
        ("", ""),
    ],
)
def test_normalize_rules(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


def test_normalize_paragraph_mode_keeps_every_line() -> None:
    raw = "First paragraph\nSecond paragraph\n\nThird"
    assert (
        normalise_text(raw, LineBreaks.PARAGRAPH) == "First paragraph\n\nSecond paragraph\n\nThird"
    )


def test_normalize_is_idempotent() -> None:
    raw = "  Fighters\u00a0withdrew.\r\n\r\nA  second\nline.\n"
    once = normalise_text(raw)
    assert normalise_text(once) == once
