"""The public library, without login: the list (search without diacritics, filters by
field, kind, unit with its branch, campaign) and a practice's page, and the photos of
published practices.  The pages are cached for anonymous visitors
(``common.cache.public_page``) until a service bumps their namespaces."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from common.cache import public_page
from common.downloads import serve_field
from common.site import absolute_url

from .. import rules, selectors
from ..filters import PublicPracticeFilter

PAGE_SIZE = 12
#: A published photo: the public may keep it ten minutes.
PUBLIC_FILE_CACHE = "public, max-age=600"


@public_page("public-practices")
def public_list(request):
    data = request.GET.copy()
    data.pop("page", None)
    filterset = PublicPracticeFilter(data, queryset=selectors.public_practice_list())
    rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = data.urlencode()
    return render(
        request,
        "practices/public_list.html",
        {"filter": filterset, "page": page, "query": query, "public_page": True},
    )


@public_page("public-practices", "public-awards")
def public_detail(request, pk):
    practice = get_object_or_404(
        selectors.published_practices().select_related("unit", "campaign"), pk=pk
    )
    photos = selectors.public_photos(practice)
    return render(
        request,
        "practices/public_detail.html",
        {
            "practice": practice,
            "results": practice.results.all(),
            "photos": photos,
            # What a link shared on Zalo or Facebook shows (OpenGraph), at the site's address.
            "page_url": absolute_url(request.path),
            "og_image": absolute_url(reverse("practices:public_photo", args=[photos[0].pk]))
            if photos
            else "",
            "awards": selectors.public_awards_of(practice),
            "achievements": selectors.achievements_of(practice),
            "adoptions": selectors.adoptions_of(practice),
            "can_adopt": rules.can_record_adoption(request.user, practice),
            "can_manage": selectors.practices_visible_to(request.user)
            .filter(pk=practice.pk)
            .exists(),
            "public_page": True,
        },
    )


def _photo(pk):
    row = selectors.public_file(pk)
    if row is None:
        raise Http404
    return row


def public_photo(request, pk):
    row = _photo(pk)
    return serve_field(
        row.file, row.download_name, row.content_type, inline=True, cache=PUBLIC_FILE_CACHE
    )


def public_thumbnail(request, pk):
    row = _photo(pk)
    return serve_field(
        row.thumbnail, "thumb.jpg", "image/jpeg", inline=True, cache=PUBLIC_FILE_CACHE
    )
