from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from socoba_portal import page_cache


class Command(BaseCommand):
    help = (
        "Load the demo data: the seed projects' facts and clearly fictional demo content. "
        "Idempotent: a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="N",
            help=(
                "Also load N fictional projects on top of the normal demo (N extra, not N in all), each "
                "with a cohort of 25 students, 10 events of 50 registrations, 10 publications and thesis "
                "topics: for trying and measuring the pages at size. A second run with the same N changes "
                "nothing; a smaller N deletes nothing."
            ),
        )

    def handle(self, *args, scale, **options):
        if scale < 0:
            raise CommandError("--scale cannot be negative.")
        # Each app that has demo data keeps it in its own ``demo`` module, with a
        # ``load(stdout, scale=0)`` function; apps load in INSTALLED_APPS order, so the
        # projects come before the apps that build on them.
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo"
                if app_config.name.startswith("django") or find_spec(module_name) is None:
                    continue
                import_module(module_name).load(self.stdout, scale=scale)
            # The loaders insert in bulk, which sends no signals: stored pages are out of date.
            page_cache.content_changed()
        self.stdout.write(self.style.SUCCESS("Demo data is loaded."))
