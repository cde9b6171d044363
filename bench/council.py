"""The council's secret e-ballot under load: every member votes on a long agenda at once.

    python -m bench.council [ITEMS] [--members M]

Builds a council of M voting members (default 15) and a session whose agenda holds
ITEMS nominations (default 300), created and called through the council's services,
in a throwaway database; starts gunicorn (2 workers, DEBUG off) on it as
``bench/queue.py`` does; then every member, each from a client thread of its own,
opens the ballot page and submits the whole-list form (a choice per item, drawn at
random) at the same moment, and each submits it a second time at once from a
second thread (a double click).  Prints the votes recorded, whether each item's
tally is exactly what was sent, the duplicates (a member with more than one ballot
or vote on an item: must be 0), and the time taken.
"""

import argparse
import http.client
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from urllib.parse import urlencode

from bench.common import scratch_database
from bench.queue import SECRET, free_port, server_environment, session_cookie, start_gunicorn

CHOICES = ("agree", "disagree", "abstain")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def build(items: int, members: int):
    """The council, its members, the staff member keeping it, and an open session."""
    import datetime

    from django.contrib.auth.models import Group
    from django.utils import timezone

    from awards.enums import NominationState
    from council.services.sessions import create_session, open_session
    from tests.factories import (
        AwardTypeFactory,
        CampaignFactory,
        CouncilFactory,
        CouncilMembershipFactory,
        IndividualFactory,
        NominationFactory,
        UnitFactory,
        UserFactory,
        VotingRuleFactory,
    )
    from units.enums import CouncilRole, UnitLevel
    from units.rules import EMULATION_STAFF_GROUP

    province = UnitFactory(level=UnitLevel.PROVINCE, name="Ủy ban nhân dân tỉnh")
    unit = UnitFactory(parent=province, name="Sở Y tế")
    council = CouncilFactory(unit=province)
    voters = [
        CouncilMembershipFactory(
            council=council,
            role=CouncilRole.CHAIR if i == 0 else CouncilRole.MEMBER,
            user=UserFactory(username=f"bench-member-{i}"),
        ).user
        for i in range(members)
    ]
    staff = UserFactory(username="bench-staff")
    staff.groups.add(Group.objects.get(name=EMULATION_STAFF_GROUP))
    award_type = AwardTypeFactory(name="Chiến sĩ thi đua (bench)")
    VotingRuleFactory(award_type=award_type, effective_from=datetime.date(2024, 1, 1))
    campaign = CampaignFactory(issuing_unit=province)
    nominations = [
        NominationFactory(
            individual=IndividualFactory(unit=unit),
            campaign=campaign,
            award_type=award_type,
            state=NominationState.IN_REVIEW,
            at_final_level=True,
            reviewing_unit=None,
        )
        for _ in range(items)
    ]
    now = timezone.now()
    session = create_session(
        council,
        by=staff,
        nominations=nominations,
        title="Phiên họp thử tải",
        meeting_at=now,
        place="Phòng họp số 1",
        votes_open_at=now - datetime.timedelta(hours=1),
        votes_close_at=now + datetime.timedelta(hours=6),
        is_paper=False,
    )
    session = open_session(session, by=staff)
    return session, voters


def _cookies(response, jar: dict) -> None:
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            jar[name.strip()] = rest.split(";", 1)[0]


def _request(port, method, path, jar, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        headers = {"Host": "127.0.0.1", "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode()
        _cookies(response, jar)
        return response.status, text
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("items", nargs="?", type=int, default=300)
    parser.add_argument("--members", type=int, default=15)
    args = parser.parse_args()
    os.environ["SECRET_KEY"] = SECRET  # the sessions made here must hold in gunicorn
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    with scratch_database(shared=True) as connection:
        vendor = connection.vendor
        from django.conf import settings
        from django.urls import reverse

        from council.models import AgendaItem, Ballot, Vote

        session, voters = build(args.items, args.members)
        item_ids = list(AgendaItem.objects.filter(session=session).values_list("pk", flat=True))
        rng = random.Random(14)  # noqa: S311 - reproducible choices, not security
        sent = {member.pk: {pk: rng.choice(CHOICES) for pk in item_ids} for member in voters}
        path = reverse("council:session_vote", args=[session.pk])
        with tempfile.TemporaryDirectory(prefix="bench-static-") as static_root:
            env = server_environment(connection, static_root)
            subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                cwd=ROOT_DIR,
                env=env,
                check=True,
            )
            port = free_port()
            server = start_gunicorn(env, port, "config.wsgi")
            try:
                statuses, took = vote_all(port, path, voters, sent, settings.SESSION_COOKIE_NAME)
            finally:
                server.terminate()
                server.wait(timeout=30)
        expected = Counter()
        for member_choices in sent.values():
            expected.update(member_choices.items())
        votes = Counter(Vote.objects.filter(item__session=session).values_list("item_id", "choice"))
        ballots = Counter(
            Ballot.objects.filter(item__session=session).values_list("item_id", "member_id")
        )
        recorded = sum(votes.values())
        duplicates = sum(n - 1 for n in ballots.values() if n > 1) + max(
            0, recorded - sum(ballots.values())
        )
        exact = votes == expected and recorded == args.members * args.items
        print(
            f"council vote ({vendor}, gunicorn 2 workers, DEBUG off): {args.members} members × "
            f"{args.items} items, each member's whole-list form sent twice at once "
            f"(answers {dict(sorted(Counter(statuses).items()))}): votes recorded {recorded} "
            f"of {args.members * args.items}, tally exact {'yes' if exact else 'NO'}, "
            f"duplicates {duplicates}, {took:.1f} s"
        )
        if not exact or duplicates:
            raise SystemExit(1)


def vote_all(port, path, voters, sent, session_cookie_name):
    """Each member opens the ballot page, then two threads of theirs submit the same
    whole-list form together; returns the answers' statuses and the wall time."""
    from urllib.parse import unquote

    jars, bodies = {}, {}
    for member in voters:
        name, _, value = session_cookie(member).partition("=")
        jar = {name: unquote(value)}
        status, page = _request(port, "GET", path, jar)
        if status != 200:
            raise SystemExit(f"{member.username}: the ballot page answered {status}")
        token = TOKEN.search(page).group(1)
        fields = {"csrfmiddlewaretoken": token}
        fields.update({f"item_{pk}": choice for pk, choice in sent[member.pk].items()})
        jars[member.pk], bodies[member.pk] = jar, urlencode(fields)
    statuses, lock = [], threading.Lock()
    start = threading.Barrier(2 * len(voters))

    def submit(member_pk):
        start.wait()
        status, _ = _request(port, "POST", path, dict(jars[member_pk]), bodies[member_pk])
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=submit, args=(m.pk,)) for m in voters for _ in range(2)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses, time.perf_counter() - began


ROOT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

if __name__ == "__main__":
    main()
