import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from insidan.core.models import TermsVersion
from profiles.models import Profile

pytestmark = pytest.mark.django_db


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not get_user_model().objects.exists()


def test_seed_demo_builds_a_municipality_once(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    User = get_user_model()
    assert User.objects.count() == 60
    anna = User.objects.get(username="anna")
    assert anna.check_password("demo")
    assert anna.profile.manager.username == "chef"
    assert User.objects.get(username="erik").profile.manager.username == "chef"
    assert User.objects.get(username="webbred").groups.filter(name="Webbredaktionen").exists()
    assert Profile.objects.values("department").distinct().count() == 8
    assert not Profile.objects.filter(phone="").exists()
    assert TermsVersion.objects.count() == 3
    # Only the demo accounts can log in with a password.
    assert User.objects.filter(password__startswith="!").count() == 56
    assert "anna" in capsys.readouterr().out

    call_command("seed_demo")
    assert User.objects.count() == 60
    assert TermsVersion.objects.count() == 3
