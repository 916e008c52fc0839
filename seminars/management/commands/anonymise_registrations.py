import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from seminars.models import Registration


class Command(BaseCommand):
    help = (
        "Anonymise the registrations of events that ended more than --days ago (default "
        "SEMINAR_RETENTION_DAYS, 365): name, email, organisation, job title and needs are erased, "
        "status and attendance stay, so the events' counts do not change. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=getattr(settings, "SEMINAR_RETENTION_DAYS", 365),
            help="Days after the event's end before its registrations are anonymised.",
        )

    def handle(self, *args, days, **options):
        now = timezone.now()
        expired = Registration.objects.filter(
            anonymised_at__isnull=True, event__end__lt=now - datetime.timedelta(days=days)
        )
        count = expired.update(
            name="",
            email="",
            organisation="",
            title="",
            needs="",
            # The cancellation link stops working; the token stays unique.
            token=Concat(Value("anonymised-"), Cast("pk", CharField())),
            anonymised_at=now,
            updated_at=now,
        )
        self.stdout.write(f"Registrations anonymised: {count}")
