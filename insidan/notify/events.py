"""The kinds of event the content apps send. The value is stored as the notification's verb."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    COMMENT_ON_YOUR_POST = "comment_on_your_post", _("Ny kommentar på ditt inlägg")
    REPLY_TO_YOUR_COMMENT = "reply_to_your_comment", _("Svar på din kommentar")
    NEW_POST_FOLLOWED = "new_post_followed", _("Nytt inlägg i något du följer")
    MEMBERSHIP_APPLICATION = "membership_application", _("Medlemsansökan till ditt rum")
    APPLICATION_DECIDED = "application_decided", _("Beslut om din medlemsansökan")
    INVITATION = "invitation", _("Inbjudan till ett rum")
    CHANNEL_REQUEST = "channel_request", _("Ny begäran om forum eller blogg")
    CHANNEL_REQUEST_DECIDED = "channel_request_decided", _("Beslut om ditt forum eller din blogg")
    REPORT_CASE_NEW = "report_case_new", _("Ny anmälan att hantera")
    REPORT_CASE_FOR_CHANNEL = "report_case_for_channel", _("Anmälan om innehåll i din kanal")
    REPORT_CASE_MESSAGE = "report_case_message", _("Nytt meddelande i ett anmälningsärende")
    REPORT_DECIDED = "report_decided", _("Beslut om en anmälan")
    CONTENT_REMOVED = "content_removed", _("Ditt innehåll har tagits bort")
    CONTENT_EDITED = "content_edited", _("Ditt innehåll har ändrats av webbredaktionen")
    CHANNEL_INACTIVE = "channel_inactive", _("Din kanal har varit inaktiv länge")
    CHANNEL_OWNERLESS = "channel_ownerless", _("En kanal saknar ägare")
    NEW_TERMS = "new_terms", _("Nya villkor att godkänna")
    DECOMMISSION_REQUESTED = "decommission_requested", _("Begäran om avveckling av en kanal")
    CHANNEL_ARCHIVED = "channel_archived", _("Din kanal har arkiverats och avvecklats")
    DISCUSSION_MOVED = "discussion_moved", _("En diskussion har flyttats")


# Events of which several about one thing read well as one line ("Anna skrev i diskussionen
# ”Lunch” (och 2 till)"): more of the same. Every other event is a decision or a request that
# says something of its own (why a post was removed, what was decided), so only identical
# texts are grouped: two removals with different reasons are two lines.
GROUPED_EVENTS = {
    Event.COMMENT_ON_YOUR_POST,
    Event.REPLY_TO_YOUR_COMMENT,
    Event.NEW_POST_FOLLOWED,
    Event.MEMBERSHIP_APPLICATION,
}

# Decisions that concern the recipient go out by e-mail at once; the rest wait for the digest.
IMMEDIATE_EMAIL = {
    Event.APPLICATION_DECIDED,
    Event.INVITATION,
    Event.CHANNEL_REQUEST_DECIDED,
    Event.REPORT_CASE_NEW,
    Event.REPORT_CASE_FOR_CHANNEL,
    Event.REPORT_DECIDED,
    Event.CONTENT_REMOVED,
    Event.CONTENT_EDITED,
    Event.MEMBERSHIP_APPLICATION,
    Event.CHANNEL_ARCHIVED,
}
