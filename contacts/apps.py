from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = _("Contacts")

    def warm_queries(self) -> list:
        """The contact list's query in each sort, compiled before a server's first request and
        planned in each worker's database session (netzwerk/warmup.py): the list is the most
        requested page."""
        from .models import Contact
        from .paging import PAGE_SIZE, SORTS

        rows = Contact.objects.list_rows_of(0)  # no one's: only the query's shape matters
        return [rows.order_by(*sort.order_by())[: PAGE_SIZE + 1] for sort in SORTS.values()]

    def warm_pages(self) -> list[str]:
        """The pages a new server worker renders once for nobody before its first visitor
        (netzwerk/warmup.py): the contact list."""
        return ["contacts:list"]
