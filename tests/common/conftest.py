"""What the tests of the common app share: the message the ``send_email`` tests send."""

SUBJECT = "Thông báo hồ sơ đề nghị khen thưởng số 12"
BODY = "Hồ sơ của đơn vị đã được tiếp nhận."
HTML = "<p>Hồ sơ của đơn vị <strong>đã được tiếp nhận</strong>.</p>"
