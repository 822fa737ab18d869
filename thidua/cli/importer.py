"""``thidua import-text``: a directive's text to a draft campaign file."""

from __future__ import annotations

import click


def register(main: click.Group) -> None:
    pass
