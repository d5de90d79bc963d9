"""Sign-in details for django-axes."""


def axes_username(request, credentials):
    """The username axes records, cut to its column's 255 characters.

    Django's login form does not enforce the username's length on the server, so an absurdly
    long one reaches axes, and PostgreSQL would refuse to store it (a 500 instead of the form).
    """
    if credentials:
        username = credentials.get("username") or ""
    else:
        username = request.POST.get("username", "")
    return username[:255]
