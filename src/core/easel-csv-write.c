/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "easel-csv.h"
#include "easel-error.h"

/* A field needs quotes when it holds the delimiter, a quote, a line break, surrounding
 * spaces (which the reader would trim from numbers) or would read back as missing. */
static gboolean
needs_quotes (const char *s,
              gsize       len,
              char        delimiter)
{
  if (len == 0)
    return TRUE;
  if (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' || s[len - 1] == '\t')
    return TRUE;
  for (gsize i = 0; i < len; i++)
    if (s[i] == delimiter || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
      return TRUE;
  for (const char *const *na = easel_csv_default_na_values (); *na; na++)
    if (strlen (*na) == len && memcmp (*na, s, len) == 0)
      return TRUE;
  return FALSE;
}

static void
append_field (GString    *out,
              const char *s,
              char        delimiter)
{
  gsize len = strlen (s);

  if (!needs_quotes (s, len, delimiter))
    {
      g_string_append_len (out, s, len);
      return;
    }
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, s[i]);
    }
  g_string_append_c (out, '"');
}

gboolean
easel_csv_write_stream (EaselTable     *table,
                        GOutputStream  *stream,
                        char            delimiter,
                        EaselProgress  *progress,
                        GCancellable   *cancellable,
                        GError        **error)
{
  guint n_cols = easel_table_get_n_columns (table);
  gsize n_rows = easel_table_get_n_rows (table);
  g_autoptr(GString) out = g_string_sized_new (1 << 20);

  for (guint c = 0; c < n_cols; c++)
    {
      if (c > 0)
        g_string_append_c (out, delimiter);
      append_field (out, easel_table_get_column (table, c)->name, delimiter);
    }
  g_string_append_c (out, '\n');

  for (gsize r = 0; r < n_rows; r++)
    {
      for (guint c = 0; c < n_cols; c++)
        {
          const EaselColumn *column = easel_table_get_column (table, c);
          if (c > 0)
            g_string_append_c (out, delimiter);
          if (easel_column_is_missing (column, r))
            {
              /* A lone empty field would be a blank line, which readers skip. */
              if (n_cols == 1)
                g_string_append (out, "\"\"");
              continue;
            }
          if (column->type == EASEL_COLUMN_TEXT || column->type == EASEL_COLUMN_CATEGORICAL)
            append_field (out, easel_column_get_string (column, r), delimiter);
          else
            easel_column_append_value (column, r, out);
        }
      g_string_append_c (out, '\n');
      if (out->len >= (1 << 20) || r + 1 == n_rows)
        {
          if (!g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
            return FALSE;
          g_string_truncate (out, 0);
          easel_progress_report (progress, (double) (r + 1) / n_rows, _("Writing"));
        }
    }
  if (out->len > 0 && !g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
    return FALSE;
  return g_output_stream_flush (stream, cancellable, error);
}

gboolean
easel_csv_write_file (EaselTable     *table,
                      const char     *path,
                      char            delimiter,
                      EaselProgress  *progress,
                      GCancellable   *cancellable,
                      GError        **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local = NULL;

  /* g_file_replace writes to a temporary file and renames it at close: a failed export
   * never leaves a half-written file in place of a good one. */
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, &local);
  if (stream == NULL ||
      !easel_csv_write_stream (table, G_OUTPUT_STREAM (stream), delimiter, progress, cancellable, &local) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &local))
    {
      g_autofree char *display = g_filename_display_name (path);

      /* Closing with a cancelled cancellable abandons the temporary file and keeps the
       * old one; a plain unref would close normally and commit the partial file. */
      if (stream != NULL && !g_output_stream_is_closed (G_OUTPUT_STREAM (stream)))
        {
          g_autoptr(GCancellable) abandon = g_cancellable_new ();
          g_cancellable_cancel (abandon);
          g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
        }
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, EASEL_ERROR, EASEL_ERROR_IO, "Cannot write %s: %s", display, local->message);
      return FALSE;
    }
  return TRUE;
}
