/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

/* Naive Bayes: features independent given the class.
 *   numbers:    Gaussian likelihood; every variance gets var_smoothing × the largest
 *               feature variance added, as scikit-learn's GaussianNB;
 *   categories: P(level | class) = (count + α) / (class count + α × levels), as its
 *               CategoricalNB; a missing category adds nothing.
 * Class priors are the training frequencies. */

#include <math.h>
#include <string.h>

#include "easel-error.h"
#include "easel-model-private.h"

#define STATE_VERSION 1

enum { PARAM_VAR_SMOOTHING, PARAM_ALPHA };

typedef struct
{
  guint    p;
  guint    k;
  double  *log_prior;     /* k (−inf for a class without training rows) */
  gint32  *n_levels;      /* p: 0 for a Gaussian feature, else its levels */
  double  *mean;          /* k × p */
  double  *var;           /* k × p */
  double  *log_prob;      /* categorical features, each k × levels, back to back */
  gsize    n_log_prob;
  /* derived, not saved */
  gsize   *offset;        /* p: where a categorical feature's table starts */
  double  *log_norm;      /* k: Σ −½ log(2π var) over Gaussian features */
} NaiveBayes;

static void
nb_free (gpointer state)
{
  NaiveBayes *m = state;

  g_free (m->log_prior);
  g_free (m->n_levels);
  g_free (m->mean);
  g_free (m->var);
  g_free (m->log_prob);
  g_free (m->offset);
  g_free (m->log_norm);
  g_free (m);
}

/* Offsets and normalising constants from the saved fields; FALSE if inconsistent. */
static gboolean
nb_derive (NaiveBayes *m)
{
  gsize total = 0;

  m->offset = g_new0 (gsize, MAX (m->p, 1));
  m->log_norm = g_new0 (double, m->k);
  for (guint j = 0; j < m->p; j++)
    {
      if (m->n_levels[j] < 0 || m->n_levels[j] > (1 << 24))
        return FALSE;
      m->offset[j] = total;
      total += (gsize) m->k * (gsize) m->n_levels[j];
    }
  if (total != m->n_log_prob)
    return FALSE;
  for (guint c = 0; c < m->k; c++)
    for (guint j = 0; j < m->p; j++)
      if (m->n_levels[j] == 0)
        {
          double v = m->var[(gsize) c * m->p + j];
          if (!(v > 0) || !isfinite (v))
            return FALSE;
          m->log_norm[c] -= 0.5 * log (2 * G_PI * v);
        }
  return TRUE;
}

typedef struct
{
  const EaselFitData *data;
  const double       *mean;   /* k × p, for the second pass */
} NbJob;

/* acc = [count per class (k) | Σ x per class and feature (k × p)] */
static void
sum_chunk (gsize    begin,
           gsize    end,
           double  *acc,
           gpointer user_data)
{
  NbJob *job = user_data;
  const EaselFitData *d = job->data;
  guint p = d->p, k = d->n_classes;

  for (gsize i = begin; i < end; i++)
    {
      gint32 c = d->labels[i];
      const float *xi = d->x + i * p;
      double *s = acc + k + (gsize) c * p;

      acc[c] += 1.0;
      for (guint j = 0; j < p; j++)
        s[j] += xi[j];
    }
}

/* acc = [Σ (x − class mean)² (k × p) | Σ (x − overall mean)² (p) ] */
static void
square_chunk (gsize    begin,
              gsize    end,
              double  *acc,
              gpointer user_data)
{
  NbJob *job = user_data;
  const EaselFitData *d = job->data;
  guint p = d->p, k = d->n_classes;
  const double *overall = job->mean + (gsize) k * p;

  for (gsize i = begin; i < end; i++)
    {
      gint32 c = d->labels[i];
      const float *xi = d->x + i * p;
      const double *mu = job->mean + (gsize) c * p;
      double *s = acc + (gsize) c * p, *t = acc + (gsize) k * p;

      for (guint j = 0; j < p; j++)
        {
          double a = xi[j] - mu[j], b = xi[j] - overall[j];
          s[j] += a * a;
          t[j] += b * b;
        }
    }
}

static gpointer
nb_fit (const EaselFitData    *data,
        const double          *params,
        const EaselFitContext *context,
        GError               **error)
{
  guint p = data->p, k = data->n_classes;
  NaiveBayes *m = g_new0 (NaiveBayes, 1);
  g_autofree double *sums = g_new (double, k + (gsize) k * p);
  g_autofree double *squares = g_new (double, (gsize) k * p + p);
  g_autofree double *means = g_new0 (double, (gsize) k * p + p);
  double n = (double) data->n, max_var = 0.0, epsilon, alpha = params[PARAM_ALPHA];
  NbJob job = { data, means };
  gsize total = 0;

  m->p = p;
  m->k = k;
  m->n_levels = g_new0 (gint32, MAX (p, 1));
  for (guint j = 0; j < p; j++)
    if (data->features[j].kind == EASEL_FEATURE_CATEGORY)
      m->n_levels[j] = (gint32) data->features[j].n_levels;
    else if (data->features[j].kind != EASEL_FEATURE_NUMBER)
      m->n_levels[j] = 2;   /* booleans and indicators: two levels, 0 and 1 */

  easel_progress_report (context->progress, 0.0, _("Counting"));
  easel_parallel_sum (data->n, k + (gsize) k * p, sum_chunk, &job, sums);
  for (guint c = 0; c < k; c++)
    for (guint j = 0; j < p; j++)
      {
        means[(gsize) c * p + j] = sums[c] > 0 ? sums[k + (gsize) c * p + j] / sums[c] : 0.0;
        means[(gsize) k * p + j] += sums[k + (gsize) c * p + j] / n;
      }
  if (easel_fit_check_cancelled (context, error))
    {
      nb_free (m);
      return NULL;
    }
  easel_parallel_sum (data->n, (gsize) k * p + p, square_chunk, &job, squares);

  for (guint j = 0; j < p; j++)
    if (m->n_levels[j] == 0)
      max_var = MAX (max_var, squares[(gsize) k * p + j] / n);
  epsilon = params[PARAM_VAR_SMOOTHING] * max_var;

  m->log_prior = g_new (double, k);
  m->mean = g_new0 (double, (gsize) k * p);
  m->var = g_new0 (double, (gsize) k * p);
  for (guint c = 0; c < k; c++)
    {
      m->log_prior[c] = sums[c] > 0 ? log (sums[c] / n) : -INFINITY;
      for (guint j = 0; j < p; j++)
        {
          gsize at = (gsize) c * p + j;
          if (sums[c] > 0)
            {
              m->mean[at] = means[at];
              m->var[at] = squares[at] / sums[c] + epsilon;
            }
          else
            m->var[at] = 1.0;
          /* A constant feature with no smoothing: keep the density finite. */
          if (!(m->var[at] > 0))
            m->var[at] = 1e-300;
        }
    }

  for (guint j = 0; j < p; j++)
    total += (gsize) k * (gsize) m->n_levels[j];
  m->n_log_prob = total;
  m->log_prob = g_new0 (double, MAX (total, 1));
  if (total > 0)
    {
      gsize at = 0;
      for (guint j = 0; j < p; j++)
        {
          guint L = (guint) m->n_levels[j];
          g_autofree double *count = NULL;
          g_autofree double *seen = NULL;

          if (L == 0)
            continue;
          count = g_new0 (double, (gsize) k * L);
          seen = g_new0 (double, k);
          for (gsize i = 0; i < data->n; i++)
            {
              float v = data->x[i * p + j];
              gint32 c = data->labels[i];
              if (v >= 0 && v < L)
                {
                  count[(gsize) c * L + (guint) v] += 1.0;
                  seen[c] += 1.0;
                }
            }
          for (guint c = 0; c < k; c++)
            for (guint l = 0; l < L; l++)
              {
                double num = count[(gsize) c * L + l] + alpha, den = seen[c] + alpha * L;
                m->log_prob[at + (gsize) c * L + l] = num > 0 && den > 0 ? log (num / den)
                                                                         : -INFINITY;
              }
          at += (gsize) k * L;
        }
    }
  if (!nb_derive (m))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_FAILED, "Naive Bayes could not be fitted.");
      nb_free (m);
      return NULL;
    }
  easel_progress_report (context->progress, 1.0, NULL);
  return m;
}

static gboolean
nb_predict (gconstpointer  state,
            const float   *x,
            gsize          n,
            double        *out,
            GCancellable  *cancellable,
            GError       **error)
{
  const NaiveBayes *m = state;
  guint p = m->p, k = m->k;

#pragma omp parallel for schedule(static) if (n > 2048)
  for (gsize i = 0; i < n; i++)
    {
      const float *xi = x + i * p;
      double *o = out + i * k;

      for (guint c = 0; c < k; c++)
        {
          double s = m->log_prior[c] + m->log_norm[c];
          const double *mu = m->mean + (gsize) c * p, *var = m->var + (gsize) c * p;

          if (!isfinite (s))
            {
              o[c] = -INFINITY;
              continue;
            }
          for (guint j = 0; j < p; j++)
            {
              gint32 L = m->n_levels[j];
              if (L == 0)
                {
                  double d = xi[j] - mu[j];
                  s -= 0.5 * d * d / var[j];
                }
              else if (xi[j] >= 0 && xi[j] < L)
                s += m->log_prob[m->offset[j] + (gsize) c * L + (guint) xi[j]];
            }
          o[c] = s;
        }
      easel_softmax (o, k);
    }
  return TRUE;
}

static void
nb_save (gconstpointer    state,
         EaselBlobWriter *w)
{
  const NaiveBayes *m = state;

  easel_blob_put_u32 (w, STATE_VERSION);
  easel_blob_put_f64_array (w, m->log_prior, m->k);
  easel_blob_put_i32_array (w, m->n_levels, m->p);
  easel_blob_put_f64_array (w, m->mean, (gsize) m->k * m->p);
  easel_blob_put_f64_array (w, m->var, (gsize) m->k * m->p);
  easel_blob_put_u64 (w, m->n_log_prob);
  easel_blob_put_f64_array (w, m->log_prob, m->n_log_prob);
}

static gpointer
nb_load (EaselBlobReader *r,
         guint            p,
         guint            n_classes,
         EaselProblem     problem)
{
  guint32 version;
  guint64 n_log_prob;
  NaiveBayes *m;

  if (!easel_blob_get_u32_range (r, STATE_VERSION, STATE_VERSION,
                                 "the naive Bayes model's version", &version))
    return NULL;
  if (n_classes < 2)
    {
      easel_blob_fail (r, "a naive Bayes model needs classes");
      return NULL;
    }
  m = g_new0 (NaiveBayes, 1);
  m->p = p;
  m->k = n_classes;
  easel_blob_get_f64_array (r, n_classes, &m->log_prior);
  easel_blob_get_i32_array (r, p, &m->n_levels);
  easel_blob_get_f64_array (r, (gsize) n_classes * p, &m->mean);
  easel_blob_get_f64_array (r, (gsize) n_classes * p, &m->var);
  easel_blob_get_u64 (r, &n_log_prob);
  if (!r->failed && n_log_prob > (r->len - r->pos) / 8)
    easel_blob_fail (r, "the naive Bayes tables are larger than the file");
  m->n_log_prob = (gsize) n_log_prob;
  easel_blob_get_f64_array (r, m->n_log_prob, &m->log_prob);
  if (r->failed)
    {
      nb_free (m);
      return NULL;
    }
  if (m->n_levels == NULL)
    m->n_levels = g_new0 (gint32, 1);
  if (!nb_derive (m))
    {
      easel_blob_fail (r, "the naive Bayes tables are inconsistent");
      nb_free (m);
      return NULL;
    }
  return m;
}

static const EaselParamSpec nb_params[] = {
  { "var_smoothing", EASEL_PARAM_DOUBLE, 1e-9, 0.0, 1.0, EASEL_PARAM_LOG_SCALE, NULL,
    N_("Share of the largest feature variance added to every variance, so that a nearly "
       "constant feature cannot dominate.") },
  { "alpha", EASEL_PARAM_DOUBLE, 1.0, 0.0, 1e6, 0, NULL,
    N_("Smoothing for categories: each category counts as seen this many extra times in every "
       "class, so an unseen pair is unlikely rather than impossible.") },
};

static const EaselAlgorithmOps nb_ops = {
  nb_fit, nb_predict, NULL, nb_save, nb_load, nb_free,
};

const EaselAlgorithm easel_algorithm_naive_bayes = {
  "naive_bayes",
  N_("Naive Bayes"),
  N_("Class probabilities from per-class distributions of each feature taken independently; "
     "very fast, and good with little data."),
  FALSE, TRUE,
  EASEL_ENCODE_CATEGORY_CODES,
  nb_params, G_N_ELEMENTS (nb_params),
  &nb_ops,
};
