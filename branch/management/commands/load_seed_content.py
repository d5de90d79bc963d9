from datetime import datetime, time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from branch import seed
from branch.models import BranchProfile
from contacts.models import Office
from news.models import NewsItem


class Command(BaseCommand):
    help = (
        "Load the content of the page this site replaces, in English and French. "
        "Each kind of content is loaded only while its table is empty, so running it again "
        "never duplicates anything nor overwrites an editor's work."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        loaded = []
        if not Office.objects.exists():
            Office.objects.create(**seed.OFFICE)
            loaded.append("office")
        if not BranchProfile.objects.exists():
            BranchProfile.objects.create(office=Office.objects.first(), **seed.PROFILE)
            loaded.append("branch profile")
        if not NewsItem.objects.exists():
            for data in seed.NEWS:
                data = dict(data)
                # Midday in Geneva, so the date reads the same in every time zone we serve.
                published_at = timezone.make_aware(datetime.combine(data.pop("date"), time(12)))
                NewsItem.objects.create(
                    published_at=published_at, status=NewsItem.Status.PUBLISHED, **data
                )
            loaded.append(f"{len(seed.NEWS)} news items")
        if loaded:
            self.stdout.write(self.style.SUCCESS(f"Loaded: {', '.join(loaded)}."))
        else:
            self.stdout.write("Seed content already present; nothing changed.")
