/*
 * main.c: the quotelens command line. Chooses between the subcommands; each
 * lives in its own module and gets the remaining arguments.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

#define QL_VERSION "0.1.0"

static const char usage[] =
    "usage: quotelens scan [--json] FILE...\n"
    "       quotelens --version | --help\n"
    "\n"
    "quotelens finds the direct quotations in news copy and who said them.\n"
    "\n"
    "  scan FILE...   print every quotation of each FILE, one per line:\n"
    "                   FILE:LINE:COL: SPEAKER (CUE): \xe2\x80\x9c" "first words\xe2\x80\xa6\xe2\x80\x9d\n"
    "                 and the copy editor's warnings:\n"
    "                   FILE:LINE:COL: warning: MESSAGE\n"
    "  --json         one JSON object per quotation per line instead\n"
    "\n"
    "Exit status: 0 when every file was scanned, 1 when some could not be,\n"
    "2 when none could be or the arguments are wrong.\n";

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "scan") == 0)
        return cli_scan(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
        printf("quotelens %s\n", QL_VERSION);
        return 0;
    }
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(usage, stdout);
        return 0;
    }
    fputs(usage, stderr);
    return 2;
}
