"""Vietnamese unless the user chooses otherwise."""


class IgnoreBrowserLanguageMiddleware:
    """Drop ``Accept-Language`` so a browser's own language does not win.

    Provincial offices use computers set up in English as often as in
    Vietnamese; the portal speaks Vietnamese (``LANGUAGE_CODE``) until the
    user picks English with the language switch, which sets a cookie that
    ``LocaleMiddleware`` still honours.  Placed before ``LocaleMiddleware``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
