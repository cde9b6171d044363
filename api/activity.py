"""Every activity-log action of the api app, with the label its history shows."""

from django.utils.translation import gettext_lazy as _

from common.activity import action

API_TOKEN_CREATE = action("api_token.create", _("Tạo khóa API"))
API_TOKEN_REVOKE = action("api_token.revoke", _("Thu hồi khóa API"))
