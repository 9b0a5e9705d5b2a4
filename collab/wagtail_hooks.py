"""Admin pieces of rooms: the names of the room actions in Wagtail's audit log."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

LOG_ACTIONS = [
    ("create", _("Starta samarbetsrum"), _("Samarbetsrum startat")),
    ("update", _("Ändra samarbetsrum"), _("Samarbetsrum ändrat")),
    ("image", _("Ändra rummets bild"), _("Rummets bild ändrad")),
    ("image_removed", _("Ta bort rummets bild"), _("Rummets bild borttagen")),
    ("join", _("Gå med i rum"), _("Gick med i rummet")),
    ("apply", _("Ansök om medlemskap"), _("Medlemsansökan skickad")),
    ("withdraw_application", _("Återkalla ansökan"), _("Medlemsansökan återkallad")),
    ("approve_application", _("Godkänn ansökan"), _("Medlemsansökan godkänd")),
    ("decline_application", _("Avslå ansökan"), _("Medlemsansökan avslagen")),
    ("invite", _("Bjud in"), _("Inbjudan skickad")),
    ("accept_invitation", _("Acceptera inbjudan"), _("Inbjudan accepterad")),
    ("decline_invitation", _("Avböj inbjudan"), _("Inbjudan avböjd")),
    ("remove_member", _("Ta bort medlem"), _("Medlem borttagen")),
    ("leave", _("Lämna rum"), _("Lämnade rummet")),
    ("make_deputy", _("Utse ställföreträdare"), _("Ställföreträdare utsedd")),
    ("remove_deputy", _("Ta bort ställföreträdare"), _("Ställföreträdare borttagen")),
    ("hand_over", _("Lämna över ägarskap"), _("Ägarskap överlämnat")),
    ("upload_document", _("Ladda upp dokument"), _("Dokument uppladdat")),
    ("keep_document", _("Behåll dokument"), _("Dokument bekräftat som aktuellt")),
    ("remove_document", _("Ta bort dokument"), _("Dokument arkiverat och borttaget")),
    ("request_decommission", _("Begär avveckling"), _("Avveckling begärd")),
    ("inactive", _("Påminnelse om inaktivitet"), _("Ägarna påminda om inaktivitet")),
    ("ownerless", _("Utan ägare"), _("Rummet saknar ägare")),
]


@hooks.register("register_log_actions")
def register_room_log_actions(actions):
    for verb, label, message in LOG_ACTIONS:
        actions.register_action(f"insidan.room.{verb}", label, message)
