/*
 * lexicon.c: the word lists behind lexicon.h, in one table hashed on first
 * use. The lists are general news English; nothing in them names a
 * particular story.
 */
#include "lexicon.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

typedef struct lex_entry {
    const char *words; /* space-separated */
    unsigned classes;
} lex_entry;

static const lex_entry lex_lists[] = {
    {"say said says tell told tells add added adds ask asked asks warn warned warns "
     "urge urged urges insist insisted insists note noted explain explained explains "
     "write wrote writes tweet tweeted tweets declare declared declares stated claim "
     "claimed claims argue argued argues continued concluded concludes reply replied "
     "replies respond responded responds recalled recalls acknowledged acknowledges "
     "admit admitted admits announce announced announces assert asserted asserts "
     "boasted cautioned commented complain complained complains concede conceded "
     "concedes confirm confirmed confirms contend contended emphasize emphasized "
     "emphasizes emphasise emphasised emphasises joked maintained maintains observed "
     "predicted promised remarked reiterate reiterated reiterates repeated stressed "
     "stresses suggest suggested suggests testified vow vowed vows whispered shouted "
     "describe described describes call called calls appeal appealed appeals demand "
     "demanded demands accused accuses pledged pledges quipped texted emailed "
     "exclaimed answered informed denied denies agreed touted recounted wondered "
     "posted predicts insisting chanted yelled screamed cried muttered murmured sighed laughed "
     "snapped retorted countered pleaded begged mused", LEX_CUE},
    {"saying telling adding asking warning urging insisting noting explaining writing "
     "tweeting declaring claiming arguing calling describing accusing stressing "
     "suggesting vowing demanding appealing emphasizing emphasising pledging promising "
     "announcing complaining acknowledging admitting denying conceding confirming "
     "quipping replying responding", LEX_CUE_ING},
    {"secretary state minister prime foreign home defence defense interior finance trade "
     "health justice education energy environment economy transport culture treasury "
     "president vice chancellor ambassador envoy senator sen representative rep "
     "congressman congresswoman governor gov mayor chief executive ceo chairman "
     "chairwoman chair leader director general deputy head commissioner judge king "
     "queen prince princess pope sir lord lady dame dr mr mrs ms miss professor prof mp "
     "mep senior officer captain coach lieutenant colonel sergeant admiral commander "
     "diplomat premier attorney treasurer spokesman spokeswoman spokesperson adviser "
     "advisor aide official top former acting interim permanent assistant associate "
     "manager founder editor correspondent analyst economist inspector superintendent "
     "detective constable councillor councilor sheriff bishop archbishop cardinal rabbi "
     "imam reverend rev us u.s. uk u.k. eu u.n. un speaker whip st mt ft prosecutor "
     "lawyer barrister solicitor striker midfielder defender goalkeeper winger quarterback "
     "pitcher nurse engineer teacher historian pilot driver secretary-general "
     "attorney-general director-general governor-general vice-president vice-chancellor "
     "editor-in-chief commander-in-chief pundit presenter broadcaster columnist commentator "
     "singer actor actress star veteran teammate boss chef farmer", LEX_TITLE},
    {"spokesman spokeswoman spokesperson spokespeople spokesmen source sources official "
     "officials aide aides adviser advisers advisor advisors minister ministers secretary "
     "ambassador diplomat diplomats envoy president chancellor leader leaders executive "
     "director statement person people analyst analysts expert experts witness "
     "witnesses resident residents police officer officers lawyer lawyers attorney "
     "prosecutor prosecutors representative member members insider insiders colleague "
     "ally allies critic critics researcher researchers economist scientist doctor "
     "ministry government department embassy office company firm agency campaign "
     "union council committee court military army spokesperson mayor governor senator "
     "chairman chairwoman premier authorities negotiator negotiators authority operator "
     "regulator watchdog board commission opposition family", LEX_ROLE},
    {"a an another one two three several some many hundreds thousands dozens scores", LEX_DET},
    {"mr mrs ms dr sen rep gov gen col lt sgt capt cmdr prof rev hon st mt ft supt insp det cllr",
     LEX_ABBREV | LEX_TITLE},
    {"call calls demand demands claim claims appeal appeals reply replies vow vows tweet "
     "tweets note notes", LEX_NOUN_CUE},
    {"de la le du des del della di da van von der den ter ten dos das bin ibn al el",
     LEX_PARTICLE},
    {"the his her its their our my your", LEX_THE},
    {"he she they it", LEX_PRON},
    {"has have had is was were are be been will would could should may might did does "
     "do also previously further later then again once today yesterday tonight "
     "separately earlier herself himself themselves itself not never just still "
     "already first last subsequently finally recently reportedly repeatedly "
     "initially", LEX_AUX},
    {"that which who whom whose but and or while when as because after before if so "
     "than since although though where how why what whether until unless with without "
     "by from about against over into nor yet amid during to", LEX_BOUND},
    {"of for at in on to with and from de van von der da di du la le bin al el y", LEX_LINK},
    {"after before despite following ahead during in on at while when although though "
     "as since speaking paraphrasing asked earlier later meanwhile however but yet "
     "still instead separately last this with without amid under for from by once if "
     "unless because until given having addressing responding", LEX_FRONT},
    {"ministry office department embassy government society party council commission "
     "agency police court bank company corporation corp inc ltd group university "
     "institute association union committee parliament congress senate house kremlin "
     "pentagon downing foundation authority board bureau service organisation "
     "organization federation league club network command forces army navy nato "
     "no.10 whitehall", LEX_BODY},
    {"china beijing russia moscow britain london washington america france paris germany "
     "berlin japan tokyo india delhi iran tehran israel ukraine kyiv brussels europe "
     "canada ottawa australia canberra korea seoul pyongyang taiwan taipei turkey ankara "
     "brazil mexico spain madrid italy rome egypt cairo pakistan syria iraq baghdad "
     "riyadh poland warsaw hungary budapest westminster", LEX_PLACE},
    {"officials sources aides advisers advisors analysts experts diplomats residents "
     "witnesses critics officers lawyers prosecutors people members insiders allies "
     "spokespeople spokesmen authorities ministers leaders police negotiators lawmakers "
     "legislators republicans democrats voters supporters protesters activists relatives parents "
     "neighbours neighbors friends colleagues families", LEX_PLURAL},
    {"spokesman spokeswoman spokesperson spokespeople spokesmen aide aides adviser advisers "
     "advisor advisors source sources official officials representative insider insiders",
     LEX_AGENT},
    {"say said says add added adds ask asked asks write wrote writes continued continues "
     "replied replies explained explains noted notes insisted insists declared declares "
     "recalled recalls tweeted tweets concluded concludes argued argues observed "
     "cautioned warned warns stressed stresses quipped answered responded joked "
     "wondered exclaimed whispered shouted chanted yelled screamed cried muttered murmured "
     "sighed laughed snapped retorted countered pleaded begged mused", LEX_INVERT},
    {"mr sir lord king prince he him his himself spokesman chairman congressman councilman "
     "businessman assemblyman alderman policeman father brother son husband", LEX_MALE},
    {"mrs ms miss madam dame lady queen princess she her herself spokeswoman chairwoman "
     "congresswoman councilwoman businesswoman assemblywoman alderwoman policewoman mother "
     "sister daughter wife", LEX_FEMALE},
    {"the a an of to in and or that this is are was were be been it its we i you he she they "
     "our their for on at with as by from but so have has had will would can what which who "
     "there these those s", LEX_STOP},
    {"monday tuesday wednesday thursday friday saturday sunday january february march april "
     "june july august september october november december today yesterday tonight morning "
     "afternoon evening night week weekend month year", LEX_TIME},
    {"nominee candidate businessman businesswoman billionaire congressman congresswoman "
     "lawmaker legislator strategist pollster manager chairman frontrunner challenger "
     "incumbent delegate host anchor moderator author owner partner counsel consultant "
     "organizer organiser campaigner activist candidate nominee councilman councilwoman "
     "assemblyman assemblywoman alderman alderwoman businesswoman policeman policewoman "
     "firefighter harbourmaster harbormaster headmaster headteacher principal dean "
     "provost rector chaplain pastor priest minister mate deputy spouse wife husband "
     "son daughter brother sister father mother colleague", LEX_TITLE | LEX_ROLE},
    /* Sentence adverbs and connectives: "Even Ana Ruiz agreed", "Indeed,
     * the mayor said", "Hours later, Bo Chan wrote". */
    {"even indeed now maybe perhaps still yet only also so then later meanwhile moreover "
     "likewise thus hence however furthermore nonetheless nevertheless instead besides "
     "again already ever there here too thereafter afterwards afterward otherwise "
     "certainly clearly surely obviously apparently specifically notably similarly "
     "additionally consequently finally ultimately eventually originally initially "
     "recently currently previously hopefully unfortunately fortunately interestingly "
     "importantly ironically naturally sadly oddly frankly honestly actually basically "
     "essentially simply almost nearly shortly back hours minutes days weeks months "
     "years earlier elsewhere overall otherwise regardless rather once", LEX_OPENER},
    /* Party labels and plural titles: "Republican Tom Hale said" is Tom
     * Hale; "Senators Ann Lee and Bo Chan" are no "Senators Ann Lee". */
    {"democrat democrats democratic republican republicans libertarian libertarians independent "
     "senators representatives reps governors mayors ministers congressmen "
     "congresswomen lawmakers candidates presidents secretaries ambassadors judges "
     "justices officials", LEX_LABEL},
    {"coalition caucus convention conference", LEX_BODY},
    {"ltd inc corp co llc plc gmbh ag sa nv bv", LEX_FIRM},
    {"capital city town village county district suburb neighborhood neighbourhood region "
     "province borough hometown island port", LEX_LOCALE},
    {"times post news journal herald tribune daily examiner guardian telegraph mail express "
     "reuters press associated gazette observer chronicle review magazine sea river street "
     "road avenue square island islands bay county city airport station hospital school "
     "college initiative act bill plan", LEX_BODY},
};

#define LEX_SLOTS 2048 /* a power of two, well above the number of words */
#define LEX_MAX_WORD 24

typedef struct lex_slot {
    char word[LEX_MAX_WORD];
    uint8_t len; /* 0 for an empty slot */
    unsigned classes;
} lex_slot;

static lex_slot lex_table[LEX_SLOTS];
static bool lex_ready;
/* A quick "certainly not in the lexicon" test before hashing, since most
 * words of an article are not: one bit per (length, first letter, last
 * letter), case folded. */
static uint8_t lex_shape[LEX_MAX_WORD][32][32 / 8];

/* Tests, or with `set` records, the shape of a word of n bytes from its
 * first and last folded bytes. */
static bool shape_of(char first, char last, size_t n, bool set)
{
    unsigned a = (unsigned char)first & 31, z = (unsigned char)last & 31;
    uint8_t *cell = &lex_shape[n][a][z / 8], bit = (uint8_t)(1u << (z % 8));
    if (set)
        *cell |= bit;
    return (*cell & bit) != 0;
}

/* ASCII case folding: what tolower() does in the C locale, which quotelens
 * never leaves, without a call per byte. */
static char fold_byte(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Folds w[0..n) into out and returns its hash (FNV-1a: the words are
 * short, and a hash computed while folding costs no second pass). */
static uint32_t lex_fold(const char *w, size_t n, char *out)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        out[i] = fold_byte(w[i]);
        h = (h ^ (unsigned char)out[i]) * 16777619u;
    }
    return h;
}

/* folded is zero-padded to LEX_MAX_WORD bytes, as the stored words are,
 * so that the comparison has a constant size the compiler unrolls. */
static lex_slot *lex_find(const char *folded, size_t n, uint32_t h)
{
    size_t i = h & (LEX_SLOTS - 1);
    while (lex_table[i].len && (lex_table[i].len != n || memcmp(lex_table[i].word, folded, LEX_MAX_WORD) != 0))
        i = (i + 1) & (LEX_SLOTS - 1);
    return &lex_table[i];
}

static void lex_build(void)
{
    for (size_t l = 0; l < sizeof lex_lists / sizeof *lex_lists; l++) {
        for (const char *p = lex_lists[l].words; *p;) {
            const char *e = strchr(p, ' ');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            char folded[LEX_MAX_WORD] = {0};
            if (n > 0 && n < LEX_MAX_WORD) {
                lex_slot *s = lex_find(folded, n, lex_fold(p, n, folded));
                memcpy(s->word, folded, n);
                s->len = (uint8_t)n;
                s->classes |= lex_lists[l].classes;
                shape_of(folded[0], folded[n - 1], n, true);
            }
            p += n + (e != NULL);
        }
    }
    lex_ready = true;
}

unsigned lexicon_classes(const char *w, size_t n)
{
    if (!lex_ready)
        lex_build();
    if (n > 1 && w[n - 1] == '.')
        n--;
    if (n == 0 || n >= LEX_MAX_WORD)
        return 0;
    /* "Ex-teammate", "ex-minister": a former title is a title. */
    if (n > 3 && (w[0] | 0x20) == 'e' && (w[1] | 0x20) == 'x' && w[2] == '-')
        return lexicon_classes(w + 3, n - 3) ? LEX_TITLE : 0;
    if (!shape_of(fold_byte(w[0]), fold_byte(w[n - 1]), n, false))
        return 0;
    char folded[LEX_MAX_WORD] = {0};
    uint32_t h = lex_fold(w, n, folded);
    return lex_find(folded, n, h)->classes;
}
