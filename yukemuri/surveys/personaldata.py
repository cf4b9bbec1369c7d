"""The surveys' part of "download your data": my answers to signed surveys (anonymous ones are nobody's)."""

from .models import Answer


def survey_answers(person) -> list[dict]:
    rows = []
    for answer in (Answer.objects.filter(response__person=person).select_related("question", "response__survey")
                   .order_by("response__submitted_on", "response_id", "question__position")):
        question = answer.question
        labels = dict(question.options())
        rows.append({"survey": answer.response.survey.title, "question": question.text,
                     "answer": answer.text or " / ".join(labels.get(v, v) for v in answer.chosen)
                     or (answer.number if answer.number is not None else ""),
                     "submitted_on": answer.response.submitted_on})
    return rows
