"""A PDF's lines as written (issue 27): right-to-left script back in logical order with
its letters (not presentation forms), ligatures as letters, glyphs mapped to no character
dropped. Tested on lines as pdfminer gives them, and on a page Chromium prints."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from assistant.ingest.loaders import load_file
from assistant.ingest.pdf_glyphs import as_written, unmapped_share
from assistant.records import Article

ARABIC = "الجمعة 8 فيفري 2019 أعلنت الحكومة عن خطة جديدة لدعم الصيادين في الميناء"


def test_a_right_to_left_line_is_put_back_in_logical_order_with_its_numbers() -> None:
    drawn = "2019 يﺮﻔﻴﻓ 8 ﺔﻌﻤﺠﻟا"  # as pdfminer gives a line Chromium drew
    assert as_written(drawn) == "الجمعة 8 فيفري 2019"
    assert as_written("(ﺔﻌﻤﺠﻟا)\n") == "(الجمعة)\n"  # brackets mirrored, line end kept
    assert as_written("The ﬁnal score: 2-1") == "The final score: 2-1"  # left to right: as is


def test_glyphs_mapped_to_no_character_are_not_text() -> None:
    assert as_written("(cid:12)(cid:7) 81 (cid:3)") == " 81 "
    assert unmapped_share("(cid:1)(cid:2)(cid:3) 81") > 0.5
    assert unmapped_share("A (cid:1) line of text") < 0.5


@pytest.mark.integration
@pytest.mark.browser
def test_a_printed_arabic_page_reads_as_it_was_written(tmp_path: Path) -> None:
    from documents import print_pdf

    page = (f'<html dir="rtl"><body style="font-family:DejaVu Sans;font-size:14px">'
            f"<h1>الميناء</h1><p>{ARABIC}</p></body></html>")  # fmt: skip
    [article] = [a for a in load_file(print_pdf(page, tmp_path / "ar.pdf", running_heads=False))
                 if isinstance(a, Article)]  # fmt: skip
    assert unicodedata.normalize("NFC", ARABIC) in article.text
