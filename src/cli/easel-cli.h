/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "easel-json.h"

#include "easel-core.h"

G_BEGIN_DECLS

/* Exit codes: 0 success, 1 bad input, 2 wrong usage. */
#define EASEL_CLI_EXIT_INPUT 1
#define EASEL_CLI_EXIT_USAGE 2

/* A command: argv[0] is the command's name. */
typedef int (*EaselCliCommand) (int argc, char **argv);

int   easel_cli_profile (int argc, char **argv);
int   easel_cli_convert (int argc, char **argv);
int   easel_cli_correlate (int argc, char **argv);
int   easel_cli_insights (int argc, char **argv);
int   easel_cli_plot (int argc, char **argv);
int   easel_cli_project (int argc, char **argv);
int   easel_cli_model (int argc, char **argv);
int   easel_cli_train (int argc, char **argv);
int   easel_cli_predict (int argc, char **argv);
int   easel_cli_prepare (int argc, char **argv);
int   easel_cli_cluster (int argc, char **argv);
int   easel_cli_pca (int argc, char **argv);
int   easel_cli_card (int argc, char **argv);

/* The self-contained HTML page of easel-cli insights --report. */
gboolean easel_cli_write_insights_report (const char          *path,
                                          const char          *source,
                                          EaselTable          *table,
                                          const EaselInsights *insights,
                                          GError             **error);

/* Print "easel-cli: message" on stderr and return 'code'. */
int   easel_cli_fail        (int         code,
                             const char *format,
                             ...) G_GNUC_PRINTF (2, 3);
/* Parse options; on a usage error prints it and returns FALSE. */
gboolean easel_cli_parse    (GOptionContext *context,
                             int            *argc,
                             char         ***argv);

/* Options shared by commands that read a table. */
typedef struct
{
  char   *delimiter;
  char   *decimal;
  char   *encoding;
  char   *header;
  char  **types;      /* COL=TYPE */
  int     threads;
} EaselCliReadOptions;

/* Adds the reading options to the context's main options, so --help lists them. */
void          easel_cli_add_read_options   (GOptionContext      *context,
                                            EaselCliReadOptions *options);
void          easel_cli_read_options_clear (EaselCliReadOptions *options);

/* Load a table from "FILE" (CSV/TSV) or "DB.sqlite:TABLE". Sets *usage_error when the
 * options themselves are wrong (exit 2) rather than the input (exit 1). */
EaselTable   *easel_cli_load_table         (const char                *spec,
                                            const EaselCliReadOptions *options,
                                            gboolean                  *usage_error,
                                            GError                   **error);

/* The numeric columns 'wanted' (NULL: every numeric column) of table 'spec' as a row-major
 * matrix of its complete rows (easel_numeric_matrix()); NULL after printing what is wrong,
 * with the exit status in *status. */
double       *easel_cli_load_numeric       (const char                *spec,
                                            const EaselCliReadOptions *options,
                                            const char *const         *wanted,
                                            gsize                     *n_rows,
                                            guint                     *n_columns,
                                            gsize                     *dropped,
                                            char                    ***names,
                                            int                       *status);

/* JSON output: members through easel_json_add_number/int/string (easel-json.h), which
 * write null for numbers that are not finite and NULL strings. */
/* Write the builder's object to standard output on one line; FALSE on a write error. */
gboolean easel_cli_json_print         (JsonBuilder *builder);

/* A progress bar on stderr when it is a terminal and the work takes over a second. */
EaselProgress *easel_cli_progress_new      (void);
void           easel_cli_progress_finish   (EaselProgress *progress);

G_END_DECLS
