from django.core.management.base import BaseCommand

from migrant_site.translation import interface_strings
from migrant_site.translation.models import InterfaceString


class Command(BaseCommand):
    help = (
        "Write the interface strings translated on the web into the catalogue "
        "(locale/<language>/LC_MESSAGES/django.po), changing only their entries."
    )

    def handle(self, *args, **options):
        for language in interface_strings.target_languages():
            saved = InterfaceString.objects.filter(language=language).exclude(translation="")
            changed = interface_strings.write_catalogue(
                language,
                {
                    (row.context, row.english): (row.translation, row.translation_plural)
                    for row in saved
                },
            )
            path = interface_strings.catalogue_path(language)
            self.stdout.write(f"{path}: {len(changed)} message(s) written.")
            for english in changed:
                self.stdout.write(f"  {english}")
