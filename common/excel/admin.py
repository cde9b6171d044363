"""The admin of import jobs (:class:`common.excel.jobs.ImportJob`): read only, since
imports are made and confirmed on the portal's pages."""

from django.contrib import admin

from common.admin import ReadOnlyAdminMixin


class ImportJobAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Subclasses add the job's own target (``target_fields``) to the lists."""

    target_fields: tuple[str, ...] = ()
    delete_by = ReadOnlyAdminMixin.SUPERUSER
    list_filter = ["stage", "state", "created_at"]
    date_hierarchy = "created_at"

    def get_list_display(self, request):
        return [
            "__str__",
            *self.target_fields,
            "stage",
            "state",
            "row_count",
            "error_count",
            "created_by",
            "created_at",
        ]

    def get_list_select_related(self, request):
        return [*self.target_fields, "created_by"]

    def get_fields(self, request, obj=None):
        return [
            *self.target_fields,
            "original_name",
            "file",
            ("stage", "state"),
            ("row_count", "error_count"),
            ("done", "total"),
            "summary",
            "errors",
            "error",
            ("created_by", "created_at"),
            ("confirmed_by", "confirmed_at"),
            "finished_at",
        ]

    def get_readonly_fields(self, request, obj=None):
        return [name for item in self.get_fields(request, obj) for name in _names(item)]


def _names(item):
    return item if isinstance(item, tuple) else (item,)
