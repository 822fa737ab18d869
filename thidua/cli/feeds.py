"""``thidua feeds``, ``export`` and ``units token``: subscribe links and offline feeds."""

from __future__ import annotations

import click


def register(main: click.Group) -> None:
    pass
