"""The editorial roles (groups) and what each may do."""

EDITORS = "Editors"
TRANSLATORS = "Translators"


def group_names(user):
    """The user's groups, read once per request (the admin asks several times per form)."""
    if not hasattr(user, "_group_names"):
        user._group_names = set(user.groups.values_list("name", flat=True))
    return user._group_names


def in_group(user, *names):
    return user.is_active and not group_names(user).isdisjoint(names)


def is_translator_only(user):
    """A Translator who is neither an Editor nor a superuser: French fields only."""
    return not user.is_superuser and in_group(user, TRANSLATORS) and not in_group(user, EDITORS)
