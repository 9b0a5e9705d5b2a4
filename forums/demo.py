"""Demo forums for seed_demo: three open forums set up through the request flow, discussions
with posts by several employees, and one request waiting for Webbredaktionen."""

import random

from django.contrib.auth import get_user_model

from insidan.core.models import ChannelKind
from insidan.core.terms import current_terms

from . import actions

FORUMS = [
    ("erik", "IT-frågor", "Frågor och tips om datorer, skrivare och system i arbetet.",
     [("Skrivaren på plan 3 skriver inte ut", [
         "Sedan i morse får jag *Åtkomst nekad* när jag skriver ut på plan 3. Någon mer?",
         "Samma här. Jag har anmält det till IT-supporten.",
         "Det ska vara åtgärdat nu – prova att starta om datorn.",
     ]), ("Tips: kortkommandon i e-posten", [
         "Vilka kortkommandon använder ni mest? Jag börjar: **Ctrl+Shift+V** klistrar in utan "
         "formatering.",
         "Ctrl+K för att infoga en länk!",
     ])]),
    ("chef", "Arbetsmiljö", "Vi delar erfarenheter om en god fysisk och psykosocial arbetsmiljö.",
     [("Höj- och sänkbara skrivbord", [
         "Hur har ni gjort för att få alla att faktiskt använda ståfunktionen?",
         "Vi har en påminnelse i kalendern varje timme. Det fungerar förvånansvärt bra.",
     ])]),
    ("anna", "Fika och fritid", "För det som främjar samhörigheten: fika, promenader och tips.",
     [("Lunchpromenad längs ån?", [
         "Någon som vill hänga med på en promenad längs Fyrisån på torsdag kl 12?",
         "Jag kommer!",
         "Jag med, vi ses vid entrén.",
     ])]),
]


def seed(*, rng: random.Random) -> None:
    User = get_user_model()
    webbred = User.objects.get(username="webbred")
    employees = list(User.objects.exclude(username__in=["webbred"]).order_by("username"))
    terms = current_terms(ChannelKind.FORUM)
    for owner_name, name, purpose, discussions in FORUMS:
        owner = User.objects.get(username=owner_name)
        forum_request = actions.request_forum(
            actor=owner, name=name, purpose=purpose, target_group="Alla medarbetare",
            watched_hours="Vardagar 8–17", approved_by=owner.profile.manager or webbred,
            terms=terms,
        )
        forum = actions.decide_forum_request(
            actor=webbred, forum_request=forum_request, approve=True,
            message="Välkommen som forumägare!",
        ).forum
        for title, posts in discussions:
            starter = rng.choice(employees)
            discussion = actions.start_discussion(actor=starter, forum=forum, title=title,
                                                  body=posts[0])
            for body in posts[1:]:
                actions.reply(actor=rng.choice(employees), discussion=discussion, body=body)
    erik = User.objects.get(username="erik")
    actions.request_forum(
        actor=erik, name="Digitalisering i vården",
        purpose="Erfarenhetsutbyte om digitala arbetssätt inom vård och omsorg.",
        target_group="Medarbetare i vård och omsorg", watched_hours="Vardagar 9–16",
        approved_by=erik.profile.manager, terms=terms,
    )
