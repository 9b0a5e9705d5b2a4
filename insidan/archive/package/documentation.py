"""The README that every package carries in ``documentation/``, in Swedish and English."""

from .premis import PREMIS_SCHEMA_LOCATION, PackageContext

_LAYOUT = """\
{package_id}/
  METS.xml                               paketets METS / package METS (E-ARK SIP 2.1)
  metadata/descriptive/package.json      beskrivning av paketet / package description
  metadata/preservation/premis.xml       PREMIS 3.0: paketnivåns filer / package-level files
  documentation/README.txt               den här filen / this file
  schemas/                               XML-scheman / XML schemas (METS, XLink, DILCIS)
  representations/rep1/
    METS.xml                             representationens METS / representation METS
    metadata/preservation/premis.xml     PREMIS 3.0: varje datafil / every data file
    data/<id>.json                       allt om posten / all metadata of the item
    data/<id>.html                       läsbar kopia / readable rendering
    data/attachments/<id>/<filnamn>      bilagor / attachments"""

_TEXT = """\
INSIDAN SOCIAL – ARKIVPAKET / ARCHIVE PACKAGE
=============================================

Paket-id / package id:   {package_id}
Benämning / label:       {label}
Skapat / created:        {created}
Organisation:            {organisation}
Program / software:      {software_name} {software_version}
Antal poster / items:    {item_count}
Anteckning / note:       {note}

SVENSKA

Paketet är ett informationspaket för leverans (SIP) enligt E-ARK SIP 2.1 (CSIP 2.1), samma
struktur som Riksarkivets FGS Paketstruktur 2.0. Det innehåller sociala inlägg, kommentarer,
statusuppdateringar, kanalpresentationer och dokument från Insidan, kommunens intranät.

Varje post (till exempel ett foruminlägg) finns i två former i representations/rep1/data/:
en JSON-fil med all metadata (författare, tider, kanal, tidigare versioner, anmälningar,
beslut med mera) och en fristående HTML-fil som går att läsa i en webbläsare utan
applikationen. Bilagor ligger i data/attachments/<id>/ under sina ursprungliga filnamn.

Alla filer är förtecknade i METS-filerna med MIME-typ, storlek, tidpunkt och SHA-256, och
i PREMIS-filerna med SHA-256 (fixity). Paketets METS.xml pekar på representationens METS.xml.
Tider anges enligt ISO 8601 med tidszon. Paketet levereras både som mapp och som .tar-fil.

Scheman för METS, XLink och DILCIS-tilläggen (CSIP och SIP) finns i schemas/.
{premis_sv}

ENGLISH

This is a submission information package (SIP) following E-ARK SIP 2.1 (CSIP 2.1), the
structure of the Swedish National Archives' FGS Paketstruktur 2.0. It holds social content
from Insidan, the municipality's intranet: posts, comments, status updates, channel
presentations and documents.

Each item is stored twice in representations/rep1/data/: a JSON file with all its metadata
and a standalone HTML file readable in a web browser without the application. Attachments
are in data/attachments/<id>/ under their original file names.

Every file is listed in the METS files with MIME type, size, creation time and SHA-256, and
in the PREMIS files with its SHA-256 fixity. The package METS.xml points to the
representation's METS.xml. Times are ISO 8601 with time zone. The package is delivered both
as a folder and as a .tar file.

Schemas for METS, XLink and the DILCIS extensions (CSIP and SIP) are in schemas/.
{premis_en}

STRUKTUR / LAYOUT

{layout}
"""


def readme_text(ctx: PackageContext, item_count: int, *, premis_schema_included: bool) -> str:
    if premis_schema_included:
        premis_sv = "Där finns också PREMIS 3.0-schemat."
        premis_en = "So is the PREMIS 3.0 schema."
    else:
        premis_sv = (
            f"PREMIS-schemat ingår inte; premis.xml följer PREMIS 3.0,\n{PREMIS_SCHEMA_LOCATION}."
        )
        premis_en = (
            "The PREMIS schema is not included; premis.xml follows PREMIS 3.0,\n"
            f"{PREMIS_SCHEMA_LOCATION}."
        )
    return _TEXT.format(
        package_id=ctx.package_id,
        label=ctx.label,
        created=ctx.created,
        organisation=ctx.organisation,
        software_name=ctx.software_name,
        software_version=ctx.software_version,
        item_count=item_count,
        note=ctx.note or "–",
        premis_sv=premis_sv,
        premis_en=premis_en,
        layout=_LAYOUT.format(package_id=ctx.package_id),
    )
