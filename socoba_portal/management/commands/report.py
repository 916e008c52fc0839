from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from socoba_portal.reports.rendering import SYSTEM, report_classes


class Command(BaseCommand):
    help = "Export a PDF report: report {project|cohort|seminar} SLUG_OR_ID [--lang fi|sv|en] [--output FILE]"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(report_classes()))
        parser.add_argument("value", help="the object's slug or id")
        parser.add_argument("--lang", choices=[code for code, _name in settings.LANGUAGES], default="fi")
        parser.add_argument("--output", help="file to write (default: the report's own file name)")
        parser.add_argument(
            "--as-user",
            help="export with this staff user's permissions, logged in their name "
            "(without it: a system export by whoever runs the server)",
        )

    def handle(self, *args, kind, value, lang, output, as_user, **options):
        user = SYSTEM  # a system export, unless --as-user names who exports
        if as_user:
            user = get_user_model().objects.filter(email__iexact=as_user, is_active=True).first()
            if user is None:
                raise CommandError(f"No active user with the email {as_user}.")
        report_class = report_classes()[kind]
        model = report_class.report_queryset().model
        try:
            report = report_class.for_user(user, value, language=lang)
        except model.DoesNotExist:
            raise CommandError(
                f"No {kind} {value!r}" + (f" that {as_user} may see." if as_user else ".")
            ) from None
        except PermissionDenied:
            raise CommandError(f"{as_user} may not export the {kind} report of {value!r}.") from None
        path = Path(output or report.filename())
        path.write_bytes(report.render())
        self.stdout.write(self.style.SUCCESS(f"Wrote {path}"))
