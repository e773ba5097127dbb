"""Skills as candidates and recruiters write them: one canonical wording per skill.

"Excel avancé", "Microsoft Excel" and "maîtrise d'Excel" are Excel; "permis de conduire B" and
"permis VL" are the permis B; "CACES 3" is the CACES R489 of category 3; "sage-femme" is a job, not
the Sage software. A skill's canonical key is a sequence of tokens; matching then asks whether the
tokens of the asked skill are all among those of the held one ("sage" in "sage 100"), so that a
more precise wording of a skill still counts as that skill.

Pure module: the caller gives the tokeniser (the search app's French normaliser: lower case, no
accents, plurals to singular), so this vocabulary stays in the bottom layer and serves matching and
the CVthèque alike. The tables are written by hand from the wordings of French CVs and job offers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

Tokenise = Callable[[str], Sequence[str]]

# Words that qualify how well a skill is mastered, or name its publisher, not the skill itself.
_FILLER_WORDS = """
    de du des d la le les l et en au aux sur pour avec ou un une
    maitrise maitriser maitrisee bonne bon tres excellente excellent solide solides
    connaissance connaissances notion notions niveau avance avancee confirme confirmee expert experte
    expertise debutant debutante intermediaire courant operationnel operationnelle
    logiciel outil utilisation pratique usage
    microsoft ms cat categorie
"""
FILLER_WORDS = frozenset(_FILLER_WORDS.split())

# Written variant -> canonical wording, applied to the tokens once fillers are dropped (longest
# first, again on the result). A compound that holds another skill's word ("sage-femme", "bilan de
# compétences") is joined into one token here, so that the word alone does not match it. A
# canonical wording may be narrower than the variant ("accueil clientèle" -> "accueil"): a recruiter
# asking for it wants anyone who did the general skill.
SKILL_SYNONYMS = {
    # Driving licences and transport
    "permis de conduire": "permis",
    "permis VL": "permis B",
    "permis voiture": "permis B",
    "permis auto": "permis B",
    "permis véhicule léger": "permis B",
    "permis A": "permis moto",
    "permis PL": "permis C",
    "permis poids lourd": "permis C",
    "permis SPL": "permis CE",
    "permis super lourd": "permis CE",
    "permis EC": "permis CE",
    "permis C E": "permis CE",
    "permis de construire": "permisdeconstruire",
    # CACES: a bare category is a lift truck's (R489, formerly R389)
    "CACES R 489": "CACES R489",
    "CACES R 482": "CACES R482",
    "CACES R 486": "CACES R486",
    "CACES R389": "CACES R489",
    "CACES cariste": "CACES R489",
    "CACES chariot": "CACES R489",
    "CACES chariot élévateur": "CACES R489",
    **{f"CACES {n}": f"CACES R489 {n}" for n in range(1, 8)},
    **{f"CACES R389 {n}": f"CACES R489 {n}" for n in range(1, 8)},
    "CACES nacelle": "CACES R486",
    "CACES PEMP": "CACES R486",
    "CACES R386": "CACES R486",
    "CACES engins de chantier": "CACES R482",
    "CACES engin de chantier": "CACES R482",
    "CACES pelle": "CACES R482",
    "CACES R372": "CACES R482",
    "CACES grue": "CACES R490",
    # Certificates
    "sauveteur secouriste du travail": "SST",
    "premiers secours": "PSC1",
    "prévention et secours civiques": "PSC1",
    "SSIAP1": "SSIAP 1",
    "SSIAP2": "SSIAP 2",
    "SSIAP3": "SSIAP 3",
    "carte pro": "carte professionnelle",
    "carte professionnelle de sécurité": "carte professionnelle CNAPS",
    "brevet d'aptitude aux fonctions d'animateur": "BAFA",
    "attestation de formation aux gestes et soins d'urgence": "AFGSU",
    "habilitations électriques": "habilitation électrique",
    # Software and office tools
    "pack office": "office",
    "suite office": "office",
    "office 365": "office",
    "traitement de texte": "word",
    "powerbi": "power bi",
    "sage-femme": "sagefemme",
    "sage femme": "sagefemme",
    "auto cad": "autocad",
    "solid works": "solidworks",
    "js": "javascript",
    "postgres": "postgresql",
    "english": "anglais",
    "warehouse management system": "WMS",
    "gestion de la maintenance assistée par ordinateur": "GMAO",
    "gestion de maintenance assistée par ordinateur": "GMAO",
    "conception assistée par ordinateur": "CAO",
    "dessin assisté par ordinateur": "DAO",
    # Accounting, payroll, HR, public administration
    "paye": "paie",
    "bulletins de paie": "paie",
    "fiche de paie": "paie",
    "taxe sur la valeur ajoutée": "TVA",
    "bilan de compétences": "bilandecompetences",
    "bilan sanguin": "bilansanguin",
    "clôture des comptes": "bilan",
    "déclaration sociale nominative": "DSN",
    "droit social": "droit du travail",
    "législation du travail": "droit du travail",
    "code du travail": "droit du travail",
    "commande publique": "marchés publics",
    # Industry and maintenance
    "soudage": "soudure",
    "soudeur": "soudure",
    "lire un plan": "lecture de plans",
    "lire des plans": "lecture de plans",
    "tour à commande numérique": "tournage commande numérique",
    "tournage vidéo": "tournagevideo",
    "CN": "commande numérique",
    "CNC": "commande numérique",
    "automate": "automatisme automate",
    "électrotechnicien": "électrotechnique",
    # Care, cleaning, hospitality, retail
    "toilette": "soins d'hygiène toilette",
    "soins de nursing": "soins d'hygiène",
    "nursing": "soins d'hygiène",
    "transmissions ciblées": "transmissions",
    "bio nettoyage": "bionettoyage",
    "nettoyage en milieu hospitalier": "bionettoyage",
    "service à table": "service en salle",
    "service au plateau": "service en salle",
    "service restaurant": "service en salle restaurant",
    "cuisine du marché": "cuisine traditionnelle",
    "cuisine bistronomique": "cuisine traditionnelle",
    "accueil clientèle": "accueil",
    "accueil client": "accueil",
    "accueil des clients": "accueil",
    "accueil du public": "accueil",
    "clientèle": "client",
    "tenue de caisse": "encaissement",
    "caisse": "encaissement",
    "mise en rayon": "merchandising",
    "facing": "merchandising",
    "marchandisage": "merchandising",
    "picking": "préparation de commandes",
    "commande vocale": "préparation de commandes vocale",
    # Agriculture
    "tractoriste": "conduite de tracteur",
    "conduite d'engins agricoles": "conduite de tracteur",
    "taille de vigne": "taille de la vigne",
}

# Held skill -> skills it shows (a framework shows its language, a trade's tool its trade). Added to
# the held skill's key, never replacing it: "Django" is also Python, "Python" is not Django.
SKILL_IMPLIES = {
    "FCO": "FIMO",
    "TIG": "soudure",
    "MIG": "soudure",
    "MAG": "soudure",
    "habilitation": "habilitation électrique",
    "B0": "habilitation électrique",
    "H0B0": "habilitation électrique",
    "H0": "habilitation électrique",
    "B1V": "habilitation électrique",
    "B2V": "habilitation électrique",
    "BR": "habilitation électrique",
    "BC": "habilitation électrique",
    "BT": "habilitation électrique",
    "BS": "habilitation électrique",
    "CNAPS": "carte professionnelle",
    "Fanuc": "commande numérique",
    "API Schneider": "automatisme",
    "API Siemens": "automatisme",
    "DAR": "transmissions",
    "Django": "Python",
    "Flask": "Python",
    "TypeScript": "JavaScript",
    "ES6": "JavaScript",
    "React": "JavaScript",
    "Angular": "JavaScript",
    "Vue": "JavaScript",
    "Node": "JavaScript",
    "Spring": "Java",
    "Spring Boot": "Java",
    "Java EE": "Java",
    "Symfony": "PHP",
    "Laravel": "PHP",
    "PostgreSQL": "SQL",
    "MySQL": "SQL",
    "MariaDB": "SQL",
    "SQL Server": "SQL",
    "Oracle Database": "SQL",
    "Debian": "Linux",
    "Ubuntu": "Linux",
    "Red Hat": "Linux",
    "CentOS": "Linux",
    "Active Directory": "Windows Server",
    "Guyot": "taille de la vigne",
    "parpaing": "maçonnerie",
    "sourcing": "recrutement",
    "word excel": "office",
    "excel word": "office",
    "word excel powerpoint": "office",
    "excel word powerpoint": "office",
}

# Skills looked for in the free text of a profile (CV text, experience descriptions), where a phrase
# must be a known skill to count. Offers name these often; candidates mention them in passing.
REFERENCE_SKILLS = (
    # office and software
    "Excel", "Word", "PowerPoint", "Outlook", "Office", "Access", "Power BI", "SAP", "Sage", "Sage Paie",
    "Cegid", "Ciel", "EBP", "Quadra", "Silae", "ADP", "Salesforce", "AutoCAD", "SolidWorks", "Revit",
    "CATIA", "CAO", "DAO", "GMAO", "ERP", "CRM", "WMS", "Photoshop", "Illustrator", "InDesign",
    "Python", "Java", "JavaScript", "TypeScript", "PHP", "SQL", "PostgreSQL", "MySQL", "Oracle", "Git",
    "Linux", "Windows Server", "Docker", "Kubernetes", "Ansible", "Active Directory", "VMware", "React",
    "Angular", "Django", "Symfony", "C#", ".NET", "C++", "HTML", "CSS", "réseau", "cybersécurité",
    # accounting, finance, HR
    "TVA", "Bilan", "Paie", "Fiscalité", "Consolidation", "Budget", "Reporting", "Trésorerie",
    "Comptabilité", "Comptabilité générale", "Comptabilité analytique", "Contrôle de gestion",
    "Rapprochement bancaire", "Recouvrement", "Facturation", "Déclarations sociales", "DSN",
    "Droit social", "Recrutement", "Formation", "GPEC", "Administration du personnel",
    # sales, management, office work
    "Négociation", "Prospection", "Relation client", "Vente", "Merchandising", "Encaissement",
    "Gestion de projet", "Management", "Accueil", "Standard téléphonique", "Secrétariat",
    "Gestion des stocks", "Inventaire", "Achats", "Logistique", "Planification", "Lean",
    # industry, building, logistics, transport
    "Soudure", "Soudure TIG", "Soudure MIG", "Soudure à l'arc", "Chaudronnerie", "Usinage", "Tournage",
    "Fraisage", "Commande numérique", "Lecture plan", "Métrologie", "Pneumatique", "Hydraulique",
    "Électricité", "Électrotechnique", "Automatisme", "Mécanique", "Maintenance préventive",
    "Maintenance curative", "Habilitation électrique", "CACES", "CACES R489", "CACES R486", "CACES R482",
    "CACES R490", "Permis B", "Permis C", "Permis CE", "Permis moto", "FIMO", "FCO", "ADR", "Chronotachygraphe",
    "Préparation de commandes", "Picking", "Filmage", "Emballage", "Maçonnerie", "Coffrage", "Carrelage",
    "Plâtrerie", "Peinture", "Plomberie", "Chauffage", "Climatisation", "Menuiserie", "Charpente",
    "Couverture", "Topographie", "Métré", "Qualité", "ISO 9001", "Sécurité", "HSE", "SST", "PSC1",
    "Gestes postures", "Travail en hauteur",
    # care, home help, education
    "Soins d'hygiène", "Soins infirmiers", "Pansements", "Prise de sang", "Distribution des médicaments",
    "Aide à la toilette", "Aide à la personne", "Aide aux repas", "Transferts", "Bionettoyage",
    "Entretien des locaux", "Nettoyage", "Repassage", "AFGSU", "Gériatrie", "Alzheimer", "Petite enfance",
    "Animation", "BAFA", "Pédagogie",
    # hospitality, food, agriculture
    "HACCP", "Cuisine", "Pâtisserie", "Boulangerie", "Service en salle", "Mise en place", "Plonge",
    "Barista", "Œnologie", "Sommellerie", "Réception", "Réservation", "Viticulture", "Taille de la vigne",
    "Vendanges", "Tracteur", "Élevage", "Traite", "Maraîchage", "Arboriculture", "Espaces verts",
    "Débroussaillage", "Tronçonneuse",
    # security and public services
    "SSIAP", "SSIAP 1", "CQP APS", "Carte professionnelle", "Vidéosurveillance", "Ronde", "Marchés publics",
    "État civil", "Urbanisme",
    # languages named as skills
    "Anglais", "Allemand", "Espagnol", "Italien",
)

MAX_PHRASE_TOKENS = 6


@dataclass(frozen=True)
class _Phrases:
    """Token phrases looked up at each position of a token sequence (first token -> lengths)."""

    values: dict[tuple[str, ...], tuple[str, ...] | str]
    lengths: dict[str, tuple[int, ...]]

    @classmethod
    def of(cls, values: dict) -> _Phrases:
        lengths: dict[str, set[int]] = {}
        for phrase in values:
            lengths.setdefault(phrase[0], set()).add(len(phrase))
        # Longest first: "CACES R389 3" before "CACES R389".
        return cls(values, {token: tuple(sorted(sizes, reverse=True)) for token, sizes in lengths.items()})

    def at(self, tokens, i: int):
        """The longest phrase starting at `i`: (length, value), or None."""
        for length in self.lengths.get(tokens[i], ()):
            value = self.values.get(tuple(tokens[i : i + length]))
            if value is not None:
                return length, value
        return None


@dataclass(frozen=True)
class SkillCanon:
    """Canonical skill keys under one tokeniser (build it with `skill_canon`)."""

    tokenise: Tokenise
    rewrites: _Phrases  # variant -> canonical tokens
    implies: _Phrases  # held phrase -> canonical tokens of the skills it shows
    references: _Phrases  # canonical tokens of a reference skill -> its label

    def tokens(self, text: str) -> tuple[str, ...]:
        """Canonical tokens of a written skill: fillers dropped, variants rewritten, then the skills
        it implies appended (each token once)."""
        tokens = self._rewritten(text)
        extra: list[str] = []
        if self.implies.lengths.keys() & set(tokens):
            for i in range(len(tokens)):
                hit = self.implies.at(tokens, i)
                if hit is not None:
                    extra.extend(hit[1])
        return tuple(dict.fromkeys((*tokens, *extra)))

    def key(self, text: str) -> str:
        """The matching key of a written skill: its canonical tokens joined by spaces."""
        return " ".join(self.tokens(text))

    def find(self, texts: Iterable[str]) -> list[str]:
        """Reference skills named in free texts (CV, experience descriptions), as their labels, first
        mention first. A phrase counts only as written there, implied skills aside."""
        found: dict[str, None] = {}
        for text in texts:
            if not text:
                continue
            tokens = self._rewritten(text)
            starts = self.references.lengths
            for i, token in enumerate(tokens):
                if token in starts:
                    for length in starts[token]:
                        label = self.references.values.get(tokens[i : i + length])
                        if label is not None:
                            found.setdefault(label)
        return list(found)

    def _rewritten(self, text: str) -> tuple[str, ...]:
        tokens = [token for token in self.tokenise(text) if token not in FILLER_WORDS]
        # A rewrite may produce another variant ("permis de conduire VL" -> "permis VL" -> "permis B").
        for _ in range(3):
            if not self.rewrites.lengths.keys() & set(tokens):
                break
            out: list[str] = []
            i = 0
            while i < len(tokens):
                hit = self.rewrites.at(tokens, i)
                if hit is None:
                    out.append(tokens[i])
                    i += 1
                else:
                    out.extend(hit[1])
                    i += hit[0]
            if out == tokens:
                break
            tokens = out
        return tuple(tokens)


def skill_canon(tokenise: Tokenise, extra_skills: Iterable[str] = ()) -> SkillCanon:
    """The canonical keys of skills under `tokenise`, with the reference skills (and `extra_skills`)
    as the phrases `SkillCanon.find` looks for in free text."""

    def cleaned(text: str) -> tuple[str, ...]:
        return tuple(token for token in tokenise(text) if token not in FILLER_WORDS)

    rewrites = {}
    for variant, canonical in SKILL_SYNONYMS.items():
        source, target = cleaned(variant), cleaned(canonical)
        if source and target and source != target:
            rewrites[source] = target
    canon = SkillCanon(tokenise, _Phrases.of(rewrites), _Phrases.of({}), _Phrases.of({}))
    implies = {}
    for held, shown in SKILL_IMPLIES.items():
        source = canon._rewritten(held)
        if source:
            implies[source] = (*implies.get(source, ()), *canon._rewritten(shown))
    references = {}
    for label in (*REFERENCE_SKILLS, *extra_skills):
        tokens = canon._rewritten(label)
        if tokens and len(tokens) <= MAX_PHRASE_TOKENS:
            references.setdefault(tokens, label)
    return SkillCanon(tokenise, canon.rewrites, _Phrases.of(implies), _Phrases.of(references))
