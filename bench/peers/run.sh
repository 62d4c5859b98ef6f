#!/usr/bin/env bash
# Lurker side by side with the quixstreams peer, in one run: one embedded broker, the same events,
# first `lurker run`, then bench/peers/quixstreams/app.py. See bench/peers/README.md.
# Arguments go to run.py: --events N --customers N --partitions N --seed N --json FILE --only lurker|peer
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
scripts/install-dependencies
swift build -c release --product lurker >&2
venv="$here/quixstreams/.venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/quixstreams/requirements.txt" >&2
exec "$venv/bin/python" "$here/run.py" --lurker "$(swift build -c release --show-bin-path)/lurker" "$@"
