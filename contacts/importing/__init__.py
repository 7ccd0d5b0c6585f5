"""Bringing a network in: files read into contact data (decoding, vCard, the CSV files of
LinkedIn, Google and Outlook, any other CSV through a column mapping), the preview that finds
duplicates and forgotten people, and the all-or-nothing commit."""
