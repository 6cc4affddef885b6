"""The reference packages the agreement tests compare against, imported when first called.

Not at the top of the test files: every pytest-xdist worker collects every file, and importing
scikit-learn with statsmodels costs about 3 s (pygamma-agreement, which compiles its numba
functions on import, about 20 s: tests/agreement/test_gamma.py imports it inside its helpers)."""


def cohen_kappa_score(*args, **kwargs):
    from sklearn.metrics import cohen_kappa_score

    return cohen_kappa_score(*args, **kwargs)


def sm_cohens_kappa(*args, **kwargs):
    from statsmodels.stats.inter_rater import cohens_kappa

    return cohens_kappa(*args, **kwargs)


def aggregate_raters(*args, **kwargs):
    from statsmodels.stats.inter_rater import aggregate_raters

    return aggregate_raters(*args, **kwargs)


def fleiss_kappa(*args, **kwargs):
    from statsmodels.stats.inter_rater import fleiss_kappa

    return fleiss_kappa(*args, **kwargs)
