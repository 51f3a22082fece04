/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "easel-progress.h"
#include "easel-table.h"

G_BEGIN_DECLS

typedef enum
{
  EASEL_ENCODING_AUTO,     /* UTF-8 if the bytes are valid UTF-8, else Windows-1252 */
  EASEL_ENCODING_UTF8,
  EASEL_ENCODING_LATIN1,   /* Windows-1252 (a superset of ISO 8859-1 in practice) */
} EaselEncoding;

typedef enum
{
  EASEL_HEADER_AUTO = -1,
  EASEL_HEADER_NO = 0,
  EASEL_HEADER_YES = 1,
} EaselHeaderMode;

typedef struct
{
  char             delimiter;     /* 0 = detect among , ; TAB | */
  char             decimal;       /* 0 = ',' when the delimiter is ';', else '.' */
  EaselHeaderMode  header;
  EaselEncoding    encoding;
  char           **na_values;     /* NULL-terminated; NULL = the default list */
  char           **type_names;    /* NULL-terminated column names to force a type on... */
  EaselColumnType *types;         /* ...and their types */
  guint            n_threads;     /* 0 = as many as cores */
} EaselCsvOptions;

/* What the importer decided and anything a person should know about. */
typedef struct
{
  char           delimiter;
  char           decimal;
  gboolean       has_header;
  EaselEncoding  encoding;      /* the encoding that was used */
  GPtrArray     *warnings;      /* char *, full sentences */
} EaselCsvReport;

void           easel_csv_options_init   (EaselCsvOptions *options);
/* The strings read as missing by default: "", NA, N/A, NaN, null, NULL, ?. */
const char *const *easel_csv_default_na_values (void);

void           easel_csv_report_clear   (EaselCsvReport *report);

/* Read a delimited text file into a table. 'report' may be NULL. */
EaselTable    *easel_csv_read_file      (const char            *path,
                                         const EaselCsvOptions *options,
                                         EaselCsvReport        *report,
                                         EaselProgress         *progress,
                                         GCancellable          *cancellable,
                                         GError               **error);
/* The same on bytes in memory; 'name' is used in messages. */
EaselTable    *easel_csv_read_data      (const char            *name,
                                         const char            *data,
                                         gsize                  length,
                                         const EaselCsvOptions *options,
                                         EaselCsvReport        *report,
                                         EaselProgress         *progress,
                                         GCancellable          *cancellable,
                                         GError               **error);

/* Write with RFC 4180 quoting where a field needs it; missing values are empty fields. */
gboolean       easel_csv_write_file     (EaselTable            *table,
                                         const char            *path,
                                         char                   delimiter,
                                         EaselProgress         *progress,
                                         GCancellable          *cancellable,
                                         GError               **error);
gboolean       easel_csv_write_stream   (EaselTable            *table,
                                         GOutputStream         *stream,
                                         char                   delimiter,
                                         EaselProgress         *progress,
                                         GCancellable          *cancellable,
                                         GError               **error);

/* Low-level number parsing, exposed for tests: parses [s, s+len) as a decimal number
 * (surrounding spaces allowed) with 'decimal' as the decimal mark; the result is the
 * double strtod() would give. Returns FALSE if it is not a number. */
gboolean       easel_parse_double       (const char *s,
                                         gsize       len,
                                         char        decimal,
                                         double     *out);
/* ISO 8601 date or date-time; seconds since the epoch in UTC. */
gboolean       easel_parse_datetime     (const char *s,
                                         gsize       len,
                                         double     *out,
                                         gboolean   *has_time);

G_END_DECLS
