"""Two print layouts to start with: a designed page (the default) and fields on
a pre-printed A4 landscape blank (phôi).  Both are edited in the admin."""

from decimal import Decimal as D

from django.db import migrations

DESIGNED = "Mẫu thiết kế sẵn (in trên giấy trắng)"
OVERLAY = "In trên phôi bằng khen, giấy khen A4 ngang"

#: field, x, y, width (mm from the sheet's top-left corner), size (pt), bold, align
OVERLAY_FIELDS = (
    ("recipient", "38.5", "92.0", "220.0", "22.0", True, "center"),
    ("position", "38.5", "104.0", "220.0", "15.0", False, "center"),
    ("citation", "38.5", "113.0", "220.0", "15.0", False, "center"),
    ("placedate", "160.0", "140.0", "115.0", "14.0", False, "center"),
    ("signer", "160.0", "147.0", "115.0", "14.0", True, "center"),
    ("qr", "20.0", "160.0", "28.0", "10.0", False, "left"),
    ("decision", "50.0", "165.0", "105.0", "12.0", False, "left"),
    ("register", "50.0", "171.0", "105.0", "12.0", False, "left"),
    ("serial", "50.0", "177.0", "105.0", "12.0", False, "left"),
)


def create_layouts(apps, schema_editor):
    CertificateLayout = apps.get_model("awards", "CertificateLayout")
    OverlayField = apps.get_model("awards", "OverlayField")
    has_default = CertificateLayout.objects.filter(is_default=True).exists()
    CertificateLayout.objects.get_or_create(
        name=DESIGNED, defaults={"kind": "designed", "is_default": not has_default}
    )
    overlay, _ = CertificateLayout.objects.get_or_create(name=OVERLAY, defaults={"kind": "overlay"})
    for field, x, y, width, size, bold, align in OVERLAY_FIELDS:
        OverlayField.objects.get_or_create(
            layout=overlay,
            field=field,
            defaults={
                "x_mm": D(x),
                "y_mm": D(y),
                "width_mm": D(width),
                "font_size_pt": D(size),
                "bold": bold,
                "align": align,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("awards", "0005_decision_document_and_certificate_printing")]

    operations = [migrations.RunPython(create_layouts, migrations.RunPython.noop)]
