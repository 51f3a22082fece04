/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

/* The mlp algorithm: back-propagated gradients against central finite differences for
 * every activation and loss, each optimiser's first two steps against hand-worked values
 * (the same as torch.optim.SGD, SGD(momentum=0.9), Adagrad(eps=1e-10) and
 * Adam(eps=1e-8) give), the int-list parameter "hidden", losses that do not fit the
 * target, learning what a linear model cannot, the loss curve and early stopping, results
 * that do not depend on the thread count, the first layer on sparse inputs against the
 * dense one, save/load and cancellation. */

#include <omp.h>

#include "easel-test-util.h"
#include "easel-model.h"
#include "easel-rng.h"
#include "models/easel-mlp.h"

/* Gradients */

/* (1/n) Σ loss_i + l2/(2n) Σ W² at the network's current parameters. */
static double
objective (const EaselMlpNet *net,
           EaselMlpWork      *work,
           const float       *x,
           gsize              n,
           const float       *target,
           const gint32      *labels,
           double             l2)
{
  double sum = easel_mlp_batch (net, work, x, n, target, labels, 0.0, NULL), ss = 0.0;

  for (guint l = 0; l < net->n_layers; l++)
    {
      const float *w = net->params + net->offsets[l];
      for (gsize j = 0; j < (gsize) net->sizes[l] * net->sizes[l + 1]; j++)
        ss += (double) w[j] * w[j];
    }
  return sum / (double) n + l2 / (2.0 * (double) n) * ss;
}

static void
test_gradients (void)
{
  static const guint hidden[] = { 5, 4 };
  const gsize n = 6;
  const guint p = 3, k = 3;
  const double l2 = 0.3, h = 1e-3;

  for (int act = EASEL_MLP_SIGMOID; act <= EASEL_MLP_LEAKY_RELU; act++)
    for (int loss = EASEL_MLP_MSE; loss <= EASEL_MLP_CROSS_ENTROPY; loss++)
      {
        guint outputs = loss == EASEL_MLP_CROSS_ENTROPY ? k : 1;
        g_autoptr(EaselMlpNet) net = easel_mlp_net_new (p, hidden, G_N_ELEMENTS (hidden),
                                                        outputs, act, loss);
        g_autoptr(EaselMlpWork) work = easel_mlp_work_new (net, n);
        g_autofree float *grad = g_new (float, net->n_params);
        float x[6 * 3], target[6];
        gint32 labels[6];
        double worst = 0.0;
        EaselRng rng;

        easel_mlp_net_init (net, 10 * act + loss);
        easel_rng_init (&rng, 99);
        /* Non-zero biases too: with zero ones a relu unit whose inputs are all zero sits
         * exactly on its kink, where a central difference averages the two slopes. */
        for (gsize j = 0; j < net->n_params; j++)
          net->params[j] += (float) (0.1 * easel_rng_normal (&rng));
        for (gsize i = 0; i < n * p; i++)
          x[i] = (float) (easel_rng_normal (&rng) * 1.5);
        for (gsize i = 0; i < n; i++)
          {
            labels[i] = (gint32) (i % k);
            /* mae: targets far from every output, away from |r|'s kink */
            target[i] = loss == EASEL_MLP_BCE ? (float) (i % 2)
                        : loss == EASEL_MLP_MAE ? (i % 2 ? 6.0f : -6.0f)
                                                : (float) easel_rng_normal (&rng);
          }
        easel_mlp_batch (net, work, x, n, target, labels, l2, grad);

        for (gsize j = 0; j < net->n_params; j++)
          {
            double numeric = 0.0;

            /* A relu kink that lies within ±h of a unit spoils the difference: a
             * smaller step settles it. */
            for (double step = h; step >= h / 16; step /= 4)
              {
                float saved = net->params[j];
                double up, down;

                net->params[j] = saved + (float) step;
                up = objective (net, work, x, n, target, labels, l2);
                net->params[j] = saved - (float) step;
                down = objective (net, work, x, n, target, labels, l2);
                net->params[j] = saved;
                numeric = (up - down) / (2 * step);
                if (fabs (grad[j] - numeric) <= 2e-3 + 2e-2 * fabs (numeric))
                  break;
                g_test_message ("activation %d, loss %d, parameter %" G_GSIZE_FORMAT ": %.6g "
                                "vs %.6g at step %g", act, loss, j, grad[j], numeric, step);
              }
            worst = MAX (worst, fabs (grad[j] - numeric) / (1e-3 + fabs (numeric)));
            if (fabs (grad[j] - numeric) > 2e-3 + 2e-2 * fabs (numeric))
              g_error ("activation %d, loss %d: parameter %" G_GSIZE_FORMAT ": "
                       "back-propagation %.6g, finite difference %.6g", act, loss, j,
                       grad[j], numeric);
          }
        g_test_message ("activation %d, loss %d: worst relative gap %.2g", act, loss, worst);
      }
}

/* Optimisers */

static void
test_optimizer_steps (void)
{
  /* θ₀ = (1, −2, 0.5), η = 0.1, gradients g₁ = (0.5, −0.25, 2) then g₂ = (−1, 0.1, 0.3).
   * sgd:      θ₁ = θ₀ − η g₁ = (0.95, −1.975, 0.3); θ₂ = θ₁ − η g₂ = (1.05, −1.985, 0.27).
   * momentum: v₁ = g₁, θ₁ as sgd; v₂ = 0.9 g₁ + g₂ = (−0.55, −0.125, 2.1);
   *           θ₂ = θ₁ − η v₂ = (1.005, −1.9625, 0.09).
   * adagrad:  G₁ = g₁², θ₁ = θ₀ − η g₁/|g₁| = (0.9, −1.9, 0.4); G₂ = g₁² + g₂² = (1.25,
   *           0.0725, 4.09); θ₂ = θ₁ − η g₂/√G₂ = (0.9 + 0.1/√1.25, …).
   * adam:     t = 1: m̂ = g₁, v̂ = g₁², θ₁ = θ₀ − η sign(g₁) = (0.9, −1.9, 0.4);
   *           t = 2: m = 0.09 g₁ + 0.1 g₂, v = 0.000999 g₁² + 0.001 g₂²,
   *           θ₂ = θ₁ − η (m / 0.19) / (√(v / 0.001999) + ε); first: m = −0.055,
   *           v = 0.00124975, θ₂ = 0.9 + 0.1 · 0.289474 / 0.790688 = 0.936610. */
  static const double expected[4][2][3] = {
    { { 0.95, -1.975, 0.3 }, { 1.05, -1.985, 0.27 } },
    { { 0.95, -1.975, 0.3 }, { 1.005, -1.9625, 0.09 } },
    { { 0.9, -1.9, 0.4 }, { 0.98944271911, -1.93713906766, 0.38516595471 } },
    { { 0.9, -1.9, 0.4 }, { 0.93661035424, -1.86543942102, 0.32269227309 } },
  };
  const float g[2][3] = { { 0.5f, -0.25f, 2.0f }, { -1.0f, 0.1f, 0.3f } };

  for (int kind = EASEL_MLP_SGD; kind <= EASEL_MLP_ADAM; kind++)
    {
      g_autoptr(EaselMlpOptim) o = easel_mlp_optim_new (kind, 0.1, 3);
      float theta[3] = { 1.0f, -2.0f, 0.5f };

      for (guint step = 0; step < 2; step++)
        {
          easel_mlp_optim_step (o, theta, g[step]);
          for (guint j = 0; j < 3; j++)
            if (fabs (theta[j] - expected[kind][step][j]) > 2e-6)
              g_error ("optimiser %d, step %u, θ[%u] = %.8f, expected %.8f", kind, step + 1,
                       j, theta[j], expected[kind][step][j]);
        }
    }
}

/* Tables */

static void
add_numbers (EaselTable   *t,
             const char   *name,
             const double *v,
             gsize         n)
{
  easel_table_add_column (t, easel_column_new_numeric (name, n, g_memdup2 (v, n * sizeof (double)),
                                                       NULL));
}

/* Two numbers in a disc of radius 2; the class is whether a point lies within radius 1.2
 * (kind 1), its ring of three (kind 2: < 0.9, < 1.5, outside), or y = sin(2 x1) + x2² (kind
 * 0). No straight line separates the classes. */
static EaselTable *
rings (gsize   n,
       int     kind,
       guint64 seed)
{
  EaselTable *t = easel_table_new ();
  g_autofree double *x1 = g_new (double, n);
  g_autofree double *x2 = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  g_autofree const char **cls = g_new (const char *, n);
  static const char *names[] = { "inner", "middle", "outer" };
  EaselRng rng;

  easel_rng_init (&rng, seed);
  for (gsize i = 0; i < n; i++)
    {
      double r;

      x1[i] = easel_rng_uniform (&rng) * 4 - 2;
      x2[i] = easel_rng_uniform (&rng) * 4 - 2;
      r = sqrt (x1[i] * x1[i] + x2[i] * x2[i]);
      y[i] = 10 * (sin (2 * x1[i]) + x2[i] * x2[i]) + 50;
      cls[i] = kind == 1 ? (r < 1.2 ? "in" : "out") : names[r < 0.9 ? 0 : r < 1.5 ? 1 : 2];
    }
  add_numbers (t, "x1", x1, n);
  add_numbers (t, "x2", x2, n);
  if (kind == 0)
    add_numbers (t, "y", y, n);
  else
    easel_table_add_column (t, easel_column_new_from_strings ("y", EASEL_COLUMN_CATEGORICAL,
                                                              cls, n));
  return t;
}

/* n rows of 'p' normal columns, three classes from the sign of two sums. */
static EaselTable *
wide (gsize   n,
      guint   p,
      guint64 seed)
{
  EaselTable *t = easel_table_new ();
  g_autofree double *x = g_new (double, n * p);
  g_autofree const char **cls = g_new (const char *, n);
  static const char *names[] = { "a", "b", "c" };
  EaselRng rng;

  easel_rng_init (&rng, seed);
  for (gsize i = 0; i < n * p; i++)
    x[i] = easel_rng_normal (&rng);
  for (gsize i = 0; i < n; i++)
    {
      double s1 = 0, s2 = 0;
      for (guint j = 0; j < p; j++)
        {
          double v = x[j * n + i] * (j % 3 ? 1.0 : -0.5);
          if (j % 2)
            s1 += v;
          else
            s2 += v;
        }
      cls[i] = names[s1 > 1 ? 0 : s2 > 0 ? 1 : 2];
    }
  for (guint j = 0; j < p; j++)
    {
      g_autofree char *name = g_strdup_printf ("f%u", j);
      add_numbers (t, name, x + (gsize) j * n, n);
    }
  easel_table_add_column (t, easel_column_new_from_strings ("y", EASEL_COLUMN_CATEGORICAL,
                                                            cls, n));
  return t;
}

typedef struct
{
  guint   calls;
  guint   last_iteration;
  double  first_train;
  double  last_train;
  double  last_valid;
  gboolean valid_finite;
} Curve;

static void
record_curve (guint    iteration,
              double   train_loss,
              double   valid_loss,
              gpointer user_data)
{
  Curve *c = user_data;

  g_assert_cmpuint (iteration, ==, c->last_iteration + 1);
  g_assert_true (isfinite (train_loss) && train_loss >= 0);
  if (c->calls++ == 0)
    {
      c->first_train = train_loss;
      c->valid_finite = isfinite (valid_loss);
    }
  else
    g_assert_true (c->valid_finite == isfinite (valid_loss));
  c->last_iteration = iteration;
  c->last_train = train_loss;
  c->last_valid = valid_loss;
}

static EaselModel *
train_mlp (EaselTable   *table,
           const char   *params,
           guint64       seed,
           Curve        *curve,
           GCancellable *cancellable,
           GError      **error)
{
  const EaselAlgorithm *alg = easel_algorithm_find ("mlp", NULL);
  g_autoptr(EaselParams) p = easel_params_new (alg);
  g_auto(GStrv) assignments = params ? g_strsplit (params, " ", -1) : NULL;
  EaselTrainOptions o = { p, seed, curve != NULL ? record_curve : NULL, curve };

  for (guint i = 0; assignments != NULL && assignments[i] != NULL; i++)
    g_assert_true (easel_params_parse (p, assignments[i], NULL));
  return easel_model_train (alg, table, "y", NULL, NULL, 0, &o, NULL, cancellable, error);
}

static double *
predict_all (const EaselModel *m,
             EaselTable       *t,
             gsize            *width)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselPrediction) p = easel_model_predict (m, t, NULL, 0, 0, NULL, NULL, &error);

  g_assert_no_error (error);
  *width = p->problem == EASEL_PROBLEM_REGRESSION ? 1 : p->n_classes;
  return p->problem == EASEL_PROBLEM_REGRESSION ? g_steal_pointer (&p->values)
                                                : g_steal_pointer (&p->proba);
}

static double
accuracy (const EaselModel *m,
          EaselTable       *t)
{
  g_autoptr(EaselPrediction) p = easel_model_predict (m, t, NULL, 0, 0, NULL, NULL, NULL);
  g_autofree gint32 *truth = g_new (gint32, p->n);
  gsize right = 0;

  g_assert_true (easel_design_get_labels (easel_model_get_design (m), t, truth, NULL, NULL));
  for (gsize i = 0; i < p->n; i++)
    right += p->classes[i] == truth[i];
  return (double) right / (double) p->n;
}

/* Parameters */

static void
test_hidden_parameter (void)
{
  const EaselAlgorithm *alg = easel_algorithm_find ("mlp", NULL);
  const EaselParamSpec *spec = easel_algorithm_find_param (alg, "hidden");
  g_autoptr(EaselParams) p = easel_params_new (alg);
  g_autoptr(EaselParams) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const guint *list;
  guint n;
  const char *bad[] = { "0", "64,,32", "64,x", "", "2.5", "-3", "5000",
                        "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17" };

  g_assert_cmpint (spec->type, ==, EASEL_PARAM_INT_LIST);
  /* the default: one layer of 100, like scikit-learn's */
  list = easel_params_get_int_list (p, "hidden", &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (list[0], ==, 100);
  g_assert_cmpfloat (easel_params_get (p, "hidden"), ==, 1);

  g_assert_true (easel_params_parse (p, "hidden = 64, 32 ,8", &error));
  g_assert_no_error (error);
  list = easel_params_get_int_list (p, "hidden", &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (list[0], ==, 64);
  g_assert_cmpuint (list[1], ==, 32);
  g_assert_cmpuint (list[2], ==, 8);
  text = easel_params_format (p, (guint) (spec - alg->params));
  g_assert_cmpstr (text, ==, "64,32,8");
  copy = easel_params_copy (p);
  list = easel_params_get_int_list (copy, "hidden", &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (list[2], ==, 8);
  g_assert_null (easel_params_get_int_list (p, "epochs", &n));
  g_assert_cmpuint (n, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (easel_params_set (p, "hidden", bad[i], &error));
      g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
      easel_assert_contains (error->message,
                             "Parameter “hidden” of mlp takes a list of whole numbers from 1 to "
                             "4096 separated by commas (at most 16)");
      g_clear_error (&error);
    }
  /* a failed set leaves the list as it was */
  list = easel_params_get_int_list (p, "hidden", &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (list[0], ==, 64);
  /* a number is a list of one */
  g_assert_true (easel_params_set_number (p, "hidden", 7, &error));
  list = easel_params_get_int_list (p, "hidden", &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (list[0], ==, 7);
  g_assert_false (easel_params_set_number (p, "hidden", 0, &error));
  easel_assert_contains (error->message, "“hidden”");
  g_clear_error (&error);
  g_assert_true (easel_params_set (p, "hidden", "16", &error));
  g_assert_cmpuint (easel_params_get_int_list (p, "hidden", &n)[0], ==, 16);
  g_assert_cmpuint (n, ==, 1);
}

static void
test_loss_must_fit (void)
{
  g_autoptr(EaselTable) numbers = rings (50, 0, 1);
  g_autoptr(EaselTable) three = rings (50, 2, 1);
  g_autoptr(EaselTable) two = rings (50, 1, 1);
  const struct { EaselTable *t; const char *params; const char *says; } cases[] = {
    { numbers, "loss=bce", "the target is a number: use mse, mae or auto" },
    { numbers, "loss=cross_entropy", "a loss for classes" },
    { three, "loss=mse", "the target has classes: use cross_entropy or auto" },
    { three, "loss=bce", "a loss for two classes, but the target has 3" },
    { two, "loss=mae", "use bce, cross_entropy or auto" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EaselModel) m = train_mlp (cases[c].t, cases[c].params, 1, NULL, NULL, &error);

      g_assert_null (m);
      g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
      easel_assert_contains (error->message, "Parameter “loss” of mlp");
      easel_assert_contains (error->message, cases[c].says);
    }
  /* two classes may also use a two-unit softmax */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(EaselModel) m = train_mlp (two, "loss=cross_entropy epochs=2", 1, NULL, NULL,
                                         &error);
    g_assert_no_error (error);
  }
}

/* Learning */

static void
test_learns_what_a_line_cannot (void)
{
  g_autoptr(EaselTable) train = rings (1500, 2, 3);
  g_autoptr(EaselTable) test = rings (500, 2, 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselModel) mlp = train_mlp (train, "hidden=32,16 epochs=150 learning_rate=0.01",
                                         7, NULL, NULL, &error);
  g_autoptr(EaselModel) line = NULL;
  const EaselAlgorithm *logistic = easel_algorithm_find ("logistic", NULL);
  double acc_mlp, acc_line;

  g_assert_no_error (error);
  line = easel_model_train (logistic, train, "y", NULL, NULL, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  acc_mlp = accuracy (mlp, test);
  acc_line = accuracy (line, test);
  g_test_message ("rings: mlp %.3f, logistic %.3f", acc_mlp, acc_line);
  g_assert_cmpfloat (acc_mlp, >, 0.93);
  g_assert_cmpfloat (acc_line, <, 0.75);
}

static void
test_each_optimizer_and_activation_learns (void)
{
  /* Every optimiser and activation with a learning rate that suits it: the loss falls
   * well below where it started. */
  const char *settings[] = {
    "optimizer=sgd learning_rate=0.5 activation=tanh",
    "optimizer=momentum learning_rate=0.3 activation=sigmoid",
    "optimizer=adagrad learning_rate=0.05 activation=leaky_relu",
    "optimizer=adam learning_rate=0.01 activation=relu",
    "optimizer=adam learning_rate=0.05 batch_size=0",
    "optimizer=sgd learning_rate=0.01 batch_size=1 epochs=10",
  };
  g_autoptr(EaselTable) t = rings (400, 1, 5);

  for (guint s = 0; s < G_N_ELEMENTS (settings); s++)
    {
      g_autofree char *params = g_strdup_printf ("hidden=16 epochs=200 %s", settings[s]);
      g_autoptr(GError) error = NULL;
      Curve curve = { 0 };
      g_autoptr(EaselModel) m = train_mlp (t, params, 2, &curve, NULL, &error);

      g_assert_no_error (error);
      g_test_message ("%s: log-loss %.4f → %.4f, accuracy %.3f", settings[s], curve.first_train,
                      curve.last_train, accuracy (m, t));
      g_assert_cmpfloat (curve.last_train, <, 0.6 * curve.first_train);
      g_assert_cmpfloat (accuracy (m, t), >, 0.85);
    }
}

static void
test_regression_curve_in_target_units (void)
{
  g_autoptr(EaselTable) t = rings (600, 0, 6);
  g_autoptr(GError) error = NULL;
  Curve curve = { 0 };
  g_autoptr(EaselModel) m = train_mlp (t, "hidden=32 epochs=300 batch_size=0 "
                                       "learning_rate=0.02 l2=0", 3, &curve, NULL, &error);
  gsize width;
  g_autofree double *pred = NULL;
  const double *y;
  double mse = 0.0, var = 0.0, mean = 0.0;

  g_assert_no_error (error);
  g_assert_cmpuint (curve.calls, ==, 300);
  g_assert_true (isnan (curve.last_valid));
  pred = predict_all (m, t, &width);
  y = easel_table_get_column (t, 2)->num;
  for (gsize i = 0; i < 600; i++)
    mean += y[i] / 600;
  for (gsize i = 0; i < 600; i++)
    {
      mse += (pred[i] - y[i]) * (pred[i] - y[i]) / 600;
      var += (y[i] - mean) * (y[i] - mean) / 600;
    }
  /* Full batch: the last epoch's loss is the mean squared error one step before the
   * end, in the target's units (y spans about 0 to 100). */
  g_test_message ("mse %.4f, last reported %.4f, variance %.2f", mse, curve.last_train, var);
  g_assert_cmpfloat (mse, <, 0.1 * var);
  g_assert_cmpfloat (fabs (curve.last_train - mse), <, 0.02 * mse + 1e-3);
  g_assert_cmpfloat (curve.first_train, >, 0.5 * var);
}

static void
test_early_stopping (void)
{
  g_autoptr(EaselTable) t = rings (300, 2, 8);
  g_autoptr(GError) error = NULL;
  Curve curve = { 0 }, again = { 0 };
  g_autoptr(EaselModel) m = train_mlp (t, "hidden=64 epochs=3000 learning_rate=0.01 "
                                       "early_stopping=true", 4, &curve, NULL, &error);
  g_autoptr(EaselModel) m2 = NULL;
  gsize width;
  g_autofree double *p1 = NULL;
  g_autofree double *p2 = NULL;

  g_assert_no_error (error);
  /* the validation loss is reported, and training stops long before 3000 epochs */
  g_assert_true (curve.valid_finite);
  g_assert_cmpuint (curve.calls, <, 3000);
  g_assert_cmpuint (curve.calls, >, 10);
  /* the weights kept are those of the best validation loss, at most 10 epochs back */
  g_assert_cmpuint (easel_model_get_iterations (m), >=, curve.calls - 10);
  g_assert_cmpuint (easel_model_get_iterations (m), <, curve.calls);
  /* the same seed splits and shuffles the same way */
  m2 = train_mlp (t, "hidden=64 epochs=3000 learning_rate=0.01 early_stopping=true", 4,
                  &again, NULL, &error);
  g_assert_cmpuint (again.calls, ==, curve.calls);
  p1 = predict_all (m, t, &width);
  p2 = predict_all (m2, t, &width);
  g_assert_cmpmem (p1, 300 * width * sizeof (double), p2, 300 * width * sizeof (double));
}

/* Reproducibility, files, cancel */

static void
test_threads_and_seeds (void)
{
  /* Wide enough layers and batches for the parallel blocks of the products (by rows; by
   * columns when the batch is narrower than the layers) and the elementwise passes. */
  const char *params[] = { "hidden=128,128 batch_size=600 epochs=2",
                           "hidden=256,256 batch_size=40 epochs=1",
                           "hidden=128 batch_size=0 epochs=3 optimizer=momentum "
                           "learning_rate=0.01 activation=tanh" };
  g_autoptr(EaselTable) rings_table = rings (3000, 2, 9);
  /* 64 inputs: the first layer's blocks also gather the shuffled rows in parallel */
  g_autoptr(EaselTable) wide_table = wide (3000, 64, 9);

  for (guint c = 0; c < G_N_ELEMENTS (params) + 1; c++)
    {
      EaselTable *t = c < G_N_ELEMENTS (params) ? rings_table : wide_table;
      const char *settings = c < G_N_ELEMENTS (params) ? params[c]
                                                       : "hidden=128 batch_size=500 epochs=2";
      g_autofree double *ref = NULL;
      gsize width = 0;

      for (int threads = 1; threads <= 3; threads++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(EaselModel) m = NULL;
          g_autofree double *p = NULL;

          omp_set_num_threads (threads);
          m = train_mlp (t, settings, 11, NULL, NULL, &error);
          g_assert_no_error (error);
          p = predict_all (m, t, &width);
          if (ref == NULL)
            ref = g_steal_pointer (&p);
          else
            g_assert_cmpmem (p, 3000 * width * sizeof (double), ref,
                             3000 * width * sizeof (double));
        }
      /* another seed, other weights */
      {
        g_autoptr(EaselModel) m = train_mlp (t, settings, 12, NULL, NULL, NULL);
        g_autofree double *p = predict_all (m, t, &width);
        g_assert_true (memcmp (p, ref, 3000 * width * sizeof (double)) != 0);
      }
    }
}

/* n rows of 60 numbers that are mostly 0 (95 %; else 1 to 10, so that the column's mean
 * and its standardised 0 are not 0), one mostly 7 (so c is not the raw 0 either), one
 * dense, a five-level category (one-hot, mostly 0 too), and a target: three classes from
 * sums of the sparse columns (kind 0) or a number (kind 1). Under 10 % of the encoded
 * values differ from their column's most common one: sparse enough for the first layer on
 * the nonzeros with or without AVX-512. */
static EaselTable *
sparse_table (gsize   n,
              int     kind,
              guint64 seed)
{
  enum { P = 60 };
  EaselTable *t = easel_table_new ();
  g_autofree double *x = g_new (double, n * P);
  g_autofree double *sevens = g_new (double, n);
  g_autofree double *dense = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  g_autofree const char **level = g_new (const char *, n);
  g_autofree const char **cls = g_new (const char *, n);
  static const char *levels[] = { "u", "v", "w", "x", "y" };
  static const char *names[] = { "a", "b", "c" };
  EaselRng rng;

  easel_rng_init (&rng, seed);
  for (gsize i = 0; i < n; i++)
    {
      double s1 = 0, s2 = 0;
      guint lv = (guint) (easel_rng_uniform (&rng) * 5) % 5;

      for (guint j = 0; j < P; j++)
        {
          double v = easel_rng_uniform (&rng) < 0.95 ? 0.0 : 1 + 9 * easel_rng_uniform (&rng);

          x[j * n + i] = v;
          if (j % 2)
            s1 += v;
          else
            s2 += v * (j % 3 ? 1.0 : -1.0);
        }
      sevens[i] = easel_rng_uniform (&rng) < 0.9 ? 7.0 : easel_rng_uniform (&rng) * 20;
      dense[i] = easel_rng_normal (&rng);
      level[i] = levels[lv];
      y[i] = s1 - 0.5 * s2 + 3 * lv + 2 * dense[i];
      cls[i] = names[s1 + 3 * dense[i] > 9 ? 0 : s2 + 2 * lv > 4 ? 1 : 2];
    }
  for (guint j = 0; j < P; j++)
    {
      g_autofree char *name = g_strdup_printf ("s%u", j);
      add_numbers (t, name, x + (gsize) j * n, n);
    }
  add_numbers (t, "sevens", sevens, n);
  add_numbers (t, "dense", dense, n);
  easel_table_add_column (t, easel_column_new_from_strings ("level", EASEL_COLUMN_CATEGORICAL,
                                                            level, n));
  if (kind == 1)
    add_numbers (t, "y", y, n);
  else
    easel_table_add_column (t, easel_column_new_from_strings ("y", EASEL_COLUMN_CATEGORICAL,
                                                              cls, n));
  return t;
}

/* Predictions of a model trained with the first layer forced on the nonzeros ("1"; "plain":
 * without AVX-512 even where the CPU has it), on all inputs ("0"), or chosen by the density
 * (NULL). */
static double *
train_sparse_choice (EaselTable *t,
                     const char *settings,
                     const char *choice,
                     gsize      *width)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselModel) m = NULL;

  if (choice != NULL)
    g_setenv ("EASEL_MLP_SPARSE", choice, TRUE);
  else
    g_unsetenv ("EASEL_MLP_SPARSE");
  m = train_mlp (t, settings, 5, NULL, NULL, &error);
  g_unsetenv ("EASEL_MLP_SPARSE");
  g_assert_no_error (error);
  return predict_all (m, t, width);
}

static void
test_sparse_inputs (void)
{
  /* One narrow and one wide first layer (blocks of its inputs, several slices of 128 units
   * with a masked end), two layers, early stopping, l2, each kind of output. */
  static const struct
  {
    int         kind;
    const char *settings;
  } cases[] = {
    { 0, "hidden=12 batch_size=64 epochs=3" },
    { 0, "hidden=130,7 activation=tanh batch_size=200 epochs=2 l2=0.01" },
    { 0, "hidden=20 loss=cross_entropy early_stopping=true epochs=4 optimizer=momentum "
         "learning_rate=0.01" },
    { 1, "hidden=24 activation=leaky_relu batch_size=100 epochs=3" },
    { 1, "hidden=16 loss=mae optimizer=adagrad learning_rate=0.01 batch_size=0 epochs=3" },
  };
  const gsize n = 900;
  int threads0 = omp_get_max_threads ();

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(EaselTable) t = sparse_table (n, cases[c].kind, 3 + c);
      g_autofree double *dense = NULL;
      g_autofree double *sparse = NULL;
      g_autofree double *chosen = NULL;
      g_autofree double *plain = NULL;
      gsize width = 0;
      double worst = 0.0, worst_plain = 0.0, scale = 0.0;

      dense = train_sparse_choice (t, cases[c].settings, "0", &width);
      sparse = train_sparse_choice (t, cases[c].settings, "1", &width);
      chosen = train_sparse_choice (t, cases[c].settings, NULL, &width);
      plain = train_sparse_choice (t, cases[c].settings, "plain", &width);
      for (gsize i = 0; i < n * width; i++)
        {
          worst = MAX (worst, fabs (sparse[i] - dense[i]));
          worst_plain = MAX (worst_plain, fabs (plain[i] - dense[i]));
          scale = MAX (scale, fabs (dense[i]));
        }
      /* The same network up to float rounding, summed in another order. */
      g_assert_cmpfloat (worst, <=, 1e-5 * MAX (scale, 1.0));
      g_assert_cmpfloat (worst_plain, <=, 1e-5 * MAX (scale, 1.0));
      /* These inputs are sparse enough: the choice is the sparse first layer. */
      g_assert_cmpmem (chosen, n * width * sizeof (double), sparse, n * width * sizeof (double));

      /* and it does not depend on the threads either */
      g_setenv ("EASEL_MLP_SPARSE", "1", TRUE);
      for (int threads = 1; threads <= 3; threads += 2)
        {
          g_autoptr(EaselModel) m = NULL;
          g_autofree double *p = NULL;

          omp_set_num_threads (threads);
          m = train_mlp (t, cases[c].settings, 5, NULL, NULL, NULL);
          p = predict_all (m, t, &width);
          g_assert_cmpmem (p, n * width * sizeof (double), sparse, n * width * sizeof (double));
        }
      g_unsetenv ("EASEL_MLP_SPARSE");
      omp_set_num_threads (threads0);
    }
}

static void
test_save_load (void)
{
  const struct { int kind; const char *params; } cases[] = {
    { 0, "hidden=8,4 epochs=5 loss=mae activation=tanh" },
    { 1, "hidden=6 epochs=5" },
    { 1, "hidden=3,3,3 epochs=5 loss=cross_entropy" },
    { 2, "hidden=5 epochs=5 optimizer=adagrad learning_rate=0.05" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(EaselTable) t = rings (40, cases[c].kind, c);
      g_autoptr(GError) error = NULL;
      g_autoptr(EaselModel) m = train_mlp (t, cases[c].params, 1, NULL, NULL, &error);
      g_autoptr(GBytes) bytes = easel_model_to_bytes (m);
      g_autoptr(EaselModel) loaded = easel_model_from_bytes (bytes, &error);
      g_autoptr(GBytes) again = NULL;
      g_autofree double *p1 = NULL;
      g_autofree double *p2 = NULL;
      gsize width, len;
      guint n1, n2;
      const guint8 *data;
      const guint *l1, *l2;

      g_assert_no_error (error);
      p1 = predict_all (m, t, &width);
      p2 = predict_all (loaded, t, &width);
      g_assert_cmpmem (p1, 40 * width * sizeof (double), p2, 40 * width * sizeof (double));
      l1 = easel_params_get_int_list (easel_model_get_params (m), "hidden", &n1);
      l2 = easel_params_get_int_list (easel_model_get_params (loaded), "hidden", &n2);
      g_assert_cmpuint (n1, >, 0);
      g_assert_cmpmem (l1, n1 * sizeof (guint), l2, n2 * sizeof (guint));
      g_assert_cmpuint (easel_model_get_iterations (loaded), ==, 5);
      again = easel_model_to_bytes (loaded);
      g_assert_true (g_bytes_equal (bytes, again));

      /* every truncation is an error, never a crash */
      data = g_bytes_get_data (bytes, &len);
      for (gsize cut = 0; cut < len; cut += 1 + cut / 64)
        {
          g_autoptr(GBytes) b = g_bytes_new (data, cut);
          g_autoptr(EaselModel) none = easel_model_from_bytes (b, &error);
          g_assert_null (none);
          g_assert_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT);
          g_clear_error (&error);
        }
    }
}

/* The model blob with the mlp's state edited and the checksum made valid again: the
 * parser itself must refuse sizes that do not fit. */
static GBytes *
reseal (const guint8 *data,
        gsize         len)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 *copy = g_memdup2 (data, len);
  gsize digest_len = 32;

  g_checksum_update (sum, copy + 56, (gssize) (len - 56));
  g_checksum_get_digest (sum, copy + 24, &digest_len);
  return g_bytes_new_take (copy, len);
}

static void
test_damaged_state (void)
{
  g_autoptr(EaselTable) t = rings (40, 2, 1);
  g_autoptr(EaselModel) m = train_mlp (t, "hidden=7,5 epochs=2", 1, NULL, NULL, NULL);
  g_autoptr(GBytes) bytes = easel_model_to_bytes (m);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autofree guint8 *copy = g_memdup2 (data, len);
  const guint8 sizes[] = { 2, 0, 0, 0, 7, 0, 0, 0, 5, 0, 0, 0, 3, 0, 0, 0 };
  guint8 *at = NULL;
  EaselRng rng;

  /* The layer sizes (inputs 2, 7, 5, outputs 3) follow the version and the layer count. */
  for (gsize i = 0; i + sizeof sizes <= len; i++)
    if (memcmp (data + i, sizes, sizeof sizes) == 0 && data[i - 4] == 3)
      at = copy + i;
  g_assert_nonnull (at);
  {
    /* each size made wrong, one at a time: too many inputs, a layer too wide or empty,
     * the wrong number of outputs, too many layers */
    const struct { int offset; guint8 value; const char *says; } edits[] = {
      { 0, 3, "number of inputs" },
      { 4, 0, "size of a hidden layer" },
      { 6, 1, "size of a hidden layer" },
      { 8, 9, "" },
      { 12, 4, "number of outputs" },
      { -4, 30, "number of layers" },
    };
    for (guint e = 0; e < G_N_ELEMENTS (edits); e++)
      {
        g_autoptr(GBytes) b = NULL;
        g_autoptr(EaselModel) bad = NULL;
        g_autoptr(GError) error = NULL;
        guint8 saved = at[edits[e].offset];

        at[edits[e].offset] = edits[e].value;
        b = reseal (copy, len);
        bad = easel_model_from_bytes (b, &error);
        g_assert_null (bad);
        g_assert_error (error, EASEL_ERROR, EASEL_ERROR_CORRUPT);
        easel_assert_contains (error->message, edits[e].says);
        at[edits[e].offset] = saved;
      }
  }
  /* random damage anywhere: a clear error or a model that predicts; never a crash */
  easel_rng_init (&rng, 5);
  for (guint trial = 0; trial < 800; trial++)
    {
      g_autoptr(GBytes) b = NULL;
      g_autoptr(EaselModel) loaded = NULL;
      g_autoptr(GError) error = NULL;

      memcpy (copy, data, len);
      copy[56 + easel_rng_below (&rng, len - 56)] = (guint8) easel_rng_next (&rng);
      b = reseal (copy, len);
      loaded = easel_model_from_bytes (b, &error);
      if (loaded == NULL)
        g_assert_true (error->code == EASEL_ERROR_CORRUPT || error->code == EASEL_ERROR_VERSION);
      else
        {
          g_autoptr(EaselPrediction) p = easel_model_predict (loaded, t, NULL, 0, 0, NULL, NULL,
                                                              &error);
          g_assert_true (p != NULL || error != NULL);
        }
    }
}

static void
test_cancel (void)
{
  g_autoptr(EaselTable) t = rings (200, 1, 1);
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselModel) m = NULL;

  g_cancellable_cancel (cancel);
  m = train_mlp (t, NULL, 1, NULL, cancel, &error);
  g_assert_null (m);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  easel_test_add ("/mlp/gradients", test_gradients);
  easel_test_add ("/mlp/optimizer-steps", test_optimizer_steps);
  easel_test_add ("/mlp/hidden-parameter", test_hidden_parameter);
  easel_test_add ("/mlp/loss-must-fit", test_loss_must_fit);
  easel_test_add ("/mlp/learns-what-a-line-cannot", test_learns_what_a_line_cannot);
  easel_test_add ("/mlp/optimizers-and-activations", test_each_optimizer_and_activation_learns);
  easel_test_add ("/mlp/regression-curve", test_regression_curve_in_target_units);
  easel_test_add ("/mlp/early-stopping", test_early_stopping);
  easel_test_add ("/mlp/threads-and-seeds", test_threads_and_seeds);
  easel_test_add ("/mlp/sparse-inputs", test_sparse_inputs);
  easel_test_add ("/mlp/save-load", test_save_load);
  easel_test_add ("/mlp/damaged-state", test_damaged_state);
  easel_test_add ("/mlp/cancel", test_cancel);
  return g_test_run ();
}
