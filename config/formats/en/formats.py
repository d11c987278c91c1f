# One way to write a date and a time per language, on every page, e-mail and report:
# "6 December 2026", "6 December 2026, 09:19" (no "Dec. 6" beside "12/06/2026 9:19 a.m.").
DATE_FORMAT = SHORT_DATE_FORMAT = "j F Y"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
