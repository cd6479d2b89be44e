"""The API's answers. Rows are built as dicts by public.selectors (one query per page); these
serializers describe them for the OpenAPI schema and are the allow-list of every field."""

from rest_framework import serializers


class StatusSerializer(serializers.Serializer):
    kommune_ags = serializers.CharField()
    kommune_slug = serializers.CharField()
    kommune_name = serializers.CharField()
    ozg_id = serializers.CharField()
    leistung = serializers.CharField()
    themenfeld = serializers.CharField()
    lage = serializers.CharField()
    reifegrad = serializers.IntegerField(min_value=0, max_value=4)
    reifegrad_text = serializers.CharField()
    umsetzungsstand = serializers.ChoiceField(
        choices=["not_started", "planned", "in_progress", "online"]
    )
    umsetzungsstand_text = serializers.CharField()
    online = serializers.BooleanField()
    online_seit = serializers.DateField(allow_null=True)
    link = serializers.URLField(allow_null=True)
    loesung = serializers.CharField(allow_null=True)
    loesung_link = serializers.URLField(allow_null=True)
    stand = serializers.DateField(allow_null=True)


class MemberStatusSerializer(StatusSerializer):
    """With a member's token: also unreleased statuses, marked by `veroeffentlicht`."""

    veroeffentlicht = serializers.BooleanField()


class MunicipalitySerializer(serializers.Serializer):
    ags = serializers.CharField()
    slug = serializers.CharField()
    name = serializers.CharField()
    art = serializers.CharField()
    einwohner = serializers.IntegerField()
    einwohner_stand = serializers.DateField(allow_null=True)
    website = serializers.URLField(allow_null=True)
    stati_veroeffentlicht = serializers.BooleanField()


class ServiceSerializer(serializers.Serializer):
    ozg_id = serializers.CharField()
    name = serializers.CharField()
    themenfeld = serializers.CharField()
    themenfeld_slug = serializers.CharField()
    lage = serializers.CharField()
    lage_id = serializers.IntegerField()
    leika = serializers.ListField(child=serializers.CharField())


class ServiceDetailSerializer(ServiceSerializer):
    stati = StatusSerializer(many=True)


class StoryItemSerializer(serializers.Serializer):
    abschnitt = serializers.ChoiceField(
        choices=["history", "method", "success", "lesson", "outlook"]
    )
    abschnitt_text = serializers.CharField()
    titel = serializers.CharField()
    wann = serializers.CharField(allow_null=True, help_text="z. B. 2021 (für die Zeitleiste)")
    text = serializers.CharField(help_text="Markdown")
    stand = serializers.DateField()


class EventSerializer(serializers.Serializer):
    titel = serializers.CharField()
    datum = serializers.DateField()
    veranstaltung = serializers.CharField()
    ort = serializers.CharField(allow_null=True)
    vortragende = serializers.CharField()


PUBLIC_SERIALIZERS = [
    StatusSerializer,
    MunicipalitySerializer,
    ServiceSerializer,
    StoryItemSerializer,
    EventSerializer,
]
