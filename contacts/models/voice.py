"""How the app's drafts write to a person: in which language, with "du" or "Sie".

A draft goes to the contact, so it is in the contact's language, not the screen's: a German
user writes to an English-speaking client in English. Each sentence that says "you" is two
catalogue entries, one per address form (message contexts "du" and "Sie"); in English only
the greeting differs.
"""

import dataclasses

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from .choices import AddressForm


@dataclasses.dataclass(frozen=True)
class Phrase:
    informal: Promise
    formal: Promise


GREETING = Phrase(pgettext_lazy("du", "Hello %(name)s,"), pgettext_lazy("Sie", "Dear %(name)s,"))


@dataclasses.dataclass(frozen=True)
class Voice:
    language: str
    formal: bool

    @property
    def language_name(self) -> str:
        return str(dict(settings.LANGUAGES)[self.language])

    @property
    def address_name(self) -> str:
        return str((AddressForm.SIE if self.formal else AddressForm.DU).label)

    def greet(self, contact) -> str:
        return self.say(GREETING, name=self.name(contact))

    def say(self, phrase: Phrase | Promise, **values) -> str:
        """The phrase in this voice's language and address form, filled with `values`."""
        if isinstance(phrase, Phrase):
            phrase = phrase.formal if self.formal else phrase.informal
        with translation.override(self.language):
            text = str(phrase)
        return text % values if values else text

    def name(self, contact) -> str:
        """The name to greet: the first name for "du", the full name for "Sie"."""
        if self.formal:
            return contact.name
        return contact.first_name or contact.name


def usual_voice(contact, default_language: str) -> Voice:
    """Where nothing is chosen: the user's own language, and "du" once an interaction with
    the contact is logged, "Sie" before (a cold request on LinkedIn or Xing)."""
    language = default_language
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    return Voice(language=language, formal=contact.last_contacted_on is None)


def voice_for(contact, default_language: str) -> Voice:
    """The contact's chosen language and address form, each falling back to the usual."""
    usual = usual_voice(contact, default_language)
    language = contact.message_language
    if language not in dict(settings.LANGUAGES):
        language = usual.language
    formal = usual.formal
    if contact.address_form:
        formal = contact.address_form == AddressForm.SIE
    return Voice(language=language, formal=formal)
