# dac_sectors.awk - writes fcgi-app/iati/dac_sectors.c from IATI's Sector codelist (DAC 5 digit sector codes).
#
#   awk -v source="IATI-Codelists-NonEmbedded commit 7aeece7, 2026-06-22" \
#       -f fcgi-app/iati/dac_sectors.awk iati/codelists/Sector.xml > fcgi-app/iati/dac_sectors.c
#
# The application cannot read the codelist at run time (it is not installed with it), so the codes are
# compiled in; tests/unit/test_dac_sectors.c reads the codelist with libxml2 and fails when the two differ.
# Reads the file as IATI publishes it: one element per line.
function unxml(s) {
	gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s); gsub(/&apos;/, "'", s)
	gsub(/&amp;/, "\\&", s)
	return s
}
function cstr(s) {
	gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s)
	return "\"" s "\""
}
BEGIN {
	print "/* dac_sectors.c - the OECD DAC 5-digit sector codes of IATI's Sector codelist. Generated: do not edit. */"
	print "/*"
	print " * Made by fcgi-app/iati/dac_sectors.awk from Sector.xml (" source "),"
	print " * the codelist the Sida export's sectors must come from (vocabulary 1). Withdrawn codes are kept,"
	print " * marked, because older data may name them; new data must not."
	print " */"
	print "#include <stddef.h>"
	print ""
	print "#include \"dac_sectors.h\""
	print ""
	print "const struct dac_sector dac_sectors[] = {"
	n = 0
}
/<codelist-item[ >]/ {
	status = "active"
	if (match($0, /status="[a-z]+"/))
		status = substr($0, RSTART + 8, RLENGTH - 9)
	code = ""; name = ""; inname = 0
}
/<code>/ {
	code = $0
	sub(/.*<code>/, "", code); sub(/<\/code>.*/, "", code)
}
/<name>/ { inname = 1 }
/<\/name>/ { inname = 0 }
inname && name == "" && /<narrative>/ {
	name = $0
	sub(/.*<narrative>/, "", name); sub(/<\/narrative>.*/, "", name)
	name = unxml(name)
}
/<\/codelist-item>/ {
	printf "\t{ \"%s\", %s, %d },\n", code, cstr(name), status == "active"
	n++
}
END {
	print "};"
	print ""
	printf "const size_t dac_sectors_count = %d;\n", n
}
