from django.shortcuts import render


def home(request):
    # The latest news come from {% latest_news %}, inside the template's kept fragment.
    return render(request, "branch/home.html")
