import datetime

from django.conf import settings
from django.core.management.base import BaseCommand

from socoba_portal.erasure import discard_pending_imports
from socoba_portal.models import ReportExport, delete_unlisted_report_files


class Command(BaseCommand):
    help = (
        "Delete background report exports (rows and PDF files) made more than REPORT_EXPORT_RETENTION_DAYS "
        "ago, report files no export lists, and import files never confirmed within IMPORT_PENDING_HOURS. "
        "Idempotent: run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be deleted.")

    def handle(self, *args, dry_run, **options):
        expired = ReportExport.objects.expired()
        if dry_run:
            self.stdout.write(f"Report exports to delete: {expired.count()}")
            return
        exports = expired.delete_with_files()
        unlisted = delete_unlisted_report_files()
        imports = discard_pending_imports(older_than=datetime.timedelta(hours=settings.IMPORT_PENDING_HOURS))
        self.stdout.write(f"Report exports deleted: {exports}")
        self.stdout.write(f"Unlisted report files deleted: {unlisted}")
        self.stdout.write(f"Unconfirmed import files deleted: {imports}")
