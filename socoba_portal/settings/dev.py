"""Local development: debug on by default, SQLite, mail to the console."""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")

from .base import *  # noqa: F403
