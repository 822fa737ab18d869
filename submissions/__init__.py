"""What units send back: their submissions for a deadline and the states of each, the
signed links of the mails, the report files, replies by mail.

The scheduler asks this room who is done; nothing here sends mail or touches reminders.
Imports `calendars` and `config`; never `scheduler`, `notifiers` or `thidua`.
"""
