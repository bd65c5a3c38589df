"""The role groups of design.md, by name. Created by a migration of the site (`oasis`).

They live in the leaf because every layer asks "is this user a coordinator?": the
rules of `ideas` and `review`, the audiences of `notices`, and the site's sign-up.
"""

GROUP_CITIZENS = "citizens"
GROUP_MODERATORS = "moderators"
GROUP_COORDINATORS = "coordinators"
GROUP_EDITORS = "editors"
GROUP_INTERNAL_EXPERTS = "internal-experts"
GROUP_EXTERNAL_EXPERTS = "external-experts"
