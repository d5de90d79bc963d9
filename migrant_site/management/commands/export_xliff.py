from django.core.management.base import BaseCommand

from migrant_site.translation.xliff import export_xliff


class Command(BaseCommand):
    help = "Write every French field missing or outdated to an XLIFF 2.0 file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .xlf file to write.")

    def handle(self, *args, **options):
        with open(options["file"], "wb") as file:
            file.write(export_xliff())
        self.stdout.write(self.style.SUCCESS(f"Exported to {options['file']}."))
