from allauth.account.adapter import DefaultAccountAdapter


class NoSignupAccountAdapter(DefaultAccountAdapter):
    """Staff accounts are created by an administrator; nobody signs up."""

    def is_open_for_signup(self, request):
        return False
