# English dates with the month written out, in the day-first order our German-speaking
# users read everywhere else ("3 December 2024" rather than Django's "Dec. 3, 2024").
DATE_FORMAT = "j F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
