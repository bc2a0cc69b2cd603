/*
 * main.c: the quotelens command line. Chooses between the subcommands; each
 * lives in its own module and gets the remaining arguments. Owns the usage
 * text and the last word on standard output: whatever a subcommand printed
 * must have reached it, or the run fails (a pipeline must not take a lost
 * output for success).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "lsp.h"
#include "server.h"

static const char usage[] =
    "usage: quotelens scan [--json] [--strict] [--check] [--corpus DIR]... [--] FILE...\n"
    "       quotelens            (no arguments: the Neovim co-process, msgpack-RPC on stdio)\n"
    "       quotelens lsp        (the language server, LSP on stdio; :help quotelens-lsp)\n"
    "       quotelens --version | --help | -h | help [scan]\n"
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
    "  -              as FILE: read standard input (named <stdin> in the output)\n"
    "  --json         one JSON object per quotation per line instead, with\n"
    "                 the rule that named its speaker (`rule`; see\n"
    "                 :help quotelens-rules); each line is written as it\n"
    "                 is made, taking no more memory than the text output\n"
    "  --corpus DIR   also look for each quote in the .txt, .md and .html\n"
    "                 files under DIR (repeatable); a DIR that cannot be\n"
    "                 read is an error\n"
    "  --strict       also report differences of spelling\n"
    "  --check        exit with status 3 when a warning was reported, for CI\n"
    "  --             what follows is a FILE, even when it starts with -\n"
    "  -h, --help     print this help and exit\n"
    "  --version      print the version and exit\n"
    "\n"
    "A FILE or corpus file ending in .html or .htm is read as its text: markup\n"
    "stripped, entities such as &ldquo; decoded; LINE:COL and byte offsets\n"
    "then count in that text.\n"
    "FILE in text output stays on one line and can be read back: a newline,\n"
    "CR and tab are written \\n \\r \\t, other control bytes and bytes of\n"
    "invalid UTF-8 \\xNN, a backslash \\\\. In --json, `file` has U+FFFD for\n"
    "invalid UTF-8, and `file_bytes` then gives the name's bytes in hex.\n"
    "Only regular files are read: a FIFO, socket or device is skipped with a\n"
    "message; a file is read up to its size when opened; one file reached\n"
    "by several paths (a link, ./dir, dir/..) is one document.\n"
    "\n"
    "Exit status: 0 when every file was scanned, 1 when some could not be, a\n"
    "--corpus DIR could not be read or the output could not be written (a\n"
    "full disk, a closed pipe), 2 when no file could be scanned or the\n"
    "arguments are wrong, 3 with --check when all were scanned and one has a\n"
    "warning.\n";

static bool is_help(const char *arg)
{
    return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

/* Whether `scan` was asked for help (before any "--"). */
static bool scan_wants_help(int argc, char **argv)
{
    for (int i = 2; i < argc && strcmp(argv[i], "--") != 0; i++)
        if (is_help(argv[i]))
            return true;
    return false;
}

/* Closes standard output and says whether all that was written reached
 * it: a write error met earlier (ferror) or at the last flush fails the
 * run with status 1, whatever the subcommand's own status. A subcommand
 * stops printing at its first write error, so errno still tells why. */
static int close_stdout(int status)
{
    int why = errno;
    bool failed_before = ferror(stdout) != 0;
    errno = 0;
    bool failed_now = fclose(stdout) != 0;
    if (!failed_before && !failed_now)
        return status;
    if (failed_now && errno != 0)
        why = errno;
    if (why != 0)
        fprintf(stderr, "quotelens: cannot write the output: %s\n", strerror(why));
    else
        fputs("quotelens: cannot write the output\n", stderr);
    return 1;
}

static int run(int argc, char **argv)
{
    const char *cmd = argv[1];
    if (strcmp(cmd, "scan") == 0 && !scan_wants_help(argc, argv))
        return cli_scan(argc - 2, argv + 2);
    if (strcmp(cmd, "--version") == 0) {
        printf("quotelens %s\n", QL_VERSION);
        return 0;
    }
    if (strcmp(cmd, "scan") == 0 || is_help(cmd) ||
        (strcmp(cmd, "help") == 0 && (argc == 2 || strcmp(argv[2], "scan") == 0))) {
        fputs(usage, stdout);
        return 0;
    }
    fputs(usage, stderr);
    return 2;
}

int main(int argc, char **argv)
{
    if (argc == 1)
        return server_run(); /* stdout is the RPC channel, the server's own */
    if (argc == 2 && strcmp(argv[1], "lsp") == 0)
        return lsp_run(); /* stdout is the LSP channel, the server's own */
    return close_stdout(run(argc, argv));
}
