"""POST data for the public forms as a person sends it: the honeypot left empty and
the form handed out long enough ago (socoba_portal/abuse.py)."""

import time

from socoba_portal.abuse import signed_start


def filled_by_a_person(data, *, seconds=20):
    return {**data, "website": "", "form_started": signed_start(time.time() - seconds)}
