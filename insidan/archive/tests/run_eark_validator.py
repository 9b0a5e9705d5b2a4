"""Run eark-validator 1.1.3 on one package, offline, and print its report as JSON.

Usage: ``.venv-eark/bin/python run_eark_validator.py PACKAGE_FOLDER_OR_TAR``

This script runs in the validator's own virtual environment (it pins lxml 5.1.0), never in the
application's. It imports nothing from the project.

Why the patch: when ``eark_validator.ipxml.schematron`` is imported it builds its vocabulary tests
by calling ``urllib.request.urlopen`` on four CSIP vocabulary URLs at earkcsip.dilcis.eu (the module
does ``from urllib.request import urlopen``, so the name is bound at import time). Tests run
without network, so before that import we replace ``urllib.request.urlopen`` with a function that
answers exactly those URLs from the copies in ``insidan/archive/vocabularies/`` (CC BY 4.0,
DILCIS Board; see ATTRIBUTION.txt there) and refuses every other URL, so nothing can reach the
network by accident.

Output (stdout, one JSON object)::

    {"validator_version": "1.1.3",
     "report": <the validator's ValidationReport, as its own CLI prints it>,
     "extra_schema_errors": {<METS path>: [<message>, ...]}}

The validator checks only the root METS.xml, and against a schema set without the DILCIS
extension schemas. ``extra_schema_errors`` is our addition: every METS.xml in a package folder
(root and representations) against the validator's own bundled ``mets.sip.local.v2-0.xsd``
(METS, XLink and the DILCIS CSIP and SIP extensions, so csip:/sip: attribute values are checked
too). It is empty for a .tar argument. Exit status 0 when a report was produced.
"""

import importlib.metadata
import json
import sys
import urllib.request
from pathlib import Path

VOCABULARY_BASE_URL = "https://earkcsip.dilcis.eu/schema/"
VOCABULARY_DIR = Path(__file__).resolve().parent.parent / "vocabularies"


def local_urlopen(url, *args, **kwargs):
    """Answer the validator's vocabulary downloads from local files; refuse anything else."""
    url = getattr(url, "full_url", url)
    if not isinstance(url, str) or not url.startswith(VOCABULARY_BASE_URL):
        raise OSError(f"run_eark_validator: network access refused for {url!r}")
    name = url[len(VOCABULARY_BASE_URL) :]
    path = VOCABULARY_DIR / name
    if "/" in name or not path.is_file():
        raise OSError(f"run_eark_validator: no local copy of {name!r} in {VOCABULARY_DIR}")
    return path.open("rb")


def install_offline_vocabularies() -> None:
    urllib.request.urlopen = local_urlopen


def extra_schema_errors(package: Path) -> dict[str, list[str]]:
    from eark_validator.ipxml.schema import IP_SCHEMA
    from lxml import etree

    schema = IP_SCHEMA["sip"]
    results = {}
    reps = package / "representations"
    rep_mets = sorted(reps.glob("*/METS.xml")) if reps.is_dir() else []
    for mets in [package / "METS.xml", *rep_mets]:
        try:
            schema.assertValid(etree.parse(str(mets)))
            errors = []
        except (OSError, etree.XMLSyntaxError, etree.DocumentInvalid) as exc:
            errors = [str(exc)]
        results[str(mets.relative_to(package))] = errors
    return results


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    install_offline_vocabularies()
    from eark_validator.packages import PackageValidator
    from eark_validator.specifications.specification import SpecificationVersion

    package = Path(argv[1]).resolve()
    report = PackageValidator(package, SpecificationVersion.V2_1_0).validation_report
    output = {
        "validator_version": importlib.metadata.version("eark-validator"),
        "report": json.loads(report.model_dump_json()),
        "extra_schema_errors": extra_schema_errors(package) if package.is_dir() else {},
    }
    print(json.dumps(output))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
