/*
 * main.c: the quotelens command line. Chooses between the subcommands; each
 * lives in its own module and gets the remaining arguments.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "lsp.h"
#include "server.h"


static const char usage[] =
    "usage: quotelens scan [--json] [--strict] [--check] [--corpus DIR]... FILE...\n"
    "       quotelens            (no arguments: the Neovim co-process, msgpack-RPC on stdio)\n"
    "       quotelens lsp        (the language server, LSP on stdio; :help quotelens-lsp)\n"
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
    "FILE in text output stays on one line and can be read back: a newline,\n"
    "CR and tab are written \\n \\r \\t, other control bytes and bytes of\n"
    "invalid UTF-8 \\xNN, a backslash \\\\. In --json, `file` has U+FFFD for\n"
    "invalid UTF-8, and `file_bytes` then gives the name's bytes in hex.\n"
    "Only regular files are read: a FIFO, socket or device is skipped with a\n"
    "message; a file is read up to its size when opened; one file reached\n"
    "by several paths (a link, ./dir, dir/..) is one document.\n"
    "\n"
    "Exit status: 0 when every file was scanned, 1 when some could not be,\n"
    "2 when none could be or the arguments are wrong, 3 with --check when\n"
    "all were scanned and one has a warning.\n";

/* Whether `scan` was asked for help (before any "--"). */
static int wants_help(int argc, char **argv)
{
    for (int i = 2; i < argc && strcmp(argv[i], "--") != 0; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 1)
        return server_run();
    if (argc == 2 && strcmp(argv[1], "lsp") == 0)
        return lsp_run();
    if (argc >= 2 && strcmp(argv[1], "scan") == 0 && wants_help(argc, argv)) {
        fputs(usage, stdout);
        return 0;
    }
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
