import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netzwerk.settings")
application = get_wsgi_application()

# A web server started with DEBUG off and a published or missing key refuses to serve.
from netzwerk.checks import refuse_to_serve_with_a_known_key  # noqa: E402

refuse_to_serve_with_a_known_key()
