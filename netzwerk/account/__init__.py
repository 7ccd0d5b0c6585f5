"""What combines every app around one account: the JSON backup and its restore, "what do I
store about this person" and forgetting them, deleting the account.

It works from the model registry (registry.py), not from a list of models, so a model added
to any app later is backed up, restored, shown, forgotten and deleted without a change here.
"""
