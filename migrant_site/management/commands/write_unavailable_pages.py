from django.conf import settings
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.utils import translation


class Command(BaseCommand):
    help = (
        "Write the branded 503 page in each language to STATIC_ROOT/unavailable/, for the proxy "
        "to answer while no instance does (run after collectstatic)."
    )

    def handle(self, *args, **options):
        folder = settings.STATIC_ROOT / "unavailable"
        folder.mkdir(parents=True, exist_ok=True)
        for language, _ in settings.LANGUAGES:
            with translation.override(language):
                (folder / f"503.{language}.html").write_text(render_to_string("503.html"))
        self.stdout.write(f"Unavailable pages written to {folder}.")
