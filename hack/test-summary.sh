#!/usr/bin/env bash
# Prints the plain CI summary line "N passed, N failed" from the TRX files a test run wrote, preceded by the name
# and the first lines of the message of every failed test (the console log of a long run scrolls them out of sight).
# Usage: hack/test-summary.sh <results-dir>
set -euo pipefail
dir=${1:?results dir}
passed=0; failed=0; total=0
shopt -s nullglob
files=("$dir"/*.trx)
if [ ${#files[@]} -eq 0 ]; then echo "no test results found in $dir" >&2; echo "0 passed, 1 failed"; exit 1; fi
for f in "${files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$f" | head -n1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  fl=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${fl:-0})); total=$((total + ${t:-0}))
done
if [ "$failed" -gt 0 ] && command -v python3 >/dev/null; then
  python3 - "${files[@]}" <<'PY' || true
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for path in sys.argv[1:]:
    for r in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", ns):
        if r.get("outcome") != "Failed":
            continue
        print(f"FAILED {r.get('testName')} ({r.get('duration')})")
        for tag in ("Message", "StackTrace"):
            node = r.find(f".//t:ErrorInfo/t:{tag}", ns)
            if node is not None and node.text:
                for line in node.text.strip().splitlines()[:20]:
                    print("    " + line)
PY
fi
echo "$passed passed, $failed failed"
[ "$total" -gt 0 ] && [ "$failed" -eq 0 ]
