"""``thidua export-yaml``: a stored campaign, or the units and groups, as the YAML file
``thidua load`` reads (`thidua.exchange`); loading it again changes nothing."""

from __future__ import annotations

from pathlib import Path

import click

from thidua import exchange
from thidua.cli.common import BadInput, pass_app
from thidua.cli.i18n import command
from thidua.context import AppContext
from translations import N_
from translations import gettext as _


def register(main: click.Group) -> None:
    main.add_command(export_yaml)


@command(
    "export-yaml",
    help=N_("Write a stored campaign (--campaign CODE) or the units file (--units) as YAML."),
)
@click.option("--campaign", "code", metavar="CODE", help=N_("The campaign to write."))
@click.option("--units", is_flag=True, help=N_("Write the units and groups instead."))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default="-",
    show_default=True,
    help=N_("The file to write ('-': standard output)."),
)
@pass_app
def export_yaml(app: AppContext, code: str | None, units: bool, output: Path) -> None:
    if bool(code) == units:
        raise BadInput(_("Give either --campaign CODE or --units."))
    with app.database.session() as session:
        text = exchange.units_yaml(session) if units else exchange.campaign_yaml(session, code)
    if text is None:
        raise BadInput(_("There is no campaign %(code)s.", code=code))
    if str(output) == "-":
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
