"""Production: debug off, secrets required, HTTPS everywhere."""

import os

from .base import *  # noqa: F403
from .base import DEBUG, env_bool

if DEBUG:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("DJANGO_DEBUG must be off with the production settings.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# /healthz and /readyz answer over plain HTTP to the load balancer.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

# Production always sends real mail: SMTP_HOST, or a local mail relay.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("SMTP_HOST", "localhost"),
            "port": int(os.environ.get("SMTP_PORT", "25" if not os.environ.get("SMTP_HOST") else "587")),
            "username": os.environ.get("SMTP_USER", ""),
            "password": os.environ.get("SMTP_PASSWORD", ""),
            "use_tls": env_bool("SMTP_TLS", default=bool(os.environ.get("SMTP_HOST"))),
        },
    }
}
