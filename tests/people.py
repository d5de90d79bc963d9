"""The people tests sign in as: staff in the two roles the migrations make (the groups of
branch/migrations/0003_editor_and_translator_groups), the same accounts in every test folder.
A test of a permission rule builds its own user, with the permissions it is about."""

from django.contrib.auth.models import Group, User


def password(username):
    return f"a long {username} password"


def staff_member(username, group_name):
    """A staff account in one of the migration-made groups, signing in with `password()`."""
    user = User.objects.create_user(username, password=password(username), is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user
