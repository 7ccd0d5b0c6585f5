"""Form widgets rendered by Jinja2: the same HTML as Django's templates, in about half the
time (one template render per widget and per radio option adds up on a contact's form)."""

from django.forms.renderers import DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist
from django.utils.functional import cached_property


class FormRenderer(Jinja2):
    """Django's Jinja2 renderer, from the widget templates Django ships for it; a widget whose
    template exists only for Django's engine (the admin's password hash) is rendered by it."""

    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self.fallback.get_template(template_name)

    @cached_property
    def fallback(self) -> DjangoTemplates:
        return DjangoTemplates()
