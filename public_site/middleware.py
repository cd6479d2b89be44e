"""`X-Robots-Tag: noindex` on every answer outside the public part, so that search engines
index only the public OZG pages, the API description and the legal pages."""

PUBLIC_PATHS = (
    "/online-dienste/",
    "/api/v1/",
    "/impressum/",
    "/datenschutz/",
    "/barrierefreiheit/",
    "/robots.txt",
    "/sitemap.xml",
    "/static/",
    "/favicon.ico",
)


class NoIndexMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(PUBLIC_PATHS):
            response.headers.setdefault("X-Robots-Tag", "noindex, nofollow")
        return response
