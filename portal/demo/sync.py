"""Write a row only when it differs: re-running the loader changes nothing.

Saving an unchanged row would still add a simple-history row and bump
``updated_at``, so the loader compares first and saves only changed fields.
"""

_UNSET = object()


def _same(obj, name, value) -> bool:
    field = obj._meta.get_field(name)
    if field.many_to_one or field.one_to_one:
        return getattr(obj, field.attname) == (value.pk if value is not None else None)
    return getattr(obj, name) == value


def upsert(model, lookup: dict, values: dict, *, existing=_UNSET):
    """Return ``(obj, created)`` for the row ``lookup`` names, holding ``values``.

    ``existing`` passes an already fetched row (or ``None`` for "not there") to
    save the query when the caller loaded many rows at once.
    """
    obj = model.objects.filter(**lookup).first() if existing is _UNSET else existing
    if obj is None:
        obj = model(**lookup, **values)
        obj.save()
        return obj, True
    changed = [name for name, value in values.items() if not _same(obj, name, value)]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        fields = list(changed)
        if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
            fields.append("updated_at")
        obj.save(update_fields=fields)
    return obj, False
