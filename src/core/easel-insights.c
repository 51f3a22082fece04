/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

/* Data-quality insights: what a person should know about a table before building on it. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "easel-correlate.h"
#include "easel-csv.h"
#include "easel-dict.h"
#include "easel-error.h"
#include "easel-insights.h"
#include "easel-profile.h"

#define ID_MIN_ROWS 20
#define HIGH_CARDINALITY 50
#define OUTLIER_ROBUST_SD 5.0
#define HIGH_CORRELATION 0.95
#define VIF_LIMIT 10.0
#define LEAKAGE_POWER 0.9
#define PP_FOLDS 4
#define PP_BINS 32

const char *
easel_severity_to_string (EaselSeverity severity)
{
  switch (severity)
    {
    case EASEL_SEVERITY_HIGH:
      return "high";
    case EASEL_SEVERITY_MEDIUM:
      return "medium";
    case EASEL_SEVERITY_LOW:
    default:
      return "low";
    }
}

static void
insight_free (gpointer data)
{
  EaselInsight *insight = data;

  g_free (insight->column);
  g_free (insight->other);
  g_free (insight->message);
  g_free (insight);
}

void
easel_insights_free (EaselInsights *insights)
{
  if (insights == NULL)
    return;
  g_clear_pointer (&insights->warnings, g_ptr_array_unref);
  g_strfreev (insights->names);
  g_free (insights->predictive_power);
  g_free (insights->target);
  g_free (insights);
}

static void
add (EaselInsights *insights,
     const char    *column,
     const char    *other,
     const char    *kind,
     EaselSeverity  severity,
     double         value,
     char          *message)
{
  EaselInsight *insight = g_new0 (EaselInsight, 1);

  insight->column = g_strdup (column);
  insight->other = g_strdup (other);
  insight->kind = kind;
  insight->severity = severity;
  insight->value = value;
  insight->message = message;
  g_ptr_array_add (insights->warnings, insight);
}

static char *
percent (double share)
{
  if (share < 0.01 && share > 0)
    /* xgettext:no-c-format */
    return g_strdup (_("under 1%"));
  return g_strdup_printf ("%.0f%%", share * 100);
}

/* ------------------------------------------------------------------------------------------ */
/* Duplicate rows                                                                              */

static inline guint64
mix (guint64 h,
     guint64 v)
{
  h ^= v + G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) + (h << 6) + (h >> 2);
  return h * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
}

static guint64
value_hash (const EaselColumn *c,
            gsize              row)
{
  guint64 bits;

  if (easel_column_is_missing (c, row))
    return G_GUINT64_CONSTANT (0x5bd1e995);
  switch (c->type)
    {
    case EASEL_COLUMN_NUMERIC:
    case EASEL_COLUMN_DATETIME:
      {
        double v = c->num[row] == 0.0 ? 0.0 : c->num[row];  /* -0 equals 0 */
        memcpy (&bits, &v, sizeof bits);
        return bits;
      }
    case EASEL_COLUMN_BOOLEAN:
      return c->bools[row] + 1;
    case EASEL_COLUMN_CATEGORICAL:
      return (guint64) c->codes[row] * 2654435761u + 7;
    case EASEL_COLUMN_TEXT:
    case EASEL_N_COLUMN_TYPES:
    default:
      {
        const char *s = c->text + c->offsets[row];
        return easel_hash_bytes (s, c->offsets[row + 1] - c->offsets[row] - 1);
      }
    }
}

static gboolean
values_equal (const EaselColumn *c,
              gsize              a,
              gsize              b)
{
  gboolean ma = easel_column_is_missing (c, a), mb = easel_column_is_missing (c, b);

  if (ma || mb)
    return ma && mb;
  switch (c->type)
    {
    case EASEL_COLUMN_NUMERIC:
    case EASEL_COLUMN_DATETIME:
      return c->num[a] == c->num[b];
    case EASEL_COLUMN_BOOLEAN:
      return c->bools[a] == c->bools[b];
    case EASEL_COLUMN_CATEGORICAL:
      return c->codes[a] == c->codes[b];
    case EASEL_COLUMN_TEXT:
    case EASEL_N_COLUMN_TYPES:
    default:
      return strcmp (c->text + c->offsets[a], c->text + c->offsets[b]) == 0;
    }
}

typedef struct
{
  guint64 hash;
  gsize   row;
} RowHash;

static int
compare_row_hash (gconstpointer a,
                  gconstpointer b)
{
  const RowHash *x = a, *y = b;

  if (x->hash != y->hash)
    return x->hash < y->hash ? -1 : 1;
  return (x->row > y->row) - (x->row < y->row);
}

gsize
easel_table_count_duplicate_rows (EaselTable *table)
{
  gsize n = easel_table_get_n_rows (table);
  guint p = easel_table_get_n_columns (table);
  g_autofree RowHash *rows = g_new (RowHash, MAX (n, 1));
  gsize duplicates = 0;

#pragma omp parallel for schedule(static)
  for (gsize i = 0; i < n; i++)
    {
      guint64 h = 0;
      for (guint c = 0; c < p; c++)
        h = mix (h, value_hash (easel_table_get_column (table, c), i));
      rows[i].hash = h;
      rows[i].row = i;
    }
  qsort (rows, n, sizeof (RowHash), compare_row_hash);

  /* Within a run of equal hashes, a row is a duplicate if it equals any earlier row of the
   * run (a hash collision must not count). Runs are almost always short. */
  for (gsize i = 0; i < n;)
    {
      gsize j = i + 1;
      while (j < n && rows[j].hash == rows[i].hash)
        j++;
      for (gsize k = i + 1; k < j; k++)
        for (gsize m = i; m < k; m++)
          {
            gboolean same = TRUE;
            for (guint c = 0; c < p && same; c++)
              same = values_equal (easel_table_get_column (table, c), rows[k].row, rows[m].row);
            if (same)
              {
                duplicates++;
                break;
              }
          }
      i = j;
    }
  return duplicates;
}

/* ------------------------------------------------------------------------------------------ */
/* Per-column checks                                                                           */

static gboolean
all_integers (const EaselColumn *c)
{
  for (gsize i = 0; i < c->n_rows; i++)
    if (!isnan (c->num[i]) && c->num[i] != floor (c->num[i]))
      return FALSE;
  return TRUE;
}

static void
check_outliers (EaselInsights            *insights,
                const EaselColumn        *c,
                const EaselColumnProfile *p)
{
  g_autofree double *dev = g_new (double, MAX (p->count, 1));
  gsize n = 0, outside = 0;
  double mad, robust_sd;

  if (p->count < ID_MIN_ROWS)
    return;
  for (gsize i = 0; i < c->n_rows; i++)
    if (!isnan (c->num[i]))
      dev[n++] = fabs (c->num[i] - p->median);
  easel_sort_doubles (dev, n);
  mad = easel_quantile_sorted (dev, n, 0.5);
  /* 1.4826 · MAD estimates the standard deviation of normal data, robustly. */
  robust_sd = 1.4826 * mad;
  if (robust_sd <= 0)
    return;
  for (gsize i = 0; i < n; i++)
    outside += dev[i] > OUTLIER_ROBUST_SD * robust_sd;
  if (outside > 0)
    {
      double share = (double) outside / (double) n;
      g_autofree char *pct = percent (share);
      add (insights, c->name, NULL, "outliers", share > 0.01 ? EASEL_SEVERITY_MEDIUM : EASEL_SEVERITY_LOW,
           (double) outside,
           g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "“%s” has %lu value (%s) further than 5 robust standard "
                                         "deviations from its median; check it for typing errors "
                                         "or consider clipping it.",
                                         "“%s” has %lu values (%s) further than 5 robust standard "
                                         "deviations from its median; check them for typing "
                                         "errors or consider clipping them.", outside),
                            c->name, (gulong) outside, pct));
    }
}

/* Numbers and words in one column, and values with spaces around them. */
static void
check_strings (EaselInsights     *insights,
               const EaselColumn *c)
{
  gsize numbers = 0, words = 0, spaced = 0;
  const char *example_word = NULL;

  if (c->type == EASEL_COLUMN_CATEGORICAL)
    {
      g_autofree gsize *counts = g_new0 (gsize, MAX (c->n_categories, 1));
      for (gsize i = 0; i < c->n_rows; i++)
        if (c->codes[i] >= 0)
          counts[c->codes[i]]++;
      for (guint32 k = 0; k < c->n_categories; k++)
        {
          const char *s = c->categories[k];
          gsize len = strlen (s);
          double v;
          if (counts[k] == 0)
            continue;
          if (easel_parse_double (s, len, '.', &v))
            numbers += counts[k];
          else
            {
              words += counts[k];
              if (example_word == NULL)
                example_word = s;
            }
          if (len > 0 && (g_ascii_isspace (s[0]) || g_ascii_isspace (s[len - 1])))
            spaced += counts[k];
        }
    }
  else
    {
      for (gsize i = 0; i < c->n_rows; i++)
        {
          const char *s = easel_column_get_string (c, i);
          gsize len;
          double v;
          if (s == NULL)
            continue;
          len = c->offsets[i + 1] - c->offsets[i] - 1;
          if (easel_parse_double (s, len, '.', &v))
            numbers++;
          else
            {
              words++;
              if (example_word == NULL)
                example_word = s;
            }
          if (len > 0 && (g_ascii_isspace (s[0]) || g_ascii_isspace (s[len - 1])))
            spaced++;
        }
    }

  if (numbers > 0 && words > 0)
    {
      double share = (double) numbers / (double) (numbers + words);
      g_autofree char *pct = percent (share);
      g_autofree char *word = g_utf8_substring (example_word, 0, MIN (g_utf8_strlen (example_word, -1), 30));
      add (insights, c->name, NULL, "mixed_types", share >= 0.5 ? EASEL_SEVERITY_MEDIUM : EASEL_SEVERITY_LOW,
           share,
           g_strdup_printf (_("“%s” mixes numbers (%s of its values) with words such as “%s”; "
                              "it is read as text, not as numbers."), c->name, pct, word));
    }
  if (spaced > 0)
    add (insights, c->name, NULL, "whitespace", EASEL_SEVERITY_LOW, (double) spaced,
         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%lu value of “%s” starts or ends with spaces, so values "
                                       "that look the same may count as different.",
                                       "%lu values of “%s” start or end with spaces, so values "
                                       "that look the same may count as different.", spaced),
                          (gulong) spaced, c->name));
}

static void
check_column (EaselInsights            *insights,
              const EaselColumn        *c,
              const EaselColumnProfile *p,
              gboolean                  is_target)
{
  gsize rows = c->n_rows;
  double missing_share = rows ? (double) p->missing / (double) rows : 0.0;

  if (missing_share >= 0.05)
    {
      g_autofree char *pct = percent (missing_share);
      add (insights, c->name, NULL, "high_missing",
           missing_share >= 0.5 ? EASEL_SEVERITY_HIGH
           : missing_share >= 0.2 ? EASEL_SEVERITY_MEDIUM : EASEL_SEVERITY_LOW,
           missing_share,
           g_strdup_printf (_("“%s” is missing in %s of the rows (%lu of %lu)."), c->name, pct,
                            (gulong) p->missing, (gulong) rows));
    }

  if (p->count > 0 && p->distinct <= 1 && rows > 1)
    {
      g_autofree char *value = NULL;
      for (gsize i = 0; i < rows && value == NULL; i++)
        value = easel_column_dup_value (c, i);
      add (insights, c->name, NULL, "constant", EASEL_SEVERITY_HIGH, 1.0,
           g_strdup_printf (_("“%s” has the same value (“%s”) in every row where it is present; "
                              "it tells a model nothing."), c->name, value ? value : ""));
      return;
    }

  if (!is_target && rows >= ID_MIN_ROWS && p->missing == 0 && p->distinct == rows &&
      (c->type == EASEL_COLUMN_CATEGORICAL || c->type == EASEL_COLUMN_TEXT ||
       (c->type == EASEL_COLUMN_NUMERIC && all_integers (c))))
    add (insights, c->name, NULL, "id_like", EASEL_SEVERITY_MEDIUM, 1.0,
         g_strdup_printf (_("Every value of “%s” is different, as in an identifier; it cannot "
                            "help predict new rows and should usually be left out."), c->name));
  else if (c->type == EASEL_COLUMN_CATEGORICAL && p->distinct > HIGH_CARDINALITY &&
           p->distinct * 20 > p->count)
    add (insights, c->name, NULL, "high_cardinality", EASEL_SEVERITY_MEDIUM, (double) p->distinct,
         g_strdup_printf (_("“%s” has %lu different categories; rare ones say little and make "
                            "models slower. Consider grouping them."), c->name,
                          (gulong) p->distinct));

  /* Skew and outliers mean little for a column of two values (0/1 flags). */
  if (c->type == EASEL_COLUMN_NUMERIC && p->distinct > 2)
    {
      if (isfinite (p->skewness) && fabs (p->skewness) > 2.0)
        add (insights, c->name, NULL, "skewed", fabs (p->skewness) > 10 ? EASEL_SEVERITY_MEDIUM : EASEL_SEVERITY_LOW,
             p->skewness,
             g_strdup_printf (p->skewness > 0
                              ? _("“%s” is strongly skewed (skewness %.1f): most values are small "
                                  "with a long tail of large ones. A log transform may help "
                                  "linear models.")
                              : _("“%s” is strongly skewed (skewness %.1f): most values are large "
                                  "with a long tail of small ones. A log transform may help "
                                  "linear models."),
                              c->name, p->skewness));
      check_outliers (insights, c, p);
    }
  if (c->type == EASEL_COLUMN_CATEGORICAL || c->type == EASEL_COLUMN_TEXT)
    check_strings (insights, c);
}

/* ------------------------------------------------------------------------------------------ */
/* Correlations: pairs and variance inflation                                                  */

/* Invert a symmetric positive definite p × p matrix in place (Cholesky). FALSE if it is not
 * positive definite. */
static gboolean
invert_spd (double *a,
            guint   p)
{
  g_autofree double *l = g_new0 (double, (gsize) p * p);
  g_autofree double *inv = g_new0 (double, (gsize) p * p);

  for (guint j = 0; j < p; j++)
    {
      double d = a[(gsize) j * p + j];
      for (guint k = 0; k < j; k++)
        d -= l[(gsize) j * p + k] * l[(gsize) j * p + k];
      if (d <= 1e-12)
        return FALSE;
      l[(gsize) j * p + j] = sqrt (d);
      for (guint i = j + 1; i < p; i++)
        {
          double s = a[(gsize) i * p + j];
          for (guint k = 0; k < j; k++)
            s -= l[(gsize) i * p + k] * l[(gsize) j * p + k];
          l[(gsize) i * p + j] = s / l[(gsize) j * p + j];
        }
    }
  /* Solve L Lᵀ X = I column by column. */
  for (guint c = 0; c < p; c++)
    {
      g_autofree double *y = g_new0 (double, p);
      for (guint i = 0; i < p; i++)
        {
          double s = i == c ? 1.0 : 0.0;
          for (guint k = 0; k < i; k++)
            s -= l[(gsize) i * p + k] * y[k];
          y[i] = s / l[(gsize) i * p + i];
        }
      for (guint i = p; i-- > 0;)
        {
          double s = y[i];
          for (guint k = i + 1; k < p; k++)
            s -= l[(gsize) k * p + i] * inv[(gsize) k * p + c];
          inv[(gsize) i * p + c] = s / l[(gsize) i * p + i];
        }
    }
  memcpy (a, inv, (gsize) p * p * sizeof (double));
  return TRUE;
}

static void
check_correlations (EaselInsights    *insights,
                    EaselTable       *table,
                    const char       *target,
                    GCancellable     *cancellable)
{
  g_autoptr(EaselCorrelation) corr = easel_correlate (table, EASEL_CORRELATION_PEARSON, NULL, cancellable, NULL);
  g_autofree guint *keep = NULL;
  g_autofree double *r = NULL;
  guint p, k = 0;

  if (corr == NULL || corr->n < 2)
    return;
  p = corr->n;
  for (guint i = 0; i < p; i++)
    for (guint j = i + 1; j < p; j++)
      {
        double v = corr->r[(gsize) i * p + j];
        if (isfinite (v) && fabs (v) > HIGH_CORRELATION)
          add (insights, corr->names[i], corr->names[j], "high_correlation", EASEL_SEVERITY_MEDIUM, v,
               g_strdup_printf (_("“%s” and “%s” are almost the same information (correlation "
                                  "%.3f); one of them may be enough."), corr->names[i],
                                corr->names[j], v));
      }

  /* Variance inflation among the predictors: the diagonal of the inverse correlation
   * matrix. The target and columns without a defined correlation are left out. */
  keep = g_new (guint, p);
  for (guint i = 0; i < p; i++)
    {
      gboolean ok = target == NULL || strcmp (corr->names[i], target) != 0;
      for (guint j = 0; j < p && ok; j++)
        ok = isfinite (corr->r[(gsize) i * p + j]);
      if (ok)
        keep[k++] = i;
    }
  if (k < 2)
    return;
  r = g_new (double, (gsize) k * k);
  for (guint a = 0; a < k; a++)
    for (guint b = 0; b < k; b++)
      r[(gsize) a * k + b] = corr->r[(gsize) keep[a] * p + keep[b]] + (a == b ? 1e-9 : 0.0);
  if (!invert_spd (r, k))
    return;
  for (guint a = 0; a < k; a++)
    {
      double vif = r[(gsize) a * k + a];
      if (vif > VIF_LIMIT)
        add (insights, corr->names[keep[a]], NULL, "multicollinearity",
             vif > 100 ? EASEL_SEVERITY_MEDIUM : EASEL_SEVERITY_LOW, vif,
             g_strdup_printf (_("“%s” is largely explained by the other numeric columns "
                                "(variance inflation factor %.0f); linear models will find its "
                                "weight unstable."),
                              corr->names[keep[a]], MIN (vif, 1e6)));
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Predictive power: a cross-validated one-column model                                        */

typedef struct
{
  gboolean  classification;
  guint32   n_classes;
  gint32   *label;     /* classification: class per row, -1 when missing */
  double   *value;     /* regression: target per row, NaN when missing */
  guint8   *fold;      /* fold per row */
} Target;

static gboolean
make_target (const EaselColumn *c,
             Target            *t)
{
  gsize n = c->n_rows;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);

  memset (t, 0, sizeof *t);
  t->fold = g_new (guint8, MAX (n, 1));
  /* Folds by a seeded shuffle: reproducible, and not tied to the file's order. */
  {
    g_autofree gsize *order = g_new (gsize, MAX (n, 1));
    for (gsize i = 0; i < n; i++)
      order[i] = i;
    for (gsize i = n; i > 1; i--)
      {
        gsize j = (gsize) g_rand_double_range (rand, 0, (double) i);
        gsize tmp = order[i - 1];
        order[i - 1] = order[j];
        order[j] = tmp;
      }
    for (gsize i = 0; i < n; i++)
      t->fold[order[i]] = (guint8) (i % PP_FOLDS);
  }

  if (c->type == EASEL_COLUMN_CATEGORICAL || c->type == EASEL_COLUMN_BOOLEAN)
    {
      t->classification = TRUE;
      t->n_classes = c->type == EASEL_COLUMN_BOOLEAN ? 2 : c->n_categories;
      t->label = g_new (gint32, MAX (n, 1));
      for (gsize i = 0; i < n; i++)
        t->label[i] = easel_column_is_missing (c, i) ? -1
                      : c->type == EASEL_COLUMN_BOOLEAN ? c->bools[i] : c->codes[i];
      return TRUE;
    }
  if (c->type == EASEL_COLUMN_NUMERIC)
    {
      /* Few distinct whole numbers make classes, as the model builder decides. */
      gint64 keys[21];
      guint n_keys = 0;
      gboolean classes = TRUE;

      for (gsize i = 0; i < n && classes; i++)
        {
          double v = c->num[i];
          guint k;
          if (isnan (v))
            continue;
          if (v != floor (v) || fabs (v) > 1e15)
            {
              classes = FALSE;
              break;
            }
          for (k = 0; k < n_keys && keys[k] != (gint64) v; k++)
            ;
          if (k == n_keys)
            {
              if (n_keys == G_N_ELEMENTS (keys) - 1)
                classes = FALSE;
              else
                keys[n_keys++] = (gint64) v;
            }
        }
      if (classes && n_keys >= 2)
        {
          t->classification = TRUE;
          t->n_classes = n_keys;
          t->label = g_new (gint32, MAX (n, 1));
          for (gsize i = 0; i < n; i++)
            {
              t->label[i] = -1;
              if (!isnan (c->num[i]))
                for (guint k = 0; k < n_keys; k++)
                  if (keys[k] == (gint64) c->num[i])
                    {
                      t->label[i] = (gint32) k;
                      break;
                    }
            }
          return TRUE;
        }
      t->value = g_memdup2 (c->num, n * sizeof (double));
      return TRUE;
    }
  return FALSE;
}

static void
target_clear (Target *t)
{
  g_free (t->label);
  g_free (t->value);
  g_free (t->fold);
}

/* The feature as small integer groups: categories, booleans, quantile bins of numbers,
 * distinct strings of text; the last group is "missing". */
static guint32 *
feature_groups (const EaselColumn *c,
                guint32           *n_groups)
{
  gsize n = c->n_rows;
  guint32 *g = g_new (guint32, MAX (n, 1));

  switch (c->type)
    {
    case EASEL_COLUMN_CATEGORICAL:
      *n_groups = c->n_categories + 1;
      for (gsize i = 0; i < n; i++)
        g[i] = c->codes[i] < 0 ? c->n_categories : (guint32) c->codes[i];
      break;
    case EASEL_COLUMN_BOOLEAN:
      *n_groups = 3;
      for (gsize i = 0; i < n; i++)
        g[i] = easel_column_is_missing (c, i) ? 2 : c->bools[i];
      break;
    case EASEL_COLUMN_TEXT:
      {
        EaselDict dict;
        easel_dict_init (&dict);
        for (gsize i = 0; i < n; i++)
          g[i] = easel_column_is_missing (c, i) ? G_MAXUINT32
                 : easel_dict_intern (&dict, c->text + c->offsets[i], c->offsets[i + 1] - c->offsets[i] - 1);
        *n_groups = dict.n + 1;
        for (gsize i = 0; i < n; i++)
          if (g[i] == G_MAXUINT32)
            g[i] = dict.n;
        easel_dict_clear (&dict);
      }
      break;
    case EASEL_COLUMN_NUMERIC:
    case EASEL_COLUMN_DATETIME:
    case EASEL_N_COLUMN_TYPES:
    default:
      {
        /* Quantile bins; the edges use no target information, so they may come from all rows. */
        g_autofree double *sorted = g_new (double, MAX (n, 1));
        double edges[PP_BINS - 1];
        gsize m = 0;
        for (gsize i = 0; i < n; i++)
          if (!isnan (c->num[i]))
            sorted[m++] = c->num[i];
        easel_sort_doubles (sorted, m);
        for (guint b = 0; b + 1 < PP_BINS; b++)
          edges[b] = m ? easel_quantile_sorted (sorted, m, (b + 1.0) / PP_BINS) : 0.0;
        *n_groups = PP_BINS + 1;
        for (gsize i = 0; i < n; i++)
          {
            double v = c->num[i];
            guint lo = 0, hi = PP_BINS - 1;
            if (isnan (v))
              {
                g[i] = PP_BINS;
                continue;
              }
            /* first edge >= v */
            while (lo < hi)
              {
                guint mid = (lo + hi) / 2;
                if (edges[mid] < v)
                  lo = mid + 1;
                else
                  hi = mid;
              }
            g[i] = lo;
          }
      }
      break;
    }
  return g;
}

/* Cross-validated skill of "predict from the feature's group alone": the group's class
 * shares (classification) or mean (regression) against the same without the feature, in
 * squared error (the Brier score for classes). 0 is no better, 1 is perfect. Group
 * estimates are shrunk towards the overall one, so that small groups do not look sure. */
static double
predictive_power (const Target      *t,
                  const EaselColumn *feature)
{
  const double prior = 1.0;  /* weight of the overall estimate in each group, in rows */
  guint32 n_groups;
  g_autofree guint32 *groups = feature_groups (feature, &n_groups);
  gsize n = feature->n_rows;
  double model_err = 0, base_err = 0;
  gboolean any = FALSE;

  for (guint fold = 0; fold < PP_FOLDS; fold++)
    {
      if (t->classification)
        {
          guint32 k = t->n_classes;
          g_autofree double *counts = g_new0 (double, (gsize) n_groups * k);
          g_autofree double *size = g_new0 (double, n_groups);
          g_autofree double *overall = g_new0 (double, MAX (k, 1));
          double m = 0;

          for (gsize i = 0; i < n; i++)
            if (t->fold[i] != fold && t->label[i] >= 0)
              {
                counts[(gsize) groups[i] * k + t->label[i]] += 1;
                size[groups[i]] += 1;
                overall[t->label[i]] += 1;
                m += 1;
              }
          if (m == 0)
            continue;
          for (guint32 c = 0; c < k; c++)
            overall[c] /= m;
          for (gsize i = 0; i < n; i++)
            if (t->fold[i] == fold && t->label[i] >= 0)
              {
                guint32 g = groups[i];
                for (guint32 c = 0; c < k; c++)
                  {
                    double y = (gint32) c == t->label[i] ? 1.0 : 0.0;
                    double pm = (counts[(gsize) g * k + c] + prior * overall[c]) / (size[g] + prior);
                    model_err += (pm - y) * (pm - y);
                    base_err += (overall[c] - y) * (overall[c] - y);
                  }
                any = TRUE;
              }
        }
      else
        {
          g_autofree double *sum = g_new0 (double, n_groups);
          g_autofree double *count = g_new0 (double, n_groups);
          double total = 0, m = 0, mean;

          for (gsize i = 0; i < n; i++)
            if (t->fold[i] != fold && !isnan (t->value[i]))
              {
                sum[groups[i]] += t->value[i];
                count[groups[i]] += 1;
                total += t->value[i];
                m += 1;
              }
          if (m == 0)
            continue;
          mean = total / m;
          for (gsize i = 0; i < n; i++)
            if (t->fold[i] == fold && !isnan (t->value[i]))
              {
                guint32 g = groups[i];
                double pred = (sum[g] + prior * mean) / (count[g] + prior);
                model_err += (t->value[i] - pred) * (t->value[i] - pred);
                base_err += (t->value[i] - mean) * (t->value[i] - mean);
                any = TRUE;
              }
        }
    }
  if (!any)
    return NAN;
  return base_err <= 0 ? 0.0 : CLAMP (1.0 - model_err / base_err, 0.0, 1.0);
}

static void
check_target (EaselInsights     *insights,
              EaselTable        *table,
              const EaselColumn *target,
              EaselProgress     *progress,
              GCancellable      *cancellable)
{
  Target t;
  guint p = easel_table_get_n_columns (table);
  gint done = 0;

  if (!make_target (target, &t))
    {
      add (insights, target->name, NULL, "target_type", EASEL_SEVERITY_HIGH, NAN,
           g_strdup_printf (_("“%s” is %s; a column to predict must hold categories, true/false "
                              "or numbers."), target->name,
                            easel_column_type_to_words (target->type)));
      target_clear (&t);
      return;
    }

  if (t.classification)
    {
      g_autofree gsize *counts = g_new0 (gsize, MAX (t.n_classes, 1));
      gsize total = 0, min_count = G_MAXSIZE;
      guint32 min_class = 0;
      for (gsize i = 0; i < target->n_rows; i++)
        if (t.label[i] >= 0)
          {
            counts[t.label[i]]++;
            total++;
          }
      for (guint32 c = 0; c < t.n_classes; c++)
        if (counts[c] > 0 && counts[c] < min_count)
          {
            min_count = counts[c];
            min_class = c;
          }
      if (total > 0 && min_count != G_MAXSIZE)
        {
          double share = (double) min_count / (double) total;
          /* Flag a rarest class under 20% of two, or under half its balanced share 1/k. */
          double limit = t.n_classes == 2 ? 0.2 : 0.5 / t.n_classes;
          if (share < limit)
            {
              g_autofree char *label = NULL;
              g_autofree char *pct = percent (share);
              for (gsize i = 0; i < target->n_rows && label == NULL; i++)
                if (t.label[i] == (gint32) min_class)
                  label = easel_column_dup_value (target, i);
              add (insights, target->name, NULL, "imbalanced_target",
                   share < 0.02 ? EASEL_SEVERITY_HIGH : EASEL_SEVERITY_MEDIUM, share,
                   g_strdup_printf (_("The target “%s” is imbalanced: its rarest value “%s” is "
                                      "only %s of the rows. Accuracy will look good even for a "
                                      "model that never predicts it; compare balanced accuracy "
                                      "and recall."),
                                    target->name, label ? label : "", pct));
            }
        }
    }

#pragma omp parallel for schedule(dynamic, 1)
  for (guint c = 0; c < p; c++)
    {
      const EaselColumn *column = easel_table_get_column (table, c);
      if (column == target || g_cancellable_is_cancelled (cancellable))
        continue;
      insights->predictive_power[c] = predictive_power (&t, column);
      easel_progress_report (progress, 0.5 + 0.5 * (g_atomic_int_add (&done, 1) + 1) / (double) p,
                             _("Rating columns against the target"));
    }

  for (guint c = 0; c < p; c++)
    {
      const EaselColumn *column = easel_table_get_column (table, c);
      double pp = insights->predictive_power[c];
      if (column != target && isfinite (pp) && pp >= LEAKAGE_POWER)
        add (insights, column->name, NULL, "target_leakage", EASEL_SEVERITY_HIGH, pp,
             g_strdup_printf (_("“%s” alone predicts “%s” almost perfectly (predictive power "
                                "%.2f). It may only be known after the outcome; a model that uses "
                                "it will fail on new data."), column->name, target->name, pp));
    }
  target_clear (&t);
}

EaselInsights *
easel_insights_compute (EaselTable     *table,
                        const char     *target,
                        EaselProgress  *progress,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_autoptr(EaselInsights) insights = g_new0 (EaselInsights, 1);
  g_autoptr(EaselProfile) profile = NULL;
  guint p = easel_table_get_n_columns (table);
  int target_index = -1;

  if (target != NULL)
    {
      target_index = easel_table_find_column (table, target);
      if (target_index < 0)
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_NOT_FOUND,
                       "There is no column named “%s” to use as the target.", target);
          return NULL;
        }
    }

  insights->rows = easel_table_get_n_rows (table);
  insights->warnings = g_ptr_array_new_with_free_func (insight_free);
  insights->n_columns = p;
  insights->names = g_new0 (char *, p + 1);
  insights->predictive_power = g_new (double, MAX (p, 1));
  insights->target = g_strdup (target);
  for (guint c = 0; c < p; c++)
    {
      insights->names[c] = g_strdup (easel_table_get_column (table, c)->name);
      insights->predictive_power[c] = NAN;
    }

  easel_progress_push_range (progress, 0.0, 0.3);
  profile = easel_profile_table (table, 1, progress, cancellable, error);
  easel_progress_pop_range (progress);
  if (profile == NULL)
    return NULL;

  for (guint c = 0; c < p; c++)
    check_column (insights, easel_table_get_column (table, c), &profile->columns[c], (int) c == target_index);

  easel_progress_report (progress, 0.35, _("Looking for duplicate rows"));
  insights->duplicate_rows = easel_table_count_duplicate_rows (table);
  if (insights->duplicate_rows > 0)
    {
      double share = insights->rows ? (double) insights->duplicate_rows / (double) insights->rows : 0;
      g_autofree char *pct = percent (share);
      add (insights, NULL, NULL, "duplicate_rows", share > 0.05 ? EASEL_SEVERITY_MEDIUM : EASEL_SEVERITY_LOW,
           (double) insights->duplicate_rows,
           g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%lu row (%s) repeats an earlier row exactly; it counts "
                                         "twice in training and can leak into the test rows.",
                                         "%lu rows (%s) repeat an earlier row exactly; they count "
                                         "twice in training and can leak into the test rows.",
                                         insights->duplicate_rows),
                            (gulong) insights->duplicate_rows, pct));
    }

  easel_progress_report (progress, 0.45, _("Comparing columns"));
  check_correlations (insights, table, target, cancellable);

  if (target_index >= 0)
    check_target (insights, table, easel_table_get_column (table, target_index), progress, cancellable);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Stable: equal severities keep table order. */
  {
    g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
    for (int s = EASEL_SEVERITY_HIGH; s >= EASEL_SEVERITY_LOW; s--)
      for (guint i = 0; i < insights->warnings->len; i++)
        {
          EaselInsight *w = insights->warnings->pdata[i];
          if ((int) w->severity == s)
            g_ptr_array_add (sorted, w);
        }
    for (guint i = 0; i < sorted->len; i++)
      insights->warnings->pdata[i] = sorted->pdata[i];
  }
  easel_progress_report (progress, 1.0, _("Done"));
  return g_steal_pointer (&insights);
}
