from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX
from simple_history.admin import SimpleHistoryAdmin

from lippe_ikz.admin_setup import LabelledTabularInline
from members import services
from members.forms import InvitationForm
from members.models import Membership, Municipality, User
from members.resources import MunicipalityResource


class MembershipInline(LabelledTabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user", "municipality"]
    fields = ["user", "municipality", "role", "motto", "responsibilities"]


class UserMembershipInline(MembershipInline):
    autocomplete_fields = ["municipality"]
    fields = ["municipality", "role", "motto", "responsibilities"]


class MunicipalityMembershipInline(MembershipInline):
    autocomplete_fields = ["user"]
    fields = ["user", "role", "motto", "responsibilities"]


@admin.register(Municipality)
class MunicipalityAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [MunicipalityResource]
    formats = [CSV, XLSX]
    list_display = ["name", "kind", "ags", "population", "population_date", "area_km2", "website"]
    list_filter = ["kind", "population_date"]
    search_fields = ["name", "ags", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MunicipalityMembershipInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "ags"]}),
        (_("Figures"), {"fields": ["population", "population_date", "area_km2", "source"]}),
        (_("Maintained by the Kommune"), {"fields": ["website", "contact_email", "description"]}),
    ]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "municipality", "role", "motto"]
    list_filter = ["role", "municipality"]
    search_fields = ["user__full_name", "user__email", "municipality__name", "motto"]
    autocomplete_fields = ["user", "municipality"]
    list_select_related = ["user", "municipality"]


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    ordering = ["full_name"]
    list_display = ["full_name", "email", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "memberships__role", "memberships__municipality"]
    search_fields = ["full_name", "email", "phone"]
    inlines = [UserMembershipInline]
    actions = ["send_invitation"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "job_title", "phone", "preferred_language"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]

    def get_urls(self):
        return [
            path(
                "einladen/",
                self.admin_site.admin_view(self.invite_view),
                name="members_user_invite",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "invite_url": reverse("admin:members_user_invite"),
        }
        return super().changelist_view(request, extra_context)

    def invite_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = InvitationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            user = services.user_invite(
                email=data["email"],
                full_name=data["full_name"],
                municipality=data["municipality"],
                role=data["role"] or None,
                preferred_language=data["preferred_language"],
                invited_by=request.user,
            )
            self.message_user(
                request,
                _("%(name)s was invited; the email with the link to set a password is on its way.")
                % {"name": user.full_name},
                messages.SUCCESS,
            )
            return redirect("admin:members_user_change", user.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Invite a person"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/members/user/invite.html", context)

    @admin.action(description=_("Send invitation (link to set a password) again"))
    def send_invitation(self, request, queryset):
        count = 0
        for user in queryset.filter(is_active=True):
            services.user_send_invitation(user=user, invited_by=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%d invitation sent.", "%d invitations sent.", count) % count,
            messages.SUCCESS,
        )
