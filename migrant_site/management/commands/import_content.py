from django.core.management.base import BaseCommand

from migrant_site.backup import import_content


class Command(BaseCommand):
    help = "Load a zip file written by export_content (content and media) into this site."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The zip file written by export_content.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the content already in the database first.",
        )

    def handle(self, *args, **options):
        import_content(options["file"], replace=options["replace"])
        self.stdout.write(self.style.SUCCESS(f"Content imported from {options['file']}."))
