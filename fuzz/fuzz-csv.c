/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-fuzz"

/* libFuzzer target for the CSV reader. The first byte picks the options (delimiter,
 * encoding, header, threads); the rest is the file. A table that reads must profile, write
 * and read back with the same shape and column names. */

#include <stdint.h>
#include <string.h>

#include "easel-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char delimiters[] = { 0, ',', ';', '\t' };
  EaselCsvOptions options;
  EaselCsvReport report = { 0 };
  g_autoptr(EaselTable) table = NULL;
  g_autoptr(GError) error = NULL;
  guint8 control;

  if (size < 1)
    return 0;
  control = data[0];
  data++;
  size--;

  easel_csv_options_init (&options);
  options.delimiter = delimiters[control & 3];
  options.encoding = (control >> 2) % 3;
  options.header = (int) ((control >> 4) % 3) - 1;
  options.n_threads = (control & 0x40) ? 2 : 1;

  table = easel_csv_read_data ("fuzz.csv", (const char *) data, size, &options, &report, NULL, NULL, &error);
  if (table == NULL)
    {
      /* Every failure must say why. */
      g_assert_nonnull (error);
      g_assert_nonnull (error->message);
      g_assert_true (error->message[0] != '\0');
      easel_csv_report_clear (&report);
      return 0;
    }
  g_assert_null (error);

  {
    g_autoptr(EaselProfile) profile = easel_profile_table (table, 5, NULL, NULL, &error);
    g_assert_nonnull (profile);
    g_assert_cmpuint (profile->n_columns, ==, easel_table_get_n_columns (table));
  }

  /* Write with commas and read back: same rows, columns and names. */
  {
    g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
    g_autoptr(EaselTable) again = NULL;
    EaselCsvOptions back;
    gsize len;
    const char *bytes;

    g_assert_true (easel_csv_write_stream (table, out, ',', NULL, NULL, &error));
    g_output_stream_close (out, NULL, NULL);
    bytes = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out));
    len = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));

    easel_csv_options_init (&back);
    back.delimiter = ',';
    back.header = EASEL_HEADER_YES;
    back.encoding = EASEL_ENCODING_UTF8;
    back.n_threads = 1;
    again = easel_csv_read_data ("again.csv", bytes, len, &back, NULL, NULL, NULL, &error);
    /* A table with no column at all writes an empty file. */
    if (easel_table_get_n_columns (table) == 0)
      return 0;
    /* Values full of control characters may write a file that reads as binary. */
    if (again == NULL && g_error_matches (error, EASEL_ERROR, EASEL_ERROR_BINARY))
      return 0;
    if (again == NULL)
      g_error ("re-reading the written table failed: %s", error->message);
    if (easel_table_get_n_rows (table) > 0 || easel_table_get_n_columns (table) > 0)
      {
        g_assert_cmpuint (easel_table_get_n_columns (again), ==, easel_table_get_n_columns (table));
        g_assert_cmpuint (easel_table_get_n_rows (again), ==, easel_table_get_n_rows (table));
        for (guint c = 0; c < easel_table_get_n_columns (table); c++)
          g_assert_cmpstr (easel_table_get_column (again, c)->name, ==,
                           easel_table_get_column (table, c)->name);
      }
  }
  easel_csv_report_clear (&report);
  return 0;
}
