"""The council app's domain error."""


class CouncilError(Exception):
    """Something a session, a vote or a count cannot do; the message is shown as is."""
