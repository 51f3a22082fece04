/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

/* Correlation matrices as BLAS level-3 work.
 *
 * Rows are cut into a fixed number of slabs (independent of the thread count, so results
 * do not depend on it) and each slab into blocks that fit in cache. A block is copied into
 * column-major buffers, shifted by a per-column constant close to the mean, and:
 *  - without missing values: G += ZᵀZ (DSYRK), S += column sums;
 *  - with missing values (Z zero where missing, M the 0/1 mask):
 *      P += ZᵀZ, A += ZᵀM, Q += (Z∘Z)ᵀM, N += MᵀM,
 *    which give, for each pair, the sums over rows where both are present.
 * The slabs' sums are added in order and turned into Pearson coefficients. Spearman is
 * Pearson on average ranks; with missing values the ranks of a pair are taken over the
 * rows where both are present, as pandas does. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <cblas.h>
#include <math.h>
#include <string.h>
#include <omp.h>

#include "easel-blas.h"
#include "easel-correlate.h"
#include "easel-error.h"

#define BLOCK_ROWS 2048
#define N_SLABS 16

const char *
easel_correlation_method_to_string (EaselCorrelationMethod method)
{
  return method == EASEL_CORRELATION_SPEARMAN ? "spearman" : "pearson";
}

gboolean
easel_correlation_method_from_string (const char             *name,
                                      EaselCorrelationMethod *method)
{
  if (g_ascii_strcasecmp (name, "pearson") == 0)
    *method = EASEL_CORRELATION_PEARSON;
  else if (g_ascii_strcasecmp (name, "spearman") == 0)
    *method = EASEL_CORRELATION_SPEARMAN;
  else
    return FALSE;
  return TRUE;
}

void
easel_correlation_free (EaselCorrelation *c)
{
  if (c == NULL)
    return;
  g_free (c->columns);
  g_strfreev (c->names);
  g_free (c->r);
  g_free (c->counts);
  g_free (c);
}

/* ------------------------------------------------------------------------------------------ */
/* Ranks                                                                                       */

typedef struct
{
  double value;
  guint32 index;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *x = a, *y = b;

  if (x->value != y->value)
    return x->value < y->value ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

void
easel_rank_average (const double *values,
                    gsize         n,
                    double       *ranks)
{
  g_autofree Ranked *order = g_new (Ranked, MAX (n, 1));
  gsize i = 0;

  for (gsize k = 0; k < n; k++)
    order[k] = (Ranked) { values[k], (guint32) k };
  qsort (order, n, sizeof (Ranked), compare_ranked);
  while (i < n)
    {
      gsize j = i + 1;
      double rank;

      while (j < n && order[j].value == order[i].value)
        j++;
      /* Ranks i+1 .. j share their mean. */
      rank = 0.5 * (double) (i + 1 + j);
      for (gsize k = i; k < j; k++)
        ranks[order[k].index] = rank;
      i = j;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Pearson by blocks                                                                           */

typedef struct
{
  double *g;   /* p × p: ZᵀZ (upper triangle from DSYRK, mirrored later) */
  double *s;   /* p: column sums (complete data) */
  double *a;   /* p × p: ZᵀM (missing data) */
  double *q;   /* p × p: (Z∘Z)ᵀM */
  double *m;   /* p × p: MᵀM */
} Sums;

static void
sums_init (Sums    *sums,
           guint    p,
           gboolean with_missing)
{
  gsize pp = (gsize) p * p;

  sums->g = g_new0 (double, MAX (pp, 1));
  sums->s = g_new0 (double, MAX (p, 1));
  sums->a = with_missing ? g_new0 (double, MAX (pp, 1)) : NULL;
  sums->q = with_missing ? g_new0 (double, MAX (pp, 1)) : NULL;
  sums->m = with_missing ? g_new0 (double, MAX (pp, 1)) : NULL;
}

static void
sums_clear (Sums *sums)
{
  g_free (sums->g);
  g_free (sums->s);
  g_free (sums->a);
  g_free (sums->q);
  g_free (sums->m);
}

static void
sums_add (Sums       *into,
          const Sums *from,
          guint       p)
{
  gsize pp = (gsize) p * p;

  for (gsize k = 0; k < pp; k++)
    into->g[k] += from->g[k];
  for (guint k = 0; k < p; k++)
    into->s[k] += from->s[k];
  if (into->a != NULL)
    for (gsize k = 0; k < pp; k++)
      {
        into->a[k] += from->a[k];
        into->q[k] += from->q[k];
        into->m[k] += from->m[k];
      }
}

/* Accumulate rows [r0, r1) of the p columns into 'sums'. */
static void
accumulate_slab (const double *const *x,
                 const double        *shift,
                 guint                p,
                 gsize                r0,
                 gsize                r1,
                 gboolean             with_missing,
                 Sums                *sums)
{
  gsize cap = MIN ((gsize) BLOCK_ROWS, r1 - r0);
  g_autofree double *z = g_new (double, MAX (cap * p, 1));
  g_autofree double *z2 = with_missing ? g_new (double, MAX (cap * p, 1)) : NULL;
  g_autofree double *mask = with_missing ? g_new (double, MAX (cap * p, 1)) : NULL;

  for (gsize b0 = r0; b0 < r1; b0 += BLOCK_ROWS)
    {
      gsize rows = MIN ((gsize) BLOCK_ROWS, r1 - b0);

      /* Column-major blocks: column j of the block is contiguous at z + j·rows. */
      for (guint j = 0; j < p; j++)
        {
          const double *src = x[j] + b0;
          double *dst = z + (gsize) j * rows;
          double sj = shift[j], sum = 0.0;

          if (!with_missing)
            {
              for (gsize i = 0; i < rows; i++)
                {
                  dst[i] = src[i] - sj;
                  sum += dst[i];
                }
              sums->s[j] += sum;
            }
          else
            {
              double *dst2 = z2 + (gsize) j * rows;
              double *mk = mask + (gsize) j * rows;
              for (gsize i = 0; i < rows; i++)
                {
                  gboolean present = !isnan (src[i]);
                  double v = present ? src[i] - sj : 0.0;
                  dst[i] = v;
                  dst2[i] = v * v;
                  mk[i] = present ? 1.0 : 0.0;
                }
            }
        }

      cblas_dsyrk (CblasColMajor, CblasUpper, CblasTrans, (int) p, (int) rows, 1.0, z, (int) rows,
                   1.0, sums->g, (int) p);
      if (with_missing)
        {
          /* a[j][i] = Σ z_j·m_i is stored column-major as a + i·p + j. */
          cblas_dgemm (CblasColMajor, CblasTrans, CblasNoTrans, (int) p, (int) p, (int) rows, 1.0, z,
                       (int) rows, mask, (int) rows, 1.0, sums->a, (int) p);
          cblas_dgemm (CblasColMajor, CblasTrans, CblasNoTrans, (int) p, (int) p, (int) rows, 1.0, z2,
                       (int) rows, mask, (int) rows, 1.0, sums->q, (int) p);
          cblas_dsyrk (CblasColMajor, CblasUpper, CblasTrans, (int) p, (int) rows, 1.0, mask,
                       (int) rows, 1.0, sums->m, (int) p);
        }
    }
}

/* Pearson on p columns of n rows (NaN = missing); r and counts are p × p. */
static gboolean
pearson_columns (const double *const *x,
                 guint                p,
                 gsize                n,
                 double              *r,
                 gsize               *counts,
                 EaselProgress       *progress,
                 GCancellable        *cancellable)
{
  g_autofree double *shift = g_new0 (double, MAX (p, 1));
  gboolean with_missing = FALSE;
  Sums slabs[N_SLABS];
  Sums total;
  gint done = 0;
  gboolean cancelled = FALSE;

  easel_blas_init ();

  /* A shift close to the mean keeps the one-pass sums free of cancellation: the mean of a
   * sample of the first present values is enough. */
  for (guint j = 0; j < p; j++)
    {
      double sum = 0.0;
      gsize k = 0;
      for (gsize i = 0; i < n && k < 4096; i++)
        if (!isnan (x[j][i]))
          {
            sum += x[j][i];
            k++;
          }
      shift[j] = k > 0 ? sum / (double) k : 0.0;
      if (k < MIN (n, (gsize) 4096))
        with_missing = TRUE;
    }
  if (!with_missing)
    for (guint j = 0; j < p && !with_missing; j++)
      for (gsize i = 0; i < n; i++)
        if (isnan (x[j][i]))
          {
            with_missing = TRUE;
            break;
          }

  for (guint s = 0; s < N_SLABS; s++)
    sums_init (&slabs[s], p, with_missing);

#pragma omp parallel for schedule(dynamic, 1)
  for (guint s = 0; s < N_SLABS; s++)
    {
      gsize r0 = n * s / N_SLABS, r1 = n * (s + 1) / N_SLABS;

      if (g_atomic_int_get (&cancelled) || g_cancellable_is_cancelled (cancellable))
        {
          g_atomic_int_set (&cancelled, TRUE);
          continue;
        }
      if (r1 > r0)
        accumulate_slab (x, shift, p, r0, r1, with_missing, &slabs[s]);
      easel_progress_report (progress, (g_atomic_int_add (&done, 1) + 1) / (double) N_SLABS,
                             _("Computing correlations"));
    }

  sums_init (&total, p, with_missing);
  for (guint s = 0; s < N_SLABS; s++)
    {
      sums_add (&total, &slabs[s], p);
      sums_clear (&slabs[s]);
    }

  for (guint i = 0; i < p; i++)
    for (guint j = i; j < p; j++)
      {
        /* Upper triangle in column-major: element (i, j), i <= j, at i + j·p. */
        double sxy = total.g[i + (gsize) j * p];
        double cnt, sx, sy, sxx, syy, cov, vx, vy, value;

        if (!with_missing)
          {
            cnt = (double) n;
            sx = total.s[i];
            sy = total.s[j];
            sxx = total.g[i + (gsize) i * p];
            syy = total.g[j + (gsize) j * p];
          }
        else
          {
            cnt = total.m[i + (gsize) j * p];
            sx = total.a[i + (gsize) j * p];   /* Σ z_i over rows where j is present */
            sy = total.a[j + (gsize) i * p];
            sxx = total.q[i + (gsize) j * p];
            syy = total.q[j + (gsize) i * p];
          }
        cov = sxy - sx * sy / cnt;
        vx = sxx - sx * sx / cnt;
        vy = syy - sy * sy / cnt;
        if (cnt < 2 || vx <= 0.0 || vy <= 0.0)
          value = NAN;
        else
          value = CLAMP (cov / sqrt (vx * vy), -1.0, 1.0);
        if (i == j && !isnan (value))
          value = 1.0;
        r[(gsize) i * p + j] = r[(gsize) j * p + i] = value;
        counts[(gsize) i * p + j] = counts[(gsize) j * p + i] = (gsize) llround (cnt);
      }
  sums_clear (&total);
  return !cancelled;
}

/* Spearman with missing values: each pair ranked over its complete rows. */
static gboolean
spearman_pairwise (const double *const *x,
                   guint                p,
                   gsize                n,
                   double              *r,
                   gsize               *counts,
                   EaselProgress       *progress,
                   GCancellable        *cancellable)
{
  guint n_pairs = p * (p + 1) / 2;
  gint done = 0;
  gboolean cancelled = FALSE;

#pragma omp parallel
  {
    g_autofree double *a = g_new (double, MAX (n, 1));
    g_autofree double *b = g_new (double, MAX (n, 1));
    g_autofree double *ra = g_new (double, MAX (n, 1));
    g_autofree double *rb = g_new (double, MAX (n, 1));

#pragma omp for schedule(dynamic, 1)
    for (guint k = 0; k < n_pairs; k++)
      {
        guint i = 0, j, rest = k;
        gsize m = 0;
        double value = NAN;

        /* k enumerates pairs (i, j) with i <= j */
        while (rest >= p - i)
          {
            rest -= p - i;
            i++;
          }
        j = i + rest;

        if (g_atomic_int_get (&cancelled) || g_cancellable_is_cancelled (cancellable))
          {
            g_atomic_int_set (&cancelled, TRUE);
            continue;
          }
        for (gsize row = 0; row < n; row++)
          if (!isnan (x[i][row]) && !isnan (x[j][row]))
            {
              a[m] = x[i][row];
              b[m] = x[j][row];
              m++;
            }
        if (m >= 2)
          {
            const double *cols[2] = { ra, rb };
            double rr[4];
            gsize cc[4];

            easel_rank_average (a, m, ra);
            easel_rank_average (b, m, rb);
            pearson_columns (cols, 2, m, rr, cc, NULL, NULL);
            value = rr[1];
          }
        if (i == j && !isnan (value))
          value = 1.0;
        r[(gsize) i * p + j] = r[(gsize) j * p + i] = value;
        counts[(gsize) i * p + j] = counts[(gsize) j * p + i] = m;
        easel_progress_report (progress, (g_atomic_int_add (&done, 1) + 1) / (double) n_pairs,
                               _("Computing correlations"));
      }
  }
  return !cancelled;
}

EaselCorrelation *
easel_correlate (EaselTable              *table,
                 EaselCorrelationMethod   method,
                 EaselProgress           *progress,
                 GCancellable            *cancellable,
                 GError                 **error)
{
  g_autoptr(EaselCorrelation) c = g_new0 (EaselCorrelation, 1);
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GTimer) timer = g_timer_new ();
  gsize n = easel_table_get_n_rows (table);
  const double **x;
  double **ranked = NULL;
  gboolean any_missing = FALSE, ok;
  guint p;

  for (guint i = 0; i < easel_table_get_n_columns (table); i++)
    if (easel_table_get_column (table, i)->type == EASEL_COLUMN_NUMERIC)
      g_array_append_val (indices, i);
  p = indices->len;
  c->method = method;
  c->n = p;
  c->columns = (guint *) g_array_free (g_steal_pointer (&indices), FALSE);
  c->names = g_new0 (char *, p + 1);
  c->r = g_new (double, MAX ((gsize) p * p, 1));
  c->counts = g_new0 (gsize, MAX ((gsize) p * p, 1));
  x = g_new (const double *, MAX (p, 1));
  for (guint j = 0; j < p; j++)
    {
      const EaselColumn *column = easel_table_get_column (table, c->columns[j]);
      c->names[j] = g_strdup (column->name);
      x[j] = column->num;
      any_missing |= column->n_missing > 0;
    }

  if (method == EASEL_CORRELATION_SPEARMAN && any_missing)
    ok = spearman_pairwise (x, p, n, c->r, c->counts, progress, cancellable);
  else
    {
      if (method == EASEL_CORRELATION_SPEARMAN)
        {
          ranked = g_new (double *, MAX (p, 1));
#pragma omp parallel for schedule(dynamic, 1)
          for (guint j = 0; j < p; j++)
            {
              ranked[j] = g_new (double, MAX (n, 1));
              easel_rank_average (x[j], n, ranked[j]);
            }
          for (guint j = 0; j < p; j++)
            x[j] = ranked[j];
        }
      ok = pearson_columns (x, p, n, c->r, c->counts, progress, cancellable);
      if (ranked != NULL)
        for (guint j = 0; j < p; j++)
          g_free (ranked[j]);
      g_free (ranked);
    }
  g_free (x);
  if (!ok)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Computing correlations was cancelled.");
      return NULL;
    }
  c->seconds = g_timer_elapsed (timer, NULL);
  return g_steal_pointer (&c);
}

/* ------------------------------------------------------------------------------------------ */
/* Associations with categories                                                                */

/* Category index of a row for a categorical or boolean column, -1 when missing. */
static inline gint32
category_of (const EaselColumn *column,
             gsize              row)
{
  if (easel_column_is_missing (column, row))
    return -1;
  if (column->type == EASEL_COLUMN_BOOLEAN)
    return column->bools[row];
  return column->codes[row];
}

static guint32
n_categories_of (const EaselColumn *column)
{
  return column->type == EASEL_COLUMN_BOOLEAN ? 2 : column->n_categories;
}

double
easel_cramers_v (const EaselColumn *a,
                 const EaselColumn *b)
{
  guint32 ra = n_categories_of (a), cb = n_categories_of (b);
  g_autofree double *table = NULL;
  g_autofree double *row_sum = NULL;
  g_autofree double *col_sum = NULL;
  double n = 0.0, chi2 = 0.0;
  guint32 used_rows = 0, used_cols = 0;

  g_return_val_if_fail (a->n_rows == b->n_rows, NAN);
  if ((a->type != EASEL_COLUMN_CATEGORICAL && a->type != EASEL_COLUMN_BOOLEAN) ||
      (b->type != EASEL_COLUMN_CATEGORICAL && b->type != EASEL_COLUMN_BOOLEAN) ||
      (guint64) ra * cb > 16 * 1024 * 1024)
    return NAN;

  table = g_new0 (double, MAX ((gsize) ra * cb, 1));
  row_sum = g_new0 (double, MAX (ra, 1));
  col_sum = g_new0 (double, MAX (cb, 1));
  for (gsize i = 0; i < a->n_rows; i++)
    {
      gint32 x = category_of (a, i), y = category_of (b, i);
      if (x < 0 || y < 0)
        continue;
      table[(gsize) x * cb + y] += 1.0;
      row_sum[x] += 1.0;
      col_sum[y] += 1.0;
      n += 1.0;
    }
  for (guint32 x = 0; x < ra; x++)
    used_rows += row_sum[x] > 0;
  for (guint32 y = 0; y < cb; y++)
    used_cols += col_sum[y] > 0;
  if (n == 0 || MIN (used_rows, used_cols) < 2)
    return NAN;
  for (guint32 x = 0; x < ra; x++)
    for (guint32 y = 0; y < cb; y++)
      {
        double expected = row_sum[x] * col_sum[y] / n, d;
        if (expected == 0.0)
          continue;
        d = table[(gsize) x * cb + y] - expected;
        chi2 += d * d / expected;
      }
  return sqrt (chi2 / (n * (MIN (used_rows, used_cols) - 1)));
}

double
easel_correlation_ratio (const EaselColumn *categories,
                         const EaselColumn *values)
{
  guint32 k = n_categories_of (categories);
  g_autofree double *sum = NULL;
  g_autofree double *count = NULL;
  double total = 0.0, n = 0.0, mean, ss_between = 0.0, ss_total = 0.0;

  g_return_val_if_fail (categories->n_rows == values->n_rows, NAN);
  if ((categories->type != EASEL_COLUMN_CATEGORICAL && categories->type != EASEL_COLUMN_BOOLEAN) ||
      values->type != EASEL_COLUMN_NUMERIC)
    return NAN;

  sum = g_new0 (double, MAX (k, 1));
  count = g_new0 (double, MAX (k, 1));
  for (gsize i = 0; i < values->n_rows; i++)
    {
      gint32 c = category_of (categories, i);
      double v = values->num[i];
      if (c < 0 || isnan (v))
        continue;
      sum[c] += v;
      count[c] += 1.0;
      total += v;
      n += 1.0;
    }
  if (n < 2)
    return NAN;
  mean = total / n;
  for (gsize i = 0; i < values->n_rows; i++)
    {
      gint32 c = category_of (categories, i);
      double v = values->num[i], d;
      if (c < 0 || isnan (v))
        continue;
      d = v - mean;
      ss_total += d * d;
    }
  for (guint32 c = 0; c < k; c++)
    if (count[c] > 0)
      {
        double d = sum[c] / count[c] - mean;
        ss_between += count[c] * d * d;
      }
  if (ss_total <= 0.0)
    return NAN;
  return sqrt (CLAMP (ss_between / ss_total, 0.0, 1.0));
}
