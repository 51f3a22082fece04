/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Threads: OpenMP owns the cores and BLAS runs single-threaded inside each OpenMP task, so
 * the two thread pools never compete. Call this once before any BLAS call (it is cheap
 * after the first time). */
void easel_blas_init (void);

G_END_DECLS
