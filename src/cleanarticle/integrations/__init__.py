"""Adapters that run cleanarticle inside other data-processing frameworks.

Each lives in its own module and imports its framework there, so ``import cleanarticle``
never needs them: ``cleanarticle.integrations.datatrove`` needs ``cleanarticle[datatrove]``.
"""
