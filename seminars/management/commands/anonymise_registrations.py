from django.conf import settings
from django.core.management.base import BaseCommand

from seminars.models import Registration


class Command(BaseCommand):
    help = (
        "Anonymise the registrations of events that ended more than --days ago (default "
        "SEMINAR_RETENTION_DAYS, 365): name, email, organisation, job title and needs are erased, "
        "with their entries in the audit trail and the admin history and the events' background report "
        "files; status and attendance stay, so the events' counts do not change. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.SEMINAR_RETENTION_DAYS,
            help="Days after the event's end before its registrations are anonymised.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only count the registrations.")

    def handle(self, *args, days, dry_run, **options):
        expired = Registration.objects.retention_ended(days=days)
        if dry_run:
            self.stdout.write(f"Registrations to anonymise: {expired.count()}")
            return
        self.stdout.write(f"Registrations anonymised: {expired.anonymise()}")
