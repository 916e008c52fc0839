from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load the demo data: the seed projects' facts and clearly fictional demo content. "
        "Idempotent: a second run changes nothing."
    )

    def handle(self, *args, **options):
        # Each app that has demo data keeps it in its own ``demo`` module, with a
        # ``load(stdout)`` function; apps load in INSTALLED_APPS order, so the
        # projects come before the apps that build on them.
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo"
                if app_config.name.startswith("django") or find_spec(module_name) is None:
                    continue
                import_module(module_name).load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is loaded."))
