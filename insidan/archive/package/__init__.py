"""E-ARK SIP 2.1 archive packages: writing, reading back and verifying.

Pure Python, with no dependence on Django models: callers turn their records into
``PackageItem`` objects (usually with ``PackageItem.build``) and stream them to ``write_sip``.

Layout of a package (see also documentation/README.txt inside each one)::

    <package_id>/
      METS.xml
      metadata/descriptive/package.json
      metadata/preservation/premis.xml
      documentation/README.txt
      schemas/*.xsd
      representations/rep1/METS.xml
      representations/rep1/metadata/preservation/premis.xml
      representations/rep1/data/<identifier>.json
      representations/rep1/data/<identifier>.html
      representations/rep1/data/attachments/<identifier>/<name>
    <package_id>.tar
"""

from .errors import PackageError
from .items import Attachment, PackageItem, render_item_html
from .reader import read_package, verify_package
from .writer import PackageResult, write_sip

__all__ = [
    "Attachment",
    "PackageError",
    "PackageItem",
    "PackageResult",
    "read_package",
    "render_item_html",
    "verify_package",
    "write_sip",
]
