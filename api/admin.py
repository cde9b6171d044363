"""API tokens in the admin: staff and administrators make a token for an officer's
account (its key shown once, in the message after saving) and revoke tokens.  Nobody
edits or deletes one: a revoked token stays for the record."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .forms import AdminTokenForm
from .models import ApiToken
from .services import TokenError, create_api_token, revoke_api_token


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["label", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["label", "prefix", "user__username"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    actions = ["revoke_selected"]
    fields = ["user", "label"]
    readonly_fields = [
        "prefix",
        "created_at",
        "created_by",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    ]

    def get_fields(self, request, obj=None):
        return ["user", "label"] if obj is None else ["user", "label", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["user", "label", *self.readonly_fields]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            return
        token, key = create_api_token(obj.user, by=request.user, label=obj.label)
        # The admin goes on with ``obj`` (its log entry, the redirect): make it the token.
        obj.pk, obj.prefix, obj.key_hash = token.pk, token.prefix, token.key_hash
        messages.warning(
            request,
            _("Khóa API (chỉ hiện một lần, hãy sao chép ngay): %(key)s") % {"key": key},
        )

    def get_form(self, request, obj=None, **kwargs):
        if obj is not None:
            return super().get_form(request, obj, **kwargs)
        form = super().get_form(request, obj, form=AdminTokenForm, **kwargs)
        return type(form.__name__, (form,), {"by": request.user})

    @admin.action(description=_("Thu hồi các khóa đã chọn"))
    def revoke_selected(self, request, queryset):
        done = 0
        for token in queryset.filter(revoked_at__isnull=True).select_related("user"):
            try:
                revoke_api_token(token, by=request.user)
            except TokenError as error:
                messages.error(request, str(error))
            else:
                done += 1
        messages.success(
            request, ngettext("Đã thu hồi %d khóa.", "Đã thu hồi %d khóa.", done) % done
        )
