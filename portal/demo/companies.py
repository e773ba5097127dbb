"""The companies of the demo world: sixteen fictitious employers of Auvergne-Rhône-Alpes, one per trade.

Names, SIREN numbers, addresses and people are invented; communes are real (INSEE codes of the
reference data) and each company sits where its trade lives in the region: décolletage in the Arve
valley, plastics in Oyonnax, an Alpine hotel in Chamonix, logistics east of Lyon, a dairy cooperative
on the Velay plateau... Texts are written for each company (at least 150 words of presentation, the
publication rule of company pages).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .images import Brand
from .trades import (
    ADMINISTRATION,
    AGROALIMENTAIRE,
    AIDE_DOMICILE,
    ARBORICULTURE,
    BOULANGERIE,
    BTP,
    COMPTABILITE,
    CONFISERIE,
    ELECTRICITE,
    GRAND_AGE,
    HOTELLERIE,
    LOGISTIQUE,
    MECANIQUE,
    NUMERIQUE,
    PLASTURGIE,
    SANTE,
    Trade,
)

# The departments of Auvergne-Rhône-Alpes: every place of the demo world is in one of them.
REGION_DEPARTMENTS = ("01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74")

PUBLISHED, CLOSED, EXPIRED, DRAFT = "published", "closed", "expired", "draft"


@dataclass(frozen=True)
class Opening:
    """One offer of a company: the job (its masculine title), where (index in the company's towns), its fate."""

    job: str
    town: int = 0
    status: str = PUBLISHED
    contract: str = ""  # empty: the job's usual contract
    qualifier: str = ""  # appended to the title: "saison d'hiver", "équipe de nuit"
    positions: int = 1


@dataclass(frozen=True)
class NewsItem:
    days_ago: int
    title: str
    text: str


@dataclass(frozen=True)
class CompanySpec:
    key: str
    name: str
    trade: Trade
    naf: str
    company_type: str
    towns: tuple[tuple[str, str], ...]  # (INSEE, name); the first is the head office
    address: str
    phone: str
    recruiter: tuple[str, str]  # first name, last name
    brand: Brand
    tagline: str
    website: str
    description: tuple[str, ...]  # paragraphs
    benefits: tuple[tuple[str, str], ...]  # (cms.choices.Benefit value, detail)
    news: tuple[NewsItem, ...]
    socials: tuple[tuple[str, str], ...]  # (CompanyPage field, path on that network)
    openings: tuple[Opening, ...]
    spontaneous: bool = True
    quote: tuple[str, str, str] | None = None  # text, author, role
    labels: tuple[tuple[str, int], ...] = field(default=())
    # Key figures shown on every offer of the company (an augmented offer): (number, label).
    figures: tuple[tuple[str, str], ...] = field(default=())

    @property
    def insee(self) -> str:
        return self.towns[0][0]

    @property
    def town_name(self) -> str:
        return self.towns[0][1]


SOCIAL_BASES = {
    "linkedin_url": "https://www.linkedin.com/company/",
    "facebook_url": "https://www.facebook.com/",
    "instagram_url": "https://www.instagram.com/",
    "youtube_url": "https://www.youtube.com/@",
}


def social_url(field_name: str, handle: str) -> str:
    # "vivier-demo-" keeps the invented handles away from real pages of these networks.
    return f"{SOCIAL_BASES[field_name]}vivier-demo-{handle}"


COMPANIES: tuple[CompanySpec, ...] = (
    CompanySpec(
        key="decolletage-arve",
        name="Décolletage Arve Précision",
        trade=MECANIQUE,
        naf="25.62A",
        company_type="pme",
        towns=(("74081", "Cluses"), ("74264", "Scionzier"), ("74164", "Marignier"), ("74042", "Bonneville"),
               ("74256", "Sallanches")),
        address="145 avenue des Glières",
        phone="04 50 98 21 40",
        recruiter=("Claire", "Bouvier"),
        brand=Brand("#16324f", "#2a6f97", "gears"),
        tagline="Des pièces de précision au micron, fabriquées dans la vallée de l'Arve depuis 1962.",
        website="https://decolletage-arve.example",
        description=(
            "Fondée en 1962 à Cluses par Marcel Bouvier, Décolletage Arve Précision fabrique des pièces de haute "
            "précision pour l'automobile, le médical, l'aéronautique et la connectique. Nos 85 salariés "
            "transforment chaque année plus de 900 tonnes d'acier, de laiton et de titane en vis, axes et inserts "
            "dont les tolérances se mesurent au micron.",
            "Au cœur de la vallée de l'Arve, berceau mondial du décolletage, notre atelier réunit soixante tours "
            "multibroches et à commande numérique, un service méthodes intégré et un laboratoire de métrologie "
            "équipé de deux machines tridimensionnelles. Chaque nouvelle recrue est accompagnée pendant ses "
            "premières semaines par un tuteur, régleur ou technicien confirmé, qui lui transmet les gestes du métier.",
            "Nous croyons à la promotion interne : la moitié de nos régleurs ont commencé comme opérateurs, et nous "
            "finançons chaque année des formations qualifiantes (CQPM, habilitations, programmation). Entreprise "
            "familiale certifiée ISO 9001 et IATF 16949, nous réduisons nos consommations d'énergie et recyclons "
            "la totalité de nos copeaux et de nos huiles de coupe.",
        ),
        benefits=(("interessement", "Intéressement et participation, 1 800 € en moyenne l'an dernier"),
                  ("mutuelle", "Mutuelle prise en charge à 70 %"),
                  ("formation", "Tutorat à l'arrivée et CQPM financés"),
                  ("comite_entreprise", "Chèques vacances et billetterie"),
                  ("parking", "Parking gratuit devant l'atelier")),
        news=(
            NewsItem(24, "Deux nouveaux tours multibroches à l'atelier",
                     "Nous avons installé deux tours multibroches à commande numérique de dernière génération. Ils "
                     "nous permettent d'accepter des pièces médicales en titane plus complexes et de créer trois "
                     "postes de régleur."),
            NewsItem(96, "Portes ouvertes de l'industrie : 140 visiteurs",
                     "Collégiens, familles et demandeurs d'emploi ont découvert nos métiers lors de la semaine de "
                     "l'industrie. Merci aux équipes qui ont fait visiter l'atelier et le laboratoire de métrologie."),
        ),
        socials=(("linkedin_url", "decolletage-arve"), ("youtube_url", "decolletage-arve")),
        openings=(
            Opening("Régleur", 0, positions=2),
            Opening("Opérateur sur commande numérique", 1, qualifier="équipe de nuit"),
            Opening("Technicien de maintenance industrielle", 0),
            Opening("Technicien méthodes", 0),
            Opening("Contrôleur qualité", 0, CLOSED),
            Opening("Opérateur sur commande numérique", 2, EXPIRED, contract="INTERIM"),
            Opening("Régleur", 1, DRAFT, qualifier="tours à cames"),
        ),
        quote=("J'ai commencé ici comme opératrice en intérim il y a huit ans. Aujourd'hui je règle les "
               "multibroches et je forme les nouveaux.", "Sandrine M.", "Régleuse"),
        labels=(("ISO 9001", 2004), ("IATF 16949", 2019)),
        figures=(("85", "salariés à Cluses"), ("60", "tours multibroches et à commande numérique"),
                 ("1962", "année de création")),
    ),
    CompanySpec(
        key="plasturgie-haut-bugey",
        name="Plasturgie du Haut-Bugey",
        trade=PLASTURGIE,
        naf="22.29A",
        company_type="pme",
        towns=(("01283", "Oyonnax"), ("01014", "Arbent"), ("01031", "Bellignat"), ("01053", "Bourg-en-Bresse")),
        address="12 rue de la Forge",
        phone="04 74 77 35 18",
        recruiter=("Julien", "Mercier"),
        brand=Brand("#3a0ca3", "#4895ef", "hexagons"),
        tagline="Pièces techniques injectées pour l'automobile, la cosmétique et le médical, au cœur de la Plastics Vallée.",
        website="https://plasturgie-haut-bugey.example",
        description=(
            "Installée à Oyonnax depuis 1978, au cœur de la Plastics Vallée, Plasturgie du Haut-Bugey conçoit et "
            "injecte des pièces techniques en matières plastiques pour l'automobile, l'emballage cosmétique et le "
            "matériel médical. Nos 140 collaborateurs produisent chaque jour près de deux millions de pièces, de la "
            "petite agrafe au boîtier de 800 grammes.",
            "Notre parc compte 45 presses de 50 à 800 tonnes, dont huit équipées pour la bi-injection, une salle "
            "propre ISO 8 dédiée au médical et un atelier de maintenance des moules. Les équipes travaillent en 2x8 "
            "ou en 3x8 selon les ateliers, avec des primes d'équipe et de nuit et un vrai temps de passation entre "
            "chaque poste.",
            "Nous formons nous-mêmes une grande partie de nos régleurs et techniciens, en lien avec le pôle de "
            "formation de la plasturgie d'Oyonnax et les lycées du Haut-Bugey. Chaque année, plusieurs alternants "
            "rejoignent nos ateliers, et beaucoup y restent. Nous réintégrons nos rebuts broyés dans la production "
            "et visons 30 % de matière recyclée d'ici 2028.",
        ),
        benefits=(("interessement", "Prime d'équipe et prime de nuit"),
                  ("formation", "Parcours régleur en alternance"),
                  ("mutuelle", "Mutuelle familiale"),
                  ("tickets_restaurant", "Titres-restaurant de 9 €"),
                  ("transport", "Navette depuis la gare d'Oyonnax")),
        news=(
            NewsItem(15, "Une salle propre pour le médical",
                     "Notre nouvelle salle propre ISO 8 accueille quatre presses électriques dédiées aux dispositifs "
                     "médicaux. Les premières séries de boîtiers d'inhalateurs sont sorties en octobre."),
            NewsItem(70, "Huit alternants accueillis à la rentrée",
                     "Huit jeunes préparent cette année un bac pro, un BTS ou une licence en plasturgie chez nous, "
                     "chacun accompagné d'un tuteur de l'atelier."),
            NewsItem(150, "30 % de matière recyclée : où en sommes-nous ?",
                     "Nous avons atteint 18 % de matière recyclée sur l'ensemble de nos productions, grâce au "
                     "broyage en ligne des carottes et des pièces non conformes."),
        ),
        socials=(("linkedin_url", "plasturgie-haut-bugey"), ("facebook_url", "plasturgie-haut-bugey")),
        openings=(
            Opening("Régleur sur presse", 0, positions=2),
            Opening("Opérateur de production", 1, contract="INTERIM", positions=3, qualifier="équipes en 3x8"),
            Opening("Technicien de maintenance industrielle", 0),
            Opening("Technicien en plasturgie", 2),
            Opening("Technicien qualité", 0, EXPIRED),
            Opening("Responsable de production", 0, CLOSED),
        ),
        labels=(("ISO 13485", 2021),),
    ),
    CompanySpec(
        key="clinique-val-de-saone",
        name="Clinique du Val de Saône",
        trade=SANTE,
        naf="86.10Z",
        company_type="eti",
        towns=(("69264", "Villefranche-sur-Saône"), ("69072", "Dardilly"), ("69116", "Limonest"),
               ("69123", "Lyon")),
        address="8 boulevard Louis-Blanc",
        phone="04 74 62 48 00",
        recruiter=("Sophie", "Garnier"),
        brand=Brand("#0b525b", "#4d908e", "care"),
        tagline="Chirurgie, médecine et imagerie au nord de Lyon : 420 professionnels au service des patients.",
        website="https://clinique-val-de-saone.example",
        description=(
            "La Clinique du Val de Saône accueille chaque année plus de 25 000 patients à Villefranche-sur-Saône, "
            "à trente minutes au nord de Lyon. Établissement privé de 180 lits et places, elle réunit un plateau "
            "de chirurgie de huit salles, un service de médecine polyvalente, des soins de suite et de réadaptation "
            "et un centre d'imagerie (scanner, IRM).",
            "Nos 420 salariés et 90 médecins travaillent en équipes pluridisciplinaires où chaque métier compte : "
            "infirmiers, aides-soignants, brancardiers, secrétaires médicales, manipulateurs radio, agents de "
            "service. Les plannings sont établis six semaines à l'avance, en 12 heures ou en 7 h 30 selon les "
            "services, et les week-ends de repos sont respectés.",
            "Certifiée par la Haute Autorité de santé, la clinique consacre chaque année plus de 2 % de sa masse "
            "salariale à la formation : tutorat des nouveaux arrivants, simulation en santé, spécialisation en bloc "
            "opératoire ou en soins palliatifs. Un parking gratuit, une crèche partenaire et une navette vers la "
            "gare facilitent le quotidien des équipes.",
        ),
        benefits=(("creche", "Places réservées dans une crèche partenaire"),
                  ("parking", "Parking gratuit pour le personnel"),
                  ("formation", "Spécialisation IBODE financée"),
                  ("comite_entreprise", "CSE actif : voyages, billetterie, chèques cadeaux"),
                  ("conges", "Six jours de congés d'ancienneté")),
        news=(
            NewsItem(30, "Un deuxième IRM pour réduire les délais",
                     "Depuis septembre, un second appareil d'IRM permet de proposer un rendez-vous en moins de "
                     "trois semaines. Six manipulateurs ont rejoint l'équipe d'imagerie."),
            NewsItem(110, "Journée de simulation pour les nouveaux infirmiers",
                     "Urgences vitales, chutes, erreurs médicamenteuses : vingt infirmiers récemment arrivés ont "
                     "suivi une journée de simulation en santé avec nos formateurs."),
        ),
        socials=(("linkedin_url", "clinique-val-de-saone"), ("facebook_url", "clinique-val-de-saone")),
        openings=(
            Opening("Infirmier", 0, positions=3, qualifier="chirurgie orthopédique"),
            Opening("Aide-soignant", 0, positions=2, qualifier="soins de suite"),
            Opening("Infirmier de bloc opératoire", 0),
            Opening("Manipulateur en électroradiologie médicale", 0),
            Opening("Secrétaire médical", 0, CLOSED),
            Opening("Brancardier", 0, contract="CDD"),
        ),
        quote=("Les plannings connus six semaines à l'avance, ça change la vie quand on a des enfants.",
               "Nadia B.", "Infirmière en chirurgie"),
    ),
    CompanySpec(
        key="ehpad-tilleuls-roannais",
        name="EHPAD Les Tilleuls du Roannais",
        trade=GRAND_AGE,
        naf="87.10A",
        company_type="association",
        towns=(("42187", "Roanne"), ("42184", "Riorges")),
        address="27 rue des Tilleuls",
        phone="04 77 71 26 90",
        recruiter=("Karim", "Benali"),
        brand=Brand("#6a4c93", "#b388eb", "care"),
        tagline="Un EHPAD associatif à taille humaine, au bord de la Loire, où l'on prend le temps.",
        website="https://tilleuls-roannais.example",
        description=(
            "Les Tilleuls du Roannais est un EHPAD associatif à but non lucratif situé à Roanne, à deux pas des "
            "bords de Loire. Nous accueillons 96 résidents, dont 14 dans une unité protégée pour les personnes "
            "atteintes de la maladie d'Alzheimer, ainsi qu'un accueil de jour de dix places ouvert aux familles du "
            "bassin roannais.",
            "Notre équipe de 75 professionnels (soignants, agents de service, cuisiniers, animatrice, psychologue, "
            "ergothérapeute) partage un même projet : respecter le rythme et les habitudes de chaque résident. Les "
            "repas sont cuisinés sur place à partir de produits locaux, et les textures adaptées sont préparées "
            "avec le même soin que les plats du jour.",
            "Nous limitons le recours à l'intérim en stabilisant les équipes : plannings connus un mois à l'avance, "
            "binômes fixes par étage, temps de transmission rémunéré. L'association finance la VAE et le diplôme "
            "d'aide-soignant aux agents qui le souhaitent. Le jardin, le potager et la salle Snoezelen sont aussi "
            "des lieux de travail agréables pour le personnel.",
        ),
        benefits=(("formation", "VAE et diplôme d'aide-soignant financés"),
                  ("conges", "Trois jours de congés supplémentaires"),
                  ("mutuelle", "Mutuelle prise en charge à 60 %"),
                  ("parking", "Parking fermé")),
        news=(
            NewsItem(12, "Le potager a donné !",
                     "Tomates, courgettes et fraises : le potager cultivé par les résidents avec notre animatrice a "
                     "fourni les desserts de tout le mois de juillet."),
        ),
        socials=(("facebook_url", "tilleuls-roannais"),),
        openings=(
            Opening("Aide-soignant", 0, positions=2, qualifier="unité protégée"),
            Opening("Infirmier", 0),
            Opening("Agent de service hospitalier", 0, contract="CDD"),
            Opening("Accompagnant éducatif et social", 1),
            Opening("Cuisinier en collectivité", 0, EXPIRED),
        ),
        quote=("Ici on connaît chaque résident par son prénom, et l'équipe aussi se connaît.", "Martine R.",
               "Aide-soignante depuis 2009"),
    ),
    CompanySpec(
        key="hotel-aiguilles",
        name="Hôtel-Restaurant Les Aiguilles",
        trade=HOTELLERIE,
        naf="55.10Z",
        company_type="pme",
        towns=(("74056", "Chamonix-Mont-Blanc"), ("74173", "Megève"), ("74256", "Sallanches")),
        address="62 avenue du Mont-Blanc",
        phone="04 50 53 18 62",
        recruiter=("Élodie", "Chevalier"),
        brand=Brand("#1b4965", "#62b6cb", "mountains"),
        tagline="Hôtel quatre étoiles, spa et restaurant gastronomique face au Mont-Blanc.",
        website="https://hotel-les-aiguilles.example",
        description=(
            "Face au massif du Mont-Blanc, l'Hôtel-Restaurant Les Aiguilles accueille depuis trois générations "
            "skieurs, alpinistes et randonneurs venus du monde entier. Notre hôtel quatre étoiles compte 48 "
            "chambres et suites, un spa avec piscine intérieure, une brasserie savoyarde et un restaurant "
            "gastronomique qui met à l'honneur les producteurs de la vallée.",
            "Ouverts de décembre à avril puis de juin à septembre, nous employons jusqu'à 55 personnes en haute "
            "saison. Une partie de l'équipe revient chaque année, et nous proposons aux saisonniers un logement à "
            "dix minutes à pied de l'hôtel, les repas pris sur place et un forfait de remontées mécaniques.",
            "Notre clientèle est internationale : l'anglais est indispensable à la réception et en salle, "
            "l'italien ou l'allemand sont de vrais plus. Nos chefs forment les commis à la cuisine de saison et au "
            "travail des produits locaux : reblochon, beaufort, féra du Léman, génépi. Les postes clés sont ouverts "
            "en CDI annualisé pour celles et ceux qui veulent s'installer dans la vallée.",
        ),
        benefits=(("conges", "Deux jours de repos consécutifs par semaine"),
                  ("sport", "Forfait de ski ou accès à l'Aiguille du Midi"),
                  ("tickets_restaurant", "Repas pris sur place"),
                  ("transport", "Logement des saisonniers à 10 minutes à pied")),
        news=(
            NewsItem(20, "Recrutement de la saison d'hiver",
                     "Nous recrutons nos équipes pour la saison d'hiver, de mi-décembre à fin avril. Les saisonniers "
                     "des années passées sont prioritaires : écrivez-nous vite, les logements partent tôt."),
            NewsItem(130, "Une nouvelle carte au restaurant",
                     "Notre cheffe a imaginé une carte autour des lacs et des alpages : féra du Léman, agneau de "
                     "l'Oisans et desserts aux herbes de montagne."),
        ),
        socials=(("instagram_url", "hotel-les-aiguilles"), ("facebook_url", "hotel-les-aiguilles")),
        openings=(
            Opening("Réceptionniste", 0, contract="CDD", qualifier="saison d'hiver"),
            Opening("Chef de partie", 0, contract="CDD", qualifier="saison d'hiver"),
            Opening("Commis de cuisine", 0, contract="CDD", positions=2, qualifier="saison d'hiver"),
            Opening("Serveur", 0, contract="CDD", positions=2, qualifier="saison d'hiver"),
            Opening("Employé d'étage", 0, EXPIRED, contract="CDD", qualifier="saison d'été"),
            Opening("Sommelier", 0, CLOSED, contract="CDI"),
        ),
        quote=("Quatrième saison ici : on est logés, nourris, et le Mont-Blanc est la première chose qu'on voit "
               "le matin.", "Lucas P.", "Chef de rang"),
        figures=(("48", "chambres et suites face au Mont-Blanc"), ("55", "saisonniers logés en haute saison"),
                 ("3", "générations d'hôteliers")),
    ),
    CompanySpec(
        key="logistique-est-lyonnais",
        name="Logistique de l'Est Lyonnais",
        trade=LOGISTIQUE,
        naf="52.10B",
        company_type="eti",
        towns=(("69290", "Saint-Priest"), ("69273", "Corbas"), ("38449", "Saint-Quentin-Fallavier"),
               ("69282", "Meyzieu"), ("69259", "Vénissieux")),
        address="3 rue du Champ-du-Pont",
        phone="04 78 20 64 15",
        recruiter=("Thomas", "Roux"),
        brand=Brand("#283618", "#606c38", "routes"),
        tagline="95 000 m² d'entrepôts à l'est de Lyon et des équipes qui font grandir leurs talents.",
        website="https://logistique-est-lyonnais.example",
        description=(
            "Logistique de l'Est Lyonnais est un prestataire logistique indépendant installé à Saint-Priest, Corbas "
            "et Saint-Quentin-Fallavier, au croisement des autoroutes A43 et A46 et de la rocade Est. Sur 95 000 m² "
            "d'entrepôts, nos 320 salariés réceptionnent, stockent et préparent les commandes de marques de "
            "l'équipement de la maison, du sport et de la pièce automobile.",
            "Nous traitons chaque jour plus de 40 000 lignes de commande pour la vente en ligne comme pour les "
            "magasins, avec un système de gestion d'entrepôt moderne, la préparation vocale et des zones de tri "
            "automatisées. Notre flotte de quarante camions assure la distribution régionale et les navettes entre "
            "nos sites.",
            "Beaucoup de nos chefs d'équipe ont commencé comme préparateurs : nous formons aux CACES en interne et "
            "proposons des parcours vers l'encadrement. Les sites sont desservis par les transports en commun de la "
            "métropole, les horaires d'équipe sont fixes (matin, après-midi ou nuit) et une prime de productivité "
            "collective est versée chaque mois.",
        ),
        benefits=(("interessement", "Prime de productivité collective mensuelle"),
                  ("formation", "CACES passés en interne"),
                  ("transport", "Abonnement TCL remboursé à 75 %"),
                  ("tickets_restaurant", "Titres-restaurant et restaurant d'entreprise à Saint-Priest"),
                  ("parking", "Parkings gratuits sur tous les sites")),
        news=(
            NewsItem(8, "Un nouvel entrepôt à Corbas",
                     "Notre troisième entrepôt, 32 000 m² couverts de panneaux solaires, a ouvert en septembre. Il "
                     "accueille l'activité d'un distributeur de pièces automobiles et 70 nouveaux postes."),
            NewsItem(60, "Zéro accident avec arrêt en six mois",
                     "Le site de Saint-Priest a passé six mois sans accident avec arrêt. Bravo aux équipes et aux "
                     "animateurs sécurité !"),
        ),
        socials=(("linkedin_url", "logistique-est-lyonnais"),),
        openings=(
            Opening("Cariste", 1, positions=4),
            Opening("Préparateur de commandes", 0, contract="INTERIM", positions=6, qualifier="équipe du matin"),
            Opening("Agent de quai", 2),
            Opening("Chef d'équipe logistique", 1, qualifier="équipe de nuit"),
            Opening("Exploitant transport", 0),
            Opening("Chauffeur poids lourd", 0, EXPIRED),
            Opening("Responsable d'entrepôt", 1, CLOSED),
        ),
        figures=(("320", "salariés sur trois sites"), ("95 000 m²", "d'entrepôts à l'est de Lyon"),
                 ("40 000", "lignes de commande préparées chaque jour")),
    ),
    CompanySpec(
        key="batiments-dauphine",
        name="Bâtiments du Dauphiné",
        trade=BTP,
        naf="41.20B",
        company_type="pme",
        towns=(("38563", "Voiron"), ("38239", "Moirans"), ("38185", "Grenoble"), ("38382", "Saint-Égrève")),
        address="Zone d'activités de Champfeuillet",
        phone="04 76 05 33 72",
        recruiter=("Nicolas", "Fabre"),
        brand=Brand("#9a3412", "#f59e0b", "buildings"),
        tagline="Une Scop de gros œuvre où les compagnons sont aussi associés.",
        website="https://batiments-dauphine.example",
        description=(
            "Bâtiments du Dauphiné est une entreprise de gros œuvre créée à Voiron en 1954 et devenue société "
            "coopérative et participative (Scop) en 1991 : la majorité de nos 110 salariés sont aussi associés de "
            "l'entreprise. Nous construisons et réhabilitons des logements collectifs, des écoles, des gymnases et "
            "des bâtiments d'activité dans le pays voironnais et la métropole grenobloise.",
            "Nos équipes de maçons, coffreurs bancheurs, grutiers et chefs de chantier interviennent sur une "
            "quinzaine de chantiers à la fois, à moins d'une heure de Voiron. Chaque chantier dispose d'une base vie "
            "chauffée, et nos camions atelier sont équipés pour limiter la manutention. La sécurité passe avant "
            "tout : quart d'heure sécurité chaque semaine et équipement fourni, des chaussures aux harnais.",
            "En Scop, les bénéfices sont partagés entre tous : participation, intéressement et dividendes "
            "représentent en moyenne un mois et demi de salaire supplémentaire. Nous accueillons chaque année des "
            "apprentis maçons et des alternants en conduite de travaux, et nous développons la construction bas "
            "carbone : béton recyclé, ossature bois et isolation biosourcée.",
        ),
        benefits=(("interessement", "Participation et dividendes de Scop"),
                  ("formation", "Apprentissage et parcours vers chef de chantier"),
                  ("mutuelle", "Mutuelle et prévoyance du BTP"),
                  ("transport", "Indemnités de trajet et véhicules de chantier")),
        news=(
            NewsItem(40, "Livraison du groupe scolaire de Moirans",
                     "Après dix-huit mois de travaux, le nouveau groupe scolaire de Moirans a accueilli ses "
                     "premiers élèves. Un chantier de 4 000 m² en béton bas carbone."),
            NewsItem(90, "Douze nouveaux associés",
                     "L'assemblée générale a accueilli douze nouveaux salariés associés. Plus de 70 % des "
                     "compagnons sont désormais associés de la Scop."),
        ),
        socials=(("linkedin_url", "batiments-dauphine"), ("facebook_url", "batiments-dauphine")),
        openings=(
            Opening("Maçon", 0, positions=3),
            Opening("Coffreur bancheur", 2, positions=2),
            Opening("Chef de chantier", 0),
            Opening("Conducteur de travaux", 2),
            Opening("Grutier", 1, EXPIRED),
            Opening("Métreur", 0, CLOSED),
        ),
        labels=(("Qualibat", 1998), ("MASE", 2018)),
    ),
    CompanySpec(
        key="savoie-elec-services",
        name="Savoie Élec Services",
        trade=ELECTRICITE,
        naf="43.21A",
        company_type="pme",
        towns=(("73065", "Chambéry"), ("73008", "Aix-les-Bains"), ("73011", "Albertville")),
        address="18 rue du Pré-de-l'Âne",
        phone="04 79 62 84 30",
        recruiter=("Aurélie", "Perrin"),
        brand=Brand("#023e8a", "#f4a261", "circuit"),
        tagline="Électricité tertiaire et industrielle, courants faibles et maintenance en Savoie.",
        website="https://savoie-elec-services.example",
        description=(
            "Savoie Élec Services réalise depuis 1987 les installations électriques de bureaux, de commerces, "
            "d'établissements de santé et de sites industriels en Savoie. Depuis nos agences de Chambéry et "
            "d'Albertville, nos 65 salariés interviennent en courants forts et faibles : distribution électrique, "
            "éclairage, réseaux informatiques, contrôle d'accès et sécurité incendie.",
            "Nous assurons aussi la maintenance de près de 300 bâtiments sous contrat, avec une astreinte organisée "
            "à tour de rôle et rémunérée. Chaque électricien dispose d'un véhicule équipé et d'un outillage complet "
            "renouvelé régulièrement ; les chantiers sont préparés par nos chargés d'affaires pour que les équipes "
            "arrivent avec le bon matériel et les bons plans.",
            "Nous aidons nos équipes à progresser : recyclage des habilitations électriques, formations aux bornes "
            "de recharge et au photovoltaïque, accompagnement vers les postes de chef de chantier ou de chargé "
            "d'affaires. L'entreprise est qualifiée Qualifelec et RGE, et une part croissante de notre activité "
            "concerne la rénovation énergétique des bâtiments publics savoyards.",
        ),
        benefits=(("formation", "Bornes de recharge, photovoltaïque, habilitations"),
                  ("interessement", "Prime d'astreinte et intéressement"),
                  ("mutuelle", "Mutuelle prise en charge à 100 % pour le salarié"),
                  ("tickets_restaurant", "Paniers repas sur chantier")),
        news=(
            NewsItem(35, "Rénovation du lycée de Saint-Jean-de-Maurienne",
                     "Nos équipes ont remplacé l'éclairage de 80 salles de classe par des luminaires LED pilotés, "
                     "pour une consommation divisée par trois."),
        ),
        socials=(("linkedin_url", "savoie-elec-services"),),
        openings=(
            Opening("Électricien du bâtiment", 0, positions=2),
            Opening("Électricien industriel", 2),
            Opening("Technicien itinérant", 1),
            Opening("Chargé d'affaires", 0),
            Opening("Chef de chantier", 0, EXPIRED),
        ),
        labels=(("Qualifelec", 1995), ("RGE", 2014)),
    ),
    CompanySpec(
        key="boulangeries-fayolle",
        name="Boulangeries Fayolle",
        trade=BOULANGERIE,
        naf="10.71C",
        company_type="pme",
        towns=(("42218", "Saint-Étienne"), ("42207", "Saint-Chamond"), ("42095", "Firminy"), ("42147", "Montbrison")),
        address="4 place Jean-Jaurès",
        phone="04 77 32 15 08",
        recruiter=("Anne", "Fayolle"),
        brand=Brand("#7f4f24", "#d4a373", "wheat"),
        tagline="Sept boulangeries de quartier dans la Loire, du pain au levain cuit sur place.",
        website="https://boulangeries-fayolle.example",
        description=(
            "Boulangeries Fayolle, c'est l'histoire d'une famille de boulangers stéphanois : une première boutique "
            "ouverte en 1971 place Jean-Jaurès, puis six autres à Saint-Étienne, Saint-Chamond, Firminy et "
            "Montbrison. Nos 58 salariés fabriquent chaque jour pains au levain, viennoiseries et pâtisseries à "
            "partir de farines moulues dans la Loire et de beurre AOP.",
            "Chaque boutique a son propre fournil : le pain y est pétri, façonné et cuit sur place, en pousse lente, "
            "et les vendeuses et vendeurs connaissent leurs clients par leur prénom. Nos pâtissiers travaillent dans "
            "un laboratoire commun à Saint-Étienne, d'où partent chaque matin les entremets, les tartes et les "
            "gâteaux de voyage.",
            "Nous formons de nombreux apprentis en CAP et en brevet professionnel, accompagnés par un maître "
            "d'apprentissage attitré. Les horaires sont affichés deux semaines à l'avance, un dimanche sur deux est "
            "libre et chacun repart avec du pain chaque jour. Nos invendus sont donnés aux associations du quartier, "
            "et nous participons chaque année au concours de la meilleure baguette de la Loire.",
        ),
        benefits=(("conges", "Un dimanche sur deux libre"),
                  ("formation", "Apprentissage et brevet professionnel"),
                  ("mutuelle", "Mutuelle de la boulangerie"),
                  ("interessement", "Prime de fin d'année")),
        news=(
            NewsItem(18, "Deuxième prix de la meilleure baguette de la Loire",
                     "Notre fournil de Saint-Chamond a décroché la deuxième place du concours départemental. "
                     "Félicitations à Mathis, apprenti en deuxième année !"),
            NewsItem(75, "Une septième boutique à Montbrison",
                     "Notre nouvelle boulangerie de Montbrison a ouvert ses portes rue Tupinerie, avec son fournil "
                     "et une équipe de six personnes."),
        ),
        socials=(("instagram_url", "boulangeries-fayolle"), ("facebook_url", "boulangeries-fayolle")),
        openings=(
            Opening("Boulanger", 1),
            Opening("Pâtissier", 0),
            Opening("Vendeur en boulangerie", 3, positions=2),
            Opening("Boulanger-pâtissier", 2),
            Opening("Responsable de magasin", 0, CLOSED),
            Opening("Vendeur en boulangerie", 0, EXPIRED, contract="CDD", qualifier="fêtes de fin d'année"),
        ),
        quote=("Mon maître d'apprentissage m'a appris le levain comme on transmet une recette de famille.",
               "Mathis D.", "Apprenti boulanger"),
    ),
    CompanySpec(
        key="arverne-expertise",
        name="Arverne Expertise Comptable",
        trade=COMPTABILITE,
        naf="69.20Z",
        company_type="pme",
        towns=(("63113", "Clermont-Ferrand"), ("63300", "Riom"), ("63178", "Issoire")),
        address="21 rue Blatin",
        phone="04 73 93 52 61",
        recruiter=("Isabelle", "Chassagne"),
        brand=Brand("#14213d", "#4361ee", "chart"),
        tagline="Expertise comptable, paie et conseil pour 1 400 entreprises du Puy-de-Dôme.",
        website="https://arverne-expertise.example",
        description=(
            "Arverne Expertise Comptable accompagne depuis 1994 plus de 1 400 entreprises du Puy-de-Dôme : "
            "artisans, commerçants, professions libérales, exploitations agricoles et PME industrielles. Depuis nos "
            "bureaux de Clermont-Ferrand, Riom et Issoire, nos 48 collaborateurs tiennent les comptabilités, "
            "établissent les bilans, gèrent la paie de 4 000 salariés et conseillent les dirigeants dans leurs "
            "projets.",
            "Chaque collaborateur suit un portefeuille de clients qu'il connaît bien, avec l'appui d'un "
            "expert-comptable associé et de nos pôles juridique, social et fiscal. Nous avons dématérialisé la "
            "collecte des pièces et la production des comptes, ce qui permet jusqu'à deux jours de télétravail par "
            "semaine et des horaires souples en dehors des périodes fiscales.",
            "Nous recrutons des profils débutants comme confirmés et finançons le parcours DCG, DSCG et le diplôme "
            "d'expertise comptable de celles et ceux qui veulent aller plus loin. Le cabinet de Clermont-Ferrand "
            "est à deux pas du tramway et de la place de Jaude ; une salle de repos, des vélos de service et un "
            "séminaire annuel dans les volcans font partie de la vie du cabinet.",
        ),
        benefits=(("teletravail", "Jusqu'à deux jours par semaine"),
                  ("horaires_flexibles", "Horaires souples hors périodes fiscales"),
                  ("formation", "DCG, DSCG et DEC financés"),
                  ("tickets_restaurant", "Titres-restaurant de 10 €"),
                  ("transport", "Abonnement T2C remboursé et vélos de service")),
        news=(
            NewsItem(28, "Un bureau agrandi à Riom",
                     "Notre bureau de Riom s'installe dans des locaux plus grands, rue de l'Horloge, et accueillera "
                     "quatre collaborateurs supplémentaires d'ici l'été."),
            NewsItem(140, "Séminaire au Sancy",
                     "Toute l'équipe s'est retrouvée deux jours au Mont-Dore pour préparer la saison fiscale… et "
                     "gravir le puy de Sancy."),
        ),
        socials=(("linkedin_url", "arverne-expertise"),),
        openings=(
            Opening("Collaborateur comptable", 0, positions=2),
            Opening("Assistant comptable", 1, contract="ALTERNANCE"),
            Opening("Gestionnaire de paie", 0),
            Opening("Expert-comptable", 1),
            Opening("Auditeur", 0, EXPIRED),
        ),
    ),
    CompanySpec(
        key="alpes-numerique",
        name="Alpes Numérique Services",
        trade=NUMERIQUE,
        naf="62.02A",
        company_type="pme",
        towns=(("38229", "Meylan"), ("38185", "Grenoble"), ("38249", "Montbonnot-Saint-Martin")),
        address="Inovallée, 40 chemin du Vieux-Chêne",
        phone="04 76 41 27 90",
        recruiter=("Karine", "Vidal"),
        brand=Brand("#240046", "#7b2cbf", "circuit"),
        tagline="Applications métiers, cloud et cybersécurité, conçus par des équipes produit à Meylan.",
        website="https://alpes-numerique.example",
        description=(
            "Alpes Numérique Services est une entreprise de services numériques créée en 2006 à Meylan, au cœur de "
            "la technopole Inovallée. Nos 120 collaborateurs conçoivent et font vivre les applications métiers, les "
            "infrastructures cloud et la sécurité informatique d'industriels, d'établissements de santé et de "
            "collectivités de la région grenobloise.",
            "Nous travaillons en équipes produit de cinq à huit personnes, dans nos locaux et non en régie chez le "
            "client : développeurs, ingénieurs DevOps, administrateurs systèmes et chefs de projet partagent les "
            "mêmes rituels agiles et la même exigence de qualité (revues de code, tests automatisés, "
            "documentation). Notre centre de services assure le support et l'infogérance de 3 500 postes de travail.",
            "Chacun consacre dix jours par an à la formation et à la veille, et nous prenons en charge les "
            "certifications. Le télétravail est possible trois jours par semaine, les horaires sont libres autour "
            "d'une plage commune, et nous participons à la vie tech grenobloise : meetups, hackathons, cours à "
            "l'université. Une partie de nos projets est publiée en logiciel libre.",
        ),
        benefits=(("teletravail", "Jusqu'à trois jours par semaine"),
                  ("horaires_flexibles", "Horaires libres autour d'une plage commune"),
                  ("formation", "Dix jours de formation et de veille par an"),
                  ("sport", "Salle d'escalade partenaire"),
                  ("transport", "Forfait mobilités durables de 700 €")),
        news=(
            NewsItem(10, "Nous publions notre outil de supervision en logiciel libre",
                     "Après trois ans d'usage interne, notre outil de supervision des postes de travail est "
                     "disponible sous licence libre. Merci à l'équipe infogérance !"),
            NewsItem(55, "Hackathon santé à Grenoble",
                     "Six d'entre nous ont participé au hackathon santé de la métropole, avec un prototype de "
                     "planification des tournées d'infirmiers libéraux."),
        ),
        socials=(("linkedin_url", "alpes-numerique"), ("youtube_url", "alpes-numerique")),
        openings=(
            Opening("Développeur full stack", 0, positions=2),
            Opening("Ingénieur DevOps", 0),
            Opening("Administrateur systèmes et réseaux", 1),
            Opening("Technicien support", 0, contract="ALTERNANCE"),
            Opening("Chef de projet informatique", 0),
            Opening("Expert en cybersécurité", 0, CLOSED),
            Opening("Développeur web", 1, EXPIRED),
        ),
    ),
    CompanySpec(
        key="cooperative-velay",
        name="Coopérative laitière du Velay",
        trade=AGROALIMENTAIRE,
        naf="10.51C",
        company_type="pme",
        towns=(("43268", "Yssingeaux"), ("43137", "Monistrol-sur-Loire"), ("43224", "Sainte-Sigolène"),
               ("43244", "Tence")),
        address="Route de Retournac",
        phone="04 71 59 06 44",
        recruiter=("Pierre", "Chapuis"),
        brand=Brand("#2d6a4f", "#95d5b2", "hills"),
        tagline="230 fermes de Haute-Loire et une fromagerie coopérative à Yssingeaux.",
        website="https://cooperative-velay.example",
        description=(
            "La Coopérative laitière du Velay rassemble 230 exploitations familiales de Haute-Loire, du plateau "
            "d'Yssingeaux aux monts du Meygal. Chaque jour, nos camions collectent le lait de leurs troupeaux, "
            "transformé dans notre fromagerie d'Yssingeaux en tommes, bleus, fromages frais et yaourts vendus dans "
            "la région et dans toute la France.",
            "Nos 95 salariés travaillent à la collecte, à la fabrication, à l'affinage, au conditionnement, à la "
            "qualité et au conseil aux éleveurs. La fromagerie a été modernisée en 2022 : nouvelles lignes de "
            "conditionnement, caves d'affinage régulées et récupération de chaleur sur les groupes froids. Les "
            "équipes de production travaillent en 2x8 du lundi au samedi.",
            "En coopérative, les décisions se prennent au plus près du terrain et les résultats restent sur le "
            "territoire. Nous formons nos opérateurs aux métiers de la fromagerie et accompagnons chaque année des "
            "alternants en industrie agroalimentaire. Grâce à notre démarche « lait de foin » et à nos fromages "
            "sous signe de qualité, le lait est payé aux éleveurs au-dessus du prix du marché.",
        ),
        benefits=(("interessement", "Intéressement aux résultats de la coopérative"),
                  ("formation", "Formation aux métiers de la fromagerie"),
                  ("comite_entreprise", "Colis de fromages et chèques vacances"),
                  ("parking", "Parking du personnel")),
        news=(
            NewsItem(22, "Médaille d'or pour notre tomme du Meygal",
                     "Notre tomme affinée six mois a reçu une médaille d'or au concours général agricole. Bravo aux "
                     "fromagers et aux éleveurs !"),
            NewsItem(100, "La démarche « lait de foin » s'étend",
                     "Quarante nouvelles exploitations nourrissent désormais leurs vaches au foin et à l'herbe, sans "
                     "ensilage. Leur lait est mieux payé et nos fromages y gagnent en goût."),
        ),
        socials=(("facebook_url", "cooperative-velay"), ("linkedin_url", "cooperative-velay")),
        openings=(
            Opening("Opérateur en agroalimentaire", 0, positions=3),
            Opening("Fromager", 0),
            Opening("Conducteur de ligne", 0, qualifier="conditionnement"),
            Opening("Chauffeur poids lourd", 0, qualifier="collecte de lait"),
            Opening("Technicien qualité", 0, EXPIRED),
            Opening("Conseiller agricole", 0, CLOSED),
        ),
        labels=(("IFS Food", 2016),),
    ),
    CompanySpec(
        key="monts-du-cantal",
        name="Syndicat mixte des Monts du Cantal",
        trade=ADMINISTRATION,
        naf="84.11Z",
        company_type="public",
        towns=(("15014", "Aurillac"), ("15187", "Saint-Flour"), ("15120", "Mauriac")),
        address="5 place du Square",
        phone="04 71 48 62 10",
        recruiter=("Laurence", "Vigier"),
        brand=Brand("#264653", "#2a9d8f", "civic"),
        tagline="Des services partagés pour 58 communes du Cantal, au plus près des habitants.",
        website="https://monts-du-cantal.example",
        description=(
            "Le Syndicat mixte des Monts du Cantal regroupe 58 communes et trois communautés de communes autour "
            "d'Aurillac, de Saint-Flour et de Mauriac. Créé pour mutualiser les services que les petites communes "
            "ne peuvent porter seules, il assure le secrétariat de mairie itinérant, l'entretien des espaces "
            "publics, le suivi de la ressource en eau et l'accompagnement des projets de territoire.",
            "Nos 72 agents, titulaires et contractuels, travaillent au plus près des habitants : une secrétaire de "
            "mairie suit trois ou quatre villages, une équipe d'espaces verts se déplace de bourg en bourg, nos "
            "techniciens surveillent les captages et les rivières du massif cantalien. Véhicules de service, "
            "ordinateurs portables et logiciels partagés facilitent le travail loin du siège.",
            "Rejoindre le syndicat, c'est exercer un métier utile dans un cadre de vie exceptionnel, entre volcans, "
            "estives et lacs. Nous proposons 37 heures par semaine avec 12 jours de RTT, le régime indemnitaire de "
            "la fonction publique territoriale, l'adhésion au CNAS et un plan de formation avec le CNFPT. Les "
            "postes sont ouverts aux fonctionnaires comme aux contractuels.",
        ),
        benefits=(("conges", "12 jours de RTT"),
                  ("comite_entreprise", "Adhésion au CNAS"),
                  ("formation", "Plan de formation avec le CNFPT"),
                  ("horaires_flexibles", "Horaires variables au siège")),
        news=(
            NewsItem(45, "Le secrétariat itinérant s'étend à dix nouvelles communes",
                     "Dix communes de la Châtaigneraie ont rejoint le service de secrétariat de mairie itinérant. "
                     "Deux secrétaires de mairie vont être recrutées."),
        ),
        socials=(("linkedin_url", "monts-du-cantal"), ("facebook_url", "monts-du-cantal")),
        openings=(
            Opening("Secrétaire de mairie", 1, positions=2),
            Opening("Agent d'entretien des espaces verts", 2),
            Opening("Technicien de l'environnement", 0),
            Opening("Chargé de mission", 0, qualifier="programme LEADER"),
            Opening("Adjoint administratif", 0, EXPIRED),
            Opening("Rédacteur territorial", 0, CLOSED),
        ),
        spontaneous=False,
    ),
    CompanySpec(
        key="vergers-collines-drome",
        name="Vergers des Collines de la Drôme",
        trade=ARBORICULTURE,
        naf="01.24Z",
        company_type="pme",
        towns=(("26281", "Romans-sur-Isère"), ("26057", "Bourg-de-Péage"), ("38416", "Saint-Marcellin"),
               ("26362", "Valence")),
        address="Chemin des Chasses",
        phone="04 75 02 47 19",
        recruiter=("Mathieu", "Reynaud"),
        brand=Brand("#bc4749", "#f2a541", "hills"),
        tagline="180 hectares de vergers et une station fruitière en Drôme des collines.",
        website="https://vergers-collines-drome.example",
        description=(
            "Installés entre Romans-sur-Isère et Saint-Marcellin, les Vergers des Collines de la Drôme cultivent "
            "180 hectares de pêchers, d'abricotiers, de pommiers et de noyers sur les coteaux de la Drôme des "
            "collines. Trois familles d'arboriculteurs se sont associées en 1998 pour partager leur station "
            "fruitière, leur matériel et leurs équipes.",
            "Nos 35 salariés permanents conduisent les vergers toute l'année (taille, éclaircissage, protection des "
            "cultures, irrigation au goutte-à-goutte) et encadrent jusqu'à 150 saisonniers pendant les récoltes, de "
            "juin à octobre. La station fruitière trie, calibre et conditionne les fruits pour les grossistes, les "
            "magasins de producteurs et la grande distribution régionale.",
            "Nous sommes certifiés Haute Valeur Environnementale et convertissons chaque année de nouvelles "
            "parcelles en agriculture biologique. Les saisonniers qui reviennent sont prioritaires, un hébergement "
            "est proposé aux personnes venant de loin et les horaires d'été commencent tôt pour éviter les heures "
            "chaudes. Les postes permanents ouvrent droit aux formations Certiphyto et à la conduite d'engins.",
        ),
        benefits=(("conges", "Horaires d'été décalés pour éviter la chaleur"),
                  ("formation", "Certiphyto et conduite d'engins"),
                  ("transport", "Hébergement des saisonniers"),
                  ("interessement", "Prime de fin de récolte")),
        news=(
            NewsItem(50, "Récolte des abricots : bilan de saison",
                     "Malgré les orages de juin, 1 900 tonnes d'abricots sont passées par la station. Merci aux 140 "
                     "saisonniers de cet été !"),
            NewsItem(160, "Vingt hectares de plus en agriculture biologique",
                     "Les parcelles de pommiers de Bourg-de-Péage entrent en conversion. Trois ans de travail pour "
                     "une première récolte certifiée."),
        ),
        socials=(("facebook_url", "vergers-collines-drome"), ("instagram_url", "vergers-collines-drome")),
        openings=(
            Opening("Arboriculteur", 0),
            Opening("Ouvrier agricole", 1, positions=8, qualifier="récolte des pommes"),
            Opening("Chef de culture", 0),
            Opening("Mécanicien agricole", 0),
            Opening("Cariste", 0, EXPIRED, contract="CDD", qualifier="station fruitière"),
        ),
    ),
    CompanySpec(
        key="bourbonnais-aide-domicile",
        name="Bourbonnais Aide et Présence à Domicile",
        trade=AIDE_DOMICILE,
        naf="88.10A",
        company_type="association",
        towns=(("03190", "Moulins"), ("03321", "Yzeure"), ("03310", "Vichy"), ("03095", "Cusset"),
               ("03185", "Montluçon")),
        address="9 rue de Paris",
        phone="04 70 44 18 27",
        recruiter=("Nathalie", "Bernard"),
        brand=Brand("#b5179e", "#f72585", "care"),
        tagline="Aider 1 200 personnes de l'Allier à bien vivre chez elles.",
        website="https://bourbonnais-aide-domicile.example",
        description=(
            "Association créée en 1969, Bourbonnais Aide et Présence à Domicile permet à 1 200 personnes âgées ou en "
            "situation de handicap de vivre chez elles dans de bonnes conditions, à Moulins, Vichy, Montluçon et "
            "dans les communes rurales de l'Allier. Aide au ménage et aux courses, préparation des repas, aide à la "
            "toilette, accompagnement aux rendez-vous : nos interventions s'adaptent à chaque situation.",
            "Nos 160 aides à domicile, auxiliaires de vie et accompagnants éducatifs et sociaux sont épaulés par six "
            "coordinatrices qui organisent les plannings et restent joignables pendant les interventions. Les temps "
            "de trajet sont rémunérés, les frais kilométriques remboursés et des véhicules de service sont prêtés "
            "aux salariés qui n'en ont pas.",
            "Nous privilégions les contrats à temps choisi, avec des tournées regroupées par secteur pour limiter "
            "les déplacements. Chaque nouvelle recrue est formée pendant une semaine, en binôme avec une "
            "intervenante expérimentée, et peut ensuite préparer le diplôme d'accompagnant éducatif et social par "
            "la VAE. Des groupes de parole mensuels permettent d'échanger sur les situations difficiles.",
        ),
        benefits=(("horaires_flexibles", "Temps de travail choisi"),
                  ("transport", "Trajets rémunérés et véhicules de service"),
                  ("formation", "Une semaine en binôme puis VAE"),
                  ("mutuelle", "Mutuelle prise en charge à 50 %")),
        news=(
            NewsItem(26, "Douze véhicules électriques pour les intervenantes",
                     "Grâce au soutien du département, douze véhicules électriques sont prêtés aux intervenantes "
                     "des secteurs ruraux de Moulins et de Montluçon."),
        ),
        socials=(("facebook_url", "bourbonnais-aide-domicile"),),
        openings=(
            Opening("Aide à domicile", 0, positions=4),
            Opening("Auxiliaire de vie", 2, positions=2),
            Opening("Accompagnant éducatif et social", 4),
            Opening("Coordinateur de services à la personne", 2),
            Opening("Aide à domicile", 4, EXPIRED, contract="CDD", qualifier="remplacements d'été"),
        ),
    ),
    CompanySpec(
        key="confiserie-boutieres",
        name="Confiserie des Boutières",
        trade=CONFISERIE,
        naf="10.82Z",
        company_type="pme",
        towns=(("07186", "Privas"), ("07019", "Aubenas")),
        address="Avenue de la Châtaigneraie",
        phone="04 75 64 09 31",
        recruiter=("Hélène", "Faure"),
        brand=Brand("#6f1d1b", "#bb9457", "hills"),
        tagline="Crème de marrons et marrons glacés d'Ardèche depuis 1932.",
        website="https://confiserie-boutieres.example",
        description=(
            "Depuis 1932, la Confiserie des Boutières transforme à Privas les châtaignes d'Ardèche en crème de "
            "marrons, marrons glacés, purées et confitures. Nous travaillons avec plus de 120 castanéiculteurs du "
            "plateau ardéchois, sous l'appellation Châtaigne d'Ardèche AOP, et nos produits sont vendus en "
            "épiceries fines, en grande distribution et dans notre boutique d'usine.",
            "Nos 42 salariés permanents sont rejoints chaque automne par une trentaine de saisonniers pour la "
            "campagne de la châtaigne, d'octobre à janvier. L'atelier réunit des confiseurs, des conducteurs de "
            "ligne, des opérateurs de conditionnement, une équipe qualité et un magasin. Les marrons glacés sont "
            "encore confits pendant plusieurs jours et glacés à la main.",
            "Nous formons nous-mêmes aux gestes de la confiserie, transmis par des salariés présents depuis plus de "
            "vingt ans. L'entreprise a investi dans une chaudière biomasse alimentée par les bogues et les coques "
            "de châtaignes, et recycle l'ensemble de ses emballages de production. Les horaires de journée sont la "
            "règle, sauf pendant la campagne où des équipes en 2x8 sont organisées.",
        ),
        benefits=(("comite_entreprise", "Colis de fin d'année et réductions en boutique"),
                  ("interessement", "Prime de campagne"),
                  ("parking", "Parking du personnel"),
                  ("mutuelle", "Mutuelle prise en charge à 60 %")),
        news=(
            NewsItem(5, "La campagne de la châtaigne commence",
                     "Les premières châtaignes du plateau sont arrivées à l'usine. Trente saisonniers nous "
                     "rejoignent jusqu'en janvier : bienvenue à eux !"),
            NewsItem(80, "Une chaudière biomasse alimentée par nos bogues",
                     "Notre nouvelle chaudière brûle les bogues et les coques de châtaignes : elle couvre 70 % des "
                     "besoins en vapeur de l'atelier."),
        ),
        socials=(("instagram_url", "confiserie-boutieres"), ("facebook_url", "confiserie-boutieres")),
        openings=(
            Opening("Opérateur de conditionnement", 0, contract="CDD", positions=6, qualifier="campagne d'automne"),
            Opening("Conducteur de ligne", 0),
            Opening("Technicien qualité", 0),
            Opening("Commercial", 1),
            Opening("Opérateur en agroalimentaire", 0, EXPIRED, contract="CDD", qualifier="début de campagne"),
        ),
    ),
)

COMPANIES_BY_KEY = {spec.key: spec for spec in COMPANIES}

# A company that signed up and waits for the moderators: its recruiter can log in and see the waiting screen.
PENDING_COMPANY = {
    "name": "Menuiserie Chabert",
    "naf": "16.23Z",
    "company_type": "tpe",
    "insee": "07010",  # Annonay
    "address": "7 rue du Vivarais",
    "phone": "04 75 33 28 16",
    "recruiter": ("Bruno", "Chabert"),
}
