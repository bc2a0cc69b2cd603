/*
 * main.c: the quotelens command line. Chooses between the subcommands; each
 * lives in its own module and gets the remaining arguments.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "server.h"


static const char usage[] =
    "usage: quotelens scan [--json] [--strict] [--check] [--corpus DIR]... FILE...\n"
    "       quotelens            (no arguments: the Neovim co-process, msgpack-RPC on stdio)\n"
    "       quotelens --version | --help\n"
    "\n"
    "quotelens finds the direct quotations in news copy, who said them, and\n"
    "the same quotes in other sources.\n"
    "\n"
    "  scan FILE...   print every quotation of each FILE, one per line:\n"
    "                   FILE:LINE:COL: SPEAKER (CUE): \xe2\x80\x9c" "first words\xe2\x80\xa6\xe2\x80\x9d\n"
    "                 and the copy editor's warnings:\n"
    "                   FILE:LINE:COL: warning: MESSAGE\n"
    "                 a quote found in other files or corpus documents ends\n"
    "                 with [N sources]; wording that differs between sources\n"
    "                 and quotes given to different speakers are warnings\n"
    "  --json         one JSON object per quotation per line instead, with\n"
    "                 the rule that named its speaker (`rule`; see\n"
    "                 :help quotelens-rules)\n"
    "  --corpus DIR   also look for each quote in the .txt, .md and .html\n"
    "                 files under DIR (repeatable)\n"
    "  --strict       also report differences of spelling\n"
    "  --check        exit with status 3 when a warning was reported, for CI\n"
    "\n"
    "Exit status: 0 when every file was scanned, 1 when some could not be,\n"
    "2 when none could be or the arguments are wrong, 3 with --check when\n"
    "all were scanned and one has a warning.\n";

int main(int argc, char **argv)
{
    if (argc == 1)
        return server_run();
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
