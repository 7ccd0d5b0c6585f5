"""The performance benchmark behind `manage.py benchmark` (README, "Performance").

data.py generates the data, measure.py holds the registry of what is measured and times it,
floor.py is the minimal page everything is compared with, report.py writes JSON and a table.
"""
