"""CSV/XLSX export of the projects app's records (django-import-export, admin)."""

from import_export import fields, resources

from projects.models import CostItem, Participation, Project, StatusUpdate, Wish


class ProjectResource(resources.ModelResource):
    topic = fields.Field(attribute="topic__name", column_name="topic")
    lead = fields.Field(column_name="lead")
    participants = fields.Field(column_name="participants")

    class Meta:
        model = Project
        fields = ("id", "title", "slug", "summary", "topic", "status", "progress", "start_date",
                  "planned_end_date", "funding_programme", "funding_amount", "lead",
                  "participants")  # fmt: skip
        export_order = fields

    def dehydrate_status(self, project):
        return project.get_status_display()

    def dehydrate_lead(self, project):
        lead = project.lead
        return lead.name if lead else ""

    def dehydrate_participants(self, project):
        return ", ".join(
            f"{p.municipality.name} ({p.get_role_display()})" for p in project.participations.all()
        )


class ParticipationResource(resources.ModelResource):
    project = fields.Field(attribute="project__title", column_name="project")
    municipality = fields.Field(attribute="municipality__name", column_name="municipality")

    class Meta:
        model = Participation
        fields = ("id", "project", "municipality", "role", "joined_at")


class StatusUpdateResource(resources.ModelResource):
    project = fields.Field(attribute="project__title", column_name="project")
    author = fields.Field(attribute="author__full_name", column_name="author")

    class Meta:
        model = StatusUpdate
        fields = ("id", "project", "created_at", "author", "new_status", "progress", "text")


class CostItemResource(resources.ModelResource):
    project = fields.Field(attribute="project__title", column_name="project")

    class Meta:
        model = CostItem
        fields = ("id", "project", "title", "kind", "amount", "recurrence", "allocation_key")


class WishResource(resources.ModelResource):
    project = fields.Field(attribute="project__title", column_name="project")
    provider = fields.Field(attribute="provider__name", column_name="provider")
    municipality = fields.Field(attribute="municipality__name", column_name="municipality")

    class Meta:
        model = Wish
        fields = ("id", "project", "provider", "municipality", "title", "status",
                  "provider_answer", "created_at")  # fmt: skip
