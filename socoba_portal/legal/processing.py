"""What the portal does with personal data, per kind of data (GDPR articles 13–14).

The privacy notice prints this list. Retention periods are read from the settings
that the portal's commands and Django enforce, so the notice cannot drift from
what really happens; change a setting and the notice changes with it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


def _days(days):
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


@dataclass(frozen=True)
class Processing:
    key: str
    data: str
    purpose: str
    legal_basis: str
    recipients: str
    retention_text: str  # a format string whose %(…)s come from ``retention_values``

    def retention(self):
        return str(self.retention_text) % retention_values()


def retention_values():
    """The enforced periods, formatted for the active language."""
    return {
        "registrations": _days(settings.SEMINAR_RETENTION_DAYS),
        "sessions": _days(max(1, settings.SESSION_COOKIE_AGE // (24 * 60 * 60))),
        "report_exports": _days(settings.REPORT_EXPORT_RETENTION_DAYS),
        "server_logs": _days(settings.SERVER_LOG_RETENTION_DAYS),
    }


PROCESSING = [
    Processing(
        key="staff",
        data=_(
            "Staff accounts: name, email address, the projects and roles held, sign-in and MFA data, "
            "the audit log of changes"
        ),
        purpose=_(
            "Signing in to the administration, limiting each person to their own projects, and "
            "tracing who changed what."
        ),
        legal_basis=_(
            "Public task of the university (GDPR art. 6(1)(e)); logging required by the Act on "
            "Information Management in Public Administration (906/2019)."
        ),
        recipients=_("No one outside the university and the projects; the hosting provider as a processor."),
        retention_text=_(
            "For as long as the person works in a project. A signed-in session ends after %(sessions)s. "
            "Exported PDF reports are deleted %(report_exports)s after they were made."
        ),
    ),
    Processing(
        key="registrants",
        data=_(
            "Seminar registrants: name, email address, organisation, job title, accessibility and "
            "dietary needs, attendance"
        ),
        purpose=_(
            "Running the event: confirmations, waiting list, reminders, name lists, certificates of "
            "attendance, and the project's attendance figures."
        ),
        legal_basis=_(
            "Your consent (GDPR art. 6(1)(a)); for accessibility and dietary needs, your explicit "
            "consent (art. 9(2)(a))."
        ),
        recipients=_(
            "The coordinators of the event's project; the email delivery service as a processor. "
            "Only counts are reported to the funder."
        ),
        retention_text=_(
            "Names and contact details are anonymised %(registrations)s after the event; the counts of "
            "registrations and attendance stay."
        ),
    ),
    Processing(
        key="students",
        data=_(
            "Master's students, who are also ESF participants: name, student number, contact "
            "details, study progress, participation dates, whether they left with a qualification"
        ),
        purpose=_(
            "Running the master's programme and reporting the ESF project to the funder; public "
            "pages show only aggregates."
        ),
        legal_basis=_(
            "Public task of the university under the Universities Act (558/2009) (GDPR art. "
            "6(1)(e)), and the ESF reporting obligation (art. 6(1)(c))."
        ),
        recipients=_(
            "The project's staff who need the data for their role; the funding authority (ELY "
            "Centre) through the national EURA system for the ESF participant data."
        ),
        retention_text=_(
            "As the university's archive schedule and the ESF rules require; after that the student-data "
            "officer anonymises the records in the administration. Erasure is not automatic, because the "
            "data rests on the public task."
        ),
    ),
    Processing(
        key="feedback",
        data=_("Accessibility feedback: your message and, if you give them, your name and email address"),
        purpose=_("Answering your feedback within 14 days and fixing the problem."),
        legal_basis=_(
            "Legal obligation under the Act on the Provision of Digital Services (306/2019) (GDPR art. 6(1)(c))."
        ),
        recipients=_(
            "The portal's accessibility contact; the supervising authority if you take the matter there."
        ),
        retention_text=_(
            "The portal does not store the feedback: it is emailed to the accessibility contact and kept as "
            "correspondence under the university's archive schedule."
        ),
    ),
    Processing(
        key="logs",
        data=_("Server logs: IP address, time, address of the page, browser"),
        purpose=_("Keeping the service secure and working, and investigating misuse."),
        legal_basis=_(
            "Legal obligation to secure the service under the Act on Information Management in "
            "Public Administration (906/2019) (GDPR art. 6(1)(c))."
        ),
        recipients=_("The university's IT administrators and the hosting provider as a processor."),
        retention_text=_("Deleted %(server_logs)s after they were written."),
    ),
]
