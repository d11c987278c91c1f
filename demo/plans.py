"""The demo's action plans: Senegal (2024 and 2026, in French, budgets in XOF) and Ecuador
(2026, in Spanish, budgets in USD); the 2026 plans name indicators of version 2 of the
framework, the 2024 plan those of version 1. Synthetic: the visions and problems start with
"[Demo] ", the institutions are generic bodies, the budgets made up. Written through the
plan services as the demo people, so history looks like real use; safe to run again (an
assessment that has a plan is skipped).

Senegal's 2024 plan shows follow-up: in the 2026 round its actions appear under the
indicators they addressed, with how the ratings changed.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from accounts.models import User
from assessment.models import Assessment
from countries.models import Country
from frameworks.models import Indicator, Tag
from plans import services
from plans.models import Institution, Plan

from .texts import demo

K = Institution.Kind

INSTITUTIONS = {
    "SEN": [
        ("Ministère chargé des mines", "MCM", K.MINISTRY),
        ("Direction des mines et de la géologie", "DMG", K.AGENCY),
        ("Ministère chargé de l'environnement", "MCE", K.MINISTRY),
        ("Ministère chargé de la santé", "MCS", K.MINISTRY),
        ("Fédération des coopératives d'orpailleurs (démo)", "FCO", K.COOPERATIVE),
        ("Réseau des femmes de l'orpaillage (démo)", "RFO", K.CIVIL_SOCIETY),
        ("Institut universitaire des sciences de la Terre (démo)", "IUST", K.UNIVERSITY),
        ("Collectivités territoriales de Kédougou", "CTK", K.OTHER),
    ],
    "ECU": [
        ("Ministerio encargado de minería", "MEM", K.MINISTRY),
        ("Agencia de regulación minera (demo)", "ARM", K.AGENCY),
        ("Ministerio encargado del ambiente", "MEA", K.MINISTRY),
        ("Asociación de mineros artesanales del sur (demo)", "AMAS", K.COOPERATIVE),
        ("Red de mujeres mineras (demo)", "RMM", K.CIVIL_SOCIETY),
        ("Instituto de investigación geológica (demo)", "IIG", K.UNIVERSITY),
        ("Gobiernos autónomos descentralizados del sur", "GAD", K.OTHER),
    ],
}


@dataclass(frozen=True)
class DemoAction:
    problem: str
    description: str
    impact: str
    result: str
    start: str
    months: int | None
    responsible: tuple[str, ...]
    amount: int | None
    indicators: tuple[str, ...]
    recommendations: tuple[int, ...]
    status: str = "planned"
    notes: tuple[tuple[date, str], ...] = ()


SEN_VISION = (
    "Un orpaillage légal, organisé en coopératives, exercé dans des couloirs dédiés, sans "
    "mercure ni travail des enfants, qui respecte la santé des travailleurs et l'environnement, "
    "donne aux femmes leur place et contribue au développement des collectivités de Kédougou."
)
ECU_VISION = (
    "Una minería artesanal y en pequeña escala formal, segura y libre de mercurio, que respeta "
    "el agua y los bosques, reconoce a las mujeres mineras, tributa con reglas claras y aporta "
    "al desarrollo de las comunidades del sur del país."
)

P_SEN_1 = "Accès difficile et coûteux aux autorisations d'orpaillage"
P_SEN_2 = "Faible capacité de l'administration minière dans les régions"
P_SEN_3 = "Usage du mercure dans le traitement de l'or"
SEN_2026 = [
    DemoAction(P_SEN_1, "Diagnostic juridique et procédural des autorisations d'orpaillage",
               "high", "Rapport de diagnostic validé", "2026-2", 6, ("DMG", "FCO", "CTK"),
               45_000_000, ("6.1.1.a", "6.1.1.b"), (1,), "in_progress",
               ((date(2026, 9, 15), "Atelier de lancement tenu à Kédougou avec 40 participants."),)),
    DemoAction(P_SEN_1, "Guichet unique décentralisé pour les autorisations à Kédougou",
               "high", "Délai moyen d'obtention ramené à 30 jours", "2027-1", 18,
               ("MCM", "DMG", "CTK"), 180_000_000, ("6.1.1.b", "6.1.2.c"), (1, 5)),
    DemoAction(P_SEN_1, "Révision du décret sur les couloirs d'orpaillage", "medium",
               "Décret adopté", "2027-2", 12, ("MCM",), 25_000_000, ("6.1.1.a", "6.1.1.c"), (1,)),
    DemoAction(P_SEN_2, "Recrutement et formation d'agents d'encadrement de l'orpaillage",
               "high", "20 agents formés et affectés dans les régions", "2027-1", 24,
               ("MCM", "DMG", "IUST"), 320_000_000, ("6.1.2.b", "6.1.2.c", "6.3.1.f"), (5,)),
    DemoAction(P_SEN_2, "Stratégie nationale de l'orpaillage avec budget et calendrier",
               "high", "Stratégie adoptée en Conseil des ministres", "2026-2", 12,
               ("MCM", "MCE", "FCO", "RFO"), 60_000_000, ("6.1.3.a", "6.1.3.b", "6.1.3.c"),
               (1, 4, 7)),
    DemoAction(P_SEN_3, "Sites pilotes de traitement sans mercure", "high",
               "Trois sites pilotes en fonctionnement, résultats publiés", "2027-2", 30,
               ("FCO", "IUST", "MCE"), 240_000_000, ("6.3.1.f", "6.3.5.a"), (3, 5, 7)),
    DemoAction(P_SEN_3, "Programme de santé pour les communautés d'orpailleurs", "medium",
               "Dépistage de l'exposition au mercure dans 10 villages", "2028-1", 24,
               ("MCS", "RFO", "CTK"), 150_000_000, ("6.3.2.b",), (3,)),
    DemoAction(P_SEN_3, "Inventaire de référence de l'usage du mercure", "medium", "", "",
               None, ("MCE",), None, ("6.3.5.c",), (3, 6)),
]  # fmt: skip

P_SEN_2024 = "Cadre juridique peu adapté à l'orpaillage"
SEN_2024 = [
    DemoAction(P_SEN_2024, "Projet de décret sur les permis d'orpaillage", "high",
               "Décret soumis au gouvernement", "2024-2", 12, ("MCM", "DMG"), 20_000_000,
               ("6.1.1.a",), (1,), "done",
               ((date(2025, 6, 30), "Projet de décret transmis au Secrétariat général."),)),
    DemoAction(P_SEN_2024, "Cartographie des sites d'orpaillage de Kédougou", "medium",
               "Carte publiée", "2025-1", 12, ("DMG", "IUST"), 35_000_000, ("6.2.1.a",), (6,),
               "in_progress"),
    DemoAction(P_SEN_2024, "Antennes de la direction des mines dans trois régions", "high",
               "Trois antennes ouvertes", "2025-1", 18, ("MCM",), 90_000_000, ("6.1.2.c",),
               (5,), "dropped"),
]  # fmt: skip

P_ECU_1 = "Mineros artesanales sin título ni permiso"
P_ECU_2 = "Contaminación del agua por mercurio y relaves"
ECU_2026 = [
    DemoAction(P_ECU_1, "Censo de mineros artesanales y mapa de sus áreas", "high",
               "Registro público de mineros y áreas", "2026-2", 12, ("ARM", "GAD", "AMAS"),
               420_000, ("6.2.1.a", "6.2.1.b"), (6,), "in_progress",
               ((date(2026, 10, 1), "Censo iniciado en dos provincias."),)),
    DemoAction(P_ECU_1, "Procedimiento simplificado de permisos para la minería artesanal",
               "high", "Reglamento publicado", "2027-1", 12, ("MEM", "ARM"), 150_000,
               ("6.1.1.a", "6.1.1.b"), (1,)),
    DemoAction(P_ECU_1, "Asistencia técnica a asociaciones para su formalización", "medium",
               "30 asociaciones con permiso", "2027-2", 24, ("ARM", "AMAS", "RMM"), 680_000,
               ("6.1.3.b", "6.1.4.b"), (4, 5)),
    DemoAction(P_ECU_2, "Plantas piloto de procesamiento sin mercurio", "high",
               "Dos plantas en operación", "2027-1", 36, ("MEA", "IIG", "AMAS"), 1_250_000,
               ("6.3.1.f", "6.3.5.e"), (3, 7)),
    DemoAction(P_ECU_2, "Monitoreo de la calidad del agua en cuencas mineras", "medium",
               "Datos trimestrales publicados", "2027-2", 24, ("MEA", "GAD"), 310_000,
               ("6.3.1.a",), (3, 6)),
]  # fmt: skip

PLANS = [
    # (country, round, language, vision, currency, actions)
    ("SEN", "2024", "fr", SEN_VISION, "XOF", SEN_2024),
    ("SEN", "2026", "fr", SEN_VISION, "XOF", SEN_2026),
    ("ECU", "2026", "es", ECU_VISION, "USD", ECU_2026),
]
ANALYST_QUESTIONS = {
    "SEN": "Le budget du guichet unique inclut-il les frais de fonctionnement après 2028 ?",
    "ECU": "¿El censo incluye a las mujeres que trabajan en el procesamiento?",
}


@transaction.atomic
def create_demo_plans() -> list[Plan]:
    """Create the demo plans whose assessment exists and has no plan yet; return them."""
    created = []
    analyst = User.objects.filter(username="analyst").first()
    for iso3, round_, language, vision, currency, actions in PLANS:
        assessment = Assessment.objects.filter(country__iso3=iso3, round=round_).first()
        if assessment is None or Plan.objects.filter(assessment=assessment).exists():
            continue
        focal = User.objects.get(username=f"{iso3.lower()}-focal")
        institutions = _institutions(assessment.country, focal)
        plan = services.plan_vision_save(
            assessment=assessment, vision=demo(vision), language=language, user=focal
        )
        for item in actions:
            action = services.action_create(
                assessment=assessment, user=focal,
                data=_data(item, assessment, institutions, currency),
            )  # fmt: skip
            for day, text in item.notes:
                services.progress_note_add(action=action, user=focal, date=day, body=text)
        if analyst and round_ == "2026":
            first = plan.problems.first().actions.first()
            services.action_comment_add(action=first, user=analyst, body=ANALYST_QUESTIONS[iso3])
        created.append(plan)
    return created


def _institutions(country: Country, user) -> dict[str, int]:
    """{acronym: pk} of the country's demo institutions, created if missing."""
    result = {}
    for name, acronym, kind in INSTITUTIONS[country.iso3]:
        institution = Institution.objects.filter(country=country, name=name).first()
        if institution is None:
            institution = services.institution_create(
                country=country, name=name, acronym=acronym, kind=kind, user=user
            )
        result[acronym] = institution.pk
    return result


def _data(item: DemoAction, assessment, institutions, currency) -> services.ActionData:
    framework = assessment.framework
    indicators = Indicator.objects.filter(
        recommendation__area__framework=framework, code__in=item.indicators
    ).values_list("pk", flat=True)
    tags = Tag.objects.filter(
        framework=framework, code__in=[f"seed-{n}" for n in item.recommendations]
    ).values_list("pk", flat=True)
    return services.ActionData(
        problem=demo(item.problem), description=item.description, impact=item.impact,
        expected_result=item.result, duration_months=item.months, start_semester=item.start,
        budget_amount=Decimal(item.amount) if item.amount is not None else None,
        budget_currency=currency if item.amount is not None else "", status=item.status,
        stakeholder_ids=frozenset(institutions[a] for a in item.responsible),
        indicator_ids=frozenset(indicators), recommendation_ids=frozenset(tags),
    )  # fmt: skip
