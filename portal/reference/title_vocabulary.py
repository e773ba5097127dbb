"""Which job titles are close: word families, abbreviations, trades and their neighbours.

One vocabulary for matching (is a held title close to the asked one?) and for the CVthèque (which
titles widen a job-title query). Our own tables, written by hand from French job titles as people
write them; they are data, extended as the product learns.

A title is read as "concepts": its words after the caller's normaliser (genders, plurals), without
linking words, with abbreviations spelled out ("DRH" -> directeur des ressources humaines) and each
word replaced by the root of its word family ("contrôle", "contrôleur" -> one root). A trade is a set
of concept phrases; a title belongs to the trades whose phrase it contains, a more specific phrase
hiding a shorter one it contains ("animateur qualité" is quality, not leisure), and a trade's
exclusion words keeping a qualified title out ("agent de sécurité sociale"). Two titles are close
when the held one's trade is the asked one's or a neighbour; when the asked title belongs to no trade,
when their concept words overlap by half (Jaccard).

Everything is computed once per distinct title (cached); matching indexes the titles it holds by
trade and by concept word, so a search compares nothing per profile.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .text import fold

# Words that carry no meaning in a title; "h" and "f" come from "H/F".
STOPWORDS = frozenset({
    "de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "a", "au", "aux", "h", "f", "hf", "pour", "sur",
    "dans", "chez", "un", "une", "ou", "avec",
})

# Diplomas and levels written after a title ("Comptable BTS CG", "Technicien support N2") say nothing
# of the job; words with a digit (N2, R489, 3) are left out too.
DIPLOMA_WORDS = frozenset({
    "bts", "cap", "bep", "bac", "dut", "deust", "licence", "master", "gpme", "cg", "ms", "mco", "ndrc", "sio", "cqp",
})

# Abbreviations of titles, diplomas and licences, spelled out as a recruiter reads them.
ABBREVIATIONS = {
    "adv": "administration des ventes",
    "advf": "assistant de vie aux familles",
    "aes": "accompagnant éducatif et social",
    "amp": "aide médico-psychologique",
    "aps": "agent de prévention et de sécurité",
    "as": "aide-soignant",
    "ash": "agent de service hospitalier",
    "ashq": "agent de service hospitalier qualifié",
    "atsem": "agent territorial spécialisé des écoles maternelles",
    "avs": "auxiliaire de vie sociale",
    "btp": "bâtiment travaux publics",
    "caces": "cariste",
    "cn": "commande numérique",
    "cnc": "commande numérique",
    "cvc": "chauffage ventilation climatisation",
    "daf": "directeur administratif et financier",
    "drh": "directeur des ressources humaines",
    "dsi": "directeur des systèmes d'information",
    "eje": "éducateur de jeunes enfants",
    "els": "employé de libre-service",
    "ide": "infirmier diplômé d'état",
    "idec": "infirmier coordinateur",
    "idel": "infirmier libéral",
    "pl": "poids lourd",
    "rh": "ressources humaines",
    "rrh": "responsable des ressources humaines",
    "rssi": "responsable de la sécurité des systèmes d'information",
    "sav": "service après-vente",
    "spl": "super poids lourd",
    "ssiap": "agent de sécurité incendie",
    "tp": "travaux publics",
    "vl": "véhicule léger",
    "vrd": "voirie et réseaux divers",
}

# Word families: the forms of a line share one root (the first form). Only derivations that keep the
# job: "réception" is not "réceptionniste" (goods are received too), "administrateur" is not
# "administratif".
WORD_FAMILIES = """
    contrôle contrôleur
    gestion gestionnaire
    soudure soudeur soudage
    comptable comptabilité
    maçon maçonnerie
    usinage usineur
    électricité électricien
    logistique logisticien
    cuisine cuisinier
    infirmier infirmerie soins-infirmiers
    maintenance mainteneur
    viticole viticulteur viticulture
    agricole agriculteur agriculture
    menuiserie menuisier
    plomberie plombier
    boulangerie boulanger
    pâtisserie pâtissier
    boucherie boucher
    coiffure coiffeur
    secrétariat secrétaire
    recrutement recruteur
    préparation préparateur
    automobile auto
    conduite conducteur
    livraison livreur
    éducation éducateur éducatif
    animation animateur
    nettoyage nettoyeur
    commerce commercial
    informatique informaticien
    développement développeur
    chaudronnerie chaudronnier
    carrosserie carrossier
    mécanique mécanicien
    peinture peintre
    caisse caissier
    banque bancaire banquier
    assurance assureur
    hôtel hôtellerie hôtelier
    restauration restaurant
    puériculture puériculteur
    élevage éleveur
    sécurité sécuritaire
    enseignement enseignant
    maraîchage maraîcher
    système systèmes
    réseau réseaux
"""

# Trades: a name, its phrases (separated by ";"), then optional lines "sauf:" (words that keep a title
# out), "proches:" (neighbouring trades, both ways) and "accepte:" (one way: asking a light-vehicle
# driver, a heavy-goods driver will do; not the reverse).
TRADES = """
    controle_gestion:
        contrôleur de gestion; contrôleur financier; analyste financier
        proches: comptabilite
    comptabilite:
        comptable; comptabilité; aide-comptable
        sauf: matière matières
    paie:
        paie; gestionnaire de paie; administration du personnel
        proches: rh
    rh:
        ressources humaines; chargé de recrutement; recrutement; chargé RH
    rh_direction:
        directeur des ressources humaines; responsable des ressources humaines
    qualite:
        contrôleur qualité; contrôle qualité; technicien qualité; agent qualité; qualiticien;
        animateur qualité; responsable qualité
        sauf: air
    soudure:
        soudeur; soudure; braseur
    chaudronnerie:
        chaudronnier; tôlier; tuyauteur
        proches: soudure
    usinage:
        usineur; usinage; tourneur; fraiseur; régleur commande numérique; opérateur commande numérique;
        décolleteur; tourneur fraiseur
    production:
        opérateur de production; agent de fabrication; agent de production; ouvrier de production;
        conducteur de ligne; conducteur de machine; conducteur de machines; technicien de production;
        pilote de ligne; ouvrier polyvalent
        sauf: imprimerie agroalimentaire
        accepte: usinage
    logistique:
        préparateur de commandes; préparation de commandes; agent logistique; magasinier; agent de quai;
        réception de marchandises; agent de réception marchandises; manutentionnaire; agent de tri
        proches: cariste
    cariste:
        cariste; chariot élévateur; conducteur de chariot
    poids_lourd:
        poids lourd; super poids lourd; conducteur routier; chauffeur routier
        proches: transport_voyageurs
    transport_voyageurs:
        conducteur de bus; chauffeur de bus; conducteur de car; conducteur d'autocar; chauffeur de car
        sauf: scolaire
    livraison:
        livreur; chauffeur livreur; coursier; véhicule léger
        accepte: poids_lourd
    engins_tp:
        conducteur d'engins; engins de travaux publics; pelleteur; pelle hydraulique; conducteur de pelle;
        grutier
        proches: ouvrier_tp
    ouvrier_tp:
        ouvrier voirie et réseaux divers; ouvrier travaux publics; canalisateur
    conducteur_travaux:
        conducteur de travaux; chef de chantier; chef de travaux
    maconnerie:
        maçon; maçonnerie; coffreur; ouvrier du bâtiment; ouvrier bâtiment; façadier; ouvrier gros œuvre
    electricite:
        électricien; électricité; électrotechnicien
        sauf: auto automobile véhicule
        proches: maintenance
    maintenance:
        technicien de maintenance; agent de maintenance; mécanicien de maintenance; électromécanicien;
        maintenance industrielle; technicien maintenance
        sauf: informatique
    cuisine:
        cuisinier; chef de partie; commis de cuisine; second de cuisine; aide de cuisine;
        restauration collective; pâtissier
    salle:
        serveur; chef de rang; barman; employé de restauration; employé polyvalent de restauration;
        maître d'hôtel; commis de salle; sommelier
        sauf: informatique
    reception_hotel:
        réceptionniste; agent de réception; veilleur de nuit; réception hôtel
        sauf: marchandise marchandises
        proches: accueil
    accueil:
        agent d'accueil; hôte d'accueil; hôtesse d'accueil; standardiste; chargé d'accueil
        sauf: bancaire banque
        accepte: administration_publique
    etages:
        femme de chambre; valet de chambre; gouvernante; agent d'hébergement; employé d'étage
        proches: entretien
    entretien:
        agent d'entretien; agent de service; agent de propreté; agent de nettoyage; laveur de vitres;
        nettoyeur
        sauf: verts voirie industriel industrielle école écoles bureau bureaux après vente
    securite:
        agent de sécurité; agent de sûreté; agent de prévention; agent cynophile; agent de surveillance;
        vigile; sécurité incendie
        sauf: sociale social routière routier informatique système systèmes information
    aide_soignant:
        aide-soignant
        proches: ash auxiliaire_vie aes puericulture
    ash:
        agent de service hospitalier; agent d'entretien ehpad
    infirmier:
        infirmier; infirmier diplômé d'état
    aes:
        accompagnant éducatif et social; aide médico-psychologique; auxiliaire de vie sociale
        proches: auxiliaire_vie educ_specialisee
    auxiliaire_vie:
        auxiliaire de vie; assistant de vie aux familles; aide à domicile; aide ménagère; agent à domicile;
        aide-soignant à domicile
        sauf: scolaire
    educ_specialisee:
        éducateur spécialisé; moniteur éducateur
    puericulture:
        auxiliaire de puériculture; puériculture
        proches: atsem petite_enfance
    petite_enfance:
        assistant maternel; éducateur de jeunes enfants; agent de crèche; auxiliaire petite enfance;
        garde d'enfants
        proches: atsem animation
    atsem:
        agent territorial spécialisé des écoles maternelles; agent spécialisé des écoles maternelles
        proches: animation
    animation:
        animateur; animation; bafa; animateur périscolaire
        sauf: commercial vente ventes qualité radio
    vente:
        vendeur; conseiller de vente; conseiller vente; agent de vente; employé de vente; hôte de vente;
        commercial terrain; commercial sédentaire; vendeur automobile
        proches: caisse libre_service
    caisse:
        hôte de caisse; hôtesse de caisse; caissier
        proches: libre_service
    libre_service:
        employé de libre-service; employé libre-service; employé commercial; employé de rayon;
        employé libre service; employé polyvalent de magasin
    magasin_direction:
        responsable de magasin; directeur de magasin; manager de rayon; chef de rayon; gérant de magasin
    adv:
        administration des ventes; administrateur des ventes; assistant commercial;
        gestionnaire administratif des ventes
        proches: secretariat
    secretariat:
        secrétaire; assistant de direction; assistant administratif; secrétaire de direction
        sauf: médical médicale
        proches: administration_publique
    administration_publique:
        adjoint administratif; agent administratif; secrétaire de mairie; mairie; rédacteur territorial
    dev:
        développeur; développeur web; intégrateur web; ingénieur logiciel; développeur full stack;
        développeur front end; analyste programmeur; programmeur
        sauf: commercial photo affaires
    sysadmin:
        administrateur systèmes; administrateur réseaux; adminsys; ingénieur système; devops;
        ingénieur devops; administrateur système; technicien systèmes et réseaux; technicien réseau
        proches: support_it
    support_it:
        technicien support; technicien helpdesk; helpdesk; technicien informatique; technicien de proximité;
        maintenance informatique; gestionnaire de parc informatique
    travail_social:
        assistant de service social; assistant social; travailleur social; intervenant social;
        conseiller en économie sociale et familiale; médiateur social
        proches: educ_specialisee
    viticulture:
        ouvrier viticole; vigneron; viticole; vendangeur; caviste; viticulteur
        proches: agriculture
    agriculture:
        ouvrier agricole; salarié agricole; agent d'élevage; éleveur; agriculteur; exploitant agricole;
        conducteur d'engins agricoles; maraîcher; ouvrier polyvalent agricole; ouvrier agricole polyvalent
    banque:
        bancaire; banque; guichetier; chargé de clientèle banque
        proches: assurance
    assurance:
        conseiller en assurance; gestionnaire de sinistres; gestionnaire sinistres; chargé d'indemnisation;
        assurance; gestionnaire sinistre
    plomberie:
        plombier; chauffagiste; plombier chauffagiste; installateur sanitaire; monteur sanitaire
        proches: frigoriste
    frigoriste:
        frigoriste; technicien frigoriste; chauffage ventilation climatisation; climaticien
    menuiserie:
        menuisier; menuisier poseur; menuisier d'agencement; ébéniste; agenceur
    charpente:
        charpentier; charpentier bois; couvreur charpentier
        proches: couverture
    couverture:
        couvreur; couvreur zingueur; zingueur; étancheur
    carrelage:
        carreleur; carreleur faïencier; solier moquettiste; solier
    peinture_batiment:
        peintre en bâtiment; peintre; peintre décorateur; peintre en bâtiment décorateur; façadier peintre
        sauf: carrosserie industriel industrielle
    platrerie:
        plaquiste; plâtrier; plâtrier plaquiste; jointeur
    metallerie:
        serrurier; serrurier métallier; métallier; ferronnier
        proches: soudure chaudronnerie
    boulangerie:
        boulanger; boulangerie; pâtissier; boulanger pâtissier; ouvrier boulanger; chocolatier; viennoisier
        sauf: vente vendeur
    boucherie:
        boucher; boucherie; charcutier; charcuterie; boucher charcutier; charcutier traiteur; traiteur
        sauf: vente vendeur
    coiffure:
        coiffeur; coiffure; barbier; coiffeur mixte
    esthetique:
        esthéticien; esthétique; prothésiste ongulaire; estheticien cosmeticien; spa praticien
    mecanique_auto:
        mécanicien automobile; mécanicien auto; mécanicien poids lourd; mécanicien véhicules industriels;
        mécanicien agricole; technicien automobile; électricien automobile; électricien auto;
        électronicien automobile; réceptionnaire après-vente automobile
    carrosserie:
        carrossier; peintre en carrosserie; carrossier peintre; préparateur en carrosserie
    espaces_verts:
        jardinier; jardinier paysagiste; paysagiste; ouvrier paysagiste; agent d'entretien des espaces verts;
        agent d'espaces verts; élagueur; entretien des espaces verts
        sauf: enfant enfants architecte
    preparateur_pharmacie:
        préparateur en pharmacie; préparateur en pharmacie hospitalière
        accepte: pharmacien
    pharmacien:
        pharmacien; pharmacien d'officine; pharmacien adjoint
    laboratoire:
        technicien de laboratoire; laborantin; technicien de laboratoire d'analyses; aide de laboratoire;
        technicien chimiste; technicien biologiste
        sauf: photo
    secretariat_medical:
        secrétaire médical; assistant médical; secrétaire médico-social; secrétaire médicale; télésecrétaire médicale
    ambulancier:
        ambulancier; auxiliaire ambulancier; brancardier
    medecin:
        médecin; médecin généraliste; médecin du travail; praticien hospitalier
    reeducation:
        masseur kinésithérapeute; kinésithérapeute; ergothérapeute; psychomotricien; orthophoniste
    dentaire:
        assistant dentaire; chirurgien dentiste; prothésiste dentaire; dentiste
    commercial:
        commercial; technico-commercial; attaché commercial; chargé d'affaires; ingénieur commercial;
        délégué commercial; commercial sédentaire; commercial terrain; responsable de secteur;
        commercial itinérant; vrp
        sauf: assistant directeur animateur employé
        proches: vente
    relation_client:
        téléconseiller; conseiller clientèle; chargé de clientèle; télévendeur; conseiller client;
        conseiller support client; support client; chargé de relation client; téléopérateur
        sauf: banque bancaire
    stocks:
        gestionnaire de stocks; gestionnaire de stock; approvisionneur; logisticien; technicien logistique;
        responsable logistique; responsable d'entrepôt; chef d'équipe logistique; gestionnaire de flux
        proches: achats
    achats:
        acheteur; acheteur industriel; assistant achats; responsable achats
    plasturgie:
        plasturgiste; régleur sur presse; opérateur régleur; régleur injection; technicien en plasturgie;
        opérateur sur presse; mouleur; régleur
        proches: production
    conditionnement:
        conditionneur; opérateur de conditionnement; agent de conditionnement; emballeur
        proches: production
    restauration_rapide:
        équipier polyvalent; équipier de restauration rapide; employé de restauration rapide; équipier
        proches: salle cuisine
    plonge:
        plongeur; plonge; aide plongeur
        sauf: scaphandrier
    formation:
        formateur; formateur pour adultes; formateur en bureautique; formateur professionnel; chargé de formation;
        responsable formation
        proches: enseignement
    enseignement:
        professeur; enseignant; professeur des écoles; instituteur; professeur de mathématiques
    sport:
        éducateur sportif; entraîneur sportif; coach sportif; moniteur de ski; maître nageur; préparateur physique
    communication:
        chargé de communication; responsable communication; community manager; chargé de marketing;
        responsable marketing; attaché de presse; chef de projet marketing; webmarketeur
    graphisme:
        graphiste; infographiste; webdesigner; designer ux; directeur artistique; illustrateur; maquettiste
    juridique:
        juriste; juriste d'entreprise; assistant juridique; juriste en droit social; paralégal
    immobilier:
        agent immobilier; négociateur immobilier; gestionnaire locatif; gestionnaire de copropriété;
        administrateur de biens; conseiller immobilier
    collecte_dechets:
        ripeur; éboueur; agent de déchetterie; agent de collecte; chauffeur ripeur
    pompier:
        sapeur-pompier; pompier
    taxi_vtc:
        chauffeur de taxi; chauffeur vtc; taxi; chauffeur de maître
    """


def _parse_trades(block: str) -> dict[str, dict]:
    trades: dict[str, dict] = {}
    trade: dict = {}
    for line in block.strip().splitlines():
        line = line.strip()
        field, colon, words = line.partition(":")
        if colon and not words:
            trade = trades[field] = {"phrases": [], "sauf": [], "proches": [], "accepte": []}
        elif colon and field in trade:
            trade[field] = words.split()
        else:
            trade["phrases"].extend(phrase.strip() for phrase in line.split(";") if phrase.strip())
    return trades


_TRADES = _parse_trades(TRADES)
NEIGHBOUR_CLOSENESS = 0.75  # a neighbouring trade's title, against 1 for the same trade


@dataclass(frozen=True)
class RelatedTitle:
    """A title that widens a job-title query, and why: "synonyme" (same trade) or "proche" (a neighbour)."""

    title: str
    relation: str
    abbreviation: bool = False  # "AS", "PL": short, so a word search may find them in other senses


def _default_normalise(text: str) -> str:
    return fold(text)


class TitleThesaurus:
    """The tables above read through a title normaliser (the same one the titles compared went through).

    `normalise` maps a title to its key, words separated by spaces; matching and the CVthèque pass the
    search app's French normaliser (genders and plurals merged), the default only folds case and accents.
    """

    def __init__(self, normalise: Callable[[str], str] | None = None):
        self.normalise = normalise or _default_normalise
        self._roots: dict[str, str] = {}
        for line in WORD_FAMILIES.strip().splitlines():
            forms = [self._words(form.replace("-", " ")) for form in line.split()]
            root = " ".join(forms[0])
            for words in forms:
                if len(words) == 1:
                    self._roots.setdefault(words[0], root)
        self._abbreviations: dict[str, tuple[str, ...]] = {}
        self._spelled_out: dict[str, str] = {}
        for short, long in ABBREVIATIONS.items():
            for word in self._words(short):
                self._abbreviations[word] = self._plain_concepts(long)
                self._spelled_out[word] = long
        self.trades: dict[str, list[tuple[str, ...]]] = {}
        self.exclusions: dict[str, frozenset[str]] = {}
        self.phrase_labels: dict[str, list[str]] = {}
        accepted: dict[str, set[str]] = {}
        for name, trade in _TRADES.items():
            self.trades[name] = [self.concepts(self.normalise(phrase)) for phrase in trade["phrases"]]
            self.phrase_labels[name] = list(trade["phrases"])
            self.exclusions[name] = frozenset(root for word in trade["sauf"] for root in self._plain_concepts(word))
            accepted.setdefault(name, {name})
            for other in trade["proches"]:
                accepted[name].add(other)
                accepted.setdefault(other, {other}).add(name)
            accepted[name].update(trade["accepte"])
        unknown = {other for names in accepted.values() for other in names} - self.trades.keys()
        if unknown:
            raise ValueError(f"unknown trades in the neighbours: {sorted(unknown)}")
        self.accepted = {name: frozenset(names) for name, names in accepted.items()}
        self._by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for name, phrases in self.trades.items():
            for phrase in phrases:
                if phrase:
                    self._by_first.setdefault(phrase[0], []).append((name, phrase))
        self.concepts = functools.lru_cache(maxsize=65536)(self.concepts)
        self.trades_of = functools.lru_cache(maxsize=65536)(self.trades_of)

    def _words(self, text: str) -> list[str]:
        return [word for word in self.normalise(text).split() if word]

    def _plain_concepts(self, text: str) -> tuple[str, ...]:
        return tuple(self._roots.get(word, word) for word in self._words(text) if _meaningful(word))

    def concepts(self, key: str) -> tuple[str, ...]:
        """Concept words of a normalised title, in order: abbreviations spelled out, word-family roots."""
        out: list[str] = []
        for word in key.split():
            expanded = self._abbreviations.get(word)
            if expanded is not None:
                out.extend(expanded)
            elif _meaningful(word):
                out.append(self._roots.get(word, word))
        return tuple(out)

    def trades_of(self, key: str) -> frozenset[str]:
        """Trades whose phrase the title contains, a phrase inside a longer matched one left out."""
        words = self.concepts(key)
        present = set(words)
        matched: list[tuple[str, tuple[str, ...]]] = []
        for start, word in enumerate(words):
            for name, phrase in self._by_first.get(word, ()):
                if words[start:start + len(phrase)] == phrase and not (self.exclusions[name] & present):
                    matched.append((name, phrase))
        kept = {
            name for name, phrase in matched
            if not any(len(other) > len(phrase) and _contains(other, phrase) for _other_name, other in matched)
        }
        return frozenset(kept)

    def accepted_trades(self, key: str) -> frozenset[str]:
        """Trades whose people a recruiter asking this title would want to see (its own and neighbours)."""
        return frozenset(other for name in self.trades_of(key) for other in self.accepted[name])

    def closeness(self, asked: str, held: str) -> float:
        """1 same trade, 0.75 a neighbouring trade, else (asked title in no trade) the concept-word
        Jaccard; 0 when the asked title has a trade and the held one is in none of its accepted ones."""
        asked_trades = self.trades_of(asked)
        if asked_trades:
            held_trades = self.trades_of(held)
            if asked_trades & held_trades:
                return 1.0
            return NEIGHBOUR_CLOSENESS if self.accepted_trades(asked) & held_trades else 0.0
        return concept_jaccard(frozenset(self.concepts(asked)), frozenset(self.concepts(held)))

    def related_titles(self, text: str) -> list[RelatedTitle]:
        """Titles that widen a CVthèque job-title query, best first: the phrases and abbreviations of
        its own trades ("synonyme"), then those of neighbouring trades ("proche"); the query's own
        abbreviations spelled out come first. A phrase whose normalised words are the query's, or an
        earlier one's, is left out. Empty when the query names no known trade.

        The phrases are what a CV says ("aide-comptable", "poids lourd", "DRH"): OR them with the query.
        """
        key = self.normalise(text)
        own = self.trades_of(key)
        if not own:
            return []
        seen = {key}
        related: list[RelatedTitle] = []

        def add(title: str, relation: str, *, abbreviation: bool = False) -> None:
            normalised = self.normalise(title)
            if normalised and normalised not in seen:
                seen.add(normalised)
                related.append(RelatedTitle(title, relation, abbreviation))

        for word in key.split():
            if word in self._abbreviations:
                add(self._spelled_out[word], "synonyme")
        neighbours = self.accepted_trades(key) - own
        for relation, names in (("synonyme", own), ("proche", neighbours)):
            for name in sorted(names):
                for phrase in self.phrase_labels[name]:
                    add(phrase, relation)
            for short, long in ABBREVIATIONS.items():
                if self.trades_of(self.normalise(long)) & names:
                    add(short.upper(), relation, abbreviation=True)
        return related


def _meaningful(word: str) -> bool:
    return len(word) > 1 and word not in STOPWORDS and word not in DIPLOMA_WORDS and not any(
        ch.isdigit() for ch in word
    )


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    size = len(shorter)
    return any(longer[start:start + size] == shorter for start in range(len(longer) - size + 1))


def concept_jaccard(left: frozenset[str], right: frozenset[str]) -> float:
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def title_abbreviations() -> dict[str, str]:
    return dict(ABBREVIATIONS)


def iter_trade_phrases() -> Iterable[tuple[str, str]]:
    """(trade, phrase) of every trade, as written."""
    for name, trade in _TRADES.items():
        for phrase in trade["phrases"]:
            yield name, phrase
