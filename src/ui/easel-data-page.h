/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "easel-profile-view.h"
#include "easel-table.h"

G_BEGIN_DECLS

/* A table on screen: the list of its columns, a grid of its rows and the profile of the
 * selected column, with the import's warnings above. */
#define EASEL_TYPE_DATA_PAGE (easel_data_page_get_type ())
G_DECLARE_FINAL_TYPE (EaselDataPage, easel_data_page, EASEL, DATA_PAGE, GtkWidget)

GtkWidget        *easel_data_page_new                 (void);
/* Shows 'table' (NULL clears). The selected column stays selected if the new table has
 * a column of that name; otherwise the first column is selected. */
void              easel_data_page_set_table           (EaselDataPage      *self,
                                                       EaselTable         *table);
EaselTable       *easel_data_page_get_table           (EaselDataPage      *self);
/* Whether the columns' types can be changed (the table can be read again). */
void              easel_data_page_set_can_change_types (EaselDataPage     *self,
                                                       gboolean            can_change);
/* The import's warnings, shown in a bar above the grid until dismissed; NULL hides it. */
void              easel_data_page_set_warnings        (EaselDataPage      *self,
                                                       const char * const *warnings);
const char       *easel_data_page_get_warning_text    (EaselDataPage      *self);

GtkColumnView    *easel_data_page_get_grid            (EaselDataPage      *self);
EaselProfileView *easel_data_page_get_profile_view    (EaselDataPage      *self);
void              easel_data_page_select_column       (EaselDataPage      *self,
                                                       guint               index);
/* GTK_INVALID_LIST_POSITION when no column is selected. */
guint             easel_data_page_get_selected_column (EaselDataPage      *self);

G_END_DECLS
