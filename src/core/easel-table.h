/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  EASEL_COLUMN_NUMERIC,      /* double */
  EASEL_COLUMN_CATEGORICAL,  /* int32 codes into a dictionary of strings */
  EASEL_COLUMN_TEXT,         /* free text: offsets into one UTF-8 arena */
  EASEL_COLUMN_BOOLEAN,      /* uint8 0/1 */
  EASEL_COLUMN_DATETIME,     /* double seconds since 1970-01-01T00:00:00 UTC */
  EASEL_N_COLUMN_TYPES
} EaselColumnType;

/* One column. The fields are public for the hot loops; build columns with the
 * easel_column_new_*() constructors or EaselColumnBuilder, never by hand.
 *
 * Missing values: 'missing' has one byte per row (1 = missing) or is NULL when no value
 * is missing. A missing numeric or datetime value also holds NaN, a missing categorical
 * value holds code -1, so hot loops may test the value itself. */
typedef struct
{
  char            *name;
  EaselColumnType  type;
  gsize            n_rows;
  gsize            n_missing;
  guint8          *missing;

  double          *num;         /* NUMERIC, DATETIME */
  gint32          *codes;       /* CATEGORICAL */
  guint8          *bools;       /* BOOLEAN */
  guint64         *offsets;     /* TEXT: n_rows + 1 offsets into 'text' */
  char            *text;        /* TEXT: NUL-terminated strings back to back */

  char           **categories;  /* CATEGORICAL: n_categories strings, first-seen order */
  guint32          n_categories;
  gboolean         has_time;    /* DATETIME: some value has a time of day */
} EaselColumn;

typedef struct _EaselTable EaselTable;

const char      *easel_column_type_to_string   (EaselColumnType  type);
/* Accepts the names above ("numeric", "categorical", ...); FALSE if unknown. */
gboolean         easel_column_type_from_string (const char      *name,
                                                EaselColumnType *type);
/* The name in a sentence shown to a person: “numeric”, translated. */
const char      *easel_column_type_to_words    (EaselColumnType  type);

/* Constructors take ownership of the arrays (g_malloc'd); 'missing' may be NULL. */
EaselColumn     *easel_column_new_numeric      (const char  *name,
                                                gsize        n_rows,
                                                double      *values,
                                                guint8      *missing);
EaselColumn     *easel_column_new_datetime     (const char  *name,
                                                gsize        n_rows,
                                                double      *seconds,
                                                guint8      *missing,
                                                gboolean     has_time);
EaselColumn     *easel_column_new_boolean      (const char  *name,
                                                gsize        n_rows,
                                                guint8      *values,
                                                guint8      *missing);
EaselColumn     *easel_column_new_categorical  (const char  *name,
                                                gsize        n_rows,
                                                gint32      *codes,
                                                char       **categories,
                                                guint32      n_categories);
EaselColumn     *easel_column_new_text         (const char  *name,
                                                gsize        n_rows,
                                                guint64     *offsets,
                                                char        *text,
                                                guint8      *missing);
/* Build a categorical or text column from strings (NULL = missing). */
EaselColumn     *easel_column_new_from_strings (const char        *name,
                                                EaselColumnType    type,
                                                const char *const *values,
                                                gsize              n_rows);
void             easel_column_free             (EaselColumn *column);

static inline gboolean
easel_column_is_missing (const EaselColumn *column,
                         gsize              row)
{
  return column->missing != NULL && column->missing[row] != 0;
}

/* The value as text, as it would be written to a CSV file (numbers with the shortest
 * representation that reads back to the same double; datetimes in ISO 8601).
 * Appends nothing for a missing value. */
void             easel_column_append_value     (const EaselColumn *column,
                                                gsize              row,
                                                GString           *out);
/* The same, newly allocated; NULL for a missing value. */
char            *easel_column_dup_value        (const EaselColumn *column,
                                                gsize              row);
/* For TEXT and CATEGORICAL columns: the string at 'row' (NULL if missing). */
const char      *easel_column_get_string       (const EaselColumn *column,
                                                gsize              row);
/* Bytes held by the column's arrays. */
gsize            easel_column_memory_size      (const EaselColumn *column);

/* Format a double as the shortest string that reads back to the same value. */
void             easel_format_double           (double      value,
                                                char        buf[32]);
/* Format seconds since the epoch as ISO 8601 ("2012-01-01" or "2012-01-01T08:30:00"). */
void             easel_format_datetime         (double      seconds,
                                                gboolean    with_time,
                                                char        buf[40]);

EaselTable      *easel_table_new               (void);
EaselTable      *easel_table_ref               (EaselTable  *table);
void             easel_table_unref             (EaselTable  *table);
/* Takes ownership of 'column'. All columns must have the same number of rows. */
void             easel_table_add_column        (EaselTable  *table,
                                                EaselColumn *column);
gsize            easel_table_get_n_rows        (const EaselTable *table);
guint            easel_table_get_n_columns     (const EaselTable *table);
EaselColumn     *easel_table_get_column        (const EaselTable *table,
                                                guint             index);
/* Returns the index, or -1 if there is no such column. */
int              easel_table_find_column       (const EaselTable *table,
                                                const char       *name);
gsize            easel_table_memory_size       (const EaselTable *table);
/* A short label for the table (usually its file's base name); may be NULL. */
const char      *easel_table_get_source        (const EaselTable *table);
void             easel_table_set_source        (EaselTable  *table,
                                                const char  *source);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselColumn, easel_column_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselTable, easel_table_unref)

G_END_DECLS
