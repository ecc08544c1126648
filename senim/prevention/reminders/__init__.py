"""The sweep's reminders of overdue work (`services`) and the office home page's panel
(`selectors`)."""
