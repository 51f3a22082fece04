/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "easel-eval.h"
#include "easel-rng.h"

/* Splits */

static int
compare_u32 (const void *a,
             const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

void
easel_split_free (EaselSplit *split)
{
  if (split == NULL)
    return;
  g_free (split->train);
  g_free (split->test);
  g_free (split);
}

/* Test rows per class: proportional shares, rounded by largest remainder, keeping one
 * training row in every class that has two or more. */
static void
allocate_test_rows (const gsize *count,
                    guint        k,
                    gsize        n,
                    gsize        n_test,
                    gsize       *take)
{
  g_autofree double *remainder = g_new (double, MAX (k, 1));
  gsize assigned = 0;

  for (guint c = 0; c < k; c++)
    {
      double share = (double) count[c] * (double) n_test / (double) n;
      take[c] = (gsize) floor (share);
      remainder[c] = share - (double) take[c];
      assigned += take[c];
    }
  while (assigned < n_test)
    {
      int best = -1;
      for (guint c = 0; c < k; c++)
        {
          gsize room = count[c] >= 2 ? count[c] - 1 : count[c];
          if (take[c] < room && (best < 0 || remainder[c] > remainder[best]))
            best = (int) c;
        }
      if (best < 0)
        break;
      take[best]++;
      remainder[best] = -1.0;
      assigned++;
      /* Once every remainder is used, go round again in class order. */
      {
        gboolean any = FALSE;
        for (guint c = 0; c < k; c++)
          any |= remainder[c] >= 0.0;
        if (!any)
          for (guint c = 0; c < k; c++)
            remainder[c] = (double) count[c] / (double) n;
      }
    }
  for (guint c = 0; c < k; c++)
    if (count[c] >= 2 && take[c] >= count[c])
      take[c] = count[c] - 1;
}

EaselSplit *
easel_split_new (const guint32 *rows,
                 gsize          n,
                 const gint32  *labels,
                 guint          n_classes,
                 double         test_fraction,
                 guint64        seed)
{
  EaselSplit *split = g_new0 (EaselSplit, 1);
  g_autofree guint32 *order = g_new (guint32, MAX (n, 1));
  gsize n_test;
  EaselRng rng;

  easel_rng_init (&rng, seed);
  n_test = (gsize) ceil (CLAMP (test_fraction, 0.0, 1.0) * (double) n - 1e-9);
  if (n >= 2)
    n_test = CLAMP (n_test, 1, n - 1);
  else
    n_test = 0;

  split->train = g_new (guint32, MAX (n, 1));
  split->test = g_new (guint32, MAX (n_test, 1));

  if (labels == NULL || n_classes == 0)
    {
      for (gsize i = 0; i < n; i++)
        order[i] = (guint32) i;
      easel_rng_shuffle (&rng, order, n);
      for (gsize i = 0; i < n; i++)
        {
          guint32 row = rows != NULL ? rows[order[i]] : order[i];
          if (i < n_test)
            split->test[split->n_test++] = row;
          else
            split->train[split->n_train++] = row;
        }
    }
  else
    {
      g_autofree gsize *count = g_new0 (gsize, n_classes);
      g_autofree gsize *start = g_new0 (gsize, n_classes + 1);
      g_autofree gsize *take = g_new0 (gsize, n_classes);
      g_autofree gsize *fill = NULL;

      for (gsize i = 0; i < n; i++)
        count[labels[i]]++;
      for (guint c = 0; c < n_classes; c++)
        start[c + 1] = start[c] + count[c];
      fill = g_memdup2 (start, n_classes * sizeof (gsize));
      /* Rows grouped by class, in table order within a class, then shuffled per class. */
      for (gsize i = 0; i < n; i++)
        order[fill[labels[i]]++] = (guint32) i;
      allocate_test_rows (count, n_classes, n, n_test, take);
      for (guint c = 0; c < n_classes; c++)
        {
          easel_rng_shuffle (&rng, order + start[c], count[c]);
          for (gsize j = 0; j < count[c]; j++)
            {
              guint32 i = order[start[c] + j];
              guint32 row = rows != NULL ? rows[i] : i;
              if (j < take[c])
                split->test[split->n_test++] = row;
              else
                split->train[split->n_train++] = row;
            }
        }
    }
  qsort (split->train, split->n_train, sizeof (guint32), compare_u32);
  qsort (split->test, split->n_test, sizeof (guint32), compare_u32);
  return split;
}

void
easel_kfold_assign (gsize         n,
                    const gint32 *labels,
                    guint         n_classes,
                    guint         k,
                    guint64       seed,
                    guint        *fold)
{
  g_autofree guint32 *order = g_new (guint32, MAX (n, 1));
  EaselRng rng;

  g_return_if_fail (k >= 1);
  easel_rng_init (&rng, seed);
  if (labels == NULL || n_classes == 0)
    {
      for (gsize i = 0; i < n; i++)
        order[i] = (guint32) i;
      easel_rng_shuffle (&rng, order, n);
      for (gsize i = 0; i < n; i++)
        fold[order[i]] = (guint) (i % k);
    }
  else
    {
      g_autofree gsize *start = g_new0 (gsize, n_classes + 1);
      g_autofree gsize *fill = NULL;
      gsize next = 0;

      for (gsize i = 0; i < n; i++)
        start[labels[i] + 1]++;
      for (guint c = 0; c < n_classes; c++)
        start[c + 1] += start[c];
      fill = g_memdup2 (start, n_classes * sizeof (gsize));
      for (gsize i = 0; i < n; i++)
        order[fill[labels[i]]++] = (guint32) i;
      /* Deal each class's shuffled rows round the folds, continuing where the previous
       * class stopped, so both the class shares and the fold sizes stay even. */
      for (guint c = 0; c < n_classes; c++)
        {
          gsize count = start[c + 1] - start[c];
          easel_rng_shuffle (&rng, order + start[c], count);
          for (gsize j = 0; j < count; j++)
            fold[order[start[c] + j]] = (guint) (next++ % k);
        }
    }
}

/* Ranking metrics */

typedef struct
{
  double score;
  guint8 truth;
} Scored;

static int
compare_scored_desc (const void *a,
                     const void *b)
{
  const Scored *x = a, *y = b;

  return (x->score < y->score) - (x->score > y->score);
}

/* Sorted by decreasing score; the counts of positives and negatives. */
static Scored *
sort_scores (const guint8 *truth,
             const double *score,
             gsize         n,
             gsize        *n_pos,
             gsize        *n_neg)
{
  Scored *s = g_new (Scored, MAX (n, 1));

  *n_pos = 0;
  for (gsize i = 0; i < n; i++)
    {
      s[i].score = score[i];
      s[i].truth = truth[i] != 0;
      *n_pos += s[i].truth;
    }
  *n_neg = n - *n_pos;
  qsort (s, n, sizeof *s, compare_scored_desc);
  return s;
}

/* Walk the distinct thresholds from the highest: calls back with the cumulated true and
 * false positives at each. */
typedef void (*ThresholdFunc) (double score, gsize tp, gsize fp, gpointer data);

static void
walk_thresholds (const Scored  *s,
                 gsize          n,
                 ThresholdFunc  func,
                 gpointer       data)
{
  gsize tp = 0, fp = 0;

  for (gsize i = 0; i < n;)
    {
      gsize j = i;
      while (j < n && s[j].score == s[i].score)
        {
          tp += s[j].truth;
          fp += !s[j].truth;
          j++;
        }
      func (s[i].score, tp, fp, data);
      i = j;
    }
}

typedef struct
{
  gsize  last_tp, last_fp;
  double area;
} AucState;

static void
auc_step (double   score,
          gsize    tp,
          gsize    fp,
          gpointer data)
{
  AucState *st = data;

  st->area += (double) (fp - st->last_fp) * (double) (tp + st->last_tp) / 2.0;
  st->last_tp = tp;
  st->last_fp = fp;
}

double
easel_metric_roc_auc (const guint8 *truth,
                      const double *score,
                      gsize         n)
{
  gsize n_pos, n_neg;
  g_autofree Scored *s = sort_scores (truth, score, n, &n_pos, &n_neg);
  AucState st = { 0, 0, 0.0 };

  if (n_pos == 0 || n_neg == 0)
    return NAN;
  walk_thresholds (s, n, auc_step, &st);
  return st.area / ((double) n_pos * (double) n_neg);
}

typedef struct
{
  gsize  n_pos;
  gsize  last_tp;
  double sum;
} ApState;

static void
ap_step (double   score,
         gsize    tp,
         gsize    fp,
         gpointer data)
{
  ApState *st = data;
  double precision = (double) tp / (double) (tp + fp);

  st->sum += (double) (tp - st->last_tp) / (double) st->n_pos * precision;
  st->last_tp = tp;
}

double
easel_metric_average_precision (const guint8 *truth,
                                const double *score,
                                gsize         n)
{
  gsize n_pos, n_neg;
  g_autofree Scored *s = sort_scores (truth, score, n, &n_pos, &n_neg);
  ApState st = { n_pos, 0, 0.0 };

  if (n_pos == 0)
    return NAN;
  walk_thresholds (s, n, ap_step, &st);
  return st.sum;
}

typedef struct
{
  GArray *x, *y, *t;
  gsize   n_pos, n_neg;
  gboolean roc;
} CurveState;

static void
curve_step (double   score,
            gsize    tp,
            gsize    fp,
            gpointer data)
{
  CurveState *st = data;
  double x, y;

  if (st->roc)
    {
      x = st->n_neg ? (double) fp / (double) st->n_neg : NAN;
      y = st->n_pos ? (double) tp / (double) st->n_pos : NAN;
    }
  else
    {
      x = st->n_pos ? (double) tp / (double) st->n_pos : NAN;
      y = (double) tp / (double) (tp + fp);
    }
  g_array_append_val (st->x, x);
  g_array_append_val (st->y, y);
  g_array_append_val (st->t, score);
}

static void
make_curve (const Scored *s,
            gsize         n,
            gsize         n_pos,
            gsize         n_neg,
            gboolean      roc,
            EaselCurve   *curve)
{
  CurveState st = { g_array_new (FALSE, FALSE, sizeof (double)),
                    g_array_new (FALSE, FALSE, sizeof (double)),
                    g_array_new (FALSE, FALSE, sizeof (double)), n_pos, n_neg, roc };
  double x0 = 0.0, y0 = roc ? 0.0 : 1.0, t0 = INFINITY;

  g_array_append_val (st.x, x0);
  g_array_append_val (st.y, y0);
  g_array_append_val (st.t, t0);
  walk_thresholds (s, n, curve_step, &st);
  curve->n = st.x->len;
  curve->x = (double *) (void *) g_array_free (st.x, FALSE);
  curve->y = (double *) (void *) g_array_free (st.y, FALSE);
  curve->threshold = (double *) (void *) g_array_free (st.t, FALSE);
}

double
easel_metric_log_loss (const gint32 *truth,
                       const double *proba,
                       gsize         n,
                       guint         k)
{
  double total = 0.0;

  if (n == 0)
    return NAN;
  for (gsize i = 0; i < n; i++)
    {
      const double *row = proba + i * k;
      double sum = 0.0, p;

      for (guint c = 0; c < k; c++)
        sum += CLAMP (row[c], DBL_EPSILON, 1.0 - DBL_EPSILON);
      p = CLAMP (row[truth[i]], DBL_EPSILON, 1.0 - DBL_EPSILON) / sum;
      total -= log (p);
    }
  return total / (double) n;
}

void
easel_predicted_classes (const double *proba,
                         gsize         n,
                         guint         k,
                         gint32       *out)
{
  for (gsize i = 0; i < n; i++)
    {
      const double *row = proba + i * k;
      guint best = 0;

      for (guint c = 1; c < k; c++)
        if (row[c] > row[best])
          best = c;
      out[i] = (gint32) best;
    }
}

/* Evaluations */

static const char *const binary_names[] = {
  "accuracy", "balanced_accuracy", "precision", "recall", "f1", "roc_auc", "pr_auc", "log_loss",
  NULL
};
static const char *const multiclass_names[] = {
  "accuracy", "balanced_accuracy", "precision_macro", "recall_macro", "f1_macro", "roc_auc",
  "log_loss", NULL
};
static const char *const regression_names[] = { "r2", "rmse", "mse", "mae", "mape", NULL };

const char *const *
easel_evaluation_metric_names (EaselProblem problem)
{
  switch (problem)
    {
    case EASEL_PROBLEM_BINARY:
      return binary_names;
    case EASEL_PROBLEM_MULTICLASS:
      return multiclass_names;
    case EASEL_PROBLEM_REGRESSION:
      return regression_names;
    case EASEL_PROBLEM_AUTO:
    default:
      return NULL;
    }
}

static EaselEvaluation *
evaluation_new (EaselProblem problem,
                gsize        n)
{
  EaselEvaluation *ev = g_new0 (EaselEvaluation, 1);
  const char *const *names = easel_evaluation_metric_names (problem);

  ev->problem = problem;
  ev->n = n;
  ev->positive = -1;
  ev->n_metrics = g_strv_length ((char **) names);
  ev->names = (const char **) names;
  ev->values = g_new (double, ev->n_metrics);
  for (guint i = 0; i < ev->n_metrics; i++)
    ev->values[i] = NAN;
  return ev;
}

static void
set_metric (EaselEvaluation *ev,
            const char      *name,
            double           value)
{
  for (guint i = 0; i < ev->n_metrics; i++)
    if (strcmp (ev->names[i], name) == 0)
      {
        ev->values[i] = value;
        return;
      }
  g_assert_not_reached ();
}

static double
ratio (double num,
       double den)
{
  /* scikit-learn's zero_division default: an undefined ratio counts as 0. */
  return den > 0 ? num / den : 0.0;
}

EaselEvaluation *
easel_evaluate_classifier (const gint32 *truth,
                           const double *proba,
                           gsize         n,
                           guint         k,
                           int           positive)
{
  EaselProblem problem = k == 2 && positive >= 0 ? EASEL_PROBLEM_BINARY : EASEL_PROBLEM_MULTICLASS;
  EaselEvaluation *ev = evaluation_new (problem, n);
  g_autofree gint32 *pred = g_new (gint32, MAX (n, 1));
  g_autofree guint8 *is_c = g_new (guint8, MAX (n, 1));
  g_autofree double *score = g_new (double, MAX (n, 1));
  gsize correct = 0;

  ev->n_classes = k;
  ev->positive = problem == EASEL_PROBLEM_BINARY ? positive : -1;
  ev->confusion = g_new0 (guint64, (gsize) k * k);
  if (n == 0)
    return ev;

  easel_predicted_classes (proba, n, k, pred);
  for (gsize i = 0; i < n; i++)
    {
      ev->confusion[(gsize) truth[i] * k + (gsize) pred[i]]++;
      correct += truth[i] == pred[i];
    }
  set_metric (ev, "accuracy", (double) correct / (double) n);

  /* Balanced accuracy: mean recall over the classes present in the truth. */
  {
    double sum = 0.0;
    guint present = 0;
    for (guint c = 0; c < k; c++)
      {
        guint64 support = 0;
        for (guint d = 0; d < k; d++)
          support += ev->confusion[c * k + d];
        if (support > 0)
          {
            sum += (double) ev->confusion[c * k + c] / (double) support;
            present++;
          }
      }
    set_metric (ev, "balanced_accuracy", present ? sum / present : NAN);
  }
  set_metric (ev, "log_loss", easel_metric_log_loss (truth, proba, n, k));

  if (problem == EASEL_PROBLEM_BINARY)
    {
      guint pos = (guint) positive, neg = 1 - pos;
      double tp = (double) ev->confusion[pos * k + pos];
      double fn = (double) ev->confusion[pos * k + neg];
      double fp = (double) ev->confusion[neg * k + pos];
      double precision = ratio (tp, tp + fp), recall = ratio (tp, tp + fn);
      gsize n_pos, n_neg;
      g_autofree Scored *sorted = NULL;

      set_metric (ev, "precision", precision);
      set_metric (ev, "recall", recall);
      set_metric (ev, "f1", ratio (2 * precision * recall, precision + recall));
      for (gsize i = 0; i < n; i++)
        {
          is_c[i] = truth[i] == positive;
          score[i] = proba[i * 2 + pos];
        }
      set_metric (ev, "roc_auc", easel_metric_roc_auc (is_c, score, n));
      set_metric (ev, "pr_auc", easel_metric_average_precision (is_c, score, n));
      sorted = sort_scores (is_c, score, n, &n_pos, &n_neg);
      make_curve (sorted, n, n_pos, n_neg, TRUE, &ev->roc);
      make_curve (sorted, n, n_pos, n_neg, FALSE, &ev->pr);
    }
  else
    {
      double sp = 0.0, sr = 0.0, sf = 0.0, sauc = 0.0;
      guint n_labels = 0, n_auc = 0;

      /* Macro averages over the classes that occur in the truth or the predictions. */
      for (guint c = 0; c < k; c++)
        {
          guint64 support = 0, predicted = 0;
          double tp = (double) ev->confusion[c * k + c], p, r;

          for (guint d = 0; d < k; d++)
            {
              support += ev->confusion[c * k + d];
              predicted += ev->confusion[d * k + c];
            }
          if (support == 0 && predicted == 0)
            continue;
          n_labels++;
          p = ratio (tp, (double) predicted);
          r = ratio (tp, (double) support);
          sp += p;
          sr += r;
          sf += ratio (2 * p * r, p + r);
        }
      set_metric (ev, "precision_macro", sp / n_labels);
      set_metric (ev, "recall_macro", sr / n_labels);
      set_metric (ev, "f1_macro", sf / n_labels);

      /* One-vs-rest AUC of each class that has positives and negatives, averaged. */
      for (guint c = 0; c < k; c++)
        {
          double auc;
          for (gsize i = 0; i < n; i++)
            {
              is_c[i] = truth[i] == (gint32) c;
              score[i] = proba[i * k + c];
            }
          auc = easel_metric_roc_auc (is_c, score, n);
          if (!isnan (auc))
            {
              sauc += auc;
              n_auc++;
            }
        }
      set_metric (ev, "roc_auc", n_auc ? sauc / n_auc : NAN);
    }
  return ev;
}

EaselEvaluation *
easel_evaluate_regressor (const double *truth,
                          const double *prediction,
                          gsize         n)
{
  EaselEvaluation *ev = evaluation_new (EASEL_PROBLEM_REGRESSION, n);
  double mean = 0.0, ss_tot = 0.0, ss_res = 0.0, abs_sum = 0.0, ape_sum = 0.0;

  ev->residuals = g_new (double, MAX (n, 1));
  if (n == 0)
    return ev;
  for (gsize i = 0; i < n; i++)
    mean += truth[i];
  mean /= (double) n;
  for (gsize i = 0; i < n; i++)
    {
      double r = truth[i] - prediction[i];

      ev->residuals[i] = r;
      ss_res += r * r;
      ss_tot += (truth[i] - mean) * (truth[i] - mean);
      abs_sum += fabs (r);
      ape_sum += fabs (r) / MAX (fabs (truth[i]), DBL_EPSILON);
    }
  /* A constant truth: 1 for a perfect fit, else 0 (scikit-learn's force_finite). */
  set_metric (ev, "r2", ss_tot > 0 ? 1.0 - ss_res / ss_tot : (ss_res == 0 ? 1.0 : 0.0));
  set_metric (ev, "mse", ss_res / (double) n);
  set_metric (ev, "rmse", sqrt (ss_res / (double) n));
  set_metric (ev, "mae", abs_sum / (double) n);
  set_metric (ev, "mape", ape_sum / (double) n);
  return ev;
}

double
easel_evaluation_get (const EaselEvaluation *ev,
                      const char            *name)
{
  for (guint i = 0; i < ev->n_metrics; i++)
    if (strcmp (ev->names[i], name) == 0)
      return ev->values[i];
  return NAN;
}

static void
curve_clear (EaselCurve *c)
{
  g_free (c->x);
  g_free (c->y);
  g_free (c->threshold);
}

void
easel_evaluation_free (EaselEvaluation *ev)
{
  if (ev == NULL)
    return;
  g_free (ev->values);
  g_free (ev->confusion);
  curve_clear (&ev->roc);
  curve_clear (&ev->pr);
  g_free (ev->residuals);
  g_free (ev);
}

void
easel_evaluation_mean_std (EaselEvaluation *const *folds,
                           guint                   n_folds,
                           const char             *name,
                           double                 *mean,
                           double                 *std)
{
  double sum = 0.0, m2 = 0.0;

  *mean = *std = NAN;
  if (n_folds == 0)
    return;
  for (guint i = 0; i < n_folds; i++)
    sum += easel_evaluation_get (folds[i], name);
  *mean = sum / n_folds;
  for (guint i = 0; i < n_folds; i++)
    {
      double d = easel_evaluation_get (folds[i], name) - *mean;
      m2 += d * d;
    }
  *std = sqrt (m2 / n_folds);
}
