"""Form parts shared by the pages that compose a unit's documents (award decisions,
reminder notices): choosing who signs among the issuer's signers, or typing the
signature block for an issuer that has none.  They validate; the services write."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.templatetags.vn import vndate

from ..selectors import has_signers

SIGNER_HELP = _(
    "Chọn trong danh sách người ký của cơ quan ban hành, còn hiệu lực vào ngày ký: dòng "
    "thẩm quyền, chức vụ và họ tên được điền theo thể thức (Nghị định 30/2020/NĐ-CP). Cơ "
    "quan chưa có danh sách người ký: để trống và nhập tay các dòng dưới đây."
)


def signer_label(signer) -> str:
    """ "Trần Minh Hiển – PHÓ CHỦ TỊCH", with the end of the term when it has one."""
    label = f"{signer.full_name} – {signer.position}"
    if signer.valid_to is not None:
        label += " " + str(_("(đến %(date)s)") % {"date": vndate(signer.valid_to)})
    return label


class SignerChoiceField(forms.ChoiceField):
    """One of the given signers (grouped under their unit in the list), or none.

    ``set_signers()`` gives the signers offered; the cleaned value is the
    ``UnitSigner`` itself, or ``None`` for "typed by hand"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Người ký"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", SIGNER_HELP)
        super().__init__(**kwargs)
        self.signers = {}

    def set_signers(self, signers) -> None:
        self.signers = {str(signer.pk): signer for signer in signers}
        groups: dict = {}
        for signer in self.signers.values():
            _name, options = groups.setdefault(signer.unit_id, (signer.unit.name, []))
            options.append((str(signer.pk), signer_label(signer)))
        self.choices = [("", _("(Nhập tay bên dưới)")), *groups.values()]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self.signers[str(value)]
        except KeyError:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            ) from None

    def validate(self, value):
        if value is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")


def check_signer(form, *, issuer, day, signer, typed=("signer_title", "signer_name")) -> None:
    """Add ``form``'s errors for the signer: a chosen signer must be one of ``issuer``'s,
    in force on ``day``; with none chosen, an issuer with signers in force then must
    name one, and another must have the ``typed`` lines filled in."""
    if issuer is None or day is None:
        return
    if signer is not None:
        if signer.unit_id != issuer.pk:
            form.add_error(
                "signer",
                _("%(name)s không phải người ký văn bản của %(issuer)s.")
                % {"name": signer.full_name, "issuer": issuer.name},
            )
        elif not signer.is_in_force_on(day):
            form.add_error(
                "signer",
                _("%(name)s không phải người ký văn bản của %(issuer)s vào ngày %(date)s.")
                % {"name": signer.full_name, "issuer": issuer.name, "date": vndate(day)},
            )
        return
    if has_signers(issuer, day=day):
        form.add_error(
            "signer",
            _("%(issuer)s có danh sách người ký: vui lòng chọn người ký.")
            % {"issuer": issuer.name},
        )
        return
    for name in typed:
        if not (form.cleaned_data.get(name) or "").strip():
            form.add_error(
                name, _("Cơ quan ban hành chưa có danh sách người ký: vui lòng nhập dòng này.")
            )
