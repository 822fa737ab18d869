"""When a unit is told: reminder planning, the reminder table (the outbox of record),
dispatch, and the APScheduler service.

Imports `calendars`, `notifiers` and `config`; never `thidua`.
"""
