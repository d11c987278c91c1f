"""The demo's international practices: legal references for the peers of a weak
indicator of Senegal, the practices table of Senegal's 2026 plan, and a few case studies.

Synthetic like the rest of the demo: texts start with "[Demo] ", links go to example.org,
the laws are the invented texts of demo/texts.py, and the case studies are written in our
own words, inspired by the kinds of programme IGF describes (one by a gold-mining
cooperative's management diagnosis, technical support and training over 2020-2023), not
accounts of real ones. Safe to run again: what exists is left alone.
"""

import random

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from assessment.models import Assessment, Evidence
from countries.models import Country
from frameworks.models import Framework, Indicator, Tag
from plans import services
from plans.models import Action, Plan, Practice
from plans.practices import PracticeData, practice_save
from practices.models import CaseStudy
from practices.peers import peer_examples

from . import texts
from .texts import demo

# Senegal's 2026 round rates it "initiated"; published rounds of other countries rate it
# largely in place: the peers the demo shows with their laws.
WEAK_INDICATOR = "6.1.2.a"
BAN_ACTION = (
    "[Demo] Interdire l'amalgamation du minerai entier et le brûlage de l'amalgame à l'air libre"
)


@transaction.atomic
def create_demo_practices() -> None:
    add_peer_laws()
    add_senegal_practices()
    create_demo_case_studies()


def add_peer_laws() -> int:
    """A legal reference for each peer of Senegal's weak indicator that cites none."""
    senegal = Assessment.objects.filter(country__iso3="SEN", round="2026").first()
    if senegal is None:
        return 0
    added = 0
    for example in peer_examples(senegal, WEAK_INDICATOR):
        if example.legal_references:
            continue
        iso3 = example.country.iso3
        language = texts.language_of(iso3)
        rng = random.Random(f"{iso3}:{example.assessment.round}:peer-law")
        fields = texts.legal_reference(
            example.response.indicator.recommendation.code, language=language,
            instruments=texts.country_instruments(iso3, language), rng=rng, iso3=iso3,
        )  # fmt: skip
        evidence = Evidence(response=example.response, kind=Evidence.Kind.LEGAL, **fields)
        evidence._history_user = example.assessment.created_by
        evidence.save()
        added += 1
    return added


SENEGAL_PRACTICES = [
    ("Orpaillage alluvial en coopératives enregistrées", Practice.Classification.ACCEPTED,
     "mining_code", "art. 62"),
    ("Traitement du minerai au cyanure dans des installations agréées",
     Practice.Classification.CONDITIONAL, "environment", "art. 48"),
    ("Travail des enfants sur les sites de traitement", Practice.Classification.NOT_ACCEPTED,
     "labour", "art. L.145"),
    ("Brûlage de l'amalgame à l'air libre", Practice.Classification.NOT_ACCEPTED, None, ""),
]  # fmt: skip


def add_senegal_practices() -> None:
    """Senegal's 2026 plan gets its practices table (one practice a gap: not accepted, and
    nothing yet bans it) and an action that will create the missing ban. Whole-ore
    amalgamation is left for the demo's visitor to classify."""
    plan = Plan.objects.filter(assessment__country__iso3="SEN", assessment__round="2026").first()
    if plan is None or plan.practices.exists():
        return
    focal = User.objects.get(username="sen-focal")
    instruments = texts.country_instruments("SEN", "fr")
    if not Action.objects.filter(problem__plan=plan, description=BAN_ACTION).exists():
        services.action_create(assessment=plan.assessment, user=focal, data=services.ActionData(
            problem=demo("Usage du mercure dans le traitement de l'or"), description=BAN_ACTION,
            impact=Action.Impact.HIGH, expected_result=demo("Un décret publié au Journal officiel"),
            duration_months=12, start_semester="2027-1",
        ))  # fmt: skip
    for name, classification, kind, article in SENEGAL_PRACTICES:
        instrument = instruments[kind].name if kind else ""
        practice_save(plan=plan, user=focal, data=PracticeData(
            demo(name), classification, instrument, article))  # fmt: skip


CASES = [
    {
        "key": "cooperative",
        "country": "BRA",
        "minerals": "gold",
        "asm_type": "alluvial gold mining by a cooperative",
        "indicators": ["6.1.3.b", "6.1.3.d", "6.2.2.c", "6.3.1.f"],
        "recommendations": ["seed-4", "seed-5", "seed-7"],
        "versions": {
            "en": {
                "title": "A gold-mining cooperative puts its house in order (2020–2023)",
                "practice": "A cooperative of alluvial gold miners held a mining title but "
                "ran it informally: no accounts, no mining plan, mercury in use, members "
                "unsure of their rights and duties.",
                "what_was_done": "In 2020 a management diagnosis looked at the cooperative's "
                "governance, accounts, mining methods and environmental practice. From "
                "2021 geologists and mining engineers gave technical support on site: a "
                "mining plan, safer pits, a gravity circuit to cut mercury use. Until 2023 "
                "members and their elected board were trained in bookkeeping, cooperative "
                "law, health and safety, and site rehabilitation.",
                "results": "The cooperative keeps accounts and holds general assemblies; its "
                "mining plan was approved; production per member rose while the mercury "
                "bought fell; worked-out areas were backfilled and replanted. The approach "
                "was written up so that other cooperatives of the region can follow it.",
            },
            "pt": {
                "title": "Uma cooperativa de garimpeiros organiza a sua gestão (2020–2023)",
                "practice": "Uma cooperativa de garimpo de ouro aluvionar tinha título "
                "minerário, mas trabalhava de modo informal: sem contabilidade, sem plano "
                "de lavra, com uso de mercúrio e cooperados pouco conscientes dos seus "
                "direitos e deveres.",
                "what_was_done": "Em 2020 um diagnóstico de gestão examinou a governança, as "
                "contas, os métodos de lavra e as práticas ambientais da cooperativa. A "
                "partir de 2021 geólogos e engenheiros de minas deram apoio técnico no "
                "local: plano de lavra, cavas mais seguras, um circuito gravimétrico para "
                "reduzir o mercúrio. Até 2023 os cooperados e a diretoria eleita foram "
                "capacitados em contabilidade, direito cooperativo, saúde e segurança e "
                "recuperação de áreas degradadas.",
                "results": "A cooperativa mantém contabilidade e realiza assembleias gerais; "
                "o plano de lavra foi aprovado; a produção por cooperado cresceu enquanto a "
                "compra de mercúrio caiu; as áreas lavradas foram aterradas e replantadas. "
                "A experiência foi documentada para outras cooperativas da região.",
            },
        },
    },
    {
        "key": "retorts",
        "country": "SEN",
        "minerals": "or",
        "asm_type": "orpaillage en puits et traitement du minerai",
        "indicators": ["6.3.5.a", "6.3.5.e", "6.3.2.b"],
        "recommendations": ["seed-3", "seed-7"],
        "versions": {
            "fr": {
                "title": "Des cornues et un comptoir d'or sans mercure dans un site pilote",
                "practice": "Les orpailleurs brûlaient l'amalgame à l'air libre, près des "
                "habitations, et respiraient les vapeurs de mercure.",
                "what_was_done": "Un site pilote a reçu des cornues et une table à secousses ; "
                "des animateurs ont formé les chefs d'équipe ; un comptoir a acheté l'or "
                "produit sans mercure à un prix majoré.",
                "results": "Le brûlage à l'air libre a cessé sur le site pilote ; une partie "
                "de la production passe par la filière sans mercure ; l'essai a servi à "
                "rédiger un projet de texte interdisant l'amalgamation du minerai entier.",
            },
        },
    },
    {
        "key": "traceability",
        "country": "RWA",
        "minerals": "tin, tantalum, tungsten",
        "asm_type": "small-scale hard-rock mining",
        "indicators": ["6.2.4.b", "6.2.4.c"],
        "recommendations": ["seed-2", "seed-6"],
        "versions": {
            "en": {
                "title": "Tagging bags of ore from the pit to the exporter",
                "practice": "Buyers could not show where the tin and tantalum ore they "
                "exported came from, and lost customers who require due diligence.",
                "what_was_done": "Each bag of ore was tagged at the mine site and logged at "
                "every sale; exporters had to hold the records as a licence condition, and "
                "inspectors checked them twice a year.",
                "results": "Most of the production became traceable to its site; the "
                "records also gave the mining authority its first reliable production "
                "figures per site.",
            },
        },
    },
]


def create_demo_case_studies() -> list[CaseStudy]:
    """The demo case studies, published by the demo analyst; skipped if there already are
    demo case studies."""
    if CaseStudy.objects.filter(is_demo=True).exists():
        return []
    analyst = User.objects.get(username="analyst")
    frameworks = Framework.objects.published().latest_versions()
    created = []
    for case in CASES:
        country = Country.objects.get(iso3=case["country"])
        indicators = Indicator.objects.filter(
            recommendation__area__framework__in=frameworks, code__in=case["indicators"]
        )
        tags = Tag.objects.filter(framework__in=frameworks, code__in=case["recommendations"])
        original = None
        for language, text in case["versions"].items():
            study = CaseStudy(
                title=demo(text["title"]), country=country, minerals=case["minerals"],
                asm_type=case["asm_type"], practice=text["practice"],
                what_was_done=text["what_was_done"], results=text["results"],
                sources=f"https://example.org/demo/case-studies/{case['key']}",
                language=language, original=original, status=CaseStudy.Status.PUBLISHED,
                published_at=timezone.now(), is_demo=True, created_by=analyst,
            )  # fmt: skip
            study._history_user = analyst
            study.save()
            study.indicators.set(indicators)
            study.recommendations.set(tags)
            original = original or study
            created.append(study)
    return created
