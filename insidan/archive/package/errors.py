"""The one error the package writer and reader raise for expected failures."""


class PackageError(Exception):
    """A package could not be written or read. The message is Swedish and meant for people.

    When ``write_sip`` raises it, nothing named after the package is left in the output folder.
    """
