"""The seed job-title vocabulary: masculine and feminine forms, by family of trades.

Our own list (no package ships French job titles with both forms under a usable licence). Each line
reads "masculine / feminine"; a line without " / " is epicene. Feminine forms follow current French
usage (ingénieure, cheffe, autrice). The table is extended in the admin as the product learns;
`load_reference_data` adds and updates these entries and never deletes the others.
"""

from .text import fold

_TITLES_BY_FAMILY = {
    "Industrie et production": """
        Opérateur de production / Opératrice de production
        Agent de production / Agente de production
        Agent de fabrication / Agente de fabrication
        Ouvrier polyvalent / Ouvrière polyvalente
        Ouvrier de production / Ouvrière de production
        Conducteur de ligne / Conductrice de ligne
        Conducteur de machine / Conductrice de machine
        Pilote de ligne de production
        Régleur / Régleuse
        Régleur sur presse / Régleuse sur presse
        Opérateur sur commande numérique / Opératrice sur commande numérique
        Tourneur / Tourneuse
        Fraiseur / Fraiseuse
        Usineur / Usineuse
        Soudeur / Soudeuse
        Chaudronnier / Chaudronnière
        Tuyauteur / Tuyauteuse
        Tôlier / Tôlière
        Ajusteur monteur / Ajusteuse monteuse
        Monteur câbleur / Monteuse câbleuse
        Câbleur / Câbleuse
        Mouleur / Mouleuse
        Plasturgiste
        Peintre industriel / Peintre industrielle
        Conditionneur / Conditionneuse
        Opérateur de conditionnement / Opératrice de conditionnement
        Pontier / Pontière
        Imprimeur / Imprimeuse
        Contrôleur / Contrôleuse
        Contrôleur qualité / Contrôleuse qualité
        Technicien / Technicienne
        Technicien qualité / Technicienne qualité
        Technicien méthodes / Technicienne méthodes
        Technicien de production / Technicienne de production
        Technicien chimiste / Technicienne chimiste
        Technicien en plasturgie / Technicienne en plasturgie
        Chef d'atelier / Cheffe d'atelier
        Chef d'équipe de production / Cheffe d'équipe de production
        Responsable de production
        Responsable qualité
        Animateur qualité / Animatrice qualité
        Monteur en structures aéronautiques / Monteuse en structures aéronautiques
        Opérateur en agroalimentaire / Opératrice en agroalimentaire
        Préparateur en cosmétique / Préparatrice en cosmétique
    """,
    "Maintenance et électricité": """
        Technicien de maintenance / Technicienne de maintenance
        Technicien de maintenance industrielle / Technicienne de maintenance industrielle
        Agent de maintenance / Agente de maintenance
        Opérateur de maintenance / Opératrice de maintenance
        Mécanicien de maintenance / Mécanicienne de maintenance
        Mécanicien / Mécanicienne
        Mécanicien automobile / Mécanicienne automobile
        Mécanicien poids lourd / Mécanicienne poids lourd
        Mécanicien agricole / Mécanicienne agricole
        Carrossier / Carrossière
        Peintre en carrosserie
        Électromécanicien / Électromécanicienne
        Électricien / Électricienne
        Électricien industriel / Électricienne industrielle
        Électrotechnicien / Électrotechnicienne
        Automaticien / Automaticienne
        Technicien en électronique / Technicienne en électronique
        Frigoriste
        Technicien frigoriste / Technicienne frigoriste
        Technicien de maintenance CVC / Technicienne de maintenance CVC
        Technicien SAV / Technicienne SAV
        Technicien itinérant / Technicienne itinérante
        Technicien ascensoriste / Technicienne ascensoriste
        Dépanneur / Dépanneuse
        Responsable maintenance
        Chef d'équipe maintenance / Cheffe d'équipe maintenance
    """,
    "Bâtiment et travaux publics": """
        Maçon / Maçonne
        Charpentier / Charpentière
        Couvreur / Couvreuse
        Menuisier / Menuisière
        Menuisier poseur / Menuisière poseuse
        Carreleur / Carreleuse
        Peintre en bâtiment
        Plaquiste
        Plâtrier / Plâtrière
        Plombier / Plombière
        Chauffagiste
        Plombier chauffagiste / Plombière chauffagiste
        Électricien du bâtiment / Électricienne du bâtiment
        Serrurier / Serrurière
        Serrurier métallier / Serrurière métallière
        Vitrier / Vitrière
        Façadier / Façadière
        Étancheur / Étancheuse
        Solier moquettiste / Solière moquettiste
        Coffreur bancheur / Coffreuse bancheuse
        Ferrailleur / Ferrailleuse
        Terrassier / Terrassière
        Canalisateur / Canalisatrice
        Grutier / Grutière
        Conducteur d'engins / Conductrice d'engins
        Manœuvre
        Ouvrier du bâtiment / Ouvrière du bâtiment
        Compagnon du bâtiment / Compagne du bâtiment
        Chef de chantier / Cheffe de chantier
        Chef d'équipe du bâtiment / Cheffe d'équipe du bâtiment
        Conducteur de travaux / Conductrice de travaux
        Géomètre
        Géomètre topographe
        Métreur / Métreuse
        Économiste de la construction
        Dessinateur en bâtiment / Dessinatrice en bâtiment
        Architecte
        Diagnostiqueur immobilier / Diagnostiqueuse immobilière
    """,
    "Santé": """
        Infirmier / Infirmière
        Infirmier de bloc opératoire / Infirmière de bloc opératoire
        Infirmier anesthésiste / Infirmière anesthésiste
        Infirmier coordinateur / Infirmière coordinatrice
        Aide-soignant / Aide-soignante
        Auxiliaire de puériculture
        Puériculteur / Puéricultrice
        Sage-femme
        Médecin
        Médecin généraliste
        Médecin du travail
        Chirurgien-dentiste / Chirurgienne-dentiste
        Assistant dentaire / Assistante dentaire
        Pharmacien / Pharmacienne
        Préparateur en pharmacie / Préparatrice en pharmacie
        Masseur-kinésithérapeute / Masseuse-kinésithérapeute
        Ergothérapeute
        Orthophoniste
        Orthoptiste
        Psychomotricien / Psychomotricienne
        Psychologue
        Diététicien / Diététicienne
        Podologue
        Manipulateur en électroradiologie médicale / Manipulatrice en électroradiologie médicale
        Technicien de laboratoire / Technicienne de laboratoire
        Opticien / Opticienne
        Audioprothésiste
        Prothésiste dentaire
        Ambulancier / Ambulancière
        Brancardier / Brancardière
        Agent de service hospitalier / Agente de service hospitalier
        Secrétaire médical / Secrétaire médicale
        Cadre de santé
        Vétérinaire
        Auxiliaire vétérinaire
    """,
    "Social et services à la personne": """
        Aide à domicile
        Auxiliaire de vie
        Accompagnant éducatif et social / Accompagnante éducative et sociale
        Aide médico-psychologique
        Éducateur spécialisé / Éducatrice spécialisée
        Éducateur de jeunes enfants / Éducatrice de jeunes enfants
        Moniteur éducateur / Monitrice éducatrice
        Assistant de service social / Assistante de service social
        Assistant maternel / Assistante maternelle
        Garde d'enfants
        Agent spécialisé des écoles maternelles / Agente spécialisée des écoles maternelles
        Conseiller en économie sociale et familiale / Conseillère en économie sociale et familiale
        Conseiller en insertion professionnelle / Conseillère en insertion professionnelle
        Travailleur social / Travailleuse sociale
        Intervenant social / Intervenante sociale
        Médiateur social / Médiatrice sociale
        Animateur / Animatrice
        Animateur socioculturel / Animatrice socioculturelle
        Coordinateur de services à la personne / Coordinatrice de services à la personne
        Mandataire judiciaire à la protection des majeurs
        Employé de ménage / Employée de ménage
    """,
    "Commerce et vente": """
        Vendeur / Vendeuse
        Vendeur en prêt-à-porter / Vendeuse en prêt-à-porter
        Vendeur en boulangerie / Vendeuse en boulangerie
        Vendeur en électroménager / Vendeuse en électroménager
        Conseiller de vente / Conseillère de vente
        Caissier / Caissière
        Hôte de caisse / Hôtesse de caisse
        Employé libre-service / Employée libre-service
        Employé de commerce / Employée de commerce
        Employé polyvalent de magasin / Employée polyvalente de magasin
        Chef de rayon / Cheffe de rayon
        Manager de rayon / Manageuse de rayon
        Responsable de magasin
        Directeur de magasin / Directrice de magasin
        Commerçant / Commerçante
        Commercial / Commerciale
        Technico-commercial / Technico-commerciale
        Attaché commercial / Attachée commerciale
        Assistant commercial / Assistante commerciale
        Chargé d'affaires / Chargée d'affaires
        Ingénieur commercial / Ingénieure commerciale
        Responsable commercial / Responsable commerciale
        Directeur commercial / Directrice commerciale
        Responsable de secteur
        Délégué commercial / Déléguée commerciale
        Délégué médical / Déléguée médicale
        Animateur des ventes / Animatrice des ventes
        Téléconseiller / Téléconseillère
        Télévendeur / Télévendeuse
        Conseiller clientèle / Conseillère clientèle
        Chargé de clientèle / Chargée de clientèle
        Acheteur / Acheteuse
        Merchandiseur / Merchandiseuse
        E-commerçant / E-commerçante
        Fleuriste
        Caviste
        Poissonnier / Poissonnière
        Primeur
    """,
    "Hôtellerie et restauration": """
        Serveur / Serveuse
        Chef de rang / Cheffe de rang
        Maître d'hôtel / Maîtresse d'hôtel
        Barman / Barmaid
        Sommelier / Sommelière
        Cuisinier / Cuisinière
        Chef de cuisine / Cheffe de cuisine
        Chef cuisinier / Cheffe cuisinière
        Second de cuisine / Seconde de cuisine
        Chef de partie / Cheffe de partie
        Commis de cuisine
        Commis de salle
        Plongeur / Plongeuse
        Pizzaiolo / Pizzaiola
        Crêpier / Crêpière
        Employé polyvalent de restauration / Employée polyvalente de restauration
        Équipier polyvalent / Équipière polyvalente
        Agent de restauration / Agente de restauration
        Cuisinier en collectivité / Cuisinière en collectivité
        Réceptionniste
        Veilleur de nuit / Veilleuse de nuit
        Employé d'étage / Employée d'étage
        Gouvernant / Gouvernante
        Concierge d'hôtel
        Bagagiste
        Directeur d'hôtel / Directrice d'hôtel
        Directeur de restaurant / Directrice de restaurant
        Gérant de restauration rapide / Gérante de restauration rapide
    """,
    "Alimentation et artisanat": """
        Boulanger / Boulangère
        Pâtissier / Pâtissière
        Boulanger-pâtissier / Boulangère-pâtissière
        Boucher / Bouchère
        Charcutier / Charcutière
        Charcutier traiteur / Charcutière traiteuse
        Traiteur / Traiteuse
        Chocolatier / Chocolatière
        Glacier / Glacière
        Fromager / Fromagère
        Coiffeur / Coiffeuse
        Barbier / Barbière
        Esthéticien / Esthéticienne
        Prothésiste ongulaire
        Toiletteur / Toiletteuse
        Cordonnier / Cordonnière
        Couturier / Couturière
        Retoucheur / Retoucheuse
        Tailleur / Tailleuse
        Ébéniste
        Tapissier / Tapissière
        Bijoutier / Bijoutière
        Horloger / Horlogère
        Photographe
        Luthier / Luthière
        Céramiste
        Souffleur de verre / Souffleuse de verre
    """,
    "Transport et logistique": """
        Chauffeur / Chauffeuse
        Chauffeur poids lourd / Chauffeuse poids lourd
        Chauffeur livreur / Chauffeuse livreuse
        Chauffeur super poids lourd / Chauffeuse super poids lourd
        Chauffeur de taxi / Chauffeuse de taxi
        Chauffeur VTC / Chauffeuse VTC
        Conducteur routier / Conductrice routière
        Conducteur de bus / Conductrice de bus
        Conducteur de car / Conductrice de car
        Conducteur de train / Conductrice de train
        Contrôleur de train / Contrôleuse de train
        Livreur / Livreuse
        Coursier / Coursière
        Facteur / Factrice
        Cariste
        Préparateur de commandes / Préparatrice de commandes
        Magasinier / Magasinière
        Agent logistique / Agente logistique
        Agent de quai / Agente de quai
        Agent de tri / Agente de tri
        Manutentionnaire
        Gestionnaire de stocks
        Approvisionneur / Approvisionneuse
        Logisticien / Logisticienne
        Technicien logistique / Technicienne logistique
        Chef d'équipe logistique / Cheffe d'équipe logistique
        Responsable logistique
        Responsable d'entrepôt
        Directeur logistique / Directrice logistique
        Affréteur / Affréteuse
        Exploitant transport / Exploitante transport
        Déclarant en douane / Déclarante en douane
        Agent d'escale / Agente d'escale
        Pilote de ligne
        Steward / Hôtesse de l'air
        Déménageur / Déménageuse
    """,
    "Informatique et numérique": """
        Développeur / Développeuse
        Développeur web / Développeuse web
        Développeur full stack / Développeuse full stack
        Développeur mobile / Développeuse mobile
        Ingénieur logiciel / Ingénieure logiciel
        Ingénieur DevOps / Ingénieure DevOps
        Ingénieur données / Ingénieure données
        Architecte logiciel
        Analyste programmeur / Analyste programmeuse
        Programmeur / Programmeuse
        Testeur / Testeuse
        Intégrateur web / Intégratrice web
        Administrateur systèmes et réseaux / Administratrice systèmes et réseaux
        Administrateur de bases de données / Administratrice de bases de données
        Technicien informatique / Technicienne informatique
        Technicien support / Technicienne support
        Technicien réseau / Technicienne réseau
        Technicien de proximité / Technicienne de proximité
        Gestionnaire de parc informatique
        Expert en cybersécurité / Experte en cybersécurité
        Consultant informatique / Consultante informatique
        Chef de projet informatique / Cheffe de projet informatique
        Chef de projet digital / Cheffe de projet digital
        Product owner
        Scrum master
        Data scientist
        Data analyst
        Webdesigner
        Designer UX / Designeuse UX
        Responsable informatique
        Directeur des systèmes d'information / Directrice des systèmes d'information
    """,
    "Gestion, finance et comptabilité": """
        Comptable
        Aide-comptable
        Assistant comptable / Assistante comptable
        Collaborateur comptable / Collaboratrice comptable
        Gestionnaire comptable
        Chef comptable / Cheffe comptable
        Expert-comptable / Experte-comptable
        Commissaire aux comptes
        Auditeur / Auditrice
        Contrôleur de gestion / Contrôleuse de gestion
        Contrôleur financier / Contrôleuse financière
        Analyste financier / Analyste financière
        Trésorier / Trésorière
        Fiscaliste
        Actuaire
        Credit manager
        Chargé de recouvrement / Chargée de recouvrement
        Gestionnaire de paie
        Responsable paie
        Responsable administratif et financier / Responsable administrative et financière
        Directeur administratif et financier / Directrice administrative et financière
        Directeur financier / Directrice financière
        Conseiller bancaire / Conseillère bancaire
        Conseiller financier / Conseillère financière
        Conseiller en gestion de patrimoine / Conseillère en gestion de patrimoine
        Chargé d'affaires entreprises / Chargée d'affaires entreprises
        Guichetier / Guichetière
        Directeur d'agence bancaire / Directrice d'agence bancaire
    """,
    "Ressources humaines": """
        Chargé de recrutement / Chargée de recrutement
        Recruteur / Recruteuse
        Consultant en recrutement / Consultante en recrutement
        Assistant RH / Assistante RH
        Gestionnaire RH
        Chargé de formation / Chargée de formation
        Responsable formation
        Chargé de développement RH / Chargée de développement RH
        Responsable des ressources humaines
        Directeur des ressources humaines / Directrice des ressources humaines
        Juriste en droit social
        Conseiller en évolution professionnelle / Conseillère en évolution professionnelle
        Psychologue du travail
        Chargé de relations sociales / Chargée de relations sociales
    """,
    "Administration et secrétariat": """
        Secrétaire
        Secrétaire de direction
        Secrétaire juridique
        Secrétaire de mairie
        Assistant administratif / Assistante administrative
        Assistant de direction / Assistante de direction
        Assistant de gestion / Assistante de gestion
        Assistant juridique / Assistante juridique
        Agent administratif / Agente administrative
        Employé administratif / Employée administrative
        Adjoint administratif / Adjointe administrative
        Gestionnaire administratif / Gestionnaire administrative
        Rédacteur territorial / Rédactrice territoriale
        Attaché territorial / Attachée territoriale
        Hôte d'accueil / Hôtesse d'accueil
        Agent d'accueil / Agente d'accueil
        Standardiste
        Office manager
        Télésecrétaire
        Agent de saisie / Agente de saisie
        Documentaliste
        Archiviste
        Chargé de mission / Chargée de mission
    """,
    "Direction et management": """
        Directeur / Directrice
        Directeur général / Directrice générale
        Directeur adjoint / Directrice adjointe
        Directeur d'agence / Directrice d'agence
        Directeur d'usine / Directrice d'usine
        Directeur de production / Directrice de production
        Directeur technique / Directrice technique
        Directeur des opérations / Directrice des opérations
        Directeur de site / Directrice de site
        Directeur d'établissement / Directrice d'établissement
        Gérant / Gérante
        Chef d'entreprise / Cheffe d'entreprise
        Chef de service / Cheffe de service
        Chef d'équipe / Cheffe d'équipe
        Chef de projet / Cheffe de projet
        Chef de secteur / Cheffe de secteur
        Responsable d'exploitation
        Responsable de site
        Manager
        Superviseur / Superviseuse
        Coordinateur / Coordinatrice
        Adjoint de direction / Adjointe de direction
    """,
    "Agriculture et environnement": """
        Agriculteur / Agricultrice
        Ouvrier agricole / Ouvrière agricole
        Éleveur / Éleveuse
        Viticulteur / Viticultrice
        Ouvrier viticole / Ouvrière viticole
        Vendangeur / Vendangeuse
        Maraîcher / Maraîchère
        Arboriculteur / Arboricultrice
        Horticulteur / Horticultrice
        Pépiniériste
        Apiculteur / Apicultrice
        Trayeur / Trayeuse
        Palefrenier / Palefrenière
        Bûcheron / Bûcheronne
        Sylviculteur / Sylvicultrice
        Jardinier / Jardinière
        Jardinier paysagiste / Jardinière paysagiste
        Paysagiste
        Agent d'entretien des espaces verts / Agente d'entretien des espaces verts
        Chef de culture / Cheffe de culture
        Conseiller agricole / Conseillère agricole
        Technicien agricole / Technicienne agricole
        Ingénieur agronome / Ingénieure agronome
        Œnologue
        Chargé d'études environnement / Chargée d'études environnement
        Technicien de l'environnement / Technicienne de l'environnement
    """,
    "Éducation et formation": """
        Professeur / Professeure
        Professeur des écoles / Professeure des écoles
        Professeur de mathématiques / Professeure de mathématiques
        Professeur de musique / Professeure de musique
        Enseignant / Enseignante
        Enseignant-chercheur / Enseignante-chercheuse
        Maître de conférences / Maîtresse de conférences
        Chercheur / Chercheuse
        Formateur / Formatrice
        Formateur pour adultes / Formatrice pour adultes
        Moniteur d'auto-école / Monitrice d'auto-école
        Conseiller principal d'éducation / Conseillère principale d'éducation
        Surveillant / Surveillante
        Assistant d'éducation / Assistante d'éducation
        Accompagnant d'élèves en situation de handicap / Accompagnante d'élèves en situation de handicap
        Directeur d'école / Directrice d'école
        Éducateur sportif / Éducatrice sportive
        Entraîneur sportif / Entraîneuse sportive
        Coach sportif / Coach sportive
        Maître-nageur / Maître-nageuse
        Moniteur de ski / Monitrice de ski
    """,
    "Communication, marketing et création": """
        Chargé de communication / Chargée de communication
        Responsable communication
        Chargé de marketing / Chargée de marketing
        Responsable marketing
        Chef de produit / Cheffe de produit
        Chef de projet marketing / Cheffe de projet marketing
        Community manager
        Attaché de presse / Attachée de presse
        Journaliste
        Rédacteur / Rédactrice
        Concepteur-rédacteur / Conceptrice-rédactrice
        Traducteur / Traductrice
        Interprète
        Graphiste
        Illustrateur / Illustratrice
        Directeur artistique / Directrice artistique
        Vidéaste
        Monteur vidéo / Monteuse vidéo
        Auteur / Autrice
        Chargé d'événementiel / Chargée d'événementiel
        Régisseur / Régisseuse
        Technicien du spectacle / Technicienne du spectacle
    """,
    "Sécurité et propreté": """
        Agent de sécurité / Agente de sécurité
        Agent de surveillance / Agente de surveillance
        Agent de sûreté aéroportuaire / Agente de sûreté aéroportuaire
        Agent cynophile / Agente cynophile
        Chef de poste sécurité / Cheffe de poste sécurité
        Sapeur-pompier / Sapeuse-pompière
        Policier municipal / Policière municipale
        Gendarme
        Agent de propreté / Agente de propreté
        Agent d'entretien / Agente d'entretien
        Agent de nettoyage / Agente de nettoyage
        Laveur de vitres / Laveuse de vitres
        Chef d'équipe propreté / Cheffe d'équipe propreté
        Gardien d'immeuble / Gardienne d'immeuble
        Ripeur / Ripeuse
        Éboueur / Éboueuse
        Agent de déchetterie / Agente de déchetterie
        Technicien HSE / Technicienne HSE
        Responsable HSE
        Préventeur / Préventrice
    """,
    "Juridique, assurance et immobilier": """
        Juriste
        Juriste d'entreprise
        Avocat / Avocate
        Notaire
        Clerc de notaire
        Commissaire de justice
        Greffier / Greffière
        Conseiller en assurance / Conseillère en assurance
        Agent général d'assurance / Agente générale d'assurance
        Courtier en assurance / Courtière en assurance
        Gestionnaire de sinistres
        Souscripteur / Souscriptrice
        Agent immobilier / Agente immobilière
        Négociateur immobilier / Négociatrice immobilière
        Gestionnaire locatif / Gestionnaire locative
        Gestionnaire de copropriété
    """,
    "Ingénierie et études": """
        Ingénieur / Ingénieure
        Ingénieur d'études / Ingénieure d'études
        Ingénieur mécanique / Ingénieure mécanique
        Ingénieur électronicien / Ingénieure électronicienne
        Ingénieur calcul / Ingénieure calcul
        Ingénieur recherche et développement / Ingénieure recherche et développement
        Ingénieur méthodes / Ingénieure méthodes
        Ingénieur qualité / Ingénieure qualité
        Ingénieur de production / Ingénieure de production
        Ingénieur procédés / Ingénieure procédés
        Ingénieur travaux / Ingénieure travaux
        Ingénieur en génie civil / Ingénieure en génie civil
        Ingénieur d'affaires / Ingénieure d'affaires
        Technicien bureau d'études / Technicienne bureau d'études
        Dessinateur projeteur / Dessinatrice projeteuse
        Projeteur / Projeteuse
        Dessinateur industriel / Dessinatrice industrielle
        Chef de projet industriel / Cheffe de projet industriel
        Technicien d'essais / Technicienne d'essais
        Métrologue
    """,
}


def _parse(block: str) -> list[tuple[str, str]]:
    titles = []
    for line in block.strip().splitlines():
        masculine, _, feminine = (part.strip() for part in line.partition(" / "))
        titles.append((masculine, feminine or masculine))
    return titles


# {family: [(masculine, feminine), ...]}
JOB_TITLES: dict[str, list[tuple[str, str]]] = {
    family: _parse(block) for family, block in _TITLES_BY_FAMILY.items()
}


def feminine_word_map() -> dict[str, str]:
    """Folded feminine words of the vocabulary -> their masculine ("technicienne" -> "technicien").

    Built by aligning the two forms word by word; a word mapped two different ways is left out.
    """
    mapping: dict[str, str] = {}
    ambiguous: set[str] = set()
    for titles in JOB_TITLES.values():
        for masculine, feminine in titles:
            masculine_words, feminine_words = fold(masculine).split(), fold(feminine).split()
            if len(masculine_words) != len(feminine_words):
                continue
            for male, female in zip(masculine_words, feminine_words, strict=True):
                if male == female:
                    continue
                if mapping.setdefault(female, male) != male:
                    ambiguous.add(female)
    return {female: male for female, male in mapping.items() if female not in ambiguous}
