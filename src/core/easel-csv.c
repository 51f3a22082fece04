/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

/* The CSV/TSV reader.
 *
 * 1. The bytes are checked (NUL bytes, binary data) and made UTF-8 (BOM, UTF-16, Windows-1252).
 * 2. The dialect (delimiter, decimal mark, header) is guessed from a sample.
 * 3. The file is cut into chunks at record boundaries (quote-aware) and the chunks are parsed
 *    in parallel. Each chunk keeps, per column, either doubles (numbers, booleans, datetimes)
 *    or codes into a chunk-local string dictionary; a chunk column that meets a value of
 *    another kind is re-read as strings.
 * 4. Columns are merged across chunks: one kind everywhere gives that type, a mix gives
 *    strings, and strings become categorical or text by their number of distinct values. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <omp.h>

#include "easel-csv.h"
#include "easel-error.h"
#include "easel-infer.h"
#include "easel-dict.h"

#define SAMPLE_BYTES (256 * 1024)
#define SAMPLE_RECORDS 200
#define MIN_CHUNK_BYTES (512 * 1024)
#define MAX_WARNINGS 20

/* ------------------------------------------------------------------------------------------ */
/* Options                                                                                     */

static const char *const default_na[] = { "", "NA", "N/A", "NaN", "null", "NULL", "?", NULL };

const char *const *
easel_csv_default_na_values (void)
{
  return default_na;
}

void
easel_csv_options_init (EaselCsvOptions *options)
{
  memset (options, 0, sizeof *options);
  options->header = EASEL_HEADER_AUTO;
  options->encoding = EASEL_ENCODING_AUTO;
}

void
easel_csv_report_clear (EaselCsvReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->warnings, g_ptr_array_unref);
  memset (report, 0, sizeof *report);
}

/* ------------------------------------------------------------------------------------------ */
/* Small helpers                                                                               */

static gsize
line_of_offset (const char *data,
                gsize       offset)
{
  gsize line = 1;
  const char *p = data, *end = data + offset;

  while ((p = memchr (p, '\n', end - p)) != NULL)
    {
      line++;
      p++;
    }
  return line;
}

/* ------------------------------------------------------------------------------------------ */
/* Tokenizing                                                                                  */

typedef struct
{
  const char *ptr;
  guint32     len;
  guint8      quoted;    /* the value was in quotes (and is not a missing-value token then) */
  guint8      escaped;   /* FIELD_ESCAPED or FIELD_MESSY: see field_value() */
} Field;

/* Doubled quotes to undo inside a quoted value. */
#define FIELD_ESCAPED 1
/* Text after the closing quote ("abc"d): 'ptr' starts at the opening quote; the quoted part
 * is unescaped and the rest kept as it is, as pandas and Python's csv module do. */
#define FIELD_MESSY 2

/* The first delimiter or newline at or after p: eight bytes at a time. A byte equal to the
 * delimiter or '\n' becomes zero after the XOR; the classic "has a zero byte" test finds it
 * (false positives only above a true match, so the lowest hit is exact). */
static inline const char *
scan_to_delimiter (const char *p,
                   const char *end,
                   char        delim)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  const guint64 dm = ones * (guint8) delim, nm = ones * (guint8) '\n';

  while (G_BYTE_ORDER == G_LITTLE_ENDIAN && end - p >= 8)
    {
      guint64 w, a, b, hit;
      memcpy (&w, p, 8);
      a = w ^ dm;
      b = w ^ nm;
      hit = (((a - ones) & ~a) | ((b - ones) & ~b)) & highs;
      if (hit != 0)
        return p + (__builtin_ctzll (hit) >> 3);
      p += 8;
    }
  while (p < end && *p != delim && *p != '\n')
    p++;
  return p;
}

/* The closing quote of a quoted field whose opening quote is at 'open', or NULL when it is
 * never closed. Doubled quotes inside are content; *escaped tells whether there were any. */
static inline const char *
find_closing_quote (const char *open,
                    const char *end,
                    gboolean   *escaped)
{
  const char *q = open + 1;

  *escaped = FALSE;
  for (;;)
    {
      q = memchr (q, '"', end - q);
      if (q == NULL)
        return NULL;
      if (q + 1 < end && q[1] == '"')
        {
          *escaped = TRUE;
          q += 2;
          continue;
        }
      return q;
    }
}

typedef enum
{
  RECORD_OK,
  RECORD_BLANK,          /* an empty line */
  RECORD_UNTERMINATED,   /* a quote that is never closed */
} RecordStatus;

/* Read one record at p. Fields beyond max_fields are not stored but counted, and
 * *extra_nonempty tells if any of them had content. Returns the start of the next record. */
static const char *
parse_record (const char   *p,
              const char   *end,
              char          delim,
              Field        *fields,
              guint         max_fields,
              guint        *n_fields,
              gboolean     *extra_nonempty,
              RecordStatus *status)
{
  guint n = 0;

  *extra_nonempty = FALSE;
  *status = RECORD_OK;

  if (p < end && (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n')))
    {
      *n_fields = 0;
      *status = RECORD_BLANK;
      return p + (*p == '\r' ? 2 : 1);
    }

  for (;;)
    {
      const char *start;
      guint32 len;
      guint8 quoted = 0, escaped = 0;

      if (p < end && *p == '"')
        {
          gboolean doubled;
          const char *q = find_closing_quote (p, end, &doubled);

          if (q == NULL)
            {
              *status = RECORD_UNTERMINATED;
              *n_fields = n;
              return end;
            }
          escaped = doubled ? FIELD_ESCAPED : 0;
          start = p + 1;
          len = (guint32) (q - start);
          quoted = 1;
          p = q + 1;
          /* Text between the closing quote and the delimiter: keep the whole field raw. */
          if (p < end && *p != delim && *p != '\n' && !(*p == '\r' && p + 1 < end && p[1] == '\n'))
            {
              while (p < end && *p != delim && *p != '\n')
                p++;
              start -= 1;
              len = (guint32) (p - start);
              if (len > 0 && (p == end || *p == '\n') && start[len - 1] == '\r')
                len--;
              quoted = 0;
              escaped = FIELD_MESSY;
            }
          else if (p < end && *p == '\r')
            p++;
        }
      else
        {
          start = p;
          p = scan_to_delimiter (p, end, delim);
          len = (guint32) (p - start);
          if (len > 0 && (p == end || *p == '\n') && start[len - 1] == '\r')
            len--;
        }

      if (n < max_fields)
        {
          fields[n].ptr = start;
          fields[n].len = len;
          fields[n].quoted = quoted;
          fields[n].escaped = escaped;
        }
      else if (len > 0)
        *extra_nonempty = TRUE;
      n++;

      if (p < end && *p == delim)
        {
          p++;
          continue;
        }
      if (p < end && *p == '\n')
        p++;
      break;
    }
  *n_fields = n;
  return p;
}

/* The start of the first record at or after 'target', scanning from 'p', a record start. */
static const char *
next_record_start (const char *p,
                   const char *end,
                   const char *target,
                   char        delim,
                   gboolean    has_quotes)
{
  if (!has_quotes)
    {
      const char *nl;
      if (target <= p)
        return p;
      nl = memchr (target - 1, '\n', end - (target - 1));
      return nl ? nl + 1 : end;
    }

  /* Field by field from a record start, to the first record start at or beyond target. */
  if (p >= target)
    return p;
  while (p < end)
    {
      if (*p == '"')
        {
          gboolean doubled;
          const char *close = find_closing_quote (p, end, &doubled);

          if (close == NULL)
            return end;
          p = close + 1;
        }
      p = scan_to_delimiter (p, end, delim);
      if (p == end)
        return end;
      if (*p++ == '\n' && p >= target)
        return p;
    }
  return end;
}

/* ------------------------------------------------------------------------------------------ */
/* Value classification                                                                        */

typedef struct
{
  const char  *name;
  const char  *data;
  gsize        len;
  char         delim;
  char         decimal;
  char       **na;          /* owned copy */
  guint        n_na;
  gboolean     na_first[256];
  gboolean     na_empty;
} Dialect;

static inline void
trim (const char **s,
      gsize       *len)
{
  while (*len > 0 && (**s == ' ' || **s == '\t'))
    {
      (*s)++;
      (*len)--;
    }
  while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
    (*len)--;
}

static inline gboolean
is_na (const Dialect *d,
       const char    *s,
       gsize          len)
{
  trim (&s, &len);
  if (len == 0)
    return d->na_empty;
  if (!d->na_first[(guint8) s[0]])
    return FALSE;
  for (guint i = 0; i < d->n_na; i++)
    if (strlen (d->na[i]) == len && memcmp (d->na[i], s, len) == 0)
      return TRUE;
  return FALSE;
}

/* true/yes → 1, false/no → 0, else -1. */
int
easel_parse_bool (const char *s,
            gsize       len,
            gboolean    numeric_too)
{
  trim (&s, &len);
  switch (len)
    {
    case 1:
      if (numeric_too && (s[0] == '1' || s[0] == '0'))
        return s[0] == '1';
      return -1;
    case 2:
      return g_ascii_strncasecmp (s, "no", 2) == 0 ? 0 : -1;
    case 3:
      return g_ascii_strncasecmp (s, "yes", 3) == 0 ? 1 : -1;
    case 4:
      return g_ascii_strncasecmp (s, "true", 4) == 0 ? 1 : -1;
    case 5:
      return g_ascii_strncasecmp (s, "false", 5) == 0 ? 0 : -1;
    default:
      return -1;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Per-chunk column builders                                                                   */

typedef enum
{
  KIND_EMPTY,   /* only missing values so far */
  KIND_NUM,
  KIND_BOOL,
  KIND_DATE,
  KIND_STR,
} Kind;

typedef struct
{
  Kind      kind;
  gboolean  forced;      /* the type was given: no kind changes */
  gboolean  has_time;
  double   *num;         /* NUM, BOOL (0/1), DATE; NaN = missing */
  gint32   *codes;       /* STR: chunk-local codes, -1 = missing */
  EaselDict      dict;
  gsize     n_failed;    /* forced type: values that did not convert */
  gsize     first_failed_offset;
} Builder;

typedef struct
{
  const char *start;
  const char *end;
  gsize       n_rows;
  gsize       cap;
  Builder    *builders;
  /* problems, as byte offsets of the record that has them */
  gsize       n_short;
  gsize       first_short_offset;
  gboolean    has_error;
  gsize       error_offset;
  RecordStatus error_status;
  guint       error_n_fields;
} Chunk;

typedef struct
{
  Dialect            d;
  guint              n_cols;
  Kind              *forced_kind;   /* per column; KIND_EMPTY = not forced */
  EaselColumnType   *forced_type;   /* per column, valid when forced */
  GString           *scratch;       /* per thread unescape buffers: see parse_chunk */
} Plan;

/* Undo doubled quotes into 'buf'; returns the value to use. */
static inline const char *
field_value (const Field *f,
             GString     *buf,
             gsize       *len)
{
  if (!f->escaped)
    {
      *len = f->len;
      return f->ptr;
    }
  g_string_truncate (buf, 0);
  if (f->escaped == FIELD_MESSY)
    {
      guint32 i = 1;
      for (; i < f->len; i++)
        {
          if (f->ptr[i] == '"')
            {
              if (i + 1 < f->len && f->ptr[i + 1] == '"')
                i++;
              else
                break;
            }
          g_string_append_c (buf, f->ptr[i]);
        }
      if (i < f->len)
        g_string_append_len (buf, f->ptr + i + 1, f->len - i - 1);
    }
  else
    for (guint32 i = 0; i < f->len; i++)
      {
        g_string_append_c (buf, f->ptr[i]);
        if (f->ptr[i] == '"' && i + 1 < f->len && f->ptr[i + 1] == '"')
          i++;
      }
  *len = buf->len;
  return buf->str;
}

static void
builder_reserve (Builder *b,
                 gsize    new_cap)
{
  if (b->num != NULL)
    b->num = g_renew (double, b->num, new_cap);
  if (b->codes != NULL)
    b->codes = g_renew (gint32, b->codes, new_cap);
}

static void builder_to_strings (Plan *plan, Chunk *chunk, guint col, gsize n_rows, GString *buf);

/* Store field 'f' of row 'row' in column 'col' of 'chunk'. */
static inline void
builder_add (Plan        *plan,
             Chunk       *chunk,
             guint        col,
             gsize        row,
             const Field *f,
             GString     *buf)
{
  Builder *b = &chunk->builders[col];
  const Dialect *d = &plan->d;
  const char *s;
  gsize len;
  double v;
  gboolean has_time;
  int bv;

  s = field_value (f, buf, &len);
  /* A quoted value is data, not a missing-value token: R writes strings in quotes and NA bare. */
  if ((!f->quoted || len == 0) && is_na (d, s, len))
    {
      switch (b->kind)
        {
        case KIND_EMPTY:
          break;
        case KIND_STR:
          b->codes[row] = -1;
          break;
        case KIND_NUM:
        case KIND_BOOL:
        case KIND_DATE:
        default:
          b->num[row] = NAN;
          break;
        }
      return;
    }

again:
  switch (b->kind)
    {
    case KIND_NUM:
      if (easel_parse_double (s, len, d->decimal, &v))
        {
          b->num[row] = v;
          return;
        }
      break;
    case KIND_BOOL:
      bv = easel_parse_bool (s, len, b->forced);
      if (bv >= 0)
        {
          b->num[row] = bv;
          return;
        }
      break;
    case KIND_DATE:
      if (easel_parse_datetime (s, len, &v, &has_time))
        {
          b->num[row] = v;
          b->has_time |= has_time;
          return;
        }
      break;
    case KIND_STR:
      b->codes[row] = (gint32) easel_dict_intern (&b->dict, s, len);
      return;
    case KIND_EMPTY:
    default:
      {
        Kind kind;

        if (easel_parse_double (s, len, d->decimal, &v))
          kind = KIND_NUM;
        else if (easel_parse_bool (s, len, FALSE) >= 0)
          kind = KIND_BOOL;
        else if (easel_parse_datetime (s, len, &v, &has_time))
          kind = KIND_DATE;
        else
          kind = KIND_STR;
        b->kind = kind;
        if (kind == KIND_STR)
          {
            b->codes = g_new (gint32, chunk->cap);
            for (gsize i = 0; i < row; i++)
              b->codes[i] = -1;
            easel_dict_init (&b->dict);
          }
        else
          {
            b->num = g_new (double, chunk->cap);
            for (gsize i = 0; i < row; i++)
              b->num[i] = NAN;
          }
        goto again;
      }
    }

  /* The value does not fit the column's kind. */
  if (b->forced)
    {
      if (b->n_failed++ == 0)
        b->first_failed_offset = (gsize) (f->ptr - d->data);
      b->num[row] = NAN;
      return;
    }
  {
    /* Keep a copy: re-reading the earlier rows reuses 'buf'. */
    g_autofree char *copy = g_strndup (s, len);
    builder_to_strings (plan, chunk, col, row, buf);
    b->codes[row] = (gint32) easel_dict_intern (&b->dict, copy, len);
  }
}

/* Turn the first n_rows rows of a chunk column into strings by reading them again. */
static void
builder_to_strings (Plan    *plan,
                    Chunk   *chunk,
                    guint    col,
                    gsize    n_rows,
                    GString *buf)
{
  Builder *b = &chunk->builders[col];
  const char *p = chunk->start;
  g_autofree Field *fields = g_new (Field, col + 1);
  gsize row = 0;

  g_clear_pointer (&b->num, g_free);
  b->kind = KIND_STR;
  b->has_time = FALSE;
  b->codes = g_new (gint32, chunk->cap);
  easel_dict_init (&b->dict);

  while (row < n_rows && p < chunk->end)
    {
      guint n_fields;
      gboolean extra;
      RecordStatus status;

      p = parse_record (p, chunk->end, plan->d.delim, fields, col + 1, &n_fields, &extra, &status);
      if (status == RECORD_BLANK)
        continue;
      if (n_fields <= col)
        b->codes[row] = -1;
      else
        {
          gsize len;
          const char *s = field_value (&fields[col], buf, &len);
          b->codes[row] = (!fields[col].quoted || len == 0) && is_na (&plan->d, s, len)
                            ? -1 : (gint32) easel_dict_intern (&b->dict, s, len);
        }
      row++;
    }
}

static void
chunk_grow (Chunk *chunk,
            guint  n_cols)
{
  gsize new_cap = chunk->cap * 2;

  for (guint c = 0; c < n_cols; c++)
    builder_reserve (&chunk->builders[c], new_cap);
  chunk->cap = new_cap;
}

static void
parse_chunk (Plan         *plan,
             Chunk        *chunk,
             GCancellable *cancellable)
{
  guint n_cols = plan->n_cols;
  g_autofree Field *fields = g_new (Field, n_cols);
  g_autoptr(GString) buf = g_string_new (NULL);
  const char *p = chunk->start;
  gsize row = 0;

  for (guint c = 0; c < n_cols; c++)
    {
      Builder *b = &chunk->builders[c];
      b->forced = plan->forced_kind[c] != KIND_EMPTY;
      b->kind = plan->forced_kind[c];
      if (b->kind == KIND_STR)
        {
          b->codes = g_new (gint32, chunk->cap);
          easel_dict_init (&b->dict);
        }
      else if (b->kind != KIND_EMPTY)
        b->num = g_new (double, chunk->cap);
    }

  while (p < chunk->end)
    {
      const char *record = p;
      guint n_fields;
      gboolean extra_nonempty;
      RecordStatus status;

      p = parse_record (p, chunk->end, plan->d.delim, fields, n_cols, &n_fields, &extra_nonempty,
                        &status);
      if (status == RECORD_BLANK)
        continue;
      if (status == RECORD_UNTERMINATED || (n_fields > n_cols && extra_nonempty))
        {
          chunk->has_error = TRUE;
          chunk->error_offset = (gsize) (record - plan->d.data);
          chunk->error_status = status;
          chunk->error_n_fields = n_fields;
          break;
        }
      if (row == chunk->cap)
        chunk_grow (chunk, n_cols);
      if (n_fields < n_cols)
        {
          static const Field empty = { "", 0, 0, 0 };
          if (chunk->n_short++ == 0)
            chunk->first_short_offset = (gsize) (record - plan->d.data);
          for (guint c = n_fields; c < n_cols; c++)
            fields[c] = empty;
        }
      for (guint c = 0; c < n_cols; c++)
        builder_add (plan, chunk, c, row, &fields[c], buf);
      row++;
      if ((row & 0xffff) == 0 && g_cancellable_is_cancelled (cancellable))
        break;
    }
  chunk->n_rows = row;
}

/* ------------------------------------------------------------------------------------------ */
/* Merging chunks into columns                                                                 */

typedef struct
{
  const char *name;
  gsize       n_failed;
  gsize       first_failed_offset;
} MergeNote;

gboolean
easel_strings_look_categorical (gsize n_distinct,
                                gsize n_values)
{
  /* Few distinct strings make categories; many make free text. Small tables get a little
   * slack so that a 6-row table of colours is still categorical. */
  return n_distinct * 2 <= n_values || (n_distinct <= 20 && n_distinct < n_values);
}

static EaselColumn *
merge_column (Plan    *plan,
              Chunk   *chunks,
              guint    n_chunks,
              guint    col,
              gsize    n_rows,
              const char *name)
{
  Kind kind = KIND_EMPTY;
  gboolean mixed = FALSE;
  gsize row;
  g_autoptr(GString) buf = g_string_new (NULL);

  for (guint k = 0; k < n_chunks; k++)
    {
      Kind ck = chunks[k].builders[col].kind;
      if (ck == KIND_EMPTY)
        continue;
      if (kind == KIND_EMPTY)
        kind = ck;
      else if (ck != kind)
        mixed = TRUE;
    }
  if (mixed)
    kind = KIND_STR;

  if (kind == KIND_STR)
    {
      EaselDict global;
      gint32 *codes = g_new (gint32, MAX (n_rows, 1));
      gsize n_values = 0;
      EaselColumnType type;

      easel_dict_init (&global);
      row = 0;
      for (guint k = 0; k < n_chunks; k++)
        {
          Chunk *chunk = &chunks[k];
          Builder *b = &chunk->builders[col];
          g_autofree guint32 *remap = NULL;

          if (b->kind == KIND_EMPTY)
            {
              for (gsize i = 0; i < chunk->n_rows; i++)
                codes[row++] = -1;
              continue;
            }
          if (b->kind != KIND_STR)
            builder_to_strings (plan, chunk, col, chunk->n_rows, buf);
          remap = g_new (guint32, MAX (b->dict.n, 1));
          for (guint32 c = 0; c < b->dict.n; c++)
            remap[c] = easel_dict_intern_hashed (&global, easel_dict_string (&b->dict, c), b->dict.lengths[c],
                                           b->dict.hashes[c]);
          for (gsize i = 0; i < chunk->n_rows; i++)
            {
              gint32 c = b->codes[i];
              codes[row++] = c < 0 ? -1 : (gint32) remap[c];
              n_values += c >= 0;
            }
          g_clear_pointer (&b->codes, g_free);
          easel_dict_clear (&b->dict);
        }

      if (plan->forced_kind[col] == KIND_STR)
        type = plan->forced_type[col];
      else
        type = easel_strings_look_categorical (global.n, n_values) ? EASEL_COLUMN_CATEGORICAL : EASEL_COLUMN_TEXT;

      if (type == EASEL_COLUMN_CATEGORICAL)
        {
          guint32 n_categories = global.n;
          char **categories = g_new (char *, n_categories + 1);
          for (guint32 c = 0; c < n_categories; c++)
            categories[c] = g_strndup (easel_dict_string (&global, c), global.lengths[c]);
          categories[n_categories] = NULL;
          easel_dict_clear (&global);
          return easel_column_new_categorical (name, n_rows, codes, categories, n_categories);
        }
      else
        {
          gsize total = 0;
          guint64 *offsets = g_new (guint64, n_rows + 1);
          guint8 *missing = g_malloc0 (MAX (n_rows, 1));
          char *text;

          for (gsize i = 0; i < n_rows; i++)
            total += codes[i] < 0 ? 1 : global.lengths[codes[i]] + 1;
          text = g_malloc (MAX (total, 1));
          total = 0;
          for (gsize i = 0; i < n_rows; i++)
            {
              offsets[i] = total;
              if (codes[i] < 0)
                {
                  missing[i] = 1;
                  text[total++] = '\0';
                }
              else
                {
                  guint32 l = global.lengths[codes[i]];
                  memcpy (text + total, easel_dict_string (&global, codes[i]), l + 1);
                  total += l + 1;
                }
            }
          offsets[n_rows] = total;
          g_free (codes);
          easel_dict_clear (&global);
          return easel_column_new_text (name, n_rows, offsets, text, missing);
        }
    }

  /* Numbers, booleans or datetimes: concatenate the chunks' doubles. */
  {
    double *values = g_new (double, MAX (n_rows, 1));
    gboolean has_time = FALSE;

    row = 0;
    for (guint k = 0; k < n_chunks; k++)
      {
        Builder *b = &chunks[k].builders[col];
        if (b->kind == KIND_EMPTY)
          for (gsize i = 0; i < chunks[k].n_rows; i++)
            values[row + i] = NAN;
        else
          memcpy (values + row, b->num, chunks[k].n_rows * sizeof (double));
        row += chunks[k].n_rows;
        has_time |= b->has_time;
        g_clear_pointer (&b->num, g_free);
      }

    if (kind == KIND_BOOL)
      {
        guint8 *bools = g_malloc (MAX (n_rows, 1));
        guint8 *missing = g_malloc0 (MAX (n_rows, 1));
        for (gsize i = 0; i < n_rows; i++)
          {
            missing[i] = isnan (values[i]);
            bools[i] = missing[i] ? 0 : values[i] != 0.0;
          }
        g_free (values);
        return easel_column_new_boolean (name, n_rows, bools, missing);
      }
    if (kind == KIND_DATE)
      return easel_column_new_datetime (name, n_rows, values, NULL, has_time);
    return easel_column_new_numeric (name, n_rows, values, NULL);
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Bytes: encodings, binary data                                                               */

/* Windows-1252 code points for 0x80..0x9F; the five unassigned bytes keep their Latin-1
 * (C1 control) meaning. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static char *
windows1252_to_utf8 (const char *data,
                     gsize       len,
                     gsize      *out_len)
{
  gsize n_high = 0;
  char *out, *q;

  for (gsize i = 0; i < len; i++)
    n_high += (guint8) data[i] >= 0x80;
  out = g_malloc (len + n_high * 2 + 1);
  q = out;
  for (gsize i = 0; i < len; i++)
    {
      guint8 c = (guint8) data[i];
      if (c < 0x80)
        *q++ = (char) c;
      else
        q += g_unichar_to_utf8 (c < 0xA0 ? cp1252_high[c - 0x80] : c, q);
    }
  *q = '\0';
  *out_len = (gsize) (q - out);
  return out;
}

/* The first byte that is not valid UTF-8, or NULL. ASCII runs are skipped eight at a time. */
static const char *
find_invalid_utf8 (const char *data,
                   gsize       len)
{
  const char *p = data, *end = data + len;

  while (p < end)
    {
      const char *bad;
      gsize remaining;

      while (end - p >= 8)
        {
          guint64 w;
          memcpy (&w, p, 8);
          if (w & G_GUINT64_CONSTANT (0x8080808080808080))
            break;
          p += 8;
        }
      remaining = MIN ((gsize) (end - p), (gsize) 1 << 20);
      if (g_utf8_validate_len (p, remaining, &bad))
        {
          p += remaining;
          continue;
        }
      /* A sequence cut by our window is fine if the window is not the end of the data. */
      if (p + remaining < end && bad + 4 > p + remaining)
        {
          p = bad;
          if (g_utf8_validate_len (p, MIN ((gsize) (end - p), 8), &bad) || bad > p)
            {
              p = bad;
              continue;
            }
        }
      return bad;
    }
  return NULL;
}

static gboolean
check_binary (const char  *name,
              const char  *data,
              gsize        len,
              GError     **error)
{
  const char *nul = memchr (data, '\0', len);
  gsize sample = MIN (len, (gsize) 65536), controls = 0;
  const char *first_control = NULL;

  if (nul != NULL)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_BINARY,
                   "%s, line %" G_GSIZE_FORMAT ": contains a NUL byte; this looks like a binary "
                   "file, not a table in text form.",
                   name, line_of_offset (data, (gsize) (nul - data)));
      return FALSE;
    }
  for (gsize i = 0; i < sample; i++)
    {
      guint8 c = (guint8) data[i];
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
        {
          if (controls++ == 0)
            first_control = data + i;
        }
    }
  if (controls > 0 && controls * 100 > sample)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_BINARY,
                   "%s, line %" G_GSIZE_FORMAT ": contains control characters; this looks like "
                   "a binary file, not a table in text form.",
                   name, line_of_offset (data, (gsize) (first_control - data)));
      return FALSE;
    }
  return TRUE;
}

/* Make 'data' UTF-8 without a BOM. Returns the bytes to parse; *owned is set when they were
 * converted into a new buffer. */
static const char *
prepare_bytes (const char            *name,
               const char            *data,
               gsize                  len,
               const EaselCsvOptions *options,
               EaselCsvReport        *report,
               gsize                 *out_len,
               char                 **owned,
               GError               **error)
{
  const char *bad;

  *owned = NULL;

  /* UTF-16 with a BOM: convert, then go on as UTF-8. */
  if (len >= 2 && (((guint8) data[0] == 0xFF && (guint8) data[1] == 0xFE) ||
                   ((guint8) data[0] == 0xFE && (guint8) data[1] == 0xFF)))
    {
      gboolean le = (guint8) data[0] == 0xFF;
      gsize written = 0;
      g_autoptr(GError) local = NULL;
      char *utf8 = g_convert (data + 2, (len - 2) & ~(gsize) 1, "UTF-8", le ? "UTF-16LE" : "UTF-16BE",
                              NULL, &written, &local);
      if (utf8 == NULL)
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_ENCODING,
                       "%s starts as UTF-16 text but cannot be decoded: %s", name, local->message);
          return NULL;
        }
      *owned = utf8;
      data = utf8;
      len = written;
    }
  /* After a conversion too: UTF-16 text may itself start with U+FEFF, even repeatedly. */
  while (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  {
    gboolean blank = TRUE;
    for (gsize i = 0; i < len && blank; i++)
      blank = data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n';
    if (blank)
      {
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_EMPTY, "%s is empty: it has no header and no rows.",
                     name);
        g_clear_pointer (owned, g_free);
        return NULL;
      }
  }

  if (!check_binary (name, data, len, error))
    {
      g_clear_pointer (owned, g_free);
      return NULL;
    }

  /* Classic Mac OS line endings: CR alone. Only when there is no LF at all, so that a
   * stray CR inside a value of a normal file stays data. */
  if (memchr (data, '\r', len) != NULL && memchr (data, '\n', len) == NULL)
    {
      char *copy = g_malloc (len + 1);
      for (gsize i = 0; i < len; i++)
        copy[i] = data[i] == '\r' ? '\n' : data[i];
      copy[len] = '\0';
      g_free (*owned);
      *owned = copy;
      data = copy;
    }

  report->encoding = EASEL_ENCODING_UTF8;
  if (options->encoding == EASEL_ENCODING_LATIN1)
    bad = data;  /* convert in any case */
  else
    bad = find_invalid_utf8 (data, len);

  if (bad != NULL)
    {
      gsize line = line_of_offset (data, (gsize) (bad - data));

      if (options->encoding == EASEL_ENCODING_UTF8)
        {
          const char *line_start = bad;
          while (line_start > data && line_start[-1] != '\n')
            line_start--;
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_ENCODING,
                       "%s, line %" G_GSIZE_FORMAT ", byte %" G_GSIZE_FORMAT
                       ": the text is not valid UTF-8. Choose another encoding (Latin-1) to read it.",
                       name, line, (gsize) (bad - line_start) + 1);
          g_clear_pointer (owned, g_free);
          return NULL;
        }
      {
        gsize converted_len;
        char *converted = windows1252_to_utf8 (data, len, &converted_len);
        if (options->encoding != EASEL_ENCODING_LATIN1)
          g_ptr_array_add (report->warnings,
                           g_strdup_printf ("%s is not valid UTF-8 (first at line %" G_GSIZE_FORMAT
                                            "); it was read as Windows-1252 (Latin-1).", name, line));
        g_free (*owned);
        *owned = converted;
        data = converted;
        len = converted_len;
        report->encoding = EASEL_ENCODING_LATIN1;
      }
    }
  *out_len = len;
  return data;
}

/* ------------------------------------------------------------------------------------------ */
/* Dialect                                                                                     */

static char
sniff_delimiter (const char *data,
                 gsize       len)
{
  static const char candidates[] = { ',', '\t', ';', '|' };
  const char *end = data + MIN (len, (gsize) SAMPLE_BYTES);
  gboolean whole = len <= SAMPLE_BYTES;
  char best = ',';
  gsize best_score = 0;

  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    {
      char delim = candidates[k];
      guint counts[SAMPLE_RECORDS];
      guint n = 0, mode = 0;
      gsize mode_freq = 0;
      const char *p = data;
      Field dummy[1];

      while (p < end && n < SAMPLE_RECORDS)
        {
          guint n_fields;
          gboolean extra;
          RecordStatus status;
          const char *next = parse_record (p, end, delim, dummy, 0, &n_fields, &extra, &status);
          if (status == RECORD_UNTERMINATED || (next == end && !whole && n > 0))
            break;
          p = next;
          if (status == RECORD_BLANK)
            continue;
          counts[n++] = n_fields;
        }
      for (guint i = 0; i < n; i++)
        {
          gsize freq = 0;
          for (guint j = 0; j < n; j++)
            freq += counts[j] == counts[i];
          if (freq > mode_freq || (freq == mode_freq && counts[i] > mode))
            {
              mode_freq = freq;
              mode = counts[i];
            }
        }
      if (mode > 1 && mode_freq > best_score)
        {
          best_score = mode_freq;
          best = delim;
        }
    }
  return best;
}

/* With ';' as delimiter, numbers usually use a decimal comma; check the sample. */
static char
sniff_decimal (const char *data,
               gsize       len,
               char        delim)
{
  const char *end = data + MIN (len, (gsize) SAMPLE_BYTES);
  const char *p = data;
  gsize comma = 0, dot = 0;
  Field fields[256];

  if (delim != ';')
    return '.';
  for (guint r = 0; r < SAMPLE_RECORDS && p < end; r++)
    {
      guint n_fields;
      gboolean extra;
      RecordStatus status;
      p = parse_record (p, end, delim, fields, G_N_ELEMENTS (fields), &n_fields, &extra, &status);
      for (guint i = 0; i < MIN (n_fields, G_N_ELEMENTS (fields)); i++)
        {
          const char *s = fields[i].ptr;
          gsize l = fields[i].len;
          double v;
          trim (&s, &l);
          if (memchr (s, ',', l) && easel_parse_double (s, l, ',', &v))
            comma++;
          else if (memchr (s, '.', l) && easel_parse_double (s, l, '.', &v))
            dot++;
        }
    }
  return comma > 0 && comma >= dot ? ',' : '.';
}

static gboolean
looks_like_header (const Dialect *d,
                   const Field   *first,
                   guint          n_first,
                   const Field   *second,
                   guint          n_second)
{
  g_autoptr(GString) buf = g_string_new (NULL);

  for (guint i = 0; i < n_first; i++)
    {
      gsize len;
      const char *s = field_value (&first[i], buf, &len);
      double v;
      gboolean t;
      gboolean second_same = FALSE;

      if (len == 0 || is_na (d, s, len))
        continue;
      if (easel_parse_double (s, len, d->decimal, &v))
        return FALSE;
      if (i < n_second)
        {
          gsize len2;
          g_autoptr(GString) buf2 = g_string_new (NULL);
          const char *s2 = field_value (&second[i], buf2, &len2);
          if (easel_parse_bool (s, len, FALSE) >= 0)
            second_same = easel_parse_bool (s2, len2, FALSE) >= 0;
          else if (easel_parse_datetime (s, len, &v, &t))
            second_same = easel_parse_datetime (s2, len2, &v, &t);
        }
      if (second_same)
        return FALSE;
    }
  return TRUE;
}

/* Names from the header: empty names become column_N, duplicates get .1, .2 ... */
static char **
make_names (const Field     *fields,
            guint            n,
            gboolean         from_header,
            EaselCsvReport  *report)
{
  char **names = g_new0 (char *, n + 1);
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) buf = g_string_new (NULL);
  guint n_empty = 0, n_renamed = 0;

  for (guint i = 0; i < n; i++)
    {
      char *name;

      if (from_header)
        {
          gsize len;
          const char *s = field_value (&fields[i], buf, &len);
          name = g_utf8_make_valid (s, (gssize) len);
          if (name[0] == '\0')
            {
              g_free (name);
              name = g_strdup_printf ("column_%u", i + 1);
              n_empty++;
            }
        }
      else
        name = g_strdup_printf ("column_%u", i + 1);

      if (g_hash_table_contains (used, name))
        {
          char *base = name;
          for (guint k = 1;; k++)
            {
              name = g_strdup_printf ("%s.%u", base, k);
              if (!g_hash_table_contains (used, name))
                break;
              g_free (name);
            }
          g_free (base);
          n_renamed++;
        }
      names[i] = name;
      g_hash_table_add (used, name);
    }
  if (n_empty > 0)
    g_ptr_array_add (report->warnings,
                     g_strdup_printf ("%u column(s) had no name in the header and were named "
                                      "column_N after their position.", n_empty));
  if (n_renamed > 0)
    g_ptr_array_add (report->warnings,
                     g_strdup_printf ("%u column name(s) appeared more than once; the repeats got "
                                      "a suffix (.1, .2, ...).", n_renamed));
  return names;
}

/* ------------------------------------------------------------------------------------------ */
/* Reading                                                                                     */

static Kind
kind_for_type (EaselColumnType type)
{
  switch (type)
    {
    case EASEL_COLUMN_NUMERIC:
      return KIND_NUM;
    case EASEL_COLUMN_BOOLEAN:
      return KIND_BOOL;
    case EASEL_COLUMN_DATETIME:
      return KIND_DATE;
    case EASEL_COLUMN_CATEGORICAL:
    case EASEL_COLUMN_TEXT:
    case EASEL_N_COLUMN_TYPES:
    default:
      return KIND_STR;
    }
}

static void
release_pages (const char *start,
               const char *end)
{
  /* Drop the parsed part of a mapped file from our resident memory; the kernel can read it
   * again from the page cache if a column has to be re-read. */
  long page = sysconf (_SC_PAGESIZE);
  guintptr a = ((guintptr) start + page - 1) & ~(guintptr) (page - 1);
  guintptr b = (guintptr) end & ~(guintptr) (page - 1);

  if (b > a)
    madvise ((void *) a, b - a, MADV_DONTNEED);
}

static EaselTable *
read_bytes (const char            *name,
            const char            *raw,
            gsize                  raw_len,
            gboolean               mapped,
            const EaselCsvOptions *options_in,
            EaselCsvReport        *report_out,
            EaselProgress         *progress,
            GCancellable          *cancellable,
            GError               **error)
{
  EaselCsvOptions defaults;
  const EaselCsvOptions *options = options_in;
  EaselCsvReport local_report = { 0 };
  EaselCsvReport *report = report_out ? report_out : &local_report;
  g_autofree char *owned = NULL;
  const char *data, *end, *body;
  gsize len;
  Plan plan = { 0 };
  Dialect *d = &plan.d;
  g_autofree Field *first = NULL;
  g_autofree Field *second = NULL;
  guint n_first = 0, n_second = 0;
  gboolean has_header, extra;
  RecordStatus status;
  g_auto(GStrv) names = NULL;
  g_autoptr(EaselTable) table = NULL;
  Chunk *chunks = NULL;
  guint n_chunks, n_threads;
  gsize n_rows = 0;
  gint chunks_done = 0;

  if (options == NULL)
    {
      easel_csv_options_init (&defaults);
      options = &defaults;
    }
  memset (report, 0, sizeof *report);
  report->warnings = g_ptr_array_new_with_free_func (g_free);

  easel_progress_report (progress, 0.0, _("Reading the file"));

  data = prepare_bytes (name, raw, raw_len, options, report, &len, &owned, error);
  if (data == NULL)
    goto fail;
  if (owned != NULL)
    mapped = FALSE;
  end = data + len;

  /* Dialect */
  d->name = name;
  d->data = data;
  d->len = len;
  d->delim = options->delimiter ? options->delimiter : sniff_delimiter (data, len);
  d->decimal = options->decimal ? options->decimal : sniff_decimal (data, len, d->delim);
  {
    const char *const *na = options->na_values ? (const char *const *) options->na_values : default_na;
    d->na = g_strdupv ((char **) na);
    d->n_na = g_strv_length (d->na);
    for (guint i = 0; i < d->n_na; i++)
      {
        if (d->na[i][0] == '\0')
          d->na_empty = TRUE;
        else
          d->na_first[(guint8) d->na[i][0]] = TRUE;
      }
  }
  if (d->decimal == d->delim)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   "The delimiter and the decimal mark cannot both be “%c”.", d->delim);
      goto fail;
    }
  report->delimiter = d->delim;
  report->decimal = d->decimal;

  /* The first records: header or not, and how many columns. */
  {
    const char *p = data;
    guint cap = 64;

    /* Leading blank lines are skipped, then the first record is read with room for all of
     * its fields. */
    for (;;)
      {
        body = parse_record (p, end, d->delim, NULL, 0, &n_first, &extra, &status);
        if (status != RECORD_BLANK || body >= end)
          break;
        p = body;
      }
    cap = MAX (cap, n_first);
    first = g_new (Field, cap);
    body = parse_record (p, end, d->delim, first, cap, &n_first, &extra, &status);
    if (status == RECORD_UNTERMINATED)
      {
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_PARSE,
                     "%s, line %" G_GSIZE_FORMAT ": a quoted field that starts here is never closed.",
                     name, line_of_offset (data, (gsize) (p - data)));
        goto fail;
      }
    second = g_new (Field, n_first);
    {
      const char *q = body;
      do
        q = parse_record (q, end, d->delim, second, n_first, &n_second, &extra, &status);
      while (status == RECORD_BLANK && q < end);
      if (status != RECORD_OK)
        n_second = 0;
      n_second = MIN (n_second, n_first);
    }
  }

  if (options->header == EASEL_HEADER_AUTO)
    has_header = looks_like_header (d, first, n_first, second, n_second);
  else
    has_header = options->header == EASEL_HEADER_YES;
  report->has_header = has_header;
  plan.n_cols = n_first;
  names = make_names (first, n_first, has_header, report);
  if (!has_header)
    body = data;

  /* Forced types */
  plan.forced_kind = g_new0 (Kind, MAX (plan.n_cols, 1));
  plan.forced_type = g_new0 (EaselColumnType, MAX (plan.n_cols, 1));
  if (options->type_names != NULL)
    for (guint i = 0; options->type_names[i] != NULL; i++)
      {
        guint c;
        for (c = 0; c < plan.n_cols; c++)
          if (strcmp (names[c], options->type_names[i]) == 0)
            break;
        if (c == plan.n_cols)
          {
            g_set_error (error, EASEL_ERROR, EASEL_ERROR_NOT_FOUND,
                         "%s has no column named “%s” (asked to read it as %s).", name,
                         options->type_names[i], easel_column_type_to_string (options->types[i]));
            goto fail;
          }
        plan.forced_kind[c] = kind_for_type (options->types[i]);
        plan.forced_type[c] = options->types[i];
      }

  /* Chunks */
  n_threads = options->n_threads ? options->n_threads : (guint) omp_get_max_threads ();
  {
    gsize body_len = (gsize) (end - body);
    gboolean has_quotes = memchr (body, '"', body_len) != NULL;
    gsize avg_record = MAX ((gsize) (body - data), (gsize) 16);
    const char *p = body;

    n_chunks = n_threads > 1 ? n_threads * 4 : 1;
    n_chunks = (guint) MAX ((gsize) 1, MIN ((gsize) n_chunks, body_len / MIN_CHUNK_BYTES));
    /* Large single-threaded reads are chunked too, so that pages can be released as we go. */
    if (n_threads == 1 && body_len > 16 * MIN_CHUNK_BYTES)
      n_chunks = (guint) MIN ((gsize) 64, body_len / (8 * MIN_CHUNK_BYTES));
    chunks = g_new0 (Chunk, n_chunks);
    {
      /* A better row estimate than the header's length: the second record's. */
      const char *q = body;
      Field dummy[1];
      guint nf;
      const char *r = parse_record (q, end, d->delim, dummy, 0, &nf, &extra, &status);
      if (r > q)
        avg_record = (gsize) (r - q);
    }
    for (guint k = 0; k < n_chunks; k++)
      {
        const char *target = body + body_len / n_chunks * (k + 1);
        chunks[k].start = p;
        chunks[k].end = k + 1 == n_chunks ? end : next_record_start (p, end, target, d->delim, has_quotes);
        p = chunks[k].end;
        chunks[k].cap = (gsize) (chunks[k].end - chunks[k].start) / avg_record * 11 / 10 + 16;
        chunks[k].builders = g_new0 (Builder, MAX (plan.n_cols, 1));
      }
  }

  easel_progress_report (progress, 0.05, _("Reading the file"));

#pragma omp parallel for schedule(dynamic, 1) num_threads(n_threads)
  for (guint k = 0; k < n_chunks; k++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        continue;
      parse_chunk (&plan, &chunks[k], cancellable);
      if (mapped)
        release_pages (chunks[k].start, chunks[k].end);
      easel_progress_report (progress,
                             0.05 + 0.8 * (g_atomic_int_add (&chunks_done, 1) + 1) / (double) n_chunks,
                             _("Reading the file"));
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;

  /* Problems, earliest first */
  {
    Chunk *bad = NULL;
    gsize n_short = 0, first_short = G_MAXSIZE;

    for (guint k = 0; k < n_chunks; k++)
      {
        if (chunks[k].has_error && bad == NULL)
          bad = &chunks[k];
        if (chunks[k].n_short > 0)
          {
            n_short += chunks[k].n_short;
            first_short = MIN (first_short, chunks[k].first_short_offset);
          }
        n_rows += chunks[k].n_rows;
      }
    if (bad != NULL)
      {
        gsize line = line_of_offset (data, bad->error_offset);
        if (bad->error_status == RECORD_UNTERMINATED)
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_PARSE,
                       "%s, line %" G_GSIZE_FORMAT ": a quoted field on this line is never closed.",
                       name, line);
        else
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_PARSE,
                       "%s, line %" G_GSIZE_FORMAT ": %u fields where the %s has %u.", name, line,
                       bad->error_n_fields, has_header ? "header" : "first line", plan.n_cols);
        goto fail;
      }
    if (n_short > 0)
      g_ptr_array_add (report->warnings,
                       g_strdup_printf ("%" G_GSIZE_FORMAT " row(s) have fewer fields than the %s, "
                                        "first at line %" G_GSIZE_FORMAT "; the missing fields "
                                        "were read as missing values.",
                                        n_short, has_header ? "header" : "first line",
                                        line_of_offset (data, first_short)));
  }

  /* Merge, in parallel over columns */
  {
    EaselColumn **columns = g_new0 (EaselColumn *, MAX (plan.n_cols, 1));
    gint merged = 0;

    easel_progress_report (progress, 0.85, _("Building columns"));
#pragma omp parallel for schedule(dynamic, 1) num_threads(n_threads)
    for (guint c = 0; c < plan.n_cols; c++)
      {
        columns[c] = merge_column (&plan, chunks, n_chunks, c, n_rows, names[c]);
        if ((g_atomic_int_add (&merged, 1) & 63) == 0)
          easel_progress_report (progress, 0.85 + 0.15 * merged / (double) plan.n_cols,
                                 _("Building columns"));
      }

    table = easel_table_new ();
    easel_table_set_source (table, name);
    for (guint c = 0; c < plan.n_cols; c++)
      {
        gsize n_failed = 0, first_failed = G_MAXSIZE;
        for (guint k = 0; k < n_chunks; k++)
          if (chunks[k].builders[c].n_failed > 0)
            {
              n_failed += chunks[k].builders[c].n_failed;
              first_failed = MIN (first_failed, chunks[k].builders[c].first_failed_offset);
            }
        if (n_failed > 0 && report->warnings->len < MAX_WARNINGS)
          g_ptr_array_add (report->warnings,
                           g_strdup_printf ("Column “%s”: %" G_GSIZE_FORMAT " value(s) could not be "
                                            "read as %s and are missing now (first at line %"
                                            G_GSIZE_FORMAT ").",
                                            names[c], n_failed,
                                            easel_column_type_to_string (plan.forced_type[c]),
                                            line_of_offset (data, first_failed)));
        easel_table_add_column (table, columns[c]);
      }
    g_free (columns);
  }

  for (guint k = 0; k < n_chunks; k++)
    g_free (chunks[k].builders);
  g_free (chunks);
  g_strfreev (d->na);
  g_free (plan.forced_kind);
  g_free (plan.forced_type);
  easel_progress_report (progress, 1.0, _("Done"));
  easel_csv_report_clear (&local_report);
  return g_steal_pointer (&table);

fail:
  if (chunks != NULL)
    {
      for (guint k = 0; k < n_chunks; k++)
        {
          for (guint c = 0; c < plan.n_cols; c++)
            {
              g_free (chunks[k].builders[c].num);
              g_free (chunks[k].builders[c].codes);
              if (chunks[k].builders[c].dict.slots)
                easel_dict_clear (&chunks[k].builders[c].dict);
            }
          g_free (chunks[k].builders);
        }
      g_free (chunks);
    }
  g_strfreev (d->na);
  g_free (plan.forced_kind);
  g_free (plan.forced_type);
  easel_csv_report_clear (&local_report);
  return NULL;
}

EaselTable *
easel_csv_read_data (const char            *name,
                     const char            *data,
                     gsize                  length,
                     const EaselCsvOptions *options,
                     EaselCsvReport        *report,
                     EaselProgress         *progress,
                     GCancellable          *cancellable,
                     GError               **error)
{
  return read_bytes (name ? name : "data", data, length, FALSE, options, report, progress,
                     cancellable, error);
}

EaselTable *
easel_csv_read_file (const char            *path,
                     const EaselCsvOptions *options,
                     EaselCsvReport        *report,
                     EaselProgress         *progress,
                     GCancellable          *cancellable,
                     GError               **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *display = g_filename_display_name (path);
  EaselTable *table;

  file = g_mapped_file_new (path, FALSE, &local);
  if (file == NULL)
    {
      const char *why = local->code == G_FILE_ERROR_NOENT ? "the file does not exist"
                        : local->code == G_FILE_ERROR_ACCES ? "permission denied"
                        : local->code == G_FILE_ERROR_ISDIR ? "it is a folder, not a file"
                        : local->message;
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot open %s: %s.", display, why);
      return NULL;
    }
  table = read_bytes (display, g_mapped_file_get_contents (file), g_mapped_file_get_length (file),
                      TRUE, options, report, progress, cancellable, error);
  if (table != NULL)
    {
      g_autofree char *base = g_path_get_basename (path);
      easel_table_set_source (table, base);
    }
  return table;
}
