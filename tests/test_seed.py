import pytest
from django.core.management import call_command

from branch.models import BranchProfile
from contacts.models import Office
from news.models import NewsItem

pytestmark = pytest.mark.django_db


def counts():
    return (BranchProfile.objects.count(), Office.objects.count(), NewsItem.objects.count())


def test_loading_twice_changes_nothing(seeded):
    assert counts() == (1, 1, 4)
    before = list(NewsItem.objects.values())
    call_command("load_seed_content", stdout=open("/dev/null", "w"))
    assert counts() == (1, 1, 4)
    assert list(NewsItem.objects.values()) == before


def test_loading_again_keeps_an_editors_changes(seeded):
    profile = BranchProfile.objects.get()
    profile.name_en = "Labour Migration Branch"
    profile.save()
    item = NewsItem.objects.get(slug="labour-migration-academy-2011")
    item.title_fr = "Titre revu"
    item.save()
    call_command("load_seed_content", stdout=open("/dev/null", "w"))
    assert BranchProfile.objects.get().name_en == "Labour Migration Branch"
    assert NewsItem.objects.get(slug="labour-migration-academy-2011").title_fr == "Titre revu"


def test_every_seed_field_has_its_french(seeded):
    profile = BranchProfile.objects.get()
    for field in [
        "name",
        "parent_organisation",
        "quote",
        "quote_author",
        "quote_source",
        "mandate",
        "copyright_notice",
    ]:
        assert getattr(profile, f"{field}_fr"), field
        assert getattr(profile, f"{field}_fr") != getattr(profile, f"{field}_en"), field
    for item in NewsItem.objects.all():
        assert item.title_fr and item.summary_fr


def test_the_database_refuses_a_second_branch_profile(seeded):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        BranchProfile.objects.bulk_create([BranchProfile(pk=2, name_en="Another", mandate_en="x")])
