"""The demo's good-practice library (issue #15): four practices of Plan 2777 from four
units, built by their officers and the staff through the library's services.

- Trung tâm Kiểm soát bệnh tật (``officer1``): *Khai báo y tế điện tử bằng mã QR*,
  published, then adopted by Công an tỉnh (``officer2``) and Xã Phú Túc (``chairman``);
- Xã Phú Túc (``chairman``): *Chợ an toàn*, sent back by the staff for its figures and
  a photo, completed, sent again and published, linked to the commune's own awards;
- Phòng Cảnh sát QLHC về TTXH (PC06, ``officer2``): *ATM gạo nghĩa tình*, published;
- Trung tâm Y tế huyện Châu Thành (``officer1``): *Tổ COVID cộng đồng*, waiting for review.

A practice is found again by (unit, title): a second run adds nothing.  Afterwards the
moments of the story are set on the rows this run made (``*_at`` fields only).
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from common.models import ActivityLog, Notification
from practices.activity import PRACTICE_ADOPT, PRACTICE_STATE
from practices.enums import PracticeField, PracticeKind, PracticeState
from practices.forms.practices import PracticeForm
from practices.models import Adoption, Practice
from practices.selectors import achievement_choices_in, award_choices_in
from practices.services.practices import perform, record_adoption, save_practice
from units.models import Unit

from .files import IMAGE, as_upload, evidence_photo


@dataclass(frozen=True)
class PracticeSpec:
    unit: str  # unit code
    author: str  # username
    kind: str
    field: str
    title: str
    summary: str
    description: str
    people: str
    started_on: datetime.date
    results: tuple[tuple[str, int, str], ...]
    #: "published", "changes" (sent back once, then published) or "submitted"
    story: str
    submitted_on: datetime.date
    link_awards: bool = False
    link_achievements: bool = False


PRACTICES = (
    PracticeSpec(
        unit="cdc-ben-tre",
        author="officer1",
        kind=PracticeKind.INITIATIVE,
        field=PracticeField.DIGITAL,
        title="Khai báo y tế điện tử bằng mã QR tại các điểm chốt",
        summary="Mỗi điểm chốt, chợ, cơ quan dán một mã QR; người dân khai báo y tế trên "
        "điện thoại trong một phút thay cho tờ khai giấy.",
        description="Trung tâm lập biểu mẫu khai báo y tế trực tuyến và in mã QR cho từng "
        "điểm chốt kiểm soát, chợ, bến phà và cơ quan.\n"
        "Người dân quét mã bằng điện thoại, khai báo một lần; tổ kiểm soát chỉ cần xem "
        "màn hình xác nhận. Số liệu về Trung tâm theo thời gian thực, giúp truy vết "
        "người tiếp xúc trong vài giờ thay vì vài ngày.",
        people="Tổ công nghệ thông tin, Trung tâm Kiểm soát bệnh tật tỉnh\n"
        "Khoa Kiểm soát bệnh truyền nhiễm",
        started_on=datetime.date(2021, 7, 5),
        results=(
            ("Lượt khai báo qua mã QR", 250000, "lượt"),
            ("Điểm chốt, chợ, cơ quan dán mã", 1200, "điểm"),
            ("Thời gian khai báo mỗi lượt", 1, "phút"),
        ),
        story="published",
        submitted_on=datetime.date(2021, 8, 16),
        link_achievements=True,
    ),
    PracticeSpec(
        unit="xa-phu-tuc",
        author="chairman",
        kind=PracticeKind.MODEL,
        field=PracticeField.HEALTH,
        title="Chợ an toàn: đi chợ theo phiếu ngày chẵn, ngày lẻ",
        summary="Mỗi hộ một phiếu đi chợ theo ngày chẵn hoặc lẻ; tổ COVID cộng đồng kiểm "
        "soát cổng chợ, sắp xếp sạp cách nhau hai mét.",
        description="Ủy ban nhân dân xã phát cho mỗi hộ một phiếu đi chợ ghi ngày chẵn "
        "hoặc ngày lẻ theo số nhà. Mỗi lần chỉ một người của hộ đi chợ.\n"
        "Tổ COVID cộng đồng đứng ở hai cổng chợ, kiểm tra phiếu, đo thân nhiệt và nhắc "
        "đeo khẩu trang; ban quản lý chợ kẻ vạch, sắp xếp sạp cách nhau hai mét.",
        people="Ủy ban nhân dân xã Phú Túc\nBan quản lý chợ Phú Túc\n"
        "Tổ COVID cộng đồng ấp Phú Khương",
        started_on=datetime.date(2021, 7, 20),
        results=(
            ("Hộ được phát phiếu đi chợ", 2150, "hộ"),
            ("Ca mắc COVID-19 lây nhiễm tại chợ", 0, "ca"),
            ("Ngày chợ hoạt động liên tục", 96, "ngày"),
        ),
        story="changes",
        submitted_on=datetime.date(2021, 9, 6),
        link_awards=True,
    ),
    PracticeSpec(
        unit="ca-pc06",
        author="officer2",
        kind=PracticeKind.MODEL,
        field=PracticeField.WELFARE,
        title="ATM gạo nghĩa tình",
        summary="Máy phát gạo tự động miễn phí cho người lao động mất việc trong thời gian "
        "giãn cách, mỗi lượt 2 kg.",
        description="Đoàn thanh niên Phòng vận động nhà hảo tâm góp gạo, đặt máy phát gạo "
        "tự động tại trụ sở.\n"
        "Người nhận xếp hàng theo vạch cách nhau hai mét, mỗi lượt nhận 2 kg; cán bộ "
        "trực hướng dẫn và ghi sổ để gạo đến đúng người khó khăn.",
        people="Đoàn thanh niên Phòng Cảnh sát quản lý hành chính về trật tự xã hội",
        started_on=datetime.date(2021, 8, 2),
        results=(
            ("Gạo phát miễn phí", 12, "tấn"),
            ("Lượt người nhận", 4800, "lượt"),
        ),
        story="published",
        submitted_on=datetime.date(2021, 9, 1),
    ),
    PracticeSpec(
        unit="ttyt-chau-thanh",
        author="officer1",
        kind=PracticeKind.EXPERIENCE,
        field=PracticeField.COMMUNITY,
        title="Tổ COVID cộng đồng theo từng tổ nhân dân tự quản",
        summary="Mỗi tổ nhân dân tự quản có một tổ COVID cộng đồng năm người, theo dõi "
        "người cách ly tại nhà và đưa thuốc, thực phẩm.",
        description="Trung tâm Y tế tập huấn cho các tổ COVID cộng đồng: theo dõi sức khỏe "
        "người cách ly tại nhà hai lần mỗi ngày, báo ngay trạm y tế khi có dấu hiệu "
        "nặng, đưa thuốc và thực phẩm đến tận nhà.",
        people="Trung tâm Y tế huyện Châu Thành\nCác trạm y tế xã",
        started_on=datetime.date(2021, 8, 10),
        results=(("Tổ COVID cộng đồng được tập huấn", 320, "tổ"),),
        story="submitted",
        submitted_on=datetime.date(2021, 10, 4),
    ),
)

#: The units that took up the first practice: (unit code, username, day, place, result).
ADOPTIONS = (
    (
        "cong-an-tinh",
        "officer2",
        datetime.date(2021, 9, 20),
        "Trụ sở Công an tỉnh và 9 chốt kiểm soát ra vào tỉnh",
        "Khai báo tại chốt nhanh gấp ba lần; không còn ùn tắc xe ở cửa ngõ của tỉnh.",
    ),
    (
        "xa-phu-tuc",
        "chairman",
        datetime.date(2021, 10, 1),
        "Chợ Phú Túc, trụ sở Ủy ban nhân dân xã và 5 ấp",
        "1.800 lượt khai báo mỗi tuần; tổ COVID cộng đồng truy vết trong ngày.",
    ),
)

#: A step's notification is read this long after it.
READ_AFTER = datetime.timedelta(hours=2)
CHANGES_ASKED = "Vui lòng bổ sung kết quả bằng số liệu (số hộ, số ca mắc) và ảnh tại chợ."


def _form(spec, unit, user, campaign, *, instance=None, with_links=True):
    branch = Unit.objects.filter(path__startswith=unit.path)
    data = {
        "unit": unit.pk,
        "campaign": campaign.pk if campaign else "",
        "kind": spec.kind,
        "field": spec.field,
        "title": spec.title,
        "summary": spec.summary,
        "description": spec.description,
        "people": spec.people,
        "started_on": spec.started_on.isoformat(),
    }
    if with_links and spec.link_awards:
        data["awards"] = [line.pk for line in award_choices_in(branch)]
    if with_links and spec.link_achievements:
        # The unit's achievements of the months before it was sent.
        earlier = achievement_choices_in(branch).filter(date__lte=spec.submitted_on)
        data["achievements"] = [a.pk for a in earlier[:2]]
    form = PracticeForm(data, instance=instance, user=user)
    if not form.is_valid():
        raise ValueError(f"The demo's practice {spec.title!r} is invalid: {form.errors}")
    return form


def _photo(spec, unit, index):
    picture = evidence_photo(
        spec.title, unit.name, spec.started_on, palette=index + 3, heading="ĐIỂN HÌNH – NHÂN RỘNG"
    )
    return as_upload(picture, f"{spec.unit}.jpg", IMAGE)


def _at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def load_practices(demo) -> None:
    """Build the four practices and the adoptions that are not there yet."""
    staff = demo.users["staff"]
    made = []
    for index, spec in enumerate(PRACTICES):
        unit = demo.units[spec.unit]
        if Practice.objects.filter(unit=unit, title=spec.title).exists():
            continue
        author = demo.users[spec.author]
        results = list(spec.results)
        if spec.story == "changes":  # sent first without figures or photo
            practice = save_practice(_form(spec, unit, author, demo.covid), by=author)
            perform(practice, "submit", by=author)
            perform(practice, "request_changes", by=staff, reason=CHANGES_ASKED)
            practice = save_practice(
                _form(spec, unit, author, demo.covid, instance=practice),
                by=author,
                results=results,
                uploads=[_photo(spec, unit, index)],
            )
        else:
            uploads = [] if spec.story == "submitted" else [_photo(spec, unit, index)]
            practice = save_practice(
                _form(spec, unit, author, demo.covid), by=author, results=results, uploads=uploads
            )
        perform(practice, "submit", by=author)
        if spec.story != "submitted":
            perform(practice, "publish", by=staff)
        made.append((practice, spec))
    first = Practice.objects.filter(
        unit=demo.units[PRACTICES[0].unit], title=PRACTICES[0].title
    ).first()
    adopted = set(Adoption.objects.filter(practice=first).values_list("unit__code", flat=True))
    new_adoptions = []
    for code, username, day, place, result in ADOPTIONS:
        if first is None or first.state != PracticeState.PUBLISHED or code in adopted:
            continue
        new_adoptions.append(
            record_adoption(
                first,
                by=demo.users[username],
                unit=demo.units[code],
                adopted_on=day,
                place=place,
                result=result,
            )
        )
    _set_practice_clock(made, new_adoptions)


def _set_practice_clock(made, adoptions) -> None:
    """The practices' steps at the story's moments: created three days before
    ``submitted_on``, then one step every four days from it (sent, sent back, sent
    again, published); an adoption recorded on its day.  The notifications of each
    step are dated with it and read two hours later, except the staff's of a practice
    still waiting for them."""
    for practice, spec in made:
        created = _at(spec.submitted_on - datetime.timedelta(days=3), 9)
        entries = list(
            ActivityLog.objects.for_object(practice)
            .filter(action=PRACTICE_STATE)
            .order_by("id")
            .values_list("pk", "new_state")
        )
        moments = {
            pk: (state, _at(spec.submitted_on + datetime.timedelta(days=4 * k), 10))
            for k, (pk, state) in enumerate(entries)
        }
        values = {"created_at": created}
        for state, moment in moments.values():
            values["state_changed_at"] = moment
            if state == PracticeState.SUBMITTED:
                values["submitted_at"] = moment
            elif state == PracticeState.PUBLISHED:
                values["published_at"] = moment
        Practice.objects.filter(pk=practice.pk).update(**values)
        practice.files.update(created_at=created)
        waiting = entries[-1][0] if spec.story == "submitted" else None
        for pk, (_state, moment) in moments.items():
            read = None if pk == waiting else moment + READ_AFTER
            Notification.objects.filter(activity_id=pk).update(created_at=moment, read_at=read)
        first = ActivityLog.objects.for_object(practice).order_by("id").first()
        Notification.objects.filter(activity=first).update(created_at=created)
    for adoption in adoptions:
        moment = _at(adoption.adopted_on, 16)
        Adoption.objects.filter(pk=adoption.pk).update(created_at=moment)
        entry = (
            ActivityLog.objects.for_object(adoption.practice)
            .filter(action=PRACTICE_ADOPT, data__unit=adoption.unit.name)
            .first()
        )
        if entry is not None:
            Notification.objects.filter(activity=entry).update(
                created_at=moment, read_at=moment + READ_AFTER
            )
