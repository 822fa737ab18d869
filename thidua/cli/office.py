"""``thidua users``: the office staff who sign in to the web pages."""

from __future__ import annotations

import click


def register(main: click.Group) -> None:
    pass
