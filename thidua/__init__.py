"""The face of the service: the ``thidua`` command and the HTTP app, wiring the rooms
(`config`, `calendars`, `notifiers`, `scheduler`) together. Nothing imports this package.
"""

__version__ = "0.1.0"
