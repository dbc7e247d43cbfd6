/* demo.c - the demo data set: ICLD's 2016 round as announced, rounds 2013-2015 under way, and an open call. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "db/db.h"
#include "domain/reimburse.h"
#include "programs/demo.h"

/*
 * The data describes the programme as it stood on the story date, four
 * months after the 2016 decisions: the 32 new projects have started and
 * owe nothing yet, the 70-odd earlier ones are reporting. Report and
 * project states follow from their dates against the story date, so they
 * are the same whatever the clock says. Only the open call is dated in
 * the present, so that applicants can apply.
 */
#define STORY_Y		2016
#define STORY_M		9
#define STORY_D		30

#define SEED		UINT64_C(0x1C1D20160524)

/* Swedish members; the first NAMED are the ones the 2016 announcement lists. */
struct member {
	const char	*place;		/* for the email: borlange@kommun.example */
	const char	*name;
	const char	*kind;
};

static const struct member members[] = {
	{ "Borlänge", "Borlänge kommun", "kommun" },
	{ "Borås", "Borås stad", "kommun" },
	{ "Falköping", "Falköpings kommun", "kommun" },
	{ "Filipstad", "Filipstads kommun", "kommun" },
	{ "Gävle", "Gävle kommun", "kommun" },
	{ "Hultsfred", "Hultsfreds kommun", "kommun" },
	{ "Härryda", "Härryda kommun", "kommun" },
	{ "Hörby", "Hörby kommun", "kommun" },
	{ "Kalmar", "Kalmar kommun", "kommun" },
	{ "Malmö", "Malmö stad", "kommun" },
	{ "Sandviken", "Sandvikens kommun", "kommun" },
	{ "Skellefteå", "Skellefteå kommun", "kommun" },
	{ "Vara", "Vara kommun", "kommun" },
	{ "Vimmerby", "Vimmerby kommun", "kommun" },
	{ "Västerås", "Västerås stad", "kommun" },
	{ "Växjö", "Växjö kommun", "kommun" },
	{ "Västernorrland", "Landstinget Västernorrland", "landsting" },
	{ "Gotland", "Region Gotland", "region" },
	{ "Dalarna", "Region Dalarna", "region" },
	{ "Kronoberg", "Region Kronoberg", "region" },
	{ "Västerbotten", "Region Västerbotten", "region" },
	{ "Uppsala", "Uppsala kommun", "kommun" },
	{ "Örebro", "Örebro kommun", "kommun" },
	{ "Linköping", "Linköpings kommun", "kommun" },
	{ "Norrköping", "Norrköpings kommun", "kommun" },
	{ "Jönköping", "Jönköpings kommun", "kommun" },
	{ "Umeå", "Umeå kommun", "kommun" },
	{ "Luleå", "Luleå kommun", "kommun" },
	{ "Sundsvall", "Sundsvalls kommun", "kommun" },
	{ "Östersund", "Östersunds kommun", "kommun" },
	{ "Karlstad", "Karlstads kommun", "kommun" },
	{ "Halmstad", "Halmstads kommun", "kommun" },
	{ "Helsingborg", "Helsingborgs stad", "kommun" },
	{ "Lund", "Lunds kommun", "kommun" },
	{ "Kristianstad", "Kristianstads kommun", "kommun" },
	{ "Eskilstuna", "Eskilstuna kommun", "kommun" },
	{ "Nyköping", "Nyköpings kommun", "kommun" },
	{ "Falun", "Falu kommun", "kommun" },
	{ "Ludvika", "Ludvika kommun", "kommun" },
	{ "Kiruna", "Kiruna kommun", "kommun" },
	{ "Piteå", "Piteå kommun", "kommun" },
	{ "Haninge", "Haninge kommun", "kommun" },
	{ "Botkyrka", "Botkyrka kommun", "kommun" },
	{ "Södertälje", "Södertälje kommun", "kommun" },
	{ "Göteborg", "Göteborgs stad", "kommun" },
	{ "Trollhättan", "Trollhättans stad", "kommun" },
	{ "Uddevalla", "Uddevalla kommun", "kommun" },
	{ "Lidköping", "Lidköpings kommun", "kommun" },
	{ "Skövde", "Skövde kommun", "kommun" },
	{ "Alingsås", "Alingsås kommun", "kommun" },
	{ "Karlskrona", "Karlskrona kommun", "kommun" },
	{ "Åmål", "Åmåls kommun", "kommun" },
	{ "Älmhult", "Älmhults kommun", "kommun" },
	{ "Örnsköldsvik", "Örnsköldsviks kommun", "kommun" },
	{ "Ystad", "Ystads kommun", "kommun" },
	{ "Skåne", "Region Skåne", "region" },
	{ "Östergötland", "Region Östergötland", "region" },
	{ "Halland", "Region Halland", "region" },
	{ "Sörmland", "Landstinget Sörmland", "landsting" },
	{ "Jämtland Härjedalen", "Region Jämtland Härjedalen", "region" },
};
#define NMEMBERS	(sizeof(members) / sizeof(members[0]))
#define NAMED		21

enum partner_lang {
	L_EN, L_SW, L_ZH, L_SQ, L_BS, L_SR, L_UK, L_ES, L__MAX
};

static const char *const lang_codes[L__MAX] = { "en", "sw", "zh", "sq", "bs", "sr", "uk", "es" };

/* Name pools of the people in partner teams, by language area. */
enum people {
	PP_EAST_AFRICA, PP_SOUTHERN_AFRICA, PP_CHINA, PP_ALBANIAN, PP_BCS, PP_UKRAINE, PP_LATAM, PP__MAX
};

/* Partner local governments; "place" is the short name titles use. */
struct partner {
	const char	*cc;
	const char	*kind;
	const char	*name;
	const char	*name_local;
	enum partner_lang lang;
	enum people	 people;
	const char	*place;
	const char	*place_local;
	const char	*lat;
	const char	*lng;
};

static const struct partner partners[] = {
	/* 0-31: the partners of the 32 projects of 2016, in the order of plan2016[] */
	{ "KE", "county", "Kisumu County", "Kaunti ya Kisumu", L_SW, PP_EAST_AFRICA,
	  "Kisumu", "Kisumu", "-0.091702", "34.767956" },
	{ "KE", "county", "Nakuru County", "Kaunti ya Nakuru", L_SW, PP_EAST_AFRICA,
	  "Nakuru", "Nakuru", "-0.303099", "36.080026" },
	{ "KE", "county", "Kiambu County", "Kaunti ya Kiambu", L_SW, PP_EAST_AFRICA,
	  "Kiambu", "Kiambu", "-1.171400", "36.835600" },
	{ "KE", "county", "Machakos County", "Kaunti ya Machakos", L_SW, PP_EAST_AFRICA,
	  "Machakos", "Machakos", "-1.517700", "37.263400" },
	{ "KE", "county", "Kakamega County", "Kaunti ya Kakamega", L_SW, PP_EAST_AFRICA,
	  "Kakamega", "Kakamega", "0.282700", "34.751900" },
	{ "KE", "county", "Nyeri County", "Kaunti ya Nyeri", L_SW, PP_EAST_AFRICA,
	  "Nyeri", "Nyeri", "-0.420100", "36.947600" },
	{ "KE", "county", "Mombasa County", "Kaunti ya Mombasa", L_SW, PP_EAST_AFRICA,
	  "Mombasa", "Mombasa", "-4.043500", "39.668200" },
	{ "KE", "county", "Kilifi County", "Kaunti ya Kilifi", L_SW, PP_EAST_AFRICA,
	  "Kilifi", "Kilifi", "-3.630500", "39.849900" },
	{ "CN", "city", "Wuxi Municipal People's Government", "无锡市人民政府", L_ZH, PP_CHINA,
	  "Wuxi", "无锡", "31.491200", "120.311900" },
	{ "CN", "city", "Harbin Municipal People's Government", "哈尔滨市人民政府", L_ZH, PP_CHINA,
	  "Harbin", "哈尔滨", "45.803800", "126.535000" },
	{ "CN", "city", "Kunming Municipal People's Government", "昆明市人民政府", L_ZH, PP_CHINA,
	  "Kunming", "昆明", "24.880100", "102.832900" },
	{ "CN", "city", "Jinan Municipal People's Government", "济南市人民政府", L_ZH, PP_CHINA,
	  "Jinan", "济南", "36.651200", "117.120100" },
	{ "CN", "city", "Xiamen Municipal People's Government", "厦门市人民政府", L_ZH, PP_CHINA,
	  "Xiamen", "厦门", "24.479800", "118.089400" },
	{ "CN", "city", "Yangzhou Municipal People's Government", "扬州市人民政府", L_ZH, PP_CHINA,
	  "Yangzhou", "扬州", "32.393200", "119.412900" },
	{ "CN", "city", "Guiyang Municipal People's Government", "贵阳市人民政府", L_ZH, PP_CHINA,
	  "Guiyang", "贵阳", "26.647000", "106.630200" },
	{ "BW", "city", "Francistown City Council", NULL, L_EN, PP_SOUTHERN_AFRICA,
	  "Francistown", NULL, "-21.170000", "27.507000" },
	{ "BW", "district", "Kgatleng District Council", NULL, L_EN, PP_SOUTHERN_AFRICA,
	  "Kgatleng", NULL, "-24.416700", "26.150000" },
	{ "BW", "municipality", "Lobatse Town Council", NULL, L_EN, PP_SOUTHERN_AFRICA,
	  "Lobatse", NULL, "-25.224400", "25.680600" },
	{ "BW", "city", "Gaborone City Council", NULL, L_EN, PP_SOUTHERN_AFRICA,
	  "Gaborone", NULL, "-24.628200", "25.923100" },
	{ "BW", "municipality", "Selebi-Phikwe Town Council", NULL, L_EN, PP_SOUTHERN_AFRICA,
	  "Selebi-Phikwe", NULL, "-21.978600", "27.843600" },
	{ "BW", "district", "North West District Council", NULL, L_EN, PP_SOUTHERN_AFRICA,
	  "Maun", NULL, "-19.983300", "23.416700" },
	{ "UG", "municipality", "Jinja Municipal Council", NULL, L_EN, PP_EAST_AFRICA,
	  "Jinja", NULL, "0.424400", "33.204100" },
	{ "UG", "municipality", "Entebbe Municipal Council", NULL, L_EN, PP_EAST_AFRICA,
	  "Entebbe", NULL, "0.051200", "32.463700" },
	{ "UG", "municipality", "Mbale Municipal Council", NULL, L_EN, PP_EAST_AFRICA,
	  "Mbale", NULL, "1.080600", "34.175000" },
	{ "UG", "municipality", "Gulu Municipal Council", NULL, L_EN, PP_EAST_AFRICA,
	  "Gulu", NULL, "2.772400", "32.288100" },
	{ "UG", "municipality", "Mukono Municipal Council", NULL, L_EN, PP_EAST_AFRICA,
	  "Mukono", NULL, "0.353300", "32.755300" },
	{ "ZA", "municipality", "Mangaung Metropolitan Municipality", NULL, L_EN, PP_SOUTHERN_AFRICA,
	  "Mangaung", NULL, "-29.121100", "26.214000" },
	{ "ZA", "municipality", "Msunduzi Local Municipality", NULL, L_EN, PP_SOUTHERN_AFRICA,
	  "Msunduzi", NULL, "-29.600600", "30.379400" },
	{ "ZA", "municipality", "Buffalo City Metropolitan Municipality", NULL, L_EN, PP_SOUTHERN_AFRICA,
	  "Buffalo City", NULL, "-32.983300", "27.866700" },
	{ "ZA", "municipality", "Polokwane Local Municipality", NULL, L_EN, PP_SOUTHERN_AFRICA,
	  "Polokwane", NULL, "-23.904500", "29.468900" },
	{ "XK", "municipality", "Municipality of Gjakova", "Komuna e Gjakovës", L_SQ, PP_ALBANIAN,
	  "Gjakova", "Gjakovë", "42.380300", "20.430800" },
	{ "XK", "municipality", "Municipality of Peja", "Komuna e Pejës", L_SQ, PP_ALBANIAN,
	  "Peja", "Pejë", "42.659300", "20.288300" },
	/* 32-: partners of earlier rounds and of the open call */
	{ "TZ", "city", "Arusha City Council", "Halmashauri ya Jiji la Arusha", L_SW, PP_EAST_AFRICA,
	  "Arusha", "Arusha", "-3.386900", "36.683000" },
	{ "ZM", "city", "Lusaka City Council", NULL, L_EN, PP_SOUTHERN_AFRICA,
	  "Lusaka", NULL, "-15.387500", "28.322800" },
	{ "XK", "municipality", "Municipality of Prizren", "Komuna e Prizrenit", L_SQ, PP_ALBANIAN,
	  "Prizren", "Prizren", "42.213900", "20.739700" },
	{ "CN", "city", "Hangzhou Municipal People's Government", "杭州市人民政府", L_ZH, PP_CHINA,
	  "Hangzhou", "杭州", "30.274100", "120.155100" },
	{ "TZ", "city", "Mwanza City Council", "Halmashauri ya Jiji la Mwanza", L_SW, PP_EAST_AFRICA,
	  "Mwanza", "Mwanza", "-2.516400", "32.917500" },
	{ "BA", "city", "City of Tuzla", "Grad Tuzla", L_BS, PP_BCS,
	  "Tuzla", "Tuzla", "44.538400", "18.676300" },
	{ "RS", "city", "City of Kragujevac", "Grad Kragujevac", L_SR, PP_BCS,
	  "Kragujevac", "Kragujevac", "44.012800", "20.911400" },
	{ "ZW", "city", "Bulawayo City Council", NULL, L_EN, PP_SOUTHERN_AFRICA,
	  "Bulawayo", NULL, "-20.132500", "28.626500" },
	{ "CO", "municipality", "Municipality of Pasto", "Alcaldía de Pasto", L_ES, PP_LATAM,
	  "Pasto", "Pasto", "1.213600", "-77.281100" },
	{ "GT", "municipality", "Municipality of Quetzaltenango", "Municipalidad de Quetzaltenango", L_ES, PP_LATAM,
	  "Quetzaltenango", "Quetzaltenango", "14.834700", "-91.518100" },
	{ "KE", "county", "Kisii County", "Kaunti ya Kisii", L_SW, PP_EAST_AFRICA,
	  "Kisii", "Kisii", "-0.681700", "34.766700" },
	{ "ZM", "city", "Ndola City Council", NULL, L_EN, PP_SOUTHERN_AFRICA,
	  "Ndola", NULL, "-12.958700", "28.636600" },
	{ "UA", "city", "Lviv City Council", "Львівська міська рада", L_UK, PP_UKRAINE,
	  "Lviv", "Львів", "49.839700", "24.029700" },
	{ "AL", "municipality", "Municipality of Shkodër", "Bashkia Shkodër", L_SQ, PP_ALBANIAN,
	  "Shkodër", "Shkodër", "42.068300", "19.512600" },
	{ "ZA", "municipality", "uMhlathuze Local Municipality", NULL, L_EN, PP_SOUTHERN_AFRICA,
	  "uMhlathuze", NULL, "-28.783300", "32.033300" },
	{ "TZ", "municipality", "Moshi Municipal Council", "Halmashauri ya Manispaa ya Moshi", L_SW, PP_EAST_AFRICA,
	  "Moshi", "Moshi", "-3.334900", "37.340400" },
	{ "CN", "city", "Chengdu Municipal People's Government", "成都市人民政府", L_ZH, PP_CHINA,
	  "Chengdu", "成都", "30.572800", "104.066800" },
	{ "BA", "city", "City of Zenica", "Grad Zenica", L_BS, PP_BCS,
	  "Zenica", "Zenica", "44.203400", "17.907700" },
	{ "ZW", "city", "Mutare City Council", NULL, L_EN, PP_SOUTHERN_AFRICA,
	  "Mutare", NULL, "-18.970700", "32.670900" },
	{ "KE", "county", "Kericho County", "Kaunti ya Kericho", L_SW, PP_EAST_AFRICA,
	  "Kericho", "Kericho", "-0.368900", "35.286300" },
	{ "XK", "municipality", "Municipality of Ferizaj", "Komuna e Ferizajt", L_SQ, PP_ALBANIAN,
	  "Ferizaj", "Ferizaj", "42.370200", "21.148300" },
	{ "BO", "municipality", "Municipality of Sucre", "Gobierno Autónomo Municipal de Sucre", L_ES, PP_LATAM,
	  "Sucre", "Sucre", "-19.019600", "-65.262000" },
	{ "UG", "municipality", "Kabale Municipal Council", NULL, L_EN, PP_EAST_AFRICA,
	  "Kabale", NULL, "-1.248600", "29.989900" },
	{ "RS", "city", "City of Niš", "Grad Niš", L_SR, PP_BCS, "Niš", "Niš", "43.320900", "21.895800" },
	{ "ZM", "city", "Kitwe City Council", NULL, L_EN, PP_SOUTHERN_AFRICA,
	  "Kitwe", NULL, "-12.802400", "28.213200" },
	{ "CO", "municipality", "Municipality of Manizales", "Alcaldía de Manizales", L_ES, PP_LATAM,
	  "Manizales", "Manizales", "5.070300", "-75.513800" },
	{ "UA", "city", "Vinnytsia City Council", "Вінницька міська рада", L_UK, PP_UKRAINE,
	  "Vinnytsia", "Вінниця", "49.233100", "28.468200" },
	{ "BW", "district", "Southern District Council", NULL, L_EN, PP_SOUTHERN_AFRICA,
	  "Kanye", NULL, "-24.966700", "25.333300" },
	{ "ZA", "municipality", "Sol Plaatje Local Municipality", NULL, L_EN, PP_SOUTHERN_AFRICA,
	  "Sol Plaatje", NULL, "-28.738300", "24.763900" },
	{ "CN", "city", "Dalian Municipal People's Government", "大连市人民政府", L_ZH, PP_CHINA,
	  "Dalian", "大连", "38.914000", "121.614700" },
	{ "XK", "municipality", "Municipality of Gjilan", "Komuna e Gjilanit", L_SQ, PP_ALBANIAN,
	  "Gjilan", "Gjilan", "42.463500", "21.469400" },
	{ "GT", "municipality", "Municipality of Antigua Guatemala", "Municipalidad de Antigua Guatemala",
	  L_ES, PP_LATAM, "Antigua Guatemala", "Antigua Guatemala", "14.557200", "-90.733300" },
	{ "ZW", "city", "Gweru City Council", NULL, L_EN, PP_SOUTHERN_AFRICA,
	  "Gweru", NULL, "-19.450000", "29.816700" },
	{ "UG", "municipality", "Fort Portal Municipal Council", NULL, L_EN, PP_EAST_AFRICA,
	  "Fort Portal", NULL, "0.671000", "30.275000" },
	{ "AL", "municipality", "Municipality of Korçë", "Bashkia Korçë", L_SQ, PP_ALBANIAN,
	  "Korça", "Korçë", "40.618600", "20.780800" },
	{ "UA", "city", "Chernihiv City Council", "Чернігівська міська рада", L_UK, PP_UKRAINE,
	  "Chernihiv", "Чернігів", "51.498200", "31.289300" },
	{ "KE", "county", "Nairobi City County", "Kaunti ya Jiji la Nairobi", L_SW, PP_EAST_AFRICA,
	  "Nairobi", "Nairobi", "-1.286389", "36.817223" },
	{ "XK", "municipality", "Municipality of Pristina", "Komuna e Prishtinës", L_SQ, PP_ALBANIAN,
	  "Pristina", "Prishtinë", "42.662900", "21.165500" },
	{ "ZA", "municipality", "Sedibeng District Municipality", NULL, L_EN, PP_SOUTHERN_AFRICA,
	  "Sedibeng", NULL, "-26.670000", "27.930000" },
};
#define NPARTNERS	(sizeof(partners) / sizeof(partners[0]))
#define FIRST_EXTRA	32
#define NEXTRA		(NPARTNERS - FIRST_EXTRA)

/* Indicator of a results framework; qualitative ones give texts for baseline and target. */
struct ind {
	const char	*name;
	const char	*measure;
	const char	*unit;
	double		 baseline;
	double		 target;
	const char	*baseline_text;
	const char	*target_text;
};

struct objective {
	const char	*objective;
	const char	*result;
	struct ind	 ind;
};

enum { PR_INCLUSION = 1, PR_PARTICIPATION = 2, PR_TRANSPARENCY = 4, PR_ACCOUNTABILITY = 8 };

/* A kind of project: its texts (%s is the partner's place) and results framework. */
struct variant {
	int		 theme;		/* thematic_areas.id of 0001_reference.sql */
	const char	*title_sv;
	const char	*title_en;
	const char	*aim_sv;
	const char	*aim_en;
	const char	*background;
	const char	*overall;
	struct objective obj[2];
	unsigned char	 sdg[3];
	int		 principles;
	int		 dialogue;
};

static const struct variant variants[] = {
	{ 3, "Hållbar avfallshantering i %s", "Sustainable waste management in %s",
	  "utveckla en avfallshantering med källsortering och återvinning som invånarna är med och formar i %s",
	  "develop waste management with sorting at source and recycling that residents help shape in %s",
	  "Less than half of the household waste in %s is collected; the rest is burnt or dumped in "
	  "drainage channels, "
	  "which floods in the rainy season. Residents have had no say in how the service is run.",
	  "Improved living conditions in %s through a cleaner environment and accountable waste services.",
	  { { "The administration plans and runs waste collection together with residents.",
	      "A waste management plan adopted after public consultation.",
	      { "Public consultation meetings held on the waste plan", "unit", "meetings", 0, 6, NULL, NULL } },
	    { "More household waste is sorted and recycled.",
	      "Sorting at source introduced in pilot wards.",
	      { "Share of households in pilot wards that sort their waste", "percentage", "%", 5,
	          40, NULL, NULL } } },
	  { 11, 12, 6 }, PR_PARTICIPATION | PR_ACCOUNTABILITY, 1 },
	{ 3, "Klimatanpassning och dagvatten i %s", "Climate adaptation and stormwater management in %s",
	  "göra %s bättre rustat för översvämningar genom klimatanpassad planering och ett bättre "
	  "omhändertagande av dagvatten",
	  "make %s better prepared for floods through climate-adapted planning and better stormwater management",
	  "Heavy rains flood informal settlements in %s every year. Climate risks are not part of "
	  "the municipal plans, "
	  "and the people most exposed are rarely consulted.",
	  "%s is better prepared for floods and heavy rain.",
	  { { "Climate risks are part of municipal planning.",
	      "A climate adaptation plan adopted by the council.",
	      { "Climate adaptation plan adopted", "qualitative", NULL, 0, 0, "No plan",
	          "Plan adopted and budgeted" } },
	    { "Residents in flood-prone areas take part in planning.",
	      "Neighbourhood groups trained in flood preparedness.",
	      { "Residents trained in flood preparedness", "unit", "persons", 0, 400, NULL, NULL } } },
	  { 13, 11, 6 }, PR_PARTICIPATION | PR_INCLUSION, 1 },
	{ 1, "Stärkt lokal styrning och service i %s", "Strengthened local governance and service delivery in %s",
	  "stärka den lokala styrningen i %s med tydliga servicelöften och en fungerande hantering av klagomål",
	  "strengthen local governance in %s with clear service standards and working complaints handling",
	  "Residents of %s do not know what services to expect from the municipality, and complaints "
	  "often go unanswered.",
	  "Residents of %s receive better municipal services from a more responsive local government.",
	  { { "Service standards are set and followed up.",
	      "Service charters published for three departments.",
	      { "Departments with a published service charter", "unit", "departments", 0, 3, NULL, NULL } },
	    { "Complaints are handled within set times.",
	      "A complaints system in use in all departments.",
	      { "Share of complaints answered within 14 days", "percentage", "%", 20, 75, NULL, NULL } } },
	  { 16, 11, 0 }, PR_TRANSPARENCY | PR_ACCOUNTABILITY, 0 },
	{ 1, "Öppen och ansvarsfull budgetprocess i %s", "Open and accountable budgeting in %s",
	  "låta invånarna i %s delta i budgetarbetet och följa hur pengarna används",
	  "let the residents of %s take part in budgeting and follow how the money is spent",
	  "The budget of %s is prepared behind closed doors and published late, if at all; "
	  "residents cannot see how their priorities are taken into account.",
	  "Local democracy in %s is strengthened through open and accountable budgeting.",
	  { { "Residents take part in setting budget priorities.",
	      "Public budget hearings held in every ward.",
	      { "Wards holding a public budget hearing", "unit", "wards", 2, 20, NULL, NULL } },
	    { "The budget and its follow-up are published.",
	      "A citizens' budget published each year.",
	      { "Citizens' budget published", "qualitative", NULL, 0, 0, "Not published",
		"Published every year in print and online" } } },
	  { 16, 17, 10 }, PR_TRANSPARENCY | PR_ACCOUNTABILITY | PR_PARTICIPATION, 1 },
	{ 2, "Medborgardialog för bättre kommunal service i %s",
	    "Citizen dialogue for better municipal services in %s",
	  "utveckla medborgardialog i %s så att invånarna, också kvinnor och utsatta grupper, kan "
	  "påverka den kommunala servicen",
	  "develop citizen dialogue in %s so that residents, women and vulnerable groups included, "
	  "influence municipal services",
	  "Public participation is required by law in %s, but meetings are few, poorly announced and "
	  "dominated by men.",
	  "Citizens of %s influence the municipal services that affect their daily lives.",
	  { { "The municipality has working methods for citizen dialogue.",
	      "A citizen dialogue model adopted by the council.",
	      { "Citizen dialogues held following the model", "unit", "dialogues", 0, 12, NULL, NULL } },
	    { "Women and vulnerable groups take part in the dialogues.",
	      "Targeted invitations and accessible venues for every dialogue.",
	      { "Share of women among dialogue participants", "percentage", "%", 25, 50, NULL, NULL } } },
	  { 16, 10, 5 }, PR_PARTICIPATION | PR_INCLUSION, 1 },
	{ 2, "Ungas inflytande i lokala beslut i %s", "Youth participation in local decision-making in %s",
	  "ge unga i %s en verklig röst i de lokala besluten genom ett ungdomsråd med tydligt mandat",
	  "give young people in %s a real say in local decisions through a youth council with a clear mandate",
	  "More than half of the population of %s is under 25, yet young people are absent from "
	  "local decision-making.",
	  "Young people in %s have a real say in local decisions.",
	  { { "A youth council advises the municipal council.",
	      "Youth council established and meeting regularly.",
	      { "Youth council meetings held", "unit", "meetings", 0, 10, NULL, NULL } },
	    { "Youth proposals are considered by the council.",
	      "Procedure for youth proposals adopted.",
	      { "Youth proposals answered by the council", "unit", "proposals", 0, 15, NULL, NULL } } },
	  { 16, 4, 10 }, PR_PARTICIPATION | PR_INCLUSION, 1 },
	{ 4, "Inkluderande äldreomsorg i %s", "Inclusive care for older people in %s",
	  "utveckla en rättighetsbaserad omsorg om äldre i %s där de äldre själva är med och formar stödet",
	  "develop rights-based care for older people in %s, shaped together with older people themselves",
	  "Older people in %s increasingly live alone as younger relatives move away; "
	  "the municipality has no home care and no register of those in need.",
	  "Older people in %s live safer and more independent lives.",
	  { { "Home care reaches the most vulnerable older people.",
	      "Home care routines developed with users' participation.",
	      { "Older people receiving home care visits", "unit", "persons", 40, 250, NULL, NULL } },
	    { "Staff are trained in rights-based care.",
	      "Care staff complete the training programme.",
	      { "Care staff trained", "unit", "persons", 0, 60, NULL, NULL } } },
	  { 3, 10, 0 }, PR_INCLUSION | PR_ACCOUNTABILITY, 0 },
	{ 4, "Barn med funktionsnedsättning i skolan i %s",
	    "Inclusive schooling for children with disabilities in %s",
	  "göra skolorna i %s tillgängliga så att barn med funktionsnedsättning kan gå i skolan på lika villkor",
	  "make the schools of %s accessible so that children with disabilities can go to school on equal terms",
	  "Most children with disabilities in %s do not attend school; buildings are inaccessible "
	  "and families are not reached.",
	  "Children with disabilities in %s go to school on equal terms.",
	  { { "Schools are accessible.",
	      "Accessibility assessed and improved in pilot schools.",
	      { "Pilot schools meeting the accessibility checklist", "unit", "schools", 0, 8, NULL, NULL } },
	    { "Children with disabilities attend school.",
	      "Families reached through outreach.",
	      { "Children with disabilities enrolled in pilot schools", "unit", "children", 35, 120, NULL, NULL } } },
	  { 4, 10, 0 }, PR_INCLUSION | PR_PARTICIPATION, 0 },
	{ 7, "Kvinnors deltagande i lokalpolitiken i %s", "Women's participation in local politics in %s",
	  "stärka kvinnors deltagande i lokalpolitiken i %s genom mentorskap och jämställdhetsanalys av besluten",
	  "strengthen women's participation in the local politics of %s through mentoring and gender "
	  "analysis of decisions",
	  "Women hold less than a fifth of the council seats in %s and rarely chair committees.",
	  "Women in %s take part in local politics on equal terms with men.",
	  { { "Women councillors are supported in their roles.",
	      "Mentoring programme for women councillors.",
	      { "Women councillors in the mentoring programme", "unit", "persons", 0, 20, NULL, NULL } },
	    { "Council procedures are gender-aware.",
	      "Gender impact assessment used in decisions.",
	      { "Share of council decisions with a gender impact assessment", "percentage", "%", 0,
	          50, NULL, NULL } } },
	  { 5, 16, 10 }, PR_INCLUSION | PR_PARTICIPATION, 1 },
	{ 5, "Hållbar samhällsplanering i %s", "Sustainable urban planning in %s",
	  "planera den växande staden %s tillsammans med invånarna och göra planerna tillgängliga för alla",
	  "plan the growing town of %s together with its residents and make the plans available to all",
	  "%s grows by several thousand residents a year, mostly in unplanned settlements without water or roads.",
	  "%s grows in a planned, inclusive and sustainable way.",
	  { { "Land use planning involves residents.",
	      "Participatory planning process for one district.",
	      { "Residents taking part in planning consultations", "unit", "persons", 0, 600, NULL, NULL } },
	    { "Plans are available to the public.",
	      "Digital planning map published.",
	      { "Planning map published online", "qualitative", NULL, 0, 0, "Paper maps only",
		"Public digital map updated every quarter" } } },
	  { 11, 6, 0 }, PR_PARTICIPATION | PR_TRANSPARENCY, 1 },
};
#define NVARIANTS	(sizeof(variants) / sizeof(variants[0]))

/*
 * The summaries in the partner's language: lead (%s is the place's local name), the variant's aim (a verb
 * phrase whose subject is the partners), end, and the closing sentence.
 */
struct local_summary {
	const char	*lead;
	const char	*aims[NVARIANTS];
	const char	*end;
	const char	*closing;
};

static const struct local_summary local_summaries[L__MAX] = {
	[L_SW] = { "%s: serikali ya mtaa na mshirika wake wa Uswidi ", {
		"wanaendeleza usimamizi wa taka unaohusisha utenganishaji wa taka nyumbani na urejelezaji, "
		"huku wakazi wakishiriki kuupanga",
		"wanaandaa mipango inayozingatia mabadiliko ya tabianchi ili kukabiliana vyema na mafuriko na "
		"maji ya mvua",
		"wanaimarisha utawala wa ndani ili huduma za umma ziwafikie wakazi wote kwa usawa",
		"wanaweka bajeti wazi ili wakazi waone jinsi fedha za umma zinavyotumika na kutoa maoni yao",
		"wanaanzisha mazungumzo ya mara kwa mara na wananchi ili kuboresha huduma za umma",
		"wanawapa vijana nafasi ya kushiriki katika maamuzi ya ndani kupitia baraza la vijana",
		"wanaendeleza huduma jumuishi kwa wazee, zinazopangwa pamoja na wazee wenyewe",
		"wanahakikisha kwamba watoto wenye ulemavu wanasoma katika shule za kawaida pamoja na wenzao",
		"wanaongeza ushiriki wa wanawake katika siasa za ndani na katika nafasi za uongozi",
		"wanapanga ukuaji wa mji pamoja na wakazi wake na kuweka mipango wazi kwa wote" },
	  ". ", "Wanasiasa wa chama tawala na wa upinzani wanashiriki pamoja na watumishi wa umma wa pande zote mbili." },
	[L_ZH] = { "%s与瑞典伙伴城市合作，", {
		"建立居民共同参与的垃圾源头分类和回收体系",
		"将气候风险纳入城市规划，改进雨水管理，提高防洪能力",
		"加强地方治理，使公共服务平等惠及全体居民",
		"公开预算编制过程，让居民了解公共资金的用途并提出意见",
		"与市民开展定期对话，改善市政服务",
		"通过青年议事会让年轻人参与地方决策",
		"与老年人共同规划，发展包容性养老服务",
		"让残疾儿童与同龄人一起在普通学校就读",
		"提高妇女在地方政治和领导岗位中的参与度",
		"与居民共同规划城市发展，并向所有人公开规划" },
	  "。", "执政党和反对党的政治人物与双方的公务员共同参与。" },
	[L_SQ] = { "%s: komuna dhe partneri i saj suedez ", {
		"zhvillojnë menaxhimin e mbeturinave me ndarje në burim dhe riciklim, duke i përfshirë banorët "
		"në planifikim",
		"përfshijnë rreziqet klimatike në planifikimin komunal dhe përmirësojnë menaxhimin e ujërave "
		"të shiut kundër përmbytjeve",
		"forcojnë qeverisjen vendore që shërbimet publike të arrijnë njëlloj te të gjithë banorët",
		"e bëjnë buxhetin të hapur, që banorët të shohin si përdoren paratë publike dhe të japin mendimin e tyre",
		"zhvillojnë dialog të rregullt me qytetarët për shërbime më të mira komunale",
		"u japin të rinjve zë në vendimmarrjen vendore përmes një këshilli të të rinjve",
		"zhvillojnë kujdes gjithëpërfshirës për të moshuarit, të planifikuar së bashku me ta",
		"sigurojnë që fëmijët me aftësi të kufizuara të mësojnë në shkolla të rregullta bashkë me moshatarët",
		"rrisin pjesëmarrjen e grave në politikën vendore dhe në pozita drejtuese",
		"planifikojnë rritjen e qytetit së bashku me banorët dhe i bëjnë planet të qasshme për të gjithë" },
	  ". ", "Politikanë nga shumica dhe opozita marrin pjesë së bashku me nëpunës civilë nga të dyja palët." },
	[L_BS] = { "%s: lokalna uprava i njen švedski partner ", {
		"razvijaju upravljanje otpadom s razvrstavanjem na izvoru i recikliranjem, uz učešće građana u planiranju",
		"uključuju klimatske rizike u općinsko planiranje i poboljšavaju upravljanje oborinskim vodama",
		"jačaju lokalnu upravu kako bi javne usluge jednako dostigle sve građane",
		"otvaraju budžetski proces kako bi građani vidjeli kako se troši javni novac i dali svoje mišljenje",
		"vode redovan dijalog s građanima za bolje komunalne usluge",
		"daju mladima glas u lokalnom odlučivanju kroz vijeće mladih",
		"razvijaju inkluzivnu brigu o starijim osobama, planiranu zajedno s njima",
		"omogućavaju djeci s invaliditetom da se školuju u redovnim školama zajedno s vršnjacima",
		"povećavaju učešće žena u lokalnoj politici i na rukovodećim mjestima",
		"planiraju rast grada zajedno s građanima i čine planove dostupnim svima" },
	  ". ", "Političari vlasti i opozicije učestvuju zajedno sa službenicima obje strane." },
	[L_SR] = { "%s: lokalna samouprava i njen švedski partner ", {
		"razvijaju upravljanje otpadom sa razvrstavanjem na izvoru i recikliranjem, uz učešće građana u planiranju",
		"uključuju klimatske rizike u opštinsko planiranje i unapređuju upravljanje atmosferskim vodama",
		"jačaju lokalnu samoupravu kako bi javne usluge podjednako stigle do svih građana",
		"otvaraju budžetski proces kako bi građani videli kako se troši javni novac i dali svoje mišljenje",
		"vode redovan dijalog sa građanima za bolje komunalne usluge",
		"daju mladima glas u lokalnom odlučivanju kroz savet mladih",
		"razvijaju inkluzivnu brigu o starijim osobama, planiranu zajedno sa njima",
		"omogućavaju deci sa invaliditetom da se školuju u redovnim školama zajedno sa vršnjacima",
		"povećavaju učešće žena u lokalnoj politici i na rukovodećim mestima",
		"planiraju rast grada zajedno sa građanima i čine planove dostupnim svima" },
	  ". ", "Političari vlasti i opozicije učestvuju zajedno sa službenicima obe strane." },
	[L_UK] = { "%s: громада та її шведський партнер ", {
		"розвивають управління відходами із сортуванням на місці утворення та переробкою, залучаючи "
		"мешканців до планування",
		"враховують кліматичні ризики в місцевому плануванні та покращують управління дощовими водами",
		"зміцнюють місцеве самоврядування, щоб публічні послуги однаково доходили до всіх мешканців",
		"відкривають бюджетний процес, щоб мешканці бачили, як витрачаються публічні кошти, і висловлювали "
		"свою думку",
		"ведуть регулярний діалог з громадянами для кращих комунальних послуг",
		"дають молоді голос у місцевих рішеннях через молодіжну раду",
		"розвивають інклюзивний догляд за людьми похилого віку, спланований разом із ними",
		"забезпечують, щоб діти з інвалідністю навчалися у звичайних школах разом з однолітками",
		"збільшують участь жінок у місцевій політиці та на керівних посадах",
		"планують розвиток міста разом з мешканцями та роблять плани доступними для всіх" },
	  ". ", "Політики від більшості та опозиції беруть участь разом із посадовцями обох сторін." },
	[L_ES] = { "%s: el municipio y su socio sueco ", {
		"desarrollan una gestión de residuos con separación en origen y reciclaje, con la participación "
		"de los vecinos en su planificación",
		"incorporan los riesgos climáticos a la planificación municipal y mejoran la gestión de las aguas pluviales",
		"fortalecen el gobierno local para que los servicios públicos lleguen por igual a toda la población",
		"abren el proceso presupuestario para que la ciudadanía vea cómo se usa el dinero público y dé su opinión",
		"mantienen un diálogo regular con la ciudadanía para mejorar los servicios municipales",
		"dan voz a los jóvenes en las decisiones locales a través de un consejo juvenil",
		"desarrollan una atención inclusiva a las personas mayores, planificada junto con ellas",
		"garantizan que los niños y niñas con discapacidad estudien en escuelas ordinarias junto a sus compañeros",
		"aumentan la participación de las mujeres en la política local y en los cargos de dirección",
		"planifican el crecimiento de la ciudad junto con sus habitantes y ponen los planes al alcance de todos" },
	  ". ", "Políticos de la mayoría y de la oposición participan junto con funcionarios de ambas partes." },
};

/* The titles in the partner's language, by variant; %s is the place's local name. NULL row: English. */
static const char *const local_titles[L__MAX][NVARIANTS] = {
	[L_SW] = {
		"Usimamizi endelevu wa taka katika %s",
		"Kukabiliana na mabadiliko ya tabianchi na maji ya mvua katika %s",
		"Kuimarisha utawala wa ndani na utoaji wa huduma katika %s",
		"Bajeti ya wazi na uwajibikaji katika %s",
		"Mazungumzo na wananchi kwa huduma bora za umma katika %s",
		"Ushiriki wa vijana katika maamuzi ya ndani katika %s",
		"Huduma jumuishi kwa wazee katika %s",
		"Elimu jumuishi kwa watoto wenye ulemavu katika %s",
		"Ushiriki wa wanawake katika siasa za ndani katika %s",
		"Mipango endelevu ya miji katika %s",
	},
	[L_ZH] = {
		"%s可持续废物管理",
		"%s气候适应与雨水管理",
		"%s加强地方治理与公共服务",
		"%s公开透明的预算编制",
		"%s公民对话促进市政服务改善",
		"%s青年参与地方决策",
		"%s包容性养老服务",
		"%s残疾儿童融合教育",
		"%s妇女参与地方政治",
		"%s可持续城市规划",
	},
	[L_SQ] = {
		"Menaxhimi i qëndrueshëm i mbeturinave në %s",
		"Përshtatja ndaj ndryshimeve klimatike dhe menaxhimi i ujërave të shiut në %s",
		"Forcimi i qeverisjes vendore dhe i shërbimeve në %s",
		"Buxhetim i hapur dhe llogaridhënës në %s",
		"Dialogu me qytetarët për shërbime më të mira komunale në %s",
		"Pjesëmarrja e të rinjve në vendimmarrjen vendore në %s",
		"Kujdes gjithëpërfshirës për të moshuarit në %s",
		"Arsim gjithëpërfshirës për fëmijët me aftësi të kufizuara në %s",
		"Pjesëmarrja e grave në politikën vendore në %s",
		"Planifikim i qëndrueshëm urban në %s",
	},
	[L_BS] = {
		"Održivo upravljanje otpadom – %s",
		"Prilagođavanje klimatskim promjenama i upravljanje oborinskim vodama – %s",
		"Jačanje lokalne uprave i javnih usluga – %s",
		"Otvoren i odgovoran budžet – %s",
		"Dijalog s građanima za bolje komunalne usluge – %s",
		"Učešće mladih u lokalnom odlučivanju – %s",
		"Inkluzivna briga o starijim osobama – %s",
		"Inkluzivno obrazovanje za djecu s invaliditetom – %s",
		"Učešće žena u lokalnoj politici – %s",
		"Održivo urbano planiranje – %s",
	},
	[L_SR] = {
		"Održivo upravljanje otpadom – %s",
		"Prilagođavanje klimatskim promenama i upravljanje atmosferskim vodama – %s",
		"Jačanje lokalne samouprave i javnih usluga – %s",
		"Otvoren i odgovoran budžet – %s",
		"Dijalog sa građanima za bolje komunalne usluge – %s",
		"Učešće mladih u lokalnom odlučivanju – %s",
		"Inkluzivna briga o starijim osobama – %s",
		"Inkluzivno obrazovanje za decu sa invaliditetom – %s",
		"Učešće žena u lokalnoj politici – %s",
		"Održivo urbano planiranje – %s",
	},
	[L_UK] = {
		"Стале управління відходами – %s",
		"Адаптація до зміни клімату та управління дощовими водами – %s",
		"Зміцнення місцевого самоврядування та послуг – %s",
		"Відкритий і підзвітний бюджет – %s",
		"Діалог з громадянами для кращих комунальних послуг – %s",
		"Участь молоді в ухваленні місцевих рішень – %s",
		"Інклюзивний догляд за людьми похилого віку – %s",
		"Інклюзивна освіта для дітей з інвалідністю – %s",
		"Участь жінок у місцевій політиці – %s",
		"Стале міське планування – %s",
	},
	[L_ES] = {
		"Gestión sostenible de residuos en %s",
		"Adaptación al cambio climático y gestión de aguas pluviales en %s",
		"Fortalecimiento de la gobernanza local y los servicios en %s",
		"Presupuesto abierto y rendición de cuentas en %s",
		"Diálogo ciudadano para mejores servicios municipales en %s",
		"Participación juvenil en las decisiones locales en %s",
		"Atención inclusiva a las personas mayores en %s",
		"Educación inclusiva para niños con discapacidad en %s",
		"Participación de las mujeres en la política local en %s",
		"Planificación urbana sostenible en %s",
	},
};

/* Given names (women first, then men, equally many) and family names of each pool. */
struct pool {
	const char	*given[12];
	const char	*family[8];
	int		 family_first;
};

static const struct pool swedes = {
	{ "Anna", "Maria", "Karin", "Eva", "Sara", "Elin", "Erik", "Lars", "Johan", "Magnus", "Jonas", "Henrik" },
	{ "Andersson", "Lindqvist", "Nilsson", "Eriksson", "Åberg", "Holm", "Öberg", "Sandberg" }, 0
};

static const struct pool pools[PP__MAX] = {
	[PP_EAST_AFRICA] = {
		{ "Achieng", "Wanjiru", "Njeri", "Nakato", "Amina", "Neema",
		  "Otieno", "Kamau", "Mwangi", "Okello", "Baraka", "Juma" },
		{ "Ochieng", "Kiprono", "Mutua", "Wafula", "Kariuki", "Mushi", "Namukasa", "Odhiambo" }, 0 },
	[PP_SOUTHERN_AFRICA] = {
		{ "Naledi", "Lerato", "Thandiwe", "Boitumelo", "Chipo", "Nomsa",
		  "Thabo", "Sipho", "Tebogo", "Kabelo", "Tinashe", "Themba" },
		{ "Molefe", "Dlamini", "Nkosi", "Mosweu", "Banda", "Phiri", "Moyo", "Ndlovu" }, 0 },
	[PP_CHINA] = {
		{ "Fang", "Jing", "Min", "Yan", "Xia", "Hui", "Wei", "Lei", "Qiang", "Ming", "Jun", "Tao" },
		{ "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang" }, 1 },
	[PP_ALBANIAN] = {
		{ "Drita", "Blerta", "Arta", "Vjosa", "Teuta", "Liridona",
		  "Arben", "Luan", "Besnik", "Driton", "Agron", "Fatmir" },
		{ "Krasniqi", "Berisha", "Gashi", "Hoxha", "Shala", "Morina", "Rexhepi", "Kelmendi" }, 0 },
	[PP_BCS] = {
		{ "Amra", "Jelena", "Milica", "Selma", "Ivana", "Lejla",
		  "Nikola", "Emir", "Marko", "Adnan", "Dragan", "Haris" },
		{ "Hadžić", "Petrović", "Jovanović", "Mehmedović", "Kovačević", "Marković", "Begić", "Nikolić" }, 0 },
	[PP_UKRAINE] = {
		{ "Olena", "Iryna", "Natalia", "Oksana", "Yulia", "Tetiana",
		  "Andriy", "Oleksandr", "Taras", "Dmytro", "Serhiy", "Bohdan" },
		{ "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Shevchuk",
		  "Savchenko", "Moroz" }, 0 },
	[PP_LATAM] = {
		{ "María", "Ana", "Lucía", "Carmen", "Paola", "Sofía",
		  "Carlos", "José", "Luis", "Andrés", "Jorge", "Diego" },
		{ "Hernández", "Gómez", "López", "Martínez", "Rodríguez", "Pérez", "García", "Castillo" }, 0 },
};

static const char *const civil_sv[] = {
	"Planeringschef", "Miljöstrateg", "Ekonomichef", "Socialchef", "Internationell samordnare",
	"Utvecklingsledare", "Kommunikatör", "Verksamhetschef",
};

static const char *const civil_en[] = {
	"Director of Planning", "Environment Officer", "Chief Finance Officer", "Social Services Officer",
	"Public Participation Officer", "Director of Administration", "Communications Officer", "Youth Officer",
};

static const char *const categories[] = {
	"travel", "accommodation", "meetings", "consultants", "translation", "other",
};
#define NCATEGORIES	(sizeof(categories) / sizeof(categories[0]))
_Static_assert(NCATEGORIES == REIMBURSE_CATEGORIES, "the demo's categories are the application's");

static const char *const delay_reasons[] = {
	"the local elections", "the rainy season", "a change of municipal director", "delayed visas",
};

static const char *const lessons[] = {
	"Involving the opposition from the start has made the decisions more durable.",
	"Short follow-up calls between the visits kept the work going better than long reports.",
	"Residents came in far greater numbers when meetings were held in the wards rather than at the town hall.",
	"Pairing each civil servant with a counterpart made the exchange concrete and personal.",
};

enum ptype { PT_INCEPTION, PT_PROJECT, PT_THREE };

static const char *const ptype_names[] = { "inception", "project", "three_party" };

enum astatus { AS_DRAFT, AS_SUBMITTED, AS_REVIEW, AS_APPROVED, AS_REJECTED, AS_WITHDRAWN };

static const char *const astatus_names[] = {
	"draft", "submitted", "under_review", "approved", "rejected", "withdrawn",
};

/* Project fates that do not follow from the dates alone. */
enum special { SP_NONE, SP_CANCELLED, SP_WITHHELD, SP_RETURNED };

/* One application of the data set, and what became of it. */
struct plan {
	int		 year;		/* round year */
	int		 member;	/* index in members[] */
	int		 p1, p2;	/* indexes in partners[]; p2 -1 unless three-party */
	int		 variant;
	enum ptype	 type;
	int		 years;		/* 0: the generator chooses */
	enum astatus	 status;
	int		 follows;	/* index in the plans of the inception continued, -1 */
	enum special	 special;
	unsigned	 app_id;	/* filled in as loaded */
	unsigned	 project_id;
};

/*
 * The 32 projects of 2016: member, partner (same index in partners[]), variant, follows an inception, years
 * (0: drawn). Borlänge's second is a one-year project, whose only progress report is its last year's.
 */
static const struct {
	int	 member;
	int	 variant;
	int	 inception;
	int	 years;
} plan2016[32] = {
	{ 0, 0, 1, 0 }, { 1, 2, 1, 0 }, { 4, 4, 0, 0 }, { 6, 1, 1, 0 }, { 8, 6, 0, 0 }, { 16, 6, 0, 0 }, { 20, 3, 0, 0 },
	{ 15, 0, 0, 0 }, { 10, 1, 0, 0 }, { 11, 9, 0, 0 }, { 14, 0, 0, 0 }, { 18, 7, 0, 0 }, { 9, 5, 0, 0 }, { 8, 9, 1, 0 },
	{ 1, 2, 0, 0 }, { 2, 2, 0, 0 }, { 7, 4, 0, 0 }, { 12, 3, 0, 0 }, { 14, 1, 1, 0 }, { 3, 6, 0, 0 }, { 4, 0, 0, 0 },
	{ 0, 4, 0, 1 }, { 3, 5, 0, 0 }, { 15, 8, 0, 0 }, { 17, 7, 0, 0 }, { 11, 2, 1, 0 }, { 9, 4, 0, 0 }, { 19, 6, 1, 0 },
	{ 17, 3, 0, 0 }, { 6, 8, 0, 0 }, { 5, 2, 1, 0 }, { 13, 5, 0, 0 },
};

#define MAXPLANS	256
#define MAXPARAMS	48
#define FIRST_YEAR	2013	/* the rounds: 2013-2016 and the open call of 2017 */
#define NYEARS		(2017 - FIRST_YEAR + 1)

/* What the summary line counts. */
enum { C_PROJECTS, C_REPORTS, C_DISBURSEMENTS, C_APPLICATIONS, C_USERS, C__MAX };

enum st {
	S_ORG, S_USER, S_ROUND, S_RULE, S_APP, S_COAPP, S_PARTNER, S_SDG, S_OBJ, S_RES, S_IND, S_TEAM,
	S_AYEAR, S_ALINE, S_REVIEW, S_DECISION, S_PROJECT, S_PYEAR, S_PLINE, S_SEQ, S_REPORT,
	S_REVISION, S_FIN, S_INDVAL, S_DISB, S_FUNDS, S_AUDIT, S_PSTATUS, S__MAX
};

static const char *const sqls[S__MAX] = {
	[S_ORG] = "INSERT INTO organisations (side, kind, name, name_local, local_lang, org_number,"
	    " country_code, lat, lng, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
	[S_USER] = "INSERT INTO users (email, password_hash, name, role, org_id, lang, created_at, updated_at)"
	    " VALUES (?,?,?,?,?,?,?,?)",
	[S_ROUND] = "INSERT INTO rounds (year, name_sv, name_en, opens_on, closes_on, inception_all_year,"
	    " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
	[S_RULE] = "INSERT INTO round_rules (round_id, project_type, min_years, max_years, min_amount,"
	    " max_amount_africa, max_amount_asia, max_amount_europe, max_amount_latin_america,"
	    " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
	[S_APP] = "INSERT INTO applications (round_id, project_type, applicant_org_id, country_code,"
	    " thematic_area_id, follows_project_id, title_sv, title_en, title_local, title_local_lang,"
	    " summary_sv, summary_en, summary_local, background, overall_objective, principle_inclusion,"
	    " principle_participation, principle_transparency, principle_accountability, target_groups,"
	    " citizen_dialogue, citizen_dialogue_text, vulnerable_groups_text, gender_text, duration_years,"
	    " planned_start, contact_name, contact_email, contact_phone, status, done_basics, done_partners,"
	    " done_description, done_focus, done_results, done_team, done_budget, done_contact, created_by,"
	    " submitted_at, submitted_by, withdrawn_at, created_at, updated_at)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	[S_COAPP] = "INSERT INTO application_coapplicants (application_id, org_id) VALUES (?,?)",
	[S_PARTNER] = "INSERT INTO application_partners (application_id, position, org_id) VALUES (?,?,?)",
	[S_SDG] = "INSERT INTO application_sdgs (application_id, goal) VALUES (?,?)",
	[S_OBJ] = "INSERT INTO objectives (application_id, position, description) VALUES (?,?,?)",
	[S_RES] = "INSERT INTO expected_results (objective_id, position, description) VALUES (?,?,?)",
	[S_IND] = "INSERT INTO indicators (result_id, position, name, measure, unit, baseline_value,"
	    " baseline_year, baseline_text, target_value, target_text) VALUES (?,?,?,?,?,?,?,?,?,?)",
	[S_TEAM] = "INSERT INTO team_members (application_id, side, org_id, name, role, position, gender)"
	    " VALUES (?,?,?,?,?,?,?)",
	[S_AYEAR] = "INSERT INTO application_years (application_id, year, amount) VALUES (?,?,?)",
	[S_ALINE] = "INSERT INTO application_budget_lines (application_id, year, category, amount) VALUES (?,?,?,?)",
	[S_REVIEW] = "INSERT INTO reviews (application_id, reviewer_id, score_relevance, comment_relevance,"
	    " score_feasibility, comment_feasibility, score_ownership, comment_ownership, score_gender,"
	    " comment_gender, score_budget, comment_budget, recommendation, summary, completed_at, created_at,"
	    " updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	[S_DECISION] = "INSERT INTO decisions (application_id, outcome, reason_sv, reason_en, decided_by,"
	    " decided_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
	[S_PROJECT] = "INSERT INTO projects (code, application_id, status, planned_start, planned_end,"
	    " actual_start, actual_end, follows_project_id, gender_marker, withheld, withheld_reason,"
	    " cancelled_reason, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	[S_PYEAR] = "INSERT INTO project_years (project_id, year, starts_on, ends_on, amount, created_at,"
	    " updated_at) VALUES (?,?,?,?,?,?,?)",
	[S_PLINE] = "INSERT INTO project_budget_lines (project_id, year, category, amount) VALUES (?,?,?,?)",
	[S_SEQ] = "INSERT INTO project_id_sequences (year, last_number) VALUES (?,?)",
	[S_REPORT] = "INSERT INTO reports (project_id, kind, project_year, due_on, revise_by, status, activities,"
	    " results, deviations, lessons, participation, admin_comment, revision, submitted_at, submitted_by,"
	    " decided_at, decided_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	[S_REVISION] = "INSERT INTO report_revisions (report_id, revision, submitted_at, submitted_by, activities,"
	    " results, deviations, lessons, participation, financial_json, indicators_json, outcome,"
	    " admin_comment, decided_at, decided_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	[S_FIN] = "INSERT INTO report_financial_lines (report_id, category, actual_amount, variance_explanation)"
	    " VALUES (?,?,?,?)",
	[S_INDVAL] = "INSERT INTO indicator_values (report_id, indicator_id, actual_value, actual_text)"
	    " VALUES (?,?,?,?)",
	[S_DISB] = "INSERT INTO disbursements (project_id, report_id, amount, paid_on, note, recorded_by,"
	    " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
	[S_FUNDS] = "INSERT INTO incoming_funds (project_id, received_on, amount, note, recorded_by, created_at,"
	    " updated_at) VALUES (?,?,?,?,?,?,?)",
	[S_AUDIT] = "INSERT INTO audit_log (at, user_id, ip, action, entity, entity_id, before_json, after_json)"
	    " VALUES (?,?,?,?,?,?,?,?)",
	[S_PSTATUS] = "UPDATE projects SET status = ?, actual_end = ?, version = version + 1, updated_at = ?"
	    " WHERE id = ?",
};

/* An audit entry, kept until the end so the log is written in the order things happened. */
struct audit {
	char		 at[32];
	unsigned	 user;
	int		 admin;
	const char	*action;
	const char	*entity;
	unsigned	 id;
	char		 before[160];
	char		 after[160];
	size_t		 seq;
};

/* An indicator as loaded, for the values reports give. */
struct lind {
	unsigned	 id;
	const struct ind *ind;
};

struct demo {
	struct dbop	*o;
	uint64_t	 rng;
	char		*err;
	size_t		 errlen;
	enum kerr	 e;		/* first error; every later statement is skipped */
	unsigned long long id;		/* insert id of the last statement */
	/* values for the next statement */
	struct dbval	 v[MAXPARAMS];
	size_t		 np;
	char		 pwhash[crypto_pwhash_STRBYTES];
	long		 story;		/* the story date as a day number */
	unsigned	 member_org[NMEMBERS];
	unsigned	 member_user[NMEMBERS];
	unsigned	 partner_org[NPARTNERS];
	unsigned	 admin, reviewer;
	unsigned	 round_id[NYEARS];	/* by year - FIRST_YEAR */
	unsigned	 seq[NYEARS];		/* project numbers handed out, by year - FIRST_YEAR */
	struct plan	 plans[MAXPLANS];
	size_t		 nplans;
	struct audit	*audit;
	size_t		 naudit, capaudit;
	unsigned	 counts[C__MAX];	/* for the summary line */
};

/* splitmix64: a fixed-seed generator, so that every load gives the same data. */
static uint64_t
next64(struct demo *d)
{
	uint64_t z = (d->rng += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/* A number from lo to hi inclusive. */
static long
rnd(struct demo *d, long lo, long hi)
{
	return lo + (long)(next64(d) % (uint64_t)(hi - lo + 1));
}

/* The same day of the month, years later (all project dates are on the 1st). */
static long
add_years(long day, int n)
{
	struct ymd t = calendar_add_years(calendar_date(day), n);

	return (long)calendar_day(t.y, t.m, t.d);
}

/* The last day of the month that is months after day's month. */
static long
month_end_after(long day, int months)
{
	struct ymd t = calendar_month_end_after(calendar_date(day), months);

	return (long)calendar_day(t.y, t.m, t.d);
}

static char *
day_iso(char buf[16], long day)
{
	struct ymd t = calendar_date(day);

	snprintf(buf, 16, "%04d-%02d-%02d", t.y, t.m, t.d);
	return buf;
}

static char *
day_stamp(char buf[32], long day, int minutes)
{
	struct ymd t = calendar_date(day);

	snprintf(buf, 32, "%04d-%02d-%02d %02d:%02d:00", t.y, t.m, t.d, minutes / 60 % 24, minutes % 60);
	return buf;
}

/* A working-hours time of day, in minutes. */
static int
office_minutes(struct demo *d)
{
	return (int)rnd(d, 7 * 60, 15 * 60);
}

static void	demo_fail(struct demo *d, enum kerr e, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));

static void
demo_fail(struct demo *d, enum kerr e, const char *fmt, ...)
{
	va_list ap;

	if (d->e != KERR_OK)
		return;
	d->e = e;
	if (d->errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(d->err, d->errlen, fmt, ap);
		va_end(ap);
	}
}

/* Records e, a failure of the operator's connection doing what. */
static void
demo_db_fail(struct demo *d, enum kerr e, const char *what)
{
	demo_fail(d, e, "%s: %s", what, dbop_error(d->o));
}

/* The next value to bind, NULL unless set otherwise. */
static struct dbval *
next_bind(struct demo *d)
{
	struct dbval *v;

	if (d->np == MAXPARAMS) {
		demo_fail(d, KERR_SYSTEM, "demo: more than %d values for one statement", MAXPARAMS);
		return NULL;
	}
	v = &d->v[d->np++];
	v->kind = DBV_NULL;
	return v;
}

/* Binds the next value: an integer. */
static void
bind_int(struct demo *d, long long i)
{
	struct dbval *v;

	if ((v = next_bind(d)) == NULL)
		return;
	v->kind = DBV_INT;
	v->i = i;
}

/* Binds the next value: a row id, 0 meaning NULL. */
static void
bind_id(struct demo *d, unsigned long long id)
{
	if (id != 0)
		bind_int(d, (long long)id);
	else
		next_bind(d);
}

/* Binds the next value: a string that lives until execute(), NULL meaning NULL. */
static void
bind_str(struct demo *d, const char *s)
{
	struct dbval *v;

	if ((v = next_bind(d)) == NULL || s == NULL)
		return;
	v->kind = DBV_TEXT;
	v->s = s;
}

/* Runs statement s with the values bound since the last call; its insert id goes to d->id. */
static void
execute(struct demo *d, enum st s)
{
	size_t np = d->np;
	enum kerr e;

	d->np = 0;
	d->id = 0;
	if (d->e != KERR_OK)
		return;
	if ((e = dbop_exec(d->o, sqls[s], d->v, np, &d->id)) != KERR_OK)
		demo_db_fail(d, e, sqls[s]);
}

static void
audit(struct demo *d, const char *at, unsigned user, int admin, const char *action, const char *entity,
    unsigned id, const char *before, const char *after)
{
	struct audit *a;

	if (d->naudit == d->capaudit) {
		size_t cap = d->capaudit ? d->capaudit * 2 : 1024;

		if ((a = realloc(d->audit, cap * sizeof(*a))) == NULL) {
			demo_fail(d, KERR_NOMEM, "demo: out of memory");
			return;
		}
		d->audit = a;
		d->capaudit = cap;
	}
	a = &d->audit[d->naudit];
	snprintf(a->at, sizeof(a->at), "%s", at);
	a->user = user;
	a->admin = admin;
	a->action = action;
	a->entity = entity;
	a->id = id;
	snprintf(a->before, sizeof(a->before), "%s", before != NULL ? before : "");
	snprintf(a->after, sizeof(a->after), "%s", after != NULL ? after : "");
	a->seq = d->naudit++;
}

static int
cmp_audit(const void *x, const void *y)
{
	const struct audit *a = x, *b = y;
	int c = strcmp(a->at, b->at);

	if (c != 0)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void
write_audit(struct demo *d)
{
	char ip[16];
	size_t i;

	if (d->naudit > 1)
		qsort(d->audit, d->naudit, sizeof(*d->audit), cmp_audit);
	for (i = 0; i < d->naudit && d->e == KERR_OK; i++) {
		const struct audit *a = &d->audit[i];

		/* Documentation addresses (RFC 5737): ICLD's office, and the members'. */
		if (a->admin)
			snprintf(ip, sizeof(ip), "192.0.2.10");
		else
			snprintf(ip, sizeof(ip), "198.51.100.%u", 1 + a->user % 250);
		bind_str(d, a->at);
		bind_id(d, a->user);
		bind_str(d, ip);
		bind_str(d, a->action);
		bind_str(d, a->entity);
		bind_id(d, a->id);
		bind_str(d, a->before[0] != '\0' ? a->before : NULL);
		bind_str(d, a->after[0] != '\0' ? a->after : NULL);
		execute(d, S_AUDIT);
	}
}

/* "Borlänge" -> "borlange": the mail name of a member (å, ä -> a; ö -> o; space -> -). */
static void
slug(char *out, size_t outlen, const char *place)
{
	static const struct {
		const char	*utf8;
		char		 ascii;
	} map[] = {
		{ "å", 'a' }, { "ä", 'a' }, { "ö", 'o' }, { "Å", 'a' }, { "Ä", 'a' }, { "Ö", 'o' }, { "é", 'e' },
	};
	size_t n = 0, i;
	const char *p = place;

	while (*p != '\0' && n + 1 < outlen) {
		for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
			if (strncmp(p, map[i].utf8, strlen(map[i].utf8)) == 0)
				break;
		if (i < sizeof(map) / sizeof(map[0])) {
			out[n++] = map[i].ascii;
			p += strlen(map[i].utf8);
		} else if (*p == ' ') {
			out[n++] = '-';
			p++;
		} else {
			out[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
			p++;
		}
	}
	out[n] = '\0';
}

static void
member_email(char *out, size_t outlen, size_t i)
{
	char s[64];

	slug(s, sizeof(s), members[i].place);
	snprintf(out, outlen, "%s@%s.example", s, members[i].kind);
}

/* A person's name from a pool; even k gives a woman. */
static void
person(char *out, size_t outlen, const struct pool *p, unsigned k)
{
	const char *given = p->given[(k % 2) * 6 + (k / 2) % 6];
	const char *family = p->family[(k * 5 + k / 7) % 8];

	if (p->family_first)
		snprintf(out, outlen, "%s %s", family, given);
	else
		snprintf(out, outlen, "%s %s", given, family);
}

/* The name of member i's applicant account: a different given and family name pair for each of the 60. */
static void
member_user_name(char *out, size_t outlen, size_t i)
{
	snprintf(out, outlen, "%s %s", swedes.given[i % 12], swedes.family[(i / 12 + i * 3) % 8]);
}

/* Swedish organisationsnummer: the series of municipalities (212000-) and regions (232100-) with a Luhn digit. */
static void
org_number(char out[12], size_t i)
{
	char digits[10];
	int sum = 0, k, v;

	snprintf(digits, sizeof(digits), "%s%03zu",
	    strcmp(members[i].kind, "kommun") == 0 ? "212000" : "232100", 100 + i * 13);
	for (k = 0; k < 9; k++) {
		v = (digits[k] - '0') * (k % 2 == 0 ? 2 : 1);
		sum += v / 10 + v % 10;
	}
	snprintf(out, 12, "%.6s-%.3s%d", digits, digits + 6, (10 - sum % 10) % 10);
}

static void
load_orgs_users(struct demo *d)
{
	char num[12], email[128], name[128];
	const char *t = "2013-01-08 09:00:00";
	size_t i;

	for (i = 0; i < NMEMBERS; i++) {
		org_number(num, i);
		bind_str(d, "swedish");
		bind_str(d, members[i].kind);
		bind_str(d, members[i].name);
		bind_str(d, NULL);
		bind_str(d, NULL);
		bind_str(d, num);
		bind_str(d, NULL);
		bind_str(d, NULL);
		bind_str(d, NULL);
		bind_str(d, t);
		bind_str(d, t);
		execute(d, S_ORG);
		d->member_org[i] = (unsigned)d->id;
	}
	for (i = 0; i < NPARTNERS; i++) {
		const struct partner *p = &partners[i];

		bind_str(d, "partner");
		bind_str(d, p->kind);
		bind_str(d, p->name);
		bind_str(d, p->name_local);
		bind_str(d, lang_codes[p->lang]);
		bind_str(d, NULL);
		bind_str(d, p->cc);
		bind_str(d, p->lat);
		bind_str(d, p->lng);
		bind_str(d, t);
		bind_str(d, t);
		execute(d, S_ORG);
		d->partner_org[i] = (unsigned)d->id;
	}

	bind_str(d, "admin@icld.example");
	bind_str(d, d->pwhash);
	bind_str(d, "ICLD Programhandläggare");
	bind_str(d, "admin");
	bind_id(d, 0);
	bind_str(d, "sv");
	bind_str(d, t);
	bind_str(d, t);
	execute(d, S_USER);
	d->admin = (unsigned)d->id;
	bind_str(d, "reviewer@icld.example");
	bind_str(d, d->pwhash);
	bind_str(d, "ICLD Granskare");
	bind_str(d, "admin");
	bind_id(d, 0);
	bind_str(d, "sv");
	bind_str(d, t);
	bind_str(d, t);
	execute(d, S_USER);
	d->reviewer = (unsigned)d->id;
	bind_str(d, "sida@sida.example");
	bind_str(d, d->pwhash);
	bind_str(d, "Sida Programhandläggare");
	bind_str(d, "sida");
	bind_id(d, 0);
	bind_str(d, "sv");
	bind_str(d, t);
	bind_str(d, t);
	execute(d, S_USER);
	for (i = 0; i < NMEMBERS; i++) {
		member_email(email, sizeof(email), i);
		member_user_name(name, sizeof(name), i);
		bind_str(d, email);
		bind_str(d, d->pwhash);
		bind_str(d, name);
		bind_str(d, "applicant");
		bind_id(d, d->member_org[i]);
		/* A few use English, so both catalogues show up in the demo. */
		bind_str(d, i % 9 == 4 ? "en" : "sv");
		bind_str(d, t);
		bind_str(d, t);
		execute(d, S_USER);
		d->member_user[i] = (unsigned)d->id;
	}
	d->counts[C_USERS] = (unsigned)(NMEMBERS + 3);
}

static void
load_rounds(struct demo *d)
{
	static const int years[] = { 2013, 2014, 2015, 2016, 2017 };
	char opens[16], closes[16], created[32], sv[64], en[64];
	size_t i;

	for (i = 0; i < sizeof(years) / sizeof(years[0]); i++) {
		int y = years[i];
		long o, c;
		int k;

		/* The open call runs over the turn of the year, like ICLD's; the old ones ran one spring. */
		if (y == 2017) {
			o = calendar_day(2016, 9, 1);
			c = calendar_day(2017, 3, 31);
		} else {
			o = calendar_day(y, 1, 15);
			c = calendar_day(y, 3, 31);
		}
		snprintf(sv, sizeof(sv), "Utlysning %d", y);
		snprintf(en, sizeof(en), "Call for applications %d", y);
		day_stamp(created, o - 30, 9 * 60);
		bind_int(d, y);
		bind_str(d, sv);
		bind_str(d, en);
		bind_str(d, day_iso(opens, o));
		bind_str(d, day_iso(closes, c));
		bind_int(d, 1);
		bind_str(d, created);
		bind_str(d, created);
		execute(d, S_ROUND);
		d->round_id[y - FIRST_YEAR] = (unsigned)d->id;
		/* The programme's defaults (as /rounds/new offers them): inception, project, three-party. */
		for (k = 0; k < 3; k++) {
			static const long rule[3][7] = {
				{ 1, 1, 0, 275000, 275000, 220000, 275000 },
				{ 1, 3, 300000, 500000, 500000, 500000, 500000 },
				{ 1, 3, 0, 650000, 650000, 600000, 650000 },
			};
			int j;

			bind_id(d, d->round_id[y - FIRST_YEAR]);
			bind_str(d, ptype_names[k]);
			for (j = 0; j < 7; j++)
				bind_int(d, rule[k][j]);
			bind_str(d, created);
			bind_str(d, created);
			execute(d, S_RULE);
		}
	}
}

static size_t
plan_add(struct demo *d, int year, int member, int p1, int p2, int variant, enum ptype type, int years,
    enum astatus status, int follows, enum special special)
{
	struct plan *p;

	if (d->nplans == MAXPLANS) {
		demo_fail(d, KERR_SYSTEM, "demo: more than %d applications", MAXPLANS);
		return 0;
	}
	p = &d->plans[d->nplans];
	memset(p, 0, sizeof(*p));
	p->year = year;
	p->member = member;
	p->p1 = p1;
	p->p2 = p2;
	p->variant = variant;
	p->type = type;
	p->years = years;
	p->status = status;
	p->follows = follows;
	p->special = special;
	return d->nplans++;
}

/* Another partner in the same country, for the second partner of a three-party project; -1 if none. */
static int
same_country_partner(int p)
{
	size_t i;

	for (i = FIRST_EXTRA; i < NPARTNERS; i++)
		if ((int)i != p && strcmp(partners[i].cc, partners[p].cc) == 0)
			return (int)i;
	return -1;
}

/*
 * Decides every application of the data set. Earlier rounds come first so
 * that the inceptions exist when the 2016 projects that continue them do.
 */
static void
make_plans(struct demo *d)
{
	int inception_of[32];
	int k, y, n;

	/* Named members in earlier rounds: inceptions of 2015 that became 2016 projects ... */
	for (k = 0; k < 32; k++)
		inception_of[k] = plan2016[k].inception ?
		    (int)plan_add(d, 2015, plan2016[k].member, k, -1, plan2016[k].variant, PT_INCEPTION, 1,
			AS_APPROVED, -1, SP_NONE) : -1;
	/* ... and partnerships of their own. */
	plan_add(d, 2014, 0, FIRST_EXTRA + 0, -1, 2, PT_PROJECT, 3, AS_APPROVED, -1, SP_RETURNED);
	plan_add(d, 2013, 4, FIRST_EXTRA + 1, -1, 9, PT_PROJECT, 3, AS_APPROVED, -1, SP_NONE);
	plan_add(d, 2014, 9, FIRST_EXTRA + 2, -1, 5, PT_PROJECT, 3, AS_APPROVED, -1, SP_NONE);
	plan_add(d, 2013, 14, FIRST_EXTRA + 3, -1, 1, PT_PROJECT, 2, AS_APPROVED, -1, SP_NONE);
	plan_add(d, 2014, 15, FIRST_EXTRA + 14, -1, 6, PT_PROJECT, 2, AS_APPROVED, -1, SP_NONE);
	plan_add(d, 2015, 17, FIRST_EXTRA + 5, -1, 3, PT_PROJECT, 3, AS_APPROVED, -1, SP_NONE);
	plan_add(d, 2013, 18, FIRST_EXTRA + 6, -1, 4, PT_PROJECT, 3, AS_APPROVED, -1, SP_NONE);
	plan_add(d, 2015, 19, FIRST_EXTRA + 7, FIRST_EXTRA + 18, 0, PT_THREE, 3, AS_APPROVED, -1, SP_NONE);
	plan_add(d, 2014, 20, FIRST_EXTRA + 8, -1, 7, PT_PROJECT, 3, AS_APPROVED, -1, SP_NONE);
	plan_add(d, 2015, 11, FIRST_EXTRA + 10, -1, 2, PT_PROJECT, 2, AS_APPROVED, -1, SP_NONE);
	plan_add(d, 2014, 2, FIRST_EXTRA + 12, -1, 8, PT_PROJECT, 3, AS_APPROVED, -1, SP_NONE);
	plan_add(d, 2013, 10, FIRST_EXTRA + 13, -1, 0, PT_PROJECT, 3, AS_APPROVED, -1, SP_NONE);
	plan_add(d, 2015, 7, FIRST_EXTRA + 30, -1, 4, PT_PROJECT, 3, AS_APPROVED, -1, SP_NONE);
	plan_add(d, 2015, 13, FIRST_EXTRA + 20, -1, 2, PT_PROJECT, 3, AS_APPROVED, -1, SP_NONE);
	plan_add(d, 2015, 12, FIRST_EXTRA + 27, -1, 6, PT_PROJECT, 2, AS_APPROVED, -1, SP_NONE);
	plan_add(d, 2015, 16, FIRST_EXTRA + 33, -1, 6, PT_PROJECT, 3, AS_APPROVED, -1, SP_NONE);
	plan_add(d, 2014, 3, FIRST_EXTRA + 24, -1, 0, PT_PROJECT, 3, AS_APPROVED, -1, SP_NONE);
	/*
	 * The other members: one partnership each, and in most of them a
	 * second project on another theme a round or two later.
	 */
	for (k = 0; k < (int)(NMEMBERS - NAMED); k++) {
		int member = NAMED + k, partner = FIRST_EXTRA + k % (int)NEXTRA, v = (k * 3 + 1) % (int)NVARIANTS;
		enum ptype t = k % 11 == 5 ? PT_INCEPTION : k % 13 == 7 ? PT_THREE : PT_PROJECT;
		int p2 = t == PT_THREE ? same_country_partner(partner) : -1;
		enum special sp = k == 10 ? SP_CANCELLED : k == 17 ? SP_WITHHELD : SP_NONE;

		if (t == PT_THREE && p2 < 0)
			t = PT_PROJECT;
		y = 2013 + k % 3;
		plan_add(d, y, member, partner, p2, v, t, t == PT_INCEPTION ? 1 : 0, AS_APPROVED, -1, sp);
		if (k % 4 != 3 && y < 2015 && sp != SP_CANCELLED)
			plan_add(d, y + 1 + (k % 2 == 0 && y == 2013), member, partner, -1,
			    (v + 4) % (int)NVARIANTS, PT_PROJECT, 3, AS_APPROVED, -1, SP_NONE);
	}
	/* 2016: the 32 approved, and the ones that were not. */
	for (k = 0; k < 32; k++)
		plan_add(d, 2016, plan2016[k].member, k, -1, plan2016[k].variant, PT_PROJECT, plan2016[k].years,
		    AS_APPROVED, inception_of[k], SP_NONE);
	{
		static const int rejected[][3] = {
			{ 0, 68, 9 }, { 22, 42, 2 }, { 30, 55, 4 }, { 44, 46, 9 }, { 38, 37, 0 },
			{ 45, 54, 3 }, { 51, 39, 5 }, { 26, 40, 6 }, { 54, 59, 7 },
		};

		for (k = 0; k < 9; k++)
			plan_add(d, 2016, rejected[k][0], rejected[k][1], -1, rejected[k][2], PT_PROJECT, 0,
			    AS_REJECTED, -1, SP_NONE);
		plan_add(d, 2016, 0, 36, -1, 4, PT_INCEPTION, 1, AS_WITHDRAWN, -1, SP_NONE);
		plan_add(d, 2016, 40, 33, -1, 1, PT_PROJECT, 0, AS_WITHDRAWN, -1, SP_NONE);
	}
	/* The open call: Borlänge in three states, and others. */
	plan_add(d, 2017, 0, 0, -1, 1, PT_PROJECT, 3, AS_DRAFT, -1, SP_NONE);
	plan_add(d, 2017, 0, 40, -1, 4, PT_INCEPTION, 1, AS_SUBMITTED, -1, SP_NONE);
	plan_add(d, 2017, 0, 21, 22, 8, PT_THREE, 2, AS_REVIEW, -1, SP_NONE);
	{
		static const int open[][4] = {
			{ 23, 44, 4, AS_DRAFT }, { 24, 57, 2, AS_SUBMITTED }, { 25, 67, 3, AS_REVIEW },
			{ 27, 51, 0, AS_DRAFT }, { 28, 36, 6, AS_SUBMITTED }, { 29, 56, 9, AS_REVIEW },
			{ 31, 61, 1, AS_DRAFT }, { 33, 49, 5, AS_SUBMITTED }, { 34, 63, 7, AS_DRAFT },
			{ 12, 64, 8, AS_REVIEW }, { 35, 65, 2, AS_SUBMITTED }, { 36, 55, 4, AS_DRAFT },
		};

		n = (int)(sizeof(open) / sizeof(open[0]));
		for (k = 0; k < n; k++)
			plan_add(d, 2017, open[k][0], open[k][1], -1, open[k][2], PT_PROJECT, 0,
			    (enum astatus)open[k][3], -1, SP_NONE);
	}
}

static const char *
region_of(const char *cc)
{
	/* Mirrors countries.region of 0001_reference.sql for the countries partners[] uses. */
	static const char *const europe[] = { "XK", "BA", "RS", "UA", "AL" };
	static const char *const asia[] = { "CN" };
	static const char *const latam[] = { "CO", "GT", "BO" };
	size_t i;

	for (i = 0; i < sizeof(europe) / sizeof(europe[0]); i++)
		if (strcmp(cc, europe[i]) == 0)
			return "europe";
	for (i = 0; i < sizeof(asia) / sizeof(asia[0]); i++)
		if (strcmp(cc, asia[i]) == 0)
			return "asia";
	for (i = 0; i < sizeof(latam) / sizeof(latam[0]); i++)
		if (strcmp(cc, latam[i]) == 0)
			return "latin_america";
	return "africa";
}

/* Amount per year within the round's rules for the type and the partner's region. */
static long
year_amount(struct demo *d, enum ptype t, const char *cc)
{
	int europe = strcmp(region_of(cc), "europe") == 0;

	switch (t) {
	case PT_INCEPTION:
		return rnd(d, 30, europe ? 44 : 55) * 5000;
	case PT_THREE:
		return rnd(d, 45, europe ? 60 : 65) * 10000;
	default:
		return rnd(d, 30, 50) * 10000;
	}
}

/* Splits a year's amount over the categories, in whole thousands, "other" taking the rest. */
static void
split_budget(struct demo *d, long amount, long lines[NCATEGORIES])
{
	static const int lo[] = { 30, 14, 15, 0, 2 }, hi[] = { 38, 18, 22, 8, 5 };
	long rest = amount;
	size_t c;

	for (c = 0; c + 1 < NCATEGORIES; c++) {
		lines[c] = amount * rnd(d, lo[c], hi[c]) / 100 / 1000 * 1000;
		rest -= lines[c];
	}
	lines[NCATEGORIES - 1] = rest;
}

/* The members of one side of a team, by the rules: inception 2+2, project 1 politician and 3-4 civil servants. */
static void
load_team_side(struct demo *d, unsigned app, const char *side, unsigned org, const struct pool *pool,
    enum ptype t, const char *councillor, unsigned salt)
{
	int swedish = councillor != NULL;
	char name[128];
	int k, staff = t == PT_INCEPTION ? 2 : (int)rnd(d, 3, 4);

	for (k = 0; k < (t == PT_INCEPTION ? 2 : 1) + staff; k++) {
		unsigned who = salt + (unsigned)k * 3;
		const char *role, *pos;

		person(name, sizeof(name), pool, who);
		if (k == 0) {
			role = "politician_majority";
			pos = swedish ? councillor : "Councillor (majority)";
		} else if (k == 1 && t == PT_INCEPTION) {
			role = "politician_opposition";
			pos = swedish ? "Oppositionsråd" : "Councillor (opposition)";
		} else {
			role = "civil_servant";
			pos = swedish ? civil_sv[(salt + (unsigned)k) % 8] : civil_en[(salt + (unsigned)k) % 8];
		}
		bind_id(d, app);
		bind_str(d, side);
		bind_id(d, org);
		bind_str(d, name);
		bind_str(d, role);
		bind_str(d, pos);
		bind_str(d, who % 2 == 0 ? "woman" : "man");
		execute(d, S_TEAM);
	}
}

/*
 * Copies tmpl to out with every "%s" replaced by place: the texts are
 * templates, and a template is not a printf format.
 */
static void
subst(char *out, size_t outlen, const char *tmpl, const char *place)
{
	size_t n = 0, pl = strlen(place);

	for (; *tmpl != '\0' && n + 1 < outlen; tmpl++) {
		if (tmpl[0] == '%' && tmpl[1] == 's') {
			size_t k = pl < outlen - 1 - n ? pl : outlen - 1 - n;

			memcpy(out + n, place, k);
			n += k;
			tmpl++;
		} else
			out[n++] = *tmpl;
	}
	out[n] = '\0';
}

/* Formats a decimal for a DECIMAL(14,2) column. */
static char *
fmt_dec(char buf[32], double v)
{
	snprintf(buf, 32, "%.2f", v);
	return buf;
}

/* Loads the results framework; fills ind[] with the indicators for reports to measure. */
static void
load_framework(struct demo *d, unsigned app, const struct variant *v, int baseline_year, struct lind ind[2])
{
	char b[32], t[32];
	unsigned obj, res;
	int k;

	for (k = 0; k < 2; k++) {
		const struct objective *o = &v->obj[k];
		int qual = strcmp(o->ind.measure, "qualitative") == 0;

		bind_id(d, app);
		bind_int(d, k + 1);
		bind_str(d, o->objective);
		execute(d, S_OBJ);
		obj = (unsigned)d->id;
		bind_id(d, obj);
		bind_int(d, 1);
		bind_str(d, o->result);
		execute(d, S_RES);
		res = (unsigned)d->id;
		bind_id(d, res);
		bind_int(d, 1);
		bind_str(d, o->ind.name);
		bind_str(d, o->ind.measure);
		bind_str(d, o->ind.unit);
		bind_str(d, qual ? NULL : fmt_dec(b, o->ind.baseline));
		bind_int(d, baseline_year);
		bind_str(d, o->ind.baseline_text);
		bind_str(d, qual ? NULL : fmt_dec(t, o->ind.target));
		bind_str(d, o->ind.target_text);
		execute(d, S_IND);
		ind[k].id = (unsigned)d->id;
		ind[k].ind = &o->ind;
	}
}

/*
 * Writes one application with everything the form holds. Drafts of the
 * open call are half done: the first sections only. Returns the planned
 * start and, per year, the amounts applied for, for the project, and the
 * day its review started.
 */
static void
load_application(struct demo *d, struct plan *p, long *start, long amounts[3],
    long lines[3][NCATEGORIES], struct lind ind[2], long *reviewed)
{
	const struct member *mb = &members[p->member];
	const struct partner *pa = &partners[p->p1];
	const struct variant *v = &variants[p->variant];
	char title_sv[320], title_en[320], title_local[320], summary_sv[1024], summary_en[1024];
	char summary_local[1024];
	char background[1024], overall[512], dialogue[512], vulnerable[512], gender[512], target[256], aim[512];
	char contact[128], email[128], phone[32], created[32], subm[32], withdrawn[32], updated[32], pstart[16];
	const char *local_fmt = local_titles[pa->lang][p->variant];
	int draft = p->status == AS_DRAFT, done = !draft, years, y, k;
	long opens, closes, created_day, sub_day;
	unsigned app, user = d->member_user[p->member];
	size_t c;

	if (p->year == 2017) {
		opens = calendar_day(2016, 9, 1);
		closes = calendar_day(2016, 9, 24);
	} else {
		opens = calendar_day(p->year, 2, 1);
		closes = calendar_day(p->year, 3, 31);
	}
	sub_day = rnd(d, opens + 10, closes);
	created_day = sub_day - rnd(d, 7, 30);
	/* The officers start on the open call as applications come in, on earlier rounds after the close. */
	*reviewed = p->year == 2017 ? sub_day + rnd(d, 2, 5) : calendar_day(p->year, 4, 4);
	years = p->type == PT_INCEPTION ? 1 : p->years ? p->years : (int)(rnd(d, 0, 19) < 2 ? 1 :
	    rnd(d, 0, 9) < 4 ? 2 : 3);
	p->years = years;
	/*
	 * Projects start on 1 July; a fifth of the other members' start on 1 September, except in the round
	 * before the story's: those would be more than a year old on the story date without a report due yet,
	 * and every activity that old has spent something in IATI's eyes.
	 */
	*start = calendar_day(p->year, rnd(d, 0, 4) == 0 && p->member >= NAMED && p->year != STORY_Y - 1 ? 9 : 7, 1);

	subst(title_sv, sizeof(title_sv), v->title_sv, pa->place);
	subst(title_en, sizeof(title_en), v->title_en, pa->place);
	if (local_fmt != NULL) {
		const struct local_summary *ls = &local_summaries[pa->lang];

		subst(title_local, sizeof(title_local), local_fmt, pa->place_local);
		subst(summary_local, sizeof(summary_local), ls->lead, pa->place_local);
		strncat(summary_local, ls->aims[p->variant], sizeof(summary_local) - strlen(summary_local) - 1);
		strncat(summary_local, ls->end, sizeof(summary_local) - strlen(summary_local) - 1);
		strncat(summary_local, ls->closing, sizeof(summary_local) - strlen(summary_local) - 1);
	}
	subst(aim, sizeof(aim), v->aim_sv, pa->place);
	snprintf(summary_sv, sizeof(summary_sv), "%s och %s samarbetar för att %s. Politiker från majoritet och "
	    "opposition deltar tillsammans med tjänstepersoner från båda sidor.", mb->name, pa->name, aim);
	subst(aim, sizeof(aim), v->aim_en, pa->place);
	snprintf(summary_en, sizeof(summary_en), "%s and %s work together to %s. Politicians from the majority "
	    "and the opposition take part together with civil servants from both sides.", mb->name, pa->name, aim);
	subst(background, sizeof(background), v->background, pa->place);
	subst(overall, sizeof(overall), v->overall, pa->place);
	snprintf(target, sizeof(target), "Residents of %s, in particular women, young people and persons with "
	    "disabilities; elected representatives and civil servants of both partners.", pa->place);
	snprintf(dialogue, sizeof(dialogue), "Ward-level dialogues in %s, announced on local radio and held in the "
	    "evening so that working residents can come; the results are reported back at the next meeting.",
	    pa->place);
	snprintf(vulnerable, sizeof(vulnerable), "Persons with disabilities and residents of informal settlements "
	    "are invited through their own organisations, and venues are chosen for accessibility.");
	snprintf(gender, sizeof(gender), "At least half of the participants in every activity are women, and "
	    "women chair half of the working groups on both sides.");
	member_user_name(contact, sizeof(contact), (size_t)p->member);
	member_email(email, sizeof(email), (size_t)p->member);
	snprintf(phone, sizeof(phone), "+46 70-%03u %02u %02u", 100 + (unsigned)p->member * 7 % 900,
	    (unsigned)p->member * 13 % 100, (unsigned)p->member * 29 % 100);
	day_stamp(created, created_day, office_minutes(d));
	day_stamp(subm, sub_day, office_minutes(d));
	day_stamp(withdrawn, sub_day + rnd(d, 5, 20), office_minutes(d));
	if (p->status == AS_APPROVED || p->status == AS_REJECTED)
		day_stamp(updated, calendar_day(p->year, 5, 24), 14 * 60);
	else if (p->status == AS_REVIEW)
		day_stamp(updated, *reviewed, 8 * 60 + 30);
	else
		snprintf(updated, sizeof(updated), "%s", p->status == AS_WITHDRAWN ? withdrawn :
		    draft ? created : subm);

	bind_id(d, d->round_id[p->year - FIRST_YEAR]);
	bind_str(d, ptype_names[p->type]);
	bind_id(d, d->member_org[p->member]);
	bind_str(d, pa->cc);
	bind_id(d, (unsigned)v->theme);
	bind_id(d, p->follows >= 0 ? d->plans[p->follows].project_id : 0);
	bind_str(d, title_sv);
	bind_str(d, title_en);
	bind_str(d, local_fmt != NULL ? title_local : NULL);
	bind_str(d, local_fmt != NULL ? lang_codes[pa->lang] : NULL);
	bind_str(d, summary_sv);
	bind_str(d, draft ? NULL : summary_en);
	bind_str(d, local_fmt != NULL && !draft ? summary_local : NULL);
	bind_str(d, background);
	bind_str(d, draft ? NULL : overall);
	bind_int(d, draft ? 0 : (v->principles & PR_INCLUSION) != 0);
	bind_int(d, draft ? 0 : (v->principles & PR_PARTICIPATION) != 0);
	bind_int(d, draft ? 0 : (v->principles & PR_TRANSPARENCY) != 0);
	bind_int(d, draft ? 0 : (v->principles & PR_ACCOUNTABILITY) != 0);
	bind_str(d, draft ? NULL : target);
	if (draft)
		bind_id(d, 0);
	else
		bind_int(d, v->dialogue);
	bind_str(d, !draft && v->dialogue ? dialogue : NULL);
	bind_str(d, draft ? NULL : vulnerable);
	bind_str(d, draft ? NULL : gender);
	bind_int(d, years);
	bind_str(d, day_iso(pstart, *start));
	bind_str(d, draft ? NULL : contact);
	bind_str(d, draft ? NULL : email);
	bind_str(d, draft ? NULL : phone);
	bind_str(d, astatus_names[p->status]);
	bind_int(d, 1);
	bind_int(d, 1);
	bind_int(d, 1);
	for (k = 0; k < 5; k++)
		bind_int(d, done);
	bind_id(d, user);
	bind_str(d, draft ? NULL : subm);
	bind_id(d, draft ? 0 : user);
	bind_str(d, p->status == AS_WITHDRAWN ? withdrawn : NULL);
	bind_str(d, created);
	bind_str(d, updated);
	execute(d, S_APP);
	app = p->app_id = (unsigned)d->id;

	/* Three-party and some large projects bring a neighbouring member along. */
	if (p->type == PT_THREE || (p->member % 7 == 3 && !draft)) {
		bind_id(d, app);
		bind_id(d, d->member_org[(p->member + 23) % NMEMBERS]);
		execute(d, S_COAPP);
	}
	bind_id(d, app);
	bind_int(d, 1);
	bind_id(d, d->partner_org[p->p1]);
	execute(d, S_PARTNER);
	if (p->p2 >= 0) {
		bind_id(d, app);
		bind_int(d, 2);
		bind_id(d, d->partner_org[p->p2]);
		execute(d, S_PARTNER);
	}
	for (k = 0; k < 3 && !draft; k++)
		if (v->sdg[k] != 0) {
			bind_id(d, app);
			bind_int(d, v->sdg[k]);
			execute(d, S_SDG);
		}
	if (!draft)
		load_framework(d, app, v, p->year - 1, ind);
	load_team_side(d, app, "swedish", d->member_org[p->member], &swedes, p->type,
	    strcmp(mb->kind, "kommun") == 0 ? "Kommunalråd" : "Regionråd", (unsigned)p->member * 5 + 2);
	if (!draft) {
		load_team_side(d, app, "partner", d->partner_org[p->p1], &pools[pa->people], p->type, NULL,
		    (unsigned)p->p1 * 3);
		if (p->p2 >= 0)
			load_team_side(d, app, "partner", d->partner_org[p->p2], &pools[partners[p->p2].people],
			    p->type, NULL, (unsigned)p->p2 * 3 + 1);
	}
	/* A draft has costed its first year only. */
	for (y = 0; y < (draft ? 1 : years); y++) {
		amounts[y] = year_amount(d, p->type, pa->cc);
		split_budget(d, amounts[y], lines[y]);
		bind_id(d, app);
		bind_int(d, y + 1);
		bind_int(d, amounts[y]);
		execute(d, S_AYEAR);
		for (c = 0; c < NCATEGORIES; c++) {
			bind_id(d, app);
			bind_int(d, y + 1);
			bind_str(d, categories[c]);
			bind_int(d, lines[y][c]);
			execute(d, S_ALINE);
		}
	}
	d->counts[C_APPLICATIONS]++;
	if (!draft)
		audit(d, subm, user, 0, "application.submit", "application", app,
		    "{\"status\":\"draft\"}", "{\"status\":\"submitted\"}");
	if (p->status == AS_WITHDRAWN)
		audit(d, withdrawn, user, 0, "application.withdraw", "application", app,
		    "{\"status\":\"submitted\"}", "{\"status\":\"withdrawn\"}");
}

static void
load_review(struct demo *d, unsigned app, unsigned reviewer, int good, int complete, long day)
{
	static const char *const pos[5] = {
		"Tydlig koppling till lokal demokrati och till ICLD:s fyra principer.",
		"Realistisk plan med rimlig tidsplan och tydlig ansvarsfördelning.",
		"Båda parter har varit med och tagit fram ansökan; politisk förankring på båda sidor.",
		"Genomtänkt om kvinnors deltagande och om utsatta grupper.",
		"Budgeten hänger ihop med aktiviteterna.",
	};
	static const char *const neg[5] = {
		"Kopplingen till lokal demokrati är svag; mer ett tekniskt projekt.",
		"Aktiviteterna är fler än tiden och budgeten räcker till.",
		"Oklart vad partnerorganisationen själv bidrar med.",
		"Jämställdhet nämns men omsätts inte i aktiviteter.",
		"Resekostnaderna är höga i förhållande till aktiviteterna.",
	};
	char at[32];
	int k, score[5];

	for (k = 0; k < 5; k++)
		score[k] = good ? (int)rnd(d, 3, 5) : (int)rnd(d, 1, 3);
	day_stamp(at, day, office_minutes(d));
	bind_id(d, app);
	bind_id(d, reviewer);
	for (k = 0; k < 5; k++) {
		/* An unfinished review has scored the first criteria only. */
		if (!complete && k >= 2) {
			bind_id(d, 0);
			bind_str(d, NULL);
			continue;
		}
		bind_int(d, score[k]);
		bind_str(d, score[k] >= 3 ? pos[k] : neg[k]);
	}
	bind_str(d, !complete ? "undecided" : good ? "approve" : "reject");
	bind_str(d, !complete ? NULL : good ? "Rekommenderas för beviljande." :
	    "Rekommenderas inte i denna form; välkomna att söka igen.");
	bind_str(d, complete ? at : NULL);
	bind_str(d, at);
	bind_str(d, at);
	execute(d, S_REVIEW);
}

/* The narrative of a report, in the working language of the partnerships. */
struct narrative {
	char	 activities[512];
	char	 results[512];
	char	 deviations[256];
	char	 lessons[256];
	char	 participation[256];
};

static void
narrate(struct demo *d, struct narrative *n, const struct plan *p, int year, int final)
{
	const struct partner *pa = &partners[p->p1];
	const struct variant *v = &variants[p->variant];

	if (final)
		snprintf(n->activities, sizeof(n->activities), "Over the %d project year%s the partners held %ld "
		    "joint workshops in %s and %ld study visits to %s, and the councils of both partners were "
		    "briefed every year.", p->years, p->years > 1 ? "s" : "", rnd(d, 6, 14), pa->place,
		    rnd(d, 2, 4), members[p->member].place);
	else
		snprintf(n->activities, sizeof(n->activities), "During project year %d the partners held %ld joint "
		    "workshops in %s and one study visit to %s. Politicians from the majority and the opposition "
		    "took part together with civil servants from both sides.", year, rnd(d, 2, 5), pa->place,
		    members[p->member].place);
	snprintf(n->results, sizeof(n->results), "%s %s The indicator values are reported below.",
	    final ? "The objectives have largely been reached." : "Work towards the objectives is on track.",
	    v->obj[0].result);
	snprintf(n->deviations, sizeof(n->deviations), "One planned visit was moved by two months because of %s; "
	    "the activities were completed later in the year.", delay_reasons[rnd(d, 0, 3)]);
	snprintf(n->lessons, sizeof(n->lessons), "%s", lessons[rnd(d, 0, 3)]);
	snprintf(n->participation, sizeof(n->participation), "%ld%% of the participants were women. Meetings were "
	    "held in accessible venues and announced in the local languages.", rnd(d, 42, 58));
}

/* An indicator's value after year of years, somewhat behind or ahead of a straight line. */
static double
progress_value(struct demo *d, const struct ind *ind, int year, int years)
{
	double share = (double)year / years * (double)rnd(d, 70, 105) / 100.0;

	return (double)(long)(ind->baseline + (ind->target - ind->baseline) * share + 0.5);
}

/* What happened to one report by the story date. */
enum fate { F_DRAFT, F_SUBMITTED, F_APPROVED, F_RETURNED, F_RETURNED_THEN_APPROVED };

/*
 * Writes one report of a project as of the story date. Reports due more
 * than three months before it are approved; those due in the last three
 * months may be anywhere (latest: the project's most recent, which a
 * special fate may force); those due after it are empty drafts. Returns
 * the fate, and in decided_at when it was approved or returned ("" if not).
 */
static enum fate
load_report(struct demo *d, const struct plan *p, int year, int final, long due, int latest,
    const long lines[NCATEGORIES], long year_amount_sek, const struct lind ind[2], char decided_at[32])
{
	static const char *const returned_comment =
	    "Please explain the variance on travel and add the actual values of all indicators.";
	static const char *const approved_comment = "Approved. Thank you for a clear report.";
	struct narrative n;
	enum fate f = F_DRAFT;
	long sub_day = due - rnd(d, 0, 20), dec_day = sub_day + rnd(d, 10, 35);
	char due_s[16], revise_s[16], sub_s[32], dec_s[32], sub2_s[32], first_dec[32], created[32], paid[16];
	char after[48];
	char fin_json[512], ind_json[256], dbuf[32];
	long actual[NCATEGORIES];
	unsigned report, user = d->member_user[p->member];
	const char *status, *comment = NULL;
	size_t c, len;
	int k, rev;

	if (due <= d->story) {
		long r = rnd(d, 0, 99);

		if (p->special == SP_RETURNED && latest)
			f = F_RETURNED;
		else if (due <= d->story - 90 || r < 40)
			f = rnd(d, 0, 9) == 0 ? F_RETURNED_THEN_APPROVED : F_APPROVED;
		else
			f = r < 70 ? F_SUBMITTED : r < 85 ? F_RETURNED : F_DRAFT;
		/*
		 * A project's first report, once due, is decided within the month: by the time a project is a
		 * year and a quarter old, ICLD has approved what it spent (IATI's Dashboard asks every activity
		 * older than a year for a disbursement or expenditure).
		 */
		if (year == 1 && !final && !(p->special == SP_RETURNED && latest)) {
			f = F_APPROVED;
			if (dec_day > d->story)
				dec_day = d->story - 2;
			if (sub_day >= dec_day)
				sub_day = dec_day - 7;
		}
		/* Nothing is decided after the story date. */
		if (f != F_DRAFT && f != F_SUBMITTED && dec_day > d->story)
			f = F_SUBMITTED;
	}
	if (f == F_RETURNED_THEN_APPROVED && dec_day + 30 > d->story)
		f = F_APPROVED;
	status = f == F_DRAFT ? "draft" : f == F_SUBMITTED ? "submitted" : f == F_RETURNED ? "returned" : "approved";
	if (f == F_RETURNED)
		comment = returned_comment;
	else if (f == F_APPROVED || f == F_RETURNED_THEN_APPROVED)
		comment = approved_comment;
	rev = f == F_DRAFT ? 0 : f == F_RETURNED_THEN_APPROVED ? 2 : 1;
	if (f != F_DRAFT)
		narrate(d, &n, p, year, final);
	day_stamp(sub_s, sub_day, office_minutes(d));
	day_stamp(dec_s, dec_day, office_minutes(d));
	/* A returned-then-approved report came back within three weeks and was approved a week later. */
	day_stamp(sub2_s, dec_day + 21, office_minutes(d));
	if (f == F_RETURNED_THEN_APPROVED)
		day_stamp(dec_s, dec_day + 28, office_minutes(d));
	day_stamp(created, calendar_day(p->year, 5, 24), 14 * 60 + 5);

	bind_id(d, p->project_id);
	bind_str(d, final ? "final" : "progress");
	bind_int(d, year);
	bind_str(d, day_iso(due_s, due));
	/* A return gives the revision the 30 days an officer is offered (h_report.c). */
	bind_str(d, f == F_RETURNED || f == F_RETURNED_THEN_APPROVED ? day_iso(revise_s, dec_day + 30) : NULL);
	bind_str(d, status);
	bind_str(d, f == F_DRAFT ? NULL : n.activities);
	bind_str(d, f == F_DRAFT ? NULL : n.results);
	bind_str(d, f == F_DRAFT ? NULL : n.deviations);
	bind_str(d, f == F_DRAFT ? NULL : n.lessons);
	bind_str(d, f == F_DRAFT ? NULL : n.participation);
	bind_str(d, comment);
	bind_int(d, rev);
	bind_str(d, f == F_DRAFT ? NULL : f == F_RETURNED_THEN_APPROVED ? sub2_s : sub_s);
	bind_id(d, f == F_DRAFT ? 0 : user);
	bind_str(d, f == F_DRAFT || f == F_SUBMITTED ? NULL : dec_s);
	bind_id(d, f == F_DRAFT || f == F_SUBMITTED ? 0 : d->admin);
	bind_str(d, created);
	bind_str(d, f == F_DRAFT ? created : f == F_SUBMITTED ? sub_s : dec_s);
	execute(d, S_REPORT);
	report = (unsigned)d->id;
	d->counts[C_REPORTS]++;
	snprintf(decided_at, 32, "%s", f == F_DRAFT || f == F_SUBMITTED ? "" : dec_s);
	if (f == F_DRAFT)
		return f;

	/* The financial report: progress reports account for the year's costs. */
	len = (size_t)snprintf(fin_json, sizeof(fin_json), "[");
	for (c = 0; c < NCATEGORIES && !final; c++) {
		actual[c] = lines[c] * rnd(d, 82, 106) / 100 / 100 * 100;
		bind_id(d, report);
		bind_str(d, categories[c]);
		bind_int(d, actual[c]);
		bind_str(d, lines[c] > 0 && (actual[c] * 10 < lines[c] * 9) ?
		    "Fewer participants travelled than planned; the savings were not reallocated." : NULL);
		execute(d, S_FIN);
		len += (size_t)snprintf(fin_json + len, sizeof(fin_json) - len,
		    "%s{\"category\":\"%s\",\"actual\":%ld}", c ? "," : "", categories[c], actual[c]);
	}
	snprintf(fin_json + len, sizeof(fin_json) - len, "]");
	len = (size_t)snprintf(ind_json, sizeof(ind_json), "[");
	for (k = 0; k < 2; k++) {
		int qual = strcmp(ind[k].ind->measure, "qualitative") == 0;
		double val = final ? ind[k].ind->target : progress_value(d, ind[k].ind, year, p->years);
		const char *text = qual ? (final ? ind[k].ind->target_text :
		    "In progress: a draft has been discussed by the council") : NULL;

		bind_id(d, report);
		bind_id(d, ind[k].id);
		bind_str(d, qual ? NULL : fmt_dec(dbuf, val));
		bind_str(d, text);
		execute(d, S_INDVAL);
		len += (size_t)snprintf(ind_json + len, sizeof(ind_json) - len,
		    "%s{\"indicator_id\":%u,\"value\":%s}", k ? "," : "", ind[k].id, qual ? "null" : dbuf);
	}
	snprintf(ind_json + len, sizeof(ind_json) - len, "]");

	/* The first of two revisions was returned on the day of the first decision. */
	day_stamp(first_dec, dec_day, 10 * 60);
	for (k = 1; k <= rev; k++) {
		int last = k == rev;
		const char *outcome = f == F_SUBMITTED ? NULL : !last || f == F_RETURNED ? "returned" : "approved";

		bind_id(d, report);
		bind_int(d, k);
		bind_str(d, k == 1 ? sub_s : sub2_s);
		bind_id(d, user);
		bind_str(d, n.activities);
		bind_str(d, n.results);
		bind_str(d, n.deviations);
		bind_str(d, n.lessons);
		bind_str(d, n.participation);
		bind_str(d, fin_json);
		bind_str(d, ind_json);
		bind_str(d, outcome);
		bind_str(d, outcome == NULL ? NULL : strcmp(outcome, "returned") == 0 ? returned_comment :
		    approved_comment);
		if (outcome == NULL) {
			bind_str(d, NULL);
			bind_id(d, 0);
		} else {
			bind_str(d, last ? dec_s : first_dec);
			bind_id(d, d->admin);
		}
		execute(d, S_REVISION);
		snprintf(after, sizeof(after), "{\"status\":\"submitted\",\"revision\":%d}", k);
		audit(d, k == 1 ? sub_s : sub2_s, user, 0, "report.submit", "report", report,
		    k == 1 ? "{\"status\":\"draft\"}" : "{\"status\":\"returned\"}", after);
		if (outcome != NULL) {
			snprintf(after, sizeof(after), "{\"status\":\"%s\"}", outcome);
			audit(d, last ? dec_s : first_dec, d->admin, 1,
			    strcmp(outcome, "returned") == 0 ? "report.return" : "report.approve", "report", report,
			    "{\"status\":\"submitted\"}", after);
		}
	}

	/*
	 * ICLD reimburses an approved progress report as the application does (reimburse.c): each category's
	 * actual cost at most its budget line, the whole at most the year's amount.
	 */
	if ((f == F_APPROVED || f == F_RETURNED_THEN_APPROVED) && !final) {
		long paid_day = dec_day + (f == F_RETURNED_THEN_APPROVED ? 28 : 0) + rnd(d, 10, 25);
		long long budget[REIMBURSE_CATEGORIES], spent[REIMBURSE_CATEGORIES];
		struct reimbursement rb;
		long amount;
		char paid_at[32];

		for (c = 0; c < REIMBURSE_CATEGORIES; c++) {
			budget[c] = lines[c];
			spent[c] = actual[c];
		}
		reimburse_compute(budget, spent, year_amount_sek, 0, &rb);
		amount = (long)rb.due;

		if (paid_day <= d->story && amount > 0) {
			day_stamp(paid_at, paid_day, 11 * 60);
			bind_id(d, p->project_id);
			bind_id(d, report);
			bind_int(d, amount);
			bind_str(d, day_iso(paid, paid_day));
			bind_str(d, NULL);
			bind_id(d, d->admin);
			bind_str(d, paid_at);
			bind_str(d, paid_at);
			execute(d, S_DISB);
			snprintf(after, sizeof(after), "{\"amount\":%ld,\"report_id\":%u}", amount, report);
			audit(d, paid_at, d->admin, 1, "disbursement.record", "disbursement", (unsigned)d->id,
			    NULL, after);
			d->counts[C_DISBURSEMENTS]++;
		}
	}
	return f;
}

/*
 * Sida's money for a project year reaches ICLD in the year's first weeks, and never before the decision: the
 * incoming funds that trace the year's grant to Sida's activity.
 */
static void
load_funds(struct demo *d, const struct plan *p, int y, long year_start, long decided, long cancelled,
    long amount)
{
	char on[16], at[32], note[64], after[192];
	/* Not drawn from the random stream, which would change every project loaded after this one. */
	long spread = 5 + (long)(p->project_id % 21), day = year_start + spread;

	if (day < decided)
		day = decided + spread;
	if (day > d->story || (cancelled != 0 && day > cancelled))
		return;
	snprintf(note, sizeof(note), "Sida's payment for project year %d", y + 1);
	day_stamp(at, day, 10 * 60 + 15);
	bind_id(d, p->project_id);
	bind_str(d, day_iso(on, day));
	bind_int(d, amount);
	bind_str(d, note);
	bind_id(d, d->admin);
	bind_str(d, at);
	bind_str(d, at);
	execute(d, S_FUNDS);
	snprintf(after, sizeof(after), "{\"incoming_funds\": %u, \"received_on\": \"%s\", \"amount\": %ld, "
	    "\"note\": \"%s\"}", (unsigned)d->id, on, amount, note);
	audit(d, at, d->admin, 1, "project.funds_record", "project", p->project_id, NULL, after);
}

/* Makes an approved application a project, with its years, budget, reports and payments. */
static void
load_project(struct demo *d, struct plan *p, long start, const long amounts[3], long lines[3][NCATEGORIES],
    const struct lind ind[2], long decided)
{
	char code[16], ps[16], pe[16], as[16], ae[16], created[32], s1[16], e1[16], final_at[32];
	long end = add_years(start, p->years) - 1, cancelled = 0;
	int y, all_approved = 1, n;
	unsigned seq;
	const char *status;
	size_t c;
	enum fate f;

	seq = ++d->seq[p->year - FIRST_YEAR];
	snprintf(code, sizeof(code), "%04d-%04u", p->year, seq);
	day_stamp(created, decided, 14 * 60 + 5);
	if (p->special == SP_CANCELLED)
		cancelled = add_years(start, 1) + 120;
	bind_str(d, code);
	bind_id(d, p->app_id);
	/* The status is updated below, once the reports are known. */
	bind_str(d, "implementation");
	bind_str(d, day_iso(ps, start));
	bind_str(d, day_iso(pe, end));
	bind_str(d, start <= d->story ? day_iso(as, start) : NULL);
	bind_str(d, NULL);
	bind_id(d, p->follows >= 0 ? d->plans[p->follows].project_id : 0);
	bind_int(d, p->variant == 8 ? 2 : 1);
	bind_int(d, p->special == SP_WITHHELD);
	bind_str(d, p->special == SP_WITHHELD ?
	    "The partner asked not to be published while the local election disputes are in court." : NULL);
	bind_str(d, p->special == SP_CANCELLED ?
	    "The partner municipality was merged into a larger one and withdrew from the partnership." : NULL);
	bind_str(d, created);
	bind_str(d, created);
	execute(d, S_PROJECT);
	p->project_id = (unsigned)d->id;
	d->counts[C_PROJECTS]++;
	audit(d, created, d->admin, 1, "project.create", "project", p->project_id, NULL,
	    "{\"status\":\"implementation\"}");

	for (y = 0; y < p->years; y++) {
		long ys = add_years(start, y), ye = add_years(start, y + 1) - 1;

		bind_id(d, p->project_id);
		bind_int(d, y + 1);
		bind_str(d, day_iso(s1, ys));
		bind_str(d, day_iso(e1, ye));
		bind_int(d, amounts[y]);
		bind_str(d, created);
		bind_str(d, created);
		execute(d, S_PYEAR);
		load_funds(d, p, y, ys, decided, cancelled, amounts[y]);
		for (c = 0; c < NCATEGORIES; c++) {
			bind_id(d, p->project_id);
			bind_int(d, y + 1);
			bind_str(d, categories[c]);
			bind_int(d, lines[y][c]);
			execute(d, S_PLINE);
		}
	}
	/* A progress report two months after each year, a final one three months after the end. */
	n = p->years;
	for (y = 0; y < n; y++) {
		long due = month_end_after(add_years(start, y + 1) - 1, 2);
		long next_due = y + 1 < n ? month_end_after(add_years(start, y + 2) - 1, 2) :
		    month_end_after(end, 3);

		if (cancelled != 0 && due > cancelled)
			break;
		f = load_report(d, p, y + 1, 0, due, next_due > d->story, lines[y], amounts[y], ind, final_at);
		all_approved &= f == F_APPROVED || f == F_RETURNED_THEN_APPROVED;
	}
	if (cancelled == 0) {
		f = load_report(d, p, n, 1, month_end_after(end, 3), 1, NULL, 0, ind, final_at);
		all_approved &= f == F_APPROVED || f == F_RETURNED_THEN_APPROVED;
	}

	if (cancelled != 0)
		status = "cancelled";
	else if (end >= d->story)
		status = "implementation";
	else
		status = all_approved ? "closed" : "finalisation";
	/* A project past its end goes to finalisation the next day, and is closed once the final report is approved. */
	if (strcmp(status, "implementation") != 0) {
		char at[32], after[48];

		day_stamp(at, cancelled != 0 ? cancelled : end + 1, 9 * 60);
		snprintf(after, sizeof(after), "{\"status\":\"%s\"}", cancelled != 0 ? "cancelled" : "finalisation");
		audit(d, at, d->admin, 1, cancelled != 0 ? "project.cancel" : "project.status", "project",
		    p->project_id, "{\"status\":\"implementation\"}", after);
		if (strcmp(status, "closed") == 0) {
			snprintf(at, sizeof(at), "%s", final_at);
			audit(d, at, d->admin, 1, "project.status", "project", p->project_id,
			    "{\"status\":\"finalisation\"}", "{\"status\":\"closed\"}");
		}
		bind_str(d, status);
		bind_str(d, strcmp(status, "finalisation") == 0 ? NULL :
		    day_iso(ae, cancelled != 0 ? cancelled : end));
		bind_str(d, at);
		bind_id(d, p->project_id);
		execute(d, S_PSTATUS);
	}
}

static void
load_plan(struct demo *d, struct plan *p)
{
	long start = 0, amounts[3] = { 0, 0, 0 }, lines[3][NCATEGORIES], reviewed = 0, decided;
	struct lind ind[2];
	char at[32], after[48];
	int good = p->status == AS_APPROVED;

	memset(lines, 0, sizeof(lines));
	memset(ind, 0, sizeof(ind));
	load_application(d, p, &start, amounts, lines, ind, &reviewed);
	if (p->status == AS_DRAFT || p->status == AS_SUBMITTED || p->status == AS_WITHDRAWN)
		return;
	day_stamp(at, reviewed, 8 * 60 + 30);
	audit(d, at, d->admin, 1, "application.review", "application", p->app_id, "{\"status\":\"submitted\"}",
	    "{\"status\":\"under_review\"}");
	if (p->status == AS_REVIEW) {
		load_review(d, p->app_id, d->reviewer, 1, 0, reviewed);
		return;
	}
	/* Decided in late May; two officers reviewed the 2016 applications, one the earlier ones. */
	decided = calendar_day(p->year, 5, 24);
	load_review(d, p->app_id, d->admin, good, 1, decided - rnd(d, 10, 30));
	if (p->year == 2016)
		load_review(d, p->app_id, d->reviewer, good, 1, decided - rnd(d, 5, 25));
	day_stamp(at, decided, 14 * 60);
	bind_id(d, p->app_id);
	bind_str(d, good ? "approve" : "reject");
	bind_str(d, good ? "Beviljas. Projektet är väl förankrat hos båda parter och budgeten är realistisk." :
	    "Avslås. Ansökan visar inte hur partnerorganisationen äger projektet, och budgeten saknar "
	    "tydlig koppling till aktiviteterna.");
	bind_str(d, good ? "Approved. Both partners own the project and the budget is realistic." :
	    "Rejected. The application does not show how the partner organisation owns the project, "
	    "and the budget is not clearly linked to the activities.");
	bind_id(d, d->admin);
	bind_str(d, at);
	bind_str(d, at);
	bind_str(d, at);
	execute(d, S_DECISION);
	snprintf(after, sizeof(after), "{\"status\":\"%s\"}", good ? "approved" : "rejected");
	audit(d, at, d->admin, 1, good ? "decision.approve" : "decision.reject", "application", p->app_id,
	    "{\"status\":\"under_review\"}", after);
	if (good)
		load_project(d, p, start, amounts, lines, ind, decided);
}

static void
load_sequences(struct demo *d)
{
	int y;

	for (y = FIRST_YEAR; y < FIRST_YEAR + NYEARS; y++)
		if (d->seq[y - FIRST_YEAR] > 0) {
			bind_int(d, y);
			bind_int(d, d->seq[y - FIRST_YEAR]);
			execute(d, S_SEQ);
		}
}

/* Runs one statement written out here. */
static enum kerr
run_text(struct dbop *o, const char *sql)
{
	return dbop_run(o, sql, strlen(sql));
}

static enum kerr
precheck(struct dbop *o, char *err, size_t errlen)
{
	struct arena *a;
	struct dbres res;
	enum kerr e;
	int empty;

	if ((a = arena_new(1024)) == NULL) {
		snprintf(err, errlen, "demo: out of memory");
		return KERR_NOMEM;
	}
	if ((e = dbop_query(o, a, "SELECT COUNT(*) FROM users", &res)) != KERR_OK) {
		arena_free(a);
		snprintf(err, errlen, "demo: %s (are the migrations applied?)", dbop_error(o));
		return e == KERR_DB ? KERR_DB : KERR_INVALID;
	}
	empty = res.nrows > 0 && db_str(&res, 0, 0) != NULL && strcmp(db_str(&res, 0, 0), "0") == 0;
	arena_free(a);
	if (!empty) {
		snprintf(err, errlen, "demo: the database already has users; the demo data goes only into an "
		    "empty database");
		return KERR_INVALID;
	}
	return KERR_OK;
}

enum kerr
demo_load(struct dbop *o, FILE *log, char *err, size_t errlen)
{
	struct demo *d;
	enum kerr e;
	size_t i;

	if (sodium_init() < 0) {
		snprintf(err, errlen, "demo: sodium_init() failed");
		return KERR_SYSTEM;
	}
	if ((e = run_text(o, "SET SESSION time_zone = '+00:00'")) != KERR_OK) {
		snprintf(err, errlen, "demo: setting up the session: %s", dbop_error(o));
		return e;
	}
	if ((e = precheck(o, err, errlen)) != KERR_OK)
		return e;
	if ((d = calloc(1, sizeof(*d))) == NULL) {
		snprintf(err, errlen, "demo: out of memory");
		return KERR_NOMEM;
	}
	d->o = o;
	d->err = err;
	d->errlen = errlen;
	d->rng = SEED;
	d->story = calendar_day(STORY_Y, STORY_M, STORY_D);
	/* One hash for every account: Argon2id costs a tenth of a second each. */
	if (crypto_pwhash_str(d->pwhash, DEMO_PASSWORD, strlen(DEMO_PASSWORD),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		demo_fail(d, KERR_NOMEM, "demo: crypto_pwhash_str() failed (out of memory)");
		goto out;
	}
	if ((e = run_text(o, "START TRANSACTION")) != KERR_OK) {
		demo_db_fail(d, e, "START TRANSACTION");
		goto out;
	}
	load_orgs_users(d);
	load_rounds(d);
	make_plans(d);
	for (i = 0; i < d->nplans && d->e == KERR_OK; i++)
		load_plan(d, &d->plans[i]);
	load_sequences(d);
	write_audit(d);
	if (d->e == KERR_OK && (e = run_text(o, "COMMIT")) != KERR_OK)
		demo_db_fail(d, e, "COMMIT");
	/* Should the rollback fail, closing the connection drops the transaction all the same. */
	if (d->e != KERR_OK)
		run_text(o, "ROLLBACK");
	else if (log != NULL)
		fprintf(log, "demo: loaded %u users, %u applications, %u projects, %u reports, %u disbursements\n",
		    d->counts[C_USERS], d->counts[C_APPLICATIONS], d->counts[C_PROJECTS], d->counts[C_REPORTS],
		    d->counts[C_DISBURSEMENTS]);
out:
	e = d->e;
	free(d->audit);
	sodium_memzero(d->pwhash, sizeof(d->pwhash));
	free(d);
	return e;
}

void
demo_print_accounts(FILE *f)
{
	char email[128], name[128];
	size_t i;

	fprintf(f, "Demo accounts, all with the password %s:\n", DEMO_PASSWORD);
	fprintf(f, "  %-36s %-9s %s\n", "admin@icld.example", "admin", "ICLD Programhandläggare");
	fprintf(f, "  %-36s %-9s %s\n", "reviewer@icld.example", "admin", "ICLD Granskare");
	fprintf(f, "  %-36s %-9s %s\n", "sida@sida.example", "sida", "Sida Programhandläggare");
	for (i = 0; i < NMEMBERS; i++) {
		member_email(email, sizeof(email), i);
		member_user_name(name, sizeof(name), i);
		fprintf(f, "  %-36s %-9s %s, %s\n", email, "applicant", name, members[i].name);
	}
}
