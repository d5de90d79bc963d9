"""The two editing roles, with least privilege: Editors run the content, Translators edit it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = {
    "news.newsitem": ["add", "change", "delete", "view"],
    "branch.branchprofile": ["change", "view"],
    "contacts.office": ["add", "change", "delete", "view"],
    # The history pages and restoring an earlier version.
    "reversion.revision": ["view"],
    "reversion.version": ["view"],
}
TRANSLATORS = {
    "news.newsitem": ["change", "view"],
    "branch.branchprofile": ["change", "view"],
    "contacts.office": ["change", "view"],
}


def permissions(apps, grants):
    Permission = apps.get_model("auth", "Permission")
    for model, actions in grants.items():
        app_label, model_name = model.split(".")
        for action in actions:
            yield Permission.objects.get(
                content_type__app_label=app_label, codename=f"{action}_{model_name}"
            )


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; a fresh database needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, grants in (("Editors", EDITORS), ("Translators", TRANSLATORS)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions(apps, grants))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Translators"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("branch", "0002_translation_tracking"),
        ("news", "0003_newsitem_image"),
        ("contacts", "0001_initial"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
