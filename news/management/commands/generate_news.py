from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from news.models import NewsItem


class Command(BaseCommand):
    help = (
        "Add N published news items in English and French, one day apart, older than any "
        "existing item: realistic volume for benchmarks and tests. Not for production data."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)

    def handle(self, *args, count, **options):
        oldest = NewsItem.objects.order_by("published_at").first()
        start = oldest.published_at if oldest else timezone.now()
        first = NewsItem.objects.filter(slug__startswith="generated-").count()
        summary_en = (
            "Governments, employers and workers met to review how labour migration policy "
            "protects migrant workers and their families, item {n}."
        )
        summary_fr = (
            "Les gouvernements, les employeurs et les travailleurs se sont réunis pour examiner "
            "comment la politique migratoire protège les travailleurs migrants, article {n}."
        )
        items = [
            NewsItem(
                slug=f"generated-{n}",
                title_en=f"Labour migration update {n}",
                title_fr=f"Actualité des migrations de main-d’œuvre {n}",
                summary_en=summary_en.format(n=n),
                summary_fr=summary_fr.format(n=n),
                body_en=f"<p>{summary_en.format(n=n)}</p>",
                body_fr=f"<p>{summary_fr.format(n=n)}</p>",
                language="fr" if n % 3 == 0 else "en",
                status=NewsItem.Status.PUBLISHED,
                published_at=start - timedelta(days=n - first + 1),
            )
            for n in range(first, first + count)
        ]
        # bulk_create skips save() and its signals: these bodies are already clean, plain
        # paragraphs, and each French field is noted as written from the English beside it.
        for item in items:
            item.record_translation_sources()
        NewsItem.objects.bulk_create(items, batch_size=500)
        self.stdout.write(self.style.SUCCESS(f"Generated {count} news items."))
