"""Multi-factor authentication is required of everyone who can see personal data."""

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

# Sign-in, sign-out and the MFA set-up itself must stay reachable.
EXEMPT_URL_NAME_PREFIXES = ("account_", "mfa_")
EXEMPT_URL_NAMES = {"healthz", "robots_txt", "sitemap", "set_language"}


def requires_mfa(user):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(user.has_perm(perm) for perm in settings.MFA_REQUIRED_FOR_PERMISSIONS)


def _is_exempt(path):
    try:
        name = resolve(path).url_name or ""
    except Resolver404:
        return True
    return name.startswith(EXEMPT_URL_NAME_PREFIXES) or name in EXEMPT_URL_NAMES


class RequireMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path_info.startswith(settings.STATIC_URL)
            and requires_mfa(user)
            and not is_mfa_enabled(user)
            and not _is_exempt(request.path_info)
        ):
            # The set-up page itself says why (templates/mfa/totp/activate_form.html); a message
            # here would pile up on every redirect and outlive the set-up.
            return redirect("mfa_activate_totp")
        return self.get_response(request)
