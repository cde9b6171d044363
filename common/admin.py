"""The admin site itself, helpers shared by every app's admin, and the common models' admin.

Change lists must stay fast on province-scale tables, so the helpers here
compute per-row figures as correlated subqueries (evaluated only for the rows
of the page) and format values without touching the database.
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import ActivityLog, Holiday, Notification, OutboxMessage, UserPreference
from .templatetags.vn import money
from .text import fold
from .uploads import EvidenceFileField, ProcessedUpload

admin.site.site_header = _("Quản trị Cổng thi đua – khen thưởng")
admin.site.site_title = _("Quản trị Cổng thi đua – khen thưởng")
admin.site.index_title = _("Danh mục và dữ liệu")

#: Fields that name the user who created a row; filled in by the admin, never typed.
AUTHOR_FIELDS = ("created_by", "recorded_by", "registered_by", "uploaded_by")


def format_money(amount) -> str:
    """``1410000`` -> ``"1.410.000 đ"``, as Vietnamese offices write amounts.

    The same rule as the templates' ``money`` filter, so both always agree.
    """
    return money(amount)


def choice_labels(obj, field_name: str) -> str:
    """The display labels of a ``ChoiceListField`` value, comma separated (no query)."""
    field = obj._meta.get_field(field_name)
    return ", ".join(str(label) for label in field.labels(getattr(obj, field_name)))


def related_count(model, fk_name: str, **filters):
    """Number of ``model`` rows pointing at the outer row through ``fk_name``.

    A correlated subquery rather than ``Count`` over a join: the database works
    it out only for the rows of the page, and several of them never multiply.
    """
    rows = (
        model.objects.filter(**{fk_name: OuterRef("pk")}, **filters)
        .order_by()
        .values(fk_name)
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def related_sum(model, fk_name: str, field: str, **filters):
    """Sum of ``field`` over the ``model`` rows pointing at the outer row."""
    rows = (
        model.objects.filter(**{fk_name: OuterRef("pk")}, **filters)
        .order_by()
        .values(fk_name)
        .annotate(total=Sum(field))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def admin_change_link(obj, text=None):
    """A link to ``obj``'s admin change page, or plain text when it has none."""
    if obj is None:
        return ""
    opts = obj._meta
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return str(text if text is not None else obj)
    return format_html('<a href="{}">{}</a>', url, text if text is not None else obj)


def stamp_author(instance, user) -> None:
    """On a row being added from the admin: record who added it."""
    if not instance._state.adding:
        return
    field_names = {f.name for f in instance._meta.concrete_fields}
    for name in AUTHOR_FIELDS:
        if name in field_names and getattr(instance, f"{name}_id") is None:
            setattr(instance, name, user)


class StampedAdminMixin:
    """Fills the author fields of rows added here, inline rows included."""

    def save_model(self, request, obj, form, change):
        stamp_author(obj, request.user)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for instance in instances:
            stamp_author(instance, request.user)
            instance.save()
        formset.save_m2m()


class ReadOnlyAdminMixin:
    """Rows the system writes: the admin shows them and neither adds nor changes any.

    ``delete_by`` says who may remove them: ``NOBODY`` (the default), ``SUPERUSER``, or
    ``PERMISSION`` (whoever the model's delete permission allows, as in any admin).
    Serves model admins and inlines alike.
    """

    NOBODY, SUPERUSER, PERMISSION = "nobody", "superuser", "permission"
    delete_by = NOBODY

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        if self.delete_by == self.PERMISSION:
            return super().has_delete_permission(request, obj)
        return self.delete_by == self.SUPERUSER and request.user.is_superuser


class SafeUploadForm(forms.ModelForm):
    """A form for a stored file (evidence, dossier) that goes through ``common.uploads``.

    The admin is no back door: the upload is checked and re-encoded exactly as on
    the portal's pages, and the row keeps the cleaned original name, the detected
    type and the stored size (and the thumbnail of a photo).
    """

    def clean_file(self):
        value = self.cleaned_data.get("file")
        if not isinstance(value, ProcessedUpload):
            return value  # unchanged
        self.instance.original_name = value.original_name
        self.instance.content_type = value.content_type
        self.instance.size = value.size
        if any(f.name == "thumbnail" for f in self.instance._meta.concrete_fields):
            self.instance.thumbnail = value.thumbnail or ""
        return value.content


class SafeUploadAdminMixin:
    """For a model admin or inline of a model with ``file`` and its metadata fields."""

    form = SafeUploadForm
    formfield_overrides = {models.FileField: {"form_class": EvidenceFileField}}


class StoredFileAdminMixin(SafeUploadAdminMixin):
    """The admin of an uploaded file (``common.models.StoredFile``): listed by its display
    name, never counted in full (the lists grow with every upload), the file's detected
    metadata read-only."""

    show_full_result_count = False
    stored_file_readonly = ["original_name", "content_type", "size", "uploaded_by"]

    @admin.display(description=_("tệp"), ordering="original_name")
    def display_name(self, obj):
        return obj.display_name


class FileTypeFilter(admin.SimpleListFilter):
    """Photos or PDF documents, by the detected type (no query to list the choices)."""

    title = _("kiểu tệp")
    parameter_name = "file_type"

    def lookups(self, request, model_admin):
        return [("image", _("Ảnh")), ("pdf", _("Tài liệu PDF"))]

    def queryset(self, request, queryset):
        if self.value() == "image":
            return queryset.filter(content_type__startswith="image/")
        if self.value() == "pdf":
            return queryset.filter(content_type="application/pdf")
        return queryset


class FoldedSearchMixin:
    """Search also ignores diacritics: "noi vu" finds "Sở Nội vụ".

    ``folded_search_field`` holds the name folded by ``common.text.fold``, kept by the model.
    """

    folded_search_field = "search_name"

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        words = fold(search_term).split()
        if words:
            lookup = f"{self.folded_search_field}__contains"
            results |= queryset.filter(*(Q(**{lookup: word}) for word in words))
        return results, may_have_duplicates


class RelatedChoicesMixin:
    """Load what the labels of related choices need, in the same query as the choices.

    ``choices_select_related = {"nomination": ["individual", "award_type"]}``: the
    nomination options (select or autocomplete) are labelled by ``__str__``, which
    reads those relations.
    """

    choices_select_related: dict[str, list[str]] = {}

    def _with_related(self, db_field, kwargs):
        related = self.choices_select_related.get(db_field.name)
        if related and "queryset" not in kwargs:
            kwargs["queryset"] = db_field.remote_field.model._default_manager.select_related(
                *related
            )
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(
            db_field, request, **self._with_related(db_field, kwargs)
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(
            db_field, request, **self._with_related(db_field, kwargs)
        )


@admin.register(ActivityLog)
class ActivityLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The append-only activity log: visible and searchable, never written from here."""

    list_display = [
        "created_at",
        "actor",
        "action",
        "content_type",
        "target_link",
        "previous_state",
        "new_state",
    ]
    list_filter = ["action", "content_type", "created_at"]
    search_fields = ["object_repr", "note"]
    show_full_result_count = False
    list_select_related = ["actor", "content_type"]
    fields = [
        "created_at",
        "actor",
        "action",
        "content_type",
        "object_id",
        "target_link",
        "previous_state",
        "new_state",
        "note",
        "data",
    ]
    readonly_fields = fields

    @admin.display(description=_("đối tượng"), ordering="object_repr")
    def target_link(self, obj):
        try:
            url = reverse(
                f"admin:{obj.content_type.app_label}_{obj.content_type.model}_change",
                args=[obj.object_id],
            )
        except NoReverseMatch:
            return obj.object_repr
        return format_html('<a href="{}">{}</a>', url, obj.object_repr)


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Notifications are written by the system; here they can be read, and removed."""

    list_display = ["title", "recipient", "created_at", "read_at", "emailed_at"]
    list_filter = [
        ("read_at", admin.EmptyFieldListFilter),
        ("emailed_at", admin.EmptyFieldListFilter),
        "created_at",
    ]
    search_fields = ["title", "recipient__username", "recipient__email"]
    show_full_result_count = False
    list_select_related = ["recipient"]
    fields = [
        "recipient",
        "title",
        "body",
        "url",
        "activity",
        "created_at",
        "read_at",
        "emailed_at",
    ]
    readonly_fields = fields
    delete_by = ReadOnlyAdminMixin.PERMISSION


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The task outbox, read-only: what waits for the broker, what was sent, the last error."""

    list_display = ["created_at", "task_name", "kwargs", "sent_at", "attempts", "next_attempt_at"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter), "task_name", "created_at"]
    search_fields = ["task_name", "last_error"]
    show_full_result_count = False
    fields = [
        "task_name",
        "kwargs",
        "created_at",
        "sent_at",
        "attempts",
        "next_attempt_at",
        "last_error",
    ]
    readonly_fields = fields


@admin.register(UserPreference)
class UserPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "email_mode", "last_digest_at"]
    list_filter = ["email_mode"]
    search_fields = ["user__username", "user__email", "user__last_name", "user__first_name"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    readonly_fields = ["last_digest_at"]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    """The working-day calendar's days off: Tết and public holidays, edited every year."""

    list_display = ["date", "name", "verified", "legal_basis"]
    list_filter = ["verified"]
    date_hierarchy = "date"
    search_fields = ["name", "legal_basis"]
