"""The XLIFF exchange in the admin, for Editors, Translators and superusers."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from migrant_site.roles import EDITORS, TRANSLATORS, in_group
from migrant_site.translation import xliff


def check_access(request):
    if not (request.user.is_superuser or in_group(request.user, EDITORS, TRANSLATORS)):
        raise PermissionDenied


def xliff_export(request, records=None):
    """Everything missing or outdated, or every field of `records`, as an XLIFF 2.0 download."""
    check_access(request)
    response = HttpResponse(xliff.export_xliff(records), content_type="application/xliff+xml")
    name = f"migrant-fr-{timezone.localdate():%Y-%m-%d}.xlf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class ImportForm(forms.Form):
    file = forms.FileField(label=_("XLIFF file"), required=False)
    # After the preview: the same file again, to apply.
    content = forms.CharField(widget=forms.HiddenInput, required=False)


def xliff_import(request):
    """Upload → preview of every change (or why the file is refused) → apply."""
    check_access(request)
    context = {**admin.site.each_context(request), "title": _("Import a translated XLIFF file")}
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read() if upload else form.cleaned_data["content"].encode()
        try:
            changes = xliff.plan_import(content)
            if "apply" in request.POST:
                count = xliff.apply_import(changes)
                messages.success(request, _("%(count)s French fields saved.") % {"count": count})
                return redirect("admin:index")
        except xliff.ImportRefused as refused:
            context["problems"] = refused.problems
        else:
            context["changes"] = changes
            form = ImportForm(initial={"content": content.decode()})
    context["form"] = form
    return TemplateResponse(request, "admin/xliff_import.html", context)
