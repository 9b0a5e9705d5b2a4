"""Demo blogs for seed_demo: three blogs set up through the request flow, posts by several
writers, and comment threads, some answered by the writers and some waiting in their
"Obesvarade kommentarer"."""

import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from insidan.comments.actions import post_comment
from insidan.core.models import ChannelKind
from insidan.core.terms import current_terms

from . import actions

BLOGS = [
    ("chef", "Stadsdirektörens blogg", "Stadsdirektören berättar om vad som händer i kommunen "
     "och svarar på medarbetarnas frågor.", ["chef", "erik"], [
         ("Välkommen till min blogg", "Här skriver jag varannan vecka om **vad som händer** i "
          "kommunen. Kommentera gärna – jag och mina medskribenter svarar.", ["chef"]),
         ("Budgeten för nästa år", "Kommunfullmäktige har beslutat om budgeten. Tre saker vill "
          "jag lyfta:\n\n- fler förskoleplatser\n- underhåll av skolor\n- digitala tjänster",
          ["chef", "erik"]),
     ]),
    ("erik", "IT-bloggen", "Nyheter och tips om IT i arbetet från IT-avdelningen.",
     ["erik", "anna"], [
         ("Nytt lösenordssystem i mars", "I mars byter vi till ett nytt system för lösenord. "
          "Du behöver inte göra något förrän du får ett mejl.", ["erik"]),
         ("Fem tips för säkrare e-post", "1. Klicka inte på länkar du inte väntar dig.\n"
          "2. Kontrollera avsändaren.\n3. Anmäl misstänkt e-post till IT-supporten.",
          ["erik", "anna"]),
     ]),
    (None, "Bibliotekets blogg", "Boktips, nyheter från stadsbiblioteket och tips om e-medier "
     "för medarbetare.", [], [
         ("Sommarens boktips", "Vi har valt ut tio böcker för sommaren – *från deckare till "
          "fackböcker*.", []),
     ]),
]
COMMENTS = [
    "Tack för informationen!",
    "Gäller det här alla förvaltningar?",
    "Bra initiativ. Hur gör vi som arbetar deltid?",
    "Var hittar jag mer information om det här?",
]


def _writers(usernames, fallback):
    User = get_user_model()
    return [User.objects.get(username=u) for u in usernames] or fallback


def seed(*, rng: random.Random) -> None:
    User = get_user_model()
    webbred = User.objects.get(username="webbred")
    employees = list(User.objects.exclude(username__in=["webbred"]).order_by("username"))
    terms = current_terms(ChannelKind.BLOG)
    librarians = [u for u in employees if u.profile.title == "Bibliotekarie"][:2]
    librarians = librarians or rng.sample(employees, 2)
    for owner_name, name, purpose, writer_names, posts in BLOGS:
        writers = _writers(writer_names, librarians)
        owner = User.objects.get(username=owner_name) if owner_name else writers[0]
        blog_request = actions.request_blog(
            actor=owner, name=name, purpose=purpose, target_group="Alla medarbetare",
            watched_hours="Vardagar 8–17", approved_by=owner.profile.manager or webbred,
            terms=terms,
        )
        blog = actions.decide_blog_request(actor=webbred, blog_request=blog_request,
                                           approve=True, message="Välkommen som bloggare!").blog
        for writer in writers:
            if writer.pk != owner.pk:
                actions.add_writer(actor=owner, blog=blog, user=writer)
        for age, (title, body, post_writer_names) in enumerate(reversed(posts)):
            post_writers = _writers(post_writer_names, writers)
            post = actions.create_post(
                actor=post_writers[0], blog=blog, title=title, body=body, writers=post_writers,
                tags=["nyheter"], date=timezone.localdate() - timezone.timedelta(days=7 * age),
            )
            _comment_thread(rng, post, post_writers, employees, answered=age % 2 == 0)


def _comment_thread(rng, post, writers, employees, *, answered: bool) -> None:
    readers = [u for u in employees if u not in writers]
    first = post_comment(actor=rng.choice(readers), target=post, text=rng.choice(COMMENTS))
    if answered:
        post_comment(actor=writers[0], target=post, parent=first,
                     text="Tack för frågan! Vi återkommer med mer information på bloggen.")
    post_comment(actor=rng.choice(readers), target=post, text=rng.choice(COMMENTS))
