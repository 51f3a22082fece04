/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The multi-layer perceptron behind the "mlp" algorithm (easel-mlp.c), private to the
 * core. Its pieces are exposed so that tests can check the gradients against finite
 * differences and each optimiser's steps against hand-worked values. */

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  EASEL_MLP_SIGMOID,
  EASEL_MLP_TANH,
  EASEL_MLP_RELU,
  EASEL_MLP_LEAKY_RELU,   /* slope EASEL_MLP_LEAKY_SLOPE below zero */
} EaselMlpActivation;

/* The loss also fixes the output layer: identity (mse, mae), one sigmoid unit (bce) or a
 * softmax (cross_entropy). */
typedef enum
{
  EASEL_MLP_MSE,            /* (o − t)² */
  EASEL_MLP_MAE,            /* |o − t| */
  EASEL_MLP_BCE,            /* −t log σ(z) − (1 − t) log (1 − σ(z)), t in {0, 1} */
  EASEL_MLP_CROSS_ENTROPY,  /* −log softmax(z)[label] */
} EaselMlpLoss;

typedef enum
{
  EASEL_MLP_SGD,       /* θ −= η g */
  EASEL_MLP_MOMENTUM,  /* v = μ v + g; θ −= η v */
  EASEL_MLP_ADAGRAD,   /* G += g²; θ −= η g / (√G + ε) */
  EASEL_MLP_ADAM,      /* Kingma and Ba (2015), with bias correction */
} EaselMlpOptimizer;

#define EASEL_MLP_LEAKY_SLOPE 0.01
#define EASEL_MLP_MOMENTUM_MU 0.9
#define EASEL_MLP_ADAGRAD_EPS 1e-10
#define EASEL_MLP_ADAM_BETA1  0.9
#define EASEL_MLP_ADAM_BETA2  0.999
#define EASEL_MLP_ADAM_EPS    1e-8
#define EASEL_MLP_MAX_UNITS   4096

/* Layer l (0-based) maps sizes[l] inputs to sizes[l + 1] outputs: z = a W + b, W stored
 * row-major sizes[l] × sizes[l + 1] at params + offsets[l], b right after it. */
typedef struct
{
  guint               n_layers;     /* hidden layers + the output layer */
  guint              *sizes;        /* n_layers + 1 */
  EaselMlpActivation  activation;   /* of the hidden layers */
  EaselMlpLoss        loss;
  float              *params;
  gsize              *offsets;      /* n_layers */
  gsize               n_params;
} EaselMlpNet;

/* Zero weights; 'hidden' may be empty (n_hidden 0: a linear or logistic model). */
EaselMlpNet *easel_mlp_net_new   (guint               n_inputs,
                                  const guint        *hidden,
                                  guint               n_hidden,
                                  guint               n_outputs,
                                  EaselMlpActivation  activation,
                                  EaselMlpLoss        loss);
void         easel_mlp_net_free  (EaselMlpNet        *net);
/* Xavier (Glorot) uniform weights for sigmoid, tanh and the output layer, He uniform for
 * relu and leaky_relu; zero biases. */
void         easel_mlp_net_init  (EaselMlpNet        *net,
                                  guint64             seed);

/* Activations of up to 'max_rows' rows at a time. */
typedef struct _EaselMlpWork EaselMlpWork;

EaselMlpWork *easel_mlp_work_new  (const EaselMlpNet *net,
                                   gsize              max_rows);
void          easel_mlp_work_free (EaselMlpWork      *work);

/* Forward pass of n ≤ max_rows rows of x; returns the output layer's n × outputs
 * pre-activations (logits), valid until the next call with this work. */
const float *easel_mlp_forward   (const EaselMlpNet *net,
                                  EaselMlpWork      *work,
                                  const float       *x,
                                  gsize              n);
/* Forward and, if 'grad' is not NULL, backward pass over n ≤ max_rows rows. Targets:
 * 'target' (mse, mae: numbers; bce: 0 or 1) or 'labels' (cross_entropy). Returns Σ_i
 * loss_i, summed in double; 'grad' (n_params) gets the gradient of the batch objective
 *   (1/n) Σ_i loss_i + l2 / (2n) Σ W²   (the biases are not penalised). */
double       easel_mlp_batch     (const EaselMlpNet *net,
                                  EaselMlpWork      *work,
                                  const float       *x,
                                  gsize              n,
                                  const float       *target,
                                  const gint32      *labels,
                                  double             l2,
                                  float             *grad);

typedef struct
{
  EaselMlpOptimizer  kind;
  double             learning_rate;
  gsize              n;
  guint64            steps;
  float             *m;   /* momentum: velocity; adagrad: Σ g²; adam: first moment */
  float             *v;   /* adam: second moment */
} EaselMlpOptim;

EaselMlpOptim *easel_mlp_optim_new  (EaselMlpOptimizer  kind,
                                     double             learning_rate,
                                     gsize              n);
void           easel_mlp_optim_free (EaselMlpOptim     *optim);
/* One step of θ (n values) along the gradient g. */
void           easel_mlp_optim_step (EaselMlpOptim     *optim,
                                     float             *theta,
                                     const float       *g);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselMlpNet, easel_mlp_net_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselMlpWork, easel_mlp_work_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselMlpOptim, easel_mlp_optim_free)

G_END_DECLS
