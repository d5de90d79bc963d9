from django.core.management.base import BaseCommand

from migrant_site.backup import export_content


class Command(BaseCommand):
    help = "Write every branch, news and contact record, with the media files, to a zip file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The zip file to write.")

    def handle(self, *args, **options):
        export_content(options["file"])
        self.stdout.write(self.style.SUCCESS(f"Content exported to {options['file']}."))
