"""The admin site's branding, what non-technical staff see, and labels for inline fields.

`configure_admin_site` runs once from the URLconf, after every app registered its admins.
"""

from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

# Apps whose models only technical people should touch: Celery beat's schedules, allauth's
# email and MFA records. Staff without superuser rights don't see them in the admin at all.
TECHNICAL_APPS = frozenset({"django_celery_beat", "account", "mfa", "socialaccount"})


class SuperuserOnlyMixin:
    """A ModelAdmin that exists only for superusers (no module, no view, no change)."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request, *args, **kwargs):
        return self.has_module_permission(request) and super().has_add_permission(
            request, *args, **kwargs
        )

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request) and super().has_delete_permission(request, obj)


def configure_admin_site(site: admin.AdminSite) -> None:
    site.site_header = _("IKZ-Portal Lippe – Administration")
    site.site_title = _("IKZ-Portal Lippe – Administration")
    site.index_title = _("Curate the network's records")
    for model, model_admin in list(site._registry.items()):
        if model._meta.app_label in TECHNICAL_APPS and not isinstance(
            model_admin, SuperuserOnlyMixin
        ):
            cls = type(model_admin)
            restricted = type(f"SuperuserOnly{cls.__name__}", (SuperuserOnlyMixin, cls), {})
            site.unregister(model)
            site.register(model, restricted)
    for model_admin in site._registry.values():
        model_admin.formfield_for_dbfield = _labelling(model_admin.formfield_for_dbfield)


def _labelling(formfield_for_dbfield):
    """The admin prints "Date:"/"Time:" as plain text beside a date + time pair: each part
    gets an aria-label (axe: label)."""

    def wrapped(db_field, request, **kwargs):
        field = formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(field, "widget", None)
        widget = getattr(widget, "widget", widget)  # inside RelatedFieldWidgetWrapper
        if isinstance(widget, forms.MultiWidget) and field.label:
            label_widget(widget, str(field.label))
        return field

    return wrapped


class LabelledInlineFormSet(BaseInlineFormSet):
    """A tabular inline shows its labels only as column headers, so its inputs have no
    label of their own (axe: label, select-name). Each field gets an aria-label naming
    the column and the row: "Rolle, Zeile 2"."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        row = _("new row") if index is None else _("row %(number)s") % {"number": index + 1}
        for field in form.fields.values():
            if field.label is None or field.widget.is_hidden:
                continue
            # The form's own copy of the widget: a RelatedFieldWidgetWrapper's `attrs` are
            # those of the field's original inner widget (its __deepcopy__), so labelling
            # the wrapper named the next row (and the next request) after this one.
            label_widget(getattr(field.widget, "widget", field.widget), f"{field.label}, {row}")


def label_widget(widget, label: str) -> None:
    """aria-label on a widget; a date + time pair (or other MultiWidget) labels each part,
    because the admin prints "Date:"/"Time:" as plain text next to them."""
    if isinstance(widget, forms.MultiWidget):
        parts = (
            [_("date"), _("time")]
            if isinstance(widget, forms.SplitDateTimeWidget)
            else [str(n + 1) for n in range(len(widget.widgets))]
        )
        for sub, part in zip(widget.widgets, parts, strict=False):
            sub.attrs["aria-label"] = f"{label} ({part})"
    else:
        widget.attrs["aria-label"] = label


class LabelledTabularInline(admin.TabularInline):
    formset = LabelledInlineFormSet


class LabelledStackedInline(admin.StackedInline):
    formset = LabelledInlineFormSet
