"""The demo data set: `load_demo` loaded once for the whole module (setUpTestData)."""

from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format

from accounts.models import User
from assessment.models import AsmProfile, Assessment, Comment, Evidence, Response, Transition
from assessment.scoring import Rating, score_assessment
from assessment.services import missing_responses
from demo.assessments import (
    IMPLEMENTATION_2024,
    framework_scale,
    framework_tree,
    planned_levels,
)
from demo.assessments import implementation as planned_implementation
from demo.texts import DEMO_MARK, TOPIC_OPENINGS
from reports.pdf import report_pdf
from reports.report_context import country_report_context
from tests.reports.test_pdf import pdf_text

Status = Assessment.Status

REGIONS = {
    "Latin America and the Caribbean": (["DOM", "ECU", "JAM", "SUR", "HND", "PAN"], 23),
    "Africa": (["SEN", "MDG", "RWA", "UGA", "NAM", "MRT"], 29),
    "Asia": (["MNG", "KGZ"], 38),
}


def implementation(assessment: Assessment) -> float:
    ratings = {
        r.indicator.code: Rating(r.level.code if r.level else None, r.not_applicable)
        for r in assessment.responses.select_related("indicator", "level")
    }
    framework = assessment.framework
    return score_assessment(framework_tree(framework), framework_scale(framework), ratings).score


def demo_counts() -> dict[str, int]:
    models = [Assessment, Response, Evidence, Comment, Transition, AsmProfile]
    counts = {model.__name__: model.objects.count() for model in models}
    counts |= {
        f"history of {m.__name__}": m.history.count() for m in [Assessment, Response, Evidence]
    }
    return counts


class LoadDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = StringIO()
        call_command("load_demo", stdout=cls.output)

    def test_every_demo_assessment_has_stored_scores_that_match_the_engine(self):
        from assessment.models import StoredScores
        from assessment.rollups import stored_scores_problems

        demo = Assessment.objects.filter(is_demo=True)
        self.assertEqual(StoredScores.objects.filter(assessment__in=demo).count(), demo.count())
        self.assertEqual(stored_scores_problems(), [])

    def test_it_says_what_it_created(self):
        self.assertIn("Demo assessments: 30 created", self.output.getvalue())

    def test_the_2026_round_has_an_assessment_in_every_status(self):
        statuses = set(Assessment.objects.filter(round="2026").values_list("status", flat=True))
        self.assertEqual(statuses, set(Status.values))

    def test_every_assessment_and_text_is_marked_as_demo(self):
        self.assertFalse(Assessment.objects.filter(is_demo=False).exists())
        texts = [
            *Response.objects.exclude(justification="").values_list("justification", flat=True),
            *Response.objects.filter(not_applicable=True).values_list(
                "not_applicable_reason", flat=True
            ),
            *Evidence.objects.values_list("title", flat=True),
            *Comment.objects.values_list("body", flat=True),
            *Transition.objects.exclude(comment="").values_list("comment", flat=True),
        ]
        self.assertTrue(texts)
        self.assertEqual([t for t in texts if not t.startswith(DEMO_MARK)], [])

    def test_evidence_links_go_to_example_org_and_no_file_is_uploaded(self):
        urls = Evidence.objects.values_list("url", flat=True)
        self.assertTrue(all(url.startswith("https://example.org/") for url in urls))
        self.assertFalse(Evidence.objects.exclude(file="").exists())
        kinds = set(Evidence.objects.values_list("kind", flat=True))
        self.assertEqual(kinds, {Evidence.Kind.LEGAL, Evidence.Kind.LINK})

    def test_senegal_2026_is_an_incomplete_draft_with_a_question_from_the_analyst(self):
        senegal = Assessment.objects.get(country__iso3="SEN", round="2026")
        self.assertEqual(senegal.status, Status.DRAFT)
        rated = senegal.responses.filter(level__isnull=False).count()
        self.assertTrue(10 <= rated <= 25, rated)
        self.assertTrue(missing_responses(senegal))
        question = Comment.objects.get(response__assessment=senegal)
        self.assertEqual(question.author.username, "analyst")
        self.assertTrue(question.response.justification.startswith(DEMO_MARK))

    def test_a_returned_draft_carries_the_analysts_comment(self):
        ecuador = Assessment.objects.get(country__iso3="ECU", round="2026")
        last = ecuador.transitions.last()
        self.assertEqual((ecuador.status, last.action), (Status.DRAFT, "return"))
        self.assertEqual(last.user.username, "analyst")
        self.assertIn("6.3.3.b", last.comment)

    def test_validated_and_published_assessments_are_complete(self):
        for assessment in Assessment.objects.countable():
            self.assertEqual(missing_responses(assessment), [], str(assessment))

    def test_past_rounds_are_validated_or_published(self):
        past = Assessment.objects.exclude(round="2026")
        self.assertEqual(past.filter(round="2024").count(), 14)
        self.assertEqual(past.filter(round="2022").count(), 8)
        self.assertEqual(past.count(), past.countable().count())
        self.assertTrue(past.filter(status=Status.CONFIDENTIAL).exists())

    def test_regional_averages_of_the_latest_countable_rounds_match_the_global_analysis(self):
        for region, (countries, expected) in REGIONS.items():
            scores = [
                implementation(
                    Assessment.objects.countable().filter(country__iso3=iso3).latest("round")
                )
                for iso3 in countries
            ]
            average = sum(scores) / len(scores)
            self.assertAlmostEqual(average, expected, delta=6, msg=region)

    def test_2024_scores_a_little_higher_than_2022(self):
        for earlier in Assessment.objects.filter(round="2022"):
            later = Assessment.objects.get(country=earlier.country, round="2024")
            self.assertLess(implementation(earlier), implementation(later), str(earlier))

    def test_jamaica_has_no_gold_mining_so_its_mercury_indicators_are_not_applicable(self):
        jamaica = Response.objects.filter(assessment__country__iso3="JAM", not_applicable=True)
        self.assertTrue(jamaica.exists())
        self.assertTrue(all("gold" in response.not_applicable_reason for response in jamaica))

    def test_some_responses_have_a_target_level(self):
        self.assertTrue(Response.objects.filter(target_level__isnull=False).exists())

    def test_history_shows_who_rated_and_who_moved_the_workflow(self):
        rated_by = set(
            Response.history.filter(assessment__country__iso3="SEN").values_list(
                "history_user__username", flat=True
            )
        )
        self.assertEqual(rated_by, {"sen-contributor", "sen-focal"})
        actors = set(Transition.objects.values_list("action", "user__username"))
        by_focal_points = {action for action, user in actors if user.endswith("-focal")}
        by_analyst = {action for action, user in actors if user == "analyst"}
        self.assertEqual(by_focal_points, {"submit"})
        self.assertEqual(by_analyst, {"start_review", "return", "validate", "publish",
                                      "keep_confidential"})  # fmt: skip

    def test_past_rounds_are_dated_in_their_year(self):
        for assessment in Assessment.objects.exclude(round="2026"):
            years = {t.created_at.year for t in assessment.transitions.all()}
            self.assertEqual(years, {int(assessment.round)}, str(assessment))

    def test_each_team_writes_in_its_language(self):
        for iso3, language in [("SEN", "fr"), ("ECU", "es"), ("MNG", "en")]:
            openings = [opening.split("{")[0] for opening in TOPIC_OPENINGS[language]]
            justifications = Response.objects.filter(assessment__country__iso3=iso3).exclude(
                justification=""
            )
            self.assertTrue(justifications.exists())
            for response in justifications:
                self.assertTrue(
                    any(opening in response.justification for opening in openings), iso3
                )

    def test_2022_and_2024_use_version_1_and_2026_version_2(self):
        versions = set(Assessment.objects.values_list("round", "framework__version").distinct())
        self.assertEqual(versions, {("2022", 1), ("2024", 1), ("2026", 2)})

    def test_a_2026_round_carried_over_what_the_crosswalk_calls_comparable(self):
        namibia = Assessment.objects.get(country__iso3="NAM", round="2026")
        self.assertEqual(namibia.copied_from.round, "2024")
        self.assertEqual(namibia.responses.count(), 59)
        self.assertEqual(missing_responses(namibia), [])  # validated: every answer given

    def test_senegals_trend_shows_its_three_rounds_and_what_they_are_compared_on(self):
        senegal = Assessment.objects.get(country__iso3="SEN", round="2026")
        self.client.force_login(User.objects.get(username="sen-focal"))

        response = self.client.get(reverse("scores:dashboard", args=[senegal.pk]))

        spec = response.context["charts"]["trend"]["spec"]
        self.assertEqual(spec.rounds, ("2022", "2024", "2026 (draft)"))
        self.assertTrue(spec.title.endswith("compared on 43 of 59 indicators"), spec.title)
        self.assertIn(
            "version 1 in 2022, 2024; version 2 in 2026", response.context["page"].trend_note
        )

    def test_senegals_french_report_has_its_asm_profile_and_its_trend_across_versions(self):
        senegal = Assessment.objects.get(country__iso3="SEN", round="2026")
        profile = senegal.profile
        focal = User.objects.get(username="sen-focal")

        pdf = report_pdf("country", country_report_context(senegal, user=focal, language="fr"))

        text = pdf_text(pdf)
        self.assertIn("Profil de l'EMAPE", text)
        self.assertIn(profile.minerals, text)
        with translation.override("fr"):
            workforce = number_format(profile.workforce_total, force_grouping=True)
        self.assertIn(" ".join(workforce.split()), text)  # as the French write 12 000
        self.assertIn("Convention de Minamata Partie", text)  # the figure and its value
        self.assertIn("comparé sur 43 indicateurs sur 59", text)  # the trend chart's title
        self.assertIn("version 1 en 2022, 2024 ; version 2 en 2026", text)  # its note
        self.assertIn("Méthode de calcul de cette version du cadre : Moyennes emboîtées", text)

    def test_rwandas_team_writes_in_english_and_names_its_own_minerals(self):
        texts = self.texts_of("RWA")
        self.assertTrue(any(opening in texts for opening in ("As for", "Regarding")))
        self.assertNotIn("orpaill", texts.lower())
        self.assertNotIn("Pour ", texts)
        self.assertIn("tin, tantalum and tungsten", texts)

    def test_madagascar_speaks_of_its_gemstones_never_of_orpaillage(self):
        texts = self.texts_of("MDG")
        self.assertNotIn("orpaill", texts.lower())
        self.assertIn("pierres précieuses", texts)

    def test_every_demo_round_has_an_asm_profile_with_demo_sources(self):
        profiles = AsmProfile.objects.filter(assessment__is_demo=True)
        self.assertEqual(profiles.count(), Assessment.objects.filter(is_demo=True).count())
        for profile in profiles:
            for group in AsmProfile.GROUPS:
                self.assertTrue(getattr(profile, f"{group}_source").startswith(DEMO_MARK))
        with_plan = profiles.filter(minamata_plan__isnull=False, assessment__round="2024")
        self.assertTrue(3 <= with_plan.count() < 14)

    def texts_of(self, iso3: str) -> str:
        """Every text the country's team and its analyst wrote, and its profiles."""
        responses = Response.objects.filter(assessment__country__iso3=iso3)
        parts = [
            *responses.values_list("justification", flat=True),
            *responses.values_list("not_applicable_reason", flat=True),
            *Evidence.objects.filter(response__in=responses).values_list("title", flat=True),
            *Comment.objects.filter(response__in=responses).values_list("body", flat=True),
        ]
        profiles = AsmProfile.objects.filter(assessment__country__iso3=iso3)
        for row in profiles.values_list("minerals", "asm_types", "production"):
            parts += row
        return "\n".join(parts)

    def test_running_it_again_changes_nothing(self):
        before = demo_counts()
        self.assertEqual(User.objects.filter(username__endswith="-focal").count(), 14)
        call_command("load_demo", stdout=StringIO())
        self.assertEqual(demo_counts(), before)


def mean_level(levels_by_country: list[dict], prefixes: tuple[str, ...]) -> float:
    levels = [
        level
        for levels in levels_by_country
        for code, level in levels.items()
        if code.startswith(prefixes) and level is not None
    ]
    return sum(levels) / len(levels)


def test_planned_levels_are_the_same_on_every_call_and_hit_each_countrys_target(pillar6):
    tree, scale = framework_tree(pillar6), framework_scale(pillar6)
    for iso3, target in IMPLEMENTATION_2024.items():
        levels = planned_levels(iso3, "2024", tree, scale)
        assert planned_levels(iso3, "2024", tree, scale) == levels
        assert abs(planned_implementation(levels, tree, scale) - target) <= 1, iso3


def test_laws_are_further_along_than_finance_and_child_labour_enforcement(pillar6):
    tree, scale = framework_tree(pillar6), framework_scale(pillar6)
    plans = [planned_levels(iso3, "2024", tree, scale) for iso3 in IMPLEMENTATION_2024]
    legal_framework = mean_level(plans, ("6.1.1.",))
    assert legal_framework > mean_level(plans, ("6.2.2.",)) + 1
    assert legal_framework > mean_level(plans, ("6.3.3.b", "6.3.3.c", "6.3.3.d")) + 1

    def test_senegals_weak_indicator_has_peers_with_their_laws(self):
        from demo.practices import WEAK_INDICATOR
        from practices.peers import peer_examples

        senegal = Assessment.objects.get(country__iso3="SEN", round="2026")
        weak = senegal.responses.get(indicator__code=WEAK_INDICATOR)
        self.assertLessEqual(weak.level.code, 1)
        examples = peer_examples(senegal, WEAK_INDICATOR)
        self.assertGreaterEqual(len(examples), 2)
        for example in examples:
            self.assertTrue(example.assessment.status == Status.PUBLISHED)
            self.assertTrue(example.legal_references, example.country.iso3)

    def test_senegals_plan_lists_practices_with_one_gap(self):
        from plans.models import Practice

        practices = Practice.objects.filter(plan__assessment__country__iso3="SEN")
        self.assertEqual([p.is_gap for p in practices], [False, False, False, True])
        self.assertTrue(all(p.name.startswith(DEMO_MARK) for p in practices))
        self.assertFalse(practices.filter(name__icontains="minerai entier").exists())

    def test_the_demo_case_studies_are_labelled_and_the_cooperative_is_in_portuguese(self):
        from practices.models import CaseStudy
        from practices.search import search

        cases = CaseStudy.objects.all()
        self.assertTrue(cases.exists())
        self.assertTrue(all(c.is_demo and c.title.startswith(DEMO_MARK) for c in cases))
        self.assertTrue(all(c.is_published for c in cases))
        found = search(None, "cooperativa garimpeiros").case_studies
        self.assertEqual([c.language for c in found], ["pt"])
        self.assertEqual(found[0].original.language, "en")
