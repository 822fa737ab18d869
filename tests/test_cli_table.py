"""The CLI's tables print a record's text as written: Rich's markup ("[bold]", "[Dự thảo]")
in a title or a cell is text, never styling that swallows the brackets."""

from __future__ import annotations

import pytest

from thidua.cli.common import emit


@pytest.mark.parametrize(
    "text",
    ["[Dự thảo] Hội nghị sơ kết", "Báo cáo [bold]quý I[/bold]", "Hạn [01/2036]"],
)
def test_a_cell_and_a_title_print_their_brackets(
    text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    emit("table", [{"title": text}], [("title", "")], title=text)
    printed = capsys.readouterr().out
    assert printed.count(text) == 2, printed
