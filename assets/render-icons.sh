#!/usr/bin/env bash
# render-icons.sh — regenerate the PNG icons from assets/icon.svg.
#
# The PNGs are committed, so building and testing never need this; run it
# after editing the SVG. It needs Debian's librsvg2-bin (rsvg-convert) and
# imagemagick. rsvg-convert rasterises each size from the vector itself,
# which keeps small sizes sharper than scaling the 512 px PNG down, and
# ImageMagick's own convert (by full path: the first `convert` on PATH may
# be something else) strips metadata, so re-rendering an unchanged SVG gives
# byte-identical files.
set -euo pipefail

cd "$(dirname "$0")"
convert=/usr/bin/convert
for tool in rsvg-convert "$convert"; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "render-icons.sh: $tool not found; apt-get install librsvg2-bin imagemagick" >&2
		exit 1
	}
done

# render SIZE OUT: one square RGBA PNG of the icon.
render() {
	local size=$1 out=$2 tmp
	tmp=$(mktemp --suffix=.png)
	rsvg-convert -w "$size" -h "$size" -o "$tmp" icon.svg
	mkdir -p "$(dirname "$out")"
	"$convert" "$tmp" -strip -define png:exclude-chunks=date,time "PNG32:$out"
	rm -f "$tmp"
}

render 512 icon.png
# The freedesktop hicolor theme layout, named by the app ID so a desktop
# entry's Icon=io.github.tierdesk.Tierdesk finds them once installed.
for size in 16 32 48 64 128 256; do
	render "$size" "icons/hicolor/${size}x${size}/apps/io.github.tierdesk.Tierdesk.png"
done
