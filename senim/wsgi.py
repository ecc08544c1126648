import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "senim.settings")
django_application = get_wsgi_application()

from senim.core.middleware import count_chunked_bodies  # noqa: E402 (once Django is set up)

# Bodies without a Content-Length are counted before Django reads them (see the middleware).
application = count_chunked_bodies(django_application)
