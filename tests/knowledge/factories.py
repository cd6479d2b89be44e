import factory

from knowledge.models import Article, ChecklistItem, Expertise, StoryEntry, Talk
from tests.members.factories import MunicipalityFactory, UserFactory


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    kind = Article.Kind.GUIDE
    title = factory.Sequence(lambda n: f"Leitfaden {n}")
    slug = factory.Sequence(lambda n: f"leitfaden-{n}")
    summary = "Kurz und knapp."
    body = "Erste Zeile\nZweite Zeile"
    status = Article.Status.PUBLISHED
    municipality = factory.SubFactory(MunicipalityFactory)
    owner = factory.SubFactory(UserFactory)
    revision_number = 0


class ChecklistItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistItem

    article = factory.SubFactory(ArticleFactory, kind=Article.Kind.CHECKLIST)
    order = factory.Sequence(int)
    text = factory.Sequence(lambda n: f"Punkt {n}")


class StoryEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StoryEntry

    section = StoryEntry.Section.HISTORY
    title = factory.Sequence(lambda n: f"Station {n}")
    body = "Text"
    is_public = True


class TalkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Talk

    title = factory.Sequence(lambda n: f"Vortrag {n}")
    date = "2022-05-12"
    event = "Fachtagung"
    speakers = "Dana Demo"
    is_public = True


class ExpertiseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expertise

    user = factory.SubFactory(UserFactory)
    label = factory.Sequence(lambda n: f"Erfahrung {n}")
