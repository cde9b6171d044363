"""Forms of the award decision pages.  They validate input; the decisions service writes it."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.dates import validate_happened_date
from units.enums import UnitLevel
from units.forms import SignerChoiceField, check_signer
from units.models import Unit
from units.selectors import signers_of

from .. import authority, rules, selectors
from ..enums import RoundingMode
from ..models import AwardType
from ..services.decisions import (
    DEFAULT_CITATION,
    DEFAULT_DISTRIBUTION,
    PROVINCE_EXECUTORS,
    PROVINCE_LEGAL_BASIS,
    DecisionError,
    check_authority,
    check_in_branch,
    default_executors,
    default_legal_basis,
)


class DecisionForm(forms.Form):
    """The header of a draft decision: who decides what, who signs, where and when."""

    issuer = forms.ModelChoiceField(label=_("Cơ quan ban hành"), queryset=Unit.objects.none())
    award_type = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức khen thưởng"), queryset=AwardType.objects.none()
    )
    campaign = forms.ModelChoiceField(
        label=_("Phong trào thi đua"),
        queryset=None,
        required=False,
        empty_label=_("(Không gắn với phong trào)"),
    )
    citation = forms.CharField(
        label=_("Lý do khen thưởng"),
        initial=DEFAULT_CITATION,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    symbol = forms.CharField(
        label=_("Ký hiệu quyết định"),
        max_length=32,
        required=False,
        help_text=_("Để trống: “QĐ-” và ký hiệu của cơ quan ban hành, ví dụ QĐ-UBND."),
    )
    signed_date = forms.DateField(
        label=_("Ngày ký"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        validators=[validate_happened_date],
    )
    place = forms.CharField(
        label=_("Địa danh"),
        max_length=64,
        required=False,
        help_text=_("Để trống: địa danh của cơ quan ban hành."),
    )
    signer = SignerChoiceField()
    signer_authority = forms.CharField(
        label=_("Dòng thẩm quyền ký (nhập tay)"),
        max_length=128,
        required=False,
        help_text=_("Ví dụ “TM. ỦY BAN NHÂN DÂN”; để trống nếu không có."),
    )
    signer_capacity = forms.CharField(
        label=_("Dòng ký thay (nhập tay)"),
        max_length=128,
        required=False,
        help_text=_("Ví dụ “KT. CHỦ TỊCH”; để trống nếu người đứng đầu ký."),
    )
    signer_title = forms.CharField(
        label=_("Chức vụ người ký (nhập tay)"),
        max_length=128,
        required=False,
        help_text=_("Ví dụ “PHÓ CHỦ TỊCH”."),
    )
    signer_name = forms.CharField(
        label=_("Họ và tên người ký (nhập tay)"), max_length=128, required=False
    )
    rounding_mode = forms.ChoiceField(
        label=_("Cách làm tròn tiền thưởng"),
        choices=RoundingMode.choices,
        initial=RoundingMode.UP,
    )
    fixed_amount = forms.IntegerField(
        label=_("Mức thưởng cố định (đồng)"),
        min_value=0,
        required=False,
        help_text=_(
            "Chỉ cho hình thức không có hệ số: thưởng nóng (bắt buộc nhập) hoặc thư khen "
            "(để trống nếu không kèm tiền). Mỗi người, tập thể nhận mức này."
        ),
    )
    legal_basis = forms.CharField(
        label=_("Căn cứ ban hành"),
        required=False,
        initial=PROVINCE_LEGAL_BASIS,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Mỗi căn cứ một dòng."),
    )
    executors = forms.CharField(
        label=_("Trách nhiệm thi hành (Điều 3)"),
        required=False,
        initial=PROVINCE_EXECUTORS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    distribution = forms.CharField(
        label=_("Nơi nhận"),
        required=False,
        initial=DEFAULT_DISTRIBUTION,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi nơi nhận một dòng."),
    )

    def __init__(self, *args, decision=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.decision = decision
        today = timezone.localdate()
        # Units whose heads decide something, and what some unit may decide: the
        # authority table in force today (``clean`` checks the pair on the signed date).
        issuers = Unit.objects.filter(level__in=authority.issuer_levels(today))
        award_types = authority.locally_decided_types(today)
        if user is not None and not rules.acts_for_every_issuer(user):
            # A unit's people draft their own units' decisions, of what those may decide.
            own = list(Unit.objects.filter(pk__in=selectors.issuers_acted_for(user)))
            issuers = Unit.objects.filter(pk__in=[unit.pk for unit in own])
            award_types = AwardType.objects.filter(
                pk__in=[a.pk for unit in own for a in authority.awardable_types(unit, today)]
            )
        self.fields["issuer"].queryset = issuers.order_by("path")
        self.fields["signer"].set_signers(signers_of(self.fields["issuer"].queryset))
        campaigns = selectors.campaigns_with(
            selectors.published_campaigns(), decision.campaign_id if decision is not None else None
        )
        if decision is not None:
            award_types = award_types | AwardType.objects.filter(pk=decision.award_type_id)
        self.fields["award_type"].queryset = award_types.distinct()
        self.fields["campaign"].queryset = campaigns
        if not self.is_bound and decision is None:
            self.initial.setdefault("signed_date", timezone.localdate())
            launched = list(selectors.open_campaigns()[:2])
            if len(launched) == 1:
                self.initial.setdefault("campaign", launched[0].pk)

    @classmethod
    def initial_from(cls, decision) -> dict:
        initial = {name: getattr(decision, name) for name in cls.base_fields if name != "signer"}
        initial["signer"] = decision.signer_id or ""
        return initial

    def clean(self):
        cleaned = super().clean()
        for name in ("citation", "legal_basis", "executors", "distribution"):
            if isinstance(cleaned.get(name), str):  # browsers send CRLF line breaks
                cleaned[name] = cleaned[name].replace("\r\n", "\n").strip()
        issuer, award_type = cleaned.get("issuer"), cleaned.get("award_type")
        if issuer and not (cleaned.get("place") or "").strip():
            # The place line of a document comes from its issuer.
            cleaned["place"] = issuer.place_name
        if issuer and issuer.level != UnitLevel.PROVINCE:
            # Texts left at the provincial wording take the issuer's own default.
            if cleaned.get("legal_basis") == PROVINCE_LEGAL_BASIS:
                cleaned["legal_basis"] = default_legal_basis(issuer)
            if cleaned.get("executors") == PROVINCE_EXECUTORS:
                cleaned["executors"] = default_executors(issuer)
        signed_date = cleaned.get("signed_date")
        check_signer(self, issuer=issuer, day=signed_date, signer=cleaned.get("signer"))
        if issuer and award_type and signed_date:
            try:
                check_authority(issuer, award_type, signed_date)
            except DecisionError as error:
                self.add_error("award_type", str(error))
        if issuer and award_type:
            if cleaned.get("fixed_amount") and award_type.is_statutory:
                self.add_error(
                    "fixed_amount",
                    _(
                        "“%(award)s” tính tiền thưởng theo hệ số và lương cơ sở: "
                        "không nhập mức thưởng cố định."
                    )
                    % {"award": award_type.name},
                )
            if award_type.is_cash_only and not cleaned.get("fixed_amount"):
                self.add_error(
                    "fixed_amount",
                    _("“%(award)s” là khoản tiền thưởng: nhập mức thưởng (đồng).")
                    % {"award": award_type.name},
                )
            decision = self.decision
            if decision is not None and issuer.pk != decision.issuer_id:
                lines = decision.recipients.filter(revoked_at__isnull=True).select_related(
                    "individual__unit", "unit"
                )
                try:
                    check_in_branch(issuer, lines)
                except DecisionError as error:
                    self.add_error("issuer", str(error))
            if (
                decision is not None
                and award_type.pk != decision.award_type_id
                and decision.recipients.exists()
            ):
                self.add_error(
                    "award_type",
                    _(
                        "Quyết định đã có danh sách được khen: xóa các dòng trước khi "
                        "đổi hình thức."
                    ),
                )
        return cleaned


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do thu hồi"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ví dụ: kê khai thành tích không trung thực, hồ sơ giả mạo."),
    )
