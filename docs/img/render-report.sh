#!/bin/sh
# Render page 1 of the demo's March 监测报告 to docs/img/report-page1.png (see docs/office.md).
# Needs: apt-get install -y libreoffice-writer-nogui fonts-noto-cjk poppler-utils
# The document names the GB/T 9704 fonts (仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体), which
# Word and WPS have; here fontconfig stands the Noto CJK faces in for them, serif for 仿宋/楷体/
# 宋体/小标宋 and sans for 黑体, so that the picture shows the document's contrast.
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/fonts.conf" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>仿宋_GB2312</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>楷体_GB2312</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>方正小标宋简体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
</fontconfig>
XML
uv run softenv demo --out "$work/demo" > /dev/null
uv run softenv report "$work/demo/dataset.json" --month 2025-03 --format docx --out "$work/监测报告-2025-03.docx"
FONTCONFIG_FILE="$work/fonts.conf" soffice --headless -env:UserInstallation=file://"$work/lo" \
    --convert-to pdf --outdir "$work" "$work/监测报告-2025-03.docx" > /dev/null
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$work/监测报告-2025-03.pdf" "$work/page1"
cp "$work/page1.png" "$(dirname "$0")/report-page1.png"
