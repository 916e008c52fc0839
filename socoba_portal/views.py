from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET


@require_GET
def healthz(request):
    """For load balancers: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /fi/accounts/",
        "Disallow: /sv/accounts/",
        "Disallow: /en/accounts/",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def signup_closed(request):
    """Nobody signs up: staff accounts are created and invited by an administrator."""
    raise Http404
