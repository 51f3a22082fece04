/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "easel-recipe.h"
#include "easel-step-editor.h"
#include "easel-step-preview.h"
#include "easel-table.h"

G_BEGIN_DECLS

/* Prepare: the recipe of a table as a list of steps, the form of the selected step, and a
 * preview of the first rows before and after it (or the whole recipe), changed cells
 * highlighted. Every edit can be undone. What each step does is computed on a worker thread
 * a moment after the last edit: fitted on the whole table, shown on the first rows.
 *
 * "recipe-changed" is emitted after every edit of the recipe (and undo or redo);
 * "prepared" when the prepared table of the current recipe is ready. */
#define EASEL_TYPE_PREPARE_PAGE (easel_prepare_page_get_type ())
G_DECLARE_FINAL_TYPE (EaselPreparePage, easel_prepare_page, EASEL, PREPARE_PAGE, GtkWidget)

/* Rows shown in the preview. */
#define EASEL_PREPARE_PREVIEW_ROWS 50

GtkWidget         *easel_prepare_page_new                (void);
/* The table the recipe prepares. The recipe stays; its steps are checked anew. */
void               easel_prepare_page_set_table          (EaselPreparePage  *self,
                                                          EaselTable        *table);
EaselTable        *easel_prepare_page_get_table          (EaselPreparePage  *self);

/* The recipe as edited, disabled steps included. */
const EaselRecipe *easel_prepare_page_get_recipe         (EaselPreparePage  *self);
/* Replaces the recipe (an undoable edit). */
void               easel_prepare_page_set_recipe         (EaselPreparePage  *self,
                                                          const EaselRecipe *recipe);
/* The enabled steps as a recipe file (as `easel-cli prepare --recipe` reads). */
char              *easel_prepare_page_get_recipe_json    (EaselPreparePage  *self);

/* Edits, each undoable. Steps are counted from 0. */
void               easel_prepare_page_add_step           (EaselPreparePage  *self,
                                                          EaselStep         *step);
/* One step as JSON ({"op": ..., ...}); FALSE with 'error' set if it is not one. */
gboolean           easel_prepare_page_add_step_json      (EaselPreparePage  *self,
                                                          const char        *json,
                                                          GError           **error);
/* 'value' as JSON; NULL unsets the parameter. */
gboolean           easel_prepare_page_set_step_param     (EaselPreparePage  *self,
                                                          guint              index,
                                                          const char        *name,
                                                          const char        *value);
void               easel_prepare_page_move_step          (EaselPreparePage  *self,
                                                          guint              from,
                                                          guint              to);
void               easel_prepare_page_set_step_enabled   (EaselPreparePage  *self,
                                                          guint              index,
                                                          gboolean           enabled);
void               easel_prepare_page_remove_step        (EaselPreparePage  *self,
                                                          guint              index);
gboolean           easel_prepare_page_undo               (EaselPreparePage  *self);
gboolean           easel_prepare_page_redo               (EaselPreparePage  *self);
gboolean           easel_prepare_page_can_undo           (EaselPreparePage  *self);
gboolean           easel_prepare_page_can_redo           (EaselPreparePage  *self);

/* The step whose form and preview are shown; -1 for none. */
void               easel_prepare_page_select_step        (EaselPreparePage  *self,
                                                          int                index);
int                easel_prepare_page_get_selected_step  (EaselPreparePage  *self);
/* Whether the preview compares the table before and after the whole recipe rather than
 * the selected step. */
void               easel_prepare_page_set_preview_whole  (EaselPreparePage  *self,
                                                          gboolean           whole);

/* Whether the steps are being checked and previewed (or about to be). */
gboolean           easel_prepare_page_get_busy           (EaselPreparePage  *self);
/* What the last computation found; NULL while busy or without a table. */
EaselStepPreview  *easel_prepare_page_get_preview        (EaselPreparePage  *self);
/* What the preview grid shows; NULL when it shows nothing. */
EaselPreviewDiff  *easel_prepare_page_get_preview_diff   (EaselPreparePage  *self);
/* The inline error shown on a step, or NULL. */
const char        *easel_prepare_page_get_step_error     (EaselPreparePage  *self,
                                                          guint              index);
/* The line under a step saying what it did, or NULL. */
const char        *easel_prepare_page_get_step_effect    (EaselPreparePage  *self,
                                                          guint              index);
/* The table prepared by the current recipe (fitted on the whole table), and the fitted
 * recipe; NULL while busy, without a table, or while a step is in error. */
EaselTable        *easel_prepare_page_get_prepared_table (EaselPreparePage  *self);
EaselRecipe       *easel_prepare_page_get_fitted_recipe  (EaselPreparePage  *self);

/* Files: a recipe as JSON, the prepared table as CSV (written on a worker thread). */
gboolean           easel_prepare_page_load_recipe        (EaselPreparePage  *self,
                                                          GFile             *file,
                                                          GError           **error);
gboolean           easel_prepare_page_save_recipe        (EaselPreparePage  *self,
                                                          GFile             *file,
                                                          GError           **error);
void               easel_prepare_page_export_async       (EaselPreparePage  *self,
                                                          GFile             *file,
                                                          GCancellable      *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer           user_data);
gboolean           easel_prepare_page_export_finish      (EaselPreparePage  *self,
                                                          GAsyncResult      *result,
                                                          GError           **error);

EaselStepEditor   *easel_prepare_page_get_editor         (EaselPreparePage  *self);
GtkListBox        *easel_prepare_page_get_step_list      (EaselPreparePage  *self);
GtkColumnView     *easel_prepare_page_get_preview_view   (EaselPreparePage  *self);
GtkWidget         *easel_prepare_page_get_add_button     (EaselPreparePage  *self);
/* The catalogue's search entry: Enter adds the first step that matches. */
GtkWidget         *easel_prepare_page_get_catalog_search (EaselPreparePage  *self);
/* Adds a step of 'op' as the catalogue does (with the first choice of required choices). */
gboolean           easel_prepare_page_add_step_from_catalog (EaselPreparePage *self,
                                                             const char       *op);

G_END_DECLS
