"""WSGI entry point: ``gunicorn socoba_portal.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socoba_portal.settings.prod")

application = get_wsgi_application()
