/**
 * Words of Swedish regional-development writing, most frequent first. The synthetic generator
 * draws from this list with a Zipf-like distribution (the k-th word about 1/k as often as the
 * first), so searches for common words match many initiatives and rare words few — as in real
 * registers. A handful of function words are included because real texts contain them; the
 * Swedish text-search configuration drops them as stop words.
 */
export const words: readonly string[] = [
  ...new Set(
    `
och för att i med av till på företag utveckling regional region samverkan projekt
kompetens innovation hållbar länet kommun näringsliv insatser stärka arbete tillväxt
digitalisering landsbygd samhälle kunskap besöksnäring energi klimat omställning
kommunerna invånare unga utbildning forskning entreprenörskap strategi långsiktig
hållbarhet miljö infrastruktur kollektivtrafik bredband attraktivitet boende
arbetsmarknad integration jämställdhet inkludering hälsa folkhälsa vård omsorg
kultur turism livsmedel jordbruk skogsbruk fiske kust skärgård öland
västervik oskarshamn vimmerby nybro emmaboda torsås mönsterås högsby hultsfred
borgholm mörbylånga småland sydost glesbygd stad tätort centrum ortsutveckling
samordning nätverk partnerskap kluster plattform satsning program åtgärd mål
uppföljning utvärdering analys kartläggning förstudie pilot genomförande finansiering
medfinansiering stöd bidrag investering kapital export internationalisering
marknad konkurrenskraft produktivitet effektivitet resurs resurser cirkulär
ekonomi bioekonomi förnybar solenergi vindkraft vätgas elektrifiering transporter
logistik hamn järnväg väg flyg godstrafik pendling tillgänglighet service
handel tjänster industri tillverkning verkstadsindustri träindustri glasriket
design formgivning kreativa näringar upplevelser evenemang idrott friluftsliv
natur naturturism vatten vattenvård havsmiljö östersjön biologisk mångfald
ekosystemtjänster klimatanpassning utsläpp koldioxid fossilfri resiliens
beredskap krisberedskap trygghet säkerhet välfärd äldre barn ungdomar familjer
nyanlända utrikes födda arbetslöshet sysselsättning matchning validering
yrkeshögskola högskola universitet linnéuniversitetet lärcentrum vuxenutbildning
gymnasieskola skola lärande livslångt kompetensförsörjning kompetensutveckling
rekrytering arbetskraft arbetsgivare medarbetare ledarskap styrning organisation
offentlig sektor privat ideell civilsamhälle föreningar medborgare dialog
delaktighet demokrati inflytande öppenhet data öppna data statistik indikatorer
digital digitala tjänster e-hälsa välfärdsteknik teknik automation robotik
artificiell intelligens smart specialisering testbädd demonstrator prototyp
affärsutveckling affärsmodell nyföretagande företagare småföretag mikroföretag
tillväxtföretag inkubator acceleratorprogram rådgivning coachning mentorskap
lokal lokalt regionalt nationellt internationellt europeisk eu interreg eruf
esf tillväxtverket länsstyrelsen regionförbund kommunförbund samarbete
gränsöverskridande bostäder bostadsbyggande planering fysisk planering översiktsplan
mark markanvändning vattenförsörjning avlopp avfall återvinning materialflöden
matproduktion förädling livsmedelsförädling gårdsbutik lantbruk djurhållning
mjölk kött spannmål odling trädgård vin dryck restaurang måltid gastronomi
hotell camping stugor destination marknadsföring varumärke profilering synlighet
kommunikation information webbplats sociala medier besökare gäster säsong
året runt helårsturism cykel vandring kajak båt segling badplats strand
kulturarv museum bibliotek konst musik teater film scen hantverk
ungdomsarbete fritid mötesplats sammanhållning social ekonomi sociala företag
arbetsintegrerande hälsofrämjande förebyggande psykisk ohälsa fysisk aktivitet
primärvård nära vård distans distansarbete coworking kontorshotell
fiber uppkoppling mobilnät täckning glesbefolkade avstånd resor restid
`
      .split(/\s+/)
      .filter((w) => w.length > 0),
  ),
];
