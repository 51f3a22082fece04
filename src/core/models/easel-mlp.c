/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

/* A multi-layer perceptron: dense layers z = a W + b in float32 (cblas_sgemm), hidden
 * activations sigmoid, tanh, relu or leaky relu, and an output layer fixed by the loss
 * (identity for mse and mae, a sigmoid unit for bce, a softmax for cross_entropy).
 * Trained by back-propagation on shuffled mini-batches with sgd, momentum, adagrad or
 * adam, an L2 penalty in scikit-learn's convention (l2 / (2 m) Σ W² added to the mean loss
 * of a batch of m rows, as its alpha), and optional early stopping on a seeded, stratified
 * 10 % validation split.
 *
 * Numeric targets are standardised for training (the predictions and reported losses
 * are in the target's own units). Losses are summed in double. Every matrix product is
 * cut into blocks that depend only on its shape and each block is one single-threaded
 * sgemm on one OpenMP thread, so the result is the same with any number of threads. When
 * most inputs of each column are one value (pixels, one-hot columns), the first layer runs
 * on the rows' other values instead (see Sparse). That layer and Adam use AVX-512 kernels
 * where the processor has AVX-512. */

#include <cblas.h>
#include <math.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_AVX512_KERNELS 1
#endif

#include "easel-blas.h"
#include "easel-error.h"
#include "easel-mlp.h"
#include "easel-model-private.h"

#define STATE_VERSION 1
/* Products below this many multiply-adds run as one sgemm call. */
#define PAR_MIN_FLOPS (1 << 21)
/* Blocks of about this many rows (or columns) of the result. */
#define BLOCK_SIZE 128
/* Elementwise passes over fewer values run on one thread. */
#define PAR_MIN_VALUES (1 << 18)
/* The optimisers work on blocks of this many parameters, in parallel from this many. */
#define OPTIM_BLOCK 4096
#define PAR_MIN_OPTIM (1 << 20)
/* Rows per block when predicting or computing the validation loss. */
#define EVAL_ROWS 256
/* Early stopping, as scikit-learn's validation_fraction, n_iter_no_change and tol. */
#define VALID_FRACTION 0.1
#define PATIENCE 10
#define STOP_TOL 1e-4
/* The first layer runs on the nonzeros of its shifted inputs (see Sparse) when at most
 * this fraction of them is nonzero (with AVX-512 and 100 units it breaks even with the
 * dense products at about 0.35); without AVX-512, at most the second one. */
#define SPARSE_MAX_DENSITY 0.3
#define SPARSE_MAX_DENSITY_PLAIN 0.1
/* The most memory the compressed rows of a batch may take for the sparse path to be chosen. */
#define SPARSE_SLOT_BUDGET (64.0 * 1024 * 1024)
/* Rows sampled for each column's most common value and the fraction of nonzeros. */
#define SHIFT_SAMPLE 255
/* Its weight gradient goes by blocks of inputs whose rows take about this many bytes. */
#define SPARSE_BLOCK_BYTES 16384
/* Batches of fewer rows × units run on one thread. */
#define SPARSE_PAR_MIN 4096
/* One hidden layer of 100 units, as scikit-learn's default. */
#define DEFAULT_HIDDEN 100

enum
{
  PARAM_HIDDEN,
  PARAM_ACTIVATION,
  PARAM_LOSS,
  PARAM_OPTIMIZER,
  PARAM_BATCH_SIZE,
  PARAM_LEARNING_RATE,
  PARAM_EPOCHS,
  PARAM_L2,
  PARAM_EARLY_STOPPING,
};

enum { LOSS_AUTO };   /* then the EaselMlpLoss values, shifted by one */

struct _EaselMlpWork
{
  guint    n_layers;
  gsize    max_rows;
  float  **a;         /* n_layers: the outputs of each layer (the last: logits) */
  float   *delta[2];  /* max_rows × the widest layer */
  double  *colsum;    /* the widest layer */
};

/* A first layer on the nonzeros of the rows (below). */
typedef struct _Sparse Sparse;

typedef struct
{
  EaselMlpNet *net;
  double       y_mean;       /* regression: targets were (y − mean) / std */
  double       y_std;
  guint        epochs_run;
  guint        best_epoch;   /* the epoch whose weights were kept */
} Mlp;

/* The network */

EaselMlpNet *
easel_mlp_net_new (guint               n_inputs,
                   const guint        *hidden,
                   guint               n_hidden,
                   guint               n_outputs,
                   EaselMlpActivation  activation,
                   EaselMlpLoss        loss)
{
  EaselMlpNet *net = g_new0 (EaselMlpNet, 1);

  net->n_layers = n_hidden + 1;
  net->sizes = g_new (guint, net->n_layers + 1);
  net->offsets = g_new (gsize, net->n_layers);
  net->sizes[0] = n_inputs;
  for (guint l = 0; l < n_hidden; l++)
    net->sizes[l + 1] = hidden[l];
  net->sizes[net->n_layers] = n_outputs;
  net->activation = activation;
  net->loss = loss;
  for (guint l = 0; l < net->n_layers; l++)
    {
      net->offsets[l] = net->n_params;
      net->n_params += ((gsize) net->sizes[l] + 1) * net->sizes[l + 1];
    }
  net->params = g_new0 (float, MAX (net->n_params, 1));
  return net;
}

void
easel_mlp_net_free (EaselMlpNet *net)
{
  if (net == NULL)
    return;
  g_free (net->sizes);
  g_free (net->offsets);
  g_free (net->params);
  g_free (net);
}

void
easel_mlp_net_init (EaselMlpNet *net,
                    guint64      seed)
{
  EaselRng rng;

  easel_rng_init (&rng, seed);
  for (guint l = 0; l < net->n_layers; l++)
    {
      gsize fan_in = net->sizes[l], fan_out = net->sizes[l + 1];
      gboolean he = l + 1 < net->n_layers && (net->activation == EASEL_MLP_RELU ||
                                              net->activation == EASEL_MLP_LEAKY_RELU);
      double bound = he ? sqrt (6.0 / (double) fan_in)
                        : sqrt (6.0 / (double) (fan_in + fan_out));
      float *w = net->params + net->offsets[l];

      for (gsize j = 0; j < fan_in * fan_out; j++)
        w[j] = (float) ((2.0 * easel_rng_uniform (&rng) - 1.0) * bound);
      memset (w + fan_in * fan_out, 0, fan_out * sizeof (float));
    }
}

static guint
widest_layer (const EaselMlpNet *net)
{
  guint w = 1;

  for (guint l = 1; l <= net->n_layers; l++)
    w = MAX (w, net->sizes[l]);
  return w;
}

EaselMlpWork *
easel_mlp_work_new (const EaselMlpNet *net,
                    gsize              max_rows)
{
  EaselMlpWork *work = g_new0 (EaselMlpWork, 1);
  guint widest = widest_layer (net);

  work->n_layers = net->n_layers;
  work->max_rows = max_rows;
  work->a = g_new0 (float *, net->n_layers);
  for (guint l = 0; l < net->n_layers; l++)
    work->a[l] = g_new (float, MAX (max_rows * net->sizes[l + 1], 1));
  work->delta[0] = g_new (float, MAX (max_rows * widest, 1));
  work->delta[1] = g_new (float, MAX (max_rows * widest, 1));
  work->colsum = g_new (double, widest);
  return work;
}

void
easel_mlp_work_free (EaselMlpWork *work)
{
  if (work == NULL)
    return;
  for (guint l = 0; l < work->n_layers; l++)
    g_free (work->a[l]);
  g_free (work->a);
  g_free (work->delta[0]);
  g_free (work->delta[1]);
  g_free (work->colsum);
  g_free (work);
}

/* Kernels */

/* Rows of the data copied side by side: dst row i = src row idx[i], for i in [lo, hi). */
typedef struct
{
  const float   *src;
  const guint32 *idx;
  float         *dst;
} Gather;

static void
gather_rows (const Gather *g,
             gsize         lo,
             gsize         hi,
             gsize         p)
{
  for (gsize i = lo; i < hi; i++)
    memcpy (g->dst + i * p, g->src + (gsize) g->idx[i] * p, p * sizeof (float));
}

/* What to do with rows [lo, hi) of a product's result once they are computed. */
typedef struct
{
  void     (*func) (gsize lo, gsize hi, gpointer data);
  gpointer   data;
} RowsDone;

/* c (m × n) = op(a) op(b), row-major. Large products are cut into an even number of
 * blocks of rows (or of columns, when there are more of them) fixed by the shape alone,
 * one single-threaded sgemm each, so the threads never change a result. With 'gather'
 * (a not transposed, a = gather->dst), each block first fetches its own rows of a: the
 * batch's random rows are copied in parallel, and are in cache when multiplied. With
 * 'done', each block then hands its rows of c on, on the same thread. */
static void
product (CBLAS_TRANSPOSE  ta,
         CBLAS_TRANSPOSE  tb,
         gsize            m,
         gsize            n,
         gsize            k,
         const float     *a,
         gsize            lda,
         const float     *b,
         gsize            ldb,
         float           *c,
         gsize            ldc,
         const Gather    *gather,
         const RowsDone  *done)
{
  gboolean by_rows = m >= n;
  gsize len = by_rows ? m : n, blocks = 1;

  if (m == 0 || n == 0)
    return;
  if (m * n * k >= PAR_MIN_FLOPS && len >= 32)
    {
      blocks = MAX ((gsize) 2, (len + BLOCK_SIZE - 1) / BLOCK_SIZE);
      blocks += blocks & 1;
    }
  if (blocks == 1 || !by_rows || k == 0)
    {
      /* One call (or blocks of columns): the hooks run over all rows, around it. */
      if (gather != NULL)
        gather_rows (gather, 0, m, lda);
      if (k == 0)
        for (gsize i = 0; i < m; i++)
          memset (c + i * ldc, 0, n * sizeof (float));
      else if (blocks == 1)
        cblas_sgemm (CblasRowMajor, ta, tb, (int) m, (int) n, (int) k, 1.0f, a, (int) lda, b,
                     (int) ldb, 0.0f, c, (int) ldc);
      else
        {
#pragma omp parallel for schedule(dynamic, 1)
          for (gsize blk = 0; blk < blocks; blk++)
            {
              gsize lo = len * blk / blocks, hi = len * (blk + 1) / blocks;
              cblas_sgemm (CblasRowMajor, ta, tb, (int) m, (int) (hi - lo), (int) k, 1.0f, a,
                           (int) lda, tb == CblasNoTrans ? b + lo : b + lo * ldb, (int) ldb,
                           0.0f, c + lo, (int) ldc);
            }
        }
      if (done != NULL)
        done->func (0, m, done->data);
      return;
    }
#pragma omp parallel for schedule(dynamic, 1)
  for (gsize blk = 0; blk < blocks; blk++)
    {
      gsize lo = m * blk / blocks, hi = m * (blk + 1) / blocks;

      if (gather != NULL)
        gather_rows (gather, lo, hi, lda);
      cblas_sgemm (CblasRowMajor, ta, tb, (int) (hi - lo), (int) n, (int) k, 1.0f,
                   ta == CblasNoTrans ? a + lo * lda : a + lo, (int) lda, b, (int) ldb, 0.0f,
                   c + lo * ldc, (int) ldc);
      if (done != NULL)
        done->func (lo, hi, done->data);
    }
}

/* One row: z = f(z + b). */
static void
activate_row (EaselMlpActivation  act,
              float *restrict     z,
              const float        *b,
              guint               w)
{
  const float slope = (float) EASEL_MLP_LEAKY_SLOPE;

  switch (act)
    {
    case EASEL_MLP_SIGMOID:
      for (guint j = 0; j < w; j++)
        z[j] = 1.0f / (1.0f + expf (-(z[j] + b[j])));
      break;
    case EASEL_MLP_TANH:
      for (guint j = 0; j < w; j++)
        z[j] = tanhf (z[j] + b[j]);
      break;
    case EASEL_MLP_RELU:
#pragma omp simd
      for (guint j = 0; j < w; j++)
        {
          float v = z[j] + b[j];
          z[j] = v > 0.0f ? v : 0.0f;
        }
      break;
    case EASEL_MLP_LEAKY_RELU:
    default:
#pragma omp simd
      for (guint j = 0; j < w; j++)
        {
          float v = z[j] + b[j];
          z[j] = v > 0.0f ? v : slope * v;
        }
      break;
    }
}

/* One row: d ⊙= f'(z), written with the layer's output a = f(z). */
static void
activation_backward_row (EaselMlpActivation  act,
                         float *restrict     d,
                         const float        *a,
                         guint               w)
{
  const float slope = (float) EASEL_MLP_LEAKY_SLOPE;

  switch (act)
    {
    case EASEL_MLP_SIGMOID:
#pragma omp simd
      for (guint j = 0; j < w; j++)
        d[j] *= a[j] * (1.0f - a[j]);
      break;
    case EASEL_MLP_TANH:
#pragma omp simd
      for (guint j = 0; j < w; j++)
        d[j] *= 1.0f - a[j] * a[j];
      break;
    case EASEL_MLP_RELU:
#pragma omp simd
      for (guint j = 0; j < w; j++)
        d[j] = a[j] > 0.0f ? d[j] : 0.0f;
      break;
    case EASEL_MLP_LEAKY_RELU:
    default:
#pragma omp simd
      for (guint j = 0; j < w; j++)
        d[j] = a[j] > 0.0f ? d[j] : slope * d[j];
      break;
    }
}

/* Row by row, so that how a value is computed never depends on the threads. */
static void
activate (EaselMlpActivation  act,
          float              *z,
          const float        *b,
          gsize               n,
          guint               w)
{
#pragma omp parallel for schedule(static) if (n * w >= PAR_MIN_VALUES)
  for (gsize i = 0; i < n; i++)
    activate_row (act, z + i * w, b, w);
}

static void
activation_backward (EaselMlpActivation  act,
                     float              *d,
                     const float        *a,
                     gsize               n,
                     guint               w)
{
#pragma omp parallel for schedule(static) if (n * w >= PAR_MIN_VALUES)
  for (gsize i = 0; i < n; i++)
    activation_backward_row (act, d + i * w, a + i * w, w);
}

static void
add_bias (float       *z,
          const float *b,
          gsize        n,
          guint        w)
{
  for (gsize i = 0; i < n; i++)
    for (guint j = 0; j < w; j++)
      z[i * w + j] += b[j];
}

static inline double
softplus (double z)
{
  return z > 0 ? z + log1p (exp (-z)) : log1p (exp (z));
}

static inline double
sigmoid (double z)
{
  if (z >= 0)
    return 1.0 / (1.0 + exp (-z));
  else
    {
      double e = exp (z);
      return e / (1.0 + e);
    }
}

/* A hidden layer's activation, applied to each block of rows of z a W as it is ready. */
typedef struct
{
  EaselMlpActivation  act;
  float              *z;
  const float        *b;
  guint               w;
} Activation;

static void
activate_rows (gsize    lo,
               gsize    hi,
               gpointer data)
{
  const Activation *a = data;

  activate (a->act, a->z + lo * a->w, a->b, hi - lo, a->w);
}

static void sparse_forward (const EaselMlpNet *net,
                            EaselMlpWork      *work,
                            const Sparse      *sp,
                            const guint32     *idx,
                            gsize              n);

/* The forward pass; with 'gather', x (writable) first receives the batch's rows; with
 * 'sp', the first layer runs on the nonzeros of rows idx[0..n) of the data instead. */
static const float *
forward (const EaselMlpNet *net,
         EaselMlpWork      *work,
         const float       *x,
         gsize              n,
         const Gather      *gather,
         const Sparse      *sp,
         const guint32     *idx)
{
  const float *in = x;

  for (guint l = 0; l < net->n_layers; l++)
    {
      gsize fi = net->sizes[l], fo = net->sizes[l + 1];
      const float *w = net->params + net->offsets[l], *b = w + fi * fo;
      float *z = work->a[l];
      Activation act = { net->activation, z, b, (guint) fo };
      RowsDone done = { activate_rows, &act };

      if (l == 0 && sp != NULL)
        sparse_forward (net, work, sp, idx, n);
      else
        {
          product (CblasNoTrans, CblasNoTrans, n, fo, fi, in, fi, w, fo, z, fo,
                   l == 0 ? gather : NULL, l + 1 < net->n_layers ? &done : NULL);
          if (l + 1 == net->n_layers)
            add_bias (z, b, n, (guint) fo);
        }
      in = z;
    }
  return work->a[net->n_layers - 1];
}

const float *
easel_mlp_forward (const EaselMlpNet *net,
                   EaselMlpWork      *work,
                   const float       *x,
                   gsize              n)
{
  g_return_val_if_fail (n <= work->max_rows, NULL);
  return forward (net, work, x, n, NULL, NULL, NULL);
}

/* Σ_i loss_i at the logits z; 'delta' (if not NULL) gets ∂((1/n) Σ_i loss_i)/∂z.
 * 'scratch' holds one row of outputs. */
static double
output_loss (const EaselMlpNet *net,
             const float       *z,
             gsize              n,
             const float       *target,
             const gint32      *labels,
             float             *delta,
             double            *scratch)
{
  guint k = net->sizes[net->n_layers];
  double total = 0.0, inv_n = 1.0 / (double) n;

  switch (net->loss)
    {
    case EASEL_MLP_MSE:
      for (gsize i = 0; i < n; i++)
        {
          double r = (double) z[i] - target[i];
          total += r * r;
          if (delta != NULL)
            delta[i] = (float) (2.0 * r * inv_n);
        }
      break;
    case EASEL_MLP_MAE:
      for (gsize i = 0; i < n; i++)
        {
          double r = (double) z[i] - target[i];
          total += fabs (r);
          if (delta != NULL)
            delta[i] = (float) (r > 0 ? inv_n : r < 0 ? -inv_n : 0.0);
        }
      break;
    case EASEL_MLP_BCE:
      for (gsize i = 0; i < n; i++)
        {
          double v = z[i], t = target[i];
          total += softplus (v) - t * v;
          if (delta != NULL)
            delta[i] = (float) ((sigmoid (v) - t) * inv_n);
        }
      break;
    case EASEL_MLP_CROSS_ENTROPY:
    default:
      for (gsize i = 0; i < n; i++)
        {
          const float *row = z + i * k;
          guint y = (guint) labels[i];
          double lse;

          for (guint c = 0; c < k; c++)
            scratch[c] = row[c];
          lse = easel_softmax (scratch, k);
          total += lse - row[y];
          if (delta != NULL)
            for (guint c = 0; c < k; c++)
              delta[i * k + c] = (float) ((scratch[c] - (c == y ? 1.0 : 0.0)) * inv_n);
        }
      break;
    }
  return total;
}

/* gb = Σ_rows d, summed in double. */
static void
column_sums (const float *d,
             gsize        n,
             guint        w,
             double      *acc,
             float       *gb)
{
  memset (acc, 0, w * sizeof (double));
  for (gsize i = 0; i < n; i++)
    {
      const float *row = d + i * w;
#pragma omp simd
      for (guint j = 0; j < w; j++)
        acc[j] += row[j];
    }
  for (guint j = 0; j < w; j++)
    gb[j] = (float) acc[j];
}

#ifdef HAVE_AVX512_KERNELS
/* Whether this processor runs the AVX-512 kernels (the same ones on every thread). */
static gboolean
have_avx512 (void)
{
  static gsize once = 0;
  static gboolean have;

  if (g_once_init_enter (&once))
    {
      __builtin_cpu_init ();
      have = __builtin_cpu_supports ("avx512f") && __builtin_cpu_supports ("fma");
      g_once_init_leave (&once, 1);
    }
  return have;
}
#endif

/* A first layer on sparse inputs. Most values of a column are often one value: pixels are
 * mostly blank, a one-hot column mostly 0 (and standardised, that value is no longer 0).
 * With c the column's most common value and x = s + c, s is mostly zeros, and
 *   z = x W + b = s W + (c W + b),   ∂/∂W = xᵀ δ = sᵀ δ + c (1ᵀ δ),
 * so the first layer only needs the rows' nonzeros of s: one axpy of a row of W (forward)
 * or of δ (backward) per nonzero. Its inputs' own gradient is never needed. The kernels
 * read and write rows 'ws' apart, ws a multiple of 16 floats ≥ the layer's width w, in
 * memory aligned to 64 bytes: W is copied so, and its gradient summed so. */
struct _Sparse
{
  guint     p;
  float    *shift;      /* p: c */
  guint32  *shifted;    /* the columns whose c is not 0, and their c */
  float    *shift_val;
  guint     n_shifted;
  const float *x;       /* the data */
  gsize     ps;         /* p + 16 */
  guint32  *col;        /* a slot of ps for each row of a batch: its nonzeros' columns, */
  float    *val;        /* ascending, and values */
  gsize     ws;         /* the layer's width rounded up to 16 */
  float    *wpad;       /* p × ws: the layer's weights W, zeros beyond the width */
  float    *base;       /* ws: c W, for the current batch */
  guint     cols;       /* the weight gradient goes by blocks of this many inputs */
  guint     n_blocks;
  guint32  *blocks;     /* n_blocks + 1 for each slot: where each block's nonzeros begin,
                         * and their number */
  gboolean  avx512;
};

static void
sparse_free (Sparse *sp)
{
  if (sp == NULL)
    return;
  g_free (sp->shift);
  g_free (sp->shifted);
  g_free (sp->shift_val);
  g_free (sp->col);
  g_free (sp->val);
  g_free (sp->blocks);
  g_aligned_free (sp->wpad);
  g_aligned_free (sp->base);
  g_free (sp);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sparse, sparse_free)

/* out[0, w) = base + Σ_k val[k] rows[col[k]], each sum in the order of k; out may be base.
 * The columns go 128 at a time, each slice summed in registers. */
static void
combine_plain (const float   *base,
               const guint32 *col,
               const float   *val,
               gsize          nnz,
               const float   *rows,
               gsize          ws,
               float         *out,
               gsize          w)
{
  float acc[128];

  for (gsize c0 = 0; c0 < w; c0 += G_N_ELEMENTS (acc))
    {
      gsize cw = MIN (G_N_ELEMENTS (acc), w - c0);

      memcpy (acc, base + c0, cw * sizeof (float));
      for (gsize k = 0; k < nnz; k++)
        {
          const float *r = rows + (gsize) col[k] * ws + c0;
          float s = val[k];

          for (gsize t = 0; t < cw; t++)
            acc[t] += s * r[t];
        }
      memcpy (out + c0, acc, cw * sizeof (float));
    }
}

/* rows[col[k] − first][0, w) += val[k] d for every k, in the order of k. */
static void
scatter_plain (const float   *d,
               const guint32 *col,
               const float   *val,
               gsize          nnz,
               float         *rows,
               gsize          first,
               gsize          ws,
               gsize          w)
{
  for (gsize k = 0; k < nnz; k++)
    {
      float *restrict r = rows + (col[k] - first) * ws;
      float s = val[k];

      for (gsize t = 0; t < w; t++)
        r[t] += s * d[t];
    }
}

#ifdef HAVE_AVX512_KERNELS
/* The same with AVX-512, up to 8 vectors of 16 columns at a time in registers. */
#define AVX512 __attribute__ ((target ("avx512f,fma")))
#define AVX512_INLINE static inline __attribute__ ((always_inline, target ("avx512f,fma")))
#define AVX512_MASK(v, nv, last) ((v) + 1 < (nv) ? (__mmask16) 0xffff : (last))
/* A call for each number of vectors, so that the compiler keeps them all in registers. */
#define AVX512_BY_VECTORS(call, nv)  \
  switch (nv)                        \
    {                                \
    case 1: call (1); break;         \
    case 2: call (2); break;         \
    case 3: call (3); break;         \
    case 4: call (4); break;         \
    case 5: call (5); break;         \
    case 6: call (6); break;         \
    case 7: call (7); break;         \
    default: call (8); break;        \
    }

/* Of the last vector of out, only the columns in 'last' are written. */
AVX512_INLINE void
combine_avx512_slice (const float   *base,
                      const guint32 *col,
                      const float   *val,
                      gsize          nnz,
                      const float   *rows,
                      gsize          ws,
                      float         *out,
                      const int      nv,
                      __mmask16      last)
{
  __m512 acc[8];

#pragma GCC unroll 8
  for (int v = 0; v < nv; v++)
    acc[v] = _mm512_load_ps (base + 16 * v);
  for (gsize k = 0; k < nnz; k++)
    {
      const float *r = rows + (gsize) col[k] * ws;
      __m512 s = _mm512_set1_ps (val[k]);

#pragma GCC unroll 8
      for (int v = 0; v < nv; v++)
        acc[v] = _mm512_fmadd_ps (s, _mm512_load_ps (r + 16 * v), acc[v]);
    }
#pragma GCC unroll 8
  for (int v = 0; v < nv; v++)
    _mm512_mask_storeu_ps (out + 16 * v, AVX512_MASK (v, nv, last), acc[v]);
}

AVX512 static void
combine_avx512 (const float   *base,
                const guint32 *col,
                const float   *val,
                gsize          nnz,
                const float   *rows,
                gsize          ws,
                float         *out,
                gsize          w)
{
  for (gsize c0 = 0; c0 < ws; c0 += 128)
    {
      int nv = (int) (MIN ((gsize) 128, ws - c0) / 16);
      gsize rest = w - c0 - 16 * (gsize) (nv - 1);   /* columns in the last vector */
      __mmask16 last = (__mmask16) (rest >= 16 ? 0xffff : (1u << rest) - 1);

#define COMBINE(nv_) \
  combine_avx512_slice (base + c0, col, val, nnz, rows + c0, ws, out + c0, nv_, last)
      AVX512_BY_VECTORS (COMBINE, nv)
#undef COMBINE
    }
}

#endif

static void
combine (const Sparse  *sp,
         const float   *base,
         const guint32 *col,
         const float   *val,
         gsize          nnz,
         float         *out,
         gsize          w)
{
#ifdef HAVE_AVX512_KERNELS
  if (sp->avx512)
    {
      combine_avx512 (base, col, val, nnz, sp->wpad, sp->ws, out, w);
      return;
    }
#endif
  combine_plain (base, col, val, nnz, sp->wpad, sp->ws, out, w);
}

#ifdef HAVE_AVX512_KERNELS
AVX512_INLINE void
scatter_avx512_slice (const float   *d,
                      const guint32 *col,
                      const float   *val,
                      gsize          nnz,
                      float         *rows,
                      gsize          first,
                      gsize          ws,
                      const int      nv,
                      __mmask16      last)
{
  __m512 dv[8];

#pragma GCC unroll 8
  for (int v = 0; v < nv; v++)
    dv[v] = _mm512_maskz_loadu_ps (AVX512_MASK (v, nv, last), d + 16 * v);
  for (gsize k = 0; k < nnz; k++)
    {
      float *r = rows + (col[k] - first) * ws;
      __m512 s = _mm512_set1_ps (val[k]);

#pragma GCC unroll 8
      for (int v = 0; v < nv; v++)
        _mm512_store_ps (r + 16 * v, _mm512_fmadd_ps (s, dv[v], _mm512_load_ps (r + 16 * v)));
    }
}

AVX512 static void
scatter_avx512 (const float   *d,
                const guint32 *col,
                const float   *val,
                gsize          nnz,
                float         *rows,
                gsize          first,
                gsize          ws,
                gsize          w)
{
  for (gsize c0 = 0; c0 < ws; c0 += 128)
    {
      int nv = (int) (MIN ((gsize) 128, ws - c0) / 16);
      gsize rest = w - c0 - 16 * (gsize) (nv - 1);
      __mmask16 last = (__mmask16) (rest >= 16 ? 0xffff : (1u << rest) - 1);

#define SCATTER(nv_) \
  scatter_avx512_slice (d + c0, col, val, nnz, rows + c0, first, ws, nv_, last)
      AVX512_BY_VECTORS (SCATTER, nv)
#undef SCATTER
    }
}
#endif

/* The rows of the first layer's weight gradient for block 'blk' of inputs (in acc, ws
 * apart, already holding c (1ᵀ δ)) += Σ_i s_i δ_i over the n rows in the slots, in the
 * order of the rows. */
static void
block_gradient (const Sparse *sp,
                gsize         n,
                const float  *d,
                gsize         w,
                gsize         blk,
                float        *acc)
{
  gsize nb = sp->n_blocks;

  for (gsize i = 0; i < n; i++)
    {
      const guint32 *bl = sp->blocks + i * (nb + 1);
      gsize at = i * sp->ps + bl[blk], nnz = bl[blk + 1] - bl[blk];

      if (nnz == 0)
        continue;
#ifdef HAVE_AVX512_KERNELS
      if (sp->avx512)
        {
          scatter_avx512 (d + i * w, sp->col + at, sp->val + at, nnz, acc, blk * sp->cols,
                          sp->ws, w);
          continue;
        }
#endif
      scatter_plain (d + i * w, sp->col + at, sp->val + at, nnz, acc, blk * sp->cols, sp->ws,
                     w);
    }
}

/* Rows [lo, hi) of the first layer's weights (w wide) into sp->wpad. */
static void
sparse_copy_weights (const Sparse *sp,
                     const float  *weights,
                     gsize         lo,
                     gsize         hi,
                     gsize         w)
{
  for (gsize j = lo; j < hi; j++)
    memcpy (sp->wpad + j * sp->ws, weights + j * w, w * sizeof (float));
}

/* How to choose the first layer: EASEL_MLP_SPARSE=0 never runs it on the nonzeros, =1
 * always does and =plain always does without AVX-512 (for tests); otherwise it does when
 * the shifted inputs are sparse enough and their slots fit SPARSE_SLOT_BUDGET. */
static int
sparse_choice (void)
{
  const char *s = g_getenv ("EASEL_MLP_SPARSE");

  if (s == NULL || *s == '\0')
    return -1;
  return g_strcmp0 (s, "0") == 0 ? 0 : g_strcmp0 (s, "plain") == 0 ? 2 : 1;
}

/* What the first layer needs of the data's rows, with x (n × p) and a first layer 'width'
 * wide, for batches of up to 'max_rows' rows (its weights still to be copied in); NULL when
 * the rows are too dense for it to pay (choice −1) or when told so (choice 0). */
static Sparse *
sparse_new (const float *x,
            gsize        n,
            gsize        p,
            guint        width,
            gsize        max_rows,
            int          choice)
{
  g_autoptr(Sparse) sp = NULL;
  g_autofree float *cand = NULL;
  g_autofree guint32 *votes = NULL;
  gsize sample = MIN (n, (gsize) SHIFT_SAMPLE), nnz = 0;
  double max_density;

  if (choice == 0 || n == 0 || p == 0 || p > G_MAXUINT32)
    return NULL;
  sp = g_new0 (Sparse, 1);
  sp->x = x;
  sp->p = (guint) p;
#ifdef HAVE_AVX512_KERNELS
  sp->avx512 = choice != 2 && have_avx512 ();
#endif
  max_density = sp->avx512 ? SPARSE_MAX_DENSITY : SPARSE_MAX_DENSITY_PLAIN;

  /* c: of each column's majority value in evenly spaced rows (Boyer and Moore's vote, if
   * it has one there), its minimum, maximum and 0, the most common in those rows. Any c
   * gives the same network; a common one, fewer nonzeros. */
  sp->shift = g_new0 (float, p);
  cand = g_new0 (float, 3 * p);
  votes = g_new0 (guint32, 4 * p);
  for (gsize k = 0; k < sample; k++)
    {
      const float *row = x + (k * n / sample) * p;

      for (gsize j = 0; j < p; j++)
        {
          if (votes[j] == 0)
            {
              cand[j] = row[j];
              votes[j] = 1;
            }
          else if (row[j] == cand[j])
            votes[j]++;
          else
            votes[j]--;
          if (k == 0 || row[j] < cand[p + j])
            cand[p + j] = row[j];
          if (k == 0 || row[j] > cand[2 * p + j])
            cand[2 * p + j] = row[j];
        }
    }
  memset (votes, 0, 4 * p * sizeof (guint32));
  for (gsize k = 0; k < sample; k++)
    {
      const float *row = x + (k * n / sample) * p;

      for (gsize j = 0; j < p; j++)
        {
          votes[j] += row[j] == 0.0f;
          for (guint t = 0; t < 3; t++)
            votes[(t + 1) * p + j] += row[j] == cand[t * p + j];
        }
    }
  sp->shifted = g_new (guint32, p);
  sp->shift_val = g_new (float, p);
  for (gsize j = 0; j < p; j++)
    {
      guint best = 0;

      for (guint t = 1; t < 4; t++)
        if (votes[t * p + j] > votes[best * p + j])
          best = t;
      if (best > 0 && cand[(best - 1) * p + j] != 0.0f && isfinite (cand[(best - 1) * p + j]))
        {
          sp->shift[j] = cand[(best - 1) * p + j];
          sp->shifted[sp->n_shifted] = (guint32) j;
          sp->shift_val[sp->n_shifted++] = sp->shift[j];
        }
    }
  /* The fraction of nonzeros, in the same rows. */
  for (gsize k = 0; k < sample; k++)
    {
      const float *row = x + (k * n / sample) * p;

      for (gsize j = 0; j < p; j++)
        nnz += row[j] != sp->shift[j];
    }
  if (choice < 0 && (double) nnz > max_density * (double) sample * (double) p)
    return NULL;

  sp->ws = ((gsize) MAX (width, 1) + 15) / 16 * 16;
  sp->wpad = g_aligned_alloc0 (p * sp->ws, sizeof (float), 64);
  sp->base = g_aligned_alloc0 (sp->ws, sizeof (float), 64);
  /* blocks of a multiple of 16 inputs, for sparse_fill_avx512() */
  sp->cols = (guint) MAX ((gsize) 16, SPARSE_BLOCK_BYTES / (sp->ws * sizeof (float)) / 16 * 16);
  sp->n_blocks = (guint) ((p + sp->cols - 1) / sp->cols);
  sp->ps = p + 16;
  max_rows = MAX (max_rows, 1);
  /* Full batches of many rows: the compressed rows would cost more memory than they save. */
  if (choice < 0 &&
      (double) max_rows * (double) (sp->ps * (sizeof (guint32) + sizeof (float)) +
                                    (sp->n_blocks + 1) * sizeof (guint32)) > SPARSE_SLOT_BUDGET)
    return NULL;
  sp->col = g_new (guint32, max_rows * sp->ps);
  sp->val = g_new (float, max_rows * sp->ps);
  sp->blocks = g_new (guint32, max_rows * (sp->n_blocks + 1));
  return g_steal_pointer (&sp);
}

#ifdef HAVE_AVX512_KERNELS
/* sparse_fill() 16 inputs at a time: the nonzeros compressed in registers, then stored
 * whole (the slots have room for the 16 values past the last). Row 'next' is fetched
 * into the cache meanwhile. */
AVX512 static void
sparse_fill_avx512 (const Sparse *sp,
                    gsize         r,
                    gsize         i,
                    gsize         next)
{
  gsize p = sp->p, count = 0;
  const float *row = sp->x + r * p, *ahead = sp->x + next * p;
  guint32 *col = sp->col + i * sp->ps, *bl = sp->blocks + i * (sp->n_blocks + 1);
  float *val = sp->val + i * sp->ps;
  const __m512i step = _mm512_set1_epi32 (16);
  __m512i j16 = _mm512_setr_epi32 (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);

  for (gsize j = 0; j < p; j += 16)
    {
      __mmask16 in = (__mmask16) (p - j >= 16 ? 0xffff : (1u << (p - j)) - 1);
      __m512 v = _mm512_maskz_loadu_ps (in, row + j);
      __m512 c = _mm512_maskz_loadu_ps (in, sp->shift + j);
      __mmask16 nz = _mm512_mask_cmp_ps_mask (in, v, c, _CMP_NEQ_UQ);

      _mm_prefetch ((const char *) (ahead + j), _MM_HINT_T0);
      if (j % sp->cols == 0)
        bl[j / sp->cols] = (guint32) count;
      _mm512_storeu_ps (val + count, _mm512_maskz_compress_ps (nz, _mm512_sub_ps (v, c)));
      _mm512_storeu_si512 ((void *) (col + count), _mm512_maskz_compress_epi32 (nz, j16));
      count += (gsize) __builtin_popcount (nz);
      j16 = _mm512_add_epi32 (j16, step);
    }
  bl[sp->n_blocks] = (guint32) count;
}
#endif

/* Row r of the data into slot i: its nonzeros and where each block of inputs begins.
 * Without branches: each value is written, and kept if it is not c. */
static void
sparse_fill (const Sparse *sp,
             gsize         r,
             gsize         i,
             gsize         next)
{
  gsize p = sp->p, count = 0;
  const float *row = sp->x + r * p;
  guint32 *col = sp->col + i * sp->ps, *bl = sp->blocks + i * (sp->n_blocks + 1);
  float *val = sp->val + i * sp->ps;

#ifdef HAVE_AVX512_KERNELS
  if (sp->avx512)
    {
      sparse_fill_avx512 (sp, r, i, next);
      return;
    }
#endif
  (void) next;
  for (gsize blk = 0; blk < sp->n_blocks; blk++)
    {
      gsize hi = MIN (p, (blk + 1) * sp->cols);

      bl[blk] = (guint32) count;
      for (gsize j = blk * sp->cols; j < hi; j++)
        {
          col[count] = (guint32) j;
          val[count] = row[j] - sp->shift[j];
          count += row[j] != sp->shift[j];
        }
    }
  bl[sp->n_blocks] = (guint32) count;
}

/* The first layer's outputs for rows idx[0..n) of the data, into work->a[0]: each is
 * c W plus the row's terms in the order of its inputs. Their nonzeros stay in the slots
 * for sparse_backward(). */
static void
sparse_forward (const EaselMlpNet *net,
                EaselMlpWork      *work,
                const Sparse      *sp,
                const guint32     *idx,
                gsize              n)
{
  gsize fo = net->sizes[1], p = sp->p, nb = sp->n_blocks;
  const float *b = net->params + p * fo;
  float *z = work->a[0];
  gboolean hidden = net->n_layers > 1;

  /* c W, summed in the order of the columns */
  memset (sp->base, 0, sp->ws * sizeof (float));
  combine (sp, sp->base, sp->shifted, sp->shift_val, sp->n_shifted, sp->base, fo);
#pragma omp parallel for schedule(static) if (n * fo >= SPARSE_PAR_MIN)
  for (gsize i = 0; i < n; i++)
    {
      sparse_fill (sp, idx[i], i, idx[MIN (i + 1, n - 1)]);
      combine (sp, sp->base, sp->col + i * sp->ps, sp->val + i * sp->ps,
               sp->blocks[i * (nb + 1) + nb], z + i * fo, fo);
      if (hidden)
        activate_row (net->activation, z + i * fo, b, (guint) fo);
      else
        add_bias (z + i * fo, b, 1, (guint) fo);
    }
}

/* Optimisers */

EaselMlpOptim *
easel_mlp_optim_new (EaselMlpOptimizer kind,
                     double            learning_rate,
                     gsize             n)
{
  EaselMlpOptim *o = g_new0 (EaselMlpOptim, 1);

  o->kind = kind;
  o->learning_rate = learning_rate;
  o->n = n;
  if (kind != EASEL_MLP_SGD)
    o->m = g_new0 (float, MAX (n, 1));
  if (kind == EASEL_MLP_ADAM)
    o->v = g_new0 (float, MAX (n, 1));
  return o;
}

void
easel_mlp_optim_free (EaselMlpOptim *o)
{
  if (o == NULL)
    return;
  g_free (o->m);
  g_free (o->v);
  g_free (o);
}

/* Adam on θ[lo, hi). sqrtf() cannot be vectorised while it may set errno, so on x86-64
 * the bulk goes four at a time through SSE; both paths do the same operations in the same
 * order, and 'lo' and 'hi' are block boundaries that do not depend on the threads. */
static void
adam_block (float *restrict        theta,
            const float *restrict  g,
            float *restrict        m,
            float *restrict        v,
            gsize                  lo,
            gsize                  hi,
            float                  step,
            float                  unbias)
{
  const float b1 = (float) EASEL_MLP_ADAM_BETA1, b2 = (float) EASEL_MLP_ADAM_BETA2;
  const float c1 = 1.0f - b1, c2 = 1.0f - b2, eps = (float) EASEL_MLP_ADAM_EPS;
  gsize j = lo;

#ifdef __SSE2__
  {
    const __m128 vb1 = _mm_set1_ps (b1), vb2 = _mm_set1_ps (b2), vc1 = _mm_set1_ps (c1);
    const __m128 vc2 = _mm_set1_ps (c2), veps = _mm_set1_ps (eps);
    const __m128 vstep = _mm_set1_ps (step), vunbias = _mm_set1_ps (unbias);

    for (; j + 4 <= hi; j += 4)
      {
        __m128 gj = _mm_loadu_ps (g + j);
        __m128 mj = _mm_add_ps (_mm_mul_ps (vb1, _mm_loadu_ps (m + j)), _mm_mul_ps (vc1, gj));
        __m128 vj = _mm_add_ps (_mm_mul_ps (vb2, _mm_loadu_ps (v + j)),
                                _mm_mul_ps (vc2, _mm_mul_ps (gj, gj)));
        __m128 den = _mm_add_ps (_mm_mul_ps (_mm_sqrt_ps (vj), vunbias), veps);

        _mm_storeu_ps (m + j, mj);
        _mm_storeu_ps (v + j, vj);
        _mm_storeu_ps (theta + j, _mm_sub_ps (_mm_loadu_ps (theta + j),
                                              _mm_div_ps (_mm_mul_ps (vstep, mj), den)));
      }
  }
#endif
  for (; j < hi; j++)
    {
      m[j] = b1 * m[j] + c1 * g[j];
      v[j] = b2 * v[j] + c2 * (g[j] * g[j]);
      theta[j] -= step * m[j] / (sqrtf (v[j]) * unbias + eps);
    }
}

#ifdef HAVE_AVX512_KERNELS
/* adam_block() sixteen at a time, the last ones masked: every value goes through the
 * same operations. */
AVX512 static void
adam_block_avx512 (float *restrict        theta,
                   const float *restrict  g,
                   float *restrict        m,
                   float *restrict        v,
                   gsize                  lo,
                   gsize                  hi,
                   float                  step,
                   float                  unbias)
{
  const __m512 b1 = _mm512_set1_ps ((float) EASEL_MLP_ADAM_BETA1);
  const __m512 b2 = _mm512_set1_ps ((float) EASEL_MLP_ADAM_BETA2);
  const __m512 c1 = _mm512_set1_ps (1.0f - (float) EASEL_MLP_ADAM_BETA1);
  const __m512 c2 = _mm512_set1_ps (1.0f - (float) EASEL_MLP_ADAM_BETA2);
  const __m512 eps = _mm512_set1_ps ((float) EASEL_MLP_ADAM_EPS);
  const __m512 vstep = _mm512_set1_ps (step), vunbias = _mm512_set1_ps (unbias);

  for (gsize j = lo; j < hi; j += 16)
    {
      __mmask16 k = (__mmask16) (hi - j >= 16 ? 0xffff : (1u << (hi - j)) - 1);
      __m512 gj = _mm512_maskz_loadu_ps (k, g + j);
      __m512 mj = _mm512_fmadd_ps (b1, _mm512_maskz_loadu_ps (k, m + j), _mm512_mul_ps (c1, gj));
      __m512 vj = _mm512_fmadd_ps (b2, _mm512_maskz_loadu_ps (k, v + j),
                                   _mm512_mul_ps (c2, _mm512_mul_ps (gj, gj)));
      __m512 den = _mm512_fmadd_ps (_mm512_sqrt_ps (vj), vunbias, eps);

      _mm512_mask_storeu_ps (m + j, k, mj);
      _mm512_mask_storeu_ps (v + j, k, vj);
      _mm512_mask_storeu_ps (theta + j, k,
                             _mm512_sub_ps (_mm512_maskz_loadu_ps (k, theta + j),
                                            _mm512_div_ps (_mm512_mul_ps (vstep, mj), den)));
    }
}
#endif

/* One step's constants; Adam: θ −= η m̂ / (√v̂ + ε), m̂ = m / (1 − β₁ᵗ),
 * v̂ = v / (1 − β₂ᵗ), so the step is η / (1 − β₁ᵗ) and √v̂ = √v / √(1 − β₂ᵗ). */
typedef struct
{
  float step;
  float unbias;
} StepScale;

static StepScale
optim_begin (EaselMlpOptim *o)
{
  double t = (double) ++o->steps;
  StepScale sc = { (float) (o->learning_rate / (1.0 - pow (EASEL_MLP_ADAM_BETA1, t))),
                   (float) (1.0 / sqrt (1.0 - pow (EASEL_MLP_ADAM_BETA2, t))) };

  return sc;
}

/* The step on θ[lo, hi). */
static void
optim_range (EaselMlpOptim   *o,
             float           *theta,
             const float     *g,
             gsize            lo,
             gsize            hi,
             StepScale        sc)
{
  float lr = (float) o->learning_rate;
  float *m = o->m, *v = o->v;
  const float mu = (float) EASEL_MLP_MOMENTUM_MU, eps = (float) EASEL_MLP_ADAGRAD_EPS;

  switch (o->kind)
    {
    case EASEL_MLP_SGD:
#pragma omp simd
      for (gsize j = lo; j < hi; j++)
        theta[j] -= lr * g[j];
      break;
    case EASEL_MLP_MOMENTUM:
#pragma omp simd
      for (gsize j = lo; j < hi; j++)
        {
          m[j] = mu * m[j] + g[j];
          theta[j] -= lr * m[j];
        }
      break;
    case EASEL_MLP_ADAGRAD:
      for (gsize j = lo; j < hi; j++)
        {
          m[j] += g[j] * g[j];
          theta[j] -= lr * g[j] / (sqrtf (m[j]) + eps);
        }
      break;
    case EASEL_MLP_ADAM:
    default:
#ifdef HAVE_AVX512_KERNELS
      if (have_avx512 ())
        {
          adam_block_avx512 (theta, g, m, v, lo, hi, sc.step, sc.unbias);
          break;
        }
#endif
      adam_block (theta, g, m, v, lo, hi, sc.step, sc.unbias);
      break;
    }
}

/* The step on θ[lo, hi), in blocks that do not depend on the threads. */
static void
optim_blocks (EaselMlpOptim *o,
              float         *theta,
              const float   *g,
              gsize          lo,
              gsize          hi,
              StepScale      sc)
{
  gsize n_blocks = (hi - lo + OPTIM_BLOCK - 1) / OPTIM_BLOCK;

#pragma omp parallel for schedule(static) if (hi - lo >= PAR_MIN_OPTIM)
  for (gsize blk = 0; blk < n_blocks; blk++)
    optim_range (o, theta, g, lo + blk * OPTIM_BLOCK, MIN (hi, lo + (blk + 1) * OPTIM_BLOCK),
                 sc);
}

void
easel_mlp_optim_step (EaselMlpOptim *o,
                      float         *theta,
                      const float   *g)
{
  optim_blocks (o, theta, g, 0, o->n, optim_begin (o));
}

/* g += decay W on rows [lo, hi) of a layer 'width' wide. */
static void
add_decay (float       *g,
           const float *w,
           gsize        lo,
           gsize        hi,
           gsize        width,
           float        decay)
{
  for (gsize i = lo; i < hi; i++)
    {
      float *restrict gi = g + i * width;
      const float *wi = w + i * width;
#pragma omp simd
      for (gsize j = 0; j < width; j++)
        gi[j] += decay * wi[j];
    }
}

/* The first layer's weights, stepped by the optimiser as each block of their gradient is
 * ready (nothing later in the batch reads them). */
typedef struct
{
  EaselMlpNet   *net;
  float         *grad;
  EaselMlpOptim *optim;
  StepScale      scale;
  float          decay;
} FirstLayerStep;

static void
first_layer_step (gsize    lo,
                  gsize    hi,
                  gpointer data)
{
  FirstLayerStep *st = data;
  gsize width = st->net->sizes[1];

  if (st->decay > 0)
    add_decay (st->grad, st->net->params, lo, hi, width, st->decay);
  optim_range (st->optim, st->net->params, st->grad, lo * width, hi * width, st->scale);
}

#ifdef HAVE_AVX512_KERNELS
/* Adam on one row of w weights, theta, with its gradient g (aligned) plus decay theta,
 * the new weights also written to 'copy' (aligned). The same operations as
 * adam_block_avx512(). */
AVX512 static void
adam_row_avx512 (float *restrict        theta,
                 float *restrict        g,
                 float *restrict        m,
                 float *restrict        v,
                 gsize                  w,
                 StepScale              sc,
                 float                  decay,
                 float *restrict        copy)
{
  const __m512 b1 = _mm512_set1_ps ((float) EASEL_MLP_ADAM_BETA1);
  const __m512 b2 = _mm512_set1_ps ((float) EASEL_MLP_ADAM_BETA2);
  const __m512 c1 = _mm512_set1_ps (1.0f - (float) EASEL_MLP_ADAM_BETA1);
  const __m512 c2 = _mm512_set1_ps (1.0f - (float) EASEL_MLP_ADAM_BETA2);
  const __m512 eps = _mm512_set1_ps ((float) EASEL_MLP_ADAM_EPS);
  const __m512 vstep = _mm512_set1_ps (sc.step), vunbias = _mm512_set1_ps (sc.unbias);
  const __m512 vdecay = _mm512_set1_ps (decay);

  for (gsize j = 0; j < w; j += 16)
    {
      __mmask16 k = (__mmask16) (w - j >= 16 ? 0xffff : (1u << (w - j)) - 1);
      __m512 tj = _mm512_maskz_loadu_ps (k, theta + j);
      __m512 gj = decay > 0 ? _mm512_fmadd_ps (vdecay, tj, _mm512_load_ps (g + j))
                            : _mm512_load_ps (g + j);
      __m512 mj = _mm512_fmadd_ps (b1, _mm512_maskz_loadu_ps (k, m + j), _mm512_mul_ps (c1, gj));
      __m512 vj = _mm512_fmadd_ps (b2, _mm512_maskz_loadu_ps (k, v + j),
                                   _mm512_mul_ps (c2, _mm512_mul_ps (gj, gj)));
      __m512 den = _mm512_fmadd_ps (_mm512_sqrt_ps (vj), vunbias, eps);

      tj = _mm512_sub_ps (tj, _mm512_div_ps (_mm512_mul_ps (vstep, mj), den));
      _mm512_mask_storeu_ps (m + j, k, mj);
      _mm512_mask_storeu_ps (v + j, k, vj);
      _mm512_mask_storeu_ps (theta + j, k, tj);
      _mm512_mask_store_ps (copy + j, k, tj);
    }
}
#endif

/* The first layer's weight gradient sᵀ δ + c (1ᵀ δ), plus the decay, for the n rows that
 * sparse_forward() saw, by blocks of inputs fixed by the shape: their rows of the
 * gradient, summed aligned in a buffer of the thread, stay in cache while each row of δ is
 * added where the data's row has nonzeros in the block, in the order of the rows. Each
 * block is then stepped by the optimiser, if any (and copied for the next
 * sparse_forward()). Needs the layer's bias gradient Σ_rows δ in place. */
static void
sparse_backward (const EaselMlpNet *net,
                 const Sparse      *sp,
                 gsize              n,
                 const float       *d,
                 float             *grad,
                 FirstLayerStep    *first)
{
  gsize p = sp->p, fo = net->sizes[1], nb = sp->n_blocks, ws = sp->ws;
  const float *gb = grad + p * fo;

#pragma omp parallel if (n * fo >= SPARSE_PAR_MIN && nb > 1)
  {
    float *acc = g_aligned_alloc (sp->cols * ws, sizeof (float), 64);

    /* The same blocks on the same thread at every batch: their weights and the
     * optimiser's moments stay in its cache; every other block, so that the sparse and
     * the dense blocks are shared out. */
#pragma omp for schedule(static, 1)
    for (gsize blk = 0; blk < nb; blk++)
      {
        gsize lo = blk * sp->cols, hi = MIN (p, lo + sp->cols);

        for (gsize j = lo; j < hi; j++)
          {
            float *restrict a = acc + (j - lo) * ws;
            float c = sp->shift[j];
#pragma omp simd
            for (gsize t = 0; t < fo; t++)
              a[t] = c * gb[t];
            /* the padding too: whole vectors are read from it */
            for (gsize t = fo; t < ws; t++)
              a[t] = 0.0f;
          }
        block_gradient (sp, n, d, fo, blk, acc);
#ifdef HAVE_AVX512_KERNELS
        if (sp->avx512 && first->optim != NULL && first->optim->kind == EASEL_MLP_ADAM)
          {
            /* Adam straight from the buffer, into W and its copy */
            float *theta = net->params, *m = first->optim->m, *v = first->optim->v;

            for (gsize j = lo; j < hi; j++)
              adam_row_avx512 (theta + j * fo, acc + (j - lo) * ws, m + j * fo, v + j * fo, fo,
                               first->scale, first->decay, sp->wpad + j * ws);
            continue;
          }
#endif
        for (gsize j = lo; j < hi; j++)
          memcpy (grad + j * fo, acc + (j - lo) * ws, fo * sizeof (float));
        if (first->optim != NULL)
          {
            first_layer_step (lo, hi, first);
            sparse_copy_weights (sp, net->params, lo, hi, fo);
          }
        else if (first->decay > 0)
          add_decay (grad, net->params, lo, hi, fo, first->decay);
      }
    g_aligned_free (acc);
  }
}

/* easel_mlp_batch(), the rows of x optionally gathered on the way, or with 'sp', rows
 * idx[0..n) of the data and no x (see forward()); with 'optim', the optimiser's step taken
 * as well. */
static double
batch (const EaselMlpNet *net,
       EaselMlpWork      *work,
       const float       *x,
       gsize              n,
       const Gather      *gather,
       const float       *target,
       const gint32      *labels,
       double             l2,
       float             *grad,
       EaselMlpOptim     *optim,
       const Sparse      *sp,
       const guint32     *idx)
{
  float *d = work->delta[0];
  float decay = (float) (l2 / (double) MAX (n, 1));
  const float *z;
  double total;
  FirstLayerStep first = { (EaselMlpNet *) net, grad, optim, { 0, 0 }, decay };
  RowsDone first_done = { first_layer_step, &first };

  g_return_val_if_fail (n <= work->max_rows, NAN);
  if (n == 0)
    {
      if (grad != NULL)
        memset (grad, 0, net->n_params * sizeof (float));
      return 0.0;
    }
  z = forward (net, work, x, n, gather, sp, idx);
  total = output_loss (net, z, n, target, labels, grad != NULL ? d : NULL, work->colsum);
  if (grad == NULL)
    return total;
  if (optim != NULL)
    first.scale = optim_begin (optim);

  for (guint l = net->n_layers; l-- > 0;)
    {
      gsize fi = net->sizes[l], fo = net->sizes[l + 1];
      const float *in = l == 0 ? x : work->a[l - 1];
      const float *w = net->params + net->offsets[l];
      float *gw = grad + net->offsets[l], *gb = gw + fi * fo;

      /* ∂/∂W = inᵀ δ + (l2 / n) W, ∂/∂b = Σ_rows δ */
      if (l == 0 && sp != NULL)
        {
          column_sums (d, n, (guint) fo, work->colsum, gb);
          sparse_backward (net, sp, n, d, grad, &first);
          continue;
        }
      product (CblasTrans, CblasNoTrans, fi, fo, n, in, fi, d, fo, gw, fo, NULL,
               l == 0 && optim != NULL ? &first_done : NULL);
      if (l2 > 0 && !(l == 0 && optim != NULL))
        {
#pragma omp parallel for schedule(static) if (fi * fo >= PAR_MIN_VALUES)
          for (gsize i = 0; i < fi; i++)
            add_decay (gw, w, i, i + 1, fo, decay);
        }
      column_sums (d, n, (guint) fo, work->colsum, gb);
      if (l > 0)
        {
          /* δ of the layer below: δ Wᵀ ⊙ f'(its output) */
          float *below = d == work->delta[0] ? work->delta[1] : work->delta[0];
          product (CblasNoTrans, CblasTrans, n, fi, fo, d, fo, w, fo, below, fi, NULL, NULL);
          activation_backward (net->activation, below, work->a[l - 1], n, (guint) fi);
          d = below;
        }
    }
  if (optim != NULL)
    {
      /* The rest: the first layer's biases and every later layer. */
      gsize first_weights = (gsize) net->sizes[0] * net->sizes[1];
      optim_blocks (optim, net->params, grad, first_weights, net->n_params, first.scale);
    }
  return total;
}

double
easel_mlp_batch (const EaselMlpNet *net,
                 EaselMlpWork      *work,
                 const float       *x,
                 gsize              n,
                 const float       *target,
                 const gint32      *labels,
                 double             l2,
                 float             *grad)
{
  return batch (net, work, x, n, NULL, target, labels, l2, grad, NULL, NULL, NULL);
}

/* The algorithm */

static void
mlp_free (gpointer state)
{
  Mlp *m = state;

  easel_mlp_net_free (m->net);
  g_free (m);
}

static const char *const loss_choices[] = {
  NC_("parameter choice", "auto"), NC_("parameter choice", "mse"),
  NC_("parameter choice", "mae"), NC_("parameter choice", "bce"),
  NC_("parameter choice", "cross_entropy"), NULL
};

static gboolean
choose_loss (const EaselFitData  *data,
             guint                choice,
             EaselMlpLoss        *loss,
             GError             **error)
{
  const char *name = loss_choices[choice];

  if (choice == LOSS_AUTO)
    {
      *loss = data->problem == EASEL_PROBLEM_REGRESSION ? EASEL_MLP_MSE
              : data->problem == EASEL_PROBLEM_BINARY   ? EASEL_MLP_BCE
                                                        : EASEL_MLP_CROSS_ENTROPY;
      return TRUE;
    }
  *loss = (EaselMlpLoss) (choice - 1);
  if (data->problem == EASEL_PROBLEM_REGRESSION &&
      (*loss == EASEL_MLP_BCE || *loss == EASEL_MLP_CROSS_ENTROPY))
    g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                 "Parameter “loss” of mlp is %s, a loss for classes, but the target is a "
                 "number: use mse, mae or auto.", name);
  else if (data->problem != EASEL_PROBLEM_REGRESSION &&
           (*loss == EASEL_MLP_MSE || *loss == EASEL_MLP_MAE))
    g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                 "Parameter “loss” of mlp is %s, a loss for numbers, but the target has "
                 "classes: use %s or auto.", name,
                 data->problem == EASEL_PROBLEM_BINARY ? "bce, cross_entropy" : "cross_entropy");
  else if (data->problem == EASEL_PROBLEM_MULTICLASS && *loss == EASEL_MLP_BCE)
    g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                 "Parameter “loss” of mlp is bce, a loss for two classes, but the target has "
                 "%u: use cross_entropy or auto.", data->n_classes);
  else
    return TRUE;
  return FALSE;
}

/* Validation rows for early stopping: a seeded shuffle, then the first 10 % (rounded) of
 * each class (of all rows for numbers) are held out. */
static void
split_rows (const EaselFitData *data,
            EaselRng           *rng,
            guint32            *train,
            gsize              *n_train,
            guint32            *valid,
            gsize              *n_valid)
{
  gsize n = data->n;
  guint k = data->labels != NULL ? MAX (data->n_classes, 1) : 1;
  g_autofree guint32 *order = g_new (guint32, MAX (n, 1));
  g_autofree gsize *count = g_new0 (gsize, k);
  g_autofree gsize *quota = g_new0 (gsize, k);

  for (gsize i = 0; i < n; i++)
    {
      order[i] = (guint32) i;
      count[data->labels != NULL ? data->labels[i] : 0]++;
    }
  easel_rng_shuffle (rng, order, n);
  for (guint c = 0; c < k; c++)
    quota[c] = (gsize) floor (VALID_FRACTION * (double) count[c] + 0.5);
  *n_train = *n_valid = 0;
  for (gsize i = 0; i < n; i++)
    {
      guint32 r = order[i];
      guint c = data->labels != NULL ? (guint) data->labels[r] : 0;

      if (quota[c] > 0)
        {
          quota[c]--;
          valid[(*n_valid)++] = r;
        }
      else
        train[(*n_train)++] = r;
    }
}

/* The targets of rows idx[0..rows), side by side. */
static void
gather_targets (const EaselFitData *data,
                const float        *target,
                const guint32      *idx,
                gsize               rows,
                float              *tb,
                gint32             *lb)
{
  for (gsize i = 0; i < rows; i++)
    if (target != NULL)
      tb[i] = target[idx[i]];
    else
      lb[i] = data->labels[idx[i]];
}

/* Mean loss over the validation rows, by blocks. */
static double
validation_loss (const EaselMlpNet  *net,
                 EaselMlpWork       *work,
                 const EaselFitData *data,
                 const float        *target,
                 const guint32      *valid,
                 gsize               n_valid,
                 float              *xb,
                 float              *tb,
                 gint32             *lb)
{
  double total = 0.0;

  for (gsize start = 0; start < n_valid; start += work->max_rows)
    {
      gsize rows = MIN (work->max_rows, n_valid - start);
      Gather g = { data->x, valid + start, xb };

      gather_targets (data, target, valid + start, rows, tb, lb);
      total += batch (net, work, xb, rows, &g, tb, lb, 0.0, NULL, NULL, NULL, NULL);
    }
  return total / (double) n_valid;
}

static gpointer
mlp_fit (const EaselFitData    *data,
         const double          *params,
         const EaselFitContext *context,
         GError               **error)
{
  gsize n = data->n, p = data->p, n_train = n, n_valid = 0, m, cap;
  guint n_hidden = 1, epochs = (guint) params[PARAM_EPOCHS];
  static const guint default_hidden = DEFAULT_HIDDEN;
  const guint *hidden = &default_hidden;
  EaselMlpLoss loss;
  double l2 = params[PARAM_L2], scale = 1.0, best = INFINITY;
  gboolean early = params[PARAM_EARLY_STOPPING] != 0, direct;
  g_autofree float *target = NULL;
  g_autofree guint32 *train = NULL;
  g_autofree guint32 *valid = NULL;
  g_autofree float *xb = NULL;
  g_autofree float *tb = NULL;
  g_autofree gint32 *lb = NULL;
  g_autofree float *grad = NULL;
  g_autofree float *best_params = NULL;
  g_autoptr(EaselMlpWork) work = NULL;
  g_autoptr(EaselMlpOptim) optim = NULL;
  g_autoptr(Sparse) sp = NULL;
  guint since_best = 0, outputs;
  EaselRng rng, init_rng, split_rng, shuffle_rng;
  Mlp *model;

  if (context->params != NULL)
    hidden = easel_params_get_int_list (context->params, "hidden", &n_hidden);
  if (!choose_loss (data, (guint) params[PARAM_LOSS], &loss, error))
    return NULL;
  if (n == 0)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_EMPTY, "There are no rows to train the mlp on.");
      return NULL;
    }
  easel_blas_init ();
  easel_rng_init (&rng, context->seed);
  easel_rng_fork (&rng, 0, &init_rng);
  easel_rng_fork (&rng, 1, &split_rng);
  easel_rng_fork (&rng, 2, &shuffle_rng);

  model = g_new0 (Mlp, 1);
  model->y_mean = 0.0;
  model->y_std = 1.0;
  outputs = loss == EASEL_MLP_CROSS_ENTROPY ? data->n_classes : 1;
  model->net = easel_mlp_net_new ((guint) p, hidden, n_hidden, outputs,
                                  (EaselMlpActivation) params[PARAM_ACTIVATION], loss);
  easel_mlp_net_init (model->net, easel_rng_next (&init_rng));

  /* Targets: numbers standardised (losses reported back in their units), classes 0/1
   * for bce, labels for cross_entropy. */
  if (data->problem == EASEL_PROBLEM_REGRESSION)
    {
      double sum = 0.0, ss = 0.0;

      for (gsize i = 0; i < n; i++)
        sum += data->y[i];
      model->y_mean = sum / (double) n;
      for (gsize i = 0; i < n; i++)
        ss += (data->y[i] - model->y_mean) * (data->y[i] - model->y_mean);
      model->y_std = sqrt (ss / (double) n);
      if (!(model->y_std > 0) || !isfinite (model->y_std))
        model->y_std = 1.0;
      target = g_new (float, n);
      for (gsize i = 0; i < n; i++)
        target[i] = (float) ((data->y[i] - model->y_mean) / model->y_std);
      scale = loss == EASEL_MLP_MSE ? model->y_std * model->y_std : model->y_std;
    }
  else if (loss == EASEL_MLP_BCE)
    {
      target = g_new (float, n);
      for (gsize i = 0; i < n; i++)
        target[i] = data->labels[i] == 1 ? 1.0f : 0.0f;
    }

  train = g_new (guint32, n);
  if (early)
    {
      valid = g_new (guint32, n);
      split_rows (data, &split_rng, train, &n_train, valid, &n_valid);
      if (n_valid == 0 || n_train == 0)
        early = FALSE;   /* too few rows to hold any out */
    }
  if (!early)
    {
      n_train = n;
      n_valid = 0;
      for (gsize i = 0; i < n; i++)
        train[i] = (guint32) i;
    }

  /* 0: full batch; the whole training set as it lies when nothing is held out. */
  m = params[PARAM_BATCH_SIZE] == 0 ? n_train : MIN ((gsize) params[PARAM_BATCH_SIZE], n_train);
  direct = m == n && n_valid == 0;
  cap = MAX (m, MIN ((gsize) EVAL_ROWS, n_valid));
  work = easel_mlp_work_new (model->net, cap);
  sp = sparse_new (data->x, n, p, model->net->sizes[1], m, sparse_choice ());
  if (sp != NULL)
    sparse_copy_weights (sp, model->net->params, 0, p, model->net->sizes[1]);
  if (!direct)
    xb = g_new (float, MAX (cap * p, 1));
  if (!direct || sp != NULL)
    {
      if (target != NULL)
        tb = g_new (float, cap);
      else
        lb = g_new (gint32, cap);
    }
  grad = g_new (float, model->net->n_params);
  optim = easel_mlp_optim_new ((EaselMlpOptimizer) params[PARAM_OPTIMIZER],
                               params[PARAM_LEARNING_RATE], model->net->n_params);
  if (early)
    best_params = g_memdup2 (model->net->params, model->net->n_params * sizeof (float));

  for (guint epoch = 0; epoch < epochs; epoch++)
    {
      double total = 0.0, train_loss, valid_loss = NAN;
      char message[64];

      g_snprintf (message, sizeof message, _("Epoch %u of %u"), epoch + 1, epochs);
      if (m < n_train)
        easel_rng_shuffle (&shuffle_rng, train, n_train);
      for (gsize start = 0; start < n_train; start += m)
        {
          gsize rows = MIN (m, n_train - start);

          if (easel_fit_check_cancelled (context, error))
            {
              mlp_free (model);
              return NULL;
            }
          if (sp != NULL)
            {
              gather_targets (data, target, train + start, rows, tb, lb);
              total += batch (model->net, work, NULL, rows, NULL, tb, lb, l2, grad, optim, sp,
                              train + start);
            }
          else if (direct)
            total += batch (model->net, work, data->x, n, NULL, target, data->labels, l2,
                            grad, optim, NULL, NULL);
          else
            {
              Gather g = { data->x, train + start, xb };

              gather_targets (data, target, train + start, rows, tb, lb);
              total += batch (model->net, work, xb, rows, &g, tb, lb, l2, grad, optim, NULL,
                              NULL);
            }
          easel_progress_report (context->progress,
                                 (epoch + (double) (start + rows) / (double) n_train) / epochs,
                                 message);
        }
      train_loss = total / (double) n_train;
      if (!isfinite (train_loss))
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                       "The mlp diverged in epoch %u: its loss is no longer a finite number. "
                       "Try a smaller “learning_rate”.", epoch + 1);
          mlp_free (model);
          return NULL;
        }
      model->epochs_run = epoch + 1;
      if (!early)
        model->best_epoch = epoch + 1;
      else
        {
          valid_loss = validation_loss (model->net, work, data, target, valid, n_valid,
                                        xb, tb, lb);
          if (valid_loss < best - STOP_TOL)
            since_best = 0;
          else
            since_best++;
          if (valid_loss < best)
            {
              best = valid_loss;
              model->best_epoch = epoch + 1;
              memcpy (best_params, model->net->params, model->net->n_params * sizeof (float));
            }
        }
      if (context->monitor != NULL)
        context->monitor (epoch + 1, train_loss * scale, valid_loss * scale,
                          context->monitor_data);
      if (early && since_best >= PATIENCE)
        break;
    }
  if (early)
    {
      /* Keep the weights of the best validation loss. */
      memcpy (model->net->params, best_params, model->net->n_params * sizeof (float));
    }
  easel_progress_report (context->progress, 1.0, NULL);
  return model;
}

/* The network's outputs as Easel's predictions: numbers in the target's units, or the
 * probability of each class. */
static void
write_outputs (const Mlp   *m,
               const float *z,
               gsize        rows,
               double      *out,
               double      *scratch)
{
  guint k = m->net->sizes[m->net->n_layers];

  switch (m->net->loss)
    {
    case EASEL_MLP_MSE:
    case EASEL_MLP_MAE:
      for (gsize i = 0; i < rows; i++)
        out[i] = (double) z[i] * m->y_std + m->y_mean;
      break;
    case EASEL_MLP_BCE:
      for (gsize i = 0; i < rows; i++)
        {
          out[2 * i] = sigmoid (-(double) z[i]);
          out[2 * i + 1] = sigmoid (z[i]);
        }
      break;
    case EASEL_MLP_CROSS_ENTROPY:
    default:
      for (gsize i = 0; i < rows; i++)
        {
          for (guint c = 0; c < k; c++)
            scratch[c] = z[i * k + c];
          easel_softmax (scratch, k);
          memcpy (out + i * k, scratch, k * sizeof (double));
        }
      break;
    }
}

static gboolean
mlp_predict (gconstpointer  state,
             const float   *x,
             gsize          n,
             double        *out,
             GCancellable  *cancellable,
             GError       **error)
{
  const Mlp *m = state;
  const EaselMlpNet *net = m->net;
  guint p = net->sizes[0], k = net->sizes[net->n_layers];
  guint width = net->loss == EASEL_MLP_BCE ? 2 : k;
  gsize n_blocks = (n + EVAL_ROWS - 1) / EVAL_ROWS;
  gint cancelled = 0;

  easel_blas_init ();
#pragma omp parallel if (n_blocks > 1)
  {
    g_autoptr(EaselMlpWork) work = easel_mlp_work_new (net, MIN (n, (gsize) EVAL_ROWS));
    g_autofree double *scratch = g_new (double, k);

#pragma omp for schedule(dynamic, 1)
    for (gsize blk = 0; blk < n_blocks; blk++)
      {
        gsize r0 = blk * EVAL_ROWS, rows = MIN ((gsize) EVAL_ROWS, n - r0);
        const float *z;

        if (g_atomic_int_get (&cancelled) || g_cancellable_is_cancelled (cancellable))
          {
            g_atomic_int_set (&cancelled, 1);
            continue;
          }
        z = easel_mlp_forward (net, work, x + r0 * p, rows);
        write_outputs (m, z, rows, out + r0 * width, scratch);
      }
  }
  if (cancelled)
    return !g_cancellable_set_error_if_cancelled (cancellable, error);
  return TRUE;
}

static void
mlp_save (gconstpointer    state,
          EaselBlobWriter *w)
{
  const Mlp *m = state;
  const EaselMlpNet *net = m->net;

  easel_blob_put_u32 (w, STATE_VERSION);
  easel_blob_put_u32 (w, net->n_layers);
  for (guint l = 0; l <= net->n_layers; l++)
    easel_blob_put_u32 (w, net->sizes[l]);
  easel_blob_put_u8 (w, (guint8) net->activation);
  easel_blob_put_u8 (w, (guint8) net->loss);
  easel_blob_put_f64 (w, m->y_mean);
  easel_blob_put_f64 (w, m->y_std);
  easel_blob_put_f32_array (w, net->params, net->n_params);
  easel_blob_put_u32 (w, m->epochs_run);
  easel_blob_put_u32 (w, m->best_epoch);
}

static gpointer
mlp_load (EaselBlobReader *r,
          guint            p,
          guint            n_classes,
          EaselProblem     problem)
{
  guint32 version, n_layers, sizes[EASEL_PARAM_LIST_MAX + 2], epochs_run, best_epoch;
  guint8 activation, loss;
  double y_mean, y_std;
  gsize n_params = 0;
  g_autofree float *params = NULL;
  gboolean fits;
  Mlp *m;

  if (!easel_blob_get_u32_range (r, STATE_VERSION, STATE_VERSION, "the mlp's version",
                                 &version) ||
      !easel_blob_get_u32_range (r, 1, EASEL_PARAM_LIST_MAX + 1, "the mlp's number of layers",
                                 &n_layers) ||
      !easel_blob_get_u32_range (r, p, p, "the mlp's number of inputs", &sizes[0]))
    return NULL;
  for (guint l = 1; l < n_layers; l++)
    if (!easel_blob_get_u32_range (r, 1, EASEL_MLP_MAX_UNITS, "the size of a hidden layer",
                                   &sizes[l]))
      return NULL;
  if (!easel_blob_get_u32_range (r, 1, MAX (n_classes, 1), "the mlp's number of outputs",
                                 &sizes[n_layers]) ||
      !easel_blob_get_u8 (r, &activation) || !easel_blob_get_u8 (r, &loss) ||
      !easel_blob_get_f64 (r, &y_mean) || !easel_blob_get_f64 (r, &y_std))
    return NULL;
  if (problem == EASEL_PROBLEM_REGRESSION)
    fits = (loss == EASEL_MLP_MSE || loss == EASEL_MLP_MAE) && sizes[n_layers] == 1 &&
           n_classes == 0;
  else if (loss == EASEL_MLP_BCE)
    fits = problem == EASEL_PROBLEM_BINARY && n_classes == 2 && sizes[n_layers] == 1;
  else
    fits = loss == EASEL_MLP_CROSS_ENTROPY && n_classes >= 2 && sizes[n_layers] == n_classes;
  if (!fits || activation > EASEL_MLP_LEAKY_RELU)
    {
      easel_blob_fail (r, "the mlp's output layer or activation does not match its target");
      return NULL;
    }
  if (!isfinite (y_mean) || !isfinite (y_std) || !(y_std > 0))
    {
      easel_blob_fail (r, "the mlp's target scale is invalid");
      return NULL;
    }
  for (guint l = 0; l < n_layers; l++)
    n_params += ((gsize) sizes[l] + 1) * sizes[l + 1];
  /* The reader refuses an array longer than the bytes left, before allocating it. */
  if (!easel_blob_get_f32_array (r, n_params, &params) ||
      !easel_blob_get_u32 (r, &epochs_run) ||
      !easel_blob_get_u32_range (r, 0, epochs_run, "the mlp's best epoch", &best_epoch))
    return NULL;

  m = g_new0 (Mlp, 1);
  m->net = easel_mlp_net_new (p, sizes + 1, n_layers - 1, sizes[n_layers],
                              (EaselMlpActivation) activation, (EaselMlpLoss) loss);
  g_assert (m->net->n_params == n_params);
  g_free (m->net->params);
  m->net->params = g_steal_pointer (&params);
  m->y_mean = y_mean;
  m->y_std = y_std;
  m->epochs_run = epochs_run;
  m->best_epoch = best_epoch;
  return m;
}

static const char *const activation_choices[] = {
  NC_("parameter choice", "sigmoid"), NC_("parameter choice", "tanh"),
  NC_("parameter choice", "relu"), NC_("parameter choice", "leaky_relu"), NULL
};
static const char *const optimizer_choices[] = {
  NC_("parameter choice", "sgd"), NC_("parameter choice", "momentum"),
  NC_("parameter choice", "adagrad"), NC_("parameter choice", "adam"), NULL
};
static const char *const boolean_choices[] = {
  NC_("parameter choice", "false"), NC_("parameter choice", "true"), NULL
};

static const EaselParamSpec mlp_params[] = {
  { "hidden", EASEL_PARAM_INT_LIST, DEFAULT_HIDDEN, 1, EASEL_MLP_MAX_UNITS, 0, NULL,
    N_("The hidden layers and their numbers of units, e.g. 64,32 for two layers: more units "
       "and layers can learn more complicated patterns but need more rows and time.") },
  { "activation", EASEL_PARAM_CHOICE, EASEL_MLP_RELU, 0, 0, 0, activation_choices,
    N_("What each hidden unit does to its weighted sum so that the network can bend: relu "
       "keeps positive values and zeroes the rest, leaky_relu keeps a small slope below zero, "
       "sigmoid and tanh squash it into (0, 1) and (−1, 1).") },
  { "loss", EASEL_PARAM_CHOICE, LOSS_AUTO, 0, 0, 0, loss_choices,
    N_("What training minimises: cross_entropy (classes) and bce (two classes) punish "
       "confident wrong probabilities, mse the squared and mae the absolute errors of numbers; "
       "auto picks the one that fits the target.") },
  { "optimizer", EASEL_PARAM_CHOICE, EASEL_MLP_ADAM, 0, 0, 0, optimizer_choices,
    N_("How each step follows the gradient: sgd goes straight downhill, momentum keeps part of "
       "the previous step's speed, adagrad shrinks the steps of weights that have moved a lot, "
       "and adam adapts a step size for every weight.") },
  { "batch_size", EASEL_PARAM_INT, 200, 1, 1e9, EASEL_PARAM_ZERO_IS_NONE, NULL,
    N_("How many rows each step averages the gradient over: 1 is stochastic gradient descent "
       "(noisy, many steps), none (0) uses all rows at once (full-batch gradient descent), and "
       "sizes in between are mini-batches.") },
  { "learning_rate", EASEL_PARAM_DOUBLE, 1e-3, 0.0, 10.0,
    EASEL_PARAM_MIN_EXCLUSIVE | EASEL_PARAM_LOG_SCALE, NULL,
    N_("How far each step moves the weights: too small learns slowly, too large overshoots so "
       "the loss jumps about or blows up.") },
  { "epochs", EASEL_PARAM_INT, 200, 1, 100000, 0, NULL,
    N_("How many times training passes over all the training rows (fewer when early stopping "
       "ends it).") },
  { "l2", EASEL_PARAM_DOUBLE, 1e-4, 0.0, 1e6, 0, NULL,
    N_("Weight decay: a penalty on large weights (scikit-learn's alpha) that keeps the network "
       "smoother and less prone to memorising the training rows.") },
  { "early_stopping", EASEL_PARAM_CHOICE, 0, 0, 0, 0, boolean_choices,
    /* xgettext:no-c-format */
    N_("Hold out 10% of the training rows and stop when their loss has not improved for 10 "
       "epochs, keeping the best weights, so that the network stops before it overfits.") },
};

/* The epoch whose weights the model kept (the last one without early stopping). */
static guint
mlp_n_iterations (gconstpointer state)
{
  const Mlp *m = state;

  return m->best_epoch;
}

static const EaselAlgorithmOps mlp_ops = {
  mlp_fit, mlp_predict, NULL, mlp_save, mlp_load, mlp_free, mlp_n_iterations,
};

const EaselAlgorithm easel_algorithm_mlp = {
  "mlp",
  N_("Neural network"),
  N_("A multi-layer perceptron: layers of units that each weigh their inputs and bend the sum, "
     "trained by gradient descent; flexible, but it needs scaled features and some tuning."),
  TRUE, TRUE,
  EASEL_ENCODE_STANDARDIZE,
  mlp_params, G_N_ELEMENTS (mlp_params),
  &mlp_ops,
};
