# English dates with the month written out, in the day-first order our German-speaking
# users read everywhere else ("3 December 2024" rather than Django's "Dec. 3, 2024").
DATE_FORMAT = "j F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
# Date and time as in lists of devices, sessions and nudges: "4 Dec 2026, 10:45 p.m."
# (Django's English "12/04/2026 10:45 p.m." reads as the 12th of April here).
SHORT_DATETIME_FORMAT = "j M Y, P"
