/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

#include <cblas.h>

#include "easel-blas.h"

void easel_blas_init (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      openblas_set_num_threads (1);
      g_once_init_leave (&once, 1);
    }
}
