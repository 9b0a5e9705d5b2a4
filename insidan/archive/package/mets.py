"""METS documents for an E-ARK SIP 2.1 package, written as text (see xmltext.py for why).

The choices below are the ones eark-validator 1.1.3 checks against the 2.1.0 profile:

- ``TYPE="Mixed"`` (CSIP content category vocabulary): posts, comments, documents and images.
- ``csip:CONTENTINFORMATIONTYPE="OTHER"`` with ``csip:OTHERCONTENTINFORMATIONTYPE``: no E-ARK
  content information type (CITS) covers social media content.
- Every ``fileGrp`` carries both attributes too: the validator's CSIP63 rule requires them on
  every file group, not only on representations.
- Agents: the creating software as ``ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="SOFTWARE"`` with its
  version in a ``csip:NOTETYPE="SOFTWARE VERSION"`` note (CSIP10-16); the organisation as
  archival creator (``ROLE="ARCHIVIST" TYPE="ORGANIZATION"``, SIP9-12) and as submitting agent.
  The submitting agent is ``ROLE="OTHER" OTHERROLE="SUBMITTER"``: the SIP profile's examples use
  ``ROLE="CREATOR"``, but the validator requires every CREATOR agent to be software (CSIP12/13).
- The structMap has divisions labelled Metadata, Documentation, Schemas and Representations,
  the last holding one division per representation with an ``mptr`` to its METS.xml.
"""

from urllib.parse import quote

from .files import FileFacts
from .premis import PackageContext
from .xmltext import attrs, element, empty, text

METS_NS = "http://www.loc.gov/METS/"
CSIP_NS = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
SIP_NS = "https://DILCIS.eu/XML/METS/SIPExtensionMETS"
XLINK_NS = "http://www.w3.org/1999/xlink"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

SIP_PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
CONTENT_CATEGORY = "Mixed"
CONTENT_INFORMATION_TYPE = "OTHER"
OTHER_CONTENT_INFORMATION_TYPE = "Insidan social export 1.0: one JSON and one HTML file per item"
CHECKSUM_TYPE = "SHA-256"
REPRESENTATION = "rep1"

SCHEMA_FILES = {
    METS_NS: "mets.xsd",
    XLINK_NS: "xlink.xsd",
    CSIP_NS: "DILCISExtensionMETS.xsd",
    SIP_NS: "DILCISExtensionSIPMETS.xsd",
}


def href(relative_path: str) -> str:
    """A URL-type file path (CSIP: relative, percent-encoded) for a POSIX path."""
    return quote(relative_path)


def _content_type_attrs() -> list[tuple[str, str]]:
    return [
        ("csip:CONTENTINFORMATIONTYPE", CONTENT_INFORMATION_TYPE),
        ("csip:OTHERCONTENTINFORMATIONTYPE", OTHER_CONTENT_INFORMATION_TYPE),
    ]


def document_start(ctx: PackageContext, *, objid: str, label: str, schemas_prefix: str) -> str:
    """XML declaration, the ``mets`` root element and the ``metsHdr``."""
    locations = " ".join(f"{ns} {schemas_prefix}{name}" for ns, name in SCHEMA_FILES.items())
    root = attrs(
        [
            ("xmlns:mets", METS_NS),
            ("xmlns:csip", CSIP_NS),
            ("xmlns:sip", SIP_NS),
            ("xmlns:xlink", XLINK_NS),
            ("xmlns:xsi", XSI_NS),
            ("xsi:schemaLocation", locations),
            ("OBJID", objid),
            ("LABEL", label),
            ("TYPE", CONTENT_CATEGORY),
            *_content_type_attrs(),
            ("PROFILE", SIP_PROFILE),
        ]
    )
    header = attrs(
        [
            ("CREATEDATE", ctx.created),
            ("LASTMODDATE", ctx.created),
            ("RECORDSTATUS", "NEW"),
            ("csip:OAISPACKAGETYPE", "SIP"),
        ]
    )
    software_version = f'<mets:note csip:NOTETYPE="SOFTWARE VERSION">{text(ctx.software_version)}'
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<mets:mets{root}>\n"
        f"<mets:metsHdr{header}>\n"
        '<mets:agent ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="SOFTWARE">'
        f"{element('mets:name', ctx.software_name)}{software_version}</mets:note></mets:agent>\n"
        '<mets:agent ROLE="ARCHIVIST" TYPE="ORGANIZATION">'
        f"{element('mets:name', ctx.organisation)}</mets:agent>\n"
        '<mets:agent ROLE="OTHER" OTHERROLE="SUBMITTER" TYPE="ORGANIZATION">'
        f"{element('mets:name', ctx.organisation)}</mets:agent>\n"
        "</mets:metsHdr>\n"
    )


def md_ref(facts: FileFacts, relative_href: str, ctx: PackageContext, **mdtype: str) -> str:
    """An ``mdRef`` to a metadata file; ``mdtype`` gives MDTYPE and friends."""
    return empty(
        "mets:mdRef",
        [
            ("LOCTYPE", "URL"),
            ("xlink:type", "simple"),
            ("xlink:href", href(relative_href)),
            *mdtype.items(),
            ("MIMETYPE", facts.mimetype),
            ("SIZE", facts.size),
            ("CREATED", ctx.created),
            ("CHECKSUM", facts.sha256),
            ("CHECKSUMTYPE", CHECKSUM_TYPE),
        ],
    )


def dmd_sec(dmd_id: str, created: str, ref: str) -> str:
    attributes = attrs([("ID", dmd_id), ("CREATED", created), ("STATUS", "CURRENT")])
    return f"<mets:dmdSec{attributes}>{ref}</mets:dmdSec>\n"


def premis_amd_sec(md_id: str, ref: str) -> str:
    digiprov = f'<mets:digiprovMD ID="{md_id}" STATUS="CURRENT">{ref}</mets:digiprovMD>'
    return f"<mets:amdSec>\n{digiprov}\n</mets:amdSec>\n"


def file_group_start(group_id: str, use: str) -> str:
    return f"<mets:fileGrp{attrs([('ID', group_id), ('USE', use), *_content_type_attrs()])}>\n"


def file_entry(file_id: str, facts: FileFacts, relative_href: str, created: str) -> str:
    attributes = attrs(
        [
            ("ID", file_id),
            ("MIMETYPE", facts.mimetype),
            ("SIZE", facts.size),
            ("CREATED", created),
            ("CHECKSUM", facts.sha256),
            ("CHECKSUMTYPE", CHECKSUM_TYPE),
        ]
    )
    location = empty(
        "mets:FLocat",
        [("LOCTYPE", "URL"), ("xlink:type", "simple"), ("xlink:href", href(relative_href))],
    )
    return f"<mets:file{attributes}>{location}</mets:file>\n"


def root_struct_map(ctx: PackageContext, rep_group_id: str, rep_mets_href: str) -> str:
    rep = REPRESENTATION
    return (
        '<mets:structMap ID="structmap-csip" TYPE="PHYSICAL" LABEL="CSIP">\n'
        f"<mets:div{attrs([('ID', 'div-package'), ('LABEL', ctx.package_id)])}>\n"
        '<mets:div ID="div-metadata" LABEL="Metadata" ADMID="digiprov-premis" '
        'DMDID="dmd-package"/>\n'
        '<mets:div ID="div-documentation" LABEL="Documentation">'
        '<mets:fptr FILEID="filegrp-documentation"/></mets:div>\n'
        '<mets:div ID="div-schemas" LABEL="Schemas">'
        '<mets:fptr FILEID="filegrp-schemas"/></mets:div>\n'
        '<mets:div ID="div-representations" LABEL="Representations">'
        f'<mets:fptr FILEID="{rep_group_id}"/>\n'
        f'<mets:div ID="div-{rep}" LABEL="Representations/{rep}">'
        + empty(
            "mets:mptr",
            [
                ("LOCTYPE", "URL"),
                ("xlink:type", "simple"),
                ("xlink:href", href(rep_mets_href)),
                ("xlink:title", rep_group_id),
            ],
        )
        + "</mets:div>\n</mets:div>\n</mets:div>\n</mets:structMap>\n"
    )


def representation_struct_map(data_group_id: str, premis_md_id: str) -> str:
    rep = REPRESENTATION
    return (
        f'<mets:structMap ID="structmap-{rep}" TYPE="PHYSICAL" LABEL="CSIP">\n'
        f'<mets:div ID="div-{rep}-root" LABEL="{rep}">\n'
        f'<mets:div ID="div-{rep}-metadata" LABEL="Metadata" ADMID="{premis_md_id}"/>\n'
        f'<mets:div ID="div-{rep}-data" LABEL="Data"><mets:fptr FILEID="{data_group_id}"/>'
        "</mets:div>\n</mets:div>\n</mets:structMap>\n"
    )
