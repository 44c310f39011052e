"""deepdiff, imported without the dataframe libraries it probes for.

deepdiff imports pandas and polars, when they are installed, only to hash their objects; the
records we diff are never those. pandas (installed for the dashboard) brings pyarrow, and the two
cost the ingest about 95 MB resident and a second of start-up. While deepdiff loads, an absent one
is marked unimportable; a process that already loaded them (the dashboard) keeps them.
"""

from __future__ import annotations

import sys
from typing import Any

_PROBED = ("pandas", "polars")


def _load() -> Any:
    absent = [name for name in _PROBED if name not in sys.modules]
    for name in absent:
        sys.modules[name] = None  # type: ignore[assignment]  # `import name` now raises ImportError
    try:
        from deepdiff import DeepDiff
    finally:
        for name in absent:
            if sys.modules.get(name) is None:
                del sys.modules[name]
    return DeepDiff


DeepDiff = _load()
