"""PREMIS 3.0 preservation metadata, streamed: one object per file, then the event and agents.

PREMIS puts objects before events and agents, so the document can be written top to bottom
while items are still being written, without holding anything per item in memory.
"""

from dataclasses import dataclass
from pathlib import Path

from .files import FileFacts, HashingFile
from .xmltext import element, text

PREMIS_NS = "http://www.loc.gov/premis/v3"
# Used as xsi:schemaLocation while premis.xsd is not shipped (see schemas/ATTRIBUTION.txt).
PREMIS_SCHEMA_LOCATION = "http://www.loc.gov/standards/premis/v3/premis.xsd"

SOFTWARE_AGENT_ID = "agent-software"
ORGANISATION_AGENT_ID = "agent-organisation"


@dataclass(frozen=True)
class PackageContext:
    """Facts about the package that every metadata file repeats."""

    package_id: str
    label: str
    created: str  # ISO 8601 with time zone
    software_name: str
    software_version: str
    organisation: str
    note: str

    @property
    def creation_event_id(self) -> str:
        return f"event-{self.package_id}-creation"


def _identifier(kind: str, value: str) -> str:
    return (
        f"<premis:{kind}Identifier>"
        f"{element(f'premis:{kind}IdentifierType', 'local')}"
        f"{element(f'premis:{kind}IdentifierValue', value)}"
        f"</premis:{kind}Identifier>"
    )


def object_xml(facts: FileFacts, event_id: str) -> str:
    return (
        '<premis:object xsi:type="premis:file">'
        f"{_identifier('object', facts.path)}"
        "<premis:objectCharacteristics>"
        "<premis:fixity>"
        f"{element('premis:messageDigestAlgorithm', 'SHA-256')}"
        f"{element('premis:messageDigest', facts.sha256)}"
        "</premis:fixity>"
        f"{element('premis:size', facts.size)}"
        "<premis:format><premis:formatDesignation>"
        f"{element('premis:formatName', facts.mimetype)}"
        "</premis:formatDesignation></premis:format>"
        "</premis:objectCharacteristics>"
        f"{_linking_event(event_id)}"
        "</premis:object>\n"
    )


def _linking_event(event_id: str) -> str:
    return (
        "<premis:linkingEventIdentifier>"
        f"{element('premis:linkingEventIdentifierType', 'local')}"
        f"{element('premis:linkingEventIdentifierValue', event_id)}"
        "</premis:linkingEventIdentifier>"
    )


def _linking_agent(agent_id: str, role: str) -> str:
    return (
        "<premis:linkingAgentIdentifier>"
        f"{element('premis:linkingAgentIdentifierType', 'local')}"
        f"{element('premis:linkingAgentIdentifierValue', agent_id)}"
        f"{element('premis:linkingAgentRole', role)}"
        "</premis:linkingAgentIdentifier>"
    )


def event_and_agents_xml(ctx: PackageContext) -> str:
    detail = f"Arkivpaket skapat: {ctx.label}." + (f" {ctx.note}" if ctx.note else "")
    event = (
        "<premis:event>"
        f"{_identifier('event', ctx.creation_event_id)}"
        f"{element('premis:eventType', 'creation')}"
        f"{element('premis:eventDateTime', ctx.created)}"
        "<premis:eventDetailInformation>"
        f"{element('premis:eventDetail', detail)}"
        "</premis:eventDetailInformation>"
        "<premis:eventOutcomeInformation>"
        f"{element('premis:eventOutcome', 'success')}"
        "</premis:eventOutcomeInformation>"
        f"{_linking_agent(SOFTWARE_AGENT_ID, 'executing program')}"
        f"{_linking_agent(ORGANISATION_AGENT_ID, 'implementer')}"
        "</premis:event>\n"
    )
    software = (
        "<premis:agent>"
        f"{_identifier('agent', SOFTWARE_AGENT_ID)}"
        f"{element('premis:agentName', ctx.software_name)}"
        f"{element('premis:agentType', 'software')}"
        f"{element('premis:agentVersion', ctx.software_version)}"
        "</premis:agent>\n"
    )
    organisation = (
        "<premis:agent>"
        f"{_identifier('agent', ORGANISATION_AGENT_ID)}"
        f"{element('premis:agentName', ctx.organisation)}"
        f"{element('premis:agentType', 'organization')}"
        "</premis:agent>\n"
    )
    return event + software + organisation


class PremisWriter:
    """Write ``premis.xml``: call ``add`` for each file, then ``finish`` once."""

    def __init__(
        self,
        path: Path,
        relative: str,
        ctx: PackageContext,
        *,
        schema_location: str = PREMIS_SCHEMA_LOCATION,
        representation: str | None = None,
    ):
        self._out = HashingFile(path)
        self._relative = relative
        self._ctx = ctx
        self._out.write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<premis:premis xmlns:premis="{PREMIS_NS}" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            f'xsi:schemaLocation="{PREMIS_NS} {text(schema_location)}" version="3.0">\n'
        )
        if representation:
            # Describes the representation as a whole, so the document has an object even
            # when the package holds no items.
            self._out.write_text(
                '<premis:object xsi:type="premis:representation">'
                f"{_identifier('object', representation)}"
                f"{_linking_event(ctx.creation_event_id)}"
                "</premis:object>\n"
            )

    def add(self, facts: FileFacts) -> None:
        self._out.write_text(object_xml(facts, self._ctx.creation_event_id))

    def finish(self) -> FileFacts:
        self._out.write_text(event_and_agents_xml(self._ctx) + "</premis:premis>\n")
        self._out.close()
        return FileFacts(self._relative, self._out.size, self._out.sha256, "application/xml")

    def close(self) -> None:
        """Close without finishing (after a failure; the partial package is removed anyway)."""
        self._out.close()
