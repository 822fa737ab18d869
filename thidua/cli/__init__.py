"""The ``thidua`` command. Each module here holds the commands of one concern; `COMMANDS`
says where each command lives, and `main` imports a module only when one of its commands
runs (`thidua.cli.lazy`), so that ``thidua --help`` starts without loading the service.

Exit codes: 0 done, 1 failed, 2 bad input (files with errors, bad options) with nothing
changed. Every message and ``--help`` is in the setting's language (`thidua.cli.i18n`).
"""

from __future__ import annotations

from thidua.cli.common import main
from thidua.cli.i18n import speak_click_in_the_catalog

speak_click_in_the_catalog()

COMMANDS = {
    "check": "thidua.cli.calendar:check",
    "load": "thidua.cli.calendar:load",
    "events": "thidua.cli.calendar:events",
    "campaigns": "thidua.cli.calendar:campaigns",
    "units": "thidua.cli.calendar:units",
    "groups": "thidua.cli.calendar:groups",
    "db": "thidua.cli.db:db",
    "feeds": "thidua.cli.feeds:feeds",
    "export": "thidua.cli.feeds:export",
    "plan": "thidua.cli.reminders:plan",
    "remind": "thidua.cli.reminders:remind",
    "send-due": "thidua.cli.reminders:send_due",
    "status": "thidua.cli.reminders:status",
    "submit": "thidua.cli.reminders:submit",
    "import-text": "thidua.cli.importer:import_text",
    "users": "thidua.cli.office:users",
    "serve": "thidua.cli.service:serve",
    "worker": "thidua.cli.service:worker",
    "mail-test": "thidua.cli.mail:mail_test",
    "doctor": "thidua.cli.doctor:doctor",
    "workdays": "thidua.cli.workdays:workdays",
    "export-yaml": "thidua.cli.exchange:export_yaml",
    "inbound": "thidua.cli.inbound:inbound",
}
# Subcommands that live in another concern's module than their group.
SUBCOMMANDS = {"units": ["thidua.cli.feeds:token"]}

for _name, _spec in COMMANDS.items():
    main.add_lazy(_name, _spec, extras=SUBCOMMANDS.get(_name, ()))

__all__ = ["COMMANDS", "main"]
