"""The demo's phrase bank: justifications, evidence, comments and reasons in the language a
country team would write in (English, French or Spanish), about the minerals its artisanal
and small-scale miners produce (VOCABULARY: nobody calls Rwanda's tin mines or Madagascar's
sapphire pits "orpaillage", which is artisanal gold mining).

Every text is visibly synthetic: it starts with DEMO_MARK, names invented instruments
(numbers and years drawn from a seeded random generator) and links to example.org only.
"""

import random
from dataclasses import dataclass
from datetime import date

DEMO_MARK = "[Demo] "

LANGUAGE_OF_COUNTRY = {
    "SEN": "fr", "MDG": "fr", "MRT": "fr",
    "DOM": "es", "ECU": "es", "HND": "es", "PAN": "es",
}  # fmt: skip

# How a country's team names its ASM, in its language: {product} what is mined and sold,
# {sites} the places, {miners} the people, {districts} the areas inspected, {sectors} the
# sub-sectors a study covers, {processing} the chemicals of processing.
_GOLD_FR = {
    "product": "l'or artisanal", "sites": "sites d'orpaillage", "miners": "orpailleurs",
    "districts": "zones aurifères", "sectors": "de la filière aurifère",
    "processing": "l'usage du mercure dans le traitement de l'or",
}  # fmt: skip
_GOLD_EN = {
    "product": "artisanal gold", "sites": "gold mining sites", "miners": "artisanal miners",
    "districts": "gold districts", "sectors": "the gold sub-sector",
    "processing": "mercury use in artisanal gold processing",
}  # fmt: skip
_GOLD_ES = {
    "product": "el oro artesanal", "sites": "sitios de MAPE", "miners": "mineros artesanales",
    "districts": "distritos auríferos", "sectors": "de la MAPE de oro",
    "processing": "el uso de mercurio en el procesamiento del oro",
}  # fmt: skip
VOCABULARY = {
    "SEN": _GOLD_FR,
    "MRT": _GOLD_FR,
    "MDG": {
        "product": "les pierres précieuses et l'or", "sites": "sites de saphirs et d'or",
        "miners": "exploitants artisanaux", "districts": "zones de pierres précieuses",
        "sectors": "des filières des pierres précieuses et de l'or",
        "processing": "l'usage du mercure dans le traitement de l'or",
    },
    "RWA": {
        "product": "tin, tantalum and tungsten (3T)", "sites": "3T mine sites",
        "miners": "artisanal miners", "districts": "3T mining districts",
        "sectors": "the 3T and gold sub-sectors",
        "processing": "the use of chemicals in processing 3T ores and gold",
    },
    "NAM": {
        "product": "semi-precious stones and tin", "sites": "small-scale mine sites",
        "miners": "small-scale miners", "districts": "mining areas of the Erongo region",
        "sectors": "the semi-precious stone and tin sub-sectors",
        "processing": "the use of chemicals in processing tin ore",
    },
    "JAM": {
        "product": "limestone, sand and gravel", "sites": "quarries", "miners": "quarry workers",
        "districts": "quarrying areas", "sectors": "the quarrying sub-sector",
        "processing": "the use of explosives and dust control at quarries",
    },
    "UGA": _GOLD_EN, "MNG": _GOLD_EN, "KGZ": _GOLD_EN, "SUR": _GOLD_EN,
    "DOM": {**_GOLD_ES, "product": "el oro y el ámbar artesanales",
            "sectors": "de la MAPE de oro, ámbar y larimar"},
    "ECU": _GOLD_ES, "HND": _GOLD_ES, "PAN": _GOLD_ES,
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
        "cooperatives": "Co-operative Societies Act (Act No. {n} of {y})",
    },
    "fr": {
        "mining_code": "Code minier (loi n° {y}-{n})",
        "asm_regulation": "Décret n° {y}-{n} relatif à l'exploitation minière artisanale",
        "agency": "Arrêté n° {n}/{y} portant organisation de la direction de l'EMAPE",
        "strategy": "Stratégie nationale de formalisation de l'EMAPE {y}-{end}",
        "finance": "Loi de finances pour {y}",
        "trade": "Arrêté n° {n}/{y} réglementant la commercialisation des produits de l'EMAPE",
        "environment": "Code de l'environnement (loi n° {y}-{n})",
        "mercury": "Plan d'action national de Minamata sur l'extraction artisanale d'or ({y})",
        "health": "Politique nationale de santé {y}-{end}",
        "labour": "Code du travail (loi n° {y}-{n})",
        "gender": "Politique nationale d'équité et d'égalité de genre {y}",
        "cooperatives": "Loi n° {y}-{n} relative aux sociétés coopératives",
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
        "cooperatives": "Ley General de Cooperativas (Ley N.º {n}-{y})",
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
    "6.1.4": ["cooperatives", "asm_regulation"], "6.3.5": ["mercury", "environment"],
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
                  "A scoping study of {sectors} was funded under the {i}."],
        "6.2.2": ["Support to savings and credit for miners is foreseen in the {i}.",
                  "A guarantee line for ASM cooperatives was announced in the {i}."],
        "6.2.3": ["ASM royalties and permit fees are set by the {i}.",
                  "The {i} sets a flat 3% royalty on {product}, collected at buying points."],
        "6.2.4": ["Mineral buyers must hold a licence under the {i}, which asks for a register of purchases.",
                  "Traceability of {product} is addressed by the {i}."],
        "6.2.5": ["The {i} allows holders of large permits to release unused ground to ASM groups.",
                  "Relations between large mines and {miners} are covered by the {i}."],
        "6.3.1": ["Environmental duties of ASM permit holders follow the {i}.",
                  "The {i} addresses {processing}."],
        "6.3.2": ["Health and schooling in mining areas are covered by the {i}.",
                  "The {i} lists mining settlements among its priority areas."],
        "6.3.3": ["The {i} sets the minimum age for work at 15 and for hazardous work at 18.",
                  "Child labour is prohibited by the {i}, enforced by the labour inspectorate."],
        "6.3.4": ["The {i} states that women and men have equal rights to land and mineral titles.",
                  "Women's participation in ASM is addressed in the {i}."],
        "6.1.4": ["Cooperatives of {miners} may register under the {i}.",
                  "Associations of {miners} may hold permits under the {i}."],
        "6.3.5": ["The {i} sets out how mercury use is to be reduced in artisanal gold mining.",
                  "The {i} restricts the import and sale of mercury."],
    },
    "fr": {
        "6.1.1": ["Le {i} crée une autorisation d'exploitation artisanale valable deux ans, renouvelable.",
                  "L'EMAPE est définie par le {i}, qui distingue l'exploitation artisanale de la petite mine."],
        "6.1.2": ["La direction de l'EMAPE a été organisée par l'{i} et relève du ministère des Mines.",
                  "Les compétences sont partagées entre le ministère et les collectivités selon le {i}."],
        "6.1.3": ["La {i} a été élaborée avec la fédération nationale des {miners} et deux ONG.",
                  "La formalisation s'organise autour de la {i}, avec trois régions pilotes."],
        "6.2.1": ["Le service géologique tient l'inventaire des {sites} prévu par le {i}.",
                  "Une étude de cadrage {sectors} a été financée au titre de la {i}."],
        "6.2.2": ["L'appui à l'épargne et au crédit des {miners} est prévu par la {i}.",
                  "Un fonds de garantie pour les coopératives minières est annoncé dans la {i}."],
        "6.2.3": ["Les redevances et droits fixes de l'EMAPE sont fixés par la {i}.",
                  "Le {i} fixe une redevance de 3 % sur {product}, perçue aux comptoirs d'achat."],
        "6.2.4": ["Les comptoirs d'achat sont agréés selon l'{i}, qui impose un registre des achats.",
                  "La traçabilité de {product} est traitée par le {i}."],
        "6.2.5": ["Le {i} permet aux titulaires de grands permis de céder des zones inexploitées à l'EMAPE.",
                  "Les relations entre grandes mines et {miners} relèvent du {i}."],
        "6.3.1": ["Les obligations environnementales des titulaires d'autorisations suivent le {i}.",
                  "Le {i} traite de {processing}."],
        "6.3.2": ["La santé et la scolarisation dans les zones minières relèvent de la {i}.",
                  "La {i} classe les {sites} parmi ses zones prioritaires."],
        "6.3.3": ["Le {i} fixe l'âge minimum d'admission à l'emploi à 15 ans et à 18 ans pour les travaux dangereux.",
                  "Le travail des enfants est interdit par le {i}, dont l'inspection du travail assure le contrôle."],
        "6.3.4": ["La {i} affirme l'égalité des femmes et des hommes pour l'accès à la terre et aux titres miniers.",
                  "La place des femmes dans l'EMAPE est traitée par la {i}."],
        "6.1.4": ["Les coopératives d'{miners} peuvent s'enregistrer selon la {i}.",
                  "Les associations d'{miners} peuvent détenir des titres selon le {i}."],
        "6.3.5": ["Le {i} fixe la manière de réduire l'usage du mercure dans l'extraction artisanale d'or.",
                  "Le {i} encadre l'importation et la vente du mercure."],
    },
    "es": {
        "6.1.1": ["La {i} crea un permiso de minería artesanal válido por dos años, renovable.",
                  "La MAPE está definida en el {i}, que distingue la minería artesanal de la pequeña minería."],
        "6.1.2": ["La Dirección de Minería Artesanal fue creada por el {i} y depende del Ministerio.",
                  "Las competencias se reparten entre el Ministerio y los municipios según la {i}."],
        "6.1.3": ["La {i} se elaboró con la federación nacional de mineros artesanales y dos ONG.",
                  "La formalización se organiza en torno a la {i}, con tres distritos piloto."],
        "6.2.1": ["El servicio geológico mantiene el inventario de sitios de MAPE previsto en la {i}.",
                  "Un estudio de alcance {sectors} se financió en el marco de la {i}."],
        "6.2.2": ["El apoyo al ahorro y al crédito de los mineros está previsto en la {i}.",
                  "La {i} anuncia una línea de garantía para cooperativas mineras."],
        "6.2.3": ["Las regalías y derechos de la MAPE están fijados por la {i}.",
                  "La {i} fija una regalía del 3 % sobre {product}, cobrada en los puntos de compra."],
        "6.2.4": ["Los compradores de minerales deben tener licencia según el {i}, que exige un registro de compras.",
                  "La trazabilidad de {product} está regulada por el {i}."],
        "6.2.5": ["La {i} permite a los titulares de grandes concesiones ceder áreas no trabajadas a la MAPE.",
                  "Las relaciones entre la minería a gran escala y la MAPE se rigen por el {i}."],
        "6.3.1": ["Las obligaciones ambientales de los titulares de permisos siguen la {i}.",
                  "El {i} aborda {processing}."],
        "6.3.2": ["La salud y la educación en zonas mineras están cubiertas por la {i}.",
                  "La {i} incluye los asentamientos mineros entre sus zonas prioritarias."],
        "6.3.3": ["El {i} fija la edad mínima de admisión al empleo en 15 años y en 18 para trabajos peligrosos.",
                  "El trabajo infantil está prohibido por el {i}, cuya aplicación controla la inspección laboral."],
        "6.3.4": ["La {i} reconoce a mujeres y hombres iguales derechos sobre la tierra y los títulos mineros.",
                  "La participación de las mujeres en la MAPE se aborda en la {i}."],
        "6.1.4": ["Las cooperativas de {miners} pueden registrarse según la {i}.",
                  "Las asociaciones de {miners} pueden ser titulares de permisos según el {i}."],
        "6.3.5": ["El {i} establece cómo reducir el uso de mercurio en la minería artesanal de oro.",
                  "El {i} restringe la importación y la venta de mercurio."],
    },
}  # fmt: skip

# What each indicator is about, in (en, fr, es), to open the sentence on its level.
TOPICS = {
    "6.1.1.a": ("ASM-specific permit types", "les titres propres à l'EMAPE", "los títulos propios de la MAPE"),
    "6.1.1.b": ("a simple, affordable permit procedure", "une procédure d'autorisation simple et abordable", "un trámite de permiso sencillo y asequible"),
    "6.1.1.c": ("secure rights and clear obligations for permit holders", "la sécurité des droits et les obligations des titulaires", "la seguridad de los derechos y las obligaciones de los titulares"),
    "6.1.1.d": ("consistency with rural, land and environmental policies", "la cohérence avec les politiques rurales, foncières et environnementales", "la coherencia con las políticas rurales, de tierras y ambientales"),
    "6.1.1.e": ("consulting miners and communities on the law", "la consultation des mineurs et des communautés sur les textes", "la consulta a mineros y comunidades sobre las normas"),
    "6.1.2.a": ("the mandate of the ASM authority", "le mandat de l'autorité chargée de l'EMAPE", "el mandato de la autoridad de la MAPE"),
    "6.1.2.b": ("staff and budget for ASM tasks", "le personnel et le budget consacrés à l'EMAPE", "el personal y el presupuesto dedicados a la MAPE"),
    "6.1.2.c": ("presence and inspections in the mining regions", "la présence et les inspections dans les régions minières", "la presencia y las inspecciones en las regiones mineras"),
    "6.1.2.d": ("extension services for miners", "l'encadrement technique des {miners}", "la asistencia técnica a los mineros"),
    "6.1.3.a": ("an adopted national ASM strategy", "l'adoption d'une stratégie nationale", "la adopción de una estrategia nacional"),
    "6.1.3.b": ("step-by-step paths to formality", "les étapes concrètes vers la formalisation", "las etapas concretas hacia la formalización"),
    "6.1.3.c": ("the diagnosis of the sector", "le diagnostic du secteur", "el diagnóstico del sector"),
    "6.1.3.d": ("pilots and phased scaling-up", "les projets pilotes et leur extension progressive", "los pilotos y su ampliación por etapas"),
    "6.2.1.a": ("the map of ASM sites", "la cartographie des {sites}", "el mapa de sitios de MAPE"),
    "6.2.1.b": ("a published scoping study of ASM", "une étude de cadrage publiée sur l'EMAPE", "un estudio de alcance publicado sobre la MAPE"),
    "6.2.1.c": ("mapping of ASM supply chains", "la cartographie des chaînes d'approvisionnement", "el mapeo de las cadenas de suministro"),
    "6.2.1.d": ("access to geological data", "l'accès aux données géologiques", "el acceso a los datos geológicos"),
    "6.2.1.e": ("areas reserved for ASM", "les zones réservées à l'EMAPE", "las zonas reservadas a la MAPE"),
    "6.2.2.a": ("savings services in mining areas", "les services d'épargne dans les zones minières", "los servicios de ahorro en zonas mineras"),
    "6.2.2.b": ("financing schemes for miners", "les mécanismes de financement des mineurs", "los mecanismos de financiamiento para mineros"),
    "6.2.2.c": ("financial literacy training", "l'éducation financière des mineurs", "la educación financiera de los mineros"),
    "6.2.2.d": ("women's access to savings and credit", "l'accès des femmes à l'épargne et au crédit", "el acceso de las mujeres al ahorro y al crédito"),
    "6.2.3.a": ("affordable taxes and fees for ASM", "une fiscalité adaptée à l'EMAPE", "una tributación adecuada a la MAPE"),
    "6.2.3.b": ("collecting and publishing ASM revenue", "la collecte et la publication des recettes de l'EMAPE", "el cobro y la publicación de los ingresos de la MAPE"),
    "6.2.3.c": ("reinvesting ASM revenue", "le réinvestissement des recettes de l'EMAPE", "la reinversión de los ingresos de la MAPE"),
    "6.2.3.d": ("ASM coverage in EITI reports", "la couverture de l'EMAPE dans les rapports ITIE", "la cobertura de la MAPE en los informes EITI"),
    "6.2.4.a": ("certification and fair-trade schemes", "la certification et le commerce équitable", "la certificación y el comercio justo"),
    "6.2.4.b": ("traceability of ASM production", "la traçabilité de la production artisanale", "la trazabilidad de la producción artesanal"),
    "6.2.4.c": ("due diligence by buyers and exporters", "le devoir de diligence des acheteurs et exportateurs", "la debida diligencia de compradores y exportadores"),
    "6.2.4.d": ("licensed buyers and transparent prices", "les comptoirs agréés et la transparence des prix", "los compradores autorizados y la transparencia de precios"),
    "6.2.5.a": ("the duties of large mines towards nearby ASM", "les obligations des grandes mines envers l'EMAPE voisine", "las obligaciones de la minería a gran escala hacia la MAPE vecina"),
    "6.2.5.b": ("tools for LSM-ASM collaboration", "les outils de collaboration entre grande mine et EMAPE", "las herramientas de colaboración entre la minería a gran escala y la MAPE"),
    "6.2.5.c": ("registering collaboration agreements", "l'enregistrement des accords de collaboration", "el registro de los acuerdos de colaboración"),
    "6.2.5.d": ("settling LSM-ASM disputes", "le règlement des différends entre grande mine et EMAPE", "la solución de conflictos entre la minería a gran escala y la MAPE"),
    "6.3.1.a": ("environmental rules for ASM", "les règles environnementales de l'EMAPE", "las normas ambientales de la MAPE"),
    "6.3.1.b": ("the ban on the worst mercury practices", "l'interdiction des pires pratiques liées au mercure", "la prohibición de las peores prácticas con mercurio"),
    "6.3.1.c": ("the mercury reduction plan", "le plan de réduction du mercure", "el plan de reducción del mercurio"),
    "6.3.1.d": ("training on cleaner processing", "la formation aux techniques de traitement propres", "la capacitación en técnicas de procesamiento limpias"),
    "6.3.1.e": ("safety and health at ASM sites", "la santé et la sécurité au travail sur les sites", "la seguridad y salud ocupacional en los sitios"),
    "6.3.2.a": ("minimum service standards in ASM communities", "les normes minimales de services dans les communautés minières", "los estándares mínimos de servicios en las comunidades mineras"),
    "6.3.2.b": ("a health programme for ASM communities", "un programme de santé pour les communautés minières", "un programa de salud para las comunidades mineras"),
    "6.3.2.c": ("education in ASM communities", "l'éducation dans les communautés minières", "la educación en las comunidades mineras"),
    "6.3.2.d": ("the budget and coordination of these programmes", "le budget et la coordination de ces programmes", "el presupuesto y la coordinación de estos programas"),
    "6.3.3.a": ("the minimum age and the list of hazardous work", "l'âge minimum et la liste des travaux dangereux", "la edad mínima y la lista de trabajos peligrosos"),
    "6.3.3.b": ("child labour inspections at ASM sites", "les inspections du travail des enfants sur les sites", "las inspecciones de trabajo infantil en los sitios"),
    "6.3.3.c": ("withdrawing and supporting working children", "le retrait et l'accompagnement des enfants", "el retiro y el acompañamiento de los niños"),
    "6.3.3.d": ("measuring child labour and checking supply chains", "la mesure du travail des enfants et le contrôle des filières", "la medición del trabajo infantil y el control de las cadenas"),
    "6.3.4.a": ("equal rights to land and mineral titles", "l'égalité des droits sur la terre et les titres miniers", "la igualdad de derechos sobre la tierra y los títulos mineros"),
    "6.3.4.b": ("women's access to finance, training and equipment", "l'accès des femmes au financement, à la formation et à l'équipement", "el acceso de las mujeres al financiamiento, la capacitación y el equipo"),
    "6.3.4.c": ("women in ASM decision-making", "la participation des femmes aux décisions", "la participación de las mujeres en las decisiones"),
    "6.3.4.d": ("protecting women from violence and mercury exposure", "la protection des femmes contre les violences et le mercure", "la protección de las mujeres frente a la violencia y el mercurio"),
    # Version 2 of the framework.
    "6.1.1.f": ("rural development policy and ASM", "la politique de développement rural et l'EMAPE", "la política de desarrollo rural y la MAPE"),
    "6.1.1.g": ("consistency with land, forest, water and environmental laws", "la cohérence avec les lois foncières, forestières, sur l'eau et l'environnement", "la coherencia con las leyes de tierras, bosques, aguas y ambiente"),
    "6.1.4.a": ("the legal form of miners' organisations", "la forme juridique des organisations de mineurs", "la forma jurídica de las organizaciones de mineros"),
    "6.1.4.b": ("support to miners' organisations", "l'appui aux organisations de mineurs", "el apoyo a las organizaciones de mineros"),
    "6.1.4.c": ("women's leadership in miners' organisations", "la place des femmes à la tête des organisations de mineurs", "el liderazgo de las mujeres en las organizaciones de mineros"),
    "6.2.2.e": ("responsible investment in ASM", "l'investissement responsable dans l'EMAPE", "la inversión responsable en la MAPE"),
    "6.3.1.f": ("extension services and training for miners", "la vulgarisation et la formation des {miners}", "la extensión y la capacitación de los mineros"),
    "6.3.3.e": ("measuring child labour", "la mesure du travail des enfants", "la medición del trabajo infantil"),
    "6.3.3.f": ("child-labour checks by producers and buyers", "les contrôles du travail des enfants par les producteurs et les acheteurs", "los controles del trabajo infantil por productores y compradores"),
    "6.3.4.e": ("women in the bodies that govern ASM", "les femmes dans les instances qui gouvernent l'EMAPE", "las mujeres en los órganos que gobiernan la MAPE"),
    "6.3.4.f": ("women's access to training and equipment", "l'accès des femmes à la formation et aux équipements", "el acceso de las mujeres a la capacitación y los equipos"),
    "6.3.5.a": ("the ban on the worst mercury practices", "l'interdiction des pires pratiques liées au mercure", "la prohibición de las peores prácticas con mercurio"),
    "6.3.5.b": ("controls on mercury trade", "le contrôle du commerce du mercure", "el control del comercio de mercurio"),
    "6.3.5.c": ("the national action plan on mercury", "le plan d'action national sur le mercure", "el plan de acción nacional sobre el mercurio"),
    "6.3.5.d": ("implementing the mercury plan", "la mise en œuvre du plan sur le mercure", "la aplicación del plan sobre el mercurio"),
    "6.3.5.e": ("standards and premiums for mercury-free gold", "les normes et les primes pour l'or sans mercure", "las normas y primas para el oro sin mercurio"),
}  # fmt: skip
TOPIC_LANGUAGES = ("en", "fr", "es")
TOPIC_OPENINGS = {"en": ["As for {t},", "Regarding {t},"], "fr": ["Pour {t},", "Concernant {t},"],
                  "es": ["Para {t},", "Sobre {t},"]}  # fmt: skip

# How far the indicator is in place, by level code; {y} a recent year.
STATUS = {
    "en": [
        ["nothing is in place yet, in law or in practice.",
         "the texts are silent and no programme addresses it."],
        ["work has only started: a draft prepared in {y} has not been adopted yet.",
         "a pilot with a development partner began in {y}, but nothing applies nationally."],
        ["this is partly in place: the provisions exist but are applied in some regions only.",
         "some elements are in force, but implementing texts and resources are still missing."],
        ["this is largely in place and applied in most mining regions; gaps remain at remote sites.",
         "most elements are in force and applied; a review in {y} noted minor gaps in monitoring."],
        ["this is fully in place, applied nationwide and reviewed every year.",
         "this has been fully in place since {y}; the ministry's annual report documents it."],
    ],
    "fr": [
        ["rien n'est encore en place, ni en droit ni en pratique.",
         "les textes sont muets et aucun programme ne traite ce point."],
        ["les travaux ont seulement commencé : un projet de texte préparé en {y} n'est pas encore adopté.",
         "un projet pilote avec un partenaire a démarré en {y}, sans application nationale."],
        ["c'est partiellement en place : les dispositions existent mais ne s'appliquent que dans certaines régions.",
         "certains éléments sont en vigueur, mais les textes d'application et les moyens manquent."],
        ["c'est largement en place dans la plupart des régions minières ; des lacunes subsistent sur les sites isolés.",
         "l'essentiel est en vigueur et appliqué ; une revue en {y} a relevé des lacunes mineures de suivi."],
        ["c'est pleinement en place, appliqué dans tout le pays et revu chaque année.",
         "c'est pleinement en place depuis {y} ; le rapport annuel du ministère en rend compte."],
    ],
    "es": [
        ["nada existe todavía, ni en la ley ni en la práctica.",
         "las normas no dicen nada y ningún programa lo aborda."],
        ["el trabajo apenas comenzó: un borrador preparado en {y} aún no se ha aprobado.",
         "un piloto con un socio de cooperación empezó en {y}, sin aplicación nacional."],
        ["está parcialmente establecido: las disposiciones existen pero se aplican solo en algunas regiones.",
         "algunos elementos están vigentes, pero faltan normas de aplicación y recursos."],
        ["está mayormente establecido en casi todas las regiones mineras; quedan brechas en sitios remotos.",
         "la mayoría de los elementos se aplican; una revisión en {y} señaló brechas menores de seguimiento."],
        ["está plenamente establecido, se aplica en todo el país y se revisa cada año.",
         "está plenamente establecido desde {y}; el informe anual del Ministerio da cuenta de ello."],
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

RATING_QUESTIONS = {
    "en": "Please explain this rating: which inspections of ASM sites were carried out, and "
    "with what results?",
    "fr": "Merci d'expliquer cette note : quelles inspections des {sites} ont été "
    "menées, et avec quels résultats ?",
    "es": "Por favor expliquen esta calificación: ¿qué inspecciones de sitios de MAPE se "
    "realizaron y con qué resultados?",
}

TEAM_REPLIES = {
    "en": "Two joint inspections of the main {districts} took place in {y}: the report is "
    "now attached as evidence.",
    "fr": "Deux inspections conjointes des principales {districts} ont eu lieu en {y} : le "
    "rapport est maintenant joint.",
    "es": "En {y} se realizaron dos inspecciones conjuntas en los principales {districts}: "
    "adjuntamos el informe.",
}
INSPECTION_REPORTS = {
    "en": "Joint inspection report, {districts}, {y}",
    "fr": "Rapport d'inspection conjointe des {districts}, {y}",
    "es": "Informe de inspección conjunta de los {districts}, {y}",
}

RETURN_COMMENTS = {
    "en": "Thank you. Before validation, please explain the rating of 6.3.3.b (child labour "
    "inspections): see my comment on that indicator.",
    "fr": "Merci. Avant validation, merci d'expliquer la note de 6.3.3.b (inspections du "
    "travail des enfants) : voir mon commentaire sur cet indicateur.",
    "es": "Gracias. Antes de validar, expliquen la calificación de 6.3.3.b (inspecciones de "
    "trabajo infantil): vean mi comentario en ese indicador.",
}

NOT_APPLICABLE_REASONS = {
    ("JAM", "6.3.1.b"): "Jamaica has no artisanal gold mining: ASM here is the quarrying of "
    "limestone, sand and gravel, where mercury is not used.",
    ("JAM", "6.3.1.c"): "No artisanal gold mining in Jamaica, hence no mercury use to reduce "
    "and no Minamata National Action Plan on artisanal gold mining is required.",
    ("RWA", "6.2.5.c"): "No large-scale mine operates in Rwanda: the sector consists of small "
    "and medium-sized operations only, so there is no agreement to register.",
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


def vocabulary(iso3: str) -> dict[str, str]:
    """How the country's team names its minerals, sites and miners (VOCABULARY)."""
    return VOCABULARY.get(iso3, VOCABULARY["UGA"])


def justification(
    indicator: str, level: int, *, language: str, instruments, rng, year: int, vocab: dict
) -> str:
    """A short paragraph: the text the team relies on, then how far the indicator is in place."""
    recommendation = indicator.rsplit(".", 1)[0]
    index = rng.randrange(2)
    kind = INSTRUMENTS_OF_RECOMMENDATION[recommendation][index]
    context = CONTEXT[language][recommendation][index].format(i=instruments[kind].name, **vocab)
    status = rng.choice(STATUS[language][level]).format(y=year - rng.randint(1, 3))
    opening = rng.choice(TOPIC_OPENINGS[language])
    if indicator in TOPICS:
        topic = TOPICS[indicator][TOPIC_LANGUAGES.index(language)].format(**vocab)
        status = opening.format(t=topic) + " " + status
    parts = [context, status[0].upper() + status[1:]]
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


def inspection_report(*, language: str, iso3: str, year: int) -> dict:
    title = INSPECTION_REPORTS[language].format(y=year, **vocabulary(iso3))
    return {
        "title": demo(title),
        "url": f"https://example.org/demo/{iso3.lower()}/reports/joint-inspection-{year}.pdf",
    }
