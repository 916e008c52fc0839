from django.core.management.base import BaseCommand, CommandError

from students.models import Cohort, Student


class Command(BaseCommand):
    help = (
        "Anonymise students, the same way as the admin action: the personal fields, the thesis title and "
        "supervisor, their entries in the audit trail and the admin history, their cohorts' background "
        "report files and pending import files. Choose the students with --retention-ended (graduated or "
        "withdrawn more than STUDENT_RETENTION_DAYS ago; for cron), --cohort or --student. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--retention-ended",
            action="store_true",
            help="Students who graduated or withdrew more than STUDENT_RETENTION_DAYS ago.",
        )
        parser.add_argument(
            "--cohort", action="append", default=[], metavar="SLUG", help="Every student of a cohort."
        )
        parser.add_argument("--student", action="append", default=[], metavar="NUMBER", help="A student number.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Only list the students that would be anonymised."
        )

    def handle(self, *args, retention_ended, cohort, student, dry_run, **options):
        if not (retention_ended or cohort or student):
            raise CommandError("Choose the students: --retention-ended, --cohort SLUG or --student NUMBER.")
        students = Student.objects.none()
        if retention_ended:
            students |= Student.objects.retention_ended()
        if cohort:
            missing = set(cohort) - set(Cohort.objects.filter(slug__in=cohort).values_list("slug", flat=True))
            if missing:
                raise CommandError(f"No cohort {', '.join(sorted(missing))}.")
            students |= Student.objects.filter(cohort__slug__in=cohort)
        if student:
            students |= Student.objects.filter(student_number__in=student)
        students = Student.objects.filter(pk__in=students.values("pk"))
        if dry_run:
            # Pseudonymous on purpose: this output may end up in cron's mail and logs.
            for chosen in students.order_by("pk"):
                self.stdout.write(str(chosen))
            self.stdout.write(f"Students to anonymise: {students.count()}")
            return
        self.stdout.write(f"Students anonymised: {students.anonymise()}")
