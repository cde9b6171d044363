"""The home page: one page, each role the user holds adds its own sections.  The staff's
activity log page: every app's log rows, filtered, newest first.  The public Atom feed and
sitemap, combined from the public apps (``portal.public``)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from common.cache import DATA_NAMESPACE, public_page, user_page
from common.selectors import outbox_waiting_since
from common.site import absolute_url

from . import public, rules, selectors
from .filters import ActivityFilter


def _outbox_warning(request):
    """The staff home's warning shows once a task has waited too long: no write marks
    that moment, so the cached home varies on it."""
    return outbox_waiting_since()


@login_required
@user_page(DATA_NAMESPACE, vary=_outbox_warning)
def home(request):
    user = request.user
    context = {
        "show_staff": rules.can_see_staff_desk(user),
        "show_officer": rules.can_see_officer_desk(user),
        "show_council": rules.can_see_council_desk(user),
    }
    if context["show_staff"]:
        context.update(
            launched_campaigns=selectors.launched_campaigns(),
            launched_campaign_count=selectors.launched_campaign_count(),
            awaiting_review=selectors.nominations_awaiting_review(),
            recent_decisions=selectors.recent_decisions(),
            failed_reminder_count=selectors.failed_reminder_count(),
            outbox_waiting_since=outbox_waiting_since(),
        )
    if context["show_officer"]:
        counts = selectors.unit_nomination_counts(user)
        memberships = selectors.officer_memberships(user)
        open_campaigns = selectors.open_campaigns(user)
        context.update(
            memberships=memberships,
            open_campaigns=open_campaigns,
            campaign_todos=selectors.campaign_todos(
                user, open_campaigns, [m.unit for m in memberships]
            ),
            returned_nominations=selectors.returned_nominations(user),
            unit_nomination_counts=counts,
            unit_nomination_total=sum(c.count for c in counts),
            returned_total=next((c.count for c in counts if c.state == "returned"), 0),
        )
    context["has_role"] = any(
        (context["show_staff"], context["show_officer"], context["show_council"])
    )
    return render(request, "portal/home.html", context)


@login_required
def activity_log(request):
    """Who did what to which object, newest first, paged by key (no count of the log).
    Provincial staff only; anyone else gets a 404."""
    if not rules.can_see_activity_log(request.user):
        raise Http404
    filterset = ActivityFilter(
        request.GET or None, queryset=selectors.activity_log_visible_to(request.user)
    )
    page = selectors.activity_page(
        filterset.qs, before=request.GET.get("before", ""), user=request.user
    )
    query = request.GET.copy()
    query.pop("before", None)
    return render(
        request,
        "portal/activity_log.html",
        {"filter": filterset, "page": page, "query": query.urlencode()},
    )


@require_GET
@public_page(*public.PUBLIC_NAMESPACES)
def feed(request):
    """The Atom feed of the public apps' newest items (newly honoured people, practices)."""
    items = public.feed_items()
    atom = Atom1Feed(
        title=_("Bảng vàng thi đua – khen thưởng tỉnh Bến Tre"),
        link=absolute_url(reverse("honours:board")),
        description=_("Những tập thể, cá nhân mới được khen thưởng và điển hình mới."),
        feed_url=absolute_url(reverse("feed")),
        language="vi",
    )
    for item in items:
        url = absolute_url(item.path)
        atom.add_item(
            title=item.title,
            link=url,
            description=item.summary,
            unique_id=url,
            updateddate=item.updated,
            pubdate=item.updated,
            categories=[item.category] if item.category else None,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    atom.write(response, "utf-8")
    return response


class _ConfiguredSite:
    """The site as ``settings.SITE_URL`` names it, for ``Sitemap.get_urls``: the links are
    those of ``common.site.absolute_url``, whatever host the request came in on."""

    def __init__(self):
        parts = urlsplit(settings.SITE_URL)
        self.protocol = parts.scheme or "https"
        self.domain = parts.netloc + parts.path.rstrip("/")
        self.name = self.domain


@require_GET
@public_page(*public.PUBLIC_NAMESPACES)
def sitemap(request):
    """sitemap.xml: every section of :data:`portal.public.SITEMAPS` (at most 50,000 URLs
    each, Django's limit for one file)."""
    site = _ConfiguredSite()
    urls = []
    for section in public.SITEMAPS.values():
        urls.extend(section().get_urls(site=site, protocol=site.protocol))
    return TemplateResponse(
        request, "sitemap.xml", {"urlset": urls}, content_type="application/xml"
    )
