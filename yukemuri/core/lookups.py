"""`__in` with numbers no database integer holds: they match nothing, as Django's own `exact` does.

Django turns an out-of-range number in `pk=…` into an empty result (IntegerFieldOverflow), but not one in
`pk__in=[…]`: SQLite then raises OverflowError, a 500 for any address or form that takes ids
(?issue=99999999999999999999, a forged choice in a form's multiple-choice field). Such a number cannot be any
row's, so it is dropped before the query; the other values are looked up as before.
"""

from django.db import models
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In


class _WithinRange:
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            field = getattr(self.lhs, "output_field", None)
            field = getattr(field, "target_field", field)
            if isinstance(field, models.IntegerField):
                low, high = connection.ops.integer_field_range(field.get_internal_type())
                self.rhs = [value for value in self.rhs if not isinstance(value, int)
                            or ((low is None or value >= low) and (high is None or value <= high))]
        return super().process_rhs(compiler, connection)


class InWithinRange(_WithinRange, In):
    pass


class RelatedInWithinRange(_WithinRange, RelatedIn):
    pass


def install() -> None:
    models.IntegerField.register_lookup(InWithinRange)
    models.ForeignObject.register_lookup(RelatedInWithinRange)
