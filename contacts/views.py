from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from .models import Office
from .vcard import office_vcard, vcard_filename


def contact(request):
    # The offices come from {% offices %}, inside the template's kept fragment.
    return render(request, "contacts/contact.html")


def vcard(request, pk):
    office = get_object_or_404(Office, pk=pk)
    url = request.build_absolute_uri(reverse("contacts:contact"))
    response = HttpResponse(office_vcard(office, url), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{vcard_filename(office)}"'
    return response
