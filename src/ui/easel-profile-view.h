/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "easel-profile.h"
#include "easel-table.h"

G_BEGIN_DECLS

/* The profile of one column: its name and type, counts, and the statistics that fit its
 * type (distribution for numbers, frequent values for categories and text, range for
 * dates). The type can be changed from a menu: the view asks with "change-type" and
 * shows the new type once the column is read again. */
#define EASEL_TYPE_PROFILE_VIEW (easel_profile_view_get_type ())
G_DECLARE_FINAL_TYPE (EaselProfileView, easel_profile_view, EASEL, PROFILE_VIEW, GtkWidget)

GtkWidget  *easel_profile_view_new                 (void);
/* Shows the column's name and type and a spinner until the profile is set; NULL clears. */
void        easel_profile_view_set_column          (EaselProfileView         *self,
                                                    const EaselColumn        *column);
/* The profile of the column last set. */
void        easel_profile_view_set_profile         (EaselProfileView         *self,
                                                    const EaselColumnProfile *profile);
gboolean    easel_profile_view_get_busy            (EaselProfileView         *self);
void        easel_profile_view_set_can_change_type (EaselProfileView         *self,
                                                    gboolean                  can_change);
/* The text shown for a statistic ("count", "missing", "distinct", "mean", "std", "min",
 * "p25", "median", "p75", "max", "skewness", "kurtosis", "zeros", "mean-length",
 * "min-length", "max-length", "earliest", "latest"; "top-N" and "top-N-count" for the N-th
 * most frequent value and its count, "other" for the rest), or NULL when it is not shown. */
const char *easel_profile_view_get_statistic       (EaselProfileView         *self,
                                                    const char               *key);

G_END_DECLS
