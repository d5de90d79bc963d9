"""vCard 4.0 (RFC 6350) for an office, so visitors can add it to their address book."""

from django.utils.text import slugify
from django.utils.translation import get_language

MAX_LINE_OCTETS = 75  # RFC 6350 3.2: fold longer lines


def escape(value):
    """A text value: backslash, comma, semicolon and line breaks are escaped (RFC 6350 3.4).

    A lone CR too: some readers end a line there, and it would start a property of its own.
    """
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line):
    """Split a content line into 75-octet lines; continuation lines start with a space.

    Never inside a UTF-8 character (« Genève » stays whole).
    """
    lines, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > MAX_LINE_OCTETS:
            lines.append(current)
            current = b" "
        current += encoded
    lines.append(current)
    return b"\r\n".join(lines).decode()


def office_vcard(office, url=""):
    """The office as a vCard, in the active language (modeltranslation picks the fields)."""
    lang = f"LANGUAGE={get_language()}"
    organisation = [office.organisation, office.department, office.unit]
    address = ["", "", office.street, office.city, "", office.postcode, office.country]
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "KIND:org",
        f"FN;{lang}:{escape(office.unit)}",
        f"ORG;{lang}:{';'.join(escape(part) for part in organisation if part)}",
        f"ADR;TYPE=work;{lang}:{';'.join(escape(part) for part in address)}",
    ]
    if office.phone_uri:
        lines.append(f"TEL;VALUE=uri;TYPE=work:{office.phone_uri}")
    if office.email:
        lines.append(f"EMAIL;TYPE=work:{escape(office.email)}")
    if url:
        lines.append(f"URL:{url}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def vcard_filename(office):
    return f"{slugify((office.acronym or office.unit).replace('/', ' '))}.vcf"
