"""WSGI entry point: ``gunicorn socoba_portal.wsgi``."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socoba_portal.settings.prod")

application = get_wsgi_application()

# The loaded application (modules, models, settings) lives as long as the process: kept out
# of the garbage collector's full passes, which otherwise stop a request now and then for
# tens of milliseconds to walk it all.
gc.freeze()
