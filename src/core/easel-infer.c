/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

#include <math.h>
#include <string.h>

#include "easel-csv.h"
#include "easel-infer.h"

EaselColumn *
easel_column_infer_from_strings (const char        *name,
                                 const char *const *values,
                                 gsize              n_rows)
{
  gboolean numbers = TRUE, bools = TRUE, dates = TRUE, has_time = FALSE;
  g_autoptr(GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);
  gsize n_values = 0;

  for (gsize i = 0; i < n_rows; i++)
    {
      const char *s = values[i];
      gsize len;
      double v;
      gboolean t;

      if (s == NULL)
        continue;
      len = strlen (s);
      n_values++;
      g_hash_table_add (distinct, (gpointer) s);
      if (numbers && !easel_parse_double (s, len, '.', &v))
        numbers = FALSE;
      if (bools && easel_parse_bool (s, len, FALSE) < 0)
        bools = FALSE;
      if (dates)
        {
          if (easel_parse_datetime (s, len, &v, &t))
            has_time |= t;
          else
            dates = FALSE;
        }
    }

  if (numbers || n_values == 0 || dates)
    {
      double *num = g_new (double, MAX (n_rows, 1));
      for (gsize i = 0; i < n_rows; i++)
        {
          num[i] = NAN;
          if (values[i] == NULL)
            continue;
          if (numbers || n_values == 0)
            easel_parse_double (values[i], strlen (values[i]), '.', &num[i]);
          else
            easel_parse_datetime (values[i], strlen (values[i]), &num[i], NULL);
        }
      if (numbers || n_values == 0)
        return easel_column_new_numeric (name, n_rows, num, NULL);
      return easel_column_new_datetime (name, n_rows, num, NULL, has_time);
    }
  if (bools)
    {
      guint8 *b = g_malloc0 (MAX (n_rows, 1));
      guint8 *missing = g_malloc0 (MAX (n_rows, 1));
      for (gsize i = 0; i < n_rows; i++)
        {
          if (values[i] == NULL)
            missing[i] = 1;
          else
            b[i] = (guint8) easel_parse_bool (values[i], strlen (values[i]), FALSE);
        }
      return easel_column_new_boolean (name, n_rows, b, missing);
    }
  return easel_column_new_from_strings (name,
                                        easel_strings_look_categorical (g_hash_table_size (distinct), n_values)
                                          ? EASEL_COLUMN_CATEGORICAL : EASEL_COLUMN_TEXT,
                                        values, n_rows);
}
