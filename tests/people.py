"""The people tests sign in as: staff in the two roles the migrations make (the groups of
branch/migrations/0003_editor_and_translator_groups), the same accounts in every test folder.
A test of a permission rule builds its own user, with the permissions it is about."""

from importlib import import_module

from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission, User


def password(username):
    return f"a long {username} password"


def role_group(name):
    """Editors or Translators as the migrations make them, made again if a transactional test
    (a browser test's live server) emptied the tables since."""
    roles = import_module("branch.migrations.0003_editor_and_translator_groups")
    grants = {"Editors": roles.EDITORS, "Translators": roles.TRANSLATORS}[name]
    group, created = Group.objects.get_or_create(name=name)
    if created:
        group.permissions.add(*roles.permissions(django_apps, grants))
        if name == "Translators":  # granted by a later migration, with the model
            group.permissions.add(
                *Permission.objects.filter(
                    codename__in=["view_interfacestring", "change_interfacestring"]
                )
            )
    return group


def staff_member(username, group_name):
    """A staff account in one of the migration-made groups, signing in with `password()`."""
    user = User.objects.create_user(username, password=password(username), is_staff=True)
    user.groups.add(role_group(group_name))
    return user
