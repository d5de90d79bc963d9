"""The content of the page this site replaces (shared/seed), in English and French."""

from datetime import date

NBSP = "\u00a0"  # French puts a non-breaking space before : ; ! ? and inside « »

PROFILE = {
    "name_en": "International Migration Branch",
    "name_fr": "Service des migrations internationales",
    "acronym": "MIGRANT",
    "parent_organisation_en": "ILO is a specialized agency of the United Nations",
    "parent_organisation_fr": "L’OIT est une institution spécialisée des Nations Unies",
    "quote_en": (
        "The ILO’s mandate requires it to reach out to those who are most vulnerable, who face "
        "great insecurity and for whom the denial of social justice is most cruel. They are often "
        "hard to reach, and yet they are great in number. The example of domestic workers shows "
        "what can be done. The ILO must also give priority to…migrant workers."
    ),
    "quote_fr": (
        "Le mandat de l’OIT exige qu’elle aille à la rencontre des plus vulnérables, de ceux qui "
        "connaissent une grande insécurité et pour qui le déni de justice sociale est le plus "
        "cruel. Ils sont souvent difficiles à atteindre, et pourtant ils sont très nombreux. "
        "L’exemple des travailleurs domestiques montre ce qui peut être fait. L’OIT doit aussi "
        "donner la priorité… aux travailleurs migrants."
    ),
    "quote_author_en": "Mr. Guy Ryder, ILO Director-General",
    "quote_author_fr": "M. Guy Ryder, Directeur général du BIT",
    "quote_source_en": "in his Vision Statement",
    "quote_source_fr": "dans sa déclaration d’intention",
    "mandate_en": (
        "<p>In this era of globalisation, almost all countries in the world are involved in "
        "migration as countries of origin, destination, or transit—or all three. Of the several "
        "millions of people living outside their countries of birth, the ILO estimates that almost "
        "90 per cent are migrant workers and their families. While international migration can be "
        "a positive experience for migrant workers, many suffer poor working and living "
        "conditions, including low wages, unsafe work environments, a virtual absence of the "
        "social safety net, denial of freedom of association and workers’ rights, discrimination "
        "and xenophobia. Therefore, the ILO approaches international labour migration—"
        "international migration undertaken for work—from a labour market and rights-based "
        "perspective with the intent to promote decent working conditions for migrants as well as "
        "migrants’ labour and human rights.</p>\n"
        "<p>As the UN specialized agency on labour issues, the ILO has been dealing with labour "
        "migration since its foundation in 1919. The very Constitution of the ILO specifically "
        "mandates the organization in its Preamble to give attention to the “protection of the "
        "interests of workers when employed in countries other than their own”. The International "
        "Migration Branch (MIGRANT) is the main unit responsible for labour migration issues in "
        "the ILO.</p>\n"
        "<p>MIGRANT promotes the ratification and implementation of international standards; "
        "facilitates the participation of ILO’s tripartite constituents in formulating and "
        "implementing migration policy; provides advisory services and a forum for "
        "consultations; serves as a global knowledge base on international labour migration; and "
        "conducts or coordinates various projects to strengthen the capacity of ILO’s tripartite "
        "constituents and other relevant partners such as non-governmental organizations and "
        "migrants’ associations, to deal with a wide range of labour migration issues.</p>"
    ),
    "mandate_fr": (
        "<p>À l’ère de la mondialisation, presque tous les pays du monde sont concernés par les "
        "migrations, en tant que pays d’origine, de destination ou de transit – voire les trois à "
        "la fois. Parmi les millions de personnes qui vivent hors de leur pays de naissance, l’OIT "
        "estime que près de 90 pour cent sont des travailleurs migrants et leurs familles. Si la "
        "migration internationale peut être une expérience positive pour les travailleurs "
        "migrants, beaucoup subissent de mauvaises conditions de travail et de vie"
        f"{NBSP}: bas salaires, "
        "lieux de travail dangereux, absence quasi totale de protection sociale, déni de la "
        "liberté syndicale et des droits des travailleurs, discrimination et xénophobie. C’est "
        "pourquoi l’OIT aborde la migration internationale de main-d’œuvre – la migration "
        "internationale entreprise pour travailler – sous l’angle du marché du travail et des "
        "droits, afin de promouvoir des conditions de travail décentes pour les migrants ainsi que "
        "leurs droits au travail et leurs droits humains.</p>\n"
        "<p>En tant qu’institution spécialisée des Nations Unies pour les questions du travail, "
        "l’OIT s’occupe des migrations de main-d’œuvre depuis sa fondation en 1919. Le préambule "
        "même de sa Constitution lui confie expressément la «"
        f"{NBSP}protection des intérêts des travailleurs occupés à l’étranger{NBSP}». "
        "Le Service des migrations internationales (MIGRANT) est la principale unité chargée des "
        "questions de migration de main-d’œuvre à l’OIT.</p>\n"
        "<p>MIGRANT promeut la ratification et la mise en œuvre des normes internationales"
        f"{NBSP}; facilite la participation des mandants tripartites de l’OIT à l’élaboration et à "
        f"la mise en œuvre des politiques migratoires{NBSP}; fournit des services consultatifs et "
        f"un cadre de consultation{NBSP}; constitue une base mondiale de connaissances sur les "
        f"migrations internationales de main-d’œuvre{NBSP}; et mène ou coordonne divers projets "
        "visant à renforcer la capacité des mandants tripartites de l’OIT et d’autres partenaires "
        "concernés, tels que les organisations non gouvernementales et les associations de "
        "migrants, à traiter un large éventail de questions liées aux migrations de "
        "main-d’œuvre.</p>"
    ),
    "copyright_notice_en": "© 1996–2013 International Labour Organization (ILO)",
    "copyright_notice_fr": "© 1996–2013 Organisation internationale du Travail (OIT)",
    "copyright_url_en": "https://www.ilo.org/global/copyright-and-permissions/lang--en/index.htm",
    "copyright_url_fr": "https://www.ilo.org/global/copyright-and-permissions/lang--fr/index.htm",
    "privacy_url_en": "https://www.ilo.org/global/privacy-policy/lang--en/index.htm",
    "privacy_url_fr": "https://www.ilo.org/global/privacy-policy/lang--fr/index.htm",
    "disclaimer_url_en": "https://www.ilo.org/global/disclaimer/lang--en/index.htm",
    "disclaimer_url_fr": "https://www.ilo.org/global/disclaimer/lang--fr/index.htm",
}

OFFICE = {
    "unit_en": "International Migration Branch",
    "unit_fr": "Service des migrations internationales",
    "acronym": "ILO/MIGRANT",
    "department_en": "Conditions of Work and Equality Department",
    "department_fr": "Département des conditions de travail et de l’égalité",
    "organisation_en": "International Labour Office",
    "organisation_fr": "Bureau international du Travail",
    "street_en": "4 Route des Morillons",
    "street_fr": "4, route des Morillons",
    "postcode": "1211",
    "city_en": "Geneva",
    "city_fr": "Genève",
    "country_en": "Switzerland",
    "country_fr": "Suisse",
    "country_code": "CH",
    "phone": "+41 22 799 6667",
}

NEWS = [
    {
        "slug": "promote-mobility-and-protect-the-rights-of-migrant-workers",
        "date": date(2012, 3, 18),
        # The seed page says "(in french)": the material it points to is in French.
        "language": "fr",
        "source_name": "BITMIGRANT",
        "title_en": "Promote mobility and protect the rights of migrant workers",
        "title_fr": "Promouvoir la mobilité et protéger les droits des travailleurs migrants",
        "summary_en": (
            "The creative blog BITMIGRANT highlights practical tools for financial education "
            "identified in the framework of the ILO project entitled “Good Governance of Labour "
            "Migration and its link to development in Mali, Mauritania and Senegal”."
        ),
        "summary_fr": (
            "Le blog créatif BITMIGRANT met en lumière des outils pratiques d’éducation "
            "financière recensés dans le cadre du projet de l’OIT intitulé «"
            f"{NBSP}Bonne gouvernance des migrations de main-d’œuvre et leur lien avec le "
            f"développement au Mali, en Mauritanie et au Sénégal{NBSP}»."
        ),
    },
    {
        "slug": "labour-migration-academy-2011",
        "date": date(2011, 4, 18),
        "language": "en",
        "title_en": (
            "Labour Migration Academy: Enhancing Protection, Promoting Development and "
            "Facilitating Governance"
        ),
        "title_fr": (
            f"Académie sur les migrations de main-d’œuvre{NBSP}: renforcer la protection, "
            "promouvoir le développement et faciliter la gouvernance"
        ),
        "summary_en": (
            "This interregional training activity aims at providing advanced knowledge and "
            "enhancing the capacity of key migration actors to better understand labour migration "
            "challenges and opportunities in a changing global political, economic and social "
            "context. In addition to general sessions such as a daily plenary forum focusing on "
            "key topics that constitute the foundations for the training programme, the Academy "
            "offers parallel elective courses on good labour migration governance, protection of "
            "migrant workers, and migration and development."
        ),
        "summary_fr": (
            "Cette formation interrégionale vise à apporter des connaissances approfondies aux "
            "principaux acteurs des migrations et à renforcer leur capacité à mieux comprendre les "
            "défis et les possibilités des migrations de main-d’œuvre dans un contexte politique, "
            "économique et social mondial en mutation. Outre des séances générales, comme un "
            "forum plénier quotidien consacré aux thèmes clés qui fondent le programme de "
            "formation, l’Académie propose des cours optionnels parallèles sur la bonne "
            "gouvernance des migrations de main-d’œuvre, la protection des travailleurs migrants, "
            "et les migrations et le développement."
        ),
    },
    {
        "slug": "bahrain-decree-79-aims-at-ending-sponsor-system",
        "date": date(2009, 8, 31),
        "language": "en",
        "title_en": "Bahrain: Decree 79 aims at ending sponsor system",
        "title_fr": f"Bahreïn{NBSP}: le décret 79 vise à mettre fin au système de parrainage",
        "summary_en": (
            "In 2009, Bahrain adopted the strongest sponsorship reform in the region by permitting "
            "migrant workers to change employment without their employer’s consent and in the "
            "absence of allegations of nonpayment of wages or abuse. Majeed al Alawi, the minister "
            "of labor in Bahrain, likened the kafala (sponsorship) system to slavery when "
            "justifying the reform."
        ),
        "summary_fr": (
            "En 2009, Bahreïn a adopté la réforme du parrainage la plus ambitieuse de la région en "
            "permettant aux travailleurs migrants de changer d’emploi sans le consentement de leur "
            "employeur et sans avoir à invoquer le non-paiement des salaires ou des abus. Majeed "
            "al Alawi, ministre du Travail de Bahreïn, a comparé le système de la kafala "
            "(parrainage) à l’esclavage pour justifier la réforme."
        ),
    },
    {
        "slug": "ilo-welcomes-manila-call-to-action",
        "date": date(2008, 9, 30),
        "language": "en",
        "title_en": "ILO welcomes Manila Call to Action to protect rights of migrant women",
        "title_fr": (
            "L’OIT salue l’Appel à l’action de Manille pour protéger les droits des femmes "
            "migrantes"
        ),
        "summary_en": (
            "Governments from 38 countries, trade unions, employers’ organizations, the private "
            "sector, civil society organizations including women’s and religious associations, "
            "academe and international organizations adopted a Manila Call to Action here to "
            "enhance opportunities and protect the rights of migrant women and their families all "
            "over the world."
        ),
        "summary_fr": (
            "Les gouvernements de 38 pays, des syndicats, des organisations d’employeurs, le "
            "secteur privé, des organisations de la société civile, dont des associations de "
            "femmes et des associations religieuses, des universitaires et des organisations "
            "internationales ont adopté ici un Appel à l’action de Manille afin d’accroître les "
            "possibilités offertes aux femmes migrantes et à leurs familles dans le monde entier "
            "et de protéger leurs droits."
        ),
    },
]
