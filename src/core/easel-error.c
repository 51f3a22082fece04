/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

#include "easel-error.h"

G_DEFINE_QUARK (easel-error-quark, easel_error)
