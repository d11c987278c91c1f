"""The demo's ASM profiles: one per demo assessment, written by the country's focal point in
the team's language. Synthetic figures at plausible orders of magnitude, not statistics:
every source starts with "[Demo] ". Safe to run again (a round that has a profile is
skipped)."""

import datetime
from dataclasses import dataclass

from django.db import transaction

from accounts.models import User
from assessment.models import AsmProfile, Assessment
from assessment.services import profile_save

from .texts import demo, language_of

PARTY, NOT_PARTY = AsmProfile.MinamataStatus.PARTY, AsmProfile.MinamataStatus.NOT_PARTY
EITI, NO_EITI = AsmProfile.EitiStatus.IMPLEMENTING, AsmProfile.EitiStatus.NOT_IMPLEMENTING


@dataclass(frozen=True)
class Country:
    minerals: str
    asm_types: str
    regions: str
    workforce: int
    women: int
    production: str
    formalised: int
    minamata: str
    notification: datetime.date | None
    plan: datetime.date | None
    eiti: str


D = datetime.date
COUNTRIES = {
    "SEN": Country(
        "Or", "Orpaillage alluvionnaire et filonien (puits et galeries), traitement au mercure",
        "Kédougou, Tambacounda", 32_000, 11_500, "Or : environ 4,5 t par an", 20,
        PARTY, D(2019, 5, 10), D(2022, 3, 15), EITI),
    "MDG": Country(
        "Saphirs et autres pierres précieuses, or",
        "Puits artisanaux de pierres précieuses ; extraction artisanale d'or alluvial",
        "Ihorombe (Ilakaka), Alaotra-Mangoro, Anosy", 500_000, 150_000,
        "Pierres précieuses : quantités mal connues ; or : 2 à 3 t par an", 5,
        PARTY, D(2018, 9, 3), D(2020, 11, 20), EITI),
    "MRT": Country(
        "Or", "Orpaillage de surface et puits peu profonds, traitement au mercure",
        "Inchiri, Tiris Zemmour, Dakhlet Nouadhibou", 50_000, 2_500,
        "Or : environ 2 t par an", 35, PARTY, D(2020, 2, 4), D(2023, 6, 1), EITI),
    "RWA": Country(
        "Tin (cassiterite), tantalum (coltan), tungsten (wolframite), gold",
        "Open pits and tunnels worked by licensed companies and cooperatives; alluvial gold",
        "Western, Northern and Southern Provinces", 70_000, 10_000,
        "3T concentrates: about 7,000 t a year; gold: about 1 t a year", 60,
        PARTY, None, None, NO_EITI),
    "UGA": Country(
        "Gold; limestone, salt and sand", "Alluvial and hard-rock gold mining with mercury",
        "Busia, Mubende, Karamoja", 400_000, 180_000, "Gold: about 3 t a year", 10,
        PARTY, D(2020, 7, 14), D(2023, 2, 28), EITI),
    "NAM": Country(
        "Semi-precious stones (tourmaline, aquamarine), tin, gold",
        "Small pits on mining claims", "Erongo, Kunene", 10_000, 3_000,
        "Semi-precious stones: about 30 t a year", 40, PARTY, None, None, NO_EITI),
    "MNG": Country(
        "Gold, fluorspar", "Alluvial and hard-rock gold mining by partnerships",
        "Töv, Selenge, Bayankhongor", 60_000, 24_000, "Gold: about 5 t a year", 30,
        PARTY, D(2019, 4, 2), D(2021, 8, 30), EITI),
    "KGZ": Country(
        "Gold, coal", "Alluvial gold mining in river valleys", "Chui, Talas, Jalal-Abad",
        10_000, 1_500, "Gold: about 1 t a year", 15, NOT_PARTY, None, None, EITI),
    "SUR": Country(
        "Gold", "Alluvial gold mining with excavators and mercury", "Brokopondo, Sipaliwini",
        20_000, 2_000, "Gold: about 15 t a year", 10, PARTY, D(2019, 10, 8), D(2023, 4, 17), EITI),
    "JAM": Country(
        "Limestone, sand and gravel", "Small quarries", "St Catherine, St Ann, Clarendon",
        2_000, 200, "Aggregates: about 1 million t a year", 70, PARTY, None, None, NO_EITI),
    "DOM": Country(
        "Oro, ámbar, larimar",
        "Galerías artesanales de ámbar, pozos de larimar y lavado de oro aluvial",
        "Santiago, Puerto Plata, Barahona", 15_000, 3_000,
        "Ámbar y larimar: cantidades poco conocidas; oro: unos 300 kg al año", 20,
        PARTY, D(2020, 3, 9), D(2023, 9, 12), EITI),
    "ECU": Country(
        "Oro", "Minería aurífera aluvial y filoniana; plantas de beneficio con mercurio",
        "Zamora Chinchipe, El Oro, Azuay", 90_000, 15_000, "Oro: unas 20 t al año", 25,
        PARTY, D(2019, 6, 20), D(2021, 5, 25), EITI),
    "HND": Country(
        "Oro", "Lavado de oro aluvial y pequeñas vetas", "Olancho, Choluteca, El Paraíso",
        15_000, 4_000, "Oro: unos 500 kg al año", 10, PARTY, D(2020, 8, 11), D(2024, 1, 30), EITI),
    "PAN": Country(
        "Oro y materiales de construcción",
        "Lavado de oro aluvial; extracción de arena y grava", "Veraguas, Darién, Coclé",
        3_000, 600, "Oro: unos 100 kg al año", 15, PARTY, None, None, NO_EITI),
}  # fmt: skip

SOURCES = {
    "en": {
        "minerals": "Ministry of Mines, ASM registry", "workforce": "National ASM census",
        "production": "Ministry of Mines, production statistics",
        "formalised": "ASM formalization programme report",
        "minamata": "Minamata Convention secretariat, country profile",
        "eiti": "EITI country page",
    },
    "fr": {
        "minerals": "Ministère des Mines, registre de l'EMAPE",
        "workforce": "Recensement national de l'EMAPE",
        "production": "Direction des mines, statistiques de production",
        "formalised": "Rapport du programme de formalisation",
        "minamata": "Secrétariat de la Convention de Minamata, profil du pays",
        "eiti": "Page pays de l'ITIE",
    },
    "es": {
        "minerals": "Ministerio de Minas, registro de la MAPE",
        "workforce": "Censo nacional de la MAPE",
        "production": "Ministerio de Minas, estadísticas de producción",
        "formalised": "Informe del programa de formalización",
        "minamata": "Secretaría del Convenio de Minamata, perfil del país",
        "eiti": "Página de país de la EITI",
    },
}  # fmt: skip


def profile_values(iso3: str, round_: str) -> dict:
    """The profile of a country's round: the figures of the year before the round, a little
    higher as rounds go by; a Minamata date only once it is past."""
    country, year = COUNTRIES[iso3], int(round_) - 1
    growth = 1 + (year - 2023) * 0.025
    sources = SOURCES[language_of(iso3)]
    before = datetime.date(int(round_), 1, 1)
    values = {
        "minerals": country.minerals, "asm_types": country.asm_types, "regions": country.regions,
        "workforce_total": int(round(country.workforce * growth, -2)),
        "workforce_women": int(round(country.women * growth, -2)),
        "production": country.production,
        "formalised_share": max(0, min(100, country.formalised + (year - 2023) * 2)),
        "minamata_status": country.minamata,
        "minamata_notification": _if_before(country.notification, before),
        "minamata_plan": _if_before(country.plan, before),
        "eiti_status": country.eiti,
    }  # fmt: skip
    for group in AsmProfile.GROUPS:
        values[f"{group}_source"] = demo(sources[group])
        values[f"{group}_year"] = year
    return values


def _if_before(day: datetime.date | None, limit: datetime.date) -> datetime.date | None:
    return day if day is not None and day < limit else None


@transaction.atomic
def create_demo_profiles() -> list[AsmProfile]:
    """A profile for every demo assessment that has none yet; returns those created."""
    created = []
    assessments = Assessment.objects.filter(is_demo=True, profile__isnull=True)
    for assessment in assessments.select_related("country"):
        iso3 = assessment.country.iso3
        focal = User.objects.get(username=f"{iso3.lower()}-focal")
        values = profile_values(iso3, assessment.round)
        created.append(profile_save(assessment=assessment, values=values, user=focal))
    return created
