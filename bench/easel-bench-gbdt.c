/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-bench"

/* Timing entry for bench/bench_gbdt.py: the gbdt fit alone on data already in memory, as
 * the peers get it. Reads raw little-endian float32 matrices (rows × P, row-major) and
 * uint8 0/1 labels written by the script, fits the algorithm through its own fit
 * operation (no table, no encoders), predicts the test rows, and prints one JSON line:
 *   {"fit_seconds": S, "auc": A, "rounds": R}
 * Usage: easel-bench-gbdt TRAIN.f32 TRAIN.u8 TEST.f32 TEST.u8 P [NAME=VALUE]...
 * Threads: OMP_NUM_THREADS. */

#include <stdio.h>
#include <stdlib.h>

#include "easel-eval.h"
#include "easel-model-private.h"

static gboolean
read_file (const char  *path,
           gsize        unit,
           gpointer    *data,
           gsize       *count)
{
  g_autoptr(GError) error = NULL;
  char *bytes;
  gsize len;

  if (!g_file_get_contents (path, &bytes, &len, &error))
    {
      g_printerr ("easel-bench-gbdt: %s\n", error->message);
      return FALSE;
    }
  if (len % unit != 0)
    {
      g_printerr ("easel-bench-gbdt: %s is not a whole number of %zu-byte values\n", path, unit);
      g_free (bytes);
      return FALSE;
    }
  *data = bytes;
  *count = len / unit;
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  const EaselAlgorithm *alg = &easel_algorithm_gbdt;
  g_autoptr(EaselParams) params = easel_params_new (alg);
  g_autoptr(GError) error = NULL;
  g_autofree float *xtr = NULL, *xte = NULL;
  g_autofree guint8 *ytr = NULL, *yte = NULL;
  g_autofree gint32 *labels = NULL;
  g_autofree double *values = NULL, *proba = NULL, *score = NULL;
  g_autofree EaselFeature *features = NULL;
  gsize n_xtr, n_ytr, n_xte, n_yte;
  EaselFitData data = { 0 };
  EaselFitContext context = { 0 };
  gpointer state;
  guint p;
  gint64 start;
  double seconds;

  if (argc < 6)
    {
      g_printerr ("usage: easel-bench-gbdt TRAIN.f32 TRAIN.u8 TEST.f32 TEST.u8 P "
                  "[NAME=VALUE]...\n");
      return 2;
    }
  p = (guint) atoi (argv[5]);
  if (p == 0 ||
      !read_file (argv[1], sizeof (float), (gpointer *) &xtr, &n_xtr) ||
      !read_file (argv[2], 1, (gpointer *) &ytr, &n_ytr) ||
      !read_file (argv[3], sizeof (float), (gpointer *) &xte, &n_xte) ||
      !read_file (argv[4], 1, (gpointer *) &yte, &n_yte) ||
      n_xtr != n_ytr * p || n_xte != n_yte * p)
    {
      g_printerr ("easel-bench-gbdt: the files do not hold matching rows of %u features\n", p);
      return 1;
    }
  for (int i = 6; i < argc; i++)
    if (!easel_params_parse (params, argv[i], &error))
      {
        g_printerr ("easel-bench-gbdt: %s\n", error->message);
        return 2;
      }

  labels = g_new (gint32, n_ytr);
  for (gsize i = 0; i < n_ytr; i++)
    labels[i] = ytr[i] != 0;
  features = g_new0 (EaselFeature, p);
  values = g_new (double, alg->n_params);
  for (guint i = 0; i < alg->n_params; i++)
    values[i] = easel_params_get (params, alg->params[i].name);
  data.x = xtr;
  data.n = n_ytr;
  data.p = p;
  data.labels = labels;
  data.n_classes = 2;
  data.problem = EASEL_PROBLEM_BINARY;
  data.features = features;

  start = g_get_monotonic_time ();
  state = alg->ops->fit (&data, values, &context, &error);
  seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  if (state == NULL)
    {
      g_printerr ("easel-bench-gbdt: %s\n", error->message);
      return 1;
    }
  proba = g_new (double, n_yte * 2);
  score = g_new (double, n_yte);
  alg->ops->predict (state, xte, n_yte, proba, NULL, NULL);
  for (gsize i = 0; i < n_yte; i++)
    score[i] = proba[i * 2 + 1];
  printf ("{\"fit_seconds\": %.6f, \"auc\": %.9f, \"rounds\": %u}\n", seconds,
          easel_metric_roc_auc (yte, score, n_yte), alg->ops->n_iterations (state));
  alg->ops->free (state);
  return 0;
}
