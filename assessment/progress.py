"""Progress of an assessment per area and overall: answered / applicable, from loaded rows."""

from dataclasses import dataclass, field


@dataclass
class Progress:
    code: str = ""
    title: str = ""
    rated: int = 0
    not_applicable: int = 0
    missing: int = 0
    responses: list = field(default_factory=list)

    @property
    def applicable(self) -> int:
        return self.rated + self.missing

    @property
    def percent(self) -> int:
        return round(100 * self.rated / self.applicable) if self.applicable else 100

    def add(self, response) -> None:
        if response.not_applicable:
            self.not_applicable += 1
        elif response.level_id is not None:
            self.rated += 1
        else:
            self.missing += 1


def progress_by_area(responses) -> tuple[list[Progress], Progress]:
    """Per-area and overall progress; responses must come with indicator__recommendation__area."""
    areas: dict[int, Progress] = {}
    overall = Progress()
    for response in responses:
        area = response.indicator.recommendation.area
        progress = areas.setdefault(area.pk, Progress(code=area.code, title=area.title))
        progress.add(response)
        progress.responses.append(response)
        overall.add(response)
    return list(areas.values()), overall
