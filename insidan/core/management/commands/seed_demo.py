"""Demo data: a believable municipality for `make run`. Runs only with DEBUG on, and only once
(a second run keeps what is there). Everything goes through the project's actions."""

import random
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from insidan.core.actions import publish_terms
from insidan.core.models import ChannelKind
from profiles.actions import StaffRecord, upsert_employee

DEMO_PASSWORD = "demo"
# Each function adds its demo content through its own actions, in this order.
APP_SEEDERS = [
    "profiles.demo",
    "collab.demo",
    "forums.demo",
    "blogs.demo",
    "insidan.moderation.demo",
]

DEPARTMENTS = [
    "Kommunledningskontoret",
    "Utbildningsförvaltningen",
    "Socialförvaltningen",
    "Äldreförvaltningen",
    "Stadsbyggnadsförvaltningen",
    "Kulturförvaltningen",
    "Räddningstjänsten",
    "Gatu- och samhällsmiljöförvaltningen",
]
FIRST_NAMES = [
    "Maria", "Karin", "Eva", "Lena", "Kerstin", "Ingrid", "Sara", "Emma", "Malin", "Johanna",
    "Lars", "Mikael", "Johan", "Per", "Anders", "Peter", "Magnus", "Fredrik", "Jonas", "Niklas",
    "Elin", "Linnea", "Hanna", "Ida", "Amira", "Oskar", "Viktor", "Ahmed", "Gustav", "Sofia",
]
LAST_NAMES = [
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
    "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Lindberg", "Lindqvist",
    "Bergström", "Holm", "Sandberg", "Öberg", "Åberg", "Hussein", "Lundgren", "Ek",
]
TITLES = [
    "Handläggare", "Utredare", "Kommunikatör", "Lärare", "Förskollärare", "Undersköterska",
    "Socialsekreterare", "Bibliotekarie", "Brandman", "Planarkitekt", "Controller",
    "Systemförvaltare", "Projektledare", "Verksamhetsutvecklare", "Arkivarie",
]
WORKPLACES = ["Stationsgatan 12", "Stadshuset", "Kungsgatan 41", "Tycho Hedéns väg 2"]

DEMO_ACCOUNTS = [
    # username, first, last, title, department, manager
    ("chef", "Cecilia", "Holm", "Enhetschef", "Kommunledningskontoret", ""),
    ("anna", "Anna", "Lindqvist", "Handläggare", "Kommunledningskontoret", "chef"),
    ("erik", "Erik", "Bergström", "Projektledare", "Kommunledningskontoret", "chef"),
    ("webbred", "Wilma", "Eriksson", "Webbredaktör", "Kommunledningskontoret", "chef"),
]

TERMS_TEXT = {
    ChannelKind.ROOM: (
        "Villkor för samarbetsrum",
        "<p>Jag har talat med min närmaste chef eller processledare om rummet. Jag tar ansvar "
        "för att hålla rummet levande och till nytta för medlemmarna, bevaka samtalstonen, "
        "hantera medlemsansökningar och avveckla rummet när det inte längre används. "
        "Samarbetsrum ersätter inte G: och är inget arkiv: endast aktuella dokument laddas "
        "upp.</p>",
    ),
    ChannelKind.FORUM: (
        "Villkor för forum",
        "<p>Jag har talat med min närmaste chef eller processledare om forumet. Som ägare är jag "
        "moderator: jag håller forumet levande, bevakar samtalstonen, för dialog med deltagarna "
        "om att hålla sig till ämnet och avvecklar forumet när det inte längre används.</p>",
    ),
    ChannelKind.BLOG: (
        "Villkor för bloggar",
        "<p>Jag har talat med min närmaste chef eller processledare om bloggen. Jag håller "
        "bloggen levande och lockande till läsning, bevakar samtalstonen och avvecklar bloggen "
        "när den inte längre används. Skribenterna svarar på kommentarer på sina inlägg.</p>",
    ),
}


def phone_number(rng: random.Random) -> str:
    return f"018-727 {rng.randint(10, 99)} {rng.randint(10, 99)}"


class Command(BaseCommand):
    help = "Skapar demodata (endast med DEBUG påslaget, och bara en gång)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo körs bara med DEBUG påslaget: demokonton har lösenordet "
                               "'demo' och hör inte hemma i en riktig installation.")
        User = get_user_model()
        if User.objects.filter(username="anna").exists():
            self.stdout.write("Demodata finns redan; inget ändrat.")
        else:
            with transaction.atomic():
                self.seed()
            self.stdout.write(self.style.SUCCESS("Demodata skapad."))
        self.print_accounts()

    def seed(self) -> None:
        rng = random.Random(2012)  # the guideline's year: the same people every time
        User = get_user_model()
        for username, first, last, title, department, manager in DEMO_ACCOUNTS:
            upsert_employee(actor=None, record=StaffRecord(
                username=username, first_name=first, last_name=last,
                email=f"{username}@kommun.example", title=title, department=department,
                manager_username=manager, phone=phone_number(rng), workplace="Stadshuset",
            ))
        for department in DEPARTMENTS:
            head = self.employee(rng, department, "Förvaltningschef", manager="")
            for _ in range(6):
                self.employee(rng, department, rng.choice(TITLES), manager=head)
        for user in User.objects.filter(username__in=[a[0] for a in DEMO_ACCOUNTS]):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        webbred = User.objects.get(username="webbred")
        webbred.groups.add(Group.objects.get(name=settings.WEBBREDAKTIONEN_GROUP))
        for kind, (title, body) in TERMS_TEXT.items():
            publish_terms(actor=webbred, kind=kind, title=title, body=body)
        for module in APP_SEEDERS:
            import_module(module).seed(rng=rng)

    def employee(self, rng: random.Random, department: str, title: str, manager: str) -> str:
        User = get_user_model()
        while True:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            username = f"{first[:3]}{last[:3]}".lower().translate(str.maketrans("åäö", "aao"))
            if not User.objects.filter(username=username).exists():
                break
        upsert_employee(actor=None, record=StaffRecord(
            username=username, first_name=first, last_name=last,
            email=f"{username}@kommun.example", title=title, department=department,
            manager_username=manager, phone=phone_number(rng), workplace=rng.choice(WORKPLACES),
        ))
        return username

    def print_accounts(self) -> None:
        self.stdout.write("\nDemokonton (lösenord: demo):")
        for username, role in [
            ("anna", "medarbetare"),
            ("erik", "äger kanaler"),
            ("chef", "chef för Anna och Erik"),
            ("webbred", "webbredaktionen"),
        ]:
            self.stdout.write(f"  {username:<8} {role}")
