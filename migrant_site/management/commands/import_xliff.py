from django.core.management.base import BaseCommand, CommandError

from migrant_site.translation.xliff import ImportRefused, apply_import, plan_import


class Command(BaseCommand):
    help = "Import a translated XLIFF 2.0 file: the whole file, or nothing if any unit is wrong."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The translated .xlf file.")
        parser.add_argument("--dry-run", action="store_true", help="Only show the changes.")

    def handle(self, *args, **options):
        with open(options["file"], "rb") as file:
            data = file.read()
        try:
            changes = plan_import(data)
            for change in changes:
                self.stdout.write(f"{change.record} / {change.label}: {change.after}")
            if not options["dry_run"]:
                apply_import(changes)
        except ImportRefused as refused:
            raise CommandError("Refused, nothing saved:\n" + "\n".join(refused.problems)) from None
        self.stdout.write(self.style.SUCCESS(f"{len(changes)} French fields."))
