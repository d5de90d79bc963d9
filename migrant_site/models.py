# Django finds an app's models in its models module: the site's own live with the rest of
# translation, in migrant_site/translation/.
from migrant_site.translation.models import InterfaceString  # noqa: F401
