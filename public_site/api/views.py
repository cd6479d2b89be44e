"""The read-only JSON API, version 1 (`/api/v1/`), built with Django REST Framework.

Anonymous callers get the released data (the same as the public pages); a member with a
personal token (Authorization: Bearer …) also gets the unreleased statuses, marked with
`veroeffentlicht: false`. Notes, people and costs are in no answer. Every list is paginated
(`page`, `page_size` up to MAX_PAGE_SIZE), filterable (django-filter) and cached under the
cache versions of public.cache, with ETag/Last-Modified and 304 on a conditional GET.
"""

from django.db.models import BooleanField, ExpressionWrapper
from django.utils import timezone, translation
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.reverse import reverse

from members.models import Municipality
from public_site import cache, selectors
from public_site.api import serializers
from public_site.filters import ApiStatusFilter, KommuneFilter, PublicServiceFilter

MAX_PAGE_SIZE = 500


class Pagination(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
            raise ValidationError(
                {"page_size": [_("A whole number from 1 to %(max)s.") % {"max": MAX_PAGE_SIZE}]}
            )
        return int(raw)


def _is_member(request) -> bool:
    return bool(request.user and request.user.is_authenticated and request.user.is_active)


class CachedView(GenericAPIView):
    """GET only; the answer's data is cached per version, audience and address."""

    pagination_class = Pagination
    kind = "api"

    def scope(self, request, **kwargs) -> tuple[str, ...]:
        return cache.scope_names()

    def build(self, request, **kwargs) -> dict | list:  # pragma: no cover - abstract
        raise NotImplementedError

    def get(self, request, **kwargs):
        audience = "member" if _is_member(request) else "public"
        versions = cache.versions(*self.scope(request, **kwargs))
        key = cache.entry_key(
            self.kind, versions, audience, request.get_full_path(), translation.get_language()
        )
        etag = cache.etag_for(key)
        modified = max(versions)
        from public_site.views import _not_modified

        if _not_modified(request._request, etag, modified):
            response = Response(status=304)
        else:
            data = cache.get(key)
            if data is None:
                data = self.build(request, **kwargs)
                cache.put(key, data)
            response = Response(data)
        response["ETag"] = etag
        response["Last-Modified"] = http_date(modified)
        response["Cache-Control"] = (
            "private, no-cache" if audience == "member" else "public, max-age=60"
        )
        response["Vary"] = "Authorization, Accept-Language"
        return response

    def _filtered(self, filter_class, queryset, request):
        filterset = filter_class(request.query_params, queryset=queryset, request=request)
        filterset.version = cache.versions("catalogue")[0]
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        return filterset.qs

    def _paginated(self, request, items) -> dict:
        page = self.paginate_queryset(items)
        return self.get_paginated_response(page).data


class Root(GenericAPIView):
    @extend_schema(exclude=True)
    def get(self, request):
        return Response(
            {
                "kommunen": reverse("api:kommunen", request=request),
                "leistungen": reverse("api:leistungen", request=request),
                "status": reverse("api:status", request=request),
                "schema": reverse("api:schema", request=request),
                "dokumentation": reverse("api:docs", request=request),
                "netzwerk": reverse("api:netzwerk", request=request),
                "termine": reverse("api:termine", request=request),
            }
        )


@extend_schema(
    summary="Kommunen",
    parameters=[OpenApiParameter("art", OpenApiTypes.STR, enum=["stadt", "gemeinde", "kreis"])],
    responses=serializers.MunicipalitySerializer(many=True),
)
class KommuneList(CachedView):
    kind = "api-kommunen"
    serializer_class = serializers.MunicipalitySerializer

    def build(self, request):
        released = selectors.released_ids()
        qs = self._filtered(KommuneFilter, Municipality.objects.order_by("name"), request)
        page = self.paginate_queryset(qs)
        for m in page:
            m.released = m.pk in released
        return self.get_paginated_response([selectors.municipality_dict(m) for m in page]).data


@extend_schema(summary="Eine Kommune", responses=serializers.MunicipalitySerializer)
class KommuneDetail(CachedView):
    kind = "api-kommune"
    serializer_class = serializers.MunicipalitySerializer
    pagination_class = None

    def build(self, request, slug):
        municipality = selectors.municipality_by_slug(slug)
        if municipality is None:
            raise NotFound(_("There is no Kommune with this short name."))
        return selectors.municipality_dict(municipality)


@extend_schema(summary="OZG-Leistungen", responses=serializers.ServiceSerializer(many=True))
class LeistungList(CachedView):
    kind = "api-leistungen"
    serializer_class = serializers.ServiceSerializer
    filterset_class = PublicServiceFilter

    def build(self, request):
        qs = self._filtered(PublicServiceFilter, selectors.service_queryset(), request)
        page = self.paginate_queryset(qs)
        leika = selectors.leika_names([s.pk for s in page])
        data = [selectors.service_dict(s, leika.get(s.pk, [])) for s in page]
        return self.get_paginated_response(data).data


@extend_schema(
    summary="Eine OZG-Leistung mit ihren Ständen", responses=serializers.ServiceDetailSerializer
)
class LeistungDetail(CachedView):
    kind = "api-leistung"
    serializer_class = serializers.ServiceDetailSerializer
    pagination_class = None

    def build(self, request, ozg_id):
        context = selectors.service_page(ozg_id=ozg_id)
        if context is None:
            raise NotFound(_("There is no active OZG service with this ID."))
        data = selectors.service_dict(context["service"], context["leika"])
        data["stati"] = [k["status"] for k in context["kommunen"] if k["status"]]
        return data


@extend_schema(
    summary="Stände der Kommunen",
    description=(
        "Ohne Token nur die freigegebenen Stände; mit dem persönlichen Token eines Mitglieds "
        "auch die nicht freigegebenen (Feld `veroeffentlicht`)."
    ),
    responses=serializers.StatusSerializer(many=True),
)
class StatusList(CachedView):
    kind = "api-status"
    serializer_class = serializers.StatusSerializer
    filterset_class = ApiStatusFilter

    def scope(self, request, **kwargs):
        slug = request.query_params.get("kommune")
        return cache.scope_names(kommune=slug) if slug else cache.scope_names()

    def build(self, request):
        member = _is_member(request)
        slug = request.query_params.get("kommune")
        municipality = selectors.municipality_by_slug(slug) if slug else None
        # one Kommune: only its rows through the index (an unknown slug is the filter's 400)
        qs = selectors.status_queryset(include_unreleased=member, municipality=municipality)
        qs = self._filtered(ApiStatusFilter, qs, request).order_by(
            "municipality__name", "service__ozg_id"
        )
        if member:
            qs = qs.annotate(
                _released=ExpressionWrapper(selectors.released_q(), output_field=BooleanField())
            )
            values = qs.values_list(*selectors._STATUS_VALUES, "_released")
            page = self.paginate_queryset(values)
            labels = selectors.row_labels()
            rows = [{**selectors.row(v[:-1], labels), "veroeffentlicht": bool(v[-1])} for v in page]
        else:
            page = self.paginate_queryset(qs.values_list(*selectors._STATUS_VALUES))
            labels = selectors.row_labels()
            rows = [selectors.row(v, labels) for v in page]
        return self.get_paginated_response(rows).data


@extend_schema(
    summary="Geschichte des Netzwerks",
    description="Die öffentlich freigegebenen Einträge der Netzwerk-Geschichte (/netzwerk/).",
    responses=serializers.StoryItemSerializer(many=True),
)
class NetzwerkList(CachedView):
    kind = "api-netzwerk"
    serializer_class = serializers.StoryItemSerializer

    def scope(self, request, **kwargs):
        return ("netzwerk",)

    def build(self, request):
        return self._paginated(request, selectors.story_items())


@extend_schema(
    summary="Kommende öffentliche Termine",
    description=(
        "Öffentliche Vorträge des Netzwerks ab heute. Die Sitzungen und Workshops der "
        "Mitglieder sind nicht öffentlich und stehen hier nicht."
    ),
    responses=serializers.EventSerializer(many=True),
)
class TerminList(CachedView):
    serializer_class = serializers.EventSerializer

    @property
    def kind(self):  # "upcoming" changes at midnight: the day is part of the cache key
        return f"api-termine-{timezone.localdate().isoformat()}"

    def scope(self, request, **kwargs):
        return ("netzwerk",)

    def build(self, request):
        return self._paginated(
            request, selectors.upcoming_public_events(today=timezone.localdate())
        )
