"""The secretary's pages of council sessions: the list, create and edit (details and
agenda), the session's page (agenda with how many have voted, materials, attendance,
absent members' written opinions, paper counts, calling and closing, results).

Rows come from ``selectors.sessions_visible_to``: a session outside it is a 404, and
so is every page here for a user who does not keep the session (a voting member
reads the agenda on the ballot page, ``views/voting.py``).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.activity import history_of
from common.downloads import serve_field

from .. import rules
from ..forms.sessions import (
    AttendanceForm,
    MaterialForm,
    PaperCountForm,
    SessionForm,
    WrittenVoteForm,
)
from ..selectors import (
    items_of,
    materials_of,
    minutes_of,
    present_member_ids,
    session_list_for,
    sessions_visible_to,
    voting_members,
)
from ..services.closing import close_session
from ..services.errors import CouncilError
from ..services.sessions import (
    DETAIL_FIELDS,
    add_material,
    create_session,
    open_session,
    record_attendance,
    record_paper_count,
    record_written_vote,
    set_agenda,
    update_session,
)
from .documents import minutes_context


def _managed(request, pk):
    session = get_object_or_404(sessions_visible_to(request.user), pk=pk)
    if not rules.can_view_session_as_secretary(request.user, session):
        raise Http404
    return session


@login_required
def session_list(request):
    """The sessions the user keeps (secretary) or votes in (member)."""
    user = request.user
    manages = rules.can_manage_sessions(user)
    if not manages and not rules.member_council_ids(user):
        raise Http404
    return render(
        request,
        "council/session_list.html",
        {"sessions": session_list_for(user), "can_create": manages},
    )


@login_required
def session_create(request):
    if not rules.can_manage_sessions(request.user):
        raise Http404
    form = SessionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = create_session(
                data["council"],
                by=request.user,
                nominations=list(data["nominations"]),
                **{f: data[f] for f in DETAIL_FIELDS},
            )
        except CouncilError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã lập phiên họp."))
            return redirect("council:session_detail", session.pk)
    return render(request, "council/session_form.html", {"form": form, "session": None})


@login_required
def session_edit(request, pk):
    session = _managed(request, pk)
    if not rules.can_manage_session(request.user, session):
        raise Http404
    initial = {f: getattr(session, f) for f in DETAIL_FIELDS}
    initial["nominations"] = list(session.items.values_list("nomination", flat=True))
    form = SessionForm(request.POST or None, user=request.user, session=session, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            update_session(session, by=request.user, **{f: data[f] for f in DETAIL_FIELDS})
            if "nominations" in form.fields:
                set_agenda(session, list(data["nominations"]), by=request.user)
        except CouncilError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã lưu phiên họp."))
            return redirect("council:session_detail", session.pk)
    return render(request, "council/session_form.html", {"form": form, "session": session})


@login_required
def session_detail(request, pk):
    session = _managed(request, pk)
    user = request.user
    members = list(voting_members(session))
    items = list(items_of(session))
    present = present_member_ids(session)
    minutes = minutes_of(session)
    return render(
        request,
        "council/session_detail.html",
        {
            **(minutes_context(request, session, minutes) if minutes else {}),
            "can_print_ballot": rules.can_print_ballot(user, session),
            "session": session,
            "items": items,
            "materials": materials_of(session),
            "members": members,
            "present": present,
            "member_count": len(members),
            "can_edit": rules.can_manage_session(user, session),
            "can_open": rules.can_open_session(user, session),
            "can_close": rules.can_close_session(user, session),
            "can_record": rules.can_record_counts(user, session),
            "material_form": MaterialForm(),
            "attendance_form": AttendanceForm(
                members=members, initial={"present": sorted(present)}
            ),
            "written_form": WrittenVoteForm(members=members, items=items),
            "paper_form": PaperCountForm(items=items),
            "history": history_of(session),
        },
    )


def _post_action(request, pk, action, success):
    session = _managed(request, pk)
    try:
        action(session)
    except CouncilError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect("council:session_detail", session.pk)


@login_required
@require_POST
def session_open(request, pk):
    return _post_action(
        request,
        pk,
        lambda s: open_session(s, by=request.user),
        _("Đã triệu tập phiên họp; các thành viên đã được thông báo."),
    )


@login_required
@require_POST
def session_close(request, pk):
    return _post_action(
        request,
        pk,
        lambda s: close_session(s, by=request.user),
        _("Đã kết thúc phiên họp; kết quả từng hồ sơ ở dưới."),
    )


@login_required
@require_POST
def material_add(request, pk):
    session = _managed(request, pk)
    form = MaterialForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("council:session_detail", session.pk)
    return _post_action(
        request,
        pk,
        lambda s: add_material(
            s, by=request.user, title=form.cleaned_data["title"], upload=form.cleaned_data["file"]
        ),
        _("Đã thêm tài liệu."),
    )


@login_required
def material_download(request, pk, material_pk):
    """A session's document: for its secretary, and for its members once called."""
    session = get_object_or_404(sessions_visible_to(request.user), pk=pk)
    if not (
        rules.can_view_session_as_secretary(request.user, session)
        or rules.can_see_agenda_as_member(request.user, session)
    ):
        raise Http404
    material = get_object_or_404(materials_of(session), pk=material_pk)
    return serve_field(material.file, material.download_name, material.content_type, inline=True)


@login_required
@require_POST
def attendance(request, pk):
    session = _managed(request, pk)
    form = AttendanceForm(request.POST, members=list(voting_members(session)))
    if not form.is_valid():
        messages.error(request, _("Danh sách thành viên dự họp không hợp lệ."))
        return redirect("council:session_detail", session.pk)
    return _post_action(
        request,
        pk,
        lambda s: record_attendance(s, form.cleaned_data["present"], by=request.user),
        _("Đã ghi nhận thành viên dự họp."),
    )


@login_required
@require_POST
def written_vote(request, pk):
    session = _managed(request, pk)
    members = list(voting_members(session))
    items = list(items_of(session))
    form = WrittenVoteForm(request.POST, members=members, items=items)
    if not form.is_valid():
        messages.error(request, _("Vui lòng chọn thành viên, hồ sơ và ý kiến."))
        return redirect("council:session_detail", session.pk)
    member = next(m.user for m in members if m.user_id == form.cleaned_data["member"])
    item = next(i for i in items if i.pk == form.cleaned_data["item"])
    return _post_action(
        request,
        pk,
        lambda s: record_written_vote(item, member, form.cleaned_data["choice"], by=request.user),
        _("Đã ghi nhận ý kiến bằng văn bản."),
    )


@login_required
@require_POST
def paper_count(request, pk):
    session = _managed(request, pk)
    items = list(items_of(session))
    form = PaperCountForm(request.POST, items=items)
    if not form.is_valid():
        messages.error(request, _("Số phiếu phải là số nguyên không âm."))
        return redirect("council:session_detail", session.pk)
    data = form.cleaned_data
    item = next(i for i in items if i.pk == data["item"])
    return _post_action(
        request,
        pk,
        lambda s: record_paper_count(
            item,
            by=request.user,
            agree=data["agree"],
            disagree=data["disagree"],
            abstain=data["abstain"],
        ),
        _("Đã nhập số phiếu giấy."),
    )
