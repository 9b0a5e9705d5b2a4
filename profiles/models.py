"""Employees' profiles. The staff directory owns the contact details (name, title, department,
manager, phone, e-mail, workplace); the employee cannot change those here."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class Department(models.Model):
    """A förvaltning, kontor or unit from the staff directory."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        verbose_name = _("förvaltning eller kontor")
        verbose_name_plural = _("förvaltningar och kontor")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Profile(index.Indexed, models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    title = models.CharField(_("titel"), max_length=200, blank=True)
    department = models.ForeignKey(
        Department, verbose_name=_("förvaltning eller kontor"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="profiles",
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("chef"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="reports_to_me",
    )
    phone = models.CharField(_("telefon i tjänsten"), max_length=40, blank=True)
    mobile = models.CharField(_("mobil i tjänsten"), max_length=40, blank=True)
    workplace = models.CharField(_("arbetsplats"), max_length=200, blank=True)
    employee_number = models.CharField(
        _("anställningsnummer"), max_length=40, blank=True, db_index=True
    )

    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.RelatedFields("user", [index.SearchField("first_name"),
                                     index.SearchField("last_name"),
                                     index.AutocompleteField("first_name"),
                                     index.AutocompleteField("last_name")]),
        index.RelatedFields("department", [index.SearchField("name")]),
        index.FilterField("department_id"),
        index.FilterField("user_id"),
    ]

    class Meta:
        verbose_name = _("profil")
        verbose_name_plural = _("profiler")

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def full_name(self) -> str:
        return str(self)
