"""Constants of candidate profiles. Shared nomenclatures live in portal.reference.choices."""

from portal.reference.choices import ContractType, WorkingTime

# Desired-place radius bounds (the CVthèque and matching offer the same range).
RADIUS_KM_MIN = 0
RADIUS_KM_MAX = 100

# Bounds that keep a profile readable and an import row sane.
MAX_LIST_ITEMS = 50
MAX_CHILD_ROWS = 50
MAX_SHORT_TEXT = 150
MAX_DESCRIPTION = 5000
# Extracted CV text beyond this is dropped: the first pages say what a CV has to say.
CV_TEXT_MAX_CHARS = 100_000

CONTRACT_TYPE_VALUES = tuple(ContractType.values)
WORKING_TIME_VALUES = tuple(WorkingTime.values)
