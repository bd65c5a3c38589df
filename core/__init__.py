"""The leaf every Oasis app may import: it imports no Oasis app itself.

Only plumbing that several layers share lives here: the names of the role groups
(`core.roles`), the API's authentication, error contract and pagination (`core.api`),
and the one way domain signals are sent (`core.signals`).
"""
