"""The performance benchmark, a development tool outside the shipped packages: run it with
`python -m bench` (README, "Performance").

command.py is the command line; data.py and week_data.py generate the data, writer.py writes
it; measure.py is the registry of what is measured, timing.py times it, jobs.py runs the
background work, floor.py is the minimal page everything is compared with; report.py writes
JSON and a table.
"""
