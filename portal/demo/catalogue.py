"""Hand-written demo material: job families with titles in both genders, skills, sectors, diplomas.

It feeds the demo seed and the benchmark corpus, so profiles and offers speak the same language as
real recruiters ("Technicienne de maintenance", "GMAO", NAF 22.11Z...).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Family:
    name: str
    titles: tuple[tuple[str, str], ...]  # (masculine, feminine)
    skills: tuple[str, ...]
    sectors: tuple[str, ...]  # NAF rev. 2 sub-classes
    diplomas: tuple[tuple[int, str], ...]  # (level, title)
    employers: tuple[str, ...]


FAMILIES: tuple[Family, ...] = (
    Family(
        "Maintenance industrielle",
        (
            ("Technicien de maintenance", "Technicienne de maintenance"),
            ("Électromécanicien", "Électromécanicienne"),
            ("Responsable maintenance", "Responsable maintenance"),
            ("Automaticien", "Automaticienne"),
        ),
        ("Électrotechnique", "GMAO", "Automatismes", "Pneumatique", "Hydraulique", "Habilitation électrique",
         "Maintenance préventive", "Soudure", "Lecture de plans"),
        ("22.11Z", "28.29B", "33.12Z", "29.10Z", "10.51C"),
        ((5, "BTS Maintenance des systèmes"), (4, "Bac pro MELEC"), (6, "Licence pro Maintenance industrielle"),
         (5, "DUT GEII")),
        ("Michelin", "Limagrain", "Aubert & Duval", "Constellium", "Trelleborg", "Volvic"),
    ),
    Family(
        "Gestion et finance",
        (
            ("Contrôleur de gestion", "Contrôleuse de gestion"),
            ("Comptable", "Comptable"),
            ("Directeur administratif et financier", "Directrice administrative et financière"),
            ("Assistant comptable", "Assistante comptable"),
        ),
        ("Excel avancé", "SAP", "Consolidation", "Reporting", "Budget", "Contrôle de gestion", "Sage",
         "Fiscalité", "Power BI"),
        ("70.22Z", "69.20Z", "64.19Z", "46.90Z"),
        ((7, "Master Contrôle de gestion et audit"), (7, "Diplôme de grande école de commerce"),
         (5, "BTS Comptabilité et gestion"), (6, "DCG")),
        ("Crédit Agricole Centre France", "KPMG", "Groupe Casino", "Banque de France", "Limagrain"),
    ),
    Family(
        "Santé",
        (
            ("Infirmier", "Infirmière"),
            ("Aide-soignant", "Aide-soignante"),
            ("Auxiliaire de vie", "Auxiliaire de vie"),
            ("Préparateur en pharmacie", "Préparatrice en pharmacie"),
        ),
        ("Soins palliatifs", "Gestes d'urgence", "Gériatrie", "Hygiène hospitalière", "Dossier patient informatisé",
         "Pansements", "Accompagnement"),
        ("86.10Z", "87.10A", "88.10A", "47.73Z"),
        ((6, "Diplôme d'État d'infirmier"), (4, "Diplôme d'État d'aide-soignant"), (3, "CAP Accompagnant éducatif"),
         (5, "BP Préparateur en pharmacie")),
        ("CHU de Clermont-Ferrand", "Hospices Civils de Lyon", "EHPAD Les Tilleuls", "Clinique de la Châtaigneraie"),
    ),
    Family(
        "Commerce et vente",
        (
            ("Vendeur", "Vendeuse"),
            ("Commercial", "Commerciale"),
            ("Responsable de magasin", "Responsable de magasin"),
            ("Chargé de clientèle", "Chargée de clientèle"),
        ),
        ("Relation client", "Prospection", "Négociation", "Merchandising", "Encaissement", "CRM", "Salesforce",
         "Gestion des stocks"),
        ("47.11F", "47.71Z", "46.69B", "45.11Z"),
        ((5, "BTS NDRC"), (4, "Bac pro Commerce"), (6, "Bachelor Commerce"), (5, "BTS MCO")),
        ("Decathlon", "Leroy Merlin", "Carrefour", "Fnac Darty", "Renault Retail Group"),
    ),
    Family(
        "Hôtellerie et restauration",
        (
            ("Serveur", "Serveuse"),
            ("Cuisinier", "Cuisinière"),
            ("Chef de cuisine", "Cheffe de cuisine"),
            ("Réceptionniste", "Réceptionniste"),
        ),
        ("Service en salle", "HACCP", "Cuisine traditionnelle", "Accueil", "Anglais courant", "Pâtisserie",
         "Gestion des commandes"),
        ("56.10A", "55.10Z", "56.21Z"),
        ((3, "CAP Cuisine"), (4, "Bac pro Commercialisation et services en restauration"), (5, "BTS Hôtellerie-restauration")),
        ("Hôtel du Parc", "Brasserie Le Lion", "Sodexo", "Accor", "Restaurant Les Saveurs"),
    ),
    Family(
        "Boulangerie et artisanat",
        (
            ("Boulanger", "Boulangère"),
            ("Pâtissier", "Pâtissière"),
            ("Boucher", "Bouchère"),
        ),
        ("Panification", "Viennoiserie", "Pâtisserie", "Hygiène alimentaire", "Découpe", "Vente au comptoir"),
        ("10.71C", "10.71D", "47.22Z"),
        ((3, "CAP Boulanger"), (4, "BP Boulanger"), (3, "CAP Pâtissier")),
        ("Boulangerie Fournil des Volcans", "Maison Pradier", "Boucherie du Marché"),
    ),
    Family(
        "Transport et logistique",
        (
            ("Chauffeur poids lourd", "Chauffeuse poids lourd"),
            ("Cariste", "Cariste"),
            ("Préparateur de commandes", "Préparatrice de commandes"),
            ("Responsable logistique", "Responsable logistique"),
        ),
        ("CACES 1-3-5", "Permis C", "FIMO", "Gestion des flux", "WMS", "Inventaire", "Chargement"),
        ("49.41A", "52.10B", "52.29A"),
        ((3, "CAP Conducteur routier"), (4, "Bac pro Logistique"), (5, "BTS Gestion des transports")),
        ("Geodis", "XPO Logistics", "Transports Jacquemmoz", "Kuehne+Nagel", "La Poste"),
    ),
    Family(
        "Informatique",
        (
            ("Développeur web", "Développeuse web"),
            ("Administrateur systèmes et réseaux", "Administratrice systèmes et réseaux"),
            ("Chef de projet informatique", "Cheffe de projet informatique"),
            ("Technicien support", "Technicienne support"),
        ),
        ("Python", "Django", "JavaScript", "Linux", "SQL", "Docker", "Réseaux TCP/IP", "Cybersécurité", "Java",
         "Gestion de projet agile"),
        ("62.01Z", "62.02A", "63.11Z"),
        ((7, "Master Informatique"), (5, "BTS SIO"), (6, "Licence pro Développement web"), (7, "Diplôme d'ingénieur")),
        ("Atos", "Capgemini", "Sopra Steria", "OVHcloud", "Almerys"),
    ),
    Family(
        "Bâtiment et travaux publics",
        (
            ("Chef de chantier", "Cheffe de chantier"),
            ("Maçon", "Maçonne"),
            ("Électricien", "Électricienne"),
            ("Conducteur de travaux", "Conductrice de travaux"),
        ),
        ("Lecture de plans", "Gros œuvre", "Sécurité chantier", "Habilitation électrique", "Autocad", "Métré",
         "Encadrement d'équipe"),
        ("41.20A", "43.21A", "42.11Z", "43.99C"),
        ((3, "CAP Maçon"), (4, "Bac pro Technicien du bâtiment"), (5, "BTS Bâtiment"), (7, "Diplôme d'ingénieur")),
        ("Eiffage", "Vinci Construction", "Bouygues Bâtiment", "Colas", "Spie"),
    ),
    Family(
        "Ressources humaines et administration",
        (
            ("Assistant administratif", "Assistante administrative"),
            ("Chargé de recrutement", "Chargée de recrutement"),
            ("Gestionnaire de paie", "Gestionnaire de paie"),
            ("Directeur des ressources humaines", "Directrice des ressources humaines"),
        ),
        ("Paie", "Droit social", "Recrutement", "Pack Office", "Accueil téléphonique", "SIRH", "Gestion administrative"),
        ("78.10Z", "70.22Z", "82.11Z", "84.11Z"),
        ((5, "BTS Support à l'action managériale"), (7, "Master GRH"), (6, "Licence pro Gestion de la paie")),
        ("Adecco", "Manpower", "Conseil départemental", "Randstad", "Mairie de Clermont-Ferrand"),
    ),
    Family(
        "Agriculture",
        (
            ("Agriculteur", "Agricultrice"),
            ("Ouvrier agricole", "Ouvrière agricole"),
            ("Technicien agricole", "Technicienne agricole"),
        ),
        ("Conduite d'engins agricoles", "Élevage", "Cultures céréalières", "Agronomie", "Certiphyto"),
        ("01.11Z", "01.41Z", "01.50Z"),
        ((4, "Bac pro Conduite et gestion de l'entreprise agricole"), (5, "BTSA Agronomie"), (3, "CAPA")),
        ("Limagrain", "Coopérative Sicaly", "GAEC des Puys", "EARL du Val d'Allier"),
    ),
)

# Places the benchmark corpus lives in, by weight: mostly Auvergne-Rhône-Alpes, some elsewhere (the demo
# world of seed_demo has its own places, all in the region: companies.py).
DEPARTMENT_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("63", 20), ("69", 20), ("38", 10), ("42", 7), ("03", 5), ("15", 3), ("43", 3), ("01", 5), ("73", 4),
    ("74", 5), ("26", 4), ("07", 3), ("75", 5), ("13", 3), ("33", 2), ("31", 2), ("44", 2),
)

LANGUAGES: tuple[tuple[str, int], ...] = (("en", 60), ("es", 15), ("de", 10), ("it", 8), ("pt", 4), ("ar", 3))
CEFR = ("A2", "B1", "B2", "C1", "C2")
CONTRACTS = ("CDI", "CDD", "INTERIM", "ALTERNANCE", "STAGE", "INDEPENDANT")
CONTRACT_WEIGHTS = (55, 25, 14, 8, 5, 3)
