/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-synthetic"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "easel-synthetic.h"

#define CHUNK_ROWS 65536

/* splitmix64: small, fast and good enough to make test data */
static inline guint64
next_random (guint64 *state)
{
  guint64 z = (*state += 0x9e3779b97f4a7c15ull);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;

  return z ^ (z >> 31);
}

static inline double
next_uniform (guint64 *state)
{
  return (double) (next_random (state) >> 11) * 0x1.0p-53;
}

EaselTable *
easel_synthetic_table_new (gsize          n_rows,
                           EaselProgress *progress,
                           GCancellable  *cancellable,
                           GError       **error)
{
  static const char *const groups[] = { "alpha", "beta", "gamma", "delta", "epsilon" };
  static const char *const regions[] = {
    "north", "south", "east", "west", "centre", "coast", "hills", "lakes", "plains",
    "forest", "islands", "valley",
  };
  g_autoptr(EaselTable) table = NULL;
  g_autofree double *ids = g_new (double, MAX (n_rows, 1));
  g_autofree double *xs = g_new (double, MAX (n_rows, 1));
  g_autofree double *ys = g_new (double, MAX (n_rows, 1));
  g_autofree guint8 *y_missing = g_new0 (guint8, MAX (n_rows, 1));
  g_autofree gint32 *codes = g_new (gint32, MAX (n_rows, 1));
  g_autofree guint8 *flags = g_new (guint8, MAX (n_rows, 1));
  g_autofree double *scores = g_new (double, MAX (n_rows, 1));
  g_autofree gint32 *region_codes = g_new (gint32, MAX (n_rows, 1));
  g_autofree double *dates = g_new (double, MAX (n_rows, 1));
  char **categories;
  char **region_names;
  guint64 state = 42;

  for (gsize start = 0; start < n_rows; start += CHUNK_ROWS)
    {
      gsize end = MIN (start + CHUNK_ROWS, n_rows);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      for (gsize i = start; i < end; i++)
        {
          /* Box-Muller: a normal measurement around 50 */
          double u1 = 1.0 - next_uniform (&state);
          double u2 = next_uniform (&state);

          ids[i] = (double) (i + 1);
          xs[i] = 50.0 + 10.0 * sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
          if (next_random (&state) % 100 == 0)
            {
              ys[i] = NAN;
              y_missing[i] = 1;
            }
          else
            ys[i] = round (1000.0 * next_uniform (&state)) / 10.0;
          codes[i] = (gint32) (next_random (&state) % G_N_ELEMENTS (groups));
          flags[i] = next_random (&state) & 1;
          /* a score that follows x and the group, for correlations and predictive power */
          scores[i] = round (10.0 * (2.0 * xs[i] + 5.0 * codes[i] +
                                     10.0 * (next_uniform (&state) - 0.5))) / 10.0;
          /* regions of very different sizes: u^3 crowds the first ones */
          region_codes[i] = (gint32) (pow (next_uniform (&state), 3.0) *
                                      G_N_ELEMENTS (regions));
          /* a day between 2015-01-01 and 2024-12-31 */
          dates[i] = 1420070400.0 + 86400.0 * (double) (next_random (&state) % 3653);
        }

      easel_progress_report (progress, (double) end / (double) n_rows,
                             _("Generating rows…"));
    }

  categories = g_new (char *, G_N_ELEMENTS (groups));
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    categories[i] = g_strdup (groups[i]);

  table = easel_table_new ();
  easel_table_add_column (table, easel_column_new_numeric ("id", n_rows,
                                                           g_steal_pointer (&ids), NULL));
  easel_table_add_column (table, easel_column_new_numeric ("x", n_rows,
                                                           g_steal_pointer (&xs), NULL));
  easel_table_add_column (table, easel_column_new_numeric ("y", n_rows,
                                                           g_steal_pointer (&ys),
                                                           g_steal_pointer (&y_missing)));
  easel_table_add_column (table, easel_column_new_categorical ("group", n_rows,
                                                               g_steal_pointer (&codes),
                                                               categories,
                                                               G_N_ELEMENTS (groups)));
  easel_table_add_column (table, easel_column_new_boolean ("flag", n_rows,
                                                           g_steal_pointer (&flags), NULL));
  easel_table_add_column (table, easel_column_new_numeric ("score", n_rows,
                                                           g_steal_pointer (&scores), NULL));
  region_names = g_new (char *, G_N_ELEMENTS (regions));
  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    region_names[i] = g_strdup (regions[i]);
  easel_table_add_column (table, easel_column_new_categorical ("region", n_rows,
                                                               g_steal_pointer (&region_codes),
                                                               region_names,
                                                               G_N_ELEMENTS (regions)));
  easel_table_add_column (table, easel_column_new_datetime ("signup", n_rows,
                                                            g_steal_pointer (&dates), NULL,
                                                            FALSE));
  easel_table_set_source (table, _("Synthetic table"));

  return g_steal_pointer (&table);
}
