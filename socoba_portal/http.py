"""Response helpers shared by every app.

Confidential responses (reports, exports, certificates, the cancellation page)
must not stay in a shared or browser cache nor be indexed: ``make_private`` says
so once. ``PrivateDownloadsMiddleware`` applies it to every download
(``Content-Disposition: attachment``), whichever app or library made it, so no
export can forget it; ``private_response`` marks a private page that is not a
download.
"""

from functools import wraps

PRIVATE_HEADERS = {"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex"}


def make_private(response):
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    return response


def is_download(response):
    return response.get("Content-Disposition", "").lower().startswith("attachment")


def private_response(view):
    """Decorate a view whose every answer is confidential."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return make_private(view(request, *args, **kwargs))

    return wrapper
