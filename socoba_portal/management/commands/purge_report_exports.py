from django.core.management.base import BaseCommand

from socoba_portal.models import ReportExport


class Command(BaseCommand):
    help = (
        "Delete exported reports, and their files, made more than REPORT_EXPORT_RETENTION_DAYS ago "
        "(default 30), as the privacy notice says. Run it daily. Idempotent."
    )

    def handle(self, *args, **options):
        count = 0
        for export in ReportExport.objects.expired():
            if export.file:
                export.file.delete(save=False)
            export.delete()
            count += 1
        self.stdout.write(f"Report exports deleted: {count}")
