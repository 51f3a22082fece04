/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The loss curve of a fit as it runs: a line chart of the plot library drawn on the main
 * thread (a few thousand points at most), so that it can change many times a second
 * without a worker round trip. Validation losses that are NaN are left out. */
#define EASEL_TYPE_BUILD_CURVE (easel_build_curve_get_type ())
G_DECLARE_FINAL_TYPE (EaselBuildCurve, easel_build_curve, EASEL, BUILD_CURVE, GtkWidget)

GtkWidget *easel_build_curve_new            (void);
/* Shows these points (copied) in place of the previous ones; n = 0 clears. */
void       easel_build_curve_set_points     (EaselBuildCurve *self,
                                             const double    *iterations,
                                             const double    *train_loss,
                                             const double    *valid_loss,
                                             gsize            n);
gsize      easel_build_curve_get_n_points   (EaselBuildCurve *self);

G_END_DECLS
