from django.shortcuts import render

from .models import Office


def contact(request):
    return render(request, "contacts/contact.html", {"offices": Office.objects.all()})
