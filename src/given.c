/*
 * given.c: given names and the sex they usually tell (given.h): two word
 * lists, kept sorted in lowercase here (asserted on first use) and
 * searched by bisection, without case.
 */
#include "given.h"

#include <assert.h>
#include <stdbool.h>
#include <string.h>

#include "lexicon.h"

static const char *const male[] = {
    "aaron", "abdul", "adam", "ahmed", "alan", "albert", "alberto", "alexander", "alfred",
    "ali", "andre", "andrew", "andy", "angus", "anthony", "antonio", "arthur", "barack",
    "barry", "ben", "benjamin", "bernard", "bernie", "bill", "billy", "bob", "boris",
    "brad", "brendan", "brian", "bruce", "bryan", "callum", "carl", "carlos", "charles",
    "charlie", "chuck", "clarence", "colin", "craig", "dan", "daniel", "danny", "darren",
    "dave", "david", "dennis", "derek", "dick", "dmitry", "don", "donald", "doug",
    "douglas", "duncan", "dylan", "earl", "ed", "eddie", "edward", "eli", "elijah",
    "emmanuel", "eric", "erik", "ernest", "eugene", "evan", "francis", "francisco", "frank",
    "fred", "frederick", "gary", "gavin", "geoff", "geoffrey", "george", "gerald", "gordon",
    "graham", "greg", "gregory", "hank", "harold", "harry", "henry", "howard", "hugh",
    "hugo", "ian", "igor", "isaac", "ivan", "jack", "jacob", "jake", "james", "jamie",
    "jared", "jason", "javier", "jeb", "jeff", "jeffrey", "jeremy", "jerry", "jesse", "jim",
    "jimmy", "joe", "joel", "john", "johnny", "jon", "jonathan", "jorge", "jose", "joseph",
    "josh", "joshua", "juan", "julian", "justin", "karl", "keith", "ken", "kenneth",
    "kevin", "larry", "lars", "lawrence", "leo", "leon", "liam", "lorenzo", "louis", "luis",
    "luke", "malcolm", "marco", "marcus", "mario", "mark", "martin", "matt", "matthew",
    "max", "michael", "miguel", "mike", "mitch", "mitt", "mohamed", "mohammed", "muhammad",
    "nate", "nathan", "neil", "newt", "nicholas", "nick", "nigel", "noah", "oliver", "omar",
    "oscar", "owen", "pablo", "patrick", "paul", "pavel", "pedro", "pete", "peter", "phil",
    "philip", "rand", "randy", "raymond", "reince", "richard", "rick", "rob", "robert",
    "roger", "ron", "ronald", "roy", "rudy", "rupert", "russell", "ryan", "samuel", "scott",
    "sean", "sergei", "seth", "simon", "stephen", "steve", "steven", "stuart", "ted",
    "terry", "thomas", "tim", "timothy", "todd", "tom", "tomas", "tommy", "tony", "trey",
    "victor", "vince", "vincent", "vladimir", "walter", "wayne", "will", "william", "willie", "xi",
    "yusuf", "zach",
};

static const char *const female[] = {
    "abigail", "ada", "agnes", "alice", "alicia", "alison", "amanda", "amara", "amy", "ana",
    "angela", "angelina", "anita", "ann", "anna", "anne", "annie", "barbara", "beatriz",
    "becky", "betsy", "betty", "beverly", "brenda", "bridget", "camila", "carla", "carly",
    "carmen", "carol", "caroline", "catherine", "cathy", "cecilia", "charlotte", "cheryl",
    "christina", "christine", "claire", "clara", "claudia", "cynthia", "debbie", "deborah",
    "debra", "denise", "diana", "diane", "donna", "dorothy", "elaine", "eleanor", "elena",
    "elisabeth", "elizabeth", "ella", "ellen", "elsa", "emily", "emma", "erin", "eva",
    "eve", "fatima", "fiona", "frances", "gabriela", "gail", "gina", "gloria", "grace",
    "hannah", "heather", "heidi", "helen", "helena", "hillary", "huma", "ilse", "ines",
    "ingrid", "irene", "isabel", "isabella", "ivanka", "jane", "janet", "janice", "jeanne",
    "jennifer", "jenny", "jessica", "jill", "joan", "joanna", "joanne", "jodi", "josephine",
    "joyce", "judith", "judy", "julia", "julie", "karen", "kate", "katherine", "kathleen",
    "kathryn", "kathy", "katie", "kellyanne", "kirsten", "kristen", "laura", "lauren",
    "lena", "linda", "lisa", "liz", "lois", "loretta", "lorraine", "louise", "lucy",
    "lydia", "lynn", "madeleine", "maggie", "margaret", "maria", "marie", "marina",
    "marion", "marsha", "martha", "mary", "maureen", "may", "maya", "megan", "megyn", "melania",
    "melissa", "mia", "michele", "michelle", "mildred", "mira", "miriam", "molly", "monica",
    "nancy", "naomi", "natalie", "nicola", "nicole", "nikki", "nina", "nora", "olga",
    "olivia", "pamela", "patricia", "paula", "pauline", "peggy", "penny", "phyllis", "pia",
    "rachel", "rebecca", "rita", "rosa", "rose", "ruth", "sally", "samantha", "sandra",
    "sara", "sarah", "sharon", "sheila", "shirley", "sofia", "sonia", "sophie", "stephanie",
    "susan", "suzanne", "sylvia", "tamara", "teresa", "theresa", "tina", "tracy", "tulsi",
    "valerie", "vanessa", "victoria", "virginia", "wendy", "yvonne", "zoe",
};

/* Compares a lowercase entry with w[0, n) folded to lowercase (ASCII):
 * inline, as a library call per probe cost more than the search. */
static int cmp_lower(const char *entry, const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char a = (unsigned char)entry[i], b = (unsigned char)w[i];
        if (b >= 'A' && b <= 'Z')
            b = (unsigned char)(b + 32);
        if (a != b)
            return a < b ? -1 : 1; /* an entry's NUL sorts first */
    }
    return entry[n] != '\0';
}

static bool in(const char *const *list, size_t n, const char *w, size_t len)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = cmp_lower(list[mid], w, len);
        if (c == 0)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

static bool sorted(const char *const *list, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (strcmp(list[i - 1], list[i]) >= 0)
            return false;
    return true;
}

unsigned given_sex(const char *w, size_t n)
{
    static bool checked; /* once: the lists are the code's, not the input's */
    if (!checked) {
        (void)sorted; /* used by assert() alone, which NDEBUG removes */
        assert(sorted(male, sizeof male / sizeof *male) && sorted(female, sizeof female / sizeof *female));
        checked = true;
    }
    if (n == 0 || n > 16)
        return 0;
    if (in(male, sizeof male / sizeof *male, w, n))
        return LEX_MALE;
    if (in(female, sizeof female / sizeof *female, w, n))
        return LEX_FEMALE;
    return 0;
}
