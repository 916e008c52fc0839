from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .forms import AccessibilityFeedbackForm
from .models import AccessibilityStatement, PrivacyNotice
from .processing import PROCESSING


def accessibility_statement(request):
    statement = AccessibilityStatement.current()
    if statement is None:
        raise Http404
    form = AccessibilityFeedbackForm(request.POST if request.method == "POST" else None)
    if form.is_from_bot():
        return redirect(request.path + "#feedback")  # dropped quietly: nothing is sent
    if form.is_valid() and form.passes_rate_limit(request):
        form.send(to=statement.feedback_email)
        messages.success(request, _("Thank you. Your feedback was sent; we answer within 14 days."))
        return redirect(request.path + "#feedback")
    return render(
        request,
        "legal/accessibility_statement.html",
        {"statement": statement, "form": form},
        status=form.status_code,
    )


def privacy_notice(request):
    notice = PrivacyNotice.current()
    if notice is None:
        raise Http404
    return render(request, "legal/privacy_notice.html", {"notice": notice, "processing": PROCESSING})
