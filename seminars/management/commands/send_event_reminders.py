import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from seminars.emails import MailKind, send_registration_mail
from seminars.models import Event, Registration


class Command(BaseCommand):
    help = (
        "Email a reminder to the confirmed registrants of events starting within the lead time "
        "(default SEMINAR_REMINDER_LEAD_TIME_HOURS, 48). Run it from cron or a task runner, e.g. "
        "hourly; each registrant gets at most one reminder, however often it runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=int,
            default=getattr(settings, "SEMINAR_REMINDER_LEAD_TIME_HOURS", 48),
            help="How many hours before the event the reminder goes out.",
        )

    def handle(self, *args, hours, **options):
        now = timezone.now()
        due = Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            reminder_sent_at__isnull=True,
            anonymised_at__isnull=True,
            event__status=Event.Status.PUBLISHED,
            event__start__gt=now,
            event__start__lte=now + datetime.timedelta(hours=hours),
        )
        sent = 0
        for pk in due.values_list("pk", flat=True):
            with transaction.atomic():
                # Stamp first, under a row lock: a parallel run skips it, and a crash
                # after the stamp means no reminder rather than two.
                stamped = Registration.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(
                    reminder_sent_at=now
                )
                if stamped:
                    send_registration_mail(pk, MailKind.REMINDER)
                    sent += stamped
        self.stdout.write(f"Reminders sent: {sent}")
