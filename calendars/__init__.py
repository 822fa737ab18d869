"""What happens when: units and groups, campaigns, their events and dated occurrences,
Vietnamese working days, anniversaries, and iCalendar feeds.

Imports `config` only; never `scheduler`, `notifiers` or `thidua`.
"""
