"""sitemap.xml: the public part only (start, Kommunen, services, progress, data, legal)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from members.models import Municipality
from ozg.models import OzgService


class StaticSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "public:start",
            "public:services",
            "public:progress",
            "public:data",
            "public:easy_language",
            "api:docs",
            "legal:impressum",
            "legal:datenschutz",
            "legal:barrierefreiheit",
        ]

    def location(self, item):
        return reverse(item)


class KommuneSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return list(Municipality.objects.order_by("name").values_list("slug", flat=True))

    def location(self, item):
        return reverse("public:kommune", kwargs={"slug": item})


class ServiceSitemap(Sitemap):
    changefreq = "weekly"
    limit = 1000

    def items(self):
        return list(
            OzgService.objects.filter(withdrawn_at__isnull=True)
            .order_by("ozg_id")
            .values_list("ozg_id", flat=True)
        )

    def location(self, item):
        return reverse("public:service", kwargs={"ozg_id": item})


SITEMAPS = {"seiten": StaticSitemap, "kommunen": KommuneSitemap, "leistungen": ServiceSitemap}
