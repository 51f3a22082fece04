/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "easel-insights.h"
#include "easel-table.h"

G_BEGIN_DECLS

/* Explore's Insights: the problems found in the data, grouped by severity, each linking to
 * its column; with a column to predict, how well each other column predicts it on its own,
 * strongest first. Computed on a worker thread the first time the view is shown, and again
 * when the column to predict changes. */
#define EASEL_TYPE_INSIGHTS_VIEW (easel_insights_view_get_type ())
G_DECLARE_FINAL_TYPE (EaselInsightsView, easel_insights_view, EASEL, INSIGHTS_VIEW, GtkWidget)

GtkWidget           *easel_insights_view_new              (void);
void                 easel_insights_view_set_table        (EaselInsightsView *self,
                                                           EaselTable        *table);
/* The column to predict, by name; NULL for none. FALSE if there is no such column. */
gboolean             easel_insights_view_set_target       (EaselInsightsView *self,
                                                           const char        *target);
const char          *easel_insights_view_get_target       (EaselInsightsView *self);
gboolean             easel_insights_view_get_busy         (EaselInsightsView *self);
/* The insights shown; NULL while they are computed. */
const EaselInsights *easel_insights_view_get_insights     (EaselInsightsView *self);
/* The group of rows for a severity, or NULL when it has no warnings. */
AdwPreferencesGroup *easel_insights_view_get_group        (EaselInsightsView *self,
                                                           EaselSeverity      severity);
/* The rows of the warnings, most severe first (AdwActionRow). */
GPtrArray           *easel_insights_view_get_warning_rows (EaselInsightsView *self);
/* The predictive power list: rows, strongest first. */
guint                easel_insights_view_get_n_power_rows (EaselInsightsView *self);
const char          *easel_insights_view_get_power_column (EaselInsightsView *self,
                                                           guint              index);
double               easel_insights_view_get_power_value  (EaselInsightsView *self,
                                                           guint              index);
AdwComboRow         *easel_insights_view_get_target_row   (EaselInsightsView *self);

G_END_DECLS
