"""What a query imports: the modules it does not need stay unimported, and the names the
command line offers before importing them agree with those modules."""

import os
import subprocess
import sys

from alliances import api, model
from alliances.dyadyear import UNCERTAIN_MODES
from alliances.exports import EXPORT_KINDS
from alliances.statesystems import SYSTEMS


def test_the_option_names_in_model_agree_with_the_modules_that_implement_them():
    assert model.UNCERTAIN_MODES == UNCERTAIN_MODES
    assert model.SYSTEM_NAMES == tuple(SYSTEMS)
    assert model.EXPORT_KIND_NAMES == tuple(EXPORT_KINDS)
    assert api.EXPORT_KINDS is EXPORT_KINDS  # still there for the API's users
    from alliances.api import EXPORT_KINDS as again

    assert again is EXPORT_KINDS


def test_a_members_query_does_not_import_the_exports_or_the_state_systems(tmp_path):
    code = ("import sys\nfrom alliances.cli import main\n"
            "sys.argv = ['alliances', '-q', 'members', 'NATO', '--on', '2020-01-01', '--format',"
            " 'json']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('alliances.dyadyear', 'alliances.exports', 'gzip', 'csv',"
            " 'alliances.statesystems', 'alliances.panels', 'yaml', 'shlex') if m in sys.modules),"
            " file=sys.stderr)")
    for _ in range(2):  # the cache written, then read
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env={"PATH": "", "ALLIANCES_CACHE": str(tmp_path / "cache"),
                                   "PYTHONPATH": os.pathsep.join(sys.path)})
        assert '"state": "BEL"' in done.stdout
    assert done.stderr.strip() == "[]"
