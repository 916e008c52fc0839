"""Local development: debug on by default, SQLite, mail to the console."""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")

from .base import *  # noqa: F403

MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # WebAuthn over http://127.0.0.1 in development
