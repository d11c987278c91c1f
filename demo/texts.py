"""The demo's phrase bank: justifications, evidence, comments and reasons in the language a
country team would write in (English, French or Spanish).

Every text is visibly synthetic: it starts with DEMO_MARK, names invented instruments
(numbers and years drawn from a seeded random generator) and links to example.org only.
"""

import random
from dataclasses import dataclass
from datetime import date

DEMO_MARK = "[Demo] "

LANGUAGE_OF_COUNTRY = {
    "SEN": "fr", "MDG": "fr", "RWA": "fr", "MRT": "fr",
    "DOM": "es", "ECU": "es", "HND": "es", "PAN": "es",
}  # fmt: skip

# The legal and policy texts of a country, by kind. {y} a year, {n} a number, {end} year + 5.
INSTRUMENT_NAMES = {
    "en": {
        "mining_code": "Mining Act (Act No. {n} of {y})",
        "asm_regulation": "Artisanal and Small-Scale Mining Regulations, {y}",
        "agency": "Statutory Instrument No. {n} of {y} establishing the ASM Department",
        "strategy": "National ASM Formalization Strategy {y}-{end}",
        "finance": "Finance Act {y}",
        "trade": "Mineral Trading Regulations, {y}",
        "environment": "Environmental Management Act (Act No. {n} of {y})",
        "mercury": "Minamata National Action Plan on artisanal gold mining ({y})",
        "health": "National Health Policy {y}-{end}",
        "labour": "Employment Act (Act No. {n} of {y})",
        "gender": "National Gender Policy {y}",
    },
    "fr": {
        "mining_code": "Code minier (loi n° {y}-{n})",
        "asm_regulation": "Décret n° {y}-{n} relatif à l'exploitation minière artisanale",
        "agency": "Arrêté n° {n}/{y} portant organisation de la direction de l'EMAPE",
        "strategy": "Stratégie nationale de formalisation de l'EMAPE {y}-{end}",
        "finance": "Loi de finances pour {y}",
        "trade": "Arrêté n° {n}/{y} réglementant la commercialisation de l'or artisanal",
        "environment": "Code de l'environnement (loi n° {y}-{n})",
        "mercury": "Plan d'action national de Minamata sur l'orpaillage ({y})",
        "health": "Politique nationale de santé {y}-{end}",
        "labour": "Code du travail (loi n° {y}-{n})",
        "gender": "Politique nationale d'équité et d'égalité de genre {y}",
    },
    "es": {
        "mining_code": "Ley de Minería (Ley N.º {n}-{y})",
        "asm_regulation": "Reglamento de la Minería Artesanal y en Pequeña Escala (Decreto N.º {n}-{y})",
        "agency": "Acuerdo Ministerial N.º {n}-{y} que crea la Dirección de Minería Artesanal",
        "strategy": "Estrategia Nacional de Formalización de la MAPE {y}-{end}",
        "finance": "Ley de Presupuesto General del Estado {y}",
        "trade": "Reglamento de Comercialización de Minerales (Decreto N.º {n}-{y})",
        "environment": "Ley General del Ambiente (Ley N.º {n}-{y})",
        "mercury": "Plan de Acción Nacional de Minamata para la minería aurífera artesanal ({y})",
        "health": "Política Nacional de Salud {y}-{end}",
        "labour": "Código del Trabajo (reforma de {y})",
        "gender": "Política Nacional de Igualdad de Género {y}",
    },
}

# The texts a recommendation's justifications cite: CONTEXT's n-th sentence cites the n-th.
INSTRUMENTS_OF_RECOMMENDATION = {
    "6.1.1": ["mining_code", "asm_regulation"], "6.1.2": ["agency", "mining_code"],
    "6.1.3": ["strategy", "strategy"], "6.2.1": ["mining_code", "strategy"],
    "6.2.2": ["strategy", "finance"], "6.2.3": ["finance", "mining_code"],
    "6.2.4": ["trade", "asm_regulation"], "6.2.5": ["mining_code", "asm_regulation"],
    "6.3.1": ["environment", "mercury"], "6.3.2": ["health", "health"],
    "6.3.3": ["labour", "labour"], "6.3.4": ["gender", "gender"],
}  # fmt: skip

# What the team says about a recommendation whatever the level; {i} is the instrument cited.
CONTEXT = {
    "en": {
        "6.1.1": ["The {i} creates an artisanal mining permit valid for two years, renewable.",
                  "ASM is defined in the {i}, which distinguishes artisanal from small-scale permits."],
        "6.1.2": ["The ASM Department was set up under the {i} and reports to the Ministry of Mines.",
                  "Mandates are split between the Ministry of Mines and district councils under the {i}."],
        "6.1.3": ["The {i} was prepared with the national miners' federation and two NGOs.",
                  "Formalization is organised around the {i}, with three pilot districts."],
        "6.2.1": ["The Geological Survey keeps the inventory of ASM sites referred to in the {i}.",
                  "A scoping study of the gold and gemstone sub-sectors was funded under the {i}."],
        "6.2.2": ["Support to savings and credit for miners is foreseen in the {i}.",
                  "A guarantee line for ASM cooperatives was announced in the {i}."],
        "6.2.3": ["ASM royalties and permit fees are set by the {i}.",
                  "The {i} sets a flat 3% royalty for artisanal gold, collected at buying points."],
        "6.2.4": ["Gold buyers must hold a licence under the {i}, which asks for a register of purchases.",
                  "Traceability of ASM gold and tin is addressed by the {i}."],
        "6.2.5": ["The {i} allows holders of large permits to release unused ground to ASM groups.",
                  "Relations between large mines and artisanal miners are covered by the {i}."],
        "6.3.1": ["Environmental duties of ASM permit holders follow the {i}.",
                  "Mercury use in artisanal gold mining is addressed by the {i}."],
        "6.3.2": ["Health and schooling in mining areas are covered by the {i}.",
                  "The {i} lists mining settlements among its priority areas."],
        "6.3.3": ["The {i} sets the minimum age for work at 15 and for hazardous work at 18.",
                  "Child labour is prohibited by the {i}, enforced by the labour inspectorate."],
        "6.3.4": ["The {i} states that women and men have equal rights to land and mineral titles.",
                  "Women's participation in ASM is addressed in the {i}."],
    },
    "fr": {
        "6.1.1": ["Le {i} crée une autorisation d'exploitation artisanale valable deux ans, renouvelable.",
                  "L'EMAPE est définie par le {i}, qui distingue l'exploitation artisanale de la petite mine."],
        "6.1.2": ["La direction de l'EMAPE a été organisée par l'{i} et relève du ministère des Mines.",
                  "Les compétences sont partagées entre le ministère et les collectivités selon le {i}."],
        "6.1.3": ["La {i} a été élaborée avec la fédération nationale des orpailleurs et deux ONG.",
                  "La formalisation s'organise autour de la {i}, avec trois régions pilotes."],
        "6.2.1": ["Le service géologique tient l'inventaire des sites d'orpaillage prévu par le {i}.",
                  "Une étude de cadrage des filières or et pierres a été financée au titre de la {i}."],
        "6.2.2": ["L'appui à l'épargne et au crédit des orpailleurs est prévu par la {i}.",
                  "Un fonds de garantie pour les coopératives minières est annoncé dans la {i}."],
        "6.2.3": ["Les redevances et droits fixes de l'EMAPE sont fixés par la {i}.",
                  "Le {i} fixe une redevance de 3 % sur l'or artisanal, perçue aux comptoirs d'achat."],
        "6.2.4": ["Les comptoirs d'achat d'or sont agréés selon l'{i}, qui impose un registre des achats.",
                  "La traçabilité de l'or artisanal est traitée par le {i}."],
        "6.2.5": ["Le {i} permet aux titulaires de grands permis de céder des zones inexploitées à l'EMAPE.",
                  "Les relations entre grandes mines et orpailleurs relèvent du {i}."],
        "6.3.1": ["Les obligations environnementales des titulaires d'autorisations suivent le {i}.",
                  "L'usage du mercure dans l'orpaillage est traité par le {i}."],
        "6.3.2": ["La santé et la scolarisation dans les zones minières relèvent de la {i}.",
                  "La {i} classe les sites d'orpaillage parmi ses zones prioritaires."],
        "6.3.3": ["Le {i} fixe l'âge minimum d'admission à l'emploi à 15 ans et à 18 ans pour les travaux dangereux.",
                  "Le travail des enfants est interdit par le {i}, dont l'inspection du travail assure le contrôle."],
        "6.3.4": ["La {i} affirme l'égalité des femmes et des hommes pour l'accès à la terre et aux titres miniers.",
                  "La place des femmes dans l'EMAPE est traitée par la {i}."],
    },
    "es": {
        "6.1.1": ["La {i} crea un permiso de minería artesanal válido por dos años, renovable.",
                  "La MAPE está definida en el {i}, que distingue la minería artesanal de la pequeña minería."],
        "6.1.2": ["La Dirección de Minería Artesanal fue creada por el {i} y depende del Ministerio.",
                  "Las competencias se reparten entre el Ministerio y los municipios según la {i}."],
        "6.1.3": ["La {i} se elaboró con la federación nacional de mineros artesanales y dos ONG.",
                  "La formalización se organiza en torno a la {i}, con tres distritos piloto."],
        "6.2.1": ["El servicio geológico mantiene el inventario de sitios de MAPE previsto en la {i}.",
                  "Un estudio de alcance de la MAPE de oro y áridos se financió en el marco de la {i}."],
        "6.2.2": ["El apoyo al ahorro y al crédito de los mineros está previsto en la {i}.",
                  "La {i} anuncia una línea de garantía para cooperativas mineras."],
        "6.2.3": ["Las regalías y derechos de la MAPE están fijados por la {i}.",
                  "La {i} fija una regalía del 3 % para el oro artesanal, cobrada en los puntos de compra."],
        "6.2.4": ["Los compradores de oro deben tener licencia según el {i}, que exige un registro de compras.",
                  "La trazabilidad del oro artesanal está regulada por el {i}."],
        "6.2.5": ["La {i} permite a los titulares de grandes concesiones ceder áreas no trabajadas a la MAPE.",
                  "Las relaciones entre la gran minería y la MAPE se rigen por el {i}."],
        "6.3.1": ["Las obligaciones ambientales de los titulares de permisos siguen la {i}.",
                  "El uso de mercurio en la minería aurífera artesanal se aborda en el {i}."],
        "6.3.2": ["La salud y la educación en zonas mineras están cubiertas por la {i}.",
                  "La {i} incluye los asentamientos mineros entre sus zonas prioritarias."],
        "6.3.3": ["El {i} fija la edad mínima de admisión al empleo en 15 años y en 18 para trabajos peligrosos.",
                  "El trabajo infantil está prohibido por el {i}, cuya aplicación controla la inspección laboral."],
        "6.3.4": ["La {i} reconoce a mujeres y hombres iguales derechos sobre la tierra y los títulos mineros.",
                  "La participación de las mujeres en la MAPE se aborda en la {i}."],
    },
}  # fmt: skip

# How far the indicator is in place, by level code; {y} a recent year.
STATUS = {
    "en": [
        ["Nothing of this is in place yet, in law or in practice.",
         "The texts are silent on this point and no programme addresses it."],
        ["Work has only started: a draft prepared in {y} has not been adopted yet.",
         "A pilot with a development partner began in {y}, but nothing applies nationally."],
        ["This is partly in place: the provisions exist but are applied in some regions only.",
         "Some elements are in force, but implementing texts and resources are still missing."],
        ["This is largely in place and applied in most mining regions; gaps remain at remote sites.",
         "Most elements are in force and applied; a review in {y} noted minor gaps in monitoring."],
        ["This is fully in place, applied nationwide and reviewed every year.",
         "Fully in place since {y}; the ministry's annual report documents its application."],
    ],
    "fr": [
        ["Rien n'est encore en place sur ce point, ni en droit ni en pratique.",
         "Les textes sont muets sur ce point et aucun programme ne le traite."],
        ["Les travaux ont seulement commencé : un projet de texte préparé en {y} n'est pas adopté.",
         "Un projet pilote avec un partenaire a démarré en {y}, sans application nationale."],
        ["C'est partiellement en place : les dispositions existent mais ne s'appliquent que dans certaines régions.",
         "Certains éléments sont en vigueur, mais les textes d'application et les moyens manquent."],
        ["C'est largement en place dans la plupart des régions minières ; des lacunes subsistent sur les sites isolés.",
         "L'essentiel est en vigueur et appliqué ; une revue en {y} a relevé des lacunes mineures de suivi."],
        ["C'est pleinement en place, appliqué dans tout le pays et revu chaque année.",
         "Pleinement en place depuis {y} ; le rapport annuel du ministère en rend compte."],
    ],
    "es": [
        ["Nada de esto existe todavía, ni en la ley ni en la práctica.",
         "Los textos no tratan este punto y ningún programa lo aborda."],
        ["El trabajo apenas comenzó: un borrador preparado en {y} aún no se ha aprobado.",
         "Un piloto con un socio de cooperación empezó en {y}, sin aplicación nacional."],
        ["Está parcialmente establecido: las disposiciones existen pero se aplican solo en algunas regiones.",
         "Algunos elementos están vigentes, pero faltan normas de aplicación y recursos."],
        ["Está mayormente establecido en casi todas las regiones mineras; quedan brechas en sitios remotos.",
         "La mayoría de los elementos se aplican; una revisión en {y} señaló brechas menores de seguimiento."],
        ["Está plenamente establecido, se aplica en todo el país y se revisa cada año.",
         "Plenamente establecido desde {y}; el informe anual del Ministerio da cuenta de su aplicación."],
    ],
}  # fmt: skip

NEXT_STEP = {
    "en": ["The ministry plans to address this in the next revision of the texts.",
           "Data are being collected with the regional mining offices.",
           "A proposal is on the agenda of the ASM steering committee."],
    "fr": ["Le ministère prévoit de traiter ce point lors de la prochaine révision des textes.",
           "Les données sont en cours de collecte auprès des directions régionales des mines.",
           "Une proposition est inscrite à l'ordre du jour du comité de pilotage de l'EMAPE."],
    "es": ["El Ministerio prevé abordarlo en la próxima revisión de las normas.",
           "Se están recopilando datos con las oficinas regionales de minería.",
           "Hay una propuesta en la agenda del comité directivo de la MAPE."],
}  # fmt: skip

LINKS = {
    "en": [("Ministry of Mines, ASM permits page", "ministry/asm-permits"),
           ("ASM Department annual report {y}", "reports/asm-annual-report-{y}.pdf"),
           ("Workshop report on ASM formalization, {y}", "reports/formalization-workshop-{y}.pdf")],
    "fr": [("Ministère des Mines, page EMAPE", "ministere/emape"),
           ("Rapport annuel de la direction de l'EMAPE {y}", "rapports/rapport-annuel-emape-{y}.pdf"),
           ("Compte rendu de l'atelier de validation, {y}", "rapports/atelier-validation-{y}.pdf")],
    "es": [("Ministerio de Minas, portal de la MAPE", "ministerio/mape"),
           ("Informe anual de la Dirección de Minería Artesanal {y}", "informes/informe-anual-mape-{y}.pdf"),
           ("Memoria del taller de formalización, {y}", "informes/taller-formalizacion-{y}.pdf")],
}  # fmt: skip

ARTICLE = {"en": "Section {n}", "fr": "Art. {n}", "es": "Art. {n}"}

ANALYST_QUESTIONS = {
    "en": ["Could you attach the regulation you cite? There is no legal reference yet.",
           "The level seems high given the inspection figures for the northern region: "
           "please confirm or explain."],
    "fr": ["Pourriez-vous joindre le texte cité ? Aucune référence juridique n'est jointe.",
           "Le niveau paraît élevé au vu des chiffres d'inspection de la région nord : "
           "merci de confirmer ou de préciser."],
    "es": ["¿Podrían adjuntar el reglamento citado? Aún no hay referencia jurídica.",
           "El nivel parece alto según las cifras de inspección de la región norte: "
           "por favor confirmen o expliquen."],
}  # fmt: skip

TEAM_REPLIES = {
    "en": "Done: the regulation is attached and the justification updated.",
    "fr": "C'est fait : le texte est joint et la justification complétée.",
    "es": "Listo: adjuntamos el reglamento y completamos la justificación.",
}

RETURN_COMMENTS = {
    "en": "Thank you. Before validation, please add legal references for the finance "
    "indicators (6.2.2) and explain the rating of 6.3.3.b.",
    "fr": "Merci. Avant validation, merci d'ajouter les références juridiques des indicateurs "
    "sur le financement (6.2.2) et d'expliquer la note de 6.3.3.b.",
    "es": "Gracias. Antes de validar, agreguen las referencias jurídicas de los indicadores de "
    "financiamiento (6.2.2) y expliquen la calificación de 6.3.3.b.",
}

NOT_APPLICABLE_REASONS = {
    ("JAM", "6.3.1.b"): "Jamaica has no artisanal gold mining: ASM here is the quarrying of "
    "limestone, sand and gravel, where mercury is not used.",
    ("JAM", "6.3.1.c"): "No artisanal gold mining in Jamaica, hence no mercury use to reduce "
    "and no Minamata National Action Plan on artisanal gold mining is required.",
    ("RWA", "6.2.5.c"): "Aucune grande mine n'est en exploitation au Rwanda : le secteur ne "
    "compte que des exploitations petites et moyennes, il n'y a donc pas d'accord à enregistrer.",
}


@dataclass(frozen=True)
class Instrument:
    name: str
    year: int
    number: int


def language_of(iso3: str) -> str:
    return LANGUAGE_OF_COUNTRY.get(iso3, "en")


def demo(text: str) -> str:
    return DEMO_MARK + text


def country_instruments(iso3: str, language: str) -> dict[str, Instrument]:
    """The invented legal texts of a country, the same on every run."""
    rng = random.Random(f"{iso3}:instruments")
    instruments = {}
    for kind, template in INSTRUMENT_NAMES[language].items():
        year, number = rng.randint(2006, 2020), rng.randint(12, 240)
        name = template.format(y=year, n=number, end=year + 5)
        instruments[kind] = Instrument(name, year, number)
    return instruments


def justification(
    recommendation: str, level: int, *, language: str, instruments, rng, year: int
) -> str:
    index = rng.randrange(2)
    kind = INSTRUMENTS_OF_RECOMMENDATION[recommendation][index]
    context = CONTEXT[language][recommendation][index].format(i=instruments[kind].name)
    status = rng.choice(STATUS[language][level]).format(y=year - rng.randint(1, 3))
    parts = [context, status]
    if level <= 2 and rng.random() < 0.4:
        parts.append(rng.choice(NEXT_STEP[language]))
    return demo(" ".join(parts))


def legal_reference(recommendation: str, *, language: str, instruments, rng, iso3: str) -> dict:
    """Fields of a legal-reference Evidence citing one of the recommendation's texts."""
    instrument = instruments[rng.choice(INSTRUMENTS_OF_RECOMMENDATION[recommendation])]
    article = ARTICLE[language].format(n=rng.randint(3, 120))
    return {
        "title": demo(f"{instrument.name}, {article}"),
        "instrument": instrument.name,
        "article": article,
        "date": date(instrument.year, rng.randint(1, 12), rng.randint(1, 28)),
        "url": f"https://example.org/demo/{iso3.lower()}/legal/{instrument.year}-{instrument.number}",
    }


def web_link(*, language: str, rng, iso3: str, year: int) -> dict:
    title, path = rng.choice(LINKS[language])
    return {
        "title": demo(title.format(y=year)),
        "url": f"https://example.org/demo/{iso3.lower()}/{path.format(y=year)}",
    }
