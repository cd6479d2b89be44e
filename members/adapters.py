from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """People are invited by the portal admins; nobody signs up on their own."""

    def is_open_for_signup(self, request) -> bool:
        return False
