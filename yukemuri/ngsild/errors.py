"""NGSI-LD problem details (ETSI GS CIM 009, 5.5.2): the error types and their HTTP statuses."""

import json

from django.http import HttpResponse

ERRORS = "https://uri.etsi.org/ngsi-ld/errors/"
STATUS = {"InvalidRequest": 400, "BadRequestData": 400, "ResourceNotFound": 404, "OperationNotSupported": 422,
          "NotAcceptable": 406, "LdContextNotAvailable": 503, "NoMultiTenantSupport": 501, "TooManyResults": 403,
          "TooComplexQuery": 403,
}


class NgsiError(Exception):
    def __init__(self, kind: str, title: str, detail: str = "", status: int | None = None):
        super().__init__(detail or title)
        self.kind, self.title, self.detail = kind, title, detail
        self.status = status or STATUS[kind]

    def response(self) -> HttpResponse:
        body = {"type": ERRORS + self.kind, "title": self.title, "status": self.status}
        if self.detail:
            body["detail"] = self.detail
        response = HttpResponse(json.dumps(body, ensure_ascii=False), status=self.status,
                                content_type="application/json")
        response["Access-Control-Allow-Origin"] = "*"
        return response


def bad(title: str, detail: str = "") -> NgsiError:
    return NgsiError("BadRequestData", title, detail)
