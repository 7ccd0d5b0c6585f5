"""The conventional Django peer the contact list is compared with, on the same data: a
ListView with paginate_by=50 and an icontains search (OFFSET paging, a COUNT per page), and
the Django admin's changelist of the same contacts. Served only by the benchmark's URLconf
(bench/floor.py)."""

from django.contrib import admin
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Q
from django.http import HttpResponse
from django.template import engines
from django.views.generic import ListView

from contacts.models import Contact

SEARCHED = ("first_name", "last_name", "company", "city")
TEMPLATE = engines["django"].from_string(
    "<!doctype html><title>Kontakte</title><form><input name=q value='{{ request.GET.q }}'>"
    "</form><ul>{% for c in page_obj %}<li><a href='/contacts/{{ c.pk }}/'>{{ c.first_name }} "
    "{{ c.last_name }}</a> {{ c.company }} · {{ c.city }} · {{ c.get_category_display }}</li>"
    "{% endfor %}</ul>{% if page_obj.has_next %}<a href='?page={{ page_obj.next_page_number }}"
    "&q={{ request.GET.q|urlencode }}'>weiter</a>{% endif %} {{ paginator.count }}"
)


class PeerList(LoginRequiredMixin, ListView):
    paginate_by = 50

    def get_queryset(self):
        contacts = Contact.objects.filter(owner=self.request.user).order_by("last_name", "id")
        query = self.request.GET.get("q", "").strip()
        if query:
            match = Q()
            for field in SEARCHED:
                match |= Q(**{f"{field}__icontains": query})
            contacts = contacts.filter(match)
        return contacts

    def get_template_names(self):
        return []

    def render_to_response(self, context, **response_kwargs):
        return HttpResponse(TEMPLATE.render(context, self.request))


class PeerAdminSite(admin.AdminSite):
    """The admin as it comes, except that any signed-in user may see their own contacts."""

    def has_permission(self, request):
        return request.user.is_active and request.user.is_authenticated


class PeerContactAdmin(admin.ModelAdmin):
    list_display = ("first_name", "last_name", "company", "city", "category")
    search_fields = SEARCHED
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).filter(owner=request.user)

    def has_view_permission(self, request, obj=None):
        return True

    def has_module_permission(self, request):
        return True


site = PeerAdminSite(name="peer_admin")
site.register(Contact, PeerContactAdmin)
