#!/bin/sh
# The demo: scans the bundled example articles and prints what quotelens finds.
cd "$(dirname "$0")/.." || exit 1
build/quotelens scan examples/*.txt
