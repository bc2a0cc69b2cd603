/*
 * cli.h: the `scan` subcommand: reads files, analyses them, prints the
 * quotations as quickfix-style text or JSON Lines.
 */
#ifndef QL_CLI_H
#define QL_CLI_H

/* Runs `quotelens scan` with the arguments after "scan"; returns the exit status. */
int cli_scan(int argc, char **argv);

#endif
