"""Open-data metadata: the licence, the data dictionary and a DCAT-AP.de catalogue (JSON-LD).

The catalogue lists one dataset per Kommune that released its statuses and one for the whole
Kreis, each with a CSV and a JSON distribution, so that open-data portals (e.g. GovData via
a harvester of the Kreis' portal) can take them over.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

LICENSES = {
    "dl-de/by-2-0": {
        "id": "dl-de/by-2-0",
        "name": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
        "url": "https://www.govdata.de/dl-de/by-2-0",
        "dcat": "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
    },
    "cc-by/4.0": {
        "id": "cc-by/4.0",
        "name": "Creative Commons Namensnennung 4.0 International (CC BY 4.0)",
        "url": "https://creativecommons.org/licenses/by/4.0/",
        "dcat": "http://dcat-ap.de/def/licenses/cc-by/4.0",
    },
}

FIELD_DESCRIPTIONS = [
    ("kommune_ags", _("text"), _("Amtlicher Gemeindeschlüssel (8 digits) of the Kommune")),
    ("kommune_slug", _("text"), _("short name of the Kommune in addresses (e.g. luegde)")),
    ("kommune_name", _("text"), _("name of the Kommune")),
    ("ozg_id", _("text"), _("OZG-ID of the service (5 digits) in the OZG-Umsetzungskatalog")),
    ("leistung", _("text"), _("name of the OZG service")),
    ("themenfeld", _("text"), _("Themenfeld of the OZG-Umsetzungskatalog")),
    ("lage", _("text"), _("Lebens- or Geschäftslage of the service")),
    ("reifegrad", _("number 0–4"), _("Reifegrad of the OZG-Reifegradmodell (3 and 4: online)")),
    ("reifegrad_text", _("text"), _("the Reifegrad in words")),
    (
        "umsetzungsstand",
        _("text"),
        _("implementation state: not_started, planned, in_progress or online"),
    ),
    ("umsetzungsstand_text", _("text"), _("the implementation state in words")),
    ("online", _("true/false"), _("true when the Reifegrad is 3 or higher")),
    ("online_seit", _("date (YYYY-MM-DD)"), _("since when the service is online; may be empty")),
    ("link", _("URL"), _("where citizens apply online; may be empty")),
    ("loesung", _("text"), _("the solution used (e.g. a service portal); may be empty")),
    ("loesung_link", _("URL"), _("the solution's web address; may be empty")),
    ("stand", _("date (YYYY-MM-DD)"), _("when the Kommune last changed this entry")),
]


def license_info() -> dict:
    return LICENSES[settings.OPEN_DATA_LICENSE]


def _dist(url: str, fmt: str, media: str, title: str) -> dict:
    return {
        "@type": "dcat:Distribution",
        "dct:title": title,
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dct:format": {"@id": f"http://publications.europa.eu/resource/authority/file-type/{fmt}"},
        "dcat:mediaType": media,
        "dct:license": {"@id": license_info()["dcat"]},
    }


def catalogue(request, municipalities) -> dict:
    base = request.build_absolute_uri("/").rstrip("/")
    publisher = {"@type": "foaf:Organization", "foaf:name": "Kreis Lippe – CDO-Netzwerk"}
    datasets = []

    def dataset(slug: str | None, title: str, description: str, spatial: str | None) -> dict:
        kwargs = {"slug": slug} if slug else {}
        csv_url = request.build_absolute_uri(
            reverse("public:download_csv" if slug else "public:download_all_csv", kwargs=kwargs)
        )
        json_url = request.build_absolute_uri(
            reverse("public:download_json" if slug else "public:download_all_json", kwargs=kwargs)
        )
        page = request.build_absolute_uri(
            reverse("public:kommune", kwargs={"slug": slug}) if slug else reverse("public:start")
        )
        item = {
            "@id": f"{base}/online-dienste/daten/#{slug or 'alle'}",
            "@type": "dcat:Dataset",
            "dct:identifier": f"ikz-lippe-ozg-{slug or 'alle'}",
            "dct:title": title,
            "dct:description": description,
            "dct:publisher": publisher,
            "dcatde:contributorID": {
                "@id": "http://dcat-ap.de/def/contributors/kommunaleVerwaltung"
            },
            "dcat:theme": {
                "@id": "http://publications.europa.eu/resource/authority/data-theme/GOVE"
            },
            "dcat:keyword": ["OZG", "Onlinezugangsgesetz", "Verwaltungsleistungen", "Kreis Lippe"],
            "dct:language": {
                "@id": "http://publications.europa.eu/resource/authority/language/DEU"
            },
            "dcat:landingPage": {"@id": page},
            "dct:accrualPeriodicity": {
                "@id": "http://publications.europa.eu/resource/authority/frequency/CONT"
            },
            "dct:license": {"@id": license_info()["dcat"]},
            "dcat:distribution": [
                _dist(csv_url, "CSV", "text/csv", f"{title} (CSV)"),
                _dist(json_url, "JSON", "application/json", f"{title} (JSON)"),
            ],
        }
        if spatial:
            item["dcatde:politicalGeocodingURI"] = {
                "@id": f"http://dcat-ap.de/def/politicalGeocoding/municipalityKey/{spatial}"
            }
            item["dcatde:politicalGeocodingLevelURI"] = {
                "@id": "http://dcat-ap.de/def/politicalGeocodingLevel/municipality"
            }
        return item

    datasets.append(
        dataset(
            None,
            "OZG-Online-Dienste der Kommunen im Kreis Lippe",
            "Welche Verwaltungsleistungen nach dem Onlinezugangsgesetz die Kommunen des "
            "Kreises Lippe online anbieten: Reifegrad, Umsetzungsstand, online seit, Link und "
            "eingesetzte Lösung. Nur von den Kommunen freigegebene Stände.",
            None,
        )
    )
    for m in municipalities:
        if not getattr(m, "released", False):
            continue
        datasets.append(
            dataset(
                m.slug,
                f"OZG-Online-Dienste {m.name}",
                f"Die freigegebenen OZG-Stände von {m.name}: Reifegrad, Umsetzungsstand, "
                "online seit, Link und eingesetzte Lösung.",
                m.ags,
            )
        )
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "dcatde": "http://dcat-ap.de/def/dcatde/",
            "foaf": "http://xmlns.com/foaf/0.1/",
        },
        "@id": f"{base}/online-dienste/daten/katalog.jsonld",
        "@type": "dcat:Catalog",
        "dct:title": f"Offene Daten des {settings.PORTAL_NAME}",
        "dct:description": "OZG-Umsetzungsstände der Kommunen im Kreis Lippe.",
        "dct:publisher": publisher,
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/DEU"},
        "foaf:homepage": {"@id": request.build_absolute_uri(reverse("public:data"))},
        "dct:license": {"@id": license_info()["dcat"]},
        "dcat:dataset": datasets,
    }
