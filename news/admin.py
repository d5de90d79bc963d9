from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from migrant_site.translators import TranslatorAdminMixin

from .models import NewsItem


@admin.register(NewsItem)
class NewsItemAdmin(TranslatorAdminMixin, TranslationAdmin):
    list_display = ["title", "status", "published_at", "language"]
    list_filter = ["status", "language"]
    search_fields = ["title"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title_en",)}
