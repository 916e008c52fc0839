from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from seminars.emails import MailKind, send_registration_mail
from seminars.models import Registration


class Command(BaseCommand):
    help = (
        "Email each registrant marked attended a personal link to their certificate of attendance, "
        "after the event. Run it from cron or a task runner; nobody gets the link twice."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        due = (
            Registration.objects.attendees()
            .filter(certificate_sent_at__isnull=True, anonymised_at__isnull=True, event__end__lt=now)
            .exclude(email="")
        )
        sent = 0
        for pk in due.values_list("pk", flat=True):
            with transaction.atomic():
                # Stamp first: a parallel run skips it, and a crash means no mail rather than two.
                if Registration.objects.filter(pk=pk, certificate_sent_at__isnull=True).update(
                    certificate_sent_at=now
                ):
                    send_registration_mail(pk, MailKind.CERTIFICATE)
                    sent += 1
        self.stdout.write(f"Certificate links sent: {sent}")
