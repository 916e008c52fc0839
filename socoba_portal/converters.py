"""URL converters shared by every app (registered in ``PortalConfig.ready``)."""


class TokenConverter:
    """A secret link's token (``secrets.token_urlsafe``): URL-safe base64, at most 64
    characters as the tokens' column. Anything else is a 404 before any query."""

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
