"""Factories for the api app's models."""

import factory

from api.models import ApiToken
from api.services import PREFIX_LENGTH, new_key

from .auth import UserFactory


class ApiTokenFactory(factory.django.DjangoModelFactory):
    """A token of a fresh user; its key is ``token.key`` (only on the built object, as
    the service hands it out once)."""

    class Meta:
        model = ApiToken

    user = factory.SubFactory(UserFactory)
    label = factory.Sequence(lambda n: f"Phần mềm {n}")
    key = factory.LazyFunction(new_key)
    prefix = factory.LazyAttribute(lambda o: o.key[:PREFIX_LENGTH])
    key_hash = factory.LazyAttribute(lambda o: ApiToken.hash_key(o.key))

    @classmethod
    def _create(cls, model_class, *args, key, **kwargs):
        token = super()._create(model_class, *args, **kwargs)
        token.key = key
        return token
