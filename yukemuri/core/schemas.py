"""API schemas of problem details (RFC 9457). The schemas shared by issues and ideas are issues.schemas:
core imports no domain app (docs/decisions/0010-layers.md)."""


from ninja import Schema


class ProblemError(Schema):
    """One thing wrong with the request: which parameter, what, and a machine-readable code."""

    parameter: str | None = None
    detail: str
    code: str | None = None


class Problem(Schema):
    """RFC 9457 problem details (served as application/problem+json)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    errors: list[ProblemError] | None = None
