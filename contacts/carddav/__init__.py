"""The phone's address book: CardDAV (RFC 6352, with RFC 6578 sync-collection) over the
contacts, for the devices a user signs in with an app password.

A Django app of its own inside the contacts package (label "carddav"): its data is about
contacts and it imports nothing above them, but it keeps its own migrations.
"""
